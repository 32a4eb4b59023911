"""What the daily question's simcord tests share (``from daily_support import World, answer, daily_deck``): the
daily test deck, a server with an admin and members, and the fixtures that put them in place.

``daily_deck`` is the ``cards_dir`` fixture (a folder with the daily test deck); ``daily_world`` is the ``world``
fixture (a ``World``, the bot closed afterwards so that its database connections are released). The virtual clock
starts at 2026-01-01 00:00 UTC; ``World.set`` schedules the question at 01:10 in Paris (00:10 UTC).

For the service-level tests: ``utc(...)`` and ``run``, which moves the clock posting what is due as the scheduler
would.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import discord
import pytest
from modal_support import text_box
from world_support import deck_folder

#: The daily test deck with its first card only.
ATTENTION_ONLY = """\
deck: daily-test
title: Daily test deck
cards:
  - id: attention-mechanism
    term: attention mechanism
    aliases: [attention, attention layer]
    question: Which mechanism lets a transformer weigh every token of the input when producing each output token?
    answer: |
      The **attention mechanism** computes, for each token, a weighted mix of all tokens' values.
    accept: [attention, attention mechanism, self-attention]
    reject: [retention, convolution]
    tags: [attention]
"""

DECK = ATTENTION_ONLY + """\
  - id: temperature
    term: temperature
    question: Which sampling parameter makes an LLM's output more repetitive when low and more creative when high?
    answer: |
      A low **temperature** produces repetitive responses; a high one more creative ones.
    accept: [temperature]
    reject: [top-k, top-p]
    tags: [sampling]
  - id: continual-learning
    term: continual learning
    question: In MLOps, what does continual learning mean for how data reaches the model?
    answer: |
      **Continual learning** means data is always streamed to the models, rather than uploaded in batches.
    keypoints: ["streaming | streamed | stream", "not batch | rather than batches | instead of batch uploads"]
    tags: [essays]
  - id: sigmoid
    term: sigmoid
    question: Draw the sigmoid function.
    answer: See image
    status: incomplete
    note: no picture
    tags: [attention]
"""


@pytest.fixture(name="cards_dir")
def daily_deck(tmp_path: Path) -> Path:
    return deck_folder(tmp_path, {"daily-test.yaml": DECK})


class World:
    def __init__(self, env: Any) -> None:
        self.env = env
        self.guild = env.create_guild("Study Hall")
        self.channel = self.guild.create_text_channel("study")
        mods = self.guild.create_role("Mods", permissions=discord.Permissions(manage_guild=True))
        self.admin = self.guild.add_member(env.create_user("admin"), roles=[mods])
        self.alice = self.guild.add_member(env.create_user("alice"))
        self.bob = self.guild.add_member(env.create_user("bob"), nick="*bob*")
        self.carol = self.guild.add_member(env.create_user("carol"))

    async def set(self, where: Any = None, **options: Any) -> Any:
        args = {"channel": self.channel, "time": "01:10", "timezone": "Europe/Paris", "topic": "attention"}
        args.update(options)
        return await self.admin.slash(where or self.channel, "daily set", **args)

    def posts(self, channel: Any = None) -> list[discord.Message]:
        return [m for m in (channel or self.channel).history() if m.embeds]


@pytest.fixture(name="world")
async def daily_world(env: Any) -> Any:
    yield World(env)
    await env.bot.close()  # simcord detaches the bot without closing it: release the database


async def answer(member: Any, message: Any, text: str) -> Any:
    """Press Answer on the daily post and submit ``text``; returns the modal submission's result."""
    shown = await member.click(message, label="Answer")
    assert shown.modal is not None, shown
    field = text_box(shown)["custom_id"]  # (a note may stand above it: a member whose free retry is used)
    return await member.submit_modal(shown, {field: text})


def embed_fields(message: Any) -> dict[str, str]:
    return {f.name: f.value for f in message.embeds[0].fields}


def titles(world: World, channel: Any = None) -> list[str]:
    """The titles of the daily posts in ``channel`` (the world's channel by default)."""
    return [m.embeds[0].title for m in world.posts(channel)]


async def advance(env: Any, seconds: float, *, step: float = 3 * 3600) -> None:
    """Advance the virtual clock in steps, so that the scheduler settles between them."""
    while seconds > 0:
        await env.advance_time(min(step, seconds))
        seconds -= step


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


async def run(
    s: Any, clock: Any, until: datetime, *, step: timedelta = timedelta(minutes=10), guild: int = 100
) -> list[Any]:
    """Move the clock to ``until`` in steps, posting whatever is due in ``guild`` as the scheduler would; the claims
    made."""
    made = []
    while clock.now <= until:
        claim = await s.daily.claim_due(guild)
        if claim is not None:
            await s.daily.mark_posted(claim.post_id, 1000 + claim.post_id)
            made.append(claim)
        clock.now += step
    clock.now = until
    return made
