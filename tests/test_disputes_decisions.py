"""Deciding disputes in the core, on a real database: an accepted answer grades the same in the re-grade as in
live play (the card's reject list included), an accept that would correct an answer to a question still open
elsewhere is refused, the player is told of points only when theirs came back, the review page keeps a
still-open question's answers to itself, two decisions of one dispute never both go through, and /review
takes the server's accepted answers."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from disputes_support import accepted_practice_answer, started_services
from pg_support import Engine, both_engines  # noqa: F401  (fixture ``engine``)
from play_support import FirstChoice
from quiz_support import quiz_asking

from bot.core.disputes import DisputeService
from bot.core.errors import Conflict, UserError
from bot.core.models import VerdictKind
from bot.core.scoring import FIRST_POINTS, WINDOW_POINTS
from bot.core.service import Services
from cogs._verdicts import notice_line

G, G2, CH, CH2 = 100, 101, 200, 201
ALICE, BOB, CAROL, DAN, EVE, MOD = 1, 2, 3, 4, 5, 99
TEMPERATURE = "mini:temperature"
MINI_DECKS = Path(__file__).parent / "data" / "decks"


async def open_question(services: Services, channel: int = CH, starter: int = ALICE, guild_id: int = G):
    """A channel quiz whose one question, on the temperature card, is open."""
    quiz, _ = await quiz_asking(
        services, TEMPERATURE,
        user_id=starter, user_name=f"p{starter}", guild_id=guild_id, channel_id=channel, topic="sampling", seconds=60
    )
    return quiz


async def say(services: Services, quiz, user_id: int, text: str):
    return await services.quiz.answer(quiz.id, user_id=user_id, user_name=f"p{user_id}", response=text)


async def close(services: Services, quiz) -> None:
    await services.quiz.close_question(quiz.id, 1)
    await services.quiz.finish(quiz.id)


async def points(services: Services, user_id: int) -> int:
    return (await services.stats.stats(G, user_id)).points_total


async def dispute(services: Services, user_id: int, attempt_id: int):
    return await services.disputes.open_dispute(
        guild_id=G, user_id=user_id, user_name=f"p{user_id}", attempt_id=attempt_id
    )


# -- the re-grade is live grading ------------------------------------------------------------------
async def test_an_accepted_answer_on_the_cards_reject_list_is_right_in_play_from_then_on(core_services, clock):
    s = core_services
    quiz = await open_question(s)
    bob = await say(s, quiz, BOB, "top-k")  # on the card's reject list
    clock.tick(0.5)
    dan = await say(s, quiz, DAN, "Top-K")
    assert bob.verdict.kind is VerdictKind.WRONG and dan.verdict.kind is VerdictKind.WRONG
    await close(s, quiz)
    decision = await s.disputes.accept((await dispute(s, BOB, bob.attempt_id)).id, guild_id=G, moderator_id=MOD)
    assert [(r.user_id, r.points) for r in decision.regraded] == [(BOB, FIRST_POINTS), (DAN, WINDOW_POINTS)]

    clock.tick(60)
    later = await open_question(s)
    assert (await say(s, later, EVE, "top-k")).verdict.correct  # as the re-grade judged it
    # the card's other rejected answer is still wrong, and other servers still reject "top-k"
    assert not (await say(s, later, CAROL, "top-p")).verdict.correct
    elsewhere = await open_question(s, channel=CH2, guild_id=G2)
    assert not (await say(s, elsewhere, EVE, "top-k")).verdict.correct


async def test_the_regrade_corrects_only_answers_that_live_play_now_takes(core_services, clock):
    # "softmax divisor, not temperature" denies the card's own answer: live play grades it wrong even once the
    # server accepts "softmax divisor", so the accept must not pay it either
    s = core_services
    quiz = await open_question(s)
    bob = await say(s, quiz, BOB, "softmax divisor")
    clock.tick(0.5)
    await say(s, quiz, DAN, "softmax divisor, not temperature")
    await close(s, quiz)
    decision = await s.disputes.accept((await dispute(s, BOB, bob.attempt_id)).id, guild_id=G, moderator_id=MOD)
    assert [r.user_id for r in decision.regraded] == [BOB]
    assert await points(s, DAN) == 0

    clock.tick(60)
    later = await open_question(s)
    assert not (await say(s, later, EVE, "softmax divisor, not temperature")).verdict.correct
    assert (await say(s, later, CAROL, "softmax divisor")).verdict.correct


# -- a question still open elsewhere ------------------------------------------------------------------
async def test_an_accept_that_would_correct_an_answer_to_a_question_still_open_waits_for_it(core_services, clock):
    s = core_services
    first = await open_question(s)
    bob = await say(s, first, BOB, "softmax divisor")
    await close(s, first)
    # (disputed before the card is asked again: while it is, an earlier answer to it waits to be disputed)
    opened = await dispute(s, BOB, bob.attempt_id)
    second = await open_question(s, channel=CH2, starter=CAROL)
    assert not (await say(s, second, DAN, "softmax divisor")).verdict.correct

    with pytest.raises(Conflict, match="still open") as refused:
        await s.disputes.accept(opened.id, guild_id=G, moderator_id=MOD)
    # (the card's question is open: accepted now, the answer would score there for whoever types it next)
    assert refused.value.code == "dispute.question_open"
    # nothing changed: bob has no points, the server accepts nothing new, the dispute waits in the queue
    assert await points(s, BOB) == 0 and s.disputes.overlay_accepts(G, TEMPERATURE) == ()
    page = await s.disputes.page(G)
    assert page is not None and page.dispute.id == opened.id

    await close(s, second)
    decision = await s.disputes.accept(opened.id, guild_id=G, moderator_id=MOD)
    assert {r.user_id for r in decision.regraded} == {BOB, DAN}
    assert (await s.stats.stats(G, DAN)).correct == 1 and await points(s, DAN) == FIRST_POINTS


async def test_an_open_question_whose_player_was_right_there_already_does_not_hold_the_accept(core_services, clock):
    s = core_services
    first = await open_question(s)
    bob = await say(s, first, BOB, "softmax divisor")
    await close(s, first)
    second = await open_question(s, channel=CH2, starter=CAROL)
    await say(s, second, DAN, "softmax divisor")
    clock.tick(0.5)
    await say(s, second, DAN, "temperature")  # nothing to correct: dan is right on that question already
    await close(s, second)
    decision = await s.disputes.accept((await dispute(s, BOB, bob.attempt_id)).id, guild_id=G, moderator_id=MOD)
    assert [r.user_id for r in decision.regraded] == [BOB]


# -- what the player is told ----------------------------------------------------------------------
async def test_the_player_hears_of_points_only_when_theirs_came_back(core_services, clock):
    s = core_services
    quiz = await open_question(s)
    bob = await say(s, quiz, BOB, "softmax divisor")
    clock.tick(0.5)
    await say(s, quiz, BOB, "temperature")  # bob was right on that question after all
    clock.tick(0.5)
    await say(s, quiz, DAN, "softmax divisor")
    await close(s, quiz)
    before = await points(s, BOB)
    decision = await s.disputes.accept((await dispute(s, BOB, bob.attempt_id)).id, guild_id=G, moderator_id=MOD)
    assert [r.user_id for r in decision.regraded] == [DAN] and decision.points == WINDOW_POINTS
    assert await points(s, BOB) == before
    (told,) = await s.disputes.take_notices(G, BOB)
    line = notice_line(told)
    assert "now counts as right" in line and "points" not in line

    # where the player's own answer is corrected, they hear that their points came back
    clock.tick(60)
    again = await open_question(s)
    eve = await say(s, again, EVE, "the sampling knob")
    await close(s, again)
    await s.disputes.accept((await dispute(s, EVE, eve.attempt_id)).id, guild_id=G, moderator_id=MOD)
    (told,) = await s.disputes.take_notices(G, EVE)
    assert told.restored == FIRST_POINTS and "your points were given back" in notice_line(told)


# -- the review page ------------------------------------------------------------------------------
async def test_the_review_page_hides_the_answers_while_the_quiz_question_is_open(core_services, clock):
    s = core_services
    quiz = await open_question(s)
    bob = await say(s, quiz, BOB, "softmax divisor")
    await dispute(s, BOB, bob.attempt_id)
    page = await s.disputes.page(G)
    assert page is not None and page.answers_hidden
    await close(s, quiz)
    page = await s.disputes.page(G)
    assert page is not None and not page.answers_hidden and page.dispute.accepted == ("temperature",)


async def test_the_review_page_hides_the_answers_of_a_daily_question_until_its_reveal(core_services, clock):
    s = core_services
    await s.daily.set_schedule(G, CH, "09:00", "UTC", topic="sampling", answer_hours=3)
    info = await s.daily.get_schedule(G)
    clock.now = max(clock.now, info.next_post_at)
    claim = await s.daily.claim_due(G)
    await s.daily.mark_posted(claim.post_id, 1)
    await s.daily.answer(claim.post_id, BOB, "bob", "softmax divisor")
    await dispute(s, BOB, await s.disputes.daily_attempt(claim.post_id, BOB))
    page = await s.disputes.page(G)
    assert page is not None and page.answers_hidden
    clock.now = max(clock.now, claim.closes_at)
    assert await s.daily.claim_reveal(claim.post_id) is not None
    page = await s.disputes.page(G)
    assert page is not None and not page.answers_hidden


# -- /review ------------------------------------------------------------------------------------------
async def test_review_takes_the_answer_the_server_accepted_in_that_server_only(core_services, clock):
    s = core_services
    quiz = await open_question(s)
    bob = await say(s, quiz, BOB, "softmax divisor")
    await close(s, quiz)
    await s.disputes.accept((await dispute(s, BOB, bob.attempt_id)).id, guild_id=G, moderator_id=MOD)
    s.review.rng = FirstChoice()  # the card's own question
    for guild_id, right in ((G, True), (G2, False)):
        await s.review.members.update(guild_id, EVE, topics="sampling")
        session, shown = await s.review.start_session(guild_id=guild_id, user_id=EVE, user_name="eve")
        assert shown.card.key == TEMPERATURE and shown.prompt.direction == "question"
        answered = await s.review.answer(session.id, user_id=EVE, number=shown.number, response="softmax divisor")
        assert answered.verdict.correct is right, guild_id


# -- two decisions of one dispute -------------------------------------------------------------------------
async def two_processes(engine: Engine, clock: Any) -> tuple[Services, DisputeService]:
    """The features on the test's database, and the disputes of a second process on the same data."""
    services = await started_services(await engine.open(), clock)
    other = DisputeService(store=await engine.open(), catalog=services.catalog, clock=clock)
    await other.start()
    return services, other


