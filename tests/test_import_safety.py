"""Bad input gets a clear answer: alias bombs, binaries, oversize files, Discord syntax and HTML in cards."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from bot.core.decks import load_deck
from bot.core.importers import (
    ImportLimits,
    ImportRefused,
    UnsafeYaml,
    deck_to_yaml,
    detect_format,
    hard_wrapped,
    import_anki,
    import_csv,
    import_file,
    import_quizlet,
    import_yaml,
    load_yaml,
    unwrap,
    write_deck,
)
from bot.core.importers.layout import unmask_links

DATA = Path(__file__).resolve().parent / "data"

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


def write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


# ----------------------------------------------------------------------------- YAML


def test_a_yaml_alias_bomb_is_refused_naming_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, "laughs.yaml", BOMB)
    with pytest.raises(UnsafeYaml, match="laughs.yaml: the YAML's aliases"):
        load_yaml(BOMB, "laughs.yaml")
    with pytest.raises(ImportRefused) as info:
        import_file(path)
    assert info.value.code == "import.yaml_aliases"
    assert "laughs.yaml" in str(info.value) and "alias bomb" in str(info.value)


def test_ordinary_anchors_and_aliases_still_load() -> None:
    data, twice = load_yaml("tags: &t [nlp, llms]\nmore: *t\n", "ok.yaml")
    assert data == {"tags": ["nlp", "llms"], "more": ["nlp", "llms"]} and twice == []


def test_a_deck_yaml_round_trips_through_import_unchanged(tmp_path: Path) -> None:
    original = load_deck(Path(__file__).resolve().parents[1] / "cards" / "genai-basics.yaml")
    path = tmp_path / "export.yaml"
    path.write_text(deck_to_yaml(original), encoding="utf-8")
    again = import_file(path)
    # unchanged, but that an uploaded deck's masked links show where they lead ("More: Image captions ... (https://...)")
    unmasked = tuple(replace(c, question=unmask_links(c.question), answer=unmask_links(c.answer)) for c in original.cards)
    assert again.deck.cards == unmasked and again.deck.title == original.title
    assert any("](" in c.answer for c in original.cards) and not any("](" in c.answer for c in again.deck.cards)
    assert again.askable == 88


def test_an_invalid_deck_yaml_names_file_card_and_field(tmp_path: Path) -> None:
    path = write(tmp_path, "broken.yaml", "deck: d\ntitle: t\ncards:\n  - id: a\n    question: q\n    answer: a\n")
    with pytest.raises(ImportRefused) as info:
        import_yaml(path)
    assert info.value.code == "import.invalid_deck"
    assert "broken.yaml, card a, field 'accept'" in str(info.value)
    bad = write(tmp_path, "bad.yaml", "deck: x\ntitle: [unclosed\n")
    with pytest.raises(ImportRefused, match=r"bad.yaml.? is not valid YAML at line 3"):
        import_yaml(bad)


# ----------------------------------------------------------------------------- files that are not decks


def test_a_binary_file_is_refused_as_not_text(tmp_path: Path) -> None:
    path = write(tmp_path, "photo.txt", bytes(range(256)) * 4)
    with pytest.raises(ImportRefused) as info:
        import_quizlet(path)
    assert info.value.code == "import.not_text" and "photo.txt" in str(info.value)


def test_a_file_over_the_size_limit_is_refused_with_both_sizes(tmp_path: Path) -> None:
    path = write(tmp_path, "big.csv", "What is X?,Y\n" * 2000)
    with pytest.raises(ImportRefused) as info:
        import_csv(path, limits=ImportLimits(max_bytes=10_000))
    assert info.value.code == "import.too_large"
    assert str(info.value) == "“big.csv” is 26 KB; a deck file may be at most 10 KB"


def test_too_many_cards_are_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "many.csv", "".join(f"What is thing {i}?,Answer {i}\n" for i in range(30)))
    with pytest.raises(ImportRefused, match="more than 20 cards") as info:
        import_csv(path, limits=ImportLimits(max_cards=20))
    assert info.value.code == "import.too_many_cards"


def test_unknown_formats_and_files_without_cards_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ImportRefused) as info:
        import_file(write(tmp_path, "notes.pdf", b"%PDF-1.7 ..."))
    assert info.value.code == "import.unknown_format" and "notes.pdf" in str(info.value)
    with pytest.raises(ImportRefused) as info:
        import_file(write(tmp_path, "empty.csv", "just one column\n"))
    assert info.value.code == "import.no_cards" and "empty.csv" in str(info.value) and "one column" in str(info.value)


def test_the_format_is_detected_from_content_then_name() -> None:
    assert detect_format("x.bin", b"PK\x03\x04rest") == "apkg"
    assert detect_format("deck.txt", b"deck: d\ntitle: t\ncards:\n") == "yaml"
    assert detect_format("export.txt", b"#separator:tab\n#html:true\nA\tB\n") == "anki"
    assert detect_format("cards.csv", b"q,a\n") == "csv"
    assert detect_format("page.txt", b"Title\n\nWhat is X?\n\nY\n") == "quizlet"


# ----------------------------------------------------------------------------- what students see


def test_discord_syntax_in_card_text_is_neutralised(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "pings.csv",
        "What does <@123456789012345678> say?,Hello <@&42> in <#77> ||secret|| [click me](https://evil.example)\n"
        '"# Huge heading",everyone sees </quiz:99> at <t:1700000000:R>\n',
    )
    deck = import_csv(path).deck
    text = "\n".join(c.question + "\n" + c.answer for c in deck.cards)
    for active in ("<@", "<#", "</", "<t:", "||", "](", "# Huge"):
        assert active not in text
    assert "click me (https://evil.example)" in text and "@user" in text and "/quiz" in text


def test_html_and_scripts_in_anki_fields_become_plain_text(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "anki.txt",
        "#separator:tab\n#html:true\n"
        "What is <b onclick=\"steal()\">XSS</b>?\t<script>document.cookie</script>Cross-site&nbsp;scripting"
        "<style>b{}</style><iframe src=x>inner</iframe>\n",
    )
    card = import_anki(path).cards[0]
    assert card.question == "What is XSS?"
    assert card.answer == "Cross-site scripting"


# ----------------------------------------------------------------------------- layout


@pytest.mark.parametrize(
    ("text", "wrapped"),
    [
        ("A long line that a text editor cut at its width, in the middle of\na sentence.", True),
        ("Short title\nThe paragraph under it.", False),
        ("Intro:\n- one\n- two", False),
        ("- an item that goes on and on and on past the width of the editor window\n  and continues", True),
        ("```\ncode line one\ncode line two that is long enough to be a wrapped paragraph line\n```", False),
        ("Query: what we look for\nKey: what it matches", False),
        ("One paragraph.\n\nAnother paragraph.", False),
    ],
)
def test_hard_wrapped_text_is_told_from_intended_line_breaks(text: str, wrapped: bool) -> None:
    assert hard_wrapped(text) is wrapped
    assert hard_wrapped(unwrap(text)) is False


def test_unwrap_joins_paragraph_lines_and_keeps_lists() -> None:
    text = "Intro line that is long enough to have been cut by a fixed width\nin two.\n\n- item one\n  goes on\n- item two"
    assert unwrap(text) == "Intro line that is long enough to have been cut by a fixed width in two.\n\n- item one goes on\n- item two"


# ----------------------------------------------------------------------------- ids on re-import


def test_reimporting_keeps_the_ids_of_unchanged_cards(tmp_path: Path) -> None:
    first = write(tmp_path, "v1.csv", "What is BERT?,An encoder\nWhat is GPT?,A decoder\nWhat is T5?,Both\n")
    deck1 = import_csv(first, deck_id="models").deck
    out = tmp_path / "models.yaml"
    write_deck(deck1, out)
    # the author renamed one card's id by hand; a card was added at the top and one reworded
    text = out.read_text(encoding="utf-8").replace("id: gpt", "id: gpt-decoder")
    out.write_text(text, encoding="utf-8")
    existing = load_deck(out)
    second = write(tmp_path, "v2.csv", "What is BART?,A denoiser\nWhat is BERT?,An encoder\nWhat is GPT?,A decoder\nWhat's T5?,Both\n")
    deck2 = import_csv(second, existing=existing).deck
    ids = {c.question: c.id for c in deck2.cards}
    assert deck2.id == "models"
    assert ids["What is BERT?"] == "bert"
    assert ids["What is GPT?"] == "gpt-decoder"  # matched by its text, not by the slug it would get
    assert ids["What's T5?"] == "t5"  # question reworded: matched by its unchanged answer
    assert ids["What is BART?"] == "bart"
    assert len(set(ids.values())) == 4
