"""`tutorbot quiz` driven through stdin: right, almost, wrong, EOF, Ctrl-C — on the same database as the bot."""

from __future__ import annotations

import io
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from cli_support import cli_db  # noqa: F401  (the ``db`` fixture)
from cli_support import read_until as _read_until

from bot.cli import main

ROOT = Path(__file__).resolve().parents[1]
BERT = "Bidirectional Encoder Representations from Transformers"  # right in both directions


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
    assert "Practice over: 1/1 questions" in out and "1 of 1 question right (100%), 10 points" in out
    assert stored(db) == [(0, "deckauthor", "correct", 10, "practice", None)]


def test_almost_costs_no_try_then_wrong_answers_use_them_up(db, monkeypatch, capsys) -> None:
    answers = "Bidirectional Encoder Representations\n" + "GPT\n" * 3
    code, out = run(monkeypatch, capsys, answers, "--topic", "nlp", "--questions", "1")
    assert code == 0
    assert "Almost" in out and "(3 tries left)" in out
    assert "(2 tries left)" in out and "(1 try left)" in out
    assert "Answer:" in out  # out of tries: the reveal
    assert "0 of 1 question right (0%), 0 points" in out  # questions are counted, not the 4 answers
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
    [hint] = [line for line in out.splitlines() if line.startswith("Hint 1/")]
    assert "temperature" not in hint and "(worth 7 now)" in hint  # a hint, not the answer; it costs points
    assert "Answer: temperature" in out
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


def test_an_unknown_topic_lists_the_topics(db, monkeypatch, capsys) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["quiz", "--topic", "astrology"]) == 2
    err = capsys.readouterr().err
    assert "No topic “astrology”" in err
    # every topic is listed, once
    assert "Topics (cards): " in err and "llms (1)" in err and err.count("transformers") == 1


def test_two_questions_one_right_counts_questions(db, monkeypatch, capsys) -> None:
    # BERT is right in either direction; "wrong" three times uses up the other question's tries.
    code, out = run(monkeypatch, capsys, "wrong\nwrong\nwrong\n" + f"{BERT}\n" * 4, "--topic", "nlp", "--questions", "1")
    assert code == 0
    assert "0 of 1 question right (0%)" in out
    answers = f"{BERT}\n:skip\n"
    code, out = run(monkeypatch, capsys, answers, "--topic", "transformers", "--questions", "2")
    assert "Practice over: 2/2 questions" in out
    right = out.count("✅ Correct")
    assert f"{right} of 2 questions right ({right / 2:.0%})" in out


MARKDOWN_DECK = """\
deck: md
title: Markdown deck
cards:
  - id: rag
    term: retrieval-augmented generation
    aliases: [RAG]
    question: What does **RAG** add to a *language model*?
    answer: |
      **Retrieval-augmented generation** (RAG) adds `retrieved documents` to the prompt,
      as in [the paper](https://arxiv.org/abs/2005.11401). Mind the a\\_b escape.
    accept: [retrieved documents]
    tags: [llms]
"""


def test_terminal_output_has_no_markdown_markers_or_escapes(db, tmp_path, monkeypatch, capsys) -> None:
    cards = tmp_path / "md-cards"
    cards.mkdir()
    (cards / "md.yaml").write_text(MARKDOWN_DECK, encoding="utf-8")
    monkeypatch.setenv("TUTOR_CARDS_DIR", str(cards))
    monkeypatch.setenv("TUTOR_DB_PATH", str(tmp_path / "md.sqlite3"))
    seen = ""
    for _ in range(6):  # both directions come up (the prompt and the reveal's "Why" from the answer)
        _, out = run(monkeypatch, capsys, ":hint\nretrieved docs\n:skip\n", "--questions", "1")
        seen += out
    assert "What does RAG add to a language model?" in seen or "adds retrieved documents" in seen
    assert "Why: Retrieval-augmented generation (RAG) adds retrieved documents to the prompt" in seen
    assert "as in the paper" in seen and "a_b escape" in seen
    assert "**" not in seen and "\\" not in seen and "`" not in seen


def test_outside_the_project_folder_it_says_where_it_looked_for_decks(tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.delenv("TUTOR_CARDS_DIR", raising=False)
    monkeypatch.setenv("TUTOR_DB_PATH", str(tmp_path / "db.sqlite3"))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["quiz"]) == 2
    err = capsys.readouterr().err
    assert str(elsewhere / "cards") in err, err
    assert "TUTOR_CARDS_DIR=" in err and "project folder" in err
    assert str(ROOT / "cards") in err  # the decks that come with tutorbot
    assert "Traceback" not in err


def test_one_ctrl_c_ends_the_session_with_the_summary(db, tmp_path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TUTOR_")}
    env.update(TUTOR_DB_PATH=str(db), TUTOR_CARDS_DIR=str(ROOT / "tests" / "data" / "decks"), PYTHONUNBUFFERED="1")
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot", "quiz", "--topic", "transformers", "--questions", "3"],
        cwd=tmp_path, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        deadline = time.monotonic() + 30
        _read_until(proc, "Question 1/3", deadline)
        assert proc.stdin is not None
        proc.stdin.write(":skip\n")
        proc.stdin.flush()
        _read_until(proc, "Question 2/3", deadline)
        proc.send_signal(signal.SIGINT)  # waiting for an answer, the input still open
        out, err = proc.communicate(timeout=15)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0, err
    assert "Practice stopped: 2/3 questions" in out, out
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    con = sqlite3.connect(db)
    try:
        assert [r[0] for r in con.execute("SELECT status FROM quizzes")] == ["stopped"]
    finally:
        con.close()
