"""`tutorbot validate` given a path that is not there (a typo) says so, rather than only that it found no deck
files, which reads as if the folder were there and empty."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import main


def test_a_missing_path_and_an_empty_folder_are_told_apart(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", str(tmp_path / "crads")]) == 2
    err = capsys.readouterr().err
    assert f"no deck files (*.yaml) at {tmp_path / 'crads'}: there is no such file or folder" in err

    (tmp_path / "empty").mkdir()
    assert main(["validate", str(tmp_path / "empty")]) == 2
    err = capsys.readouterr().err
    assert f"no deck files (*.yaml) at {tmp_path / 'empty'}: the folder has no *.yaml files" in err
