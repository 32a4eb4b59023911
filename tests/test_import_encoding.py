"""A text export whose lines were saved in two encodings (UTF-8 text with a line pasted from a Windows program in
cp1252): every line reads as written, never mojibake."""

from __future__ import annotations

from bot.core.importers import import_data


def test_a_csv_of_utf8_with_one_cp1252_line_keeps_the_utf8_text_as_written() -> None:
    """The UTF-8 lines keep their accents and dashes ("Paris — café", not "Paris â€” cafÃ©"), and the cp1252
    line reads as written too ("Madrid é")."""
    data = "Capital of France?,Paris — café\n".encode() + "Capital of Spain?,Madrid é\n".encode("cp1252")
    cards = import_data("capitals.csv", data).deck.cards
    assert [c.answer for c in cards] == ["Paris — café", "Madrid é"]


def test_a_whole_cp1252_file_still_reads_as_cp1252() -> None:
    """A file saved in cp1252 throughout reads as written ("Crème brûlée — dessert")."""
    data = "What is crème brûlée?,A French dessert — “custard”\n".encode("cp1252")
    cards = import_data("food.csv", data).deck.cards
    assert cards[0].question.startswith("What is crème brûlée?") and "— “custard”" in cards[0].answer
