"""Choice mode and hints in practice on cards of a form of their own: yes/no cards (as ``/deck import`` makes
them from "Is ...?" / "Yes, ..." pairs) and cards that ask for a year.

A yes/no question has two possible answers. In choice mode its options must be Yes and No, not other cards'
terms ("teacher forcing", "lasso") that could never answer it; and a hint must not tell Yes from No: the
shape hint "1 word, 3 letters" is Yes and "1 word, 2 letters" is No, and "Ye…" is the answer itself.

"In what year was the transformer paper published?" (2017) must not offer "670", "6050" and "4035": no year
anyone would pick, so the right one stands out; nor may a count ("How many heads…?") offer a year.
"""

from __future__ import annotations

import asyncio
import random
from collections import Counter
from pathlib import Path

import pytest
from world_support import deck_folder, study_guild
from yes_no_support import BERT_ENCODER, TEMPERATURE

from bot.core import prompts
from bot.core.decks import load_decks
from bot.core.grading import grade_card
from bot.core.models import Card, VerdictKind

pytestmark = pytest.mark.simcord(settle_timeout=2.0)

YES_NO_DECK = "deck: yesno\ntitle: Yes or no\ncards:\n" + BERT_ENCODER + """\
  - id: dropout-inference
    question: Does dropout drop units at inference time?
    answer: No, dropout is turned off at inference; every unit is used.
    accept: ["No"]
    tags: [checks]
  - id: teacher-forcing
    term: teacher forcing
    question: Which training trick feeds the ground-truth previous token to a decoder instead of its own output?
    answer: |
      **Teacher forcing** feeds the decoder the ground-truth previous token during training.
    accept: [teacher forcing]
    tags: [training]
  - id: lasso
    term: lasso
    question: Which regularization adds the sum of absolute weights to the loss?
    answer: |
      The **lasso** adds the absolute value of the weights to the loss.
    accept: [lasso, L1]
    tags: [training]
  - id: beam-search
    term: beam search
    question: Which decoding method keeps the k most probable partial sequences at each step?
    answer: |
      **Beam search** keeps the k most probable partial sequences at each step.
    accept: [beam search]
    tags: [decoding]
"""

YEARS_DECK = """\
deck: history
title: Dates and sizes
cards:
  - id: transformer-year
    question: In what year was the paper "Attention Is All You Need" published?
    answer: The transformer paper was published in 2017.
    accept: ["2017"]
    tags: [years]
  - id: heads
    question: How many attention heads does the base transformer use?
    answer: The base transformer uses 8 heads.
    accept: ["8"]
    tags: [sizes]
  - id: layers
    question: How many layers does BERT-base have?
    answer: BERT-base has 12 layers.
    accept: ["12"]
    tags: [sizes]
""" + TEMPERATURE

YES = Card(deck="d", id="y", question="Is BERT an encoder-only model?", answer="Yes, encoder only.", accept=("Yes",))
NO = Card(deck="d", id="n", question="Does dropout run at inference?", answer="No, it is off then.", accept=("No",))
TRUE = Card(deck="d", id="t", question="True or false: BERT is encoder-only.", answer="True.", accept=("True",))
OTHERS = [
    Card(deck="d", id="a", question="Which trick feeds the true token?", answer="Teacher forcing.", term="teacher forcing",
         accept=("teacher forcing",)),
    Card(deck="d", id="b", question="Which regularization zeroes weights?", answer="The lasso.", term="lasso",
         accept=("lasso",)),
    Card(deck="d", id="c", question="Which decoding keeps k sequences?", answer="Beam search.", term="beam search",
         accept=("beam search",)),
]


@pytest.fixture
def cards_dir(tmp_path: Path) -> Path:
    return deck_folder(tmp_path, {"yesno.yaml": YES_NO_DECK, "history.yaml": YEARS_DECK})


@pytest.fixture
async def world(env):
    _, channel, members = study_guild(env, "bob")
    yield channel, members["bob"]
    await env.bot.close()


def labels(message) -> list[str]:
    """The labels of a message's buttons (as objects, or as the raw payload of an ephemeral reply)."""
    found = []
    for row in message.components or []:
        for c in (row.get("components", []) if isinstance(row, dict) else row.children):
            found.append(c.get("label") if isinstance(c, dict) else c.label)
    return found


