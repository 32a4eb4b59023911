"""Uploaded files (a name and bytes, as `/deck import` receives them), the import report and `tutorbot validate`'s
text warnings."""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path

import pytest

from bot.cli import main as cli
from bot.core.importers import ImportLimits, ImportRefused, deck_to_yaml, import_csv, import_data, upload_name
from bot.core.importers.apkg import import_package

DATA = Path(__file__).resolve().parent / "data"
IMPORTS = DATA / "imports"
SEED = DATA / "seed_genai.txt"

BOMB = "\n".join(
    [
        "deck: bomb",
        "title: Laughs",
        'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]',
        *(f"{n}: &{n} [{', '.join([f'*{p}'] * 9)}]" for p, n in zip("abcdefgh", "bcdefghi", strict=True)),
        "cards:",
        "  - id: one",
        "    question: q",
        "    answer: a",
        "    accept: *i",
    ]
)


def zip_bytes(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return out.getvalue()


# ----------------------------------------------------------------------------- uploads


def test_an_uploaded_csv_imports_like_the_file_and_names_the_upload_not_a_temporary_path(tmp_path: Path) -> None:
    data = (IMPORTS / "cards_with_header.csv").read_bytes()
    uploaded = import_data("cards_with_header.csv", data)
    from_disk = import_csv(IMPORTS / "cards_with_header.csv")
    assert [(c.id, c.question, c.accept) for c in uploaded.cards] == [
        (c.id, c.question, c.accept) for c in from_disk.cards
    ]
    assert uploaded.deck.source == "cards_with_header.csv"
    assert all(w.file == "cards_with_header.csv" for w in uploaded.warnings)


def test_uploaded_names_cannot_leave_the_import_folder() -> None:
    assert upload_name("../../etc/passwd") == "passwd"
    assert upload_name("C:\\Users\\me\\deck.csv") == "deck.csv"
    assert upload_name("bio deck (1).csv") == "bio_deck_1_.csv"
    assert upload_name("..") == "deck"
    assert len(upload_name("x" * 300 + ".csv")) <= 100 and upload_name("x" * 300 + ".csv").endswith(".csv")


def test_an_uploaded_alias_bomb_is_refused() -> None:
    with pytest.raises(ImportRefused) as info:
        import_data("laughs.yaml", BOMB.encode())
    assert info.value.code == "import.yaml_aliases"
    assert "laughs.yaml" in str(info.value) and "alias bomb" in str(info.value)


def test_an_uploaded_zip_bomb_is_refused_without_unpacking_it(tmp_path: Path) -> None:
    bomb = zip_bytes({"collection.anki2": b"\0" * 60_000_000})
    assert len(bomb) < 200_000
    with pytest.raises(ImportRefused) as info:
        import_data("bomb.apkg", bomb, limits=ImportLimits(max_collection_bytes=1_000_000))
    assert info.value.code == "import.package_too_large"
    # the same package read from disk is refused the same way
    with pytest.raises(ImportRefused):
        import_package(_write(tmp_path / "bomb.apkg", bomb), limits=ImportLimits(max_collection_bytes=1_000_000))


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_an_upload_over_the_size_limit_is_refused_with_both_sizes() -> None:
    with pytest.raises(ImportRefused) as info:
        import_data("big.csv", b"q,a\n" * 1000, limits=ImportLimits(max_bytes=1000))
    assert info.value.code == "import.too_large"
    assert "big.csv" in str(info.value) and "4000 bytes" in str(info.value) and "1000 bytes" in str(info.value)


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("notes.pdf", b"%PDF-1.7 ...", "import.unknown_format"),
        ("photo.png", b"\x89PNG\r\n\x1a\n\0\0\0", "import.unknown_format"),
        ("blob.txt", b"\0\1\2\3" * 100, "import.not_text"),
        ("empty.csv", b"", "import.no_cards"),
        ("one.csv", b"just one column\n", "import.no_cards"),
    ],
)
def test_uploads_that_are_not_decks_are_refused_saying_why(name: str, data: bytes, code: str) -> None:
    with pytest.raises(ImportRefused) as info:
        import_data(name, data)
    assert info.value.code == code
    assert name in str(info.value)


