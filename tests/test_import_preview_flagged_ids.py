"""The import preview lists the cards to check by id, in code style. A deck's card ids may hold "_" and ".": the id
was escaped for markdown before it went into the code span, where Discord shows escapes as typed, so the
moderator read "photo\\_synthesis" for a card written "photo_synthesis" (and searched their file for it in vain).
A note written over several lines also spread one flagged card over several lines, read as more cards."""

from __future__ import annotations

import pytest
from deck_support import World, deck_world, shown_message  # noqa: F401  (the ``world`` fixture)
from test_deck_cog import field

pytestmark = pytest.mark.simcord(settle_timeout=20.0)

DECK = b"""deck: cells
title: Cells
cards:
  - id: photo_synthesis
    question: What turns light into chemical energy?
    answer: Photosynthesis.
    status: incomplete
    note: |
      check the **wording**
      > ask the teacher
  - id: cell.wall
    question: What surrounds a plant cell's membrane?
    answer: The cell wall.
    status: incomplete
    note: needs a source
  - id: osmosis
    question: What is the movement of water across a membrane called?
    answer: Osmosis.
    accept: [osmosis]
"""


async def test_flagged_card_ids_read_as_written_one_line_each(world) -> None:
    preview = shown_message(await world.preview(DECK, "cells.yaml", "cells"))
    flagged = field(preview.embeds[0], "Flagged cards (")
    assert flagged is not None
    lines = flagged.split("\n")
    assert len(lines) == 2, flagged  # one line a card, whatever its note
    assert lines[0].startswith("`photo_synthesis` incomplete: check the \\*\\*wording\\*\\*"), lines[0]
    assert "\\> ask the teacher" not in lines[0] and "ask the teacher" in lines[0]  # (the note's second line, joined)
    assert lines[1].startswith("`cell.wall` incomplete: needs a source"), lines[1]
