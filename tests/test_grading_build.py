"""The grader as installed: compiled with mypyc when the install could, the Python sources otherwise.

Compiled, it must be the same grader: every verdict (kind, score, reason and every parameter the feedback
words) on the labelled answers and on realistic answers to every card of ``cards/`` is the one the Python
grader gives. A source changed after the install, or ``TUTORBOT_PURE_PYTHON=1``, runs the sources instead (a
stale compiled grader would grade by old rules).

Without a compiled grader (no C compiler at install) these tests are skipped, unless
``TUTOR_REQUIRE_COMPILED`` is set (CI sets it): then they fail.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.core.grading import _native

ROOT = Path(__file__).resolve().parents[1]

if not _native._compiled():
    if os.environ.get("TUTOR_REQUIRE_COMPILED"):
        pytest.fail("the grader was not compiled at install (TUTOR_REQUIRE_COMPILED is set)", pytrace=False)
    pytest.skip("the grader was not compiled at install (no C compiler?)", allow_module_level=True)


def _run(args: list[str], *, cwd: Path = ROOT, pure: bool = False, path: Path | None = None) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("TUTORBOT_PURE_PYTHON", "PYTHONPATH")}
    if pure:
        env["TUTORBOT_PURE_PYTHON"] = "1"
    if path is not None:
        env["PYTHONPATH"] = str(path)
    done = subprocess.run(
        [sys.executable, "-W", "always", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout + done.stderr


def test_the_compiled_grader_gives_every_verdict_the_python_grader_gives() -> None:
    compiled = _run(["bench/dump_verdicts.py"]).splitlines()
    python = _run(["bench/dump_verdicts.py"], pure=True).splitlines()
    assert compiled[0] == '{"grader": "compiled"}'
    assert python[0] == '{"grader": "python"}'
    assert len(compiled) > 12_000
    differ = [(a, b) for a, b in zip(compiled[1:], python[1:], strict=True) if a != b]
    assert not differ, differ[:3]


WHICH = (
    "import bot.core.grading as g, bot.core.grading.verdicts as v; "
    "print(g.BUILD, 'source' if v.__file__.endswith('.py') else 'extension')"
)


def test_pure_python_at_run_time_imports_the_sources() -> None:
    assert _run(["-c", WHICH]).split()[:2] == ["compiled", "extension"]
    assert _run(["-c", WHICH], pure=True).split()[:2] == ["python", "source"]


def test_a_source_changed_after_the_install_is_graded_as_python_with_a_warning(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "bot", tmp_path / "bot", ignore=shutil.ignore_patterns("__pycache__"))
    assert _run(["-c", WHICH], cwd=tmp_path, path=tmp_path).split()[:2] == ["compiled", "extension"]

    source = tmp_path / "bot" / "core" / "grading" / "typos.py"
    later = time.time() + 60
    os.utime(source, (later, later))
    out = _run(["-c", WHICH], cwd=tmp_path, path=tmp_path)
    assert out.split()[:2] == ["python", "source"]
    assert "the compiled grader is older than its sources (typos.py)" in out
    assert "pip install -e ." in out
