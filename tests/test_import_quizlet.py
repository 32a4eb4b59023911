"""A Quizlet set's page text as copied from quizlet.com: the page's own headings and footers are never cards,
and they never cost the set its cards."""

from __future__ import annotations

from bot.core.importers import import_data

CARDS = """What is the powerhouse of the cell?

The mitochondrion

What carries genetic information?

DNA

What organelle makes proteins?

The ribosome
"""

QUESTIONS = ["What is the powerhouse of the cell?", "What carries genetic information?", "What organelle makes proteins?"]


def test_the_terms_in_this_set_heading_above_the_cards_keeps_every_card() -> None:
    """A page copied with its "Terms in this set (3)" heading (which quizlet.com shows above the list of terms)
    imports its three cards, titled by the set's title; it is not refused as having no usable card."""
    page = "Biology basics\n\nTerms in this set (3)\n\n" + CARDS
    result = import_data("bio.txt", page.encode())
    assert [c.question for c in result.deck.cards] == QUESTIONS
    assert result.deck.title == "Biology basics"


def test_the_students_also_viewed_footer_is_not_imported_as_cards() -> None:
    """The "Students also viewed" footer under the cards (other sets' names, "View Set" links) is dropped like
    the "related sets" footer: the deck holds the set's three cards, not "What is Students also viewed?"."""
    page = (
        "Biology basics\n\nStudy with Quizlet and memorize flashcards containing terms like...\n\n"
        + CARDS
        + "\nStudents also viewed\n\nBiology Chapter 2 Review\n\nView Set\n\nCell Structure Quiz\n\nView Set\n"
    )
    result = import_data("bio.txt", page.encode())
    assert [c.question for c in result.deck.cards] == QUESTIONS, [c.question for c in result.deck.cards]
