"""/leaderboard asks Discord whether the members it lists but does not see are still in the server. A look-up that
fails on the way (a timeout, a dropped connection, a rate limit longer than the client waits: many look-ups go
out at once) tells nothing, so the member is listed as present, as after a 5xx; the board is shown. Before, the
whole board failed with "Something went wrong"."""

from __future__ import annotations

import aiohttp
import pytest

from bot.core.models import Attempt, Source, VerdictKind
from bot.core.storage.attempts import AttemptWriter

MEMBER = r"/guilds/\d+/members/\d+"


async def scored(services, guild_id: int, user_id: int, name: str, points: int) -> None:
    async with services.store.transaction() as db:
        await AttemptWriter().add(
            db,
            Attempt(
                guild_id=guild_id, channel_id=1, user_id=user_id, user_name=name, card_key="mini:bert",
                source=Source.QUIZ, response="x", verdict=VerdictKind.CORRECT, points=points, created_at=services.now(),
            ),
        )  # fmt: skip


def failure(kind: str):
    def fail() -> None:
        if kind == "timeout":
            raise TimeoutError
        raise aiohttp.ServerDisconnectedError()

    return fail


@pytest.mark.parametrize("kind", ["timeout", "server-disconnected", "rate-limited"])
async def test_the_board_is_shown_when_a_member_look_up_fails_on_the_way(
    env, world, services, fail_route, ui, kind
) -> None:
    guild, channel, m = world
    await scored(services, guild.id, m["alice"].id, "alice", 10)
    await scored(services, guild.id, 424242, "dora", 30)  # not seen by the bot: looked up
    if kind == "rate-limited":
        fault = fail_route(env, "GET", MEMBER, 429, rate_limited=True, retry_after=60.0)
    else:
        fault = fail_route.on(env, "GET", MEMBER, failure(kind))
    shown = await m["alice"].slash(channel, "leaderboard", period="all")
    assert fault.hits, "no member was looked up: adapt the test"
    seen = ui.seen_by(shown)
    assert not any("Something went wrong" in text for text in seen), seen
    assert any("dora" in text and "alice" in text for text in seen), seen
