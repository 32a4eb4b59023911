"""A member who changed their server nickname is listed under the new name.

The board lists the name kept with each member's latest answer; a member who renamed and looked at the board
(or whose /stats someone opened, titled with the new name) still read the old name on it until they answered
again.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from board_support import scored, shown
from pg_support import Engine, both_engines  # noqa: F401  (the ``engine`` fixture)
from world_support import bot_closed_after  # noqa: F401  (the ``close_the_bot`` fixture)

from bot.core.decks import load_decks
from bot.core.models import Attempt, Source, VerdictKind
from bot.core.storage import now_ms
from bot.core.storage.attempts import AttemptWriter
from bot.core.storage.deck_queries import DeckQueries
from bot.core.storage.stats_queries import StatsQueries

MINI_DECKS = Path(__file__).resolve().parent / "data" / "decks"


def board_lines(result) -> list[str]:
    return shown(result).embeds[0].description.splitlines()


async def test_a_member_who_renamed_sees_the_new_name_on_the_board(env, services) -> None:
    guild = env.create_guild()
    channel = guild.create_text_channel("study")
    alice = guild.add_member(env.create_user("alice"))
    bob = guild.add_member(env.create_user("bob"))
    await scored(services, guild, alice, 30)
    await scored(services, guild, bob, 10)

    env.backend.edit_member(guild.id, alice.id, {"nick": "Professor A"})
    lines = board_lines(await alice.slash(channel, "leaderboard", period="all"))

    assert "Professor A" in lines[0] and "alice" not in lines[0], lines
    # and so everyone else reads it too
    assert "Professor A" in board_lines(await bob.slash(channel, "leaderboard", period="all"))[0]


async def test_the_board_names_a_member_as_their_stats_do(env, services) -> None:
    guild = env.create_guild()
    channel = guild.create_text_channel("study")
    alice = guild.add_member(env.create_user("alice"))
    bob = guild.add_member(env.create_user("bob"))
    await scored(services, guild, bob, 30)

    env.backend.edit_member(guild.id, bob.id, {"nick": "Robert"})
    card = shown(await alice.slash(channel, "stats", member=bob)).embeds[0]
    assert "Robert" in card.title

    lines = board_lines(await alice.slash(channel, "leaderboard", period="all"))
    assert "Robert" in lines[0], f"/stats member:bob is titled {card.title!r}, the board reads {lines}"


async def test_a_new_name_is_kept_until_a_later_answer_brings_another(engine: Engine) -> None:
    """On both engines: the new name is recorded for members with answers, and a later answer's name wins."""
    store = await engine.open()
    queries = StatsQueries(store)
    guild, t = 1001, datetime(2026, 3, 18, 15, 30, tzinfo=UTC)
    await DeckQueries(store).sync_decks(load_decks(MINI_DECKS), now=t)

    async def answer(user: int, name: str, at: datetime) -> None:
        async with store.transaction() as db:
            await AttemptWriter().add(
                db,
                Attempt(
                    guild_id=guild, channel_id=7, user_id=user, user_name=name, card_key="mini:bert",
                    source=Source.QUIZ, response="x", verdict=VerdictKind.CORRECT, points=10, created_at=at,
                ),
            )  # fmt: skip

    await answer(1, "alice", t)
    await queries.rename(guild, {1: "Professor A", 2: "nobody here"}, now_ms(t + timedelta(hours=1)))
    page = await queries.board_page(guild, "all", "", offset=0, limit=10)
    assert [(r.user_id, r.name) for r in page.rows] == [(1, "Professor A")]

    await answer(1, "Alice again", t + timedelta(hours=2))
    page = await queries.board_page(guild, "all", "", offset=0, limit=10)
    assert [(r.user_id, r.name) for r in page.rows] == [(1, "Alice again")]