async def test_a_yes_no_card_practised_in_choice_mode_offers_yes_and_no(env, world) -> None:
    """bob practises the `checks` topic (two yes/no cards) with `/quiz private:True mode:choice`. Expected: each
    question offers exactly the options "A. Yes" and "B. No" (the right one among them), and picking the right one
    scores. (Before the fix: "Is BERT an encoder-only model?" offered "teacher forcing", "lasso", "beam search"
    and "Yes": three options that are no answer to a yes/no question, and the right one obvious.)"""
    channel, bob = world
    r = await bob.slash(channel, "quiz", topic="checks", questions=2, mode="choice", private=True)
    assert r.ephemeral
    shown = r.response
    for _ in range(2):
        options = [label for label in labels(shown) if label not in ("Skip", "Stop")]
        assert len(options) == 2 and {o.split(". ", 1)[1] for o in options} == {"Yes", "No"}, options
        practice = env.bot.tutor_services.quiz.practice_of(bob.id)
        right = practice.question.prompt.options[practice.question.prompt.correct_option]
        picked = await bob.click(shown, label=next(o for o in options if o.endswith(right)))
        assert "Correct" in picked.response.content, picked.response.content
        shown = picked.response


async def test_a_yes_no_practice_question_offers_no_hint_that_tells_yes_from_no(env, world, answer_box) -> None:
    """bob practises a yes/no card with typed answers. Expected: no Hint button (every hint there is tells Yes
    from No: "1 word, 3 letters" can only be Yes, "Ye…" is the answer typed out), and the question still takes
    his answer. (Before the fix: Hint showed "1 word, 3 letters", then "Ye…".)"""
    channel, bob = world
    r = await bob.slash(channel, "quiz", topic="checks", questions=2, private=True)
    shown = r.response
    for _ in range(2):
        assert "Hint" not in labels(shown), labels(shown)
        practice = env.bot.tutor_services.quiz.practice_of(bob.id)
        right = practice.question.prompt.answer
        box = await bob.click(shown, label="Answer")
        done = await bob.submit_modal(box, {answer_box(box)["custom_id"]: right})
        assert "Correct" in done.response.content
        shown = done.response


def test_yes_no_and_true_false_answers_get_no_hint_and_two_way_options() -> None:
    """The prompts themselves: a Yes, No or True answer allows no hint (each would give it away), and its options
    in choice mode are the two answers a yes/no (true/false) question has, the right one once, the other wrong."""
    for card, pair in ((YES, {"Yes", "No"}), (NO, {"Yes", "No"}), (TRUE, {"True", "False"})):
        label = card.accept[0]
        assert prompts.max_hint_level(label) == 0, prompts.hint_text(label, 1)
        assert asyncio.run(prompts.checked_hint_levels(label, card)) == ()
        for seed in range(5):
            p = prompts.make_prompt(card, prompts.QUESTION, mode="choice", pool=[YES, NO, TRUE, *OTHERS],
                                    rng=random.Random(seed))
            assert set(p.options) == pair and len(p.options) == 2, p.options
            assert p.options[p.correct_option] == label
            wrong = [o for i, o in enumerate(p.options) if i != p.correct_option]
            assert not any(grade_card(card, o).correct for o in wrong)


def option_texts(message) -> list[str]:
    found = []
    for row in message.components or []:
        for c in (row.get("components", []) if isinstance(row, dict) else row.children):
            label = c.get("label") if isinstance(c, dict) else c.label
            if label not in ("Skip", "Stop"):
                found.append(label.split(". ", 1)[1])
    return found


def is_year_near(text: str, year: int) -> bool:
    return text.isdigit() and len(text) == 4 and abs(int(text) - year) <= 30


async def test_a_year_question_practised_in_choice_mode_offers_years_near_it(env, world) -> None:
    """bob practises `years` with `/quiz private:True mode:choice`. Expected: "2017" among other years near it
    (four-digit years within a few decades), every option a year. (Before the fix: 2017, 670, 6050, 4035 — or
    "8" and "12", the counts of other cards.)"""
    channel, bob = world
    r = await bob.slash(channel, "quiz", topic="years", mode="choice", private=True)
    options = option_texts(r.response)
    assert "2017" in options and len(options) >= 2, options
    assert all(is_year_near(o, 2017) for o in options), options


