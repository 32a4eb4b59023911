"""On PostgreSQL, an answer whose commit could not be confirmed (the connection was lost as it committed, and the
server could not be asked): what the member does next counts it at most once, and what the bot shows agrees with
what is stored.

- /review: the member answers the same card again (the message says that is safe). The card's showing has a key,
  stored with its answer: the second answer finds the first one stored and gets its result, or, when the first
  never landed, is rated itself; the card is rated once either way (one answer, one review log).
- A channel quiz: the quiz ends, and its summary is made from the stored answers once the unconfirmed commit was
  settled (a write still held open is ended, so it cannot land after the summary): the summary's points are the
  leaderboard's.

The server is reached through the test relay (``pg_proxy``), which holds the COMMIT back and freezes the network.
"""

from __future__ import annotations

import asyncio

import pytest
from pg_proxy import (  # noqa: F401  (the ``net``, ``core`` and ``quick_connect`` fixtures)
    STUCK,
    PgRelay,
    connection_ended,
    quick_connect,
    relayed,
    relayed_services,
)
from pg_support import PgSchema, pg_schema  # noqa: F401  (the ``pg`` fixture)

from bot.core.quiz import NotSaved as QuizNotSaved
from bot.core.review.models import Answered, NotSaved, Shown
from bot.core.service import Services
from bot.core.storage.pg import compat

GUILD = ((4 * 2 + 1) << 22) | 54321
CHANNEL = GUILD + 2
PAT = 7
RIGHT = "temperature"  # the one card of the topic "llms" in the mini decks


@pytest.fixture(autouse=True)
def short_wait(monkeypatch: pytest.MonkeyPatch) -> None:
    """A serving process's wait for an unanswered statement, shortened for the test (30 s)."""
    monkeypatch.setattr(compat, "STATEMENT_WAIT", 0.5)


async def count(pg: PgSchema, table: str) -> int:
    """How many rows ``table`` holds, read beside the bot (not through the relay)."""
    conn = await pg.connect()
    try:
        return int(await conn.fetchval(f"SELECT COUNT(*) FROM {table}"))
    finally:
        await conn.close()


# -- /review -------------------------------------------------------------------------------------------------------


async def first_card(core: Services) -> tuple[str, Shown]:
    session, shown = await core.review.start_session(guild_id=GUILD, user_id=PAT, user_name="pat", channel_id=CHANNEL)
    assert isinstance(shown, Shown)
    await core.review.shown_kept()  # (its own write done: the COMMIT the relay traps next is the answer's)
    return session.id, shown


async def rate(core: Services, session_id: str, shown: Shown) -> Answered:
    return await asyncio.wait_for(
        core.review.answer(session_id, user_id=PAT, number=shown.number, response=shown.prompt.answer), STUCK
    )


async def unconfirmed_rating(core: Services, net: PgRelay) -> tuple[str, Shown]:
    """The member's first card, answered while the network goes silent as the COMMIT is sent."""
    session_id, shown = await first_card(core)
    net.hold_commit(freeze=True)
    with pytest.raises(NotSaved) as refused:
        await rate(core, session_id, shown)
    assert refused.value.code == "review.unconfirmed"
    assert "safe" in refused.value.message and "second time" not in refused.value.message
    net.thaw()
    return session_id, shown


async def test_a_review_answer_sent_again_after_an_unconfirmed_one_that_landed_rates_the_card_once(
    pg: PgSchema, net: PgRelay, core: Services
) -> None:
    session_id, shown = await unconfirmed_rating(core, net)
    net.release_commit()  # the late COMMIT reaches the server: the first answer is stored after all
    await connection_ended(pg, net)
    assert (await count(pg, "attempts"), await count(pg, "review_logs")) == (1, 1)

    again = await rate(core, session_id, shown)  # the same card, answered again

    assert (await count(pg, "attempts"), await count(pg, "review_logs")) == (1, 1)  # rated once
    assert again.verdict.correct and again.earlier  # the first answer's result
    summary = await core.review.stop(session_id, user_id=PAT)
    assert summary.reviewed == 1


