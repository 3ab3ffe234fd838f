"""What negotiators do with drafts: open brackets (``brackets``), one delegation's side of them
(``accept``), a guarantee against the treaty clause it mirrors (``mirror``), and the compilation
text of several drafts (``compilation``)."""
