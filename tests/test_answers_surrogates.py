"""A lone surrogate ("\\ud800": what a JSON payload's unpaired "\\ud800" escape decodes to) in a typed answer is
graded like any other junk, not crashed on, and stored (no UTF-8 store holds it: it is stored without it). In a
channel quiz the answers that arrive together share one transaction: the other players' answers of that commit
count as usual."""

from __future__ import annotations

import asyncio
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from modal_support import modal_parts
from play_support import FirstChoice

from bot.config import Settings
from bot.core.models import VerdictKind
from bot.core.service import Services

G, CH = 100, 200
LONE = "\ud800"


async def test_a_lone_surrogate_in_one_answer_does_not_lose_the_other_answers_of_its_commit(
    core_services: Services,
) -> None:
    s = core_services
    quiz = await s.quiz.start_quiz(user_id=1, user_name="alice", guild_id=G, channel_id=CH)
    quiz.plan = [(s.catalog.card("mini:temperature"), "question")]
    assert s.quiz.open_question(quiz.id) is not None
    await s.quiz.answer(quiz.id, user_id=9, user_name="zed", response="no idea")  # the card is compiled
    hostile, right = await asyncio.gather(
        s.quiz.answer(quiz.id, user_id=2, user_name="bob", response=f"top-k {LONE}"),
        s.quiz.answer(quiz.id, user_id=3, user_name="carol", response="temperature"),
        return_exceptions=True,
    )
    # carol typed the right answer first: her answer counts whatever bob typed beside it
    assert not isinstance(right, BaseException), right
    assert right.verdict.correct and right.points == 10 and right.first
    # and bob's answer is graded (wrong), not an internal error
    assert not isinstance(hostile, BaseException), hostile
    assert hostile.verdict.kind is VerdictKind.WRONG


@pytest.mark.simcord(settle_timeout=2.0)
async def test_a_channel_quiz_answer_with_a_lone_surrogate_gets_a_verdict_not_an_error(env) -> None:
    guild = env.create_guild()
    channel = guild.create_text_channel("study")
    alice = guild.add_member(env.create_user("alice"))
    bob = guild.add_member(env.create_user("bob"))
    env.bot.tutor_services.quiz.rng = FirstChoice()
    await alice.slash(channel, "quiz", topic="llms")
    question = channel.last_message
    shown = await bob.click(question, label="Answer")
    box = next(c for c in modal_parts(shown.modal) if c.get("type") == 4)
    told = await bob.submit_modal(shown, {box["custom_id"]: f"temperature {LONE}"})
    said = told.response.content
    assert "Something went wrong" not in said, said
    assert said.startswith("✅ Correct") and "+10 points" in said, said
    await env.bot.close()


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 3, 2, 6, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


async def test_a_daily_answer_with_a_lone_surrogate_is_graded_and_counted(tmp_path: Path) -> None:
    clock = Clock()
    settings = Settings(db_path=tmp_path / "daily.sqlite3", cards_dir=Path(__file__).parent / "data" / "decks")
    services = await Services.create(settings.core, clock=clock, rng=random.Random(7))
    try:
        await services.daily.set_schedule(G, CH, "09:00", "Europe/Paris", topic="sampling")  # the temperature card
        info = await services.daily.get_schedule(G)
        assert info is not None and info.next_post_at is not None
        clock.now = info.next_post_at + timedelta(minutes=1)
        claim = await services.daily.claim_due(G)
        assert claim is not None
        await services.daily.mark_posted(claim.post_id, 1)
        result = await services.daily.answer(claim.post_id, 2, "bob", f"temperature {LONE}")
        assert result.counted and result.verdict.correct
    finally:
        await services.close()
