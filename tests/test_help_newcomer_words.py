"""What /help tells a new member about answering holds for what they then meet, in words they know: "I was right"
is offered under a typed answer only (a pick in ``choice`` mode is right or wrong, with nothing to dispute), and
/help does not speak of "verdicts"."""

from __future__ import annotations

from typing import Any

import pytest
from world_support import study_trio  # noqa: F401  (the ``world`` fixture)

pytestmark = pytest.mark.simcord(settle_timeout=2.0)


def labels(message: Any) -> list[str]:
    return [c["label"] for row in message.components for c in row.get("components", []) if c.get("label")]


def answering(result: Any) -> str:
    e = result.response.embeds[0]
    return "\n".join(f.value for f in e.fields if f.name in ("✍️ How answering works", "\u200b"))


async def test_help_says_i_was_right_is_for_typed_answers_as_a_wrong_pick_shows(env: Any, world: Any) -> None:
    _guild, channel, m = world
    text = answering(await m["bob"].slash(channel, "help"))
    assert "verdict" not in text.lower(), text
    [line] = [line for line in text.splitlines() if "**I was right**" in line]
    assert "typed answer" in line, line

    await m["alice"].slash(channel, "quiz", topic="llms", mode="choice")
    question = channel.last_message
    wrong = next(o.label for o in question.components[0].children if not o.label.endswith(". temperature"))
    picked = await m["bob"].click(question, label=wrong)
    assert picked.ephemeral and "Wrong" in picked.response.content
    assert "I was right" not in labels(picked.response)
