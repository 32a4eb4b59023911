"""Almost, once per question, on the daily question: the answer box of a member who had their free retry says that
this answer counts whatever it is (after a restart too); another member's box does not. The post says the rule."""

from __future__ import annotations

from typing import Any

import pytest
from test_almost_answer_box_note import box_text, submit
from test_almost_free_once_daily import (
    DailyWorld,
    cards_dir,  # noqa: F401  (fixture)
)

from bot.runner import TutorBot

pytestmark = pytest.mark.simcord(settle_timeout=2.0)


@pytest.fixture
async def daily_world(env: Any) -> Any:
    dropped: list[Any] = []
    yield DailyWorld(env), dropped
    for services in [*dropped, getattr(env.bot, "tutor_services", None)]:
        if services is not None and not services.store.closed:
            await services.close()


DAILY_NOTE = "Your free retry is used: this answer counts"


async def test_the_daily_answer_box_says_the_answer_counts_after_the_free_retry(
    env: Any, daily_world: Any, settings: Any, clock: Any
) -> None:
    world, dropped = daily_world
    post = await world.post()
    assert "One answer counts; a first spelling slip (“almost”) is free" in post.embeds[0].footer.text
    box = await world.alice.click(post, label="Answer")
    assert DAILY_NOTE not in box_text(box)
    await submit(world.alice, box, "intention")  # the free retry
    box = await world.alice.click(post, label="Answer")
    assert DAILY_NOTE in box_text(box)
    assert DAILY_NOTE not in box_text(await world.bob.click(post, label="Answer"))

    dropped.append(env.bot.tutor_services)
    await env.restart_bot(TutorBot(settings, clock=clock))
    box = await world.alice.click(post, label="Answer")
    assert DAILY_NOTE in box_text(box)
    said = (await submit(world.alice, box, "intention")).response.content
    assert "this one counts: that's your answer for today" in said
