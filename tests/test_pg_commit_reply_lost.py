"""On PostgreSQL, a member's answer whose connection is lost while it commits: what the member is told is true.

When the connection ends (or stops answering) during COMMIT, the server may have committed or not. The bot
used to tell the member "your answer could not be saved, so it did not count" either way:

- the server had committed, and only its reply was lost: the answer was stored and counted on the board,
  while the member read that it did not count (and, trusting that, answered again: counted twice);
- the COMMIT was only late (held up on the way): the bot gave up on it and said "not saved", and then it
  arrived and the answer landed after all.

Now the bot asks the server, on a new connection, whether the commit landed (ending first a transaction the
server still holds open, so that a late COMMIT can no longer land). Landed: the member gets their verdict and
points; not landed: "not saved", which is now true. When the server cannot be asked either, the member is told
it could not be confirmed, and their try stays used, so answering again never counts the answer twice.

The server is reached through the test relay (``pg_proxy``), which loses the COMMIT's reply or holds it back.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from pg_proxy import (  # noqa: F401  (the ``net``, ``core`` and ``short_wait`` fixtures)
    STUCK,
    PgRelay,
    connection_ended,
    relay,
    relayed,
    relayed_services,
    short_statement_wait,
)
from pg_support import PgSchema, pg_schema  # noqa: F401  (the ``pg`` fixture)

from bot.core.daily import DailyService
from bot.core.errors import UserError
from bot.core.quiz import NotSaved
from bot.core.service import Services

GUILD = ((4 * 2 + 1) << 22) | 12345
CHANNEL = GUILD + 2
RIGHT = "temperature"  # the one card of the topic "llms" in the mini decks
async def stored(pg: PgSchema) -> int:
    """How many answers are stored, read beside the bot (not through the relay)."""
    conn = await pg.connect()
    try:
        return int(await conn.fetchval("SELECT COUNT(*) FROM attempts"))
    finally:
        await conn.close()


async def practice(core: Services) -> str:
    """A practice session of one question, open."""
    quiz = await core.quiz.start_quiz(
        user_id=7, user_name="pat", guild_id=GUILD, channel_id=CHANNEL, topic="llms", private=True
    )
    card = core.catalog.card("mini:temperature")
    assert card is not None
    quiz.plan = [(card, "question")]
    core.quiz.open_question(quiz.id)
    return quiz.id


async def answer(core: Services, quiz_id: str) -> Any:
    return await asyncio.wait_for(
        core.quiz.answer(quiz_id, user_id=7, user_name="pat", response=RIGHT, number=1), STUCK
    )


async def test_an_answer_whose_commit_reply_was_lost_counts_and_the_member_is_told_so(
    pg: PgSchema, net: PgRelay, core: Services
) -> None:
    quiz_id = await practice(core)
    net.lose_commit_reply()  # the server commits; its reply never reaches the bot

    result = await answer(core, quiz_id)

    assert result.verdict.correct and result.points > 0
    assert await stored(pg) == 1


async def test_an_answer_whose_commit_came_too_late_is_not_saved_and_never_lands_afterwards(
    pg: PgSchema, net: PgRelay, core: Services
) -> None:
    quiz_id = await practice(core)
    net.hold_commit()  # the COMMIT is held up on the way, past the bot's wait

    with pytest.raises(NotSaved) as refused:
        await answer(core, quiz_id)
    assert refused.value.code == "quiz.not_saved"

    net.release_commit()  # ... and reaches the server at last
    await connection_ended(pg, net)
    assert await stored(pg) == 0  # "not saved" was true

    result = await answer(core, quiz_id)  # the member answers again: it counts, once
    assert result.verdict.correct and result.points > 0
    assert await stored(pg) == 1


async def test_an_answer_whose_commit_cannot_be_checked_is_called_unconfirmed_and_never_counts_twice(
    pg: PgSchema, net: PgRelay, core: Services
) -> None:
    quiz_id = await practice(core)
    net.hold_commit(freeze=True)  # the network goes silent as the COMMIT is sent: the server cannot be asked

    with pytest.raises(NotSaved) as refused:
        await answer(core, quiz_id)
    assert refused.value.code == "quiz.unconfirmed"
    assert "did not count" not in refused.value.message

    net.thaw()
    net.release_commit()  # the late COMMIT reaches the server, which still holds the transaction: it lands
    await connection_ended(pg, net)
    assert await stored(pg) == 1

    with pytest.raises(UserError):  # answering again does not count it a second time
        await answer(core, quiz_id)
    assert await stored(pg) == 1


async def test_a_daily_answer_whose_commit_reply_was_lost_is_counted_not_refused(
    pg: PgSchema, net: PgRelay, core: Services, clock: Any
) -> None:
    daily: DailyService = core.daily
    await daily.set_schedule(GUILD, CHANNEL, "09:00", "UTC")
    claim = await daily.claim_now(GUILD)
    await daily.mark_posted(claim.post_id, 1)
    net.lose_commit_reply()

    result = await asyncio.wait_for(daily.answer(claim.post_id, 7, "pat", claim.card.answer), STUCK)

    assert result.counted  # (whatever its verdict: it is the member's one answer to the question)
    assert await stored(pg) == 1
