"""`tutorbot grade` fed by a person or a script making mistakes: each bad input line names its line number, the
field and what it held; a line nested too deeply is bad JSON, not an "internal error"; a half-given card try
says what is missing. And every option the README's command table gives is one `--help` lists."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import grade as grade_cli
from bot.cli import main

ROOT = Path(__file__).resolve().parents[1]


def run_text(text: str) -> list[dict]:
    out = io.StringIO()
    assert grade_cli.run_jsonl(io.StringIO(text), out) == 0
    return [json.loads(x) for x in out.getvalue().splitlines()]


def test_each_error_names_its_line_the_field_and_what_it_held() -> None:
    lines = [
        json.dumps({"accept": ["L2"], "response": "L2"}),
        "",  # blank: skipped, but counted
        "not json",
        json.dumps([1, 2]),
        json.dumps({"accept": ["L2"], "response": 3}),
        json.dumps({"accept": ["L2", None], "response": "L2"}),
        json.dumps({"accept": {"a": 1}, "response": "L2"}),
        json.dumps({"accept": ["L2"]}),
        json.dumps({"accept": ["L2"], "question": 7, "response": "L2"}),
        json.dumps({"keypoints": ["penalty", "|"], "response": "a penalty"}),
    ]
    out = run_text("\n".join(lines) + "\n")
    assert len(out) == 9 and out[0]["verdict"] == "correct" and "line" not in out[0]
    assert [o["line"] for o in out[1:]] == [3, 4, 5, 6, 7, 8, 9, 10]
    errors = [o["error"] for o in out[1:]]
    assert errors[0].startswith("invalid JSON")
    assert errors[1] == "each line must be a JSON object, not a list"
    assert errors[2] == '"response" must be a string, not a number'
    assert errors[3] == '"accept" must be a list of strings, but it holds null'
    assert errors[4] == '"accept" must be a list of strings, not an object'
    assert errors[5] == '"response" is missing: give what the player typed'
    assert errors[6] == '"question" must be a string, not a number'
    assert errors[7] == '"keypoints" item 2 has no words to look for'  # (not "None of the 0 key points")


def test_a_line_nested_too_deeply_is_bad_json_and_the_next_line_still_runs() -> None:
    deep = "[" * 100_000 + "]" * 100_000
    out = run_text(deep + "\n" + json.dumps({"accept": ["attention"], "response": "attention"}) + "\n")
    assert out[0] == {"error": "invalid JSON: nested too deeply", "line": 1}
    assert out[1]["verdict"] == "correct"


def test_the_line_numbers_hold_for_real_standard_input(tmp_path: Path) -> None:
    cases = tmp_path / "cases.jsonl"
    cases.write_bytes(b'{"accept": ["x"], "response": "x"}\n\n\xff\xfe\n{"response": 1, "accept": ["x"]}\n')
    with cases.open("rb") as stdin:
        done = subprocess.run(
            [sys.executable, "-m", "bot", "grade", "--jsonl"], stdin=stdin, capture_output=True, cwd=ROOT,
            timeout=120,
        )
    assert done.returncode == 0 and b"Traceback" not in done.stderr
    out = [json.loads(line) for line in done.stdout.decode().splitlines()]
    assert [o.get("line") for o in out] == [None, 3, 4]


def test_a_card_try_without_its_answer_says_what_is_missing(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["grade", "--deck", str(ROOT / "cards" / "genai-basics.yaml"), "--card", "temperature"]) == 2
    err = capsys.readouterr().err
    assert "trying a card needs the typed answer" in err and "Traceback" not in err
    assert main(["grade", "--card", "temperature", "low"]) == 2
    assert "trying a card needs --deck FILE too" in capsys.readouterr().err


def help_text(command: str, capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit):
        main([command, "--help"])
    return " ".join(capsys.readouterr().out.split())


def test_every_option_of_the_readme_command_table_is_in_help(capsys: pytest.CaptureFixture[str]) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("## The command line", 1)[1].split("###", 1)[0]
    rows = re.findall(r"^\| `tutorbot (\w+)([^`]*)` \|", table, flags=re.M)
    assert {name for name, _ in rows} >= {"run", "validate", "import", "grade", "migrate", "quiz", "review"}
    for name, usage in rows:
        shown = help_text(name, capsys)
        for option in re.findall(r"(?<![\w-])(--?[a-z][\w-]*)", usage):
            assert option in shown, (name, option)


def test_quiz_help_names_choice_mode_without_promising_four_options(capsys: pytest.CaptureFixture[str]) -> None:
    shown = help_text("quiz", capsys)
    assert "--mode {typed,choice}" in shown and "four" not in shown
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "`tutorbot quiz [--topic T] [--questions N] [--mode typed\\|choice]`" in readme
