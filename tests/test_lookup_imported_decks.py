"""/define, autocomplete and /search over decks a server imported itself: a Quizlet export, a French vocabulary
CSV, and a CSV that defines a term the shipped test deck (mini) defines too."""

from __future__ import annotations

import pytest
from deck_support import SETTLE_SECONDS, deck_world  # noqa: F401  (the ``world`` fixture)

from bot.core.lookup import TermIndex
from bot.core.models import Card

pytestmark = pytest.mark.simcord(settle_timeout=SETTLE_SECONDS)

#: A Quizlet export (term TAB definition): every card is asked "Which term is this?"; one definition says "term".
QUIZLET = (
    b"tokenization\tSplitting text into tokens, the units a model reads\n"
    b"embedding\tA vector of numbers that represents the meaning of a piece of text\n"
    b"hallucination\tWhen a model states something false with confidence\n"
    b"jargon\tA specialised term that only experts of a field use\n"
    b"context window\tThe maximum number of tokens a model can attend to at once\n"
)

#: French vocabulary as a teacher writes it: each noun with its article.
FRENCH = (
    "terme;définition\n"
    "la mémoire vive;Mémoire où l'ordinateur garde les données en cours d'utilisation\n"
    "le réseau de neurones;Modèle fait de couches de neurones artificiels\n"
    "l'apprentissage supervisé;Apprentissage à partir d'exemples étiquetés\n"
).encode()

#: The club's own deck: "temperature", which the shipped test deck defines too.
CLUB = b"term,definition\ntemperature,How hot the soup is when the club serves it\nsoup ladle,The spoon for the soup\n"


def headings(result) -> list[str]:
    description = result.response.embeds[0].description
    return [line for line in description.splitlines() if line.startswith("**") and ". " in line[:6]]


def button_labels(message) -> list[str]:
    return [c["label"] for row in message.components for c in row["components"] if c["type"] == 2]


async def test_a_french_term_is_found_without_its_article(world) -> None:
    await world.imported(FRENCH, "vocabulaire.csv", "francais")
    for typed, title in [
        ("mémoire vive", "la mémoire vive"),
        ("memoire vive", "la mémoire vive"),
        ("réseau de neurones", "le réseau de neurones"),
        ("apprentissage supervisé", "l'apprentissage supervisé"),
    ]:
        r = await world.alice.slash(world.channel, "define", term=typed)
        assert r.response.embeds, f"{typed!r}: {r.response.content}"
        assert r.response.embeds[0].title == title
        assert not r.response.content  # found as written: no "Showing ... (for ...)" notice
    # the article typed still finds it, and autocomplete offers it under its own name
    r = await world.alice.slash(world.channel, "define", term="la mémoire vive")
    assert r.response.embeds[0].title == "la mémoire vive"
    choices = await world.alice.autocomplete(world.channel, "define", "term", "mémoire v")
    assert choices[0]["name"] == "la mémoire vive"


async def test_the_which_term_prompt_is_not_searched(world) -> None:
    await world.imported(QUIZLET, "genai.txt", "genai")
    # only the card whose definition says "term"; not every card, for the prompt each is asked with
    r = await world.alice.slash(world.channel, "search", text="term")
    assert headings(r) == ["**1. jargon**"]
    assert "Which" not in r.response.embeds[0].description
    choices = await world.alice.autocomplete(world.channel, "define", "term", "term")
    assert [c["name"] for c in choices] == ["jargon — A specialised term that only experts of a field use"]
    r = await world.alice.slash(world.channel, "define", term="term")
    assert "Did you mean: **jargon**?" in r.response.content


async def test_did_you_mean_tells_apart_cards_of_one_name(world) -> None:
    await world.imported(CLUB, "club.csv", "club")
    r = await world.alice.slash(world.channel, "define", term="temp")
    text = r.response.content
    assert text.startswith("No card for *temp*. Did you mean:")
    assert "**temperature · club**" in text and "**temperature · mini**" in text
    labels = button_labels(r.response)
    assert "temperature · club" in labels and "temperature · mini" in labels
    # /search's reply when nothing mentions the words names them the same way
    r = await world.alice.slash(world.channel, "search", text="tempra")
    text = r.response.content
    assert "**temperature · club**" in text and "**temperature · mini**" in text
    assert len(set(button_labels(r.response))) == len(button_labels(r.response))


def test_a_name_is_found_without_its_article_after_one_named_so() -> None:
    # "El Niño", "La Niña" and "Niña" in one deck: "Niño" names the first; "Niña" the card of that very name,
    # with "La Niña" as a close rival
    index = TermIndex(
        [
            Card(deck="d", id="el-nino", question="Q?", answer="A warming of the Pacific.", term="El Niño"),
            Card(deck="d", id="la-nina", question="Q?", answer="A cooling of the Pacific.", term="La Niña"),
            Card(deck="d", id="nina", question="Q?", answer="One of Columbus's ships.", term="Niña"),
        ]
    )
    result = index.define("Niño")
    assert result.card is not None and result.card.id == "el-nino" and not result.corrected
    result = index.define("Niña")
    assert result.card is not None and result.card.id == "nina"
    assert [m.card.id for m in result.others] == ["la-nina"]
    assert index.suggest("la ni")[0] == ("La Niña", "d:la-nina")


def test_a_german_noun_is_found_without_its_article() -> None:
    index = TermIndex([
        Card(deck="d", id="tag", question="Q?", answer="day", term="der Tag"),
        Card(deck="d", id="haus", question="Q?", answer="house", term="das Haus"),
    ])  # fmt: skip
    for typed, card in (("Tag", "tag"), ("haus", "haus"), ("der Tag", "tag")):
        result = index.define(typed)
        assert result.card is not None and result.card.id == card and not result.corrected, typed
