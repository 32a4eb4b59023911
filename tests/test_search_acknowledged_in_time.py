"""A command whose work may take longer than Discord's 3 seconds (the first search of part of a Chinese or Japanese
word in a large deck reads the decks' text first; /stats of a long history) acknowledges the interaction
("thinking…") once it has worked ``ACK_WAIT`` seconds, and answers at once, unacknowledged, when its work is quick."""

from __future__ import annotations

import asyncio
from typing import Any

import cogs._shared as shared


class Response:
    def __init__(self) -> None:
        self.deferred: list[dict[str, Any]] = []

    def is_done(self) -> bool:
        return bool(self.deferred)

    async def defer(self, **kwargs: Any) -> None:
        self.deferred.append(kwargs)


class Interaction:
    def __init__(self) -> None:
        self.response = Response()


async def test_slow_work_is_acknowledged_privately_or_not_as_asked_and_its_result_kept(monkeypatch) -> None:
    monkeypatch.setattr(shared, "ACK_WAIT", 0.01)
    interaction = Interaction()

    async def slow() -> str:
        await asyncio.sleep(0.05)
        return "found"

    assert await shared.before_deadline(interaction, slow(), ephemeral=True) == "found"  # type: ignore[arg-type]
    assert interaction.response.deferred == [{"ephemeral": True, "thinking": True}]


async def test_quick_work_answers_without_acknowledging(monkeypatch) -> None:
    monkeypatch.setattr(shared, "ACK_WAIT", 0.5)
    interaction = Interaction()

    async def quick() -> str:
        return "found"

    assert await shared.before_deadline(interaction, quick(), ephemeral=False) == "found"  # type: ignore[arg-type]
    assert interaction.response.deferred == []

