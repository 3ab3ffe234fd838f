"""Modules that can be called like their main function.

The API promises ``clausekit.diff(old, new)``, ``clausekit.render(draft, "docx")``,
``clausekit.compare(drafts)`` and ``clausekit.library()``, while ``clausekit.diff`` is
also a package and the others modules: once a submodule is imported, Python binds its
name on the parent package, replacing any function of that name. So these modules
are made callable instead, and both readings agree.
"""

from __future__ import annotations

import sys
import types
from typing import Any


def make_module_callable(module_name: str, function_name: str) -> None:
    """Calling the module ``module_name`` calls its function ``function_name``."""

    class CallableModule(types.ModuleType):
        def __call__(self, *args: Any, **kwargs: Any) -> Any:
            return getattr(self, function_name)(*args, **kwargs)

    CallableModule.__name__ = f"CallableModule[{module_name}.{function_name}]"
    sys.modules[module_name].__class__ = CallableModule
