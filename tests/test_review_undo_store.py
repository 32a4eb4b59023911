"""/review "Undo last rating" on both engines (a SQLite file, a PostgreSQL schema, migration 0024): the card's
stored state put back column for column, the answer, its review log and its place in the member's figures gone,
in one transaction; after a restart (another service on the same database) too; refused, changing nothing, for
another member, twice, and after the card was rated again elsewhere."""

from __future__ import annotations

from datetime import datetime

import pytest
from pg_support import Engine, both_engines  # noqa: F401  (the ``engine`` fixture)
from review_store_support import ALICE, BOB, G1, hooked, mini_decks, review_clock, service, synced_store  # noqa: F401

from bot.core.errors import UserError
from bot.core.models import Attempt, Source, VerdictKind
from bot.core.review import ReviewService, SessionSummary, Shown
from bot.core.storage import Store


async def table(store: Store, sql: str) -> list[tuple]:
    async with store.read() as db:
        return sorted((tuple(r) for r in await db.execute_fetchall(sql)), key=repr)


async def everything(store: Store) -> dict[str, list[tuple]]:
    """Every row a rating writes: states, logs, answers, the member's card figures."""
    return {
        name: await table(store, f"SELECT * FROM {name}")
        for name in ("review_states", "review_logs", "attempts", "user_card_stats")
    }


async def quiz_answer(store: Store, review: ReviewService, key: str, at: datetime) -> None:
    """A right answer to ``key`` in a channel quiz (through the attempt writer and its review hook)."""
    writer = hooked(review)
    attempt = Attempt(
        guild_id=G1, channel_id=5, user_id=ALICE, user_name="alice", card_key=key, source=Source.QUIZ,
        response="…", verdict=VerdictKind.CORRECT, points=10, created_at=at, session_id="q-1",
    )
    async with store.transaction() as db:
        await writer.add(db, attempt)


async def learned_and_due(review: ReviewService, clock) -> str:
    """Alice learns one card in a first session (Don't know, then it is due again): its key, due now."""
    session, step = await review.start_session(guild_id=G1, user_id=ALICE, user_name="alice")
    assert isinstance(step, Shown)
    await review.give_up(session.id, user_id=ALICE, number=1)
    clock.tick(minutes=2)
    return step.card.key


async def test_an_undone_rating_leaves_every_row_as_before_it_even_after_a_restart(store, decks, clock) -> None:
    review = service(store, decks, clock)
    key = await learned_and_due(review, clock)
    before = await everything(store)
    session, step = await review.start_session(guild_id=G1, user_id=ALICE, user_name="alice")
    assert isinstance(step, Shown) and step.card.key == key and step.undo is None
    await review.give_up(session.id, user_id=ALICE, number=1)
    assert await everything(store) != before
    # A restart: another service on the same database; the session is taken up again by the undo.
    await review.close()
    again = await service(store, decks, clock).undo(session.id, guild_id=G1, user_id=ALICE, number=1, user_name="alice")
    assert isinstance(again, Shown) and again.again and again.card.key == key and again.undo is None
    assert again.before is not None and again.before.due == step.before.due  # type: ignore[union-attr]
    assert await everything(store) == before


async def test_a_new_card_undone_is_new_again_and_the_daily_limit_gives_it_back(store, decks, clock) -> None:
    review = service(store, decks, clock)
    await review.members.update(G1, ALICE, new_per_day=1)
    session, step = await review.start_session(guild_id=G1, user_id=ALICE, user_name="alice")
    assert isinstance(step, Shown) and step.is_new and step.new_left == 0
    await review.give_up(session.id, user_id=ALICE, number=1)
    summary = await review.next(session.id, user_id=ALICE, number=1)
    assert isinstance(summary, SessionSummary) and summary.undo == 1 and summary.reviewed == 1
    again = await review.undo(session.id, guild_id=G1, user_id=ALICE, number=1, user_name="alice")
    assert isinstance(again, Shown) and again.is_new and again.card.key == step.card.key and again.new_left == 0
    assert await everything(store) == {name: [] for name in ("review_states", "review_logs", "attempts", "user_card_stats")}
    assert await review.members.new_left(G1, ALICE, clock()) == 1
    stopped = await review.stop(session.id, user_id=ALICE)
    assert stopped.reviewed == 0 and stopped.undo is None


async def test_refusals_change_nothing(store, decks, clock) -> None:
    review = service(store, decks, clock)
    key = await learned_and_due(review, clock)
    session, _ = await review.start_session(guild_id=G1, user_id=ALICE, user_name="alice")
    await review.give_up(session.id, user_id=ALICE, number=1)
    rated = await everything(store)
    for live in (review, service(store, decks, clock)):  # the session in memory, and after a restart
        with pytest.raises(UserError) as refused:
            await live.undo(session.id, guild_id=G1, user_id=BOB, number=1, user_name="bob")
        assert refused.value.code == "review.not_yours"
        assert await everything(store) == rated
    clock.tick(seconds=5)
    await quiz_answer(store, review, key, clock())  # the card rated again, in a quiz
    quizzed = await everything(store)
    with pytest.raises(UserError) as refused:
        await service(store, decks, clock).undo(session.id, guild_id=G1, user_id=ALICE, number=1, user_name="alice")
    assert refused.value.code == "review.undo_changed"
    assert await everything(store) == quizzed


async def test_a_second_undo_is_refused(store, decks, clock) -> None:
    review = service(store, decks, clock)
    await learned_and_due(review, clock)
    before = await everything(store)
    session, _ = await review.start_session(guild_id=G1, user_id=ALICE, user_name="alice")
    await review.give_up(session.id, user_id=ALICE, number=1)
    await review.undo(session.id, guild_id=G1, user_id=ALICE, number=1, user_name="alice")
    for live in (review, service(store, decks, clock)):
        with pytest.raises(UserError) as refused:
            await live.undo(session.id, guild_id=G1, user_id=ALICE, number=1, user_name="alice")
        assert refused.value.code == "review.undo_none"
        assert await everything(store) == before
