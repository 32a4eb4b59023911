"""A bot process starting after a deck change starts, and the topic board counts every answer, while another
process is saving an answer on a card of the changed topic.

At start-up (and on a board read) the card tag changes of a deck sync are folded into the topic boards: the
all-time rows of each changed topic are recomputed from the answers. On PostgreSQL an answer being written by
another process at that moment (a member's first on the new topic, so its row was new) was invisible to the
recomputation, which then wrote the same member's row: once the answer committed, the start-up failed on the
duplicate row and the bot did not start. The fold now waits for answers being written; on SQLite the single
writer already ran them one after the other.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

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
ALICE = 1


class Clock:
    def __call__(self) -> datetime:
        return NOW


async def answer(store: Any, points: int, at: datetime) -> None:
    async with store.transaction() as db:
        await AttemptWriter().add(db, Attempt(
            guild_id=G, channel_id=7, user_id=ALICE, user_name="alice", card_key="mini:bert", source=Source.QUIZ,
            response="BERT", verdict=VerdictKind.CORRECT, points=points, created_at=at,
        ))  # fmt: skip


async def test_a_process_starting_while_another_saves_an_answer_on_a_changed_topic_starts_and_counts_it(
    engine: Engine,
) -> None:
    decks = load_decks(ROOT / "tests" / "data" / "decks")
    running = await engine.open()
    await DeckQueries(running).sync_decks(decks, now=NOW)
    await StatsService(store=running, catalog=Catalog(decks), clock=Clock()).start()
    await answer(running, 10, NOW - timedelta(hours=1))

    # The deck files change: every card gets a new tag; the new process syncs them and starts.
    mini = decks[0]
    new_decks = [dataclasses.replace(mini, cards=tuple(
        dataclasses.replace(c, tags=(*c.tags, "renamed")) for c in mini.cards
    ))]  # fmt: skip
    starting = await engine.open()
    await DeckQueries(starting).sync_decks(new_decks, now=NOW)
    stats = StatsService(store=starting, catalog=Catalog(new_decks), clock=Clock())

    # Alice answers through the running process while the new one starts.
    results = await run_overlapping(overlap(running, starting), answer(running, 5, NOW), stats.start())
    assert [r for r in results if isinstance(r, BaseException)] == []

    board = await stats.leaderboard(G, "all", "renamed")
    assert [(r.user_id, r.points) for r in board.rows] == [(ALICE, 15)]
