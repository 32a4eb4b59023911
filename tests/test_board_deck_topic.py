"""The leaderboard of a deck's topic counts the answers to that deck's cards alone, as /quiz on that name asks
that deck's cards alone: a shipped deck's cards tagged with the same word (a server deck named "sampling", the
shipped cards tagged "sampling") are not on it, whatever the period."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from pg_support import Engine, both_engines  # noqa: F401  (the ``engine`` fixture)

from bot.core.catalog import Catalog
from bot.core.decks import load_decks
from bot.core.models import Attempt, Card, Deck, Source, VerdictKind
from bot.core.service import Services
from bot.core.stats import StatsService
from bot.core.storage.attempts import AttemptWriter
from bot.core.storage.deck_queries import DeckQueries

ROOT = Path(__file__).resolve().parents[1]
GUILD, ALICE, BOB = 1001, 7, 8
NOW = datetime(2026, 3, 18, 15, 30, tzinfo=UTC)
SAMPLING = b"question,answer\nWhich decoding keeps the k most probable sequences?,beam search\n"


async def answer(s: Services, user_id: int, name: str, card_key: str) -> None:
    async with s.store.transaction() as db:
        await AttemptWriter().add(
            db,
            Attempt(
                guild_id=GUILD, channel_id=1, user_id=user_id, user_name=name, card_key=card_key,
                source=Source.QUIZ, response="x", verdict=VerdictKind.CORRECT, points=10, created_at=s.now(),
            ),
        )  # fmt: skip


@pytest.mark.parametrize("period", ["all", "week", "month"])
async def test_a_decks_board_counts_its_own_cards_not_other_decks_tagged_with_its_name(
    core_services: Services, period: str
) -> None:
    s = core_services
    assert any("sampling" in c.tags for c in s.catalog.deck("mini").cards)
    preview = await s.decks.preview(GUILD, "sampling.csv", SAMPLING, "sampling", user_id=1)
    done = await s.decks.confirm(GUILD, preview.token, user_id=1)
    own = [c.key for c in s.catalog.deck(done.deck_id).cards]
    assert [c.key for c in s.catalog.view(GUILD).topic_cards("sampling")] == own  # /quiz's topic: the deck alone
    for _ in range(3):
        await answer(s, ALICE, "alice", "mini:temperature")  # a shipped card tagged "sampling"
    await answer(s, BOB, "bob", own[0])

    board = await s.stats.leaderboard(GUILD, period=period, topic="sampling", caller_id=ALICE)
    assert [(r.name, r.points) for r in board.rows] == [("bob", 10)]
    assert board.total == 1 and board.caller is None  # alice answered no card of the deck
    everything = await s.stats.leaderboard(GUILD, period=period)
    assert {(r.name, r.points) for r in everything.rows} == {("alice", 30), ("bob", 10)}


async def test_a_decks_board_is_its_own_on_both_engines(engine: Engine) -> None:
    """The same on PostgreSQL as on SQLite: a deck "sampling" beside the shipped cards tagged "sampling"."""
    sampling = Deck(
        id="sampling", title="Sampling", cards=(
            Card(deck="sampling", id="beam", question="Which decoding keeps the k best sequences?", answer="beam search"),
        ),
    )  # fmt: skip
    loaded = [*load_decks(ROOT / "tests" / "data" / "decks"), sampling]
    store = await engine.open()
    await DeckQueries(store).sync_decks(loaded, now=NOW)
    for user, name, card in [(ALICE, "alice", "mini:temperature")] * 3 + [(BOB, "bob", "sampling:beam")]:
        async with store.transaction() as db:
            await AttemptWriter().add(
                db,
                Attempt(
                    guild_id=GUILD, channel_id=1, user_id=user, user_name=name, card_key=card, source=Source.QUIZ,
                    response="x", verdict=VerdictKind.CORRECT, points=10, created_at=NOW,
                ),
            )  # fmt: skip
    stats = StatsService(store=store, catalog=Catalog(loaded), clock=lambda: NOW)
    await stats.start()
    for period in ("all", "week"):
        board = await stats.leaderboard(GUILD, period, "sampling", caller_id=BOB)
        assert [(r.name, r.points) for r in board.rows] == [("bob", 10)]
        assert board.caller is not None and board.caller.rank == 1
