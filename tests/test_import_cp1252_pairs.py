"""A text export saved in cp1252 reads as written, even where two of its characters side by side happen to
spell a UTF-8 character ("ß“", "É’", "ß…": a letter with an accent, then a quotation mark or an ellipsis)."""

from __future__ import annotations

from bot.core.importers import import_data
from bot.core.importers.common import decode_text


def test_a_cp1252_file_keeps_an_eszett_before_a_closing_quote() -> None:
    """A German Quizlet/CSV export saved by Windows in cp1252: „Fuß“ and „Spaß…“ import as written. Seen:
    „Fuߓ and „Spa߅“ (the bytes of "ß“" and "ß…" read as UTF-8 letters of another script), which no one can
    answer; before the mixed-encoding change, the whole file was read as cp1252 and these were right."""
    text = "Was bedeutet „Fuß“?,foot\nWas bedeutet „Spaß…“?,fun\n"
    assert decode_text(text.encode("cp1252"), "de.csv") == text
    cards = import_data("de.csv", text.encode("cp1252")).deck.cards
    assert [c.question for c in cards] == ["Was bedeutet „Fuß“?", "Was bedeutet „Spaß…“?"]


def test_mixed_lines_still_read_each_as_written() -> None:
    """A UTF-8 file with one cp1252 line keeps both ("Paris — café" and „Fuß“)."""
    data = "Capital of France?,Paris — café\n".encode() + "Was bedeutet „Fuß“?,foot\n".encode("cp1252")
    assert decode_text(data, "mixed.csv") == "Capital of France?,Paris — café\nWas bedeutet „Fuß“?,foot\n"
