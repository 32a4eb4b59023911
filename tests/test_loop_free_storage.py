"""Saving a deck compares it with the stored cards in a worker thread (``DeckQueries(offload=...)``), not on
the event loop, and still reports and stores exactly what changed. Each test runs on a SQLite file and on a
PostgreSQL schema."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, TypeVar

import pytest
from pg_support import Engine, both_engines  # noqa: F401  (the ``engine`` fixture)

from bot.core.models import Card, Deck
from bot.core.storage import DeckQueries

T = TypeVar("T")
NOW = datetime(2026, 1, 1, tzinfo=UTC)
GUILD = 111


def card(cid: str, answer: str, deck: str = "biology") -> Card:
    return Card(deck=deck, id=cid, question=f"Which one is {cid}?", answer=answer, accept=(answer,), tags=("cells",))


class Recording:
    """An offload that runs the work in a worker thread and remembers which threads ran it."""

    def __init__(self) -> None:
        self.threads: list[int] = []

    def __call__(self, fn: Callable[[], T]) -> Any:
        def run() -> T:
            self.threads.append(threading.get_ident())
            return fn()

        return asyncio.to_thread(run)


@pytest.fixture
async def store(engine: Engine) -> Any:
    return await engine.open()


async def test_a_re_import_is_compared_off_the_event_loop_and_reports_what_changed(store: Any) -> None:
    offload = Recording()
    queries = DeckQueries(store, offload=offload)
    first = Deck("biology", "Biology", cards=tuple(card(f"c{i}", f"answer {i}") for i in range(300)))
    stored, report = await queries.save_server_deck(GUILD, "biology", first, now=NOW)
    assert len(report.added) == 300
    kept = [card(f"c{i}", "another answer" if i == 5 else f"answer {i}") for i in range(1, 299)]  # c0, c299 gone
    again = Deck("biology", "Biology", cards=(*kept, card("new", "a new answer")))
    stored, report = await queries.save_server_deck(GUILD, "biology", again, now=NOW)
    assert sorted(report.retired) == sorted([f"{stored.id}:c0", f"{stored.id}:c299"])
    assert report.added == [f"{stored.id}:new"]
    assert report.updated == [f"{stored.id}:c5"] and report.unchanged == 297
    assert all(c.deck == stored.id for c in stored.cards)
    assert offload.threads and threading.get_ident() not in offload.threads
    back = {s.deck.id: s.deck for s in await queries.server_decks()}[stored.id]
    assert {c.id: c.answer for c in back.cards}["c5"] == "another answer"
    assert len(back.cards) == 299


async def test_the_deck_file_sync_is_compared_off_the_event_loop(store: Any) -> None:
    offload = Recording()
    queries = DeckQueries(store, offload=offload)
    deck = Deck("mini", "Mini", cards=tuple(card(f"c{i}", f"answer {i}", deck="mini") for i in range(50)))
    assert len((await queries.sync_decks([deck], now=NOW)).added) == 50
    changed = Deck("mini", "Mini", cards=(*deck.cards[1:], card("c0", "changed", deck="mini")))
    report = await queries.sync_decks([changed], now=NOW)
    assert report.updated == ["mini:c0"] and report.unchanged == 49 and not report.retired
    assert offload.threads and threading.get_ident() not in offload.threads
