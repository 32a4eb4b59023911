"""`tutorbot quiz` driven through stdin: right, almost, wrong, EOF — on the same database as the bot."""

from __future__ import annotations

import io
import sqlite3
from pathlib import Path

import pytest

from bot.cli import main

ROOT = Path(__file__).resolve().parents[1]
BERT = "Bidirectional Encoder Representations from Transformers"  # right in both directions


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "cli.sqlite3"
    monkeypatch.setenv("TUTOR_DB_PATH", str(path))
    monkeypatch.setenv("TUTOR_CARDS_DIR", str(ROOT / "tests" / "data" / "decks"))
    monkeypatch.setenv("USER", "deckauthor")
    monkeypatch.chdir(tmp_path)  # no .env here
    return path


def run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], stdin: str, *args: str) -> tuple[int, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(["quiz", *args])
    return code, capsys.readouterr().out


def stored(db: Path) -> list[tuple]:
    con = sqlite3.connect(db)
    try:
        return con.execute("SELECT user_id, user_name, verdict, points, source, guild_id FROM attempts ORDER BY id").fetchall()
    finally:
        con.close()


def test_a_right_answer_scores_and_the_summary_follows(db, monkeypatch, capsys) -> None:
    code, out = run(monkeypatch, capsys, f"{BERT}\n", "--topic", "nlp", "--questions", "1")
    assert code == 0
    assert "Practice: 1 question on nlp" in out and "Question 1/1" in out
    assert "✅ Correct  +10 points" in out
    assert f"Answer: {'BERT' if 'which term' in out else BERT}" in out
    assert "Practice over: 1/1 questions" in out and "1 right of 1 answers (100%), 10 points" in out
    assert stored(db) == [(0, "deckauthor", "correct", 10, "practice", None)]


def test_almost_costs_no_try_then_wrong_answers_use_them_up(db, monkeypatch, capsys) -> None:
    answers = "Bidirectional Encoder Representations\n" + "GPT\n" * 3
    code, out = run(monkeypatch, capsys, answers, "--topic", "nlp", "--questions", "1")
    assert code == 0
    assert "Almost" in out and "(3 tries left)" in out
    assert "(2 tries left)" in out and "(1 try left)" in out
    assert "Answer:" in out  # out of tries: the reveal
    assert "0 right of 4 answers (0%), 0 points" in out
    assert [r[2] for r in stored(db)] == ["almost", "wrong", "wrong", "wrong"]


def test_end_of_input_ends_cleanly_with_the_summary(db, monkeypatch, capsys) -> None:
    code, out = run(monkeypatch, capsys, "temperature\n", "--topic", "llms", "--questions", "3")
    assert code == 0
    assert "llms has only 1 card to ask" in out
    assert "Practice over: 1/1 questions" in out
    code, out = run(monkeypatch, capsys, "", "--topic", "training", "--questions", "2")
    assert code == 0
    assert "Practice stopped: 1/2 questions" in out and "No answers." in out
    con = sqlite3.connect(db)
    statuses = [r[0] for r in con.execute("SELECT status FROM quizzes ORDER BY created_at, rowid")]
    con.close()
    assert statuses == ["finished", "stopped"]


def test_hint_skip_and_choice_mode(db, monkeypatch, capsys) -> None:
    code, out = run(monkeypatch, capsys, ":hint\n:skip\n", "--topic", "llms", "--questions", "1")
    assert code == 0
    assert "Hint 1/3: t··········" in out and "Answer: temperature" in out
    code, out = run(monkeypatch, capsys, "Z\nA\n", "--topic", "llms", "--mode", "choice", "--questions", "1")
    assert code == 0
    assert "A) " in out and "D) " in out and "Type a letter" in out
    # One pick: it is graded, scored (5 points in choice mode) and the reveal follows at once.
    right = "A) temperature" in out
    assert ("✅ Correct  +5 points" in out) if right else ("❌ Wrong" in out)
    assert "Answer: temperature" in out
    assert [r[2:4] for r in stored(db)][-1] == (("correct", 5) if right else ("wrong", 0))


def test_an_unknown_topic_is_an_error(db, monkeypatch, capsys) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["quiz", "--topic", "nope-not-a-topic"]) == 2
    assert "No topic" in capsys.readouterr().err
