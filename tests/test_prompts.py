"""Prompts from card data: the cloze direction, choice options, hints, practice order."""

from __future__ import annotations

import random
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.core import prompts
from bot.core.catalog import Catalog
from bot.core.decks import load_decks
from bot.core.errors import NotFound, Quote
from bot.core.grading import grade_card, normalise
from bot.core.models import Card
from bot.core.prompts import CardHistory
from bot.core.quiz.plan import topic_pool

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def mini() -> dict[str, Card]:
    return {c.id: c for d in load_decks(ROOT / "tests" / "data" / "decks") for c in d.cards}


@pytest.fixture(scope="module")
def real() -> list[Card]:
    return [c for d in load_decks(ROOT / "cards") for c in d.cards if c.askable]


def test_the_term_prompt_hides_the_term_and_every_alias(mini) -> None:
    text = prompts.term_prompt_text(mini["l2-regularization"])
    assert text is not None and prompts.BLANK in text
    low = text.lower()
    for name in ("ridge", "l2 regularization", "ridge regression"):
        assert name not in low
    assert "**" not in text  # markdown emphasis is dropped
    assert "squared magnitude of the weights" in text


def test_the_term_prompt_hides_plurals_and_is_answered_with_the_term(mini) -> None:
    card = mini["temperature"]
    text = prompts.term_prompt_text(card)
    assert text is not None and "temperature" not in text.lower()
    assert text.count(prompts.BLANK) == 2
    prompt = prompts.make_prompt(card, prompts.TERM)
    assert prompt.answer.startswith("temperature")
    assert grade_card(card, "temperature", direction="term").correct


def test_no_term_prompt_for_a_card_without_term_or_whose_answer_does_not_mention_it() -> None:
    no_term = Card(deck="d", id="a", question="Name three things?", answer="One, two and three.", keypoints=("one",))
    silent = Card(deck="d", id="b", question="q?", answer="Something else entirely.", term="widget", accept=("widget",))
    assert prompts.term_prompt_text(no_term) is None
    assert prompts.term_prompt_text(silent) is None
    assert prompts.directions_for(silent) == ("question",)
    assert prompts.directions_for(no_term) == ("question",)
    assert prompts.directions_for(no_term, "choice") == ()


def test_every_real_card_with_a_cloze_hides_all_its_names(real) -> None:
    made = 0
    for card in real:
        text = prompts.term_prompt_text(card)
        if text is None:
            continue
        made += 1
        folded = normalise(text)
        for name in card.names:
            assert f" {normalise(name)} " not in f" {folded} ", (card.key, name)
    assert made >= 30


def test_choice_options_hold_the_right_answer_and_three_distinct_distractors(mini) -> None:
    pool = [c for c in mini.values() if c.askable]
    card = mini["l2-regularization"]
    options, right = prompts.choice_options(card, "question", pool, random.Random(3))
    assert len(options) == 4
    assert options[right] == "L2"
    assert len({normalise(o) for o in options}) == 4
    for i, label in enumerate(options):
        if i != right:
            assert not grade_card(card, label).correct, label
    # similar cards first: the L1 card shares the tags of the L2 card
    assert "L1" in options


def test_choice_options_never_offer_an_equivalent_of_the_right_answer() -> None:
    right = Card(deck="d", id="a", question="What is the usual name of L2 regularization?", answer="ridge",
                 term="ridge", accept=("ridge",), tags=("t",))
    twin = Card(deck="d", id="b", question="Another name for ridge?", answer="Ridge.", term="Ridge",
                accept=("Ridge",), tags=("t",))
    others = [Card(deck="d", id=f"o{i}", question=f"q{i}?", answer=f"w{i}", term=f"word{i}",
                   accept=(f"word{i}",), tags=("t",)) for i in range(3)]
    for seed in range(20):
        options, right_index = prompts.choice_options(right, "question", [right, twin, *others], random.Random(seed))
        assert [o for o in options if normalise(o) == "ridge"] == [options[right_index]]


def test_choice_options_are_deterministic_with_a_seeded_rng(real) -> None:
    card = next(c for c in real if c.accept)
    a = prompts.choice_options(card, "question", real, random.Random(42))
    b = prompts.choice_options(card, "question", real, random.Random(42))
    assert a == b


def test_hints_give_the_shape_then_first_letters_then_one_word() -> None:
    assert [prompts.hint_text("Krebs cycle", n) for n in (1, 2, 3)] == [
        "2 words: 5 and 5 letters", "K… c…", "Krebs c…"
    ]
    assert [prompts.hint_text("dropout", n) for n in (1, 2, 3)] == ["1 word, 7 letters", "d…", "drop…"]
    # a level the grader takes as the answer is left out ("attention m" is attention mechanism, "temper" temperature)
    assert [prompts.hint_text("attention mechanism", n) for n in (1, 2, 3)] == [
        "2 words: 9 and 9 letters", "a… m…", "a… m…"
    ]
    assert prompts.max_hint_level("temperature") == 2 and prompts.hint_text("temperature", 2) == "t…"
    assert [prompts.hint_text("L2 regularization", n) for n in (1, 2, 3)] == [
        "2 words: 2 and 14 characters", "L… r…", "L… regularization"
    ]
    assert prompts.hint_text("15%", 1) == "1 word, 2 digits"
    assert prompts.max_hint_level("L2") == 2 and prompts.hint_text("L2", 2) == "L…"
    assert prompts.max_hint_level("Adam optimizer") == 3
    assert prompts.max_hint_level("") == 0


