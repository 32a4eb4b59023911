"""Terminals and pipes that are not UTF-8.

* Output: on a terminal whose encoding is not UTF-8 (a Latin-1 locale such as ``en_US.ISO-8859-1``, or output
  redirected to a file on Windows, in the ANSI code page), the commands that print one of tutorbot's marks
  (``✅``, ``—``, ``·``) still print (a mark the terminal cannot show as "?"). ``PYTHONIOENCODING=latin-1`` gives
  Python exactly that stdout.
* Input: under an ordinary UTF-8 locale (``LANG=en_US.UTF-8``, where Python decodes stdin strictly:
  ``PYTHONIOENCODING=utf-8:strict`` reproduces it here), one Latin-1 line in the input of ``tutorbot grade
  --jsonl`` gets ``{"error": ...}`` and the other lines still run (README).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def cli(tmp_path: Path, *args: str, encoding: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TUTOR_")}
    env.update(
        PYTHONPATH=str(ROOT),
        PYTHONIOENCODING=encoding,
        TUTOR_DB_PATH=str(tmp_path / "tutor.sqlite3"),
        TUTOR_CARDS_DIR=str(ROOT / "cards"),
    )
    return subprocess.run(
        [sys.executable, "-m", "bot", *args], cwd=tmp_path, env=env, input=stdin, capture_output=True, timeout=120
    )


@pytest.mark.parametrize(
    "args",
    [
        ("validate", str(ROOT / "cards")),
        ("define", "attention"),
        ("grade", "--deck", str(ROOT / "cards" / "genai-basics.yaml"), "--card", "temperature", "temperature"),
    ],
    ids=["validate", "define", "grade-card"],
)
def test_a_latin1_terminal_gets_the_output_not_a_traceback(tmp_path: Path, args: tuple[str, ...]) -> None:
    proc = cli(tmp_path, *args, encoding="latin-1")
    err = proc.stderr.decode("latin-1")
    assert "Traceback" not in err and "UnicodeEncodeError" not in err, err
    assert proc.returncode == 0, err
    assert proc.stdout.strip(), "nothing printed"


def test_grade_jsonl_on_a_latin1_terminal_writes_every_line(tmp_path: Path) -> None:
    lines = b'{"accept": ["L2"], "response": "L2"}\n{"accept": ["L2"], "response": "L1"}\n'
    proc = cli(tmp_path, "grade", "--jsonl", encoding="latin-1", stdin=lines)
    err = proc.stderr.decode("latin-1")
    assert "Traceback" not in err, err
    assert proc.returncode == 0
    assert len(proc.stdout.splitlines()) == 2


def test_grade_jsonl_a_line_that_is_not_utf8_is_an_error_line_and_the_rest_still_run(tmp_path: Path) -> None:
    latin1 = '{"accept": ["café"], "response": "café"}\n'.encode("latin-1")
    good = b'{"accept": ["L2"], "response": "L2"}\n'
    proc = cli(tmp_path, "grade", "--jsonl", encoding="utf-8:strict", stdin=latin1 + good)
    err = proc.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err, err
    assert proc.returncode == 0, err
    out = [json.loads(line) for line in proc.stdout.decode("utf-8").splitlines()]
    assert len(out) == 2, out
    assert "error" in out[0] or out[0].get("verdict") == "correct"
    assert out[1]["verdict"] == "correct"
