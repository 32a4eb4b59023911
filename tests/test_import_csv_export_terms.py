"""A term/definition deck exported as CSV (to edit in a spreadsheet) imports back as the same deck: each term is
still asked from its definition, no card turns "incomplete", and no card shows its own answer in its question."""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.deckadmin import ImportDone, ImportPreview
from bot.core.models import Card
from bot.core.service import Services

GUILD, MOD = 1001, 42
GLOSSARY = b"""term,definition
osmosis,the movement of water across a membrane
mitosis,cell division making two identical cells
ribosome,builds proteins
cytoplasm,See image
"""
QUESTIONS = b"""question,answer
Who wrote Hamlet?,Shakespeare
Why do leaves fall in autumn?,Trees shed leaves to save water and energy in winter when light is scarce
"""


@dataclass
class RoundTrip:
    before: tuple[Card, ...]
    exported: bytes
    again: ImportPreview
    done: ImportDone
    after: tuple[Card, ...]


async def round_trip(s: Services, name: str, data: bytes) -> RoundTrip:
    preview = await s.decks.preview(GUILD, f"{name}.csv", data, name, user_id=MOD)
    done = await s.decks.confirm(GUILD, preview.token, user_id=MOD)
    before = s.catalog.deck(done.deck_id).cards
    exported = await s.decks.export(GUILD, name, "csv")
    again = await s.decks.preview(GUILD, exported.filename, exported.data, user_id=MOD)
    redone = await s.decks.confirm(GUILD, again.token, user_id=MOD)
    return RoundTrip(before, exported.data, again, redone, s.catalog.deck(redone.deck_id).cards)


async def test_a_glossary_exported_as_csv_imports_back_unchanged(core_services: Services) -> None:
    trip = await round_trip(core_services, "glossary", GLOSSARY)
    assert trip.exported.startswith(b"term,definition,tags\nosmosis,the movement of water across a membrane,\n")
    assert trip.again.name == "glossary" and trip.again.replaces
    # no card turned "incomplete" but the term whose definition is still to write
    assert [f.card_id for f in trip.again.flagged] == ["cytoplasm"]
    assert trip.again.cards == len(trip.before) and trip.again.askable == len(trip.before) - 1
    assert (trip.done.added, trip.done.updated, trip.done.retired) == (0, 0, 0)
    assert trip.after == trip.before
    for card in trip.after:  # (no card shows what it accepts)
        assert not any(a.lower() in card.question.lower() for a in card.accept)


async def test_a_question_deck_exported_as_csv_still_imports_back_unchanged(core_services: Services) -> None:
    trip = await round_trip(core_services, "questions", QUESTIONS)
    assert trip.exported.startswith(b"question,answer,tags\n")
    assert trip.again.flagged == () and (trip.done.added, trip.done.updated, trip.done.retired) == (0, 0, 0)
    assert trip.after == trip.before
