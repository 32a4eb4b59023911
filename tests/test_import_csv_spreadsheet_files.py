"""CSV files as spreadsheets save them import as the rows the moderator sees: Excel for Mac's line endings (a
carriage return alone), Excel's ``sep=;`` first line, a Google Sheets ``.tsv`` download with its header row, and a
cell too long for a card (only that card is left out, naming its line and field; the rows after it are read)."""

from __future__ import annotations

from bot.core.importers import import_data

ROWS = [("Who wrote Hamlet?", "Shakespeare"), ("What is the capital of France?", "Paris"), ("What is 7 x 6?", "42")]


def questions(result) -> list[str]:
    return [c.question for c in result.deck.cards]


def test_a_csv_saved_by_excel_for_mac_imports_every_row() -> None:
    data = "\r".join(["question,answer", *(f"{q},{a}" for q, a in ROWS)]).encode("cp1252") + b"\r"
    result = import_data("mac.csv", data)
    assert questions(result) == [q for q, _ in ROWS]
    assert result.warnings == []


def test_excels_sep_line_is_not_a_card_and_the_header_below_it_is_read() -> None:
    data = "\n".join(["sep=;", "question;answer", *(f"{q};{a}" for q, a in ROWS)]).encode()
    result = import_data("excel.csv", data)
    assert questions(result) == [q for q, _ in ROWS]
    assert all(c.askable for c in result.deck.cards) and result.flagged == []


def test_a_tab_separated_download_with_a_header_row_does_not_import_the_header_as_a_card() -> None:
    data = "\n".join(["question\tanswer\ttags", *(f"{q}\t{a}\tquiz" for q, a in ROWS)]).encode()
    result = import_data("Sheet1.tsv", data)
    assert questions(result) == [q for q, _ in ROWS]
    assert all(c.tags == ("quiz",) for c in result.deck.cards)


def test_a_comma_separated_file_saved_as_txt_with_its_header_is_read_as_csv() -> None:
    data = "\n".join(["term,definition", "osmosis,the movement of water across a membrane",
                      "mitosis,cell division making two identical cells"]).encode()
    result = import_data("glossary.txt", data)
    assert [c.term for c in result.deck.cards if c.term] == ["osmosis", "mitosis"]
    assert not any(c.term == "term" for c in result.deck.cards)


def test_one_enormous_cell_leaves_out_its_card_only() -> None:
    rows = [("What is it?", "x " * 80_000), *ROWS]
    data = "\n".join(["question,answer", *(f"{q},{a}" for q, a in rows)]).encode()
    result = import_data("big.csv", data)
    assert questions(result) == [q for q, _ in ROWS]
    [warning] = [str(w) for w in result.warnings]
    assert warning.startswith("big.csv, line 2:") and "field 'answer'" in warning and "left out" in warning
