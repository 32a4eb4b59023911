"""Builds tutorbot; the grader (``bot/core/grading``) is compiled to C with mypyc when it can be.

Everything is configured in ``pyproject.toml``; this file only adds the grader's compiled modules. They are
the same Python modules, typed, compiled: verdicts are the same, about twice as fast. Without a C compiler (or
with ``TUTORBOT_PURE_PYTHON=1`` set at install time) the build leaves them out and the grader runs as Python.
``bot/core/grading/_native.py`` decides at import which one runs (``TUTORBOT_PURE_PYTHON=1`` at run time, or a
source file changed since the build, gives the Python one).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from setuptools import setup

GRADING = Path("bot/core/grading")
#: Not compiled: the package's ``__init__`` and ``_native`` choose which grader is imported.
PURE = {"__init__.py", "_native.py"}


def grading_extensions() -> list:
    if os.environ.get("TUTORBOT_PURE_PYTHON"):
        return []
    try:
        from mypyc.build import mypycify
    except ImportError:
        return []
    modules = sorted(str(p) for p in GRADING.glob("*.py") if p.name not in PURE)
    try:
        # A library per module, built two at a time: about a minute instead of two for one library, the
        # grader 10-15% slower than as one (calls between modules are not inlined).
        extensions = mypycify(modules, opt_level="3", separate=True)
    except (Exception, SystemExit) as exc:  # a type error mypyc cannot compile: build the pure grader
        sys.stderr.write(f"tutorbot: the grader is not compiled ({exc}); it runs as Python\n")
        return []
    for extension in extensions:
        extension.optional = True  # no C compiler: the build goes on without them
    # Largest C source first: the two build threads then finish together, instead of one compiling the
    # largest module (verdicts, last by name) alone at the end (about 85 s in all instead of 120).
    return sorted(extensions, key=lambda e: -sum(os.path.getsize(s) for s in e.sources if os.path.exists(s)))


setup(ext_modules=grading_extensions(), options={"build_ext": {"parallel": 2}})
