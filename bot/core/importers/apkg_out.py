"""A deck as an Anki package (``.apkg``), built with genanki.

Each card is one note of the note type ``tutorbot card``: Anki shows the question and the explanation
(HTML: escaped, line breaks kept, ``**bold**`` made bold); a hidden field carries the whole card as JSON
(``apkg.TUTORBOT_FIELD``), so importing the package again gives the same cards. Ids are stable (the
note type's, the deck's from its id, each note's guid from the card key), so importing an updated
export into Anki updates the notes instead of duplicating them.
"""

from __future__ import annotations

import functools
import html
import io
import itertools
import json
import logging
import re
import sqlite3
import zipfile
import zlib
from pathlib import Path
from typing import Any

from bot.core.decks import TEXT_MAX, shorten, within_limits
from bot.core.importers.apkg import TUTORBOT_FIELD, TUTORBOT_MODEL
from bot.core.importers.yaml_out import write_bytes_atomic
from bot.core.models import Card, Deck

log = logging.getLogger(__name__)

__all__ = ["deck_to_apkg", "write_apkg"]

#: A fixed time for the notes' and cards' dates, so the same deck gives the same package.
EPOCH_SECONDS = 1_700_000_000.0
_BOLD = re.compile(r"\*\*(.+?)\*\*", re.DOTALL)


def _stable_id(text: str) -> int:
    """A positive id Anki accepts (below 2**31 keeps it clear of the timestamps Anki uses)."""
    return (zlib.crc32(text.encode("utf-8")) & 0x7FFFFFFF) or 1


def _genanki() -> Any:
    """genanki, imported on first export (the rest of the importers work without it)."""
    try:
        import genanki
    except ImportError as exc:  # pragma: no cover - genanki is a dependency
        raise RuntimeError("exporting to Anki needs the genanki package: pip install genanki") from exc
    return genanki


@functools.cache
def _model() -> Any:
    genanki = _genanki()
    return genanki.Model(
        _stable_id(TUTORBOT_MODEL),
        TUTORBOT_MODEL,
        fields=[{"name": "Question"}, {"name": "Answer"}, {"name": TUTORBOT_FIELD}],
        templates=[
            {
                "name": "Card 1",
                "qfmt": "{{Question}}",
                "afmt": '{{FrontSide}}<hr id="answer">{{Answer}}',
            }
        ],
        css=".card { font-family: sans-serif; font-size: 18px; text-align: left; }",
    )


def _html(text: str) -> str:
    out = html.escape(text, quote=False)
    out = _BOLD.sub(r"<b>\1</b>", out)
    return out.replace("\n", "<br>")


def _card_data(card: Card) -> dict[str, Any]:
    data: dict[str, Any] = {"deck": card.deck, "id": card.id, "term": card.term}
    for key in ("aliases",):
        if getattr(card, key):
            data[key] = list(getattr(card, key))
    data["question"] = card.question
    data["answer"] = card.answer
    for key in ("accept", "reject", "keypoints", "tags"):
        if getattr(card, key):
            data[key] = list(getattr(card, key))
    data["status"] = card.status
    if card.note:
        data["note"] = card.note
    return data


def _note(card: Card) -> Any:
    genanki = _genanki()
    # The card as its import reads it back: within a deck's limits (a server's accepted answers may have
    # taken it past them).
    hidden = html.escape(json.dumps(_card_data(within_limits(card)), ensure_ascii=False), quote=False)
    return genanki.Note(
        model=_model(),
        fields=[_html(card.question), _html(card.answer), hidden],
        tags=[t for t in card.tags if t and " " not in t],
        guid=genanki.guid_for(card.key),
    )


def deck_to_apkg(deck: Deck) -> bytes:
    """The deck as the bytes of an ``.apkg`` file (see the module doc); the same deck, the same bytes."""
    genanki = _genanki()
    anki_deck = genanki.Deck(
        _stable_id(f"tutorbot deck {deck.id}"), deck.title, description=shorten(deck.description, TEXT_MAX["description"])
    )
    for card in deck.cards:
        anki_deck.add_note(_note(card))
    package = genanki.Package(anki_deck)
    conn = sqlite3.connect(":memory:")
    try:
        package.write_to_db(conn.cursor(), EPOCH_SECONDS, itertools.count(int(EPOCH_SECONDS * 1000)))
        conn.commit()
        collection = conn.serialize()
    finally:
        conn.close()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, payload in (("collection.anki2", collection), ("media", b"{}")):
            info = zipfile.ZipInfo(name, date_time=(2023, 11, 14, 22, 13, 20))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, payload)
    return buffer.getvalue()


def write_apkg(deck: Deck, path: str | Path) -> None:
    """Write the deck as an ``.apkg`` file, atomically (a reader sees the old file or the new one)."""
    write_bytes_atomic(Path(path), deck_to_apkg(deck))
