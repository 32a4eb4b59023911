"""A CSV whose last row has a cell over several lines (its quote closed) and an inch mark in another cell
(``a 12" ruler``, ``5'10"``) is read whole: the row is a card, not dropped with a warning that a quote "is never
closed" when every quote the file opens is closed."""

from __future__ import annotations

from bot.core.service import Services

GUILD, MOD = 1001, 42
LAST_ROW_WITH_INCHES = b"""question,answer
What is 1+1?,two
"Which tool draws
a straight line?",a 12" ruler
"""


async def test_an_inch_mark_in_the_last_row_after_a_cell_over_two_lines_is_read(core_services: Services) -> None:
    preview = await core_services.decks.preview(GUILD, "tools.csv", LAST_ROW_WITH_INCHES, "tools", user_id=MOD)
    assert not any("never closed" in w for w in preview.warnings), f"a closed quote is said to be open: {preview.warnings}"
    assert preview.cards == 2, "the last row of the file is not imported"
    done = await core_services.decks.confirm(GUILD, preview.token, user_id=MOD)
    answers = [card.answer for card in core_services.catalog.deck(done.deck_id).cards]
    assert answers == ["two", 'a 12" ruler']
