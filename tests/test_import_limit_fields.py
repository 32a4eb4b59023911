"""A glossary row past a card's limits is left out with one warning that names the row's line and the column the
teacher wrote (``definition``, ``term``), never the fields the bot builds from it (the prompt's ``question``, the
reverse card's ``accept``), and counts the characters the teacher wrote."""

from __future__ import annotations

from bot.core.importers import import_data

GLOSSARY = [
    ("osmosis", "water crossing a membrane"),
    ("ribosome", "the machine that builds proteins"),
    ("enzyme", "a protein that speeds up a reaction"),
    ("mitochondria", "the organelle that makes ATP"),
    ("nucleus", "where the genes are kept"),
]


def glossary_csv(row: tuple[str, str], header: str = "term,definition") -> bytes:
    rows = [header, *(f"{t},{d}" for t, d in GLOSSARY[:2]), f"{row[0]},{row[1]}", *(f"{t},{d}" for t, d in GLOSSARY[2:])]
    return "\n".join(rows).encode()


def warnings_of(name: str, data: bytes) -> list[str]:
    result = import_data(name, data)
    assert {c.term for c in result.cards if c.term} == {t for t, _ in GLOSSARY}  # only that row is left out
    return [str(w) for w in result.warnings]


def test_an_over_long_definition_is_one_warning_naming_the_definition_column() -> None:
    [warning] = warnings_of("glossary.csv", glossary_csv(("chromatin", "x" * 5_000)))
    assert warning.startswith("glossary.csv, line 4: ")
    assert warning.count("field '") == 1
    assert "field 'definition' is 5,000 characters long" in warning
    assert "'question'" not in warning and "'accept'" not in warning and "reverse" not in warning
    assert warning.endswith("the card is left out")


def test_the_warning_uses_the_column_name_as_the_header_writes_it() -> None:
    [warning] = warnings_of("glossary.csv", glossary_csv(("chromatin", "y" * 500), header="Word,Meaning"))
    assert warning.startswith("glossary.csv, line 4: ")
    assert "field 'Meaning' is 500 characters long" in warning
    assert "'accept'" not in warning and "reverse" not in warning


def test_an_over_long_term_names_the_term_once() -> None:
    [warning] = warnings_of("glossary.csv", glossary_csv(("t" * 400, "a long name")))
    assert warning.count("field '") == 1
    assert "field 'term' is 400 characters long; at most 300" in warning


def test_a_quizlet_definition_too_long_is_named_as_quizlet_names_it() -> None:
    lines = [f"{t}\t{d}" for t, d in GLOSSARY] + ["chromatin\t" + "z" * 5_000]
    [warning] = warnings_of("terms.txt", "\n".join(lines).encode())
    assert warning.startswith("terms.txt:6: ")
    assert warning.count("field '") == 1 and "field 'definition' is 5,000 characters long" in warning
