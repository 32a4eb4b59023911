"""/deck export as CSV says what the file holds in the deck's own words: a glossary (written under a
``term,definition`` header) holds each term with its other names, its definition and tags, and the answers the server
accepted are only in the YAML and Anki exports; a deck of questions still says question, answer and tags."""

from __future__ import annotations

import pytest
from deck_support import BIOLOGY, NAME, SETTLE_SECONDS, World, deck_world, shown_message  # noqa: F401  (the ``world`` fixture)

pytestmark = pytest.mark.simcord(settle_timeout=SETTLE_SECONDS)

QUESTIONS = (
    b"question,answer\n"
    b"What organelle makes most of the cell's ATP?,mitochondria\n"
    b"What builds proteins from messenger RNA?,the ribosome\n"
    b"Where does photosynthesis happen?,in the chloroplast\n"
)


async def test_a_glossary_export_names_terms_and_definitions(world) -> None:
    await world.imported(BIOLOGY.replace(b"osmosis,", b"osmosis / diffusion of water,"))
    r = await world.mod.slash(world.channel, "deck export", deck=NAME, format="csv")
    shown = shown_message(r)
    [attachment] = shown.attachments
    written = (await attachment.read()).decode()
    assert written.startswith("term,definition,tags\n") and "\nosmosis / diffusion of water," in written
    assert r.ephemeral
    said = shown.content
    assert "each term with its other names, its definition and tags only" in said, said
    assert "question, answer" not in said and "key points" not in said, said
    assert "answers this server accepted" in said and "YAML and Anki exports" in said, said


async def test_a_question_deck_export_still_names_questions_and_answers(world) -> None:
    await world.imported(QUESTIONS, filename="cells.csv", name="cells")
    r = await world.mod.slash(world.channel, "deck export", deck="cells", format="csv")
    said = shown_message(r).content
    assert "question, answer and tags only" in said and "YAML and Anki exports" in said, said