def test_year_and_count_options_stay_of_their_own_form() -> None:
    """The prompts themselves, with a pool holding years and counts: a year question gets only years near it,
    a count question no year."""
    year = Card(deck="d", id="y", question="In what year was the transformer paper published?", answer="2017.",
                accept=("2017",))
    alexnet = Card(deck="d", id="a", question="When did AlexNet win ImageNet?", answer="In 2012.", accept=("2012",))
    heads = Card(deck="d", id="h", question="How many heads does the base transformer use?", answer="8.",
                 accept=("8",))
    layers = Card(deck="d", id="l", question="How many layers does BERT-base have?", answer="12.", accept=("12",))
    pool = [year, alexnet, heads, layers]
    for seed in range(5):
        p = prompts.make_prompt(year, prompts.QUESTION, mode="choice", pool=pool, rng=random.Random(seed))
        assert p.options[p.correct_option] == "2017" and len(set(p.options)) == len(p.options) >= 2
        assert all(is_year_near(o, 2017) for o in p.options), p.options
        q = prompts.make_prompt(heads, prompts.QUESTION, mode="choice", pool=pool, rng=random.Random(seed))
        assert not any(o in ("2017", "2012") for o in q.options), q.options


@pytest.fixture(scope="module")
def real_cards() -> list[Card]:
    return [c for d in load_decks(Path(__file__).resolve().parents[1] / "cards") for c in d.cards if c.askable]


def _initials(text: str) -> str:
    little = {"a", "an", "and", "by", "for", "from", "in", "of", "on", "the", "to", "with"}
    return "".join(w[0].lower() for w in text.replace(",", " ").split() if w.lower() not in little)


def test_an_acronym_asked_in_choice_mode_does_not_point_at_its_expansion(real_cards) -> None:
    """"What does BERT stand for?" in choice mode. Expected: every option spells B-E-R-T, and no option is told
    by being the one the others vary: at each word, the right answer's word is in as many options as another
    word is. (Before: the other options were other cards' expansions, "Generative Pre-trained Transformer",
    "Retrieval Augmented Generation", and the acronym gave the answer away.)"""
    asked = [c for c in real_cards if "stand for" in c.question.lower()]
    assert len(asked) >= 3
    for card in asked:
        for seed in range(10):
            p = prompts.make_prompt(card, prompts.QUESTION, mode="choice", pool=real_cards, rng=random.Random(seed))
            right = p.options[p.correct_option]
            assert len(p.options) == 4 and len(set(p.options)) == 4, p.options
            assert {_initials(o) for o in p.options} == {_initials(right)}, p.options
            for at, word in enumerate(right.split()):
                counts = Counter(o.split()[at] for o in p.options)
                others = [n for w, n in counts.items() if w != word]
                assert not others or counts[word] <= max(others), (at, p.options)
            assert all(grade_card(card, o).kind is not VerdictKind.CORRECT for o in p.options if o != right), p.options


def test_an_imported_decks_acronyms_get_same_initials_options_too() -> None:
    """Cards as a server imports them (a question and its answers): "KNN" (one word to vary beside a hyphened
    one), "PCA (principal component analysis)" (marks and an acronym kept), "LSTM" (a hyphened word kept whole,
    so the options still spell L-S-T-M)."""
    cards = [
        Card(deck="i", id="knn", question="What does KNN stand for?", answer="", accept=("k-nearest neighbors",)),
        Card(deck="i", id="pca", question="What does PCA stand for?", answer="",
             accept=("PCA (principal component analysis)",)),
        Card(deck="i", id="lstm", question="What does LSTM stand for?", answer="", accept=("Long Short-Term Memory",)),
        Card(deck="i", id="mse", question="What does MSE stand for?", answer="", accept=("mean squared error",)),
    ]  # fmt: skip
    for card in cards[:3]:
        for seed in range(10):
            p = prompts.make_prompt(card, prompts.QUESTION, mode="choice", pool=cards, rng=random.Random(seed))
            right = p.options[p.correct_option]
            assert len(set(p.options)) == 4, p.options
            assert {_initials(o) for o in p.options} == {_initials(right)}, p.options
            assert all(o.count("(") == right.count("(") and o.count(")") == right.count(")") for o in p.options)
            assert all(len(o.split()) == len(right.split()) for o in p.options), p.options
