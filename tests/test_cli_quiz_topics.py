"""README: "An unknown `--topic` lists the topics with their sizes." With the shipped deck (26 topics), every
topic, with its size: the terminal is not cut short to a Discord message's twelve."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from bot.cli import main
from bot.core.catalog import Catalog
from bot.core.decks import load_decks

ROOT = Path(__file__).resolve().parents[1]


def test_an_unknown_topic_lists_every_topic_with_its_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("TUTOR_DB_PATH", str(tmp_path / "tutor.sqlite3"))
    monkeypatch.setenv("TUTOR_CARDS_DIR", str(ROOT / "cards"))
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["quiz", "--topic", "astrology"]) == 2
    err = capsys.readouterr().err
    catalog = Catalog(load_decks(ROOT / "cards"))
    assert len(catalog.topics) > 12  # more than the Discord message lists
    missing = [t for t in catalog.topics if f"{t} ({catalog.topic_size(t)})" not in err]
    assert not missing, f"topics not listed with their size: {missing}\n{err}"
