"""Every deck in cards/ validates; broken decks are rejected with every problem named."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from bot.cli import main as cli
from bot.core.decks import CARD_ID_MAX, DECK_ID_MAX, DeckError, deck_files, load_deck, load_decks
from cogs._ids import CARD_KEY

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("path", deck_files(ROOT / "cards"), ids=lambda p: p.name)
def test_every_bundled_deck_validates(path: Path) -> None:
    deck = load_deck(path)  # raises DeckError naming each broken card
    assert deck.cards


def test_bundled_decks_have_enough_askable_cards() -> None:
    decks = load_decks(ROOT / "cards")
    genai = next(d for d in decks if d.id == "genai-basics")
    askable = [c for c in genai.cards if c.askable]
    assert len(genai.cards) == 90
    assert len(askable) >= 85
    # An askable card can be answered: typed answers or key points for an essay.
    assert all(c.accept or c.keypoints for c in askable)
    assert all(c.tags for c in genai.cards)
    assert not any("___" in c.answer for c in genai.cards)


PLANTED = textwrap.dedent(
    """\
    deck: planted
    title: Three mistakes
    cards:
      - id: first
        question: What is one?
        answer: One.
        accept: [one]
      - id: first
        question: Duplicate id
        answer: Two.
        accept: [two]
      - id: no-answer
        question: Where is the answer?
        accept: [nowhere]
      - id: bad-tags
        question: What about tags?
        answer: They must be slugs.
        accept: [slugs]
        tags: [Not A Slug]
    """
)


def write(tmp_path: Path, text: str, name: str = "deck.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_three_planted_mistakes_are_all_named(tmp_path: Path) -> None:
    path = write(tmp_path, PLANTED)
    with pytest.raises(DeckError) as info:
        load_deck(path)
    problems = [(p.card, p.field) for p in info.value.problems]
    assert ("first", "id") in problems
    assert ("no-answer", "answer") in problems
    assert ("bad-tags", "tags") in problems
    assert len(problems) == 3
    text = str(info.value)
    assert str(path) in text and "duplicate id" in text and "Not A Slug" in text


def test_validate_cli_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(["validate", str(ROOT / "tests" / "data" / "decks")]) == 0
    assert "deck 'mini' OK" in capsys.readouterr().out
    one = write(tmp_path, "deck: one\ntitle: t\ncards:\n  - id: a\n    question: q\n    answer: a\n    accept: [a]\n")
    assert cli(["validate", str(one)]) == 0
    assert "OK — 1 card, 1 askable" in capsys.readouterr().out
    bad = write(tmp_path, PLANTED)
    assert cli(["validate", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "3 problem(s)" in err and "card no-answer, field 'answer'" in err


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("deck: x\ntitle: [unclosed\n", "not valid YAML at line"),
        ("- just\n- a list\n", "must be a mapping"),
        ("deck: Bad Id\ntitle: t\ncards: []\n", "must be a slug"),
        (
            "deck: d\ntitle: t\ncards:\n  - id: a\n    question: q\n    answer: a ___ blank\n    accept: [x]\n",
            "___ blank",
        ),
        (
            "deck: d\ntitle: t\ncards:\n  - id: a\n    question: q\n    answer: TO DO\n    status: incomplete\n",
            "needs a note",
        ),
        ("deck: d\ntitle: t\ncards:\n  - id: a\n    question: q\n    answer: a\n", "needs accepted answers"),
        (
            'deck: d\ntitle: t\ncards:\n  - id: a\n    question: q\n    answer: a\n    keypoints: ["|", "b"]\n',
            "field 'keypoints': key point 1 ('|') has no words to look for",
        ),
        (
            "deck: d\ntitle: t\ncards:\n  - id: a\n    question: q\n    answer: a\n    accept: x\n    colour: red\n",
            "unknown key",
        ),
    ],
)
def test_malformed_decks_name_the_problem(tmp_path: Path, text: str, expected: str) -> None:
    with pytest.raises(DeckError) as info:
        load_deck(write(tmp_path, text))
    assert expected in str(info.value)
    assert str(tmp_path / "deck.yaml") in str(info.value)


def test_two_files_with_the_same_deck_id_are_rejected(tmp_path: Path) -> None:
    body = "title: t\ncards:\n  - id: a\n    question: q\n    answer: a\n    accept: [a]\n"
    write(tmp_path, "deck: same\n" + body, "a.yaml")
    write(tmp_path, "deck: same\n" + body, "b.yaml")
    with pytest.raises(DeckError, match="also used by"):
        load_decks(tmp_path)


def test_ids_are_capped_so_card_keys_fit_in_custom_ids(tmp_path: Path) -> None:
    long_deck, long_card = "d" * (DECK_ID_MAX + 1), "c" * (CARD_ID_MAX + 1)
    text = (
        f"deck: {long_deck}\ntitle: t\ncards:\n"
        f"  - id: {long_card}\n    question: q\n    answer: a\n    accept: [a]\n"
    )
    path = write(tmp_path, text)
    with pytest.raises(DeckError) as info:
        load_deck(path)
    problems = {(p.file, p.card, p.field) for p in info.value.problems}
    assert problems == {(str(path), None, "deck"), (str(path), long_card, "id")}
    assert f"at most {CARD_ID_MAX}" in str(info.value) and f"at most {DECK_ID_MAX}" in str(info.value)


def test_ids_at_the_caps_with_dots_and_underscores_are_valid(tmp_path: Path) -> None:
    deck_id, card_id = "d_1." + "x" * (DECK_ID_MAX - 4), "c.2_" + "y" * (CARD_ID_MAX - 4)
    text = f"deck: {deck_id}\ntitle: t\ncards:\n  - id: {card_id}\n    question: q\n    answer: a\n    accept: [a]\n"
    deck = load_deck(write(tmp_path, text))
    assert re.fullmatch(CARD_KEY, deck.cards[0].key)


@pytest.mark.parametrize("bad", ["-lead", "Upper", "with space", "colon:inside", "émoji"])
def test_ids_must_be_lower_case_slugs(tmp_path: Path, bad: str) -> None:
    text = f'deck: d\ntitle: t\ncards:\n  - id: "{bad}"\n    question: q\n    answer: a\n    accept: [a]\n'
    with pytest.raises(DeckError, match="must be a slug"):
        load_deck(write(tmp_path, text))


def test_every_shipped_and_test_card_key_fits_the_custom_id_pattern() -> None:
    for folder in (ROOT / "cards", ROOT / "tests" / "data" / "decks", ROOT / "tests" / "data" / "decks_lookup"):
        for deck in load_decks(folder):
            for card in deck.cards:
                assert re.fullmatch(CARD_KEY, card.key), card.key
