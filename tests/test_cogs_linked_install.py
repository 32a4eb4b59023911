"""tutorbot installed as a tree of links to its files: a build tool's run tree (Bazel's runfiles link each source
file), or setuptools' strict editable install (``pip install -e . --config-settings editable_mode=strict``, a
folder of links to the project's files). ``import bot`` finds tutorbot's own package there, through the links, and
the cogs load. They refused before: the check that ``bot`` is tutorbot's compared the folder the cogs' file links
to (the project) with the folder of the links, and said another module hid tutorbot's package."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def link_tree(source: Path, target: Path) -> None:
    """``target``: the folders of ``source``, each file in them a symbolic link to the file in ``source``."""
    for folder, dirs, files in os.walk(source):
        dirs[:] = [d for d in dirs if d != "__pycache__"]
        here = target / Path(folder).relative_to(source)
        here.mkdir(parents=True, exist_ok=True)
        for name in files:
            (here / name).symlink_to(Path(folder) / name)


def test_the_cogs_load_from_a_tree_of_links(tmp_path: Path) -> None:
    tree = tmp_path / "runfiles"
    for package in ("bot", "cogs"):
        link_tree(ROOT / package, tree / package)
    env = {k: v for k, v in os.environ.items() if not k.startswith("TUTOR_")}
    env.update(PYTHONPATH=str(tree), PYTHONDONTWRITEBYTECODE="1")
    done = subprocess.run(
        [sys.executable, "-c", "import cogs.quiz, bot; print('loaded', bot.__file__)"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert f"loaded {tree / 'bot' / '__init__.py'}" in done.stdout, done.stdout
