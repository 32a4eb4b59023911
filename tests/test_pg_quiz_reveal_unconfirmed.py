"""On PostgreSQL, a channel quiz's reveal names only right answers known to be stored.

A right answer whose commit could not be confirmed (the connection went silent as it committed, and the server
could not be asked) may be stored or not. The reveal posted when the question closes used to name its player as
the winner, with their points, whatever became of it. Now the question's unconfirmed answers are settled first
(a write the server still holds open is ended, so it cannot land later): one that did not land is no winner, one
that did is named; one the server still cannot be asked about is left out and said to be unconfirmed.

The server is reached through the test relay (``pg_proxy``), which holds the COMMIT back and freezes the network.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from pg_proxy import (  # noqa: F401  (the ``net``, ``core``, ``short_wait`` and ``quick_connect`` fixtures)
    STUCK,
    PgRelay,
    connection_ended,
    quick_connect,
    relayed,
    relayed_services,
    short_statement_wait,
)
from pg_support import PgSchema, pg_schema  # noqa: F401  (the ``pg`` fixture)

from bot.core.quiz import LiveQuiz, NotSaved, Reveal
from bot.core.service import Services
from cogs.quiz.render import reveal_embed

GUILD = ((4 * 2 + 1) << 22) | 65432
CHANNEL = GUILD + 2
PAT = 7
RIGHT = "temperature"  # the one card of the topic "llms" in the mini decks


async def right_answer_unconfirmed(core: Services, net: PgRelay) -> LiveQuiz:
    """A channel quiz on one card, whose right answer's COMMIT is held back while the network goes silent."""
    quiz = await core.quiz.start_quiz(user_id=PAT, user_name="pat", guild_id=GUILD, channel_id=CHANNEL, topic="llms")
    card = core.catalog.card("mini:temperature")
    assert card is not None
    quiz.plan = [(card, "question")]
    core.quiz.open_question(quiz.id)
    net.hold_commit(freeze=True)
    with pytest.raises(NotSaved) as refused:
        await asyncio.wait_for(core.quiz.answer(quiz.id, user_id=PAT, user_name="pat", response=RIGHT, number=1), STUCK)
    assert refused.value.code == "quiz.unconfirmed", "the answer was not left unconfirmed: adapt the test"
    return quiz


async def close(core: Services, quiz: LiveQuiz) -> Reveal:
    reveal = await asyncio.wait_for(core.quiz.close_question(quiz.id, 1), STUCK)
    assert reveal is not None
    return reveal


async def stored(pg: PgSchema) -> int:
    """How many answers are stored, read beside the bot (not through the relay)."""
    conn = await pg.connect()
    try:
        return int(await conn.fetchval("SELECT COUNT(*) FROM attempts"))
    finally:
        await conn.close()


def got_it(quiz: LiveQuiz, reveal: Reveal) -> dict[str, str]:
    return {f.name or "": f.value or "" for f in reveal_embed(quiz, reveal).fields}


async def test_a_right_answer_that_did_not_land_is_not_named_in_the_reveal(
    pg: PgSchema, net: PgRelay, core: Services
) -> None:
    quiz = await right_answer_unconfirmed(core, net)  # its COMMIT still held on the way
    net.thaw()

    reveal = await close(core, quiz)
    await asyncio.wait_for(core.quiz.finish(quiz.id, status="stopped"), STUCK)  # (settles what is left)
    net.release_commit()  # the held COMMIT arrives after the quiz ended
    await connection_ended(pg, net)

    assert await stored(pg) == 0, "the answer landed after all: adapt the test"
    assert [w.name for w in reveal.winners] == [], f"the reveal names an answer that was not stored: {reveal.winners}"
    fields = got_it(quiz, reveal)
    assert "pat" not in fields.get("Got it", "") and "Not confirmed" not in fields


async def test_a_right_answer_that_landed_is_named_in_the_reveal_and_counted_when_the_quiz_ends_offline(
    quick_connect: Any, pg: PgSchema, net: PgRelay, core: Services  # noqa: F811  (the fixture)
) -> None:
    """The answer landed: the reveal names its player with their points; then the network goes silent and the
    quiz ends, its summary made from what the quiz remembers: the points are there, as on the leaderboard."""
    quiz = await right_answer_unconfirmed(core, net)
    net.thaw()
    net.release_commit()  # the late COMMIT reaches the server: the answer is stored
    await connection_ended(pg, net)

    reveal = await close(core, quiz)
    net.freeze()
    summary = await asyncio.wait_for(core.quiz.finish(quiz.id, status="stopped"), STUCK)
    net.thaw()

    assert await stored(pg) == 1
    assert [(w.user_id, w.points > 0) for w in reveal.winners] == [(PAT, True)]
    board = await core.stats.leaderboard(GUILD, "all")
    assert {p.user_id: p.points for p in summary.ranking if p.points} == {r.user_id: r.points for r in board.rows}
    assert summary.unconfirmed == 0  # (settled when the question closed)


async def test_a_right_answer_the_server_cannot_be_asked_about_is_said_to_be_unconfirmed(
    quick_connect: Any, pg: PgSchema, net: PgRelay, core: Services  # noqa: F811  (the fixture)
) -> None:
    """The network comes back for a while (a connection is opened and used), then goes silent again before the
    question closes: its reveal is not held up by the question nobody answers, and names nobody."""
    quiz = await right_answer_unconfirmed(core, net)
    net.thaw()
    await core.stats.leaderboard(GUILD, "all")  # a pooled connection in use again
    net.freeze()

    reveal = await close(core, quiz)

    assert reveal.winners == [], f"the reveal names an answer that may not be stored: {reveal.winners}"
    fields = got_it(quiz, reveal)
    assert "couldn't confirm that 1 right answer was saved" in fields.get("Not confirmed", ""), fields
    assert "Got it" not in fields  # (not "Nobody this time": somebody may have)
