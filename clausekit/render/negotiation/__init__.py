"""What negotiation reports look like: open brackets (``brackets``), guarantees against the
clauses they mirror (``mirror``)."""
