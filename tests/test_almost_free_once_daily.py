"""The daily question through simcord: a first "almost" is the member's free retry (not counted, said so, and
stored before it is said); a second one counts as their answer for the day, not right, even after a restart. A
typo then the right answer still scores."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import discord
import pytest
from daily_support import ATTENTION_ONLY
from test_almost_free_once import answer, rows
from world_support import deck_folder

from bot.runner import TutorBot

pytestmark = pytest.mark.simcord(settle_timeout=2.0)

DAILY_DECK = ATTENTION_ONLY


@pytest.fixture
def cards_dir(tmp_path: Path) -> Path:
    return deck_folder(tmp_path, {"daily-test.yaml": DAILY_DECK})


class DailyWorld:
    def __init__(self, env: Any) -> None:
        self.env = env
        self.guild = env.create_guild("Study Hall")
        self.channel = self.guild.create_text_channel("study")
        mods = self.guild.create_role("Mods", permissions=discord.Permissions(manage_guild=True))
        self.admin = self.guild.add_member(env.create_user("admin"), roles=[mods])
        self.alice = self.guild.add_member(env.create_user("alice"))
        self.bob = self.guild.add_member(env.create_user("bob"))

    async def post(self) -> Any:
        await self.admin.slash(self.channel, "daily set", channel=self.channel, time="00:10", timezone="UTC",
                               answer_hours=1)  # fmt: skip
        await self.env.advance_time(10 * 60)
        [post] = [m for m in self.channel.history() if m.embeds]
        return post


@pytest.fixture
async def daily_world(env: Any, clock: Any) -> Any:
    dropped: list[Any] = []
    yield DailyWorld(env), dropped
    for services in [*dropped, getattr(env.bot, "tutor_services", None)]:
        if services is not None and not services.store.closed:
            await services.close()


async def test_a_second_almost_on_the_daily_question_counts_even_after_a_restart(
    env: Any, daily_world: Any, settings: Any, clock: Any
) -> None:
    world, dropped = daily_world
    post = await world.post()
    first = await answer(world.alice, post, "intention")
    said_first = first.response.content
    assert said_first.startswith("🟡 Almost — check your spelling") and "attention" not in said_first

    # A crash and a restart: the free retry was written before it was said, and stays used.
    dropped.append(env.bot.tutor_services)
    await env.restart_bot(TutorBot(settings, clock=clock))

    second = await answer(world.alice, post, "intention")
    said = second.response.content
    assert said.startswith("🟡 Almost — but misspelt, so not accepted") and "attention" not in said
    assert "Your free retry was used, so this one counts: that's your answer for today" in said
    refused = await world.alice.click(post, label="Answer")
    assert refused.modal is None and "already answered this question — one answer a day counts" in refused.response.content
    assert await rows(env, "SELECT verdict, points FROM daily_answers") == [("wrong", 0)]
    assert await rows(env, "SELECT verdict, points, source FROM attempts") == [("almost", 0, "daily")]
    # The free retry was said as such.
    assert "That was your free retry: this one doesn't count yet" in said_first
    assert "Your next answer counts" in said_first

    # Another member's typo then the right answer: the free retry, then points and a streak.
    typo = await answer(world.bob, post, "intention")
    assert "doesn't count yet" in typo.response.content
    right = await answer(world.bob, post, "attention")
    assert right.response.content.startswith("✅ Correct") and "**+10 points** · daily streak: **1** day" in right.response.content
