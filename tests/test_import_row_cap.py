"""A file of many more rows than a deck may have cards is refused before its rows are cleaned, even when the rows
are one card pasted over and over (duplicates are left out, so they would never reach the card limit)."""

from __future__ import annotations

import pytest

from bot.core.importers import ImportLimits, ImportRefused, import_data

LIMITS = ImportLimits(max_cards=50)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("pasted.csv", b"What is ATP?,adenosine triphosphate\n" * 500),
        ("pasted.txt", b"ATP\tadenosine triphosphate\n" * 500),
        ("pasted-anki.txt", b"#separator:tab\n#html:false\n" + b"What is ATP?\tadenosine triphosphate\n" * 500),
    ],
)
def test_one_row_pasted_hundreds_of_times_is_refused_naming_the_file(name: str, data: bytes) -> None:
    with pytest.raises(ImportRefused) as info:
        import_data(name, data, limits=LIMITS)
    assert info.value.code == "import.too_many_cards"
    assert str(info.value) == f"“{name}” has 500 cards; a deck may have at most 50; split it into smaller decks"

