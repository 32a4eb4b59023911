"""`tutorbot import FORMAT FILE -o cards/` (a folder, as for `cp`): the deck is written into it as
`<deck id>.yaml`. It used to say "cards exists; use --force to replace it", and with `--force`, "cannot write
cards: Is a directory"."""

from __future__ import annotations

from pathlib import Path

from cli_support import greek_export  # noqa: F401  (the ``export`` fixture)

from bot.cli import main
from bot.core.decks import load_deck


def test_a_folder_given_to_o_gets_the_deck_file_inside(tmp_path: Path, export: Path, capsys) -> None:
    cards = tmp_path / "cards"
    cards.mkdir()
    assert main(["import", "quizlet", str(export), "-o", str(cards)]) == 0, capsys.readouterr().err
    written = cards / "greek.yaml"
    assert load_deck(written).id == "greek"
    assert str(written) in capsys.readouterr().err  # "Wrote deck 'greek' to cards/greek.yaml"


def test_a_deck_file_already_in_that_folder_still_needs_force(tmp_path: Path, export: Path, capsys) -> None:
    cards = tmp_path / "cards"
    cards.mkdir()
    mine = "deck: greek\ntitle: My own Greek deck\ncards: []  # work in progress\n"
    (cards / "greek.yaml").write_text(mine, encoding="utf-8")
    assert main(["import", "quizlet", str(export), "-o", str(cards)]) == 2
    err = capsys.readouterr().err
    assert str(cards / "greek.yaml") in err and "--force" in err, err
    assert (cards / "greek.yaml").read_text(encoding="utf-8") == mine
    assert main(["import", "quizlet", str(export), "-o", str(cards), "--force"]) == 0
    assert load_deck(cards / "greek.yaml").title != "My own Greek deck"
