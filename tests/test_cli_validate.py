"""`tutorbot validate` over paths that overlap: a file named on its own and inside a folder named too is one file."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import main

ROOT = Path(__file__).resolve().parents[1]


def test_a_deck_file_named_again_beside_its_folder_is_checked_once(capsys: pytest.CaptureFixture[str]) -> None:
    folder = ROOT / "cards"
    code = main(["validate", str(folder), str(folder / "genai-basics.yaml")])
    out = capsys.readouterr()
    assert code == 0, out.err
    assert out.out.count("deck 'genai-basics' OK") == 1 and "also used by" not in out.err
