"""What the group-commit tests share (``from answer_path_support import answer, synced_store``): a store on a
SQLite file with the test decks synced (the ``store`` fixture) and a wrong quiz answer to write."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.core.decks import load_decks
from bot.core.models import Attempt, Source, VerdictKind
from bot.core.storage.store import Store

START = datetime(2026, 3, 18, 15, 30, tzinfo=UTC)
G1 = 1001


@pytest.fixture(name="store")
async def synced_store(tmp_path: Path) -> Any:
    opened = await Store.open(tmp_path / "main.sqlite3")
    await opened.sync_decks(load_decks(Path(__file__).parent / "data" / "decks"), now=START - timedelta(days=1))
    yield opened
    await opened.close()


def answer(user: int, response: str = "a guess") -> Attempt:
    """A wrong answer of member ``user`` to question 5 of quiz ``q1``."""
    return Attempt(G1, 5, user, f"user{user}", "mini:bert", Source.QUIZ, response, VerdictKind.WRONG, 0, START,
                   session_id="q1")  # fmt: skip
