"""No medal for no points: a member who answered and scored nothing is listed, without a gold medal.

A week in which the only answers were wrong showed "🥇 bob — **0** pts · 0 correct · 0%"; below members with
points, a member on 0 took the bronze.
"""

from __future__ import annotations

from world_support import bot_closed_after  # noqa: F401  (the ``close_the_bot`` fixture)

from bot.core.models import Attempt, Source, VerdictKind
from bot.core.storage.attempts import AttemptWriter


async def answered(services, guild, member, points: int) -> None:
    async with services.store.transaction() as db:
        await AttemptWriter().add(
            db,
            Attempt(
                guild_id=guild.id, channel_id=1, user_id=member.id, user_name=member.name, card_key="mini:bert",
                source=Source.QUIZ, response="x", verdict=VerdictKind.CORRECT if points else VerdictKind.WRONG,
                points=points, created_at=services.now(),
            ),
        )  # fmt: skip


def board_lines(result) -> list[str]:
    message = result.response
    if message is None or not message.embeds:
        message = result.followups[-1]
    return message.embeds[0].description.splitlines()


async def test_nobody_wins_a_medal_for_no_points(env, services) -> None:
    guild = env.create_guild()
    channel = guild.create_text_channel("study")
    alice = guild.add_member(env.create_user("alice"))
    bob = guild.add_member(env.create_user("bob"))
    await answered(services, guild, bob, 0)

    lines = board_lines(await alice.slash(channel, "leaderboard"))
    assert "bob" in lines[0] and "**0** pts" in lines[0]
    assert not any(medal in lines[0] for medal in "🥇🥈🥉"), lines

    carol = guild.add_member(env.create_user("carol"))
    await answered(services, guild, alice, 10)
    await answered(services, guild, carol, 5)
    lines = board_lines(await alice.slash(channel, "leaderboard"))
    assert lines[0].startswith("🥇 alice") and lines[1].startswith("🥈 carol")
    assert lines[2].startswith("**3.** bob"), lines
