"""Vocabulary decks of the languages study servers learn, imported from Quizlet exports as teachers make them
and graded as the bot grades them, both ways (the term from its definition, the definition from its term).

What a fair teacher accepts there and the grader did not:

- an English verb without its "to": "be" for "to be" was no answer at all (its words are all little words), and
  "be called" for "to be called" too;
- a German umlaut typed as its two letters, as German writes it without them: "die Tuer" for "die Tür" was
  almost, "das Maedchen" for "das Mädchen" a misspelling;
- a noun without its article, or with another (its gender wrong): "perro" for "el perro" is almost the answer
  (try again, with the article), whatever the length of the word; "casa", "Hund" and "das Hund" were wrong
  where "ciudad" and "die Hund" were almost;
- one of the meanings a definition gives apart with semicolons: "to talk" for "hablar" ("to speak; to talk")
  was half an answer.
"""

from __future__ import annotations

import pytest
from language_deck_support import deck_card, imported_deck

from bot.core.grading import grade_card, register_deck_terms
from bot.core.models import Card, Deck, VerdictKind, VerdictReason

SPANISH = (
    "el perro\tthe dog\nla casa\tthe house\nla ciudad\tthe city\nser\tto be\ncomer\tto eat\n"
    "hablar\tto speak; to talk\nel gato\tcat; tomcat\npero\tbut\n"
)
GERMAN = (
    "das Mädchen\tthe girl\ndie Straße\tthe street\nder Hund\tthe dog\ndie Tür\tthe door\n"
    "grüßen\tto greet\nheißen\tto be called\nschön\tbeautiful\n"
)


@pytest.fixture(scope="module")
def decks() -> dict[str, Deck]:
    return {"es": imported_deck("spanish", SPANISH), "de": imported_deck("german", GERMAN)}


@pytest.fixture(autouse=True)
def loaded(decks: dict[str, Deck]):
    register_deck_terms(list(decks.values()))  # as the bot does for its loaded decks
    yield
    register_deck_terms([])


def _card(decks: dict[str, Deck], lang: str, question: str) -> Card:
    return deck_card(decks[lang], question)


@pytest.mark.parametrize(
    ("lang", "question", "response"),
    [("es", "What is ser?", "be"), ("es", "What is ser?", "Be"), ("de", "What is heißen?", "be called")],
)
def test_a_verb_is_right_without_its_to(decks, lang, question, response) -> None:
    verdict = grade_card(_card(decks, lang, question), response)
    assert verdict.kind is VerdictKind.CORRECT, verdict


def test_a_word_of_a_verb_made_of_little_words_is_a_try_not_silence(decks) -> None:
    """"called" for "to be called" is a wrong answer (it costs a try), not a message that says nothing."""
    verdict = grade_card(_card(decks, "de", "What is heißen?"), "called")
    assert verdict.kind is VerdictKind.WRONG


@pytest.mark.parametrize(
    ("term", "response"),
    [("die Tür", "die Tuer"), ("die Tür", "die tuer"), ("das Mädchen", "das Maedchen"), ("grüßen", "gruessen"),
     ("schön", "schoen")],
)
@pytest.mark.parametrize("direction", ["question", "term"])
def test_an_umlaut_typed_as_its_two_letters_is_right(decks, term, response, direction) -> None:
    verdict = grade_card(_card(decks, "de", term), response, direction=direction)
    assert verdict.kind is VerdictKind.CORRECT, verdict
    assert verdict.reason is VerdictReason.CORRECT  # (no misspelling noted)


@pytest.mark.parametrize(
    ("lang", "term", "response"),
    [("es", "el perro", "perro"), ("es", "la casa", "casa"), ("es", "la casa", "el casa"), ("es", "la ciudad", "ciudad"),
     ("de", "der Hund", "Hund"), ("de", "der Hund", "das Hund"), ("de", "der Hund", "die Hund"),
     ("de", "das Mädchen", "Mädchen"), ("de", "das Mädchen", "der Maedchen")],
)
@pytest.mark.parametrize("direction", ["question", "term"])
def test_a_noun_without_its_article_or_with_another_is_almost(decks, lang, term, response, direction) -> None:
    verdict = grade_card(_card(decks, lang, term), response, direction=direction)
    assert verdict.kind is VerdictKind.ALMOST, verdict
    assert verdict.suggestion == term


@pytest.mark.parametrize(
    ("question", "response"),
    [("What is hablar?", "to talk"), ("What is hablar?", "talk"), ("What is hablar?", "to speak"),
     ("What is hablar?", "to speak; to talk"), ("What is el gato?", "tomcat"), ("What is el gato?", "cat")],
)
def test_any_meaning_a_definition_gives_is_right(decks, question, response) -> None:
    verdict = grade_card(_card(decks, "es", question), response)
    assert verdict.kind is VerdictKind.CORRECT, verdict


@pytest.mark.parametrize(
    ("lang", "term", "response"),
    [("es", "el perro", "pero"), ("es", "el perro", "el gato"), ("de", "der Hund", "der Katze")],
)
def test_another_word_is_still_wrong(decks, lang, term, response) -> None:
    assert grade_card(_card(decks, lang, term), response).kind is VerdictKind.WRONG


def test_another_meaning_is_still_wrong(decks) -> None:
    assert grade_card(_card(decks, "es", "What is hablar?"), "to eat").kind is VerdictKind.WRONG
