"""Vocabulary decks of language courses imported from Quizlet, graded as the bot grades them, both ways (the term
from its definition, the definition from its term): answers a fair teacher takes that the grader did not.

- A word typed without its accents is the word, whatever English word it is a slip of: "l'eleve" for "l'élève"
  was right with a misspelling noted and "l eleve" wrong (read as "l eleven"), where "l hopital" was right; and
  "eleven" was right for "élève".
- A word that a language teaches is a try, even where English chat passes it over: "pretty" for "beautiful" and
  "being" for "to be" were no answer at all (the player was asked to type one); "thanks" for "thank you" too,
  though "thank" was right.
- A long vowel of romanised Japanese typed as a keyboard types it: "toukyou" and "tookyoo" for "Tōkyō" were
  "almost", "arigatou" for "arigatō" wrong where the question writes ありがとう.
- "un" is an article like the others: "un perro" for "el perro" was a near miss (read as the prefix "un-"),
  where "una perro" was almost; "el gato" for "un gato" was wrong.
"""

from __future__ import annotations

import pytest
from language_deck_support import deck_card, imported_deck

from bot.core.grading import grade_card, register_deck_terms
from bot.core.models import Deck, VerdictKind, VerdictReason

DECKS = {
    "fr": "l'élève\tthe student\nl'hôpital\tthe hospital\nle café\tthe coffee\nmerci\tthank you\n",
    "fr-words": "élève\tpupil\nonze\televen\n",
    "es": (
        "el perro\tthe dog\nla casa\tthe house\nun gato\ta cat\ngracias\tthank you\nser\tto be\n"
        "bonita\tbeautiful\n"
    ),
    "ja": "東京\tTōkyō\nありがとう\tarigatō\n学校\tgakkō\n",
    "ja-romaji": "Tōkyō\tTokyo\nōkii\tbig\n",
    "ml": "supervised learning\tlearning from labelled examples\n",
}


@pytest.fixture(scope="module")
def decks() -> dict[str, Deck]:
    return {name: imported_deck(name, text) for name, text in DECKS.items()}


@pytest.fixture(autouse=True)
def loaded(decks: dict[str, Deck]):
    register_deck_terms(list(decks.values()))  # as the bot does for its loaded decks
    yield
    register_deck_terms([])


def _graded(decks: dict[str, Deck], lang: str, question: str, response: str, direction: str = "question"):
    return grade_card(deck_card(decks[lang], question), response, direction=direction)


@pytest.mark.parametrize(
    ("lang", "term", "response"),
    [("fr", "l'élève", "l'eleve"), ("fr", "l'élève", "l eleve"), ("fr", "l'élève", "L'Eleve"),
     ("fr", "l'hôpital", "l hopital"), ("fr-words", "élève", "eleve")],
)
@pytest.mark.parametrize("direction", ["question", "term"])
def test_a_word_typed_without_its_accents_is_right_whatever_english_word_it_resembles(
    decks, lang, term, response, direction
) -> None:
    verdict = _graded(decks, lang, term, response, direction)
    assert verdict.kind is VerdictKind.CORRECT, verdict
    assert verdict.reason is VerdictReason.CORRECT  # (no misspelling noted)


@pytest.mark.parametrize("direction", ["question", "term"])
def test_a_noun_without_its_elided_article_is_near_whatever_english_word_it_resembles(decks, direction) -> None:
    """"eleve" for "l'élève" is the word without its "l'" (as "hopital" for "l'hôpital" is), no slip of
    "eleven": right with its spelling noted, or almost where "élève" is a word of a loaded deck itself."""
    for term, response in (("l'élève", "eleve"), ("l'hôpital", "hopital")):
        verdict = _graded(decks, "fr", term, response, direction)
        assert verdict.kind is VerdictKind.CORRECT or (
            verdict.kind is VerdictKind.ALMOST and verdict.suggestion == term
        ), verdict


def test_the_english_word_is_no_answer_for_the_foreign_one_it_resembles(decks) -> None:
    assert _graded(decks, "fr-words", "élève", "eleven").kind is VerdictKind.WRONG
    assert _graded(decks, "fr-words", "What is onze?", "eleven").kind is VerdictKind.CORRECT  # (the number itself)


@pytest.mark.parametrize(
    ("lang", "question", "response", "kind"),
    [("es", "What is gracias?", "thanks", VerdictKind.CORRECT), ("fr", "What is merci?", "thanks", VerdictKind.CORRECT),
     ("es", "What is ser?", "being", VerdictKind.WRONG), ("es", "What is bonita?", "pretty", VerdictKind.WRONG),
     ("es", "What is bonita?", "very pretty", VerdictKind.WRONG), ("es", "What is ser?", "is", VerdictKind.WRONG)],
)
def test_a_word_of_the_language_is_a_try_not_silence(decks, lang, question, response, kind) -> None:
    assert _graded(decks, lang, question, response).kind is kind


@pytest.mark.parametrize("response", ["um", "the", "it is", "i think", "ok", "thanks"])
def test_talk_is_still_no_answer(decks, response) -> None:
    assert _graded(decks, "es", "What is bonita?", response).kind is VerdictKind.EMPTY


@pytest.mark.parametrize(
    ("lang", "question", "response"),
    [("ja", "What is 東京?", "tokyo"), ("ja", "What is 東京?", "Tokyo"), ("ja", "What is 東京?", "toukyou"),
     ("ja", "What is 東京?", "Tookyoo"), ("ja", "What is ありがとう?", "arigatou"), ("ja", "What is ありがとう?", "arigato"),
     ("ja", "What is 学校?", "gakkou"), ("ja", "What is 学校?", "gakkoo"), ("ja-romaji", "Tōkyō", "toukyou"),
     ("ja-romaji", "ōkii", "ookii"), ("ja-romaji", "ōkii", "okii")],
)
def test_a_long_vowel_typed_without_its_macron_is_right(decks, lang, question, response) -> None:
    verdict = _graded(decks, lang, question, response)
    assert verdict.kind is VerdictKind.CORRECT, verdict
    assert verdict.reason is VerdictReason.CORRECT


@pytest.mark.parametrize(("question", "response"), [("What is 東京?", "kyoto"), ("What is 学校?", "gakusei")])
def test_another_word_is_still_wrong_in_romanised_japanese(decks, question, response) -> None:
    assert _graded(decks, "ja", question, response).kind is VerdictKind.WRONG


@pytest.mark.parametrize(
    ("lang", "term", "response"),
    [("es", "el perro", "un perro"), ("es", "la casa", "un casa"), ("fr", "le café", "un café"),
     ("es", "un gato", "el gato"), ("es", "un gato", "una gato"), ("es", "un gato", "gato")],
)
@pytest.mark.parametrize("direction", ["question", "term"])
def test_a_noun_with_the_article_un_is_almost(decks, lang, term, response, direction) -> None:
    verdict = _graded(decks, lang, term, response, direction)
    assert verdict.kind is VerdictKind.ALMOST, verdict
    assert verdict.suggestion == term


def test_un_before_an_english_word_is_still_its_prefix(decks) -> None:
    """"un supervised learning" is "unsupervised learning": the antonym of the answer, no article."""
    verdict = _graded(decks, "ml", "supervised learning", "un supervised learning")
    assert verdict.kind is VerdictKind.WRONG