def test_hints_on_long_answers_stay_short(real) -> None:
    """No more masks of dots: every hint on every real card is a short line that never shows the answer."""
    for card in real:
        answer = prompts.answer_label(card, "question")
        for level in range(1, prompts.max_hint_level(answer) + 1):
            hint = prompts.hint_text(answer, level)
            assert len(hint) <= max(80, len(answer)), (card.key, level, hint)
            assert normalise(hint) != normalise(answer), (card.key, level, hint)
            assert "·" not in hint


def test_practice_order_puts_missed_cards_first_then_unseen_then_known(mini) -> None:
    cards = [c for c in mini.values() if c.askable]
    t = datetime(2026, 1, 1, tzinfo=UTC)
    history = {
        "mini:bert": CardHistory(2, 2, "correct", t),
        "mini:temperature": CardHistory(1, 0, "wrong", t),
        "mini:l1-regularization": CardHistory(3, 1, "correct", t),  # mostly missed
    }
    order = [c.key for c in prompts.practice_order(cards, history, random.Random(1))]
    assert set(order[:2]) == {"mini:temperature", "mini:l1-regularization"}
    assert order[-1] == "mini:bert"
    assert len(order) == len(cards)


def test_typed_text_is_quoted_for_the_surface_on_one_line_and_clipped() -> None:
    """The core passes what a member typed as a ``Quote``: no markup added, the surface escapes it."""
    catalog = Catalog(load_decks(ROOT / "tests" / "data" / "decks"))
    with pytest.raises(NotFound) as err:
        topic_pool(catalog, "a`b ``c\n\nd")
    assert isinstance(err.value.params["topic"], Quote) and err.value.params["topic"] == "a`b ``c d"
    with pytest.raises(NotFound) as err:
        topic_pool(catalog, "x" * 100)
    assert err.value.params["topic"] == "x" * 39 + "…"


# -- the cloze: short, whole links, one blank for one thing ---------------------------------------------------
def test_every_real_cloze_is_short_and_says_enough_to_be_answered(real) -> None:
    for card in real:
        text = prompts.term_prompt_text(card)
        if text is None:
            continue
        assert len(text) <= prompts.CLOZE_MAX, (card.key, len(text))
        words = [w for w in text.replace(prompts.BLANK, " ").split() if any(ch.isalnum() for ch in w)]
        assert len(words) >= 5, (card.key, text)


def test_the_cloze_keeps_the_defining_sentences_and_never_cuts_a_link() -> None:
    filler = " ".join(f"word{i}" for i in range(80))
    card = Card(
        deck="d", id="c", question="q?", term="widget", accept=("widget",),
        answer=(
            f"A widget is a small reusable part of a user interface that users interact with. {filler}.\n\n"
            "Read more at https://example.com/widget-guide/widget-basics-for-everyone-who-builds-widgets today."
        ),
    )
    text = prompts.term_prompt_text(card)
    assert text is not None and text.startswith("A _____ is a small reusable part of a user interface")
    assert len(text) <= prompts.CLOZE_MAX and "http" not in text and "example.com" not in text
    long_link = "See https://example.com/" + "a" * 400 + " for the widget details and more."
    assert prompts.clip_text(long_link, 100) == "See…"


def test_a_longer_name_keeps_its_own_words_so_one_blank_never_stands_for_two_things() -> None:
    card = Card(
        deck="d", id="b", question="q?", term="Boltzmann machine",
        aliases=("Boltzmann machines", "restricted Boltzmann machine", "RBM"), accept=("Boltzmann machine",),
        answer="Boltzmann machines (partly still in use as restricted Boltzmann machines) learn hidden features. "
        "An RBM has one hidden layer only.",
    )
    text = prompts.term_prompt_text(card)
    assert text == "_____ (partly still in use as restricted _____) learn hidden features."
    rejected = Card(
        deck="d", id="p", question="q?", term="prompt tuning", aliases=("soft prompts", "prompt engineering"),
        accept=("prompt tuning",), reject=("prompt engineering",),
        answer="Prompt engineering: prompts written by hand by human engineers. Prompt tuning: no change of "
        "weights and no retraining of the model, so it is quick.",
    )
    assert prompts.term_prompt_text(rejected) == "_____: no change of weights and no retraining of the model, so it is quick."


def test_a_cloze_that_would_say_nothing_is_not_asked(real) -> None:
    bert = next(c for c in real if c.key == "genai-basics:bert")
    assert prompts.term_prompt_text(bert) is None  # "_____ = _____." is no question
    assert prompts.directions_for(bert) == ("question",)


# -- choice options of the same kind ---------------------------------------------------------------------------
def test_choice_options_are_of_the_same_kind_as_the_answer(real) -> None:
    by_key = {c.key: c for c in real}
    for seed in range(5):
        rng = random.Random(seed)
        numbers, _ = prompts.choice_options(by_key["genai-basics:masked-language-modeling"], "question", real, rng)
        assert all(o.endswith("%") and o[:-1].isdigit() for o in numbers), numbers
        expansions, right = prompts.choice_options(by_key["genai-basics:rag"], "question", real, rng)
        assert expansions[right] == "Retrieval Augmented Generation"
        assert all(len(o.split()) >= 2 and o.upper() != o for o in expansions), expansions
        listed, right = prompts.choice_options(by_key["genai-basics:query-key-value"], "question", real, rng)
        assert listed[right] == "query" and {"key", "value"} <= set(listed), listed
        terms, right = prompts.choice_options(by_key["genai-basics:temperature"], "question", real, rng)
        assert all(len(o.split()) <= 3 and not any(ch.isdigit() for ch in o) for o in terms), terms


def test_every_real_card_gets_options_from_different_cards(real) -> None:
    for card in real:
        for direction in prompts.directions_for(card, "choice"):
            found = prompts.choice_options(card, direction, real, random.Random(1))
            assert found is not None, card.key
            options, _ = found
            assert len({normalise(o) for o in options}) == len(options) == 4, (card.key, options)
