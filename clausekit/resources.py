"""Where the data that ships with clausekit lives: the grammar, the templates, the reference drafts.

They sit at the top of the repository (``grammar/``, ``templates/``, ``drafts/reference/``) so
that people find them, and the wheel carries them inside the package (``force-include`` in
pyproject.toml). So a folder is looked for inside the installed package first, then in the
checkout the package was imported from, as an editable install or a test run is. No symbolic
links are needed, so a checkout on a file system without them (Windows) works too.
"""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

# Name inside the package -> folder in a checkout, from the repository's root.
CHECKOUT_FOLDERS = {"grammar": "grammar", "templates": "templates", "reference": "drafts/reference"}


def resource(name: str) -> Traversable:
    """The folder ``name`` (``grammar``, ``templates`` or ``reference``) of the installed package."""
    packaged = resources.files("clausekit").joinpath(name)
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / CHECKOUT_FOLDERS[name]
