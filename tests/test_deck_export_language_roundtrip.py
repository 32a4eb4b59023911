"""A language deck exported with ``/deck export`` (CSV to edit in a spreadsheet, or YAML) imports back as the same
cards: a word's example sentence stays shown with its answer and out of its question, its reverse card stays, its
reading, its other names, its gender and its plural stay what they were."""

from __future__ import annotations

from dataclasses import replace

import pytest
from language_deck_support import JAPANESE, asked, right

from bot.core.importers import import_data
from bot.core.models import Card
from bot.core.service import Services

GUILD, MOD = 1001, 42

#: Word / Reading / Meaning / Example: Spanish and German nouns with their gender and plural, and an example each.
EUROPEAN = (
    "#separator:tab\n#html:false\n"
    "perro (m)\t\tdog\tEl perro ladra.\n"
    "der Hund, -e\t\thound\tDer Hund bellt.\n"
    "la casa (f.)\t\thouse\t\n"
    "der Tag, -(e)s, -e\t\tday\tGuten Tag!\n"
)
#: A glossary whose terms have other names: an abbreviation, a second spelling.
GLOSSARY = (
    "Mixture of Experts (MoE)\ta model that sends each token to a few expert networks\n"
    "colour / color\tthe hue of a thing\n"
)
#: A front/back note type with a third field of notes.
QUESTIONS = (
    "#separator:tab\n#html:false\n"
    "What is the capital of France?\tParis\tParis lies on the Seine.\n"
    "Who wrote Hamlet?\tShakespeare\tWritten around 1600.\n"
)


async def exported_and_back(
    s: Services, filename: str, data: str, fmt: str
) -> tuple[tuple[Card, ...], bytes, tuple[Card, ...], int]:
    """The deck imported from ``data``, its export as ``fmt``, the deck that export imports back as (it replaces
    the first) and how many of its cards that import changed."""
    preview = await s.decks.preview(GUILD, filename, data.encode(), "lang", user_id=MOD)
    done = await s.decks.confirm(GUILD, preview.token, user_id=MOD)
    before = s.catalog.deck(done.deck_id).cards
    exported = await s.decks.export(GUILD, "lang", fmt)
    again = await s.decks.preview(GUILD, exported.filename, exported.data, user_id=MOD)
    redone = await s.decks.confirm(GUILD, again.token, user_id=MOD)
    changed = redone.added + redone.updated + redone.retired
    return before, exported.data, s.catalog.deck(redone.deck_id).cards, changed


def unnoted(cards: tuple[Card, ...]) -> tuple[Card, ...]:
    """The cards without their notes for moderators (what the source held that the import left out: a CSV has no
    column for them)."""
    return tuple(replace(c, note=None) for c in cards)


@pytest.mark.parametrize("fmt", ["csv", "yaml"])
async def test_a_japanese_deck_with_readings_and_examples_imports_back_unchanged(
    core_services: Services, fmt: str
) -> None:
    before, _, after, _ = await exported_and_back(core_services, "jlpt5.txt", JAPANESE, fmt)
    assert unnoted(after) == unnoted(before)
    assert after == before or fmt == "csv"  # (the note on the sound left out is the moderators', not the CSV's)
    word = asked(after, "Which term is this?\n\nJapanese language")  # (the example is no part of the question)
    assert word.answer == "Japanese language\n\n日本語を話します (にほんごをはなします)。"
    assert right(word, "日本語") and right(word, "にほんご")  # the reading is still right
    assert right(asked(after, "What is 日本語?"), "Japanese language")  # the reverse card is still asked
    assert right(asked(after, "What is 猫?"), "cat")
    assert right(asked(after, "Which term is this?\n\nto write kanji"), "かんじをかく")


@pytest.mark.parametrize("fmt", ["csv", "yaml"])
async def test_nouns_with_gender_plural_and_example_import_back_unchanged(core_services: Services, fmt: str) -> None:
    before, _, after, changed = await exported_and_back(core_services, "vocab.txt", EUROPEAN, fmt)
    assert after == before and changed == 0
    dog = asked(after, "What is perro (m)?")
    assert right(dog, "dog") and dog.answer == "dog\n\nperro (m)\n\nEl perro ladra."
    hound = asked(after, "What is der Hund, -e?")
    assert right(hound, "hound") and "Der Hund bellt." in hound.answer
    assert right(asked(after, "What is der Tag, -(e)s, -e?"), "day")
    assert right(asked(after, "Which term is this?\n\nhound"), "der Hund")


async def test_a_csv_export_writes_the_example_in_a_column_of_its_own(core_services: Services) -> None:
    _, data, _, _ = await exported_and_back(core_services, "vocab.txt", EUROPEAN, "csv")
    lines = data.decode().splitlines()
    assert lines[:3] == [
        "term,definition,example,tags",
        "perro (m),dog,El perro ladra.,",
        '"der Hund, -e",hound,Der Hund bellt.,',
    ]


async def test_a_term_exported_as_csv_keeps_its_other_names(core_services: Services) -> None:
    before, _, after, changed = await exported_and_back(core_services, "glossary.txt", GLOSSARY, "csv")
    assert after == before and changed == 0
    assert right(asked(after, "Which term is this?\n\na model that sends each token to a few expert networks"), "MoE")
    assert right(asked(after, "Which term is this?\n\nthe hue of a thing"), "color")


async def test_a_question_with_a_note_field_exported_as_csv_takes_the_same_answer(core_services: Services) -> None:
    before, _, after, changed = await exported_and_back(core_services, "questions.txt", QUESTIONS, "csv")
    assert after == before and changed == 0
    capital = asked(after, "What is the capital of France?")
    assert right(capital, "Paris") and capital.answer == "Paris\n\nParis lies on the Seine."


def test_a_csv_with_an_example_column_shows_the_example_and_asks_the_word_both_ways() -> None:
    data = b"Wort,Bedeutung,Beispiel,tags\nder Hund,dog,Der Hund bellt.,a1\ndie Katze,cat,,a1\n"
    cards = import_data("deutsch.csv", data).deck.cards
    dog = asked(cards, "Which term is this?\n\ndog")
    assert dog.answer == "dog\n\nDer Hund bellt." and dog.tags == ("a1",) and right(dog, "der Hund")
    assert right(asked(cards, "What is der Hund?"), "dog")
    assert asked(cards, "Which term is this?\n\ncat").answer == "cat"
