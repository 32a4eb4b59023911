"""A server's own deck may hold a card of the same term as a shipped deck's card (a class deck imported from
Quizlet beside the bot's): both have the same answer. While a question on one of them is open in the server, the
other is hidden as well: /search, /define and its autocomplete do not show it, another channel's quiz does not
ask it, and the daily question does not take it. Once the question closes, both are found again."""

from __future__ import annotations

import pytest
from deck_support import club_server, everything

#: An import shapes every card off the event loop: on a busy machine that takes a few seconds.
pytestmark = pytest.mark.simcord(settle_timeout=20.0)

#: The club's own deck: "temperature" as the shipped test deck (mini) asks it, in the club's words.
CLUB = (
    b"term,definition\n"
    b"temperature,The sampling parameter: a low one makes an LLM's output more repetitive, a high one more creative\n"
    b"soup ladle,The spoon the club serves the soup with\n"
)


@pytest.fixture
async def club(env):
    yield await club_server(env, CLUB)
    await env.bot.close()


async def test_a_card_of_the_same_term_is_not_found_while_the_question_is_open(env, club) -> None:
    guild, channel, alice, bob = club
    services = env.bot.tutor_services
    before = await bob.slash(channel, "search", text="repetitive")
    assert "temperature" in everything(before)  # (the club's card is found while nothing is asked)
    await alice.slash(channel, "quiz", topic="llms", seconds=30)
    assert services.quiz.open_cards_in(guild.id) == {"mini:temperature"}  # the shipped card on temperature
    found = await bob.slash(channel, "search", text="repetitive")
    assert "temperature" not in everything(found)
    defined = await bob.slash(channel, "define", term="temperature")
    assert "temperature" not in everything(defined).replace("*temperature*", "")  # (only the query, echoed)
    assert await bob.autocomplete(channel, "define", "term", "temperat") == []
    # Nor does another channel's quiz ask the club's card, whose reveal would give the answer, nor the daily.
    club_card = next(c for c in services.catalog.view(guild.id).cards() if c.term == "temperature" and c.deck != "mini")
    assert club_card.key in services.quiz.in_play(guild.id)
    assert club_card.key in await services.quiz.hidden_cards(guild.id)
    # Once the question closes, both cards are found again.
    await env.advance_time(35)
    again = await bob.slash(channel, "search", text="repetitive")
    assert "temperature" in everything(again)
    assert env.errors == []
