"""A server's own decks in the database (``DeckQueries``): saved in one transaction, synced on re-import,
retired with their history kept, and left alone by the deck-file sync. Each test runs on a SQLite file and on a
PostgreSQL schema."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from pg_support import Engine, both_engines  # noqa: F401  (the ``engine`` fixture)

from bot.core.models import Attempt, Card, Deck, Source, VerdictKind
from bot.core.storage import DeckQueries, Store
from bot.core.storage.attempts import AttemptWriter
from bot.core.storage.deck_queries import DeckLimitReached

NOW = datetime(2026, 1, 1, tzinfo=UTC)
GUILD, OTHER = 111, 222


def card(cid: str, question: str, answer: str = "an answer", deck: str = "biology") -> Card:
    return Card(deck=deck, id=cid, question=question, answer=answer, accept=(answer,), tags=("cells",))


def biology(*cards: Card) -> Deck:
    return Deck("biology", "Biology 101", cards=cards or (card("cell", "Smallest unit of life?", "cell"),
                                                           card("atp", "Energy currency of the cell?", "ATP"),
                                                           card("dna", "Molecule of heredity?", "DNA")))


GLOBAL = Deck("mini", "Mini", cards=(card("bert", "What does BERT stand for?", "BERT", deck="mini"),))


@pytest.fixture
async def store(engine: Engine) -> Any:
    return await engine.open()


async def rows(store: Any, sql: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    async with store.read() as db:
        return [tuple(r) for r in await db.execute_fetchall(sql, params)]


async def test_a_saved_deck_is_the_servers_and_comes_back_after_a_restart(
    engine: Engine, store: Store
) -> None:
    queries = DeckQueries(store)
    await queries.sync_decks([GLOBAL], now=NOW)
    stored, report = await queries.save_server_deck(GUILD, "biology", biology(), now=NOW)
    assert stored.id.startswith("biology.") and len(stored.id) <= 32
    assert all(c.deck == stored.id for c in stored.cards)
    assert len(report.added) == 3 and not report.updated and not report.retired
    # Two servers may each own a deck of the same name: different ids.
    theirs, _ = await queries.save_server_deck(OTHER, "biology", biology(), now=NOW)
    assert theirs.id != stored.id

    await store.close()
    found = await DeckQueries(await engine.open()).server_decks()
    by_owner = {s.owner: s for s in found}
    assert set(by_owner) == {GUILD, OTHER}
    assert by_owner[GUILD].name == "biology" and by_owner[GUILD].deck == stored


async def test_the_deck_file_sync_leaves_server_decks_alone(store: Store) -> None:
    queries = DeckQueries(store)
    await queries.sync_decks([GLOBAL], now=NOW)
    stored, _ = await queries.save_server_deck(GUILD, "biology", biology(), now=NOW)
    same = await queries.sync_decks([GLOBAL], now=NOW)  # the unchanged folder: nothing compared
    assert same.unchanged == 1 and not (same.added or same.updated or same.retired)
    changed = Deck("mini", "Mini", cards=(card("bert", "What does BERT stand for, in full?", "BERT", deck="mini"),))
    report = await queries.sync_decks([changed], now=NOW)
    assert report.updated == ["mini:bert"] and not report.retired
    assert await rows(store, "SELECT retired FROM decks WHERE id = ?", (stored.id,)) == [(0,)]
    assert await rows(store, "SELECT COUNT(*) FROM cards WHERE deck_id = ? AND retired = 0", (stored.id,)) == [(3,)]
    assert [s.deck.id for s in await queries.server_decks()] == [stored.id]


async def test_a_reimport_keeps_ids_updates_retires_and_keeps_the_answers(store: Store) -> None:
    queries = DeckQueries(store)
    stored, _ = await queries.save_server_deck(GUILD, "biology", biology(), now=NOW)
    writer = AttemptWriter()
    async with store.transaction() as db:
        await writer.add(db, Attempt(
            guild_id=GUILD, channel_id=1, user_id=5, user_name="ann", card_key=f"{stored.id}:dna", source=Source.QUIZ,
            response="DNA", verdict=VerdictKind.CORRECT, points=10, created_at=NOW,
        ))
    new = biology(card("cell", "Smallest unit of life?", "cell"), card("atp", "Main energy carrier of the cell?", "ATP"),
                  card("rna", "Single-stranded cousin of DNA?", "RNA"))
    again, report = await queries.save_server_deck(GUILD, "biology", new, now=NOW)
    assert again.id == stored.id
    assert report.added == [f"{stored.id}:rna"]
    assert report.updated == [f"{stored.id}:atp"]
    assert report.retired == [f"{stored.id}:dna"]
    assert report.unchanged == 1
    assert await rows(store, "SELECT COUNT(*) FROM attempts WHERE card_key = ?", (f"{stored.id}:dna",)) == [(1,)]
    assert await rows(store, "SELECT retired FROM cards WHERE key = ?", (f"{stored.id}:dna",)) == [(1,)]
    (loaded,) = await queries.server_decks()
    assert [c.id for c in loaded.deck.cards] == ["cell", "atp", "rna"]  # the file's order
    atp = loaded.deck.card("atp")
    assert atp is not None and atp.question == "Main energy carrier of the cell?"


async def test_an_import_that_fails_midway_leaves_nothing(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    queries = DeckQueries(store)

    async def broken(db, changes) -> None:
        await db.executemany(
            "INSERT INTO cards (key, deck_id, card_id, term, question, status, data, retired, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?)", [row[:8] for row in changes.cards[:1]],
        )
        raise OSError("disk unplugged")

    monkeypatch.setattr("bot.core.storage.deck_queries._write_cards", broken)
    with pytest.raises(OSError):
        await queries.save_server_deck(GUILD, "biology", biology(), now=NOW)
    assert await rows(store, "SELECT COUNT(*) FROM decks WHERE owner_guild_id IS NOT NULL") == [(0,)]
    assert await rows(store, "SELECT COUNT(*) FROM cards") == [(0,)]
    assert await queries.server_decks() == []


async def test_the_deck_limit_refuses_a_new_deck_but_not_a_reimport(store: Store) -> None:
    queries = DeckQueries(store)
    await queries.save_server_deck(GUILD, "biology", biology(), now=NOW, max_decks=1)
    with pytest.raises(DeckLimitReached):
        await queries.save_server_deck(GUILD, "chemistry", biology(), now=NOW, max_decks=1)
    await queries.save_server_deck(GUILD, "biology", biology(), now=NOW, max_decks=1)  # a re-import is fine
    assert await rows(store, "SELECT name FROM decks WHERE owner_guild_id = ?", (GUILD,)) == [("biology",)]


async def test_a_retired_deck_keeps_its_rows_and_a_new_import_brings_it_back(store: Store) -> None:
    queries = DeckQueries(store)
    stored, _ = await queries.save_server_deck(GUILD, "biology", biology(), now=NOW)
    assert await queries.retire_server_deck(OTHER, stored.id, now=NOW) == []  # not theirs
    retired = await queries.retire_server_deck(GUILD, stored.id, now=NOW)
    assert len(retired) == 3
    assert await queries.server_decks() == []
    assert await rows(store, "SELECT COUNT(*) FROM cards WHERE deck_id = ?", (stored.id,)) == [(3,)]
    again, report = await queries.save_server_deck(GUILD, "biology", biology(), now=NOW)
    assert again.id == stored.id and len(report.updated) == 3  # the same cards, active again


async def test_turned_off_decks_are_remembered_per_server(store: Store) -> None:
    queries = DeckQueries(store)
    await queries.set_deck_enabled(GUILD, "mini", False, now=NOW)
    await queries.set_deck_enabled(OTHER, "mini", False, now=NOW)
    await queries.set_deck_enabled(OTHER, "mini", True, now=NOW)
    assert await queries.disabled_decks() == {GUILD: {"mini"}}
