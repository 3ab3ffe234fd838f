"""clausekit inside other tools: git's external diff driver (``gitdiff``) and Pygments
highlighting (``pygments_lexer``)."""
