"""The command line's messages, as a terminal user reads them: a bad ``--questions`` names the command it came from,
``tutorbot migrate --db`` on a file that is no database (a deck's YAML) says so rather than calling it damaged,
``tutorbot grade --jsonl`` typed at a terminal says it is reading JSON lines (and how to end them) rather than
waiting in silence, and ``tutorbot define ''`` prints its usage error on stderr, not among the results."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from bot.cli import main

ROOT = Path(__file__).resolve().parents[1]


class Terminal(io.StringIO):
    """Input typed at a terminal (what ``isatty`` says), ended with Ctrl-D."""

    def isatty(self) -> bool:
        return True


@pytest.fixture
def here(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.chdir(tmp_path)  # no .env here
    monkeypatch.setenv("TUTOR_CARDS_DIR", str(ROOT / "tests" / "data" / "decks_lookup"))
    monkeypatch.setenv("TUTOR_DB_PATH", str(tmp_path / "tutor.sqlite3"))
    return tmp_path


@pytest.mark.parametrize("count", ["0", "51"])
def test_questions_out_of_range_names_the_command(here: Path, count: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["quiz", "--questions", count]) == 2
    err = capsys.readouterr().err
    assert err.startswith("tutorbot quiz: --questions must be between 1 and 50"), err
    assert not (here / "tutor.sqlite3").exists()  # nothing started


def test_migrate_from_a_file_that_is_no_database_says_so(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    deck = here / "genai.yaml"
    deck.write_text("deck: genai\ntitle: GenAI\ncards: []\n", encoding="utf-8")
    before = deck.read_bytes()
    assert main(["migrate", "--to", "postgresql://tutor@127.0.0.1:1/tutor", "--db", str(deck)]) == 2
    err = capsys.readouterr().err
    assert "damaged" not in err and ".recover" not in err and "move it aside" not in err, err
    assert f"{deck} is not a SQLite database" in err, err
    assert "Nothing was written" in err
    assert deck.read_bytes() == before


def test_grade_jsonl_at_a_terminal_says_what_it_reads(
    here: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", Terminal('{"accept": ["L2"], "response": "L2"}\n'))
    assert main(["grade", "--jsonl"]) == 0
    out, err = capsys.readouterr()
    assert "JSON lines" in err and "Ctrl-D" in err, err
    assert json.loads(out)["correct"] is True  # the results alone on stdout


def test_grade_jsonl_from_a_pipe_prints_results_only(
    here: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO('{"accept": ["L2"], "response": "L1"}\n'))
    assert main(["grade", "--jsonl"]) == 0
    out, err = capsys.readouterr()
    assert err == "" and json.loads(out)["correct"] is False


@pytest.mark.parametrize("term", ["", "!!!"])
def test_define_of_nothing_is_a_usage_error_on_stderr(here: Path, term: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["define", term]) == 2
    out, err = capsys.readouterr()
    assert out == "", out
    assert "Type a term to look up." in err and err.startswith("tutorbot define: "), err
