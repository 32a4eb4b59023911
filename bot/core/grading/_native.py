"""Which grader runs: its compiled modules or the Python sources beside them.

The install compiles the grader's modules with mypyc (``setup.py``): the same typed Python, as C, giving the
same verdicts about twice as fast. Python imports a compiled module before the source of the same name; this
module is imported by the package first and sends the grader's imports to the sources instead when

- ``TUTORBOT_PURE_PYTHON`` is set (to anything but ``""`` or ``0``);
- a source is newer than the compiled modules (it changed after the install: the compiled code would be an old
  grader; a warning says to reinstall).

Without compiled modules (no C compiler at install) the sources are what Python finds anyway.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import importlib.util
import os
import sys
import warnings
from collections.abc import Sequence
from importlib.machinery import ModuleSpec
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).resolve().parent
PACKAGE = __name__.rpartition(".")[0]
#: The modules that stay Python in every build (they choose the grader).
PURE = frozenset({"__init__", "_native"})
#: A source this much newer than the compiled modules is taken as changed (files of one install are written
#: within moments of each other, in any order).
SLACK_SECONDS = 2.0


def _compiled() -> dict[str, Path]:
    """The grader's modules that have a compiled form here: name -> its file."""
    found: dict[str, Path] = {}
    for suffix in importlib.machinery.EXTENSION_SUFFIXES:
        for path in HERE.glob("*" + suffix):
            name = path.name[: -len(suffix)]
            if name not in PURE and (HERE / f"{name}.py").is_file():
                found.setdefault(name, path)
    return found


def _stale(compiled: dict[str, Path]) -> list[str]:
    """The sources changed since the compiled modules were built (a new source counts too)."""
    if not compiled:
        return []
    built = min(path.stat().st_mtime for path in compiled.values())
    return sorted(
        source.name
        for source in HERE.glob("*.py")
        if source.stem not in PURE and source.stat().st_mtime > built + SLACK_SECONDS
    )


class _Sources(importlib.abc.MetaPathFinder):
    """Finds the grader's modules as their Python sources, ahead of the compiled ones."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        package, _, name = fullname.rpartition(".")
        if package != PACKAGE:
            return None
        source = HERE / f"{name}.py"
        return importlib.util.spec_from_file_location(fullname, source) if source.is_file() else None


def _choose() -> str:
    compiled = _compiled()
    if not compiled:
        return "python"
    if os.environ.get("TUTORBOT_PURE_PYTHON", "") not in ("", "0"):
        reason = ""
    else:
        stale = _stale(compiled)
        if not stale:
            return "compiled"
        reason = ", ".join(stale[:3]) + (" ..." if len(stale) > 3 else "")
        warnings.warn(
            f"the compiled grader is older than its sources ({reason}); grading runs as Python "
            "until the project is installed again (pip install -e .)",
            RuntimeWarning,
            stacklevel=2,
        )
    sys.meta_path.insert(0, _Sources())
    return "python"


#: ``"compiled"`` or ``"python"``: the grader this process runs.
KIND = _choose()
