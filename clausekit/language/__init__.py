"""The clause language: its lexical patterns (``syntax``), reading files (``source``), the line
lexer, inline markup, the parser (text -> ``Draft``) and the formatter (``Draft`` -> text)."""
