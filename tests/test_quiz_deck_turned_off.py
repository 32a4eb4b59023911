"""A deck turned off while a quiz or a practice on it runs: the rest of its cards are no longer asked, so it ends
early. Members are told why, instead of reading "Quiz over · Questions 1/4" with no reason given."""

from __future__ import annotations

from typing import Any

import pytest
from modal_support import text_box
from world_support import study_mod_and_bob  # noqa: F401  (the ``world`` fixture)

pytestmark = pytest.mark.simcord(settle_timeout=2.0)


def fields(embed: Any) -> dict[str, str]:
    return {f.name: f.value for f in embed.fields}


async def test_a_channel_quiz_whose_deck_is_turned_off_says_why_it_ended_early(env, world) -> None:
    channel, mod, bob = world
    await bob.slash(channel, "quiz", questions=4, seconds=10)
    off = await mod.slash(channel, "deck disable", deck="mini")
    assert "is disabled in this server" in off.response.content
    await env.advance_time(60)

    summary = channel.last_message.embeds[0]
    assert summary.title.startswith("🏁 Quiz over") and fields(summary)["Questions"] == "1/4"
    assert "ended early" in (summary.description or ""), f"no reason given for the early end: {summary.description!r}"
    assert "turned off" in summary.description


async def test_a_practice_whose_deck_is_turned_off_says_why_it_ended_early(env, world) -> None:
    channel, mod, bob = world
    started = await bob.slash(channel, "quiz", questions=4, private=True)
    await mod.slash(channel, "deck disable", deck="mini")
    shown = await bob.click(started.response, label="Answer")
    done = await bob.submit_modal(shown, {text_box(shown)["custom_id"]: "no idea at all"})
    for _ in range(3):  # out of tries: the question closes and the practice has nothing left to ask
        if any(e.title.startswith("Practice over") for e in done.response.embeds):
            break
        shown = await bob.click(started.response, label="Answer")
        done = await bob.submit_modal(shown, {text_box(shown)["custom_id"]: "no idea at all"})

    summary = next(e for e in done.response.embeds if e.title.startswith("Practice over"))
    assert fields(summary)["Questions"] == "1/4"
    assert "ended early" in (summary.description or ""), f"no reason given for the early end: {summary.description!r}"
