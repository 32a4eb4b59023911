"""A language deck played in /quiz: a hint shows a noun's article whole and hides the noun; a gendered pair
("la perra — the dog (female)") is no option for "the dog"."""

from __future__ import annotations

import random

from language_deck_support import asked, imported_deck, which

from bot.core import prompts
from bot.core.models import Card

DECK = (
    "el perro\tthe dog\nla perra\tthe dog (female)\nel gato\tthe cat\nla casa\tthe house\nla mesa\tthe table\n"
    "el libro\tthe book\nel chucho\tthe dog (colloquial)\nla ventana\tthe window\nser\tto be\ncorrer\tto run\n"
)
OTHERS = "der Hund\tthe dog\ndie Katze\tthe cat\nl'élève\tthe pupil\nl'eau\tthe water\n"


def askable(text: str = DECK) -> tuple[Card, ...]:
    return tuple(c for c in imported_deck("words", text).cards if c.askable)


def hints(card: Card) -> list[str]:
    answer = prompts.make_prompt(card, prompts.QUESTION).hint_answer
    levels = prompts.max_hint_level(answer, card=card, direction=prompts.QUESTION)
    return [prompts.hint_text(answer, n, card=card, direction=prompts.QUESTION) for n in range(1, levels + 1)]


def test_a_hint_shows_the_article_whole_and_hides_the_noun() -> None:
    cards = askable()
    assert hints(which(cards, "the dog")) == ["2 words: 2 and 5 letters", "el p…", "el per…"]  # (was: "e… p…")
    assert hints(which(cards, "the window"))[1] == "la v…"
    assert hints(asked(cards, "What is el perro?")) == ["2 words: 3 and 3 letters", "t… d…"]  # English: as before
    others = askable(OTHERS)
    assert hints(which(others, "the dog"))[1] == "der H…"  # (was: "d… H…")
    assert hints(which(others, "the pupil"))[1] == "l'é…"  # (was: "l…")
    for shown, noun in (("the dog", "Hund"), ("the pupil", "élève"), ("the water", "eau")):
        assert all(noun not in hint for hint in hints(which(others, shown))), hints(which(others, shown))


def test_a_meaning_with_a_remark_is_no_option_for_the_meaning_without_it() -> None:
    cards = askable()
    dog = which(cards, "the dog")
    for seed in range(24):
        options = prompts.make_prompt(dog, prompts.QUESTION, mode="choice", pool=list(cards), rng=random.Random(seed)).options
        assert "el perro" in options, options
        assert "la perra" not in options and "el chucho" not in options, options  # each is "the dog" too
