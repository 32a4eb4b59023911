"""Taking back an accept, in the cases around it: an answer the deck's card accepts itself now, an accept of an answer
to an older version of the card, the member's review schedule, the players of the disputes it settled, a dispute
taken back before, and the server's answers in memory."""

from __future__ import annotations

from typing import Any

import deck_versions_support as one_card
import pytest
from deck_versions_support import BOB, GUILD, MOD, answered, import_deck, verdict_of
from disputes_support import started_services
from pg_support import Engine, both_engines  # noqa: F401  (the ``engine`` fixture)
from quiz_support import quiz_asking
from test_disputes_review_schedule import DAY, both_answer, memory, settle

from bot.core.errors import Conflict
from bot.core.scoring import FIRST_POINTS, WINDOW_POINTS
from bot.core.service import Services
from cogs._verdicts import notice_line
from tests.test_disputes_core import (
    ALICE,
    CH,
    DAN,
    EVE,
    PROMPT,
    TEMPERATURE,
    G,
    attempt_id,
    dispute_bobs_answer,
    rows,
    temperature_quiz,
)
from tests.test_disputes_decisions import dispute as open_dispute_of

CAT = one_card.CAT


async def two_accepted_one_after_the_other(s: Services, clock: Any) -> tuple[str, Any]:
    """A finished quiz on the temperature card where player 2 typed "softmax divisor", then eve "randomness", both
    accepted in that order (eve's scoring as a later right answer): the quiz's id and player 2's dispute."""
    quiz, _ = await quiz_asking(
        s, TEMPERATURE, user_id=ALICE, user_name="alice", guild_id=G, channel_id=CH, topic="sampling", seconds=60
    )
    for user_id, text in ((2, "softmax divisor"), (EVE, "randomness")):
        said = await s.quiz.answer(quiz.id, user_id=user_id, user_name=f"p{user_id}", response=text)
        assert not said.verdict.correct
        clock.tick(0.5)
    await s.quiz.close_question(quiz.id, 1)
    await s.quiz.finish(quiz.id)
    bobs = await open_dispute_of(s, 2, await attempt_id(s, 2, "softmax divisor"))
    eves = await open_dispute_of(s, EVE, await attempt_id(s, EVE, "randomness"))
    await s.disputes.accept(bobs.id, guild_id=G, moderator_id=99)
    await s.disputes.accept(eves.id, guild_id=G, moderator_id=99)
    assert (await s.stats.stats(G, EVE)).points_total == WINDOW_POINTS
    return quiz.id, bobs


async def bob_and_dan_disputed(s: Services, clock: Any) -> tuple[Any, Any]:
    """The temperature quiz of ``temperature_quiz``, bob's and dan's "softmax divisor" disputed: their disputes."""
    await temperature_quiz(s, clock)
    bobs = await dispute_bobs_answer(s, s.disputes)
    dans = await s.disputes.open_dispute(
        guild_id=G, user_id=DAN, user_name="dan", attempt_id=await attempt_id(s, DAN, "Softmax divisor!"), prompt=PROMPT
    )
    return bobs, dans

async def test_an_accept_of_an_answer_to_an_older_version_is_taken_back_as_it_was_asked(
    core_services: Services, clock: Any
) -> None:
    """"Madrid", typed to "What is the capital of France?" and accepted once the card asks Spain's: taken back, it is
    wrong again (it is right only to the question the card asks now)."""
    s = core_services
    await import_deck(s, one_card.FRANCE + b"\n" + one_card.RIVER)
    quiz_id, stored = await answered(s, clock, {BOB: "Madrid"})
    clock.tick(5)
    await import_deck(s, one_card.SPAIN + b"\n" + one_card.RIVER)
    d = await s.disputes.open_dispute(guild_id=GUILD, user_id=BOB, user_name="bob", attempt_id=stored[BOB])
    await s.quiz.finish(quiz_id)
    clock.tick(5)
    decision = await s.disputes.accept(d.id, guild_id=GUILD, moderator_id=MOD)
    assert decision.card_changed and (await verdict_of(s, stored[BOB]))[0] == "correct"

    done = await s.disputes.take_back(d.id, guild_id=GUILD, moderator_id=MOD)

    assert await verdict_of(s, stored[BOB]) == ("wrong", 0) and len(done.reverted) == 1