async def settle(services: Services) -> None:
    for feature in reversed(services._features):
        await feature.close()


async def test_an_accept_and_a_reject_of_one_dispute_at_once_never_both_go_through(engine: Engine, clock) -> None:
    s, other = await two_processes(engine, clock)
    try:
        quiz = await open_question(s)
        bob = await say(s, quiz, BOB, "softmax divisor")
        await close(s, quiz)
        opened = await dispute(s, BOB, bob.attempt_id)
        # The accept reads the dispute, then waits a moment inside its transaction; the reject of another
        # process comes meanwhile.
        reading = asyncio.Event()
        real = s.disputes.queries.attempt

        async def slow_attempt(db, attempt_id):
            reading.set()
            await asyncio.sleep(0.3)
            return await real(db, attempt_id)

        s.disputes.queries.attempt = slow_attempt  # type: ignore[method-assign]
        accepting = asyncio.create_task(s.disputes.accept(opened.id, guild_id=G, moderator_id=MOD))
        await reading.wait()
        rejecting = asyncio.create_task(other.reject(opened.id, guild_id=G, moderator_id=MOD + 1))
        decision, late = await asyncio.gather(accepting, rejecting, return_exceptions=True)
        # The decision that read the dispute first is kept; the later click is told plainly.
        assert isinstance(late, Conflict) and late.code == "dispute.already_decided", (decision, late)
        assert not isinstance(decision, BaseException) and decision.accepted
        async with s.store.read() as db:
            (row,) = await db.execute_fetchall("SELECT status, decided_by FROM disputes WHERE id = ?", (opened.id,))
            overlays = await db.execute_fetchall("SELECT answer FROM accept_overlays")
        assert (row["status"], row["decided_by"]) == ("accepted", MOD)
        assert await points(s, BOB) == FIRST_POINTS and len(overlays) == 1
    finally:
        await settle(s)


