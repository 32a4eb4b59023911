"""A restart with unchanged deck files leaves the database as it was; any change to the files still lands.

The deck sync records a digest of what it wrote and skips the card-by-card comparison when the decks
give the same digest; these tests check that nothing a deck author changes is ever skipped. Each runs on a
SQLite file and on a PostgreSQL schema.
"""

from __future__ import annotations

import textwrap
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pg_support import Engine, both_engines  # noqa: F401  (the ``engine`` fixture)

from bot.core.decks import load_decks, load_decks_with_digest
from bot.core.storage import DeckQueries

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)

DECK = textwrap.dedent(
    """\
    deck: sync
    title: Sync deck
    cards:
      - id: one
        term: attention
        question: What lets a model weigh the parts of its input?
        answer: Attention.
        accept: [attention]
        tags: [transformers]
      - id: two
        question: What adds a layer's input to its output?
        answer: A skip connection.
        accept: [skip connection]
        tags: [training]
    """
)


async def rows(engine: Engine) -> list[tuple[object, ...]]:
    """Every deck, card and tag row, as the database holds them."""
    store = await engine.open()
    try:
        async with store.read() as db:
            out: list[tuple[object, ...]] = []
            for sql in (
                "SELECT id, title, description, source, retired FROM decks ORDER BY id",
                "SELECT key, data, retired, updated_at FROM cards ORDER BY key",
                "SELECT card_key, tag FROM card_tags ORDER BY card_key, tag",
            ):
                out += [tuple(r) for r in await db.execute_fetchall(sql)]
    finally:
        await store.close()
    return out


@pytest.fixture(params=["file digest", "card fields"])
def by(request: pytest.FixtureRequest) -> str:
    """How the sync tells unchanged decks: the digest of the files the decks were just loaded from (what
    a restart uses), or the digest of the decks' own fields (decks made in memory)."""
    return str(request.param)


async def sync(engine: Engine, folder: Path, by: str, now: datetime = NOW):
    """Open the database as a restart does, sync the deck folder, close."""
    if by == "file digest":
        decks, digest = load_decks_with_digest(folder)
        assert digest is not None
    else:
        decks, digest = load_decks(folder), None
    store = await engine.open()
    try:
        return await DeckQueries(store).sync_decks(decks, now=now, digest=digest)
    finally:
        await store.close()


async def test_a_restart_with_unchanged_decks_changes_nothing(
    engine: Engine, tmp_path: Path, by: str
) -> None:
    folder = tmp_path / "cards"
    folder.mkdir()
    (folder / "sync.yaml").write_text(DECK, encoding="utf-8")
    first = await sync(engine, folder, by)
    assert sorted(first.added) == ["sync:one", "sync:two"]
    before = await rows(engine)

    again = await sync(engine, folder, by, now=datetime(2026, 3, 3, tzinfo=UTC))
    assert again.unchanged == 2
    assert not again.added and not again.updated and not again.retired
    assert await rows(engine) == before


async def test_every_change_after_a_quick_restart_still_reaches_the_database(
    engine: Engine, tmp_path: Path, by: str
) -> None:
    folder = tmp_path / "cards"
    folder.mkdir()
    deck_file = folder / "sync.yaml"
    deck_file.write_text(DECK, encoding="utf-8")
    await sync(engine, folder, by)
    await sync(engine, folder, by)  # unchanged: the quick path

    # A new accepted answer on one card.
    deck_file.write_text(DECK.replace("accept: [attention]", "accept: [attention, self-attention]"), encoding="utf-8")
    report = await sync(engine, folder, by)
    assert report.updated == ["sync:one"]
    store = await engine.open()
    try:
        found = await DeckQueries(store).card("sync:one")
    finally:
        await store.close()
    assert found is not None and found[0].accept == ("attention", "self-attention")

    # Going back to the old file is a change too.
    deck_file.write_text(DECK, encoding="utf-8")
    assert (await sync(engine, folder, by)).updated == ["sync:one"]

    # Only the deck's title changes: the deck row follows.
    deck_file.write_text(DECK.replace("title: Sync deck", "title: Renamed deck"), encoding="utf-8")
    report = await sync(engine, folder, by)
    assert report.unchanged == 2
    assert ("sync", "Renamed deck", "", str(deck_file), 0) in await rows(engine)

    # A card removed from the file is retired, and comes back when it reappears.
    deck_file.write_text(DECK.split("  - id: two")[0], encoding="utf-8")
    assert (await sync(engine, folder, by)).retired == ["sync:two"]
    deck_file.write_text(DECK, encoding="utf-8")
    assert (await sync(engine, folder, by)).updated == ["sync:two"]


async def test_a_deck_file_removed_after_a_quick_restart_retires_its_cards(
    engine: Engine, tmp_path: Path, by: str
) -> None:
    folder = tmp_path / "cards"
    folder.mkdir()
    (folder / "sync.yaml").write_text(DECK, encoding="utf-8")
    other = DECK.replace("deck: sync", "deck: other").replace("title: Sync deck", "title: Other deck")
    (folder / "other.yaml").write_text(other, encoding="utf-8")
    await sync(engine, folder, by)
    await sync(engine, folder, by)

    (folder / "other.yaml").unlink()
    report = await sync(engine, folder, by)
    assert sorted(report.retired) == ["other:one", "other:two"]
    assert report.unchanged == 2