async def test_a_review_answer_sent_again_while_the_unconfirmed_one_is_held_rates_the_card_once(
    pg: PgSchema, net: PgRelay, core: Services
) -> None:
    session_id, shown = await unconfirmed_rating(core, net)  # its COMMIT still held on the way

    again = await rate(core, session_id, shown)
    net.release_commit()  # ... and the held COMMIT arrives late
    await connection_ended(pg, net)

    assert again.verdict.correct
    assert (await count(pg, "attempts"), await count(pg, "review_logs")) == (1, 1)  # rated once
    summary = await core.review.stop(session_id, user_id=PAT)
    assert summary.reviewed == 1


# -- a channel quiz --------------------------------------------------------------------------------------------------


async def quiz_with_unconfirmed_answer(core: Services, net: PgRelay) -> str:
    """A channel quiz on one card whose right answer's commit cannot be confirmed."""
    quiz = await core.quiz.start_quiz(user_id=PAT, user_name="pat", guild_id=GUILD, channel_id=CHANNEL, topic="llms")
    card = core.catalog.card("mini:temperature")
    assert card is not None
    quiz.plan = [(card, "question")]
    core.quiz.open_question(quiz.id)
    net.hold_commit(freeze=True)
    with pytest.raises(QuizNotSaved) as refused:
        await asyncio.wait_for(
            core.quiz.answer(quiz.id, user_id=PAT, user_name="pat", response=RIGHT, number=1), STUCK
        )
    assert refused.value.code == "quiz.unconfirmed"
    net.thaw()
    return quiz.id


async def board_points(core: Services) -> dict[int, int]:
    board = await core.stats.leaderboard(GUILD, "all")
    return {row.user_id: row.points for row in board.rows}


async def test_a_quiz_summary_counts_what_is_stored_when_an_answer_was_unconfirmed_and_held(
    pg: PgSchema, net: PgRelay, core: Services
) -> None:
    quiz_id = await quiz_with_unconfirmed_answer(core, net)  # its COMMIT still held on the way

    summary = await asyncio.wait_for(core.quiz.finish(quiz_id, status="stopped"), STUCK)
    net.release_commit()  # the held COMMIT arrives after the summary was made
    await connection_ended(pg, net)

    shown = {p.user_id: p.points for p in summary.ranking if p.points}
    assert shown == await board_points(core)
    assert summary.unconfirmed == 0  # settled: nothing left to say about it


async def test_a_quiz_summary_counts_an_unconfirmed_answer_that_landed(
    pg: PgSchema, net: PgRelay, core: Services
) -> None:
    quiz_id = await quiz_with_unconfirmed_answer(core, net)
    net.release_commit()
    await connection_ended(pg, net)

    summary = await asyncio.wait_for(core.quiz.finish(quiz_id, status="stopped"), STUCK)

    shown = {p.user_id: p.points for p in summary.ranking if p.points}
    assert shown == await board_points(core) and shown[PAT] > 0


async def test_a_quiz_ending_while_the_database_cannot_be_asked_says_an_answer_is_unconfirmed(
    quick_connect: None, pg: PgSchema, net: PgRelay, core: Services  # noqa: F811  (the fixture)
) -> None:
    from cogs.quiz.render import summary_embed

    quiz_id = await quiz_with_unconfirmed_answer(core, net)
    net.freeze()  # the network is still silent when the quiz ends

    summary = await asyncio.wait_for(core.quiz.finish(quiz_id, status="stopped"), STUCK)

    assert summary.unconfirmed == 1  # not in the ranking, and said so
    fields = {f.name: f.value for f in summary_embed(summary).fields}
    assert "couldn't confirm that 1 answer was saved" in fields["Not confirmed"]
    assert "leaderboard counts it" in fields["Not confirmed"]
