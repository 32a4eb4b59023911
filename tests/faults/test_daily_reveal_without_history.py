"""The daily reveal is a reply to its question, and Discord refuses a reply from a bot that may not read the
channel's history (error 160002). A moderator who takes Read Message History away from the bot while a question
is open must still see the answer revealed when answers close, not lose it or have the daily question paused as
if the bot could not post at all.
"""

from __future__ import annotations

import discord
from daily_support import World, answer, daily_deck, daily_world, embed_fields, titles  # noqa: F401  (the ``cards_dir`` and ``world`` fixtures)
from faultkit import FailRoute, embed_title
from simcord.backend.models.channel import Overwrite
from simcord.enums import OverwriteType

TITLE = "Question of the day — 1 Jan"
REVEAL = "Answer — question of the day, 1 Jan"


async def test_the_reveal_is_posted_when_the_bot_may_no_longer_read_the_history(
    world: World, env, fail_route: FailRoute
) -> None:
    await world.set(answer_hours=2)
    await env.advance_time(15 * 60)
    await answer(world.alice, world.posts()[0], "attention")
    deny = discord.Permissions(read_message_history=True).value
    env.backend.set_overwrite(world.channel.id, Overwrite(env.bot.user.id, OverwriteType.MEMBER, 0, deny))
    await env.settle()
    # Discord: "Cannot reply without permission to read message history"
    replies = fail_route(
        env, "POST", fail_route.send(world.channel), 403, times=None,
        when=lambda body: embed_title(body) == REVEAL and bool((body or {}).get("message_reference")),
    )  # fmt: skip
    await env.advance_time(2 * 3600 + 60)
    assert titles(world) == [TITLE, REVEAL], (titles(world), len(replies.hits))
    assert embed_fields(world.channel.last_message)["Got it"] == "alice"
