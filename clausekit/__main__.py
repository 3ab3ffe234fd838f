"""``python -m clausekit``."""

from clausekit.cli import main

if __name__ == "__main__":
    main()
