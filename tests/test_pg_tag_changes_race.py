"""Two bot processes starting side by side after a deck change (README: "a process started beside another ...
waits its turn") both fold the card tag changes into the topic boards at start-up (``StatsService.start``): both
start, and the topic boards are right, on both engines.

On SQLite the second one's write transaction starts after the first commits and finds no changes left. On
PostgreSQL (READ COMMITTED) the second waits for the first's changes (their rows are locked) and finds none left.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta
from pathlib import Path

from pg_support import Engine, both_engines  # noqa: F401  (the ``engine`` fixture)
from race_support import overlap, run_overlapping

from bot.core.catalog import Catalog
from bot.core.decks import load_decks
from bot.core.models import Attempt, Source, VerdictKind
from bot.core.stats import StatsService
from bot.core.storage.attempts import AttemptWriter
from bot.core.storage.deck_queries import DeckQueries

ROOT = Path(__file__).resolve().parents[1]
G = 1001
NOW = datetime(2026, 3, 18, 15, 30, tzinfo=UTC)


class Clock:
    def __call__(self) -> datetime:
        return NOW


async def test_two_processes_starting_after_a_tag_change_both_start_and_the_topic_board_is_right(
    engine: Engine,
) -> None:
    decks = load_decks(ROOT / "tests" / "data" / "decks")
    first = await engine.open()
    await DeckQueries(first).sync_decks(decks, now=NOW)
    async with first.transaction() as db:
        for user in range(1, 41):
            for card in ("mini:temperature", "mini:bert", "mini:attention-mechanism"):
                await AttemptWriter().add(db, Attempt(
                    guild_id=G, channel_id=7, user_id=user, user_name=f"user{user}", card_key=card,
                    source=Source.QUIZ, response="x", verdict=VerdictKind.CORRECT, points=user,
                    created_at=NOW - timedelta(hours=1),
                ))  # fmt: skip
    started = StatsService(store=first, catalog=Catalog(decks), clock=Clock())
    await started.start()  # nothing pending

    # The deck files change: every card gets a new tag (one topic board per tag to recompute).
    mini = decks[0]
    new_decks = [dataclasses.replace(mini, cards=tuple(
        dataclasses.replace(c, tags=(*c.tags, "renamed")) for c in mini.cards
    ))]  # fmt: skip
    await DeckQueries(first).sync_decks(new_decks, now=NOW)

    second = await engine.open()  # another process on the same database
    a = StatsService(store=first, catalog=Catalog(new_decks), clock=Clock())
    b = StatsService(store=second, catalog=Catalog(new_decks), clock=Clock())
    results = await run_overlapping(overlap(first, second), a.start(), b.start())
    assert [r for r in results if isinstance(r, BaseException)] == []

    board = await a.leaderboard(G, "all", "renamed")
    assert board.total == 40
    assert [(r.user_id, r.points) for r in board.rows][:3] == [(40, 120), (39, 117), (38, 114)]
