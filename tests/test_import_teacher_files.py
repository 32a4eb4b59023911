"""Files a teacher brings as their tools write them: a Quizlet export with a comma, a custom separator or semicolons
between its cards; a spreadsheet saved with a header in the teacher's language; Anki notes whose question is a
picture or a sound. Each gives the cards a reader would expect, and never a card nobody could answer."""

from __future__ import annotations

import pytest
from deck_support import NAME, SETTLE_SECONDS, deck_world, shown_message  # noqa: F401  (the ``world`` fixture)

from bot.core.importers import import_data


def pairs(result) -> list[tuple[str | None, str]]:
    """(term, answer) of each which-term card, in order."""
    return [(c.term, c.answer) for c in result.cards if not c.id.endswith("-reverse")]


def test_a_quizlet_export_with_a_comma_between_term_and_definition_gives_every_card() -> None:
    """Quizlet's export offers "Comma" between term and definition: each line is a card, its term before the first
    comma and the rest (commas and all) its definition; the file is not refused as having no usable card."""
    data = b"dog,chien\ncat,chat\nloyal,faithful, devoted, true\n"
    result = import_data("french.txt", data)
    assert pairs(result) == [("dog", "chien"), ("cat", "chat"), ("loyal", "faithful, devoted, true")]
    assert not result.warnings


def test_a_quizlet_export_with_a_custom_separator_gives_every_card() -> None:
    """A custom separator typed in Quizlet's export box (" - ") splits term from definition, even where the
    definition holds a comma."""
    data = "osmosis - water crossing a membrane\nribosome - builds proteins, from RNA\nenzyme - speeds up a reaction\n"
    result = import_data("bio.txt", data.encode())
    assert pairs(result) == [
        ("osmosis", "water crossing a membrane"),
        ("ribosome", "builds proteins, from RNA"),
        ("enzyme", "speeds up a reaction"),
    ]


def test_a_quizlet_export_with_semicolons_between_cards_gives_one_card_each() -> None:
    """Quizlet's "between rows: semicolon" writes every card on one line: each is a card of its own, not one card
    whose definition runs through the whole set; a definition holding a semicolon in a one-card-a-line export
    stays whole."""
    result = import_data("french.txt", b"dog\tchien;cat\tchat;horse\tcheval;")
    assert pairs(result) == [("dog", "chien"), ("cat", "chat"), ("horse", "cheval")]
    assert not result.warnings
    kept = import_data("french.txt", b"dog\tchien; a loyal pet\ncat\tchat\n")
    assert pairs(kept) == [("dog", "chien; a loyal pet"), ("cat", "chat")]


@pytest.mark.parametrize(
    ("header", "pair"),
    [("Frage;Antwort", False), ("Begriff;Definition", True), ("Terme;Définition", True), ("Pregunta;Respuesta", False)],
)
def test_a_spreadsheet_header_in_the_teachers_language_is_not_a_card(header: str, pair: bool) -> None:
    """A CSV saved by Excel in Germany, France or Spain (semicolons, Windows-1252) has its header row in that
    language: it names the columns, it is not a card asking "Which term is this? Antwort"."""
    rows = "Österreich;Wien\nFrankreich;Paris\n" if pair else "Hauptstadt von Österreich?;Wien\nWas heißt Grüße?;greetings\n"
    result = import_data("deck.csv", (header + "\r\n" + rows.replace("\n", "\r\n")).encode("cp1252"))
    first, second = header.split(";")
    said = " ".join(f"{c.question} {c.answer} {c.term}" for c in result.cards)
    assert first not in said and second not in said
    if pair:
        assert pairs(result) == [("Österreich", "Wien"), ("Frankreich", "Paris")]
    else:
        assert [c.question for c in result.cards] == ["Hauptstadt von Österreich?", "Was heißt Grüße?"]


def test_an_anki_question_that_was_a_picture_or_a_sound_is_never_asked_without_it() -> None:
    """An Anki note asking "Name this bone" above a picture (or "Which bird sings this?" over a sound) cannot be
    answered once the picture is left behind: the card is incomplete (never asked), its note says what is missing.
    A front that was only a picture is skipped with a warning that says so, not that the field was empty."""
    data = (
        b"#separator:tab\n#html:true\n"
        b'<img src="tibia.png"><br>Name this bone\tTibia\n'
        b"Which bird sings this? [sound:robin.mp3]\tA robin\n"
        b'<img src="femur.png">\tFemur\n'
        b"What is the longest bone?\tThe femur\n"
    )
    result = import_data("bones.txt", data)
    by_question = {c.question: c for c in result.cards}
    bone, bird = by_question["Name this bone"], by_question["Which bird sings this?"]
    assert bone.status == "incomplete" and "image" in (bone.note or "")
    assert bird.status == "incomplete" and "sound" in (bird.note or "")
    assert by_question["What is the longest bone?"].status == "ok"
    assert result.askable == 1
    assert [str(w) for w in result.warnings] == ["bones.txt:5: the front field (question) has only an image; skipped"]


@pytest.mark.simcord(settle_timeout=SETTLE_SECONDS)
async def test_a_comma_separated_quizlet_export_uploaded_to_deck_import_becomes_a_usable_deck(world) -> None:
    """/deck import of a Quizlet export with commas previews its cards (no "has no usable card"), and once
    imported a member can look its terms up."""
    data = b"mitochondria,The organelle that makes ATP\nribosome,The organelle that builds proteins\n"
    r = await world.preview(data, "biology.txt")
    preview = shown_message(r)
    assert r.ephemeral and preview.embeds, preview.content
    assert "no usable card" not in (preview.content or "")
    done = await world.mod.click(preview, label="Import")
    assert f"Imported `{NAME}`" in done.response.embeds[0].description
    defined = await world.alice.slash(world.channel, "define", term="ribosome")
    assert "builds proteins" in defined.response.embeds[0].description
