"""Importing real-shaped files gives decks that validate with no edits, and cards that can be asked.

Each file is imported as a user would (`tutorbot import FORMAT FILE -o deck.yaml`), then checked by the
validator (`tutorbot validate deck.yaml`); the number of askable cards, and how they are asked, is stated.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.cli import main as cli
from bot.core.decks import load_deck
from bot.core.grading import grade_card
from bot.core.importers import import_anki, import_csv, import_quizlet, text_warnings, write_deck
from bot.core.importers.layout import hard_wrapped
from bot.core.models import Card, Deck, VerdictKind
from bot.core.prompts import directions_for, excerpt

DATA = Path(__file__).resolve().parent / "data"
IMPORTS = DATA / "imports"
SEED = DATA / "seed_genai.txt"


def validated(deck: Deck, tmp_path: Path) -> Deck:
    """The deck written as YAML and loaded back by the validator (raises, naming every problem)."""
    path = tmp_path / f"{deck.id}.yaml"
    write_deck(deck, path)
    return load_deck(path)


def by_question(deck: Deck, start: str) -> Card:
    found = [c for c in deck.cards if c.question.startswith(start)]
    assert len(found) == 1, (start, [c.question for c in found])
    return found[0]


def right(card: Card, typed: str, direction: str = "question") -> bool:
    return grade_card(card, typed, direction=direction).kind is VerdictKind.CORRECT


# ----------------------------------------------------------------------------- the seed (Quizlet page)


@pytest.fixture(scope="module")
def seed_deck(tmp_path_factory: pytest.TempPathFactory) -> Deck:
    result = import_quizlet(SEED, deck_id="genai-seed")
    return validated(result.deck, tmp_path_factory.mktemp("seed"))


def test_the_seed_page_validates_with_no_edits_and_at_least_85_of_90_cards_are_askable(seed_deck: Deck) -> None:
    askable = [c for c in seed_deck.cards if c.askable]
    assert len(seed_deck.cards) == 90
    assert len(askable) >= 85
    assert all(directions_for(c) for c in askable)  # each can be put to a player
    assert {c.id for c in seed_deck.cards if not c.askable} == {
        "ways-you-can-think-about-stepping",
        "seed",
        "model-of-training-effectiveness-how-do",
    }


def test_seed_cards_are_graded_by_their_short_answer_or_by_2_to_5_key_points(seed_deck: Deck) -> None:
    bert = by_question(seed_deck, "What is BERT?")
    assert right(bert, "bidirectional encoder representations from transformers")
    assert not right(bert, "a kind of database")
    sentiment = by_question(seed_deck, "What are the three types of sentiment analysis")
    assert sentiment.accept == ("Knowledge-based, Statistical, Hybrid",)
    assert right(sentiment, "statistical, knowledge based and hybrid")
    saving = by_question(seed_deck, "TENSORFLOW The phrase")
    assert saving.accept == ("Checkpoints, SavedModel",)
    essays = [c for c in seed_deck.cards if c.askable and c.is_essay]
    assert len(essays) >= 60
    assert all(2 <= len(c.keypoints) <= 5 for c in essays if len(c.answer.split()) >= 40)
    moe = by_question(seed_deck, "Name three ways to implement sparse MoE models")
    assert moe.keypoints == ("k-means clustering", "linear assignment", "hashing")
    assert right(moe, "k-means clustering, linear assignment and hashing")
    assert grade_card(moe, "hashing").kind is VerdictKind.PARTIAL
    # echoing the question makes no key point
    assert grade_card(moe, moe.question).kind is not VerdictKind.CORRECT


def test_seed_text_reads_cleanly(seed_deck: Deck) -> None:
    for card in seed_deck.cards:
        for text in (card.question, card.answer):
            assert not hard_wrapped(text), card.id
            assert not any("  " in line.strip() for line in text.split("\n")), card.id
    mrkl = by_question(seed_deck, "What does MRKL stand for")
    assert "Why Efficient:\n- Combines AI modules" in mrkl.answer  # the flattened list is a list again
    dbn = by_question(seed_deck, "What Is a Deep Belief Network?")
    assert dbn.answer.startswith("Deep belief networks (DBNs) are")  # the leading DEFINITION label dropped
    assert "\n\n**Differences:** Deep belief networks differ" in dbn.answer
    # remarks about the source ("See image") go to the note, never shown to students
    dense = by_question(seed_deck, "What is a densely connected neural network?")
    assert dense.answer == "the input layer is deeply connected to the hidden layer (neurons)"
    assert dense.note is not None and "See Image" in dense.note
    reminder = by_question(seed_deck, "Parameters and Hyperparameters")
    assert "COME BACK" not in reminder.question and "COME BACK AND FINISH THIS ONE" in (reminder.note or "")
    assert text_warnings(seed_deck) == []


def test_the_cli_imports_the_seed_and_validate_accepts_it_as_written(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "genai.yaml"
    assert cli(["import", "quizlet", str(SEED), "-o", str(out)]) == 0
    capsys.readouterr()
    assert cli(["validate", str(out)]) == 0
    assert "90 cards" in capsys.readouterr().out


# ----------------------------------------------------------------------------- a Quizlet TAB export


def test_a_quizlet_export_is_asked_which_term_with_reverse_cards_where_fair(tmp_path: Path) -> None:
    result = import_quizlet(IMPORTS / "quizlet_export.txt")
    deck = validated(result.deck, tmp_path)
    assert len(deck.cards) == 14  # 12 terms asked "which term is this?", 2 reverse cards, 1 incomplete
    assert sum(c.askable for c in deck.cards) == 13
    assert result.askability().kinds == {"which term": 11, "term to definition": 2, "incomplete": 1}
    moe = deck.card("mixture-of-experts")
    assert moe is not None and moe.question.startswith("Which term is this?\n\nA model made of many expert")
    assert moe.aliases == ("MoE",)
    assert right(moe, "mixture of experts") and right(moe, "MoE") and right(moe, "mixture of expert")
    assert not right(moe, "attention")
    rag = deck.card("rag-reverse")
    assert rag is not None and rag.question == "What does RAG stand for?"
    assert right(rag, "retrieval augmented generation")
    tokenizer = deck.card("tokenizer")
    assert tokenizer is not None and tokenizer.answer.endswith("an integer id that the model can embed")
    assert deck.card("perplexity") is not None and deck.card("perplexity").status == "incomplete"  # type: ignore[union-attr]


def test_a_which_term_question_never_shows_the_term(tmp_path: Path) -> None:
    path = tmp_path / "export.txt"
    path.write_text(
        "dropout\tA regularization method: dropout switches off random neurons during training\n"
        "epoch\tOne full pass over the training data\n",
        encoding="utf-8",
    )
    deck = validated(import_quizlet(path).deck, tmp_path)
    dropout = deck.card("dropout")
    assert dropout is not None
    assert "dropout" not in dropout.question.lower() and "_____ switches off" in dropout.question
    assert "dropout switches off" in dropout.answer  # the explanation keeps it
    assert directions_for(dropout) == ("question", "term")  # also "which term is hidden?"


# ----------------------------------------------------------------------------- a CSV with a header


def test_a_csv_with_a_header_validates_and_every_card_is_askable(tmp_path: Path) -> None:
    result = import_csv(IMPORTS / "cards_with_header.csv")
    deck = validated(result.deck, tmp_path)
    assert len(deck.cards) == 10 and all(c.askable for c in deck.cards)
    assert result.askability().kinds == {"short answer": 4, "list": 1, "yes/no": 1, "essay": 4}
    assert right(by_question(deck, "What does GPU stand for?"), "graphics processing unit")
    assert right(by_question(deck, "How many bits"), "eight")
    assert right(by_question(deck, "What are the three primary colours"), "blue, red and green")
    einstein = by_question(deck, "Who proposed")
    assert einstein.accept == ("Albert Einstein",) and right(einstein, "albert einstein")
    assert right(by_question(deck, "Is Python dynamically typed?"), "yes")
    descent = by_question(deck, "What is gradient descent?")
    assert descent.is_essay and 2 <= len(descent.keypoints) <= 5
    assert right(descent, descent.answer)  # the explanation itself makes every key point


def test_a_term_definition_csv_header_makes_which_term_cards(tmp_path: Path) -> None:
    path = tmp_path / "vocab.csv"
    path.write_text("Term,Definition\nperro,dog\ngato,cat\n¿Qué tal?,How are you?\n", encoding="utf-8")
    deck = validated(import_csv(path).deck, tmp_path)
    assert [c.question for c in deck.cards] == [
        "Which term is this?\n\ndog",
        "What is perro?",
        "Which term is this?\n\ncat",
        "What is gato?",
        "Which term is this?\n\nHow are you?",
        "What does “¿Qué tal?” mean?",
    ]
    perro = deck.card("perro")
    assert perro is not None and right(perro, "perro") and not right(perro, "gato")


# ----------------------------------------------------------------------------- an Anki text export with HTML


def test_an_anki_text_export_with_html_validates_with_scripts_and_markup_gone(tmp_path: Path) -> None:
    result = import_anki(IMPORTS / "anki_notes.txt")
    deck = validated(result.deck, tmp_path)
    assert deck.title == "Biology / Cells"
    assert len(deck.cards) == 9 and sum(c.askable for c in deck.cards) == 8
    text = "\n".join(c.question + c.answer + (c.note or "") for c in deck.cards)
    for gone in ("<", "alert", "script", "color:red", "&nbsp;", "&#39;"):
        assert gone not in text
    assert by_question(deck, "What is the powerhouse").answer == "The mitochondria"
    assert by_question(deck, "What does ATP stand for?").accept == ("Adenosine triphosphate",)
    assert by_question(deck, "What does the nucleus hold?").answer == "The cell's DNA\n(its chromosomes)"
    mitosis = by_question(deck, "Name the stages of mitosis")
    assert mitosis.answer == "- prophase\n- metaphase\n- anaphase\n- telophase"
    assert mitosis.keypoints == ("prophase", "metaphase", "anaphase", "telophase")
    image = by_question(deck, "Which organelle makes proteins?")
    assert image.status == "incomplete" and "image" in (image.note or "")
    # a cloze note gives one card per cloze number; the hidden words are the answer and the term
    ribosomes, proteins = (c for c in deck.cards if c.question.endswith("from amino acids"))
    assert ribosomes.question == "_____ make proteins from amino acids" and ribosomes.term == "Ribosomes"
    assert proteins.question == "Ribosomes make _____ from amino acids" and right(proteins, "proteins")
    assert ribosomes.answer == "Ribosomes make proteins from amino acids\n\nFound in all cells"
    assert {c.tags for c in deck.cards} >= {("bio-cells",), ("bio-energy",)}


# ----------------------------------------------------------------------------- the curated deck


def test_the_bundled_deck_has_no_hard_wrapped_text_and_no_why_ending_on_a_colon() -> None:
    deck = load_deck(Path(__file__).resolve().parents[1] / "cards" / "genai-basics.yaml")
    assert [str(p) for p in text_warnings(deck)] == []
    assert not any(excerpt(c).endswith(":") for c in deck.cards)
    # remarks about the source ("the source card was titled ...") are in notes, not in what students read
    assert not any(re.search(r"\bthe source(?!\s+code)\b|\bsource card\b", c.answer, re.I) for c in deck.cards if c.askable)
