"""`tutorbot grade --jsonl` on hostile input: a line whose text holds a lone surrogate (valid JSON: "\\ud800") is
answered on its own line, and the lines after it still run (README: "the other lines still run", exit 0)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_a_lone_surrogate_in_a_line_does_not_stop_the_lines_after_it() -> None:
    lines = [
        json.dumps({"accept": ["L2"], "response": "L2"}),
        # ("\ud800" written by json.dumps as the escape "\\ud800": the line is valid JSON)
        json.dumps({"accept": ["temperature\ud800"], "response": "temprature"}),
        json.dumps({"accept": ["L2"], "reject": ["L1\ud800"], "response": "L1"}),
        json.dumps({"accept": ["L2"], "response": "L2"}),
    ]
    proc = subprocess.run(
        [sys.executable, "-m", "bot", "grade", "--jsonl"],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        timeout=120,
    )
    assert "Traceback" not in proc.stderr, proc.stderr[-600:]
    assert proc.returncode == 0
    out = [json.loads(x) for x in proc.stdout.splitlines()]
    assert len(out) == 4, out  # one output line per input line, in order
    assert out[0]["verdict"] == out[3]["verdict"] == "correct"
    for o in out[1:3]:
        assert "verdict" in o or "error" in o
