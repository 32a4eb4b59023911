"""Text no store can hold (a NUL, half a surrogate pair) in an uploaded deck is left out before the preview, so the
Import the preview offers writes the deck; a deck's title is kept as one line of plain text (no control characters,
no bidi override to turn what follows it backwards)."""

from __future__ import annotations

import io
import json
import sqlite3
import zipfile

from bot.core.importers.apkg_out import deck_to_apkg
from bot.core.models import Card, Deck
from bot.core.service import Services

GUILD, MOD = 1001, 42


def package_with(*, deck_name: str, hidden: dict[str, object] | None = None) -> bytes:
    """A package as ``/deck export`` writes it, its Anki deck named ``deck_name`` and its card's hidden field
    holding ``hidden`` (when given)."""
    card = Card(deck="bio", id="atp", question="What is ATP?", answer="energy", accept=("energy",))
    exported = deck_to_apkg(Deck(id="bio", title="Bio", description="", cards=(card,), source=""))
    db = sqlite3.connect(":memory:")
    db.deserialize(zipfile.ZipFile(io.BytesIO(exported)).read("collection.anki2"))
    decks = json.loads(db.execute("SELECT decks FROM col").fetchone()[0])
    for deck in decks.values():
        deck["name"] = deck_name
    db.execute("UPDATE col SET decks = ?", (json.dumps(decks),))
    if hidden is not None:
        fields = db.execute("SELECT flds FROM notes").fetchone()[0].split("\x1f")
        fields[2] = json.dumps(hidden)
        db.execute("UPDATE notes SET flds = ?", ("\x1f".join(fields),))
    db.commit()
    collection = db.serialize()
    db.close()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("collection.anki2", collection)
    return buffer.getvalue()


def assert_storable(deck: Deck) -> None:
    texts = [deck.title, deck.description]
    for card in deck.cards:
        texts += [card.question, card.answer, card.term or "", card.note or ""]
        texts += [*card.aliases, *card.accept, *card.reject, *card.keypoints, *card.tags]
    for text in texts:
        assert "\x00" not in text and not any("\ud800" <= ch <= "\udfff" for ch in text), repr(text)


async def test_a_package_whose_deck_name_holds_half_a_surrogate_pair_imports(core_services: Services) -> None:
    data = package_with(deck_name="Cell \ud800biology\u202e \x07 notes")
    preview = await core_services.decks.preview(GUILD, "cells.apkg", data, "cells", user_id=MOD)
    assert preview.title == "Cell biology notes"
    done = await core_services.decks.confirm(GUILD, preview.token, user_id=MOD)
    assert done.added == 1
    deck = core_services.catalog.named(GUILD, "cells")
    assert deck is not None and deck.title == "Cell biology notes"
    assert_storable(deck)


async def test_a_package_whose_cards_hold_nul_and_surrogates_imports_without_them(core_services: Services) -> None:
    hidden = {
        "id": "atp",
        "term": "ATP\ud800",
        "aliases": ["adenosine\x00 triphosphate"],
        "question": "What is \ud801ATP?",
        "answer": "energy\x00",
        "accept": ["energy\ud800", "fuel\x00"],
        "reject": ["sugar\x00"],
        "status": "ok",
    }
    preview = await core_services.decks.preview(GUILD, "cells.apkg", package_with(deck_name="Cells", hidden=hidden),
                                                "cells", user_id=MOD)
    await core_services.decks.confirm(GUILD, preview.token, user_id=MOD)
    deck = core_services.catalog.named(GUILD, "cells")
    assert deck is not None
    assert_storable(deck)
    card = deck.cards[0]
    assert card.term == "ATP" and card.accept == ("energy", "fuel") and card.aliases == ("adenosine triphosphate",)


YAML = b"""deck: cells
title: "Cell \\0biology\\u202e \\x07notes"
cards:
  - id: atp
    term: "ATP\\0"
    aliases: ["adenosine\\0 triphosphate"]
    question: What is ATP?
    answer: energy
    accept: ["energy\\0", fuel]
    reject: ["sugar\\0"]
"""


async def test_a_deck_yaml_with_nul_characters_imports_without_them(core_services: Services) -> None:
    preview = await core_services.decks.preview(GUILD, "cells.yaml", YAML, "cells", user_id=MOD)
    assert preview.title == "Cell biology notes"
    await core_services.decks.confirm(GUILD, preview.token, user_id=MOD)
    deck = core_services.catalog.named(GUILD, "cells")
    assert deck is not None
    assert_storable(deck)
    card = deck.cards[0]
    assert card.term == "ATP" and card.accept == ("energy", "fuel") and card.reject == ("sugar",)


async def test_a_quizlet_page_title_with_a_bidi_override_is_kept_as_plain_text(core_services: Services) -> None:
    page = "Cell \u202ebiology\x07 notes\n\nWhat is ATP?\n\nenergy\n\nWhat is DNA?\n\ngenetic material\n"
    preview = await core_services.decks.preview(GUILD, "cells.txt", page.encode(), "cells", user_id=MOD)
    assert preview.title == "Cell biology notes"