async def test_a_decision_that_changes_nothing_is_refused_and_keeps_nothing(engine: Engine, clock) -> None:
    # The dispute was read open, but closing it changes no row (another decision got there first): the
    # moderator is told it was decided, and nothing the accept did is kept.
    s, _ = await two_processes(engine, clock)
    try:
        quiz = await open_question(s)
        bob = await say(s, quiz, BOB, "softmax divisor")
        await close(s, quiz)
        opened = await dispute(s, BOB, bob.attempt_id)

        async def nothing_changed(*args, **kwargs) -> bool:
            return False

        s.disputes.queries.decide = nothing_changed  # type: ignore[method-assign]
        for decide in (s.disputes.accept, s.disputes.reject):
            with pytest.raises(Conflict, match="already") as refused:
                await decide(opened.id, guild_id=G, moderator_id=MOD)
            assert refused.value.code == "dispute.already_decided"
        assert await points(s, BOB) == 0 and s.disputes.overlay_accepts(G, TEMPERATURE) == ()
        async with s.store.read() as db:
            assert await db.execute_fetchall("SELECT answer FROM accept_overlays") == []
            corrected = await db.execute_fetchall("SELECT verdict FROM attempts WHERE id = ?", (bob.attempt_id,))
        assert [r["verdict"] for r in corrected] == ["wrong"]
        assert await s.disputes.take_notices(G, BOB) == []
    finally:
        await settle(s)


