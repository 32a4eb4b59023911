"""A card being asked is hidden with every card of the same term in the server's decks, whether or not the
server's term index is built.

The bot builds the term indexes of a capped number of servers at start (the others at their first lookup).
A server whose index was not built yet hid only the asked card itself: while the shipped deck's
"temperature" was asked in one channel, another channel's quiz on the club's own deck could ask the club's
"temperature" (whose reveal gives the answer away), and /review, /stats, /disputes and /deck info showed it.
"""

from __future__ import annotations

import discord
import pytest

from bot.core.lookup import service as lookup_service
from bot.runner import TutorBot

#: An import shapes every card off the event loop: on a busy machine that takes a few seconds.
pytestmark = pytest.mark.simcord(settle_timeout=20.0)

#: The club's own deck: "temperature" as the shipped test deck asks it, in the club's words.
CLUB = (
    b"term,definition\n"
    b"temperature,The sampling parameter: a low one makes an LLM's output more repetitive, a high one more creative\n"
    b"soup ladle,The spoon the club serves the soup with\n"
)


@pytest.fixture
async def club(env, settings, clock, monkeypatch):
    guild = env.create_guild("Soup Club")
    admins = guild.create_role("Admins", permissions=discord.Permissions(manage_guild=True))
    study = guild.create_text_channel("study")
    other = guild.create_text_channel("other")
    mod = guild.add_member(env.create_user("mod"), roles=[admins])
    alice = guild.add_member(env.create_user("alice"))
    bob = guild.add_member(env.create_user("bob"))
    preview = await mod.slash(study, "deck import", file=("club.csv", CLUB), name="club")
    shown = preview.followups[0] if preview.followups else preview.response
    await mod.click(shown, label="Import")
    # A restart with more servers having decks of their own than the indexes built at start: this one's
    # index is not among them (built at its first lookup).
    old = env.bot.tutor_services
    with monkeypatch.context() as patched:
        patched.setattr(lookup_service, "INDEXES_KEPT", 0)
        await env.restart_bot(TutorBot(settings, clock=clock))
    await old.close()
    yield guild, study, other, alice, bob
    await env.bot.close()


def club_card(env, guild):
    services = env.bot.tutor_services
    return next(c for c in services.catalog.view(guild.id).cards() if c.term == "temperature" and c.deck != "mini")


async def test_another_channels_quiz_does_not_ask_the_club_card_of_the_term_asked(env, club) -> None:
    guild, study, other, alice, bob = club
    services = env.bot.tutor_services
    card = club_card(env, guild)
    assert not services.lookup._has_index(guild.id)  # (the situation: the server's index not built yet)
    await alice.slash(study, "quiz", topic="llms", seconds=30)
    assert services.quiz.open_cards_in(guild.id) == {"mini:temperature"}  # the shipped deck's "temperature"
    # The club's deck holds two cards; with its "temperature" hidden, the quiz in the other channel asks the
    # soup ladle only.
    await bob.slash(other, "quiz", topic="club", questions=2, seconds=10)
    await env.advance_time(12)
    asked = [
        (m.embeds[0].description or "").lower()
        for m in other.history()
        if m.author.id == env.bot.user.id and m.embeds and (m.embeds[0].title or "").startswith("Question")
    ]
    assert asked and any("soup" in text for text in asked), asked
    assert not any("sampling parameter" in text for text in asked), asked
    assert card.key in await services.quiz.hidden_cards(guild.id)
    assert env.errors == []


async def test_the_hidden_cards_of_every_surface_hold_the_twin_without_an_index(env, club) -> None:
    guild, study, _other, alice, _bob = club
    services = env.bot.tutor_services
    card = club_card(env, guild)
    await alice.slash(study, "quiz", topic="llms", seconds=30)
    # /review, /stats, /disputes and /deck info read these; another channel's quiz and the daily question too.
    assert card.key in services.quiz.hidden_now(guild.id)
    assert card.key in services.quiz.in_play(guild.id)
    await env.advance_time(35)
    assert card.key not in await services.quiz.hidden_cards(guild.id)
    assert env.errors == []
