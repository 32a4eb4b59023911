"""A quote opened in a CSV cell and never closed swallows every row after it into that cell. The preview says so,
naming the file and the line the quote opens on, instead of showing one card whose answer is the rest of the file
(or saying the line has "one column")."""

from __future__ import annotations

import pytest

from bot.core.importers import ImportRefused, import_data
from bot.core.service import Services

GUILD, MOD = 1001, 42
OPEN_IN_ANSWER = b"""question,answer
What is the largest planet?,Jupiter
Who wrote Hamlet?,"Shakespeare
What is 1+1?,2
What is the capital of France?,Paris
"""


async def test_a_quote_never_closed_is_named_and_swallows_no_row_into_a_card(core_services: Services) -> None:
    preview = await core_services.decks.preview(GUILD, "lit.csv", OPEN_IN_ANSWER, "lit", user_id=MOD)
    assert preview.cards == 1  # the rows before the quote
    [warning] = preview.warnings
    assert warning.startswith("lit.csv:3: a quote (\") opened on this line is never closed")
    assert "the rest of the file skipped" in warning
    done = await core_services.decks.confirm(GUILD, preview.token, user_id=MOD)
    [card] = core_services.catalog.deck(done.deck_id).cards
    assert card.answer == "Jupiter"


def test_a_file_whose_first_row_opens_a_quote_is_refused_naming_the_quote() -> None:
    data = b'question,answer\n"To be or not to be, who said it?,Hamlet\nWhat is 1+1?,2\n'
    with pytest.raises(ImportRefused) as refused:
        import_data("quotes.csv", data)
    assert "quotes.csv:2: a quote (\") opened on this line is never closed" in str(refused.value)
    assert "found one column" not in str(refused.value)


def test_a_cell_over_several_lines_whose_quote_closes_is_read_whole() -> None:
    data = b'question,answer\nWhat is the largest planet?,Jupiter\nName two gas giants,"Jupiter\nSaturn"\n'
    result = import_data("planets.csv", data)
    assert len(result.deck.cards) == 2 and result.warnings == []