@pytest.mark.parametrize(
    ("typed", "named"),
    [
        # an accepted answer makes each name it offers right alone: "top-k" and "top-p", both on the card's reject
        # list, would be right in the whole server
        ("top-k or top-p or temperature", "top-k / top-p"),
        # the grader reads "X; Y", "X (Y)", "X - Y" as X and a remark: accepted, each would make "top-k" right
        ("top-k; temperature", "top-k"),
        ("top-k (temperature)", "top-k"),
        ("top-k - temperature", "top-k"),
        ("top-k: temperature", "top-k"),
    ],
)
async def test_an_answer_that_would_make_a_wrong_name_right_alone_is_not_accepted(core_services, clock, typed, named):
    s = core_services
    quiz = await open_question(s)
    bob = await say(s, quiz, BOB, typed)
    clock.tick(0.5)
    dan = await say(s, quiz, DAN, "top-k")
    assert not bob.verdict.correct and not dan.verdict.correct
    await close(s, quiz)
    opened = await dispute(s, BOB, bob.attempt_id)
    with pytest.raises(UserError) as refused:
        await s.disputes.accept(opened.id, guild_id=G, moderator_id=MOD)
    assert refused.value.code == "dispute.offers_others" and named in str(refused.value)
    assert await points(s, DAN) == 0 and await points(s, BOB) == 0
    clock.tick(60)
    later = await open_question(s)
    assert not (await say(s, later, EVE, "top-k")).verdict.correct
    await close(s, later)
    # the dispute is still open: a reject closes it
    assert (await s.disputes.reject(opened.id, guild_id=G, moderator_id=MOD)).accepted is False


async def test_an_answer_whose_pieces_stay_wrong_alone_can_be_accepted(core_services, clock):
    # "top-k, temperature" accepted makes neither "top-k" nor anything else right alone: the accept goes through.
    s = core_services
    quiz = await open_question(s)
    bob = await say(s, quiz, BOB, "top-k, temperature")
    assert not bob.verdict.correct
    await close(s, quiz)
    opened = await dispute(s, BOB, bob.attempt_id)
    assert (await s.disputes.accept(opened.id, guild_id=G, moderator_id=MOD)).accepted is True
    clock.tick(60)
    later = await open_question(s)
    assert (await say(s, later, EVE, "top-k, temperature")).verdict.correct
    assert not (await say(s, later, DAN, "top-k")).verdict.correct
    await close(s, later)


