"""`tutorbot quiz` and `tutorbot review` are run in a terminal beside the bot, on its database, often from another
folder than the bot's deck folder (the bot runs with TUTOR_CARDS_DIR=/srv/decks, the operator practises from the
project folder). Starting one used to sync its own deck folder into the shared database as the bot's start-up
does: the bot's decks missing from that folder were marked retired and the search table was rebuilt from the
terminal's decks, so /search in the running bot no longer found them until it restarted. A command beside the bot
now only adds the cards it needs; the bot's own start-up (and each shard process's) still mirrors its folder."""

from __future__ import annotations

import asyncio
import dataclasses
import io
import shutil
import sqlite3
from pathlib import Path

import pytest

from bot.cli import main
from bot.config import Settings
from bot.core.service import Services
from bot.core.shards import ShardPlan

ROOT = Path(__file__).resolve().parents[1]
MINI = ROOT / "tests" / "data" / "decks" / "mini.yaml"

GLOSSARY = """\
deck: glossary
title: Glossary
description: Words the bot's servers study.
cards:
  - id: photosynthesis
    term: photosynthesis
    question: Which process turns light, water and carbon dioxide into sugar in plants?
    answer: Photosynthesis, in the chloroplasts.
    accept: [photosynthesis]
    tags: [plants]
"""

SCRATCH = """\
deck: scratch
title: Scratch
description: The operator's own practice deck.
cards:
  - id: mitochondria
    term: mitochondria
    question: Which organelle makes most of a cell's ATP?
    answer: The mitochondria.
    accept: [mitochondria, mitochondrion]
    tags: [cells]
"""


@pytest.fixture
def bot_decks(tmp_path: Path) -> Path:
    """The bot's deck folder: the mini deck and one more."""
    folder = tmp_path / "srv" / "decks"
    folder.mkdir(parents=True)
    shutil.copy(MINI, folder / "mini.yaml")
    (folder / "glossary.yaml").write_text(GLOSSARY, encoding="utf-8")
    return folder


@pytest.fixture
def project_decks(tmp_path: Path) -> Path:
    """The operator's folder: the mini deck and a deck of their own, not the bot's glossary."""
    folder = tmp_path / "project" / "cards"
    folder.mkdir(parents=True)
    shutil.copy(MINI, folder / "mini.yaml")
    (folder / "scratch.yaml").write_text(SCRATCH, encoding="utf-8")
    return folder


@pytest.fixture
def bot_settings(tmp_path: Path, bot_decks: Path) -> Settings:
    return Settings(token="test-token", db_path=tmp_path / "tutor.sqlite3", cards_dir=bot_decks, writer_process=False)


@pytest.fixture
def terminal_env(bot_settings: Settings, project_decks: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The command line on the bot's database, with the project folder's decks."""
    monkeypatch.setenv("TUTOR_DB_PATH", str(bot_settings.db_path))
    monkeypatch.setenv("TUTOR_CARDS_DIR", str(project_decks))
    monkeypatch.setenv("USER", "deckauthor")
    monkeypatch.chdir(project_decks.parent)


def _retired(db: Path, deck_id: str) -> tuple[int, int]:
    """(whether the deck is retired, how many of its cards are)."""
    con = sqlite3.connect(db)
    try:
        deck = con.execute("SELECT retired FROM decks WHERE id = ?", (deck_id,)).fetchone()
        cards = con.execute("SELECT COUNT(*) FROM cards WHERE deck_id = ? AND retired = 1", (deck_id,)).fetchone()
    finally:
        con.close()
    return int(deck[0]) if deck else -1, int(cards[0])


async def _run(command: list[str], stdin: str, monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    return await asyncio.to_thread(main, command)  # (its own event loop, as in another terminal)


@pytest.mark.parametrize(
    ("command", "stdin"),
    [(["quiz", "--questions", "1"], ":quit\n"), (["review"], ":quit\n")],
    ids=["quiz", "review"],
)
async def test_a_terminal_command_leaves_the_bots_other_decks_searchable(
    bot_settings: Settings, terminal_env, monkeypatch, capsys, command, stdin
) -> None:
    bot = await Services.create(bot_settings.core)
    try:
        assert [h.card.key for h in await bot.lookup.search("photosynthesis", guild_id=1)] == ["glossary:photosynthesis"]

        code = await _run(command, stdin, monkeypatch)
        assert code == 0, capsys.readouterr().err

        hits = await bot.lookup.search("photosynthesis", guild_id=1)
        assert [h.card.key for h in hits] == ["glossary:photosynthesis"], "/search lost the bot's glossary deck"
        assert _retired(bot_settings.db_path, "glossary") == (0, 0), "the bot's deck was marked retired"
        found = await bot.decks.queries.card("glossary:photosynthesis")
        assert found is not None and found[1] is False
    finally:
        await bot.close()


@pytest.mark.parametrize("shards", [ShardPlan(), ShardPlan(count=2, ids=(1,))], ids=["one-process", "shard-process"])
async def test_the_terminal_practises_its_own_deck_and_the_bots_next_start_mirrors_its_folder(
    bot_settings: Settings, terminal_env, monkeypatch, capsys, shards: ShardPlan
) -> None:
    bot = await Services.create(bot_settings.core)
    await bot.close()

    code = await _run(["quiz", "--topic", "scratch", "--questions", "1"], "mitochondria\n", monkeypatch)
    out = capsys.readouterr().out
    assert code == 0 and "Correct" in out
    assert _retired(bot_settings.db_path, "scratch") == (0, 0)
    assert _retired(bot_settings.db_path, "glossary") == (0, 0)

    # The bot's own start-up (each shard process's too) keeps its folder the source of truth: the terminal's
    # deck is not one of its decks.
    bot = await Services.create(dataclasses.replace(bot_settings.core, shards=shards))
    try:
        assert _retired(bot_settings.db_path, "scratch") == (1, 1)
        assert _retired(bot_settings.db_path, "glossary") == (0, 0)
        assert bot.catalog.deck("scratch") is None
    finally:
        await bot.close()
