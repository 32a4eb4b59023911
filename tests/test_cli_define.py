"""`tutorbot define TERM`: the /define result in the terminal."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main

ROOT = Path(__file__).resolve().parents[1]
GLOSSARY = ROOT / "tests" / "data" / "decks_lookup"


@pytest.fixture
def deck_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.setenv("TUTOR_CARDS_DIR", str(GLOSSARY))
    monkeypatch.chdir(tmp_path)  # no .env here
    return tmp_path


def test_define_prints_the_card(deck_env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["define", "attention"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == "attention mechanism"
    assert lines[1] == "  glossary:attention-mechanism · Glossary deck for lookup tests"
    assert "  also: attention" in lines
    assert "The attention mechanism computes, for each token" in out  # markdown emphasis dropped
    assert "**" not in out
    assert "Tags: transformers, attention" in lines
    see_also = next(line for line in lines if line.startswith("See also: "))
    assert see_also.startswith("See also: softmax, ")
    assert "Other close matches: self-attention, multi-head attention" in lines
    # a card is listed once: the close matches are not repeated under "See also"
    assert "self-attention" not in see_also and "multi-head attention" not in see_also


def test_define_joins_words_and_tolerates_typos(deck_env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["define", "larg", "languag", "model"]) == 0
    out = capsys.readouterr().out
    # the correction is said, not silent; then the card as usual
    assert out.startswith("Showing large language model (for larg languag model)\n\nlarge language model\n")


def test_define_exact_name_has_no_correction_line(deck_env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["define", "attention"]) == 0
    assert not capsys.readouterr().out.startswith("Showing")


def test_define_names_related_cards_by_term_not_question(
    deck_env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["define", "attention"]) == 0
    lines = capsys.readouterr().out.splitlines()
    listed = [line for line in lines if line.startswith(("See also: ", "Other close matches: "))]
    assert listed
    for line in listed:
        for name in line.split(": ", 1)[1].split(", "):
            assert len(name) <= 41 and not name.endswith("?"), name


def test_define_nothing_close_exits_1_with_did_you_mean(deck_env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["define", "sotfmxa"]) == 1
    assert capsys.readouterr().out == "No card for 'sotfmxa'. Did you mean: softmax?\n"
    assert main(["define", "zzqxj"]) == 1
    assert capsys.readouterr().out == "No card for 'zzqxj'.\n"


def test_define_empty_term_is_a_usage_error(deck_env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["define", "!!!"]) == 2
    assert "Type a term to look up." in capsys.readouterr().err


def test_define_incomplete_card_says_so(deck_env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["define", "sigmoid"]) == 0
    out = capsys.readouterr().out
    assert '  incomplete card: the seed answer was only "See image"' in out
    assert "\nSee image\n" in out


def test_define_with_cards_option_and_a_broken_deck(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["define", "--cards", str(ROOT / "tests" / "data" / "decks"), "MoE"]) == 0
    assert capsys.readouterr().out.startswith("mixture of experts\n")
    bad = tmp_path / "bad.yaml"
    bad.write_text("deck: Bad Deck\ncards: []\n")
    assert main(["define", "--cards", str(bad), "x"]) == 2
    assert "bad.yaml" in capsys.readouterr().err


def test_console_script_runs(deck_env: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bot", "define", "QKV"], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("query/key/value\n")