async def test_an_answer_too_long_for_a_deck_file_is_not_accepted(core_services, clock):
    # A deck file holds accepted answers of at most 300 characters: a longer one accepted would be left out of
    # /deck export, and lost at the next import.
    s = core_services
    quiz = await open_question(s)
    typed = "the softmax divisor " * 20
    bob = await say(s, quiz, BOB, typed)
    assert not bob.verdict.correct
    await close(s, quiz)
    opened = await dispute(s, BOB, bob.attempt_id)
    with pytest.raises(UserError) as refused:
        await s.disputes.accept(opened.id, guild_id=G, moderator_id=MOD)
    assert refused.value.code == "dispute.too_long" and "300" in str(refused.value)
    assert await points(s, BOB) == 0
    assert s.disputes.overlay_accepts(G, TEMPERATURE, "question") == ()


async def test_the_review_page_shows_what_else_an_accept_would_make_right(core_services, clock):
    # "softmax divisor" accepted takes "softmax divisr" as its misspelling: the moderator sees it before deciding,
    # and the same words typed otherwise ("Softmax divisor") are the answer itself, not listed.
    s = core_services
    quiz = await open_question(s)
    bob = await say(s, quiz, BOB, "softmax divisor")
    clock.tick(0.5)
    for user, text in ((DAN, "Softmax divisor"), (EVE, "softmax divisr"), (CAROL, "top-k")):
        await say(s, quiz, user, text)
        clock.tick(0.5)
    await close(s, quiz)
    opened = await dispute(s, BOB, bob.attempt_id)
    page = await s.disputes.page(G)
    assert page is not None and page.dispute.id == opened.id
    assert page.also_right == (("softmax divisr", 1),) and page.also_right_more == 0
    decision = await s.disputes.accept(opened.id, guild_id=G, moderator_id=MOD)
    assert {a.user_id for a in decision.regraded} == {BOB, DAN, EVE}


async def test_the_review_page_shows_nothing_of_an_accepts_reach_while_the_question_is_open(core_services, clock):
    s = core_services
    quiz = await open_question(s)
    bob = await say(s, quiz, BOB, "softmax divisor")
    await say(s, quiz, EVE, "softmax divisr")
    await dispute(s, BOB, bob.attempt_id)
    page = await s.disputes.page(G)
    assert page is not None and page.answers_hidden and page.also_right == ()
    await close(s, quiz)


async def test_a_long_answer_in_another_script_can_be_accepted(engine: Engine, clock) -> None:
    # Its folded text is several kilobytes: on PostgreSQL, more than an index row holds where the key was that text.
    # (An essay card's: its exported file keeps its key points, so a server's accepted answer there may be long.)
    s = await started_services(await engine.open(), clock)
    try:
        typed = "".join(chr(0x4E00 + (i * 7919) % 0x5000) for i in range(3990))
        verdict, decision = await accepted_practice_answer(s, "mini:continual-learning", typed)
        assert not verdict.correct and decision.accepted and decision.overlay_added
        quiz = await s.quiz.start_quiz(
            user_id=CAROL, user_name="carol", guild_id=G, channel_id=CH, private=True,
            card_keys=["mini:continual-learning"],
        )  # fmt: skip
        s.quiz.open_question(quiz.id)
        assert (await s.quiz.answer(quiz.id, user_id=CAROL, user_name="carol", response=typed)).verdict.correct
    finally:
        await settle(s)


async def test_an_answer_near_the_cards_is_neither_shown_nor_decided_while_its_question_is_open(core_services, clock):
    # The moderator may be playing that question: an almost answer is near the answer.
    s = core_services
    quiz, _ = await quiz_asking(s, "mini:bert", user_id=ALICE, user_name="p1", guild_id=G, channel_id=CH, seconds=60)
    bob = await say(s, quiz, BOB, "Bidirectional Encoder Representations")
    assert bob.verdict.kind is VerdictKind.ALMOST
    opened = await dispute(s, BOB, bob.attempt_id)
    page = await s.disputes.page(G)
    assert page is not None and page.typed_hidden
    with pytest.raises(Conflict) as refused:
        await s.disputes.reject(opened.id, guild_id=G, moderator_id=MOD)
    assert refused.value.code == "dispute.question_open"
    await close(s, quiz)
    page = await s.disputes.page(G)
    assert page is not None and not page.typed_hidden
    assert (await s.disputes.reject(opened.id, guild_id=G, moderator_id=MOD)).accepted is False
