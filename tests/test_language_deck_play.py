"""A language deck played in /quiz: choice options of the answer's own language and form, never a second right
answer; hints that leave a short word to guess; a hidden-term prompt that shows the word in no other form."""

from __future__ import annotations

import random
from pathlib import Path

from language_deck_support import asked, imported_deck, which

from bot.core import prompts
from bot.core.importers import import_anki
from bot.core.models import Card

SPANISH = (
    "el perro\tthe dog\nel gato\tthe cat\nla casa\tthe house\nla mesa\tthe table\nel libro\tthe book\n"
    "ser\tto be\nestar\tto be\ncorrer\tto run\nhablar\tto speak\ncomer\tto eat\nrojo\tred\ngrande\tbig\nel banco\tthe bank\n"
    "el banco\tthe bench\n"
)
JAPANESE = (
    "#separator:tab\n#html:true\n"
    "日本語[にほんご]\tにほんご\tJapanese language\t\n猫[ねこ]\tねこ\tcat\t\n犬[いぬ]\tいぬ\tdog\t\n"
    "本[ほん]\tほん\tbook\t\n食[た]べる\tたべる\tto eat\t\n"
)
SEEDS = range(12)


def askable(text: str) -> list[Card]:
    return [c for c in imported_deck("spanish", text).cards if c.askable]


def offered(card: Card, pool: list[Card]) -> list[tuple[str, ...]]:
    """The options ``card`` is asked with in choice mode, one tuple per seed."""
    return [
        prompts.make_prompt(card, prompts.QUESTION, mode="choice", pool=pool, rng=random.Random(seed)).options
        for seed in SEEDS
    ]


def test_a_word_asked_by_its_meaning_is_offered_among_words_and_a_meaning_among_meanings() -> None:
    cards = askable(SPANISH)
    words = {c.term for c in cards if c.term}
    meanings = {c.accept[0] for c in cards if not c.term}
    for options in offered(which(tuple(cards), "the cat"), cards):
        assert set(options) <= words, options  # (was: "to be", "the water" among "el gato")
    for options in offered(asked(tuple(cards), "What is rojo?"), cards):
        assert set(options) <= meanings and "rojo" not in options, options


def test_a_japanese_word_is_offered_among_japanese_words(tmp_path: Path) -> None:
    path = tmp_path / "jlpt5.txt"
    path.write_text(JAPANESE, encoding="utf-8")
    cards = [c for c in import_anki(path).deck.cards if c.askable]
    for options in offered(which(tuple(cards), "cat"), cards):
        assert set(options) <= {"日本語", "猫", "犬", "本", "食べる"}, options  # (was: "dog", "to eat" beside 猫)
    for options in offered(asked(tuple(cards), "What is 犬?"), cards):
        assert "犬" not in options and set(options) <= {"Japanese language", "cat", "dog", "book", "to eat"}


def test_two_words_of_one_meaning_or_two_meanings_of_one_word_are_never_offered_together() -> None:
    cards = askable(SPANISH)
    for options in offered(which(tuple(cards), "to be"), cards):
        assert not {"ser", "estar"} <= set(options), options  # both are right for "to be"
    bank = next(c for c in cards if c.question == "What is el banco?" and c.accept[0] == "the bank")
    for options in offered(bank, cards):
        assert "the bench" not in options, options  # "el banco" is a bench too


def test_an_answer_with_an_article_is_offered_among_answers_that_begin_alike() -> None:
    cards = askable(SPANISH)
    for options in offered(which(tuple(cards), "the dog"), cards):
        assert all(o.split()[0] in {"el", "la"} for o in options), options  # not "el perro" among "ser", "rojo"
    for options in offered(asked(tuple(cards), "What is correr?"), cards):
        assert all(o.startswith("to ") for o in options), options  # not "to run" among "the dog", "red"
    for options in offered(asked(tuple(cards), "What is el gato?"), cards):
        assert all(o.startswith("the ") for o in options), options


def hints(card: Card) -> list[str]:
    prompt = prompts.make_prompt(card, prompts.QUESTION)
    answer = prompt.hint_answer
    levels = prompts.max_hint_level(answer, card=card, direction=prompts.QUESTION)
    return [prompts.hint_text(answer, n, card=card, direction=prompts.QUESTION) for n in range(1, levels + 1)]


def test_hints_on_a_short_word_leave_something_to_guess() -> None:
    cards = tuple(askable(SPANISH))
    assert hints(which(cards, "the dog")) == ["2 words: 2 and 5 letters", "el p…", "el per…"]  # (was: then "e… perro")
    assert hints(which(cards, "to be")) == ["1 word, 3 letters", "s…"]  # (was: then "se…")
    assert hints(asked(cards, "What is el perro?")) == ["2 words: 3 and 3 letters", "t… d…"]  # (was: "the d…")
    assert hints(which(cards, "to run"))[-1] == "cor…"


def test_a_hidden_word_prompt_shows_the_word_in_no_other_form(tmp_path: Path) -> None:
    path = tmp_path / "spanish.txt"
    path.write_text(
        "#separator:tab\n#html:false\n"
        "hablar\tto speak\tElla habla mucho y a mí me gusta hablar con ella todos los días.\n"
        "la casa\tthe house\tLa casa de mis padres es muy grande y bonita.\n",
        encoding="utf-8",
    )
    cards = import_anki(path).deck.cards
    speak = which(cards, "to speak")
    text = prompts.term_prompt_text(speak)
    assert text is None or "habla" not in text.lower()  # (was: "Ella habla mucho y a mí me gusta _____ …")
    assert prompts.TERM not in prompts.directions_for(speak)
    house = which(cards, "the house")
    assert prompts.term_prompt_text(house) == "_____ de mis padres es muy grande y bonita."
