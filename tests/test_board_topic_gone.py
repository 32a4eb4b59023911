"""Next on a topic board whose topic the server no longer has (its deck turned off) says so.

The member who clicked read "There is no topic called **cells**. Pick one from the list as you type." — a
refusal meant for /leaderboard's typed option, with no list and nothing typed. A board whose topic is too long
for the button's id already said the right thing; now every topic board does.
"""

from __future__ import annotations

from board_support import scored, shown
from world_support import bot_closed_after  # noqa: F401  (the ``close_the_bot`` fixture)

BIOLOGY = (
    b"question,answer,tags\n"
    b"What organelle makes most of the cell's ATP?,mitochondria,cells\n"
    b"What carries genes?,chromosomes,genetics\n"
)


async def test_next_on_a_board_whose_topic_is_gone_says_the_topic_is_gone(env, services) -> None:
    guild = env.create_guild()
    channel = guild.create_text_channel("study")
    alice = guild.add_member(env.create_user("alice"))
    preview = await services.decks.preview(guild.id, "biology.csv", BIOLOGY, "biology", user_id=alice.id)
    done = await services.decks.confirm(guild.id, preview.token, user_id=alice.id)
    card = next(c.key for c in services.catalog.deck(done.deck_id).cards if "cells" in c.tags)
    for i in range(12):
        await scored(services, guild, guild.add_member(env.create_user(f"player{i:02}")), 10 + i, card=card)
    result = await alice.slash(channel, "leaderboard", period="all", topic="cells")
    board = shown(result)
    assert "cells" in board.embeds[0].title and "Page 1/2" in board.embeds[0].footer.text

    await services.decks.set_enabled(guild.id, "biology", False)
    clicked = await alice.click(board, label="Next")

    told = [m.content for m in [clicked.response, *clicked.followups] if m is not None and m.content]
    assert clicked.ephemeral and told, told
    assert "no longer available" in told[-1] and "/leaderboard" in told[-1], told
    assert "Pick one from the list" not in " ".join(told), told
    assert not env.errors
