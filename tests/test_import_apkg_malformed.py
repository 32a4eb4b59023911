"""An Anki package whose collection was tampered with (note types or decks that are not the JSON Anki writes, a
damaged or password-protected zip member) is refused with a message naming the file, never a traceback."""

from __future__ import annotations

import io
import json
import sqlite3
import zipfile
from pathlib import Path

import pytest

from bot.core.importers import ImportRefused, import_data, import_file


def collection(
    models: str = "{}", decks: str = "{}", notes: tuple[tuple[object, object], ...] = ((1, "What is ATP?\x1fenergy"),)
) -> bytes:
    db = sqlite3.connect(":memory:")
    db.executescript(
        "CREATE TABLE col (models TEXT, decks TEXT);"
        "CREATE TABLE notes (id INTEGER, mid, tags TEXT, flds);"
        "CREATE TABLE cards (did INTEGER); INSERT INTO cards VALUES (1);"
    )
    db.execute("INSERT INTO col VALUES (?, ?)", (models, decks))
    for number, (mid, flds) in enumerate(notes):
        db.execute("INSERT INTO notes VALUES (?, ?, '', ?)", (number, mid, flds))
    db.commit()
    data = db.serialize()
    db.close()
    return data


def package(data: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("collection.anki2", data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("models", "decks", "what"),
    [
        ("{not json", "{}", "note types"),
        ("[1, 2]", "{}", "note types"),
        ('{"1": "Basic"}', "{}", "note types"),
        ('{"basic": {"name": "Basic"}}', "{}", "note types"),
        ('{"1": {"name": "Basic", "flds": [1, 2]}}', "{}", "note types"),
        pytest.param("[" * 100_000 + "]" * 100_000, "{}", "note types", id="nested-past-reading"),
        ("{}", '{"1": 5}', "decks"),
        ("{}", "null", "decks"),
        ("{}", '{"1": {"name": "A\x00 raw control character"}}', "decks"),
    ],
)
def test_a_collection_with_note_types_or_decks_anki_never_writes_is_refused_naming_the_file(
    models: str, decks: str, what: str
) -> None:
    with pytest.raises(ImportRefused) as info:
        import_data("biology.apkg", package(collection(models, decks)))
    assert info.value.code == "import.bad_package"
    assert str(info.value) == (
        f"“biology.apkg” does not hold a readable Anki collection (its {what} are not stored as Anki stores them)"
    )


def test_a_note_whose_type_id_or_fields_are_odd_is_still_read_as_text() -> None:
    models = json.dumps({"1": {"name": "Basic", "flds": [{"name": "Front", "ord": 0}, {"name": "Back", "ord": 1}]}})
    data = collection(models, notes=(("one", "What is ATP?\x1fenergy"), (1, b"What is DNA?\x1fgenetic material")))
    result = import_data("biology.apkg", package(data))
    questions = [c.question for c in result.cards]
    assert "What is ATP?" in questions and "What is DNA?" in questions
    assert not any("b'" in c.question or "b'" in c.answer for c in result.cards)


def test_a_damaged_member_is_refused_as_a_broken_zip(tmp_path: Path) -> None:
    data = bytearray(package(collection()))
    start = data.find(b"collection.anki2") + len("collection.anki2")  # the compressed bytes follow the name
    data[start + 5 : start + 40] = b"\xff" * 35
    path = tmp_path / "damaged.apkg"
    path.write_bytes(bytes(data))
    with pytest.raises(ImportRefused) as info:
        import_file(path)
    assert info.value.code == "import.bad_package"
    assert str(info.value) == "“damaged.apkg” is not a readable Anki package (a broken zip file)"


def test_a_password_protected_package_is_refused_in_plain_words() -> None:
    data = bytearray(package(collection()))
    data[6] |= 1  # the "encrypted" flag, in the member's local header and its central directory entry
    data[data.rfind(b"PK\x01\x02") + 8] |= 1
    with pytest.raises(ImportRefused) as info:
        import_data("locked.apkg", bytes(data))
    assert info.value.code == "import.bad_package"
    assert str(info.value) == (
        "“locked.apkg” is password-protected; export the deck from Anki again (Anki never sets a password)"
    )
    assert "ZipInfo" not in str(info.value)
