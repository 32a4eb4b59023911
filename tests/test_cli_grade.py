"""The `tutorbot grade` contract that scripts depend on."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

from bot.cli import grade as grade_cli

ROOT = Path(__file__).resolve().parent.parent


def run_lines(lines: list[str]) -> list[dict]:
    out = io.StringIO()
    assert grade_cli.run_jsonl(io.StringIO("\n".join(lines) + "\n"), out) == 0
    return [json.loads(x) for x in out.getvalue().splitlines()]


def test_jsonl_one_verdict_per_line_in_order():
    lines = [
        json.dumps({"accept": ["L2"], "response": "l2", "question": "Ridge adds which norm?"}),
        json.dumps({"accept": ["L2"], "response": "L1 or L2", "question": "Ridge adds which norm?"}),
        json.dumps({"accept": ["stacking"], "response": "staking", "question": "q"}),
        json.dumps({"keypoints": ["k-means", "hashing"], "response": "hashing", "question": "q"}),
        json.dumps({"accept": ["x"], "response": "@everyone", "question": "q"}),
        json.dumps({"term": "MoE", "aliases": ["mixture of experts"], "response": "mixture of experts"}),
        json.dumps({"accept": ["stacking"], "reject": ["bagging"], "response": "bagging"}),
    ]
    out = run_lines(lines)
    assert [o["verdict"] for o in out] == [
        "correct",
        "wrong",
        "almost",
        "partial",
        "empty",
        "correct",
        "wrong",
    ]
    assert [o["correct"] for o in out] == [True, False, False, False, False, True, False]
    assert out[0]["score"] == 1.0 and out[3]["score"] == 0.5
    for o in out:
        assert set(o) == {"verdict", "correct", "score", "reason", "feedback"}
        assert 0.0 <= o["score"] <= 1.0 and o["feedback"]
        assert "*" not in o["feedback"] and "\\" not in o["feedback"]  # plain text, not Discord markdown
    assert [o["reason"] for o in out] == [
        "correct",
        "pick_one",
        "did_you_mean",
        "partial",
        "empty",
        "correct",
        "near_miss",
    ]
    assert out[1]["feedback"] == "❌ Pick one: L1 is not L2 (L1 is lasso)"
    assert out[2]["feedback"] == "🟡 Almost — did you mean stacking? Try again"


def test_malformed_lines_give_an_error_and_the_rest_still_run():
    good = json.dumps({"accept": ["L2"], "response": "L2"})
    out = run_lines(
        [
            "not json",
            good,
            "[1, 2]",
            json.dumps({"accept": "L2"}),
            json.dumps({"accept": [1], "response": "L2"}),
            json.dumps({"response": "L2"}),
            "",
            good,
        ]
    )
    assert len(out) == 7  # the blank line is not an input
    assert [("error" in o) for o in out] == [True, False, True, True, True, True, False]
    assert out[1]["verdict"] == out[6]["verdict"] == "correct"
    assert "response" in out[3]["error"]


def test_cli_over_a_real_process():
    lines = [
        {"accept": ["15%"], "response": "fifteen percent", "question": "How much to mask?"},
        {"accept": ["15%"], "response": "51%", "question": "How much to mask?"},
    ]
    proc = subprocess.run(
        [sys.executable, "-m", "bot", "grade", "--jsonl"],
        input="\n".join(json.dumps(x) for x in lines) + "\nnope\n",
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    out = [json.loads(x) for x in proc.stdout.splitlines()]
    assert [o.get("verdict") for o in out] == ["correct", "wrong", None]
    assert "error" in out[2]


def test_deck_card_mode(tmp_path, capsys, monkeypatch):
    import bot.core.decks as decks
    from bot.cli import main
    from bot.core.models import Card, Deck

    deck = Deck(
        id="t",
        title="T",
        cards=(Card(deck="t", id="ridge", question="Ridge adds?", answer="L2", accept=("L2",)),),
    )
    monkeypatch.setattr(decks, "load_deck", lambda path: deck)
    assert main(["grade", "--deck", str(tmp_path / "d.yaml"), "--card", "ridge", "L1"]) == 0
    printed = capsys.readouterr().out
    assert "L1 is not L2" in printed and "*" not in printed
    assert "reason: near_miss" in printed
    assert main(["grade", "--deck", str(tmp_path / "d.yaml"), "--card", "nope", "L1"]) == 2
    assert "no card 'nope'" in capsys.readouterr().err
    # the term can't be recalled on a card that has none: said, rather than the question graded instead
    assert main(["grade", "--deck", str(tmp_path / "d.yaml"), "--card", "ridge", "--direction", "term", "L2"]) == 2
    assert "has no term" in capsys.readouterr().err


def test_jsonl_with_its_input_closed_says_so():
    proc = subprocess.run(
        [sys.executable, "-m", "bot", "grade", "--jsonl"], stdin=subprocess.DEVNULL, capture_output=True, text=True,
        cwd=ROOT, timeout=60, pass_fds=(), close_fds=True, preexec_fn=lambda: __import__("os").close(0),
    )
    assert proc.returncode == 2 and "stdin" in proc.stderr and "Traceback" not in proc.stderr, proc.stderr


def test_deck_errors_are_reported(tmp_path, capsys):
    from bot.cli import main

    bad = tmp_path / "bad.yaml"
    bad.write_text("cards: 3\n", encoding="utf-8")
    assert main(["grade", "--deck", str(bad), "--card", "x", "y"]) == 2
    assert "bad.yaml" in capsys.readouterr().err


def test_usage_without_mode(capsys):
    from bot.cli import main

    assert main(["grade"]) == 2
    assert "--jsonl" in capsys.readouterr().err


def test_terminal_output_has_no_markdown_markers_or_escapes(tmp_path, capsys, monkeypatch):
    import io

    import bot.core.decks as decks
    from bot.cli import main
    from bot.core.models import Card, Deck

    card = Card(
        deck="t", id="rag", question="What does **RAG** add?", answer="It adds *retrieved* documents.",
        accept=("**retrieved** documents",), keypoints=("**retrieve** documents", "add them to the \\_prompt\\_"),
    )
    monkeypatch.setattr(decks, "load_deck", lambda path: Deck(id="t", title="T", cards=(card,)))
    for answer in ("retreived documents", "I retrieve documents", "something else"):
        assert main(["grade", "--deck", str(tmp_path / "d.yaml"), "--card", "rag", answer]) == 0
    lines = [json.dumps({"accept": ["**retrieved** documents"], "response": r}) for r in ("retreived documents", "x")]
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(lines) + "\n"))
    assert main(["grade", "--jsonl"]) == 0
    printed = capsys.readouterr().out
    assert "retrieved documents" in printed
    assert "**" not in printed and "\\" not in printed.replace("\\n", "")


def test_jsonl_answer_text_weighs_a_remark_as_the_bot_does_for_a_deck_card():
    from bot.core.grading import grade_card
    from bot.core.models import Card

    card = {
        "question": "Which diagram draws the causes of an outcome as a graph, one node per variable?",
        "accept": ["causal diagram", "causal graph"],
        "answer": "A **causal diagram**: a model whose graph has directed edges, each node a variable.",
    }
    said = "a causal diagram, whose edges are undirected"
    without = {k: v for k, v in card.items() if k != "answer"}
    out = run_lines(
        [
            json.dumps({**card, "response": said}),
            json.dumps({**without, "response": said}),
            json.dumps({**card, "response": "causal diagram, with directed edges"}),
            json.dumps({"answer": "L2", "question": "Which norm does ridge add?", "response": "l2"}),
            json.dumps({"answer": "  ", "response": "l2"}),
        ]
    )
    assert [o.get("verdict") for o in out[:4]] == ["wrong", "correct", "correct", "correct"]
    assert "error" in out[4]
    deck_card = Card(deck="d", id="c", question=card["question"], answer=card["answer"], accept=tuple(card["accept"]))
    assert grade_card(deck_card, said).kind.value == out[0]["verdict"]
