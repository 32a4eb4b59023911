"""/define of a word no card is named, over decks a server imported: the reply offers the cards whose text
mentions it (as /search finds them) and a did-you-mean only for a name spelt close to it; autocomplete offers the
close names /define would suggest when nothing starts like what is typed."""

from __future__ import annotations

import pytest
from deck_support import SETTLE_SECONDS, deck_world  # noqa: F401  (the ``world`` fixture)

from bot.core.lookup import TermIndex
from bot.core.models import Card

pytestmark = pytest.mark.simcord(settle_timeout=SETTLE_SECONDS)

#: Questions and answers: "Shakespeare" is in answers only, no card is named so.
LITERATURE = (
    b"question,answer\n"
    b"Who wrote Hamlet?,Shakespeare\n"
    b"Who wrote Macbeth?,William Shakespeare wrote it around 1606\n"
    b"Who wrote Faust?,Goethe\n"
)

#: A Quizlet export (term TAB definition).
QUIZLET = (
    b"tokenization\tSplitting text into tokens, the units a model reads\n"
    b"embedding\tA vector of numbers that represents the meaning of a piece of text\n"
)

#: Japanese terms: a run of kanji is one word.
JAPANESE = "term,definition\n過学習,訓練データに合わせすぎること\n勾配降下法,損失を下げる方向へ重みを動かす方法\n".encode()


def button_labels(message) -> list[str]:
    return [c["label"] for row in message.components for c in row["components"] if c["type"] == 2]


async def test_define_of_a_word_only_in_answers_offers_the_cards_that_mention_it(world) -> None:
    await world.imported(LITERATURE, "literature.csv", "literature")
    r = await world.alice.slash(world.channel, "define", term="Shakespeare")
    text = r.response.content
    assert r.ephemeral
    assert text == "No card for *Shakespeare*. Cards that mention it: **Who wrote Hamlet**, **Who wrote Macbeth**."
    assert "temperature" not in text  # the mini deck's term, spelt nothing like it
    assert button_labels(r.response) == ["Who wrote Hamlet", "Who wrote Macbeth"]
    opened = await world.alice.click(r.response, label="Who wrote Macbeth")
    assert opened.ephemeral and opened.response.embeds[0].title == "Who wrote Macbeth?"
    r = await world.alice.slash(world.channel, "define", term="goethe")
    assert r.response.content == "No card for *goethe*. A card that mentions it: **Who wrote Faust**."


async def test_define_says_more_cards_mention_it_than_are_listed(world) -> None:
    rows = "".join(f"Who wrote play {i}?,Shakespeare wrote play {i}\n" for i in range(1, 9))
    await world.imported(("question,answer\n" + rows).encode(), "plays.csv", "plays")
    r = await world.alice.slash(world.channel, "define", term="Shakespeare")
    text = r.response.content
    assert text.startswith("No card for *Shakespeare*. Cards that mention it: **Who wrote play ")
    assert text.endswith(" and more (`/search` *Shakespeare* lists them all).")
    assert text.count("**Who wrote play") == 5 and len(button_labels(r.response)) == 5


async def test_autocomplete_offers_the_close_names_define_suggests(world) -> None:
    await world.imported(QUIZLET, "genai.txt", "genai")
    await world.imported(JAPANESE, "ja.csv", "ja")
    for typed, name in [("tokenize", "tokenization"), ("学習", "過学習")]:
        r = await world.alice.slash(world.channel, "define", term=typed)
        assert f"Did you mean: **{name}**?" in r.response.content
        choices = await world.alice.autocomplete(world.channel, "define", "term", typed)
        assert choices and choices[0]["name"] == name, (typed, choices)
    assert await world.alice.autocomplete(world.channel, "define", "term", "qqqxxxzzz") == []


def test_did_you_mean_leaves_out_a_name_that_only_ends_alike() -> None:
    def card(cid: str, term: str) -> Card:
        return Card(deck="d", id=cid, question=f"What is {cid}?", answer="An answer.", term=term)

    index = TermIndex([card("norm", "normalization"), card("tok", "tokenization"), card("temp", "temperature")])
    for query in ("optimization", "initialization", "Shakespeare", "activation"):
        result = index.define(query)
        assert not result.found and result.suggestions == (), (query, result.suggestions)
        assert index.suggest(query) == []
    assert [m.card.id for m in index.define("tokenize").suggestions] == ["tok"]
