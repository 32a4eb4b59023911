"""`tutorbot define` echoes the term it was given as the other commands echo what a user typed: without control
characters (a pasted terminal escape sequence used to reach the terminal and recolour it or retitle its window),
on one line and clipped (a pasted page was printed back whole)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import main

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def deck_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("TUTOR_CARDS_DIR", str(ROOT / "tests" / "data" / "decks_lookup"))
    monkeypatch.chdir(tmp_path)


@pytest.mark.parametrize("term", ["zz\x1b]0;owned\x07zz", "qq\x1b[2Jqq", "atten\x1b[31mtion"])
def test_escape_sequences_in_the_term_never_reach_the_terminal(term: str, capsys) -> None:
    main(["define", term])
    out = capsys.readouterr()
    assert "\x1b" not in out.out and "\x07" not in out.out, repr(out.out)
    assert "\x1b" not in out.err and "\x07" not in out.err


def test_a_pasted_page_is_not_printed_back_whole(capsys) -> None:
    assert main(["define", "qx" * 20_000]) == 1
    out = capsys.readouterr().out
    assert out.startswith("No card for 'qxqx")
    assert len(out) < 500, len(out)

