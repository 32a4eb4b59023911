"""Anki packages the bot exported, brought back: the whole deck comes back, nothing is silently dropped, and the
cards are kept as any other upload is (a masked link shows where it leads)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.importers import deck_to_apkg, import_data
from bot.core.importers.apkg_out import _note, _stable_id
from bot.core.models import Card, Deck

genanki = pytest.importorskip("genanki")


def card(cid: str, question: str, answer: str, **extra: object) -> Card:
    fields: dict[str, object] = {"term": None, "aliases": (), "accept": (answer,), "reject": (), "tags": ()}
    fields.update(extra)
    return Card(deck="bio", id=cid, question=question, answer=answer, status="ok", note=None, **fields)  # type: ignore[arg-type]


CARDS = tuple(card(f"thing-{i}", f"What is thing number {i}?", f"thing {i}") for i in range(1, 6))


def test_an_apkg_export_imports_back_with_the_decks_description() -> None:
    """A deck exported with `/deck export format:anki` and imported again is the same deck: its description
    (shown by `/deck info`) comes back too, not an empty one."""
    deck = Deck(id="bio", title="Biology", description="Cells and what they do.\nFor year 9.", cards=CARDS, source="")
    again = import_data("bio.apkg", deck_to_apkg(deck)).deck
    assert again.cards == deck.cards
    assert again.description == deck.description


def test_a_package_of_exported_cards_and_new_anki_notes_keeps_every_card(tmp_path: Path) -> None:
    """A moderator exports a deck to Anki, adds a note there and uploads the package again: every card comes
    back (the five exported ones and the new one); none of the exported cards is silently left out."""
    anki_deck = genanki.Deck(_stable_id("tutorbot deck bio"), "Biology")
    for c in CARDS:
        anki_deck.add_note(_note(c))
    anki_deck.add_note(genanki.Note(model=genanki.BASIC_MODEL, fields=["What is the capital of France?", "Paris"]))
    path = tmp_path / "bio.apkg"
    genanki.Package(anki_deck).write_to_file(str(path))

    result = import_data("bio.apkg", path.read_bytes())
    questions = [c.question for c in result.deck.cards]
    assert questions[:5] == [c.question for c in CARDS], questions
    assert [c.accept for c in result.deck.cards[:5]] == [c.accept for c in CARDS]
    assert "What is the capital of France?" in questions
    assert len({c.id for c in result.deck.cards}) == len(result.deck.cards)


def test_a_masked_link_in_an_uploaded_package_of_exported_cards_shows_where_it_leads() -> None:
    """A package whose hidden card data holds a masked link or a mention is kept as any upload is: the link's
    address is shown (`notes (https://...)`), never hidden behind its words, and the mention reads as text."""
    sneaky = card(
        "mito",
        "What does the mitochondrion do? See [official notes](https://evil.example/login)",
        "It makes ATP for <@123456789012345678>. See [the notes](https://evil.example/x).",
        accept=("makes ATP",),
    )
    deck = Deck(id="bio", title="Biology", description="", cards=(sneaky,), source="")
    got = import_data("bio.apkg", deck_to_apkg(deck)).deck.cards[0]
    assert "](" not in got.question and "](" not in got.answer
    assert "https://evil.example/login" in got.question
    assert "<@" not in got.answer
