"""Language decks write more with a word than the word: German nouns with their plural (and genitive) marks after a
comma ("der Hund, -e", "das Haus, ¨-er", "der Hund, -(e)s, -e"), Spanish ones with their gender ("perro (m)"). The
marks are shown with the card (/define, the reverse question) and never typed: the noun with its article is right."""

from __future__ import annotations

from pathlib import Path

import pytest
from deck_support import SETTLE_SECONDS, deck_world  # noqa: F401  (the ``world`` fixture)
from language_deck_support import asked, which

from bot.core.deckadmin.service import _to_csv
from bot.core.grading import grade_card
from bot.core.importers import import_data, import_quizlet
from bot.core.models import Card, VerdictKind

GERMAN = (
    "der Hund, -e\tdog\n"
    "das Haus, -¨er\thouse\n"
    "das Buch, ¨-er\tbook\n"
    "die Frau, -en\twoman\n"
    "der Lehrer, -\tteacher\n"
    "das Mädchen, -\tgirl\n"
    "der Tag, -(e)s, -e\tday\n"
)


def kind(card: Card, typed: str) -> VerdictKind:
    return grade_card(card, typed).kind


def test_a_german_noun_is_right_with_its_article_and_never_needs_its_plural_mark(tmp_path: Path) -> None:
    path = tmp_path / "deutsch.txt"
    path.write_text(GERMAN, encoding="utf-8")
    cards = import_quizlet(path).deck.cards
    for meaning, noun in [
        ("dog", "der Hund"), ("house", "das Haus"), ("book", "das Buch"), ("woman", "die Frau"),
        ("teacher", "der Lehrer"), ("girl", "das Mädchen"), ("day", "der Tag"),
    ]:
        card = which(cards, meaning)
        assert card.term == noun and kind(card, noun) is VerdictKind.CORRECT, noun
        assert kind(card, noun.split()[1]) is VerdictKind.ALMOST, noun  # (as a noun without its article elsewhere)
        assert not any(a.startswith(("-", "¨")) for a in card.aliases), card.aliases
    assert kind(which(cards, "dog"), "der Hund, -e") is VerdictKind.CORRECT  # (the plural typed too: no list)
    assert kind(asked(cards, "What is der Hund, -e?"), "dog") is VerdictKind.CORRECT  # the plural still shown
    assert kind(asked(cards, "What is das Buch, ¨-er?"), "book") is VerdictKind.CORRECT
    assert kind(asked(cards, "What is der Tag, -(e)s, -e?"), "day") is VerdictKind.CORRECT


def test_a_csv_export_writes_the_marks_back_with_the_word(tmp_path: Path) -> None:
    path = tmp_path / "vocab.txt"
    path.write_text("der Hund, -e\tdog\nperro (m)\tdog\nla casa (f.)\thouse\n", encoding="utf-8")
    cards = import_quizlet(path).deck.cards
    data = _to_csv(cards)
    assert '"der Hund, -e",dog' in data.decode() and "perro (m),dog" in data.decode()
    back = import_data("vocab.csv", data).deck
    assert back is not None
    assert [(c.question, c.term, c.answer, c.accept) for c in back.cards] == [
        (c.question, c.term, c.answer, c.accept) for c in cards
    ]


async def defined(world, typed: str) -> str:
    """What /define shows of the card for ``typed``: its title, its explanation and its other names (not the
    cards listed under "See also")."""
    r = await world.alice.slash(world.channel, "define", term=typed)
    [card] = r.response.embeds
    fields = [f"{f.name}: {f.value}" for f in card.fields if f.name == "Also called"]
    return "\n".join([card.title or "", card.description or "", *fields])


@pytest.mark.simcord(settle_timeout=SETTLE_SECONDS)
async def test_define_shows_the_gender_with_the_word(world) -> None:
    await world.imported(b"perro (m)\tdog\nla mano (f)\thand\n", "spanish.txt", "spanish")
    for typed, written in [("perro", "perro (m)"), ("la mano", "la mano (f)")]:
        shown = await defined(world, typed)
        assert written in shown, shown
        assert "Also called" not in shown, shown  # (the gender is no other name of the word)


@pytest.mark.simcord(settle_timeout=SETTLE_SECONDS)
async def test_define_shows_the_plural_with_the_noun(world) -> None:
    await world.imported(GERMAN.encode(), "deutsch.txt", "deutsch")
    for typed, written in [("der Hund", "der Hund, -e"), ("das Buch", "das Buch, ¨-er"), ("der Tag", "der Tag, -(e)s, -e")]:
        shown = await defined(world, typed)
        assert written in shown, shown
