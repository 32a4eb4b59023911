"""An imported term/definition pair is asked both ways: "Which term is this? <definition>" (the term is the
answer) and its reverse card "What is <term>?" (the definition is the answer). Each gives the other's answer
away, so while a question on one is open in the server the other is hidden with it: /search and /define do not
show it, and /review does not ask it."""

from __future__ import annotations

import pytest
from deck_support import club_server, everything

#: An import shapes every card off the event loop: on a busy machine that takes a few seconds.
pytestmark = pytest.mark.simcord(settle_timeout=20.0)

#: Two pairs with definitions short enough to be asked back: four cards.
CLUB = b"term,definition\nsoup ladle,serving spoon for soup\nbread knife,serrated loaf blade\n"
#: One such pair: two cards, one the other asked back.
ONE_PAIR = b"term,definition\nsoup ladle,serving spoon for soup\n"


@pytest.fixture
def club_deck() -> bytes:
    return CLUB


@pytest.fixture
async def club(env, club_deck):
    yield await club_server(env, club_deck)
    await env.bot.close()


async def test_neither_way_of_a_pair_is_looked_up_while_the_other_is_asked(env, club) -> None:
    guild, channel, alice, bob = club
    services = env.bot.tutor_services
    pair = {"serving spoon for soup", "soup ladle"}
    # Nothing asked: the pair is found, term and definition side by side.
    before = everything(await bob.slash(channel, "search", text="spoon"))
    assert "soup ladle" in before and "serving" in before
    await alice.slash(channel, "quiz", topic="club", questions=4, seconds=30)
    asked = []
    for _ in range(4):  # each card in turn, but not a pair the other way once its reveal showed both
        opened = services.quiz.open_cards_in(guild.id)
        if not opened:
            break
        (open_key,) = opened
        card = services.catalog.card(open_key)
        asked.append(card)
        answer = card.accept[0].lower()
        if answer in pair:
            lookups = [
                await bob.slash(channel, "search", text="spoon"),
                await bob.slash(channel, "search", text="soup ladle"),
                await bob.slash(channel, "define", term="soup ladle"),
            ]
            for found in lookups:
                assert answer not in everything(found).replace("*soup ladle*", ""), card.question  # (the query echoed)
        await env.advance_time(35)
    # One question of each pair: once a reveal has shown a term and its definition, neither is asked again.
    assert len(asked) == 2 and asked[0].answer.strip() != asked[1].answer.strip(), [c.question for c in asked]
    assert env.errors == []


@pytest.mark.parametrize("club_deck", [ONE_PAIR])
async def test_review_does_not_ask_a_pair_the_other_way_while_it_is_asked(env, club) -> None:
    guild, channel, alice, bob = club
    services = env.bot.tutor_services
    await bob.slash(channel, "review settings", topics="club")
    await alice.slash(channel, "quiz", topic="club", questions=2, seconds=30)
    (open_key,) = services.quiz.open_cards_in(guild.id)
    card = services.catalog.card(open_key)
    answer = card.accept[0].lower()
    # The other card of the pair names this question's answer in its own question: the review does not ask it.
    shown = everything(await bob.slash(channel, "review start"))
    assert answer not in shown, card.question
    assert env.errors == []
