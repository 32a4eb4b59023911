"""What an accepted dispute corrects beyond the channel quiz it came from, on both engines: the same answer typed in
/review counts as right from then on (no points: /review never scores), so /stats, /deck stats and /disputes stats
stop counting it as a miss; and a finished channel quiz the correction turns round names its new winner in /stats.
"""

from __future__ import annotations

import random
from typing import Any

from disputes_support import started_services
from pg_support import Engine, both_engines  # noqa: F401  (fixture ``engine``)
from play_support import FirstChoice
from test_disputes_decisions import BOB, CAROL, EVE, MOD, TEMPERATURE, G, close, dispute, open_question, say

from bot.core.scoring import FIRST_POINTS, WINDOW_POINTS
from bot.core.service import Services


class TermFirst(random.Random):
    """A random source that asks each card the term way (from its answer text) where it can be."""

    def choice(self, seq):  # type: ignore[override]
        return seq[-1]


async def reviewed(s: Services, user_id: int, typed: str, rng: random.Random) -> tuple[int, str]:
    """``typed`` to the temperature card in a /review session of ``user_id``; the stored answer's id, and the
    direction the card was asked in."""
    s.review.rng = rng
    await s.review.members.update(G, user_id, topics="sampling")
    session, shown = await s.review.start_session(guild_id=G, user_id=user_id, user_name=f"p{user_id}")
    assert shown.card.key == TEMPERATURE
    answered = await s.review.answer(session.id, user_id=user_id, number=shown.number, response=typed)
    assert not answered.verdict.correct
    async with s.store.read() as db:
        (row,) = await db.execute_fetchall(
            "SELECT id FROM attempts WHERE user_id = ? AND source = 'review' ORDER BY id DESC LIMIT 1", (user_id,)
        )
    return int(row["id"]), shown.prompt.direction


async def settle(services: Services) -> None:
    for feature in reversed(services._features):
        await feature.close()


async def test_an_accept_corrects_the_same_answer_given_in_review(engine: Engine, clock: Any) -> None:
    s = await started_services(await engine.open(), clock)
    try:
        eve, direction = await reviewed(s, EVE, "softmax divisor", FirstChoice())
        assert direction == "question"
        clock.tick(5)
        quiz = await open_question(s)
        bob = await say(s, quiz, BOB, "softmax divisor")
        await close(s, quiz)
        before = await s.stats.stats(G, EVE)
        assert (before.answers, before.correct) == (1, 0)

        decision = await s.disputes.accept((await dispute(s, BOB, bob.attempt_id)).id, guild_id=G, moderator_id=MOD)
        assert [(r.attempt_id, r.source, r.points) for r in decision.regraded] == [
            (eve, "review", 0), (bob.attempt_id, "quiz", FIRST_POINTS),
        ]  # fmt: skip
        # eve's accuracy follows, and she scores nothing for it
        after = await s.stats.stats(G, EVE)
        assert (after.answers, after.correct, after.points_total) == (1, 1, 0)
        # the moderators' figures no longer count "softmax divisor" as a miss on the card
        card = next(c for c in (await s.disputes.insight(G, "mini")).cards if c.card_key == TEMPERATURE)
        assert (card.answers, card.correct, [w.text for w in card.wrong_answers]) == (2, 2, [])
    finally:
        await settle(s)


async def test_a_review_answer_to_the_other_direction_is_left_as_it_was(engine: Engine, clock: Any) -> None:
    # Asked the term way, "softmax divisor" answers another prompt: an answer accepted for the question is no
    # answer to it.
    s = await started_services(await engine.open(), clock)
    try:
        eve, direction = await reviewed(s, EVE, "softmax divisor", TermFirst())
        assert direction == "term"
        clock.tick(5)
        quiz = await open_question(s)
        bob = await say(s, quiz, BOB, "softmax divisor")
        await close(s, quiz)
        decision = await s.disputes.accept((await dispute(s, BOB, bob.attempt_id)).id, guild_id=G, moderator_id=MOD)
        assert [r.attempt_id for r in decision.regraded] == [bob.attempt_id]
        assert (await s.stats.stats(G, EVE)).correct == 0
    finally:
        await settle(s)


async def test_quizzes_won_follows_an_accept_that_turns_a_finished_quiz_round(engine: Engine, clock: Any) -> None:
    s = await started_services(await engine.open(), clock)
    try:
        quiz = await open_question(s)
        bob = await say(s, quiz, BOB, "softmax divisor")
        clock.tick(0.5)
        await say(s, quiz, CAROL, "temperature")
        await close(s, quiz)
        assert [(await s.stats.stats(G, p)).quizzes_won for p in (BOB, CAROL)] == [0, 1]

        await s.disputes.accept((await dispute(s, BOB, bob.attempt_id)).id, guild_id=G, moderator_id=MOD)
        # bob answered first: the first-answer points are his too, and on equal points and right answers the
        # quiz's ranking puts first who scored first
        assert [(await s.stats.stats(G, p)).points_total for p in (BOB, CAROL)] == [FIRST_POINTS, FIRST_POINTS]
        ranking = (await s.quiz.summary(quiz.id)).ranking
        assert [p.user_id for p in ranking] == [BOB, CAROL]
        assert [(await s.stats.stats(G, p)).quizzes_won for p in (BOB, CAROL)] == [1, 0]
    finally:
        await settle(s)


async def test_an_accept_that_leaves_the_top_scorer_ahead_keeps_the_winner(engine: Engine, clock: Any) -> None:
    s = await started_services(await engine.open(), clock)
    try:
        quiz = await open_question(s)
        await say(s, quiz, CAROL, "temperature")
        clock.tick(0.5)
        bob = await say(s, quiz, BOB, "softmax divisor")
        await close(s, quiz)
        await s.disputes.accept((await dispute(s, BOB, bob.attempt_id)).id, guild_id=G, moderator_id=MOD)
        assert [(await s.stats.stats(G, p)).points_total for p in (BOB, CAROL)] == [WINDOW_POINTS, FIRST_POINTS]
        assert [(await s.stats.stats(G, p)).quizzes_won for p in (BOB, CAROL)] == [0, 1]
    finally:
        await settle(s)