@pytest.mark.parametrize(
    ("name", "data", "why"),
    [
        ("empty.csv", b"only one column\n", "empty.csv:1: expected question,answer[,tags]; found one column"),
        ("terms.txt", b"\tA definition without its term\n", "terms.txt:1: empty term (question); skipped"),
        ("notes.txt", b"#separator:tab\nonly a front\n", "notes.txt:2: expected a front and a back field"),
    ],
)
def test_a_refused_upload_names_the_file_as_uploaded_never_the_folder_it_was_read_from(
    name: str, data: bytes, why: str
) -> None:
    with pytest.raises(ImportRefused) as info:
        import_data(name, data)
    shown = str(info.value)
    assert f"“{name}” has no usable card ({why}" in shown
    assert "tutor-import-" not in shown and tempfile.gettempdir() not in shown


def test_a_deck_yaml_uploaded_back_gives_the_same_cards() -> None:
    first = import_data("cards.csv", (IMPORTS / "cards_with_header.csv").read_bytes(), deck_id="biology-101")
    again = import_data("biology-101.yaml", deck_to_yaml(first.deck).encode())
    assert again.deck.id == "biology-101"
    assert again.cards == first.cards


# ----------------------------------------------------------------------------- the report


def test_askability_counts_each_direction_the_bot_asks_in() -> None:
    result = import_data("quizlet.txt", (IMPORTS / "quizlet_export.txt").read_bytes())
    directions = result.askability().directions
    assert directions == {"question": 13, "term": 0}
    seed = import_data("seed.txt", SEED.read_bytes())
    seed_directions = seed.askability().directions
    assert seed_directions["question"] == seed.askable == 87
    assert 0 < seed_directions["term"] < seed.askable


def test_the_import_report_gives_askable_per_direction_and_every_flag(tmp_path: Path, capsys) -> None:
    out = tmp_path / "quizlet.yaml"
    assert cli(["import", "quizlet", str(IMPORTS / "quizlet_export.txt"), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "Read 14 cards from" in err and "(1 flagged)" in err
    assert "13 of 14 cards askable: 11 which term, 2 term to definition" in err
    assert "askable by direction: 13 by their prompt" in err and "0 by the term hidden" in err
    assert "flagged: perplexity (line 11): incomplete: The source answer only says 'See image'" in err
    assert "give each card `accept`" not in err  # nothing to hand-edit: validate accepts it as written
    assert cli(["validate", str(out)]) == 0


# ----------------------------------------------------------------------------- validate


def test_validate_warns_about_hard_wrapped_text_without_failing(tmp_path: Path, capsys) -> None:
    deck = tmp_path / "wrapped.yaml"
    deck.write_text(
        "deck: wrapped\ntitle: Wrapped\ncards:\n"
        "  - id: dropout\n    question: What is dropout?\n"
        "    answer: |\n      Dropout switches off a random share of the units\n      at each training step, "
        "so the network cannot lean\n      on any one of them.\n"
        "    accept: [dropout]\n"
        "  - id: clean\n    question: What is a tensor?\n    answer: A multi-dimensional array.\n"
        "    accept: [a multi-dimensional array]\n",
        encoding="utf-8",
    )
    assert cli(["validate", str(deck)]) == 0
    out = capsys.readouterr().out
    assert "deck 'wrapped' OK — 2 cards, 2 askable, 1 warning" in out
    assert "warning: " in out and "card dropout, field 'answer': hard line breaks inside a paragraph" in out
    assert "card clean" not in out


def test_validate_has_no_warning_for_the_bundled_deck(capsys) -> None:
    root = Path(__file__).resolve().parents[1]
    assert cli(["validate", str(root / "cards")]) == 0
    out = capsys.readouterr().out
    assert "OK" in out and "warning" not in out


def test_the_import_command_refuses_a_bad_file_in_one_line_and_writes_nothing(tmp_path: Path, capsys) -> None:
    binary = tmp_path / "scan.txt"
    binary.write_bytes(b"\0\1\2\3" * 100)
    big = tmp_path / "big.csv"
    big.write_bytes(b"q,a\n" * 600_000)
    out = tmp_path / "deck.yaml"
    assert cli(["import", "quizlet", str(binary), "-o", str(out)]) == 1
    assert cli(["import", "csv", str(big), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "error: “scan.txt” is not a text file" in err
    assert "error: “big.csv” is 2.4 MB; a deck file may be at most 2.0 MB" in err
    assert "Traceback" not in err and not out.exists()
