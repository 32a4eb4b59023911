"""`tutorbot import FORMAT FILE -o PATH` never replaces a file without `--force` (a hand-edited deck in cards/), nor
ever the export being imported; and the deck it writes is readable as the umask allows (a bot running as a
service user can load it)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from cli_support import GREEK_EXPORT as EXPORT
from cli_support import greek_export  # noqa: F401  (the ``export`` fixture)

from bot.cli import main


def test_an_existing_output_file_is_not_overwritten_silently(
    tmp_path: Path, export: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "my-deck.yaml"
    mine = "deck: my-deck\ntitle: My hand-written deck\ncards: []  # work in progress\n"
    target.write_text(mine, encoding="utf-8")
    code = main(["import", "quizlet", str(export), "-o", str(target)])
    err = capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == mine, "the existing deck file was replaced"
    assert code != 0, err
    assert str(target) in err and "exists" in err, err


def test_the_export_itself_given_as_output_is_not_destroyed(
    export: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["import", "quizlet", str(export), "-o", str(export)])
    capsys.readouterr()
    assert export.read_text(encoding="utf-8") == EXPORT, "the source export was overwritten with YAML"
    assert code != 0


def test_a_new_deck_file_is_readable_as_the_umask_allows(tmp_path: Path, export: Path) -> None:
    target = tmp_path / "new-deck.yaml"
    old = os.umask(0o022)
    try:
        assert main(["import", "quizlet", str(export), "-o", str(target)]) == 0
    finally:
        os.umask(old)
    mode = stat.S_IMODE(target.stat().st_mode)
    assert mode == 0o644, f"written as {oct(mode)}"
