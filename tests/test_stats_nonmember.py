"""/stats member: naming someone who is not (or no longer) in the server gets a clear private answer, not the
"Something went wrong on my side" of an unexpected error."""

from __future__ import annotations

from world_support import bot_closed_after  # noqa: F401  (the ``close_the_bot`` fixture)

from bot.core.models import Attempt, Source, VerdictKind
from bot.core.storage.attempts import AttemptWriter


def shown(result):
    message = result.response
    if message is None or (not message.embeds and not message.content):
        message = result.followups[-1]
    return message


async def test_stats_of_someone_not_in_the_server_is_a_clear_private_refusal(env, services) -> None:
    """Discord resolves a user option to a bare user (no member data) when the person is not in the server, e.g.
    a member who left. /stats member:<them> then answers privately that they are not a member here (their
    name, escaped), with no embed, nothing posted in the channel, and no "Something went wrong on my side"
    with an error reference (which tells the member a bug happened and logs a traceback)."""
    guild = env.create_guild()
    channel = guild.create_text_channel("study")
    alice = guild.add_member(env.create_user("alice"))
    bob_user = env.create_user("bob_*gone*")
    bob = guild.add_member(bob_user)
    async with services.store.transaction() as db:
        await AttemptWriter().add(
            db,
            Attempt(
                guild_id=guild.id, channel_id=1, user_id=bob.id, user_name="bob", card_key="mini:bert",
                source=Source.QUIZ, response="x", verdict=VerdictKind.CORRECT, points=10, created_at=services.now(),
            ),
        )  # fmt: skip
    guild.remove_member(bob)

    result = await alice.slash(channel, "stats", member=bob_user)

    message = shown(result)
    assert result.ephemeral
    assert message.embeds == [] and message.attachments == []
    assert "went wrong" not in message.content and "E-" not in message.content, message.content
    assert "bob\\_\\*gone\\*" in message.content and "member" in message.content, message.content
