"""tutorbot's discord.py extensions. Each loads into any ``commands.Bot`` with ``await bot.load_extension``.

The extensions import tutorbot's own package ``bot`` (the core and the settings). A host bot's main script is
often called ``bot.py``, and the folder of the script a program runs comes first on ``sys.path``: ``import bot``
would find the host's script, run it a second time (its top level: another bot built, maybe started) and then
fail with "'bot' is not a package". So before anything imports it, ``bot`` is looked up without being run, and
when it is not tutorbot's the extension refuses to load, naming the module that hides it.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _check_core_package() -> None:
    # Compared as files, not as folder names: tutorbot may be installed as a tree of links to its files (a build
    # tool's run tree, a strict editable install), where this file's folder, followed, is not where ``bot`` is found.
    ours = Path(__file__).parent.parent / "bot" / "__init__.py"
    if not ours.is_file():
        return  # not installed as files (a zip, a frozen program): nothing to compare with
    loaded = sys.modules.get("bot")
    if loaded is not None:
        paths, origin = list(getattr(loaded, "__path__", None) or []), getattr(loaded, "__file__", None)
    else:
        spec = importlib.util.find_spec("bot")
        paths = list(spec.submodule_search_locations or []) if spec is not None else []
        origin = spec.origin if spec is not None else None
    if any(_same_file(Path(p) / "__init__.py", ours) for p in paths):
        return
    where = origin or (paths[0] if paths else "another module")
    raise ImportError(
        f"tutorbot's cogs need tutorbot's package 'bot', but 'import bot' finds {where} first (the folder of the "
        "script you run comes first on sys.path). Rename that module or folder (main.py instead of bot.py, for "
        "example) so that tutorbot's cogs can load.",
        name="bot",
    )


_check_core_package()