async def test_a_take_back_gives_the_review_schedule_back(engine: Engine, clock: Any) -> None:
    """The accept rescheduled the member's card as a right answer; taken back, the card's review log and schedule are
    as they were before the accept (the wrong answer rated as one)."""
    s = await started_services(await engine.open(), clock)
    try:
        for days in (0, 1, 4):
            clock.tick(days * DAY)
            await both_answer(s, "temperature")
        clock.tick(12 * DAY)
        wrong = await both_answer(s, "softmax divisor")
        before = await memory(s, 2)
        logs = [(x.rating, x.verdict) for x in await s.review.queries.logs(G, 2, TEMPERATURE)]
        d = await open_dispute_of(s, 2, wrong)
        await s.disputes.accept(d.id, guild_id=G, moderator_id=99)
        assert await memory(s, 2) != before

        await s.disputes.take_back(d.id, guild_id=G, moderator_id=99)

        assert [(x.rating, x.verdict) for x in await s.review.queries.logs(G, 2, TEMPERATURE)] == logs
        assert await memory(s, 2) == before
    finally:
        await settle(s)


async def test_the_player_of_a_dispute_it_settled_hears_their_points_went(core_services: Services, clock) -> None:
    s = core_services
    bobs, dans = await bob_and_dan_disputed(s, clock)
    await s.disputes.accept(bobs.id, guild_id=G, moderator_id=99)
    (heard,) = await s.disputes.take_notices(G, DAN)
    assert "points were given back" in notice_line(heard)
    done = await s.disputes.take_back(bobs.id, guild_id=G, moderator_id=99)
    assert done.settled_too == 1 and (await s.stats.stats(G, DAN)).points_total == 0
    (told,) = await s.disputes.take_notices(G, DAN)
    assert told.id == dans.id and "took back their accept" in notice_line(told) and "points" in notice_line(told)
    assert await s.disputes.page(G) is None  # (not asked again)


async def test_a_dispute_taken_back_with_another_is_not_decided_again(core_services: Services, clock) -> None:
    """bob's accept settled dan's dispute of the same answer; both are taken back together, and neither is put before
    the moderators again nor accepted by a stale button."""
    s = core_services
    bobs, dans = await bob_and_dan_disputed(s, clock)
    await s.disputes.accept(bobs.id, guild_id=G, moderator_id=99)
    await s.disputes.take_back(bobs.id, guild_id=G, moderator_id=99)
    assert await s.disputes.page(G) is None
    assert {r["status"] for r in await rows(s, "SELECT status FROM disputes")} == {"rejected"}
    with pytest.raises(Conflict):
        await s.disputes.accept(dans.id, guild_id=G, moderator_id=99)
    assert (await s.stats.stats(G, BOB)).points_total == 0 and (await s.stats.stats(G, DAN)).points_total == 0


async def test_the_answer_leaves_memory_whatever_folded_form_was_stored(core_services: Services, clock) -> None:
    """The folded form stored with the accepted answer is the grader's of the accept's day: taken back after the
    grader folds it otherwise, the answer still leaves the server's answers in memory, not only in the database."""
    s = core_services
    await temperature_quiz(s, clock)
    bobs = await dispute_bobs_answer(s, s.disputes)
    await s.disputes.accept(bobs.id, guild_id=G, moderator_id=99)
    async with s.store.transaction() as db:
        await db.execute("UPDATE accept_overlays SET norm = 'softmax-divisor' WHERE dispute_id = ?", (bobs.id,))
    await s.disputes.start()
    await s.disputes.take_back(bobs.id, guild_id=G, moderator_id=99)
    assert await rows(s, "SELECT * FROM accept_overlays") == []
    assert s.disputes.overlay_accepts(G, TEMPERATURE) == ()


async def test_a_later_accepts_answer_scores_as_the_first_once_the_one_before_it_is_taken_back(
    core_services: Services, clock: Any
) -> None:
    """bob's answer, then eve's, to one quiz question, both accepted: eve's scored as a later right answer (bob's came
    first). bob's accept taken back, eve's is the question's first right answer: it scores as one, and wins the quiz."""
    s = core_services
    quiz_id, bobs = await two_accepted_one_after_the_other(s, clock)

    await s.disputes.take_back(bobs.id, guild_id=G, moderator_id=99)

    assert (await s.stats.stats(G, EVE)).points_total == FIRST_POINTS
    board = await s.stats.leaderboard(G, "all")
    assert [(r.name, r.points) for r in board.rows if r.points] == [(f"p{EVE}", FIRST_POINTS)]
    won = await rows(s, "SELECT winner_id FROM quizzes WHERE id = ?", (quiz_id,))
    assert won[0]["winner_id"] == EVE
