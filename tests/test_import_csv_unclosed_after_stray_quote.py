"""A CSV row with a stray quote after a quoted cell (``"a"x``) and then a quote it never closes: the csv module
reads every line after it into that cell. The import says so, naming the line, rather than taking the rest of the
file as one card's answer with no word of the rows it swallowed."""

from __future__ import annotations

from bot.core.service import Services

GUILD, MOD = 1001, 42
STRAY_THEN_UNCLOSED = b"""question,answer
What is 1+1?,two
"What is "2+2"?,"four
What is 3+3?,six
What is 4+4?,eight
"""


async def test_an_unclosed_quote_after_a_stray_one_is_told_not_swallowed(core_services: Services) -> None:
    preview = await core_services.decks.preview(GUILD, "sums.csv", STRAY_THEN_UNCLOSED, "sums", user_id=MOD)
    told = [w for w in preview.warnings if "never closed" in w]
    assert told, f"the rows after line 3 are taken into one cell with no warning: {preview.warnings}"
    assert told[0].startswith("sums.csv:3:"), f"the warning does not name the line the quote opens on: {told[0]}"
    assert preview.cards == 1, "a card is made of the row that swallowed the rest of the file"


async def test_a_closed_quote_after_a_stray_one_is_read_as_before(core_services: Services) -> None:
    closed = STRAY_THEN_UNCLOSED.replace(b'"four\n', b'"four"\n')
    preview = await core_services.decks.preview(GUILD, "sums.csv", closed, "sums", user_id=MOD)
    assert not any("never closed" in w for w in preview.warnings), preview.warnings
    assert preview.cards == 4
