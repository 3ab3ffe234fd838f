"""A draft for reading: its view data (``view``: what every format says) and the Word writer
(``docx``); Markdown, HTML and text are templates laid over the same view."""
