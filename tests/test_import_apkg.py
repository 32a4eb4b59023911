"""Anki packages (.apkg): read from a package genanki makes, exported and read back, and hostile ones refused."""

from __future__ import annotations

import io
import sqlite3
import zipfile
from pathlib import Path

import pytest

from bot.core.decks import load_deck
from bot.core.importers import (
    ImportLimits,
    ImportRefused,
    deck_to_apkg,
    import_anki,
    import_file,
    import_package,
    write_deck,
)
from bot.core.importers.apkg_out import write_apkg

genanki = pytest.importorskip("genanki")


def make_package(path: Path) -> Path:
    """A package as Anki users share them: basic notes with HTML, a cloze note, an image-only back."""
    deck = genanki.Deck(2059400110, "Biology::Cells")
    basic, cloze = genanki.BASIC_MODEL, genanki.CLOZE_MODEL
    notes = [
        (basic, ["What is the <b>powerhouse</b> of the cell?", "The <i>mitochondria</i><script>alert(1)</script>"], ["bio::cells"]),
        (basic, ["Osmosis", "The movement of water across a membrane from low to high solute concentration"], []),
        (basic, ["What does this diagram show?", '<img src="cell.png">'], []),
        (basic, ["What does ATP stand for?", "Adenosine&nbsp;triphosphate"], ["bio::energy"]),
        (cloze, ["{{c1::Ribosomes}} make {{c2::proteins}}", "They read messenger RNA."], ["bio::cells"]),
    ]
    for model, fields, tags in notes:
        deck.add_note(genanki.Note(model=model, fields=fields, tags=tags))
    genanki.Package(deck).write_to_file(str(path))
    return path


def test_a_package_made_with_genanki_imports_and_validates_with_no_edits(tmp_path: Path) -> None:
    result = import_file(make_package(tmp_path / "cells.apkg"))
    assert result.deck.title == "Biology / Cells" and result.deck.id == "cells"
    out = tmp_path / "cells.yaml"
    write_deck(result.deck, out)
    deck = load_deck(out)
    assert len(deck.cards) == 6 and sum(c.askable for c in deck.cards) == 5
    assert result.askability().kinds == {"short answer": 2, "which term": 1, "incomplete": 1, "cloze": 2}
    text = "\n".join(c.question + c.answer for c in deck.cards)
    assert "<" not in text and "alert" not in text and "&nbsp;" not in text
    powerhouse = next(c for c in deck.cards if c.question.startswith("What is the powerhouse"))
    assert powerhouse.answer == "The mitochondria" and powerhouse.tags == ("bio-cells",)
    image = next(c for c in deck.cards if c.question.startswith("What does this diagram show?"))
    assert image.status == "incomplete" and "image" in (image.note or "")
    assert [c.question for c in deck.cards if c.question.startswith(("_____", "Ribosomes"))] == [
        "_____ make proteins",
        "Ribosomes make _____",
    ]
    assert import_anki(tmp_path / "cells.apkg").deck == result.deck  # `tutorbot import anki FILE.apkg` too


def test_a_deck_exported_as_apkg_imports_back_as_the_same_cards(tmp_path: Path) -> None:
    original = load_deck(Path(__file__).resolve().parents[1] / "cards" / "genai-basics.yaml")
    path = tmp_path / "genai.apkg"
    write_apkg(original, path)
    assert deck_to_apkg(original) == path.read_bytes()  # the same deck gives the same package
    again = import_package(path)
    assert again.deck.id == original.id and again.deck.title == original.title
    assert again.deck.cards == original.cards


def zip_with(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def test_a_zip_bomb_is_refused_without_unpacking_it(tmp_path: Path) -> None:
    # 60 MB of zeros compresses to about 60 KB; the cap is 1 MB here
    bomb = zip_with(tmp_path / "bomb.apkg", {"collection.anki2": b"\0" * 60_000_000})
    assert bomb.stat().st_size < 200_000
    with pytest.raises(ImportRefused) as info:
        import_package(bomb, limits=ImportLimits(max_collection_bytes=1_000_000))
    assert info.value.code == "import.package_too_large"
    assert "bomb.apkg" in str(info.value) and "1.0 MB" in str(info.value)


def test_a_zip_that_lies_about_its_size_is_still_stopped_at_the_cap(tmp_path: Path) -> None:
    path = zip_with(tmp_path / "liar.apkg", {"collection.anki2": b"\0" * 3_000_000})
    data = bytearray(path.read_bytes())
    # rewrite the uncompressed size the central directory claims (offset 24 of its entry) to 10 bytes
    central = data.rfind(b"PK\x01\x02")
    data[central + 24 : central + 28] = (10).to_bytes(4, "little")
    path.write_bytes(bytes(data))
    with pytest.raises(ImportRefused) as info:
        import_package(path, limits=ImportLimits(max_collection_bytes=1_000_000))
    assert info.value.code in ("import.package_too_large", "import.bad_package")


def test_too_many_members_and_packages_without_a_collection_are_refused(tmp_path: Path) -> None:
    many = zip_with(tmp_path / "many.apkg", {str(i): b"x" for i in range(30)})
    with pytest.raises(ImportRefused, match="holds 30 files") as info:
        import_package(many, limits=ImportLimits(max_members=20))
    assert info.value.code == "import.package_too_large"
    empty = zip_with(tmp_path / "empty.apkg", {"media": b"{}"})
    with pytest.raises(ImportRefused, match="without an Anki collection"):
        import_package(empty)
    newer = zip_with(tmp_path / "new.apkg", {"collection.anki21b": b"\x28\xb5\x2f\xfd", "media": b""})
    with pytest.raises(ImportRefused, match="Support older Anki versions") as info:
        import_package(newer)
    assert info.value.code == "import.old_anki"
    broken = tmp_path / "broken.apkg"
    broken.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    with pytest.raises(ImportRefused, match="broken zip") as info:
        import_anki(broken)
    assert info.value.code == "import.bad_package"


def test_a_collection_that_is_not_sqlite_is_refused_with_the_file_named(tmp_path: Path) -> None:
    path = zip_with(tmp_path / "junk.apkg", {"collection.anki2": b"this is not a database" * 100})
    with pytest.raises(ImportRefused) as info:
        import_package(path)
    assert info.value.code == "import.bad_package" and "junk.apkg" in str(info.value)


def test_a_runaway_query_in_a_hostile_collection_is_stopped(tmp_path: Path) -> None:
    db = sqlite3.connect(":memory:")
    db.executescript(
        "CREATE TABLE col (models TEXT, decks TEXT);"
        "INSERT INTO col VALUES ('{}', '{}');"
        # 'notes' is a view that never ends: a recursive count without a limit
        "CREATE VIEW notes AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) "
        "SELECT i AS id, 0 AS mid, '' AS tags, 'q' || char(31) || 'a' AS flds FROM n WHERE i < 0;"
    )
    data = db.serialize()
    db.close()
    path = zip_with(tmp_path / "slow.apkg", {"collection.anki2": data})
    with pytest.raises(ImportRefused) as info:
        import_package(path)
    assert info.value.code == "import.bad_package"


def test_a_package_file_over_the_size_cap_is_refused_before_it_is_opened(tmp_path: Path) -> None:
    path = make_package(tmp_path / "cells.apkg")
    with pytest.raises(ImportRefused, match="cells.apkg.? is .* an Anki package may be at most 1000 bytes") as info:
        import_package(path, limits=ImportLimits(max_package_bytes=1000))
    assert info.value.code == "import.package_too_large"
    assert io.BytesIO(path.read_bytes()).read(2) == b"PK"
