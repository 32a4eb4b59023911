"""While a card is asked, a card of another deck the server sees that has its answer is hidden with it: the shared
"mini" deck asks its temperature card in one channel, and the server's own deck has "Which knob do you turn up to
make a chatbot's replies more creative?" (answer: temperature). /search does not show that card, another channel's
quiz does not ask it (its reveal would say "temperature" while the first question still scores), and once the
question closes it shows again. The same holds where one card's answer is the other's term."""

from __future__ import annotations

from deck_versions_support import GUILD
from test_hidden_card_stated_elsewhere import asking, imported, key_of

from bot.core.service import Services

SAME_ANSWER = b"""deck: sampling
title: Sampling knobs
cards:
  - id: creative-knob
    question: Which knob do you turn up to make a chatbot's replies more creative?
    answer: Raise the temperature of sampling; the replies get more varied.
    accept: [temperature]
    status: ok
  - id: capital
    question: What is the capital of Spain?
    answer: Madrid is the capital of Spain.
    accept: [Madrid]
    status: ok
"""
CH2 = 4199


async def test_a_card_of_another_deck_with_the_open_answer_is_hidden_until_it_closes(core_services: Services) -> None:
    s = core_services
    await imported(s, "sampling", SAME_ANSWER)
    knob, capital = key_of(s, "creative-knob", "sampling"), key_of(s, "capital", "sampling")
    assert knob not in await s.quiz.hidden_cards(GUILD)

    quiz = await asking(s, "mini:temperature")
    hidden = await s.quiz.hidden_cards(GUILD)
    assert knob in hidden and capital not in hidden, sorted(hidden)
    hits = await s.lookup.search("creative chatbot knob", guild_id=GUILD, user_id=77)
    assert knob not in {h.card.key for h in hits}
    # another channel's quiz on the server's deck does not ask it
    other = await s.quiz.start_quiz(user_id=78, user_name="ann", guild_id=GUILD, channel_id=CH2, topic="sampling")
    asked = [card.key for card, _way in other.plan]
    assert knob not in asked and capital in asked, asked
    await s.quiz.finish(other.id)

    await s.quiz.finish(quiz.id)
    assert knob not in await s.quiz.hidden_cards(GUILD)


async def test_a_card_whose_answer_is_the_open_cards_term_is_hidden_and_the_other_way_round(core_services: Services) -> None:
    """The knob card's answer is the shared temperature card's term: asked by its term ("which term is this?"), the
    temperature card's answer is on the knob card's reveal; and while the knob card is asked, the temperature card's
    explanation would give its answer."""
    s = core_services
    await imported(s, "sampling", SAME_ANSWER)
    knob = key_of(s, "creative-knob", "sampling")
    temperature = s.catalog.card("mini:temperature")
    assert temperature is not None and temperature.term and temperature.term.lower() == "temperature"

    quiz = await asking(s, knob)
    assert "mini:temperature" in await s.quiz.hidden_cards(GUILD)
    found = await s.lookup.define_async("temperature", guild_id=GUILD, user_id=77)
    assert found.card is None or found.card.key != "mini:temperature"
    await s.quiz.finish(quiz.id)
    assert "mini:temperature" not in await s.quiz.hidden_cards(GUILD)


def test_an_answer_a_whole_deck_accepts_pairs_no_card_of_another_deck() -> None:
    """A deck of many cards that all accept "a noun" (a word of its whole subject) beside a deck with one card
    answering "a noun": asking either hides no card of the other (hiding that many would leave a quiz little to
    ask), while an answer the two decks share on one card each still pairs them."""
    from bot.core.catalog import STATED_MOST, Catalog
    from bot.core.models import Card, Deck

    many = STATED_MOST + 5
    words = Deck(
        id="words", title="Words", description="", source="",
        cards=tuple(
            Card(deck="words", id=f"w{i}", question=f"Translate word {i}", answer=f"Word {i}.",
                 accept=(f"word{i}", "a noun"), status="ok")
            for i in range(many)
        ) + (Card(deck="words", id="pen", question="What writes in ink?", answer="A pen.", accept=("fountain pen",), status="ok"),),
    )  # fmt: skip
    grammar = Deck(
        id="grammar", title="Grammar", description="", source="",
        cards=(
            Card(deck="grammar", id="n", question="What names a thing?", answer="It is a noun.", accept=("a noun",), status="ok"),
            Card(deck="grammar", id="ink", question="Which pen has a nib and a reservoir?", answer="A fountain pen.",
                 accept=("fountain pen",), status="ok"),
        ),
    )  # fmt: skip
    noun = Card(deck="grammar", id="noun", term="a noun", question="What is a word that names a thing?", answer="A noun.",
                accept=("a noun",), status="ok")  # fmt: skip
    grammar = Deck(id="grammar", title="Grammar", description="", source="", cards=(*grammar.cards, noun))
    view = Catalog([words, grammar]).view(None)

    def of_words(key: str) -> set[str]:
        return {k for k in view.same_names(frozenset({key})) if k.startswith("words:")}

    assert of_words("grammar:n") == set() and of_words("grammar:noun") == set()
    assert view.same_names(frozenset({"words:w3"})) == {"words:w3"}  # (nor the card named "a noun")
    assert view.same_names(frozenset({"words:pen"})) == {"words:pen", "grammar:ink"}
    assert view.same_names(frozenset({"grammar:ink"})) == {"grammar:ink", "words:pen"}
