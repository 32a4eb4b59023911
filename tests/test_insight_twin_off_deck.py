"""A card of the server's own deck turned off or removed shares the name of a card asked now (simcord): /deck stats,
/disputes stats and a dispute page on it keep it back while that question is open, as they do the card asked
(its key, a slug of the term, is the answer)."""

from __future__ import annotations

import pytest
from deck_support import moderated_club_server
from play_support import FirstChoice
from test_disputes_play import answer, everything

pytestmark = pytest.mark.simcord(settle_timeout=20.0)

CLUB = (
    b"term,definition\n"
    b"temperature,The sampling parameter: a low one makes an LLM's output more repetitive, a high one more creative\n"
)


@pytest.fixture
async def club(env):
    guild, channel, alice, bob, mod = await moderated_club_server(env, CLUB)
    env.bot.tutor_services.quiz.rng = FirstChoice()
    yield guild, channel, alice, bob, mod
    await env.bot.close()


async def missed_club_card(env, channel, alice, bob) -> None:
    """bob misses the club's temperature card in a channel quiz, and disputes it."""
    await alice.slash(channel, "quiz", topic="club", questions=1, seconds=30)
    wrong = await answer(bob, channel.last_message, "softmax divisor")
    await env.advance_time(60)
    sent = await bob.click(wrong.response, label="I was right")
    assert "Sent to the moderators" in sent.response.content


@pytest.mark.parametrize("how", ["deck disable", "deck remove"])
async def test_the_twin_of_a_card_asked_now_in_a_deck_turned_off_or_removed_is_held_back(env, club, how) -> None:
    guild, channel, alice, bob, mod = club
    await missed_club_card(env, channel, alice, bob)
    await mod.slash(channel, how, deck="club")
    await alice.slash(channel, "quiz", topic="llms", questions=1, seconds=120)  # the shipped temperature card
    assert "mini:temperature" in env.bot.tutor_services.quiz.open_cards_in(guild.id)

    stats = await mod.slash(channel, "disputes stats")
    shown = everything(stats.followups[0] if stats.followups else stats.response)
    assert "club:temperature" not in shown and "softmax divisor" not in shown
    insight = await env.bot.tutor_services.disputes.insight(guild.id, None, viewer=mod.id)
    assert [card.name for card in insight.cards] == [] and insight.held_back == 1
    if how == "deck disable":
        page = await mod.slash(channel, "disputes review")
        assert "Hidden while the question is still open" in everything(page.response)

    await env.advance_time(150)  # the question closes: the figures show the card again
    insight = await env.bot.tutor_services.disputes.insight(guild.id, None, viewer=mod.id)
    assert insight.held_back == 0 and any("temperature" in card.name for card in insight.cards)


def test_only_a_shared_name_holds_a_card_back_not_a_shared_card_id() -> None:
    # Decks may number their cards: "bio:1" is no twin of "ml:1" asked now; "club:temperature" (turned off, or
    # removed and known by its id alone) is one of "mini:temperature".
    from datetime import UTC, datetime

    from bot.core.catalog import Catalog
    from bot.core.disputes import DisputeService
    from bot.core.models import Card, Deck

    def card(deck: str, card_id: str, term: str) -> Card:
        return Card(deck=deck, id=card_id, term=term, question=f"What is {term}?", answer=term, accept=(term,))

    catalog = Catalog([
        Deck("ml", "ML", cards=(card("ml", "1", "softmax"), card("ml", "temperature", "temperature"))),
        Deck("bio", "Biology", cards=(card("bio", "1", "mitochondrion"),)),
        Deck("club", "Club", cards=(card("club", "temp", "temperature"),)),
    ])  # fmt: skip
    disputes = DisputeService(store=None, catalog=catalog, clock=lambda: datetime(2026, 1, 1, tzinfo=UTC))  # type: ignore[arg-type]
    assert disputes._named_as_hidden(["bio:1", "club:temp"], frozenset({"ml:1"})) == set()
    assert disputes._named_as_hidden(["club:temp"], frozenset({"ml:temperature"})) == {"club:temp"}
    gone = {"old:temperature": "temperature", "old:7": "7"}
    assert disputes._named_as_hidden(list(gone), frozenset({"ml:temperature"}), gone) == {"old:temperature"}
