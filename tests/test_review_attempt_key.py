"""A /review rating has a key (migration 0026, ``attempts.attempt_key``): the showing of a card gets one, its answer
is stored with it, and an answer sent again for the same showing after the bot could not confirm the first was
saved is recognised by it and given the first one's result, not rated a second time.

A database of the schema before upgrades keeping its answers (they have no key); on both engines the key is unique
and answers without one are not constrained. On SQLite a commit always gets its answer, so the lost reply is played
by a store whose next transaction commits and then reports the commit unconfirmed, as PostgreSQL's does.
"""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from typing import Any

import pytest
from pg_support import Engine, both_engines  # noqa: F401  (fixture ``engine``)

from bot.core.models import Attempt, Source, VerdictKind
from bot.core.review.models import NotSaved, Shown
from bot.core.service import Services
from bot.core.storage import store as store_module
from bot.core.storage.attempts import AttemptWriter
from bot.core.storage.problems import CommitUnconfirmed
from cogs.review.render import answered_embed

G, CH, PAT = 100, 200, 7
AT = datetime(2026, 3, 18, 15, 30, tzinfo=UTC)


def answer(key: str | None = None, user: int = PAT) -> Attempt:
    extra: dict[str, object] = {"direction": "question"}
    if key is not None:
        extra["key"] = key
    return Attempt(
        guild_id=G, channel_id=CH, user_id=user, user_name="pat", card_key="mini:bert", source=Source.REVIEW,
        response="bert", verdict=VerdictKind.CORRECT, points=0, created_at=AT, session_id="rv-1", extra=extra,
    )


async def test_a_database_before_attempt_keys_upgrades_keeping_its_answers_and_keys_are_unique(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    if engine.postgres:
        from bot.core.storage.pg import store as pg_store_module

        every = pg_store_module.pg_migrations()
        monkeypatch.setattr(pg_store_module, "pg_migrations", lambda: [m for m in every if m[0] < 26])
    else:
        everything = store_module.migrations()
        monkeypatch.setattr(store_module, "migrations", lambda: [m for m in everything if m[0] < 26])
    old = await engine.open_with_mini_decks(AT)
    assert await old.user_version() == 25
    async with old.transaction() as db:  # an answer as the code of that schema wrote it
        await db.execute(
            "INSERT INTO attempts (guild_id, channel_id, user_id, user_name, card_key, source, response, verdict,"
            " points, session_id, created_at) VALUES (?, ?, ?, 'pat', 'mini:bert', 'quiz', 'bert', 'correct', 10,"
            " 'q1', 0)",
            (G, CH, PAT),
        )
    monkeypatch.undo()

    store = await engine.open()  # the same database, opened by this version: upgraded
    assert await store.user_version() >= 26
    writer = AttemptWriter()
    async with store.transaction() as db:
        await writer.add(db, answer())  # answers without a key: as many as there are
        await writer.add(db, answer())
        keyed = await writer.add(db, answer("shown-1"))
    async with store.read() as db:
        rows = await db.execute_fetchall("SELECT points, attempt_key FROM attempts ORDER BY id")
        assert [tuple(r) for r in rows] == [(10, None), (0, None), (0, None), (0, "shown-1")]
        assert await AttemptWriter.keyed(db, "shown-1") == (keyed, "bert", "correct")
        assert await AttemptWriter.keyed(db, "shown-2") is None
    with pytest.raises(sqlite3.IntegrityError):  # a second answer with the same key is refused
        async with store.transaction() as db:
            await writer.add(db, answer("shown-1", user=PAT + 1))
    async with store.read() as db:
        assert len(await db.execute_fetchall("SELECT id FROM attempts")) == 4


@pytest.fixture
def lose_next_reply(core_services: Services, monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Set ``[True]``: the store's next transaction commits, then says its commit could not be confirmed."""
    store = core_services.store
    real = store.transaction
    lose = [False]

    @asynccontextmanager
    async def transaction() -> AsyncIterator[Any]:
        async with real() as db:
            yield db
        if lose[0]:
            lose[0] = False
            raise CommitUnconfirmed("the connection was lost while it committed")

    monkeypatch.setattr(store, "transaction", transaction)
    return lose


async def counts(services: Services) -> tuple[int, int]:
    """(answers stored, review logs)."""
    async with services.store.read() as db:
        answers = (await db.execute_fetchall("SELECT COUNT(*) FROM attempts"))[0][0]
        logs = (await db.execute_fetchall("SELECT COUNT(*) FROM review_logs"))[0][0]
    return int(answers), int(logs)


async def test_a_review_answer_sent_again_after_an_unconfirmed_save_rates_the_card_once(
    core_services: Services, lose_next_reply: list[bool]
) -> None:
    review = core_services.review
    session, shown = await review.start_session(guild_id=G, user_id=PAT, user_name="pat", channel_id=CH)
    assert isinstance(shown, Shown)
    lose_next_reply[0] = True
    with pytest.raises(NotSaved) as refused:
        await review.answer(session.id, user_id=PAT, number=shown.number, response=shown.prompt.answer)
    assert refused.value.code == "review.unconfirmed"
    assert "answering it again is safe" in refused.value.message
    assert await counts(core_services) == (1, 1)  # (it was saved)

    # the member answers the same card again, even with something else typed
    again = await review.answer(session.id, user_id=PAT, number=shown.number, response="no idea")

    assert await counts(core_services) == (1, 1)  # rated once
    assert again.earlier and again.verdict.correct and again.response == shown.prompt.answer  # the first answer
    said = {f.name: f.value for f in answered_embed(again).fields}
    assert "had been saved after all" in said["Saved earlier"] and "rated once" in said["Saved earlier"]
    async with core_services.store.read() as db:
        [(key,)] = await db.execute_fetchall("SELECT attempt_key FROM attempts")
    assert key == shown.key
    nxt = await review.next(session.id, user_id=PAT, number=shown.number)  # and the review goes on
    assert isinstance(nxt, Shown) and nxt.key != shown.key
    summary = await review.stop(session.id, user_id=PAT)
    assert (summary.reviewed, summary.right) == (1, 1)


async def test_each_showing_of_a_card_rates_once_with_a_key_of_its_own(core_services: Services) -> None:
    review = core_services.review
    session, shown = await review.start_session(guild_id=G, user_id=PAT, user_name="pat", channel_id=CH)
    assert isinstance(shown, Shown)
    await review.answer(session.id, user_id=PAT, number=shown.number, response=shown.prompt.answer)
    again = await review.undo(session.id, guild_id=G, user_id=PAT, number=shown.number, user_name="pat")
    assert isinstance(again, Shown) and again.card.key == shown.card.key and again.key != shown.key
    await review.answer(session.id, user_id=PAT, number=again.number, response="no idea")
    async with core_services.store.read() as db:
        rows = await db.execute_fetchall("SELECT attempt_key, verdict FROM attempts")
    assert [tuple(r) for r in rows] == [(again.key, "wrong")]
