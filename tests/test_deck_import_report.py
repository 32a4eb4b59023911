"""What a re-import of a server's deck says it did is what it did: editing a definition updates its card (a reverse
card it now brings or drops is said as such, never as a card added or removed), and a card that comes back to the
deck (its row back in the file, or the deck imported again after /deck remove) is counted as added, not updated."""

from __future__ import annotations

import pytest
from deck_support import World, deck_world, shown_message  # noqa: F401  (the ``world`` fixture)

from bot.core.service import Services

pytestmark = pytest.mark.simcord(settle_timeout=2.0)

GUILD = 1001
NAME = "biology"
LONG = "the organelle that holds the cell's DNA and controls the activities of the cell through gene expression"
SHORT = "control centre of the cell"
ROWS = {
    "ribosome": "the molecular machine that builds proteins from messenger RNA in every living cell we know of",
    "mitochondria": "powerhouse of the cell",
    "chloroplast": "site of photosynthesis",
    "cytoplasm": "the jelly-like fluid inside the cell membrane that holds the organelles in place",
}


def deck_file(nucleus: str | None = LONG) -> bytes:
    rows = {"nucleus": nucleus, **ROWS} if nucleus is not None else ROWS
    return ("term,definition\n" + "".join(f"{t},{d}\n" for t, d in rows.items())).encode()


async def imported(s: Services, data: bytes):
    preview = await s.decks.preview(GUILD, "biology.csv", data, NAME, user_id=1)
    return await s.decks.confirm(GUILD, preview.token, user_id=1)


def card_ids(s: Services) -> list[str]:
    deck = s.catalog.named(GUILD, NAME)
    assert deck is not None
    return [c.id for c in deck.cards]


async def test_a_shortened_definition_updates_its_card_and_says_the_reverse_card_it_brings(core_services) -> None:
    s = core_services
    first = await imported(s, deck_file(LONG))
    assert (first.added, first.updated, first.retired) == (7, 0, 0)  # 5 rows, 2 short enough to be asked back
    assert "nucleus-reverse" not in card_ids(s)

    done = await imported(s, deck_file(SHORT))
    # nucleus is updated; no row was added: its reverse card ("What is nucleus?") is no card added by the file
    assert (done.added, done.updated, done.retired, done.unchanged) == (0, 1, 0, 6), done
    assert (done.reverse_added, done.reverse_retired) == (1, 0), done
    assert "nucleus" in card_ids(s) and "nucleus-reverse" in card_ids(s)

    back = await imported(s, deck_file(LONG))
    assert (back.added, back.updated, back.retired, back.unchanged) == (0, 1, 0, 6), back
    assert (back.reverse_added, back.reverse_retired) == (0, 1), back
    assert "nucleus-reverse" not in card_ids(s)


async def test_a_card_that_comes_back_is_counted_as_added(core_services) -> None:
    s = core_services
    await imported(s, deck_file(SHORT))
    dropped = await imported(s, deck_file(None))
    assert (dropped.added, dropped.updated, dropped.retired, dropped.unchanged) == (0, 0, 2, 6), dropped
    assert dropped.reverse_retired == 0  # (the row went, and its reverse card with it)

    again = await imported(s, deck_file(SHORT))
    assert (again.added, again.updated, again.retired, again.unchanged) == (2, 0, 0, 6), again

    await s.decks.remove(GUILD, NAME)
    restored = await imported(s, deck_file(SHORT))
    assert (restored.added, restored.updated, restored.retired, restored.unchanged) == (8, 0, 0, 0), restored


async def test_the_reply_to_a_reimport_says_no_card_was_added(world) -> None:
    w = world
    await w.imported(deck_file(LONG), name=NAME)
    result = await w.imported(deck_file(SHORT), name=NAME)
    text = shown_message(result).embeds[0].description
    assert "0 cards added" in text and "1 updated" in text and "6 unchanged" in text, text
    assert "1 reverse card added" in text, text
