"""Language decks as Anki and Quizlet export them: Japanese notes of five fields with furigana (Anki's bracket
syntax and <ruby>) and sounds, and Spanish and French vocabulary with gender marks, "(irr.)" and articles written
as alternatives. Each card asks what a teacher would ask and takes what a student would fairly type."""

from __future__ import annotations

from pathlib import Path

import pytest
from deck_support import SETTLE_SECONDS, deck_world  # noqa: F401  (the ``world`` fixture)
from language_deck_support import JAPANESE, asked, right, which

from bot.core.importers import import_anki, import_file, import_quizlet


def test_a_japanese_note_of_five_fields_asks_its_meaning_and_takes_the_word_or_its_reading(tmp_path: Path) -> None:
    path = tmp_path / "jlpt5.txt"
    path.write_text(JAPANESE, encoding="utf-8")
    cards = import_anki(path).deck.cards
    word = which(cards, "Japanese language")
    assert word.term == "日本語" and word.aliases == ("にほんご",)
    assert right(word, "日本語") and right(word, "にほんご")
    assert word.answer == "Japanese language\n\n日本語を話します (にほんごをはなします)。"
    back = asked(cards, "What is 日本語?")
    assert right(back, "Japanese language")
    phrase = which(cards, "to write kanji")
    assert phrase.term == "漢字を書く" and right(phrase, "漢字を書く") and right(phrase, "かんじをかく")
    cat = which(cards, "cat")
    assert cat.term == "猫" and right(cat, "猫") and right(cat, "ねこ")
    assert "猫が好きです (ねこがすきです)。" in cat.answer
    text = "\n".join(c.question + c.answer + " ".join(c.accept) for c in cards)
    assert "[" not in text and "sound" not in text and "猫ねこ" not in text


def test_a_package_of_named_fields_keeps_the_meaning_and_leaves_the_audio_out(tmp_path: Path) -> None:
    genanki = pytest.importorskip("genanki")
    fields = ["Expression", "Reading", "Meaning", "Sentence", "Audio"]
    model = genanki.Model(
        1607392319,
        "Japanese vocab",
        fields=[{"name": n} for n in fields],
        templates=[{"name": "Card 1", "qfmt": "{{Expression}}", "afmt": "{{furigana:Reading}}<br>{{Meaning}}"}],
    )
    deck = genanki.Deck(2059400111, "Japanese::Core")
    deck.add_note(genanki.Note(model=model, fields=["食べる", "たべる", "to eat", "", "[sound:taberu.mp3]"]))
    deck.add_note(genanki.Note(model=model, fields=["<ruby>犬<rt>いぬ</rt></ruby>", "", "dog", "", ""]))
    path = tmp_path / "core.apkg"
    genanki.Package(deck).write_to_file(str(path))
    cards = import_file(path).deck.cards
    eat = which(cards, "to eat")
    assert eat.term == "食べる" and right(eat, "たべる") and "Audio" in (eat.note or "")
    assert right(asked(cards, "What is 食べる?"), "to eat")
    dog = which(cards, "dog")
    assert dog.term == "犬" and dog.aliases == ("いぬ",)


def test_a_sound_in_a_plain_text_export_is_never_shown_nor_required(tmp_path: Path) -> None:
    path = tmp_path / "spanish.txt"
    path.write_text(
        "#separator:tab\n#html:false\nperro\tdog [sound:perro.mp3]\ngato\t[sound:gato.mp3]\n", encoding="utf-8"
    )
    cards = import_anki(path).deck.cards
    dog = asked(cards, "What is perro?")
    assert dog.answer == "dog" and right(dog, "dog")
    assert which(cards, "dog").term == "perro"
    cat = next(c for c in cards if c.term == "gato")
    assert not cat.askable and "sound" in (cat.note or "")
    assert not any("sound:" in c.question + c.answer for c in cards)


def test_gender_marks_and_irregular_are_no_answers_of_their_own(tmp_path: Path) -> None:
    path = tmp_path / "vocab.txt"
    path.write_text(
        "perro (m)\tdog\nla casa (f.)\thouse\naller (irr.)\tto go\nel café\tcoffee (n.)\nla mano (f)\thand\n",
        encoding="utf-8",
    )
    cards = import_quizlet(path).deck.cards
    dog, house, go = which(cards, "dog"), which(cards, "house"), which(cards, "to go")
    assert right(dog, "perro") and right(house, "la casa") and right(go, "aller")
    for card, mark in [(dog, "m"), (house, "f"), (go, "irr"), (which(cards, "hand"), "f")]:
        assert not right(card, mark) and mark not in card.aliases
    assert right(asked(cards, "What is perro (m)?"), "dog")  # the gender is still shown
    assert right(asked(cards, "What is aller (irr.)?"), "to go")
    coffee = asked(cards, "What is el café?")
    assert right(coffee, "coffee") and not right(coffee, "n")


def test_articles_written_as_alternatives_take_the_noun_with_either(tmp_path: Path) -> None:
    path = tmp_path / "vocab.txt"
    path.write_text("el/la estudiante\tstudent\nel perro\tdog\nla casa\thouse\n", encoding="utf-8")
    student = which(import_quizlet(path).deck.cards, "student")
    assert right(student, "el estudiante") and right(student, "la estudiante")


@pytest.mark.simcord(settle_timeout=SETTLE_SECONDS)
async def test_define_shows_a_furigana_word_readably_and_finds_it_by_its_reading(world) -> None:
    await world.imported(JAPANESE.encode(), "jlpt5.txt", "japanese")
    for typed in ("日本語", "にほんご"):
        r = await world.alice.slash(world.channel, "define", term=typed)
        card = r.response.embeds[0]
        assert card.title == "日本語", typed
        assert card.description == "Japanese language\n\n日本語を話します (にほんごをはなします)。"
        assert [(f.name, f.value) for f in card.fields if f.name == "Also called"] == [("Also called", "にほんご")]
    r = await world.alice.slash(world.channel, "define", term="猫")
    assert r.response.embeds[0].title == "猫"
