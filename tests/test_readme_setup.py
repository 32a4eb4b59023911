"""README: the install commands are what works on a fresh machine, and `.env.example` lists every setting.

* A machine whose `python3` is older than the project allows (Ubuntu 22.04 and Debian 11 ship 3.10) stops at the
  install with pip's "requires a different Python": the README says which Python it takes before its commands.
* `.env.example` ("lists each with its default") names every variable the code reads from the environment,
  and says of one read only from the environment that a line in `.env` does nothing.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _section(readme: str, title: str) -> str:
    start = readme.index(f"\n## {title}\n")
    end = readme.find("\n## ", start + 1)
    return readme[start:end]


def test_the_readme_says_which_python_the_install_takes_before_its_commands() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    found = re.fullmatch(r">=\s*(\d+)\.(\d+)", project["requires-python"])
    assert found, project["requires-python"]
    needed = f"Python {found[1]}.{found[2]} or later"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for title in ("Run the bot", "Run the tests"):
        section = _section(readme, title)
        command = section.index("python3 -m venv")
        assert needed in section[:command], f"{title!r} does not say {needed!r} before its command"


def _names_read_from_the_environment() -> set[str]:
    """Every quoted setting name in the bot's code (``get("TUTOR_LOG_LEVEL")``, ``os.environ.get(...)``), but
    names of Python constants (``TUTORBOT_FIELD = ...``)."""
    names: set[str] = set()
    constants: set[str] = set()
    for path in [*(ROOT / "bot").rglob("*.py"), *(ROOT / "cogs").rglob("*.py")]:
        text = path.read_text(encoding="utf-8")
        names.update(re.findall(r"[\"']((?:TUTOR|TUTORBOT)_[A-Z0-9_]+|DISCORD_TOKEN)[\"']", text))
        constants.update(re.findall(r"(?m)^([A-Z][A-Z0-9_]*)\s*(?::[^=\n]*)?=", text))
    return names - constants


def test_env_example_names_every_variable_the_code_reads() -> None:
    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    read = _names_read_from_the_environment()
    assert {"DISCORD_TOKEN", "TUTOR_DB_PATH", "TUTOR_WRITER_PROCESS", "TUTORBOT_PURE_PYTHON"} <= read
    listed = set(re.findall(r"(?m)^#?\s*([A-Z][A-Z0-9_]*)=", example))
    assert sorted(read - listed) == []


def test_a_variable_read_only_from_the_environment_says_so_in_env_example() -> None:
    """`TUTORBOT_PURE_PYTHON` picks the grader when the program starts, before `.env` is read: a line in `.env`
    would silently do nothing, so the example leaves it commented and says where to set it."""
    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    assert not re.search(r"(?m)^TUTORBOT_PURE_PYTHON=", example)
    block = example[: example.index("# TUTORBOT_PURE_PYTHON=")].rsplit("\n\n", 1)[-1]
    assert "environment" in block and "not from this file" in block
