"""Limits against abuse (issue 11): caps on running quizzes, a start cooldown, bounded practice and boxes."""

from __future__ import annotations

import random

import pytest

from bot.core.catalog import Catalog
from bot.core.decks import load_decks
from bot.core.errors import UserError
from bot.core.quiz import QuizLimits, QuizService
from bot.core.service import Services
from bot.core.storage.attempts import AttemptWriter

G, CH = 100, 200
SETTLE_SECONDS = 2.0


@pytest.fixture
def quizzes(core_services: Services, cards_dir, clock) -> QuizService:
    """A quiz service with small limits, on the test database."""
    limits = QuizLimits(
        member_quizzes=1, server_quizzes=2, start_cooldown=20, practice_starts=3, practice_window=60,
        practice_idle=600, practice_sessions=2,
    )
    return QuizService(
        store=core_services.store, attempts=AttemptWriter(), catalog=Catalog(load_decks(cards_dir)), clock=clock,
        rng=random.Random(3), limits=limits,
    )


async def start(quizzes: QuizService, user: int, channel: int, guild: int = G, **kw):
    return await quizzes.start_quiz(user_id=user, user_name=f"u{user}", guild_id=guild, channel_id=channel, **kw)


async def test_one_running_quiz_per_member_per_server_and_a_cap_per_server(quizzes: QuizService, clock) -> None:
    first = await start(quizzes, 1, CH)
    with pytest.raises(UserError) as err:
        await start(quizzes, 1, CH + 1)
    assert err.value.code == "quiz.member_cap" and "already have a quiz running in this server" in err.value.message
    await start(quizzes, 1, CH + 1, guild=G + 1)  # another server is another count
    await start(quizzes, 2, CH + 2)
    with pytest.raises(UserError) as err:
        await start(quizzes, 3, CH + 3)
    assert err.value.code == "quiz.server_cap" and "already has 2 quizzes running" in err.value.message
    await quizzes.finish(first.id, status="stopped")
    clock.tick(21)
    await start(quizzes, 3, CH + 3)  # a place is free again


async def test_a_member_waits_before_starting_another_quiz(quizzes: QuizService, clock) -> None:
    first = await start(quizzes, 1, CH)
    await quizzes.finish(first.id, status="stopped")
    clock.tick(5)
    with pytest.raises(UserError) as err:
        await start(quizzes, 1, CH)
    assert err.value.code == "quiz.cooldown" and err.value.params["seconds"] == 15
    await start(quizzes, 2, CH)  # the cooldown is one member's
    clock.tick(15)
    await start(quizzes, 1, CH + 1)


async def test_practice_starts_are_capped_per_minute_and_idle_sessions_forgotten(quizzes: QuizService, clock) -> None:
    for _ in range(3):
        await quizzes.start_quiz(user_id=7, user_name="pat", private=True, questions=1)
    with pytest.raises(UserError) as err:
        await quizzes.start_quiz(user_id=7, user_name="pat", private=True, questions=1)
    assert err.value.code == "quiz.practice_rate"
    clock.tick(61)
    kept = await quizzes.start_quiz(user_id=7, user_name="pat", private=True, questions=1)
    # At most two practice sessions in memory: the idlest goes first.
    clock.tick(1)
    await quizzes.start_quiz(user_id=8, user_name="sam", private=True, questions=1)
    clock.tick(1)
    await quizzes.start_quiz(user_id=9, user_name="kim", private=True, questions=1)
    assert quizzes.practice_of(7) is None and not kept.running
    assert quizzes.practice_of(8) is not None and quizzes.practice_of(9) is not None
    clock.tick(601)
    await quizzes.housekeeping()
    assert quizzes.practice_of(8) is None and quizzes.practice_of(9) is None
    async with quizzes.store.read() as db:
        rows = await db.execute_fetchall("SELECT status, COUNT(*) FROM quizzes GROUP BY status ORDER BY status")
    assert [tuple(r) for r in rows] == [("stopped", 6)]  # every forgotten practice is closed in the store


def test_limits_refuse_nonsense() -> None:
    with pytest.raises(ValueError):
        QuizLimits(member_quizzes=0)
    with pytest.raises(ValueError):
        QuizLimits(start_cooldown=-1)
    assert QuizLimits().start_cooldown == 20 and QuizLimits().practice_idle == 1800


async def test_services_keep_working_with_the_default_limits(core_services: Services) -> None:
    assert core_services.quiz.limits == QuizLimits()


# -- what a member sees ---------------------------------------------------------------------------------------
@pytest.mark.simcord(settle_timeout=SETTLE_SECONDS)
async def test_a_member_is_told_when_a_cap_or_the_cooldown_stops_a_start(env) -> None:
    guild = env.create_guild()
    study, other = guild.create_text_channel("study"), guild.create_text_channel("other")
    alice = guild.add_member(env.create_user("alice"))
    await alice.slash(study, "quiz", topic="llms", seconds=10)
    r = await alice.slash(other, "quiz", topic="nlp")
    assert r.ephemeral and "You already have a quiz running in this server: see https://discord.com/channels/" in (
        r.response.content
    )
    assert "(E-" not in r.response.content
    await env.advance_time(11)  # the quiz ends
    r = await alice.slash(other, "quiz", topic="nlp")
    assert r.ephemeral and "wait" in r.response.content and "seconds before starting another" in r.response.content
    await env.advance_time(10)
    r = await alice.slash(other, "quiz", topic="nlp")
    assert not r.ephemeral and other.last_message.embeds[0].title == "Question 1/1 · nlp"
    assert env.bot.tutor_services.quiz.running_in(other.id) is not None
    await env.bot.close()
