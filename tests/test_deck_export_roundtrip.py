"""An exported deck (``/deck export`` as YAML) imports back as the same deck: no value read back as a number,
a bool, a date or null, and no character the YAML reader refuses or takes for a line break. An upload's text is
kept ``defuse``d (a mention as text, a masked link with its address, no control character): any deck imports back
as the deck an upload of it is kept as, and that deck, exported again, imports back unchanged."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from bot.core.decks import keypoint_has_words
from bot.core.importers import deck_to_yaml, import_data
from bot.core.importers.common import ImportRefused
from bot.core.importers.yaml_in import defuse_deck
from bot.core.models import Card, Deck
from bot.core.service import Services

GUILD, MOD = 1001, 42

#: Words YAML reads as something other than text when written bare, and characters its reader refuses or
#: takes for a line break.
TRICKY = [
    "0xFF", "0b1010", "0o17", "017", "1_000", "1:30", "190:20:30", "-1:30", "1e3", "+12", "0.", ".5", ".inf",
    "-.Inf", ".NaN", "~", "null", "Null", "NULL", "true", "False", "yes", "No", "on", "OFF", "y", "n",
    "2024-01-01", "2001-12-14t21:59:43.10-05:00", "<<", "=", "- a", "a: b", "a #b", "#a", "[x]", "{x}", "*x",
    "&x", "!x", "%x", "@x", "`x", "'q'", '"dq"', "a\\b", "a,b", "1,000", "?", "-", "---", "...", "|", ">",
    "a\u2028b", "a\u2029b", "a\x85b", "a\x07b", "a\x00b", "a\x1bb", "a\x7fb", "a\x9bb", "a\ufeffb",
    "a\ufffeb", "a\tb", "a\rb", "a\r\nb", "a\x0bb", "a\x0cb", "caf\u00e9", "a\u00a0b", "a\u3000b",
]


def one_card(value: str) -> Deck:
    card = Card(
        deck="odd",
        id="one",
        question=f"Q {value}",
        answer=f"{value} is the answer",
        term=value,
        aliases=(value, f"{value}, {value}"),
        accept=(value,),
        reject=(f"not {value}",),
        keypoints=(f"{value} | another",),
        tags=("2024-01-01", "0x1f", "1-30"),
        status="incomplete",
        note=f"Note: {value}",
    )
    return Deck(id="odd", title=value, description=f"{value}\n{value}\n", cards=(card,))


def read_back(deck: Deck) -> Deck:
    return import_data(f"{deck.id}.yaml", deck_to_yaml(deck).encode("utf-8")).deck


@pytest.mark.parametrize("value", TRICKY, ids=repr)
def test_an_odd_value_in_any_field_imports_back_unchanged(value: str) -> None:
    deck = defuse_deck(one_card(value))
    back = read_back(deck)
    assert (back.title, back.description.strip(), back.cards) == (deck.title, deck.description.strip(), deck.cards)


@pytest.mark.parametrize("value", ["0x1f", "1e3", "1_0", "2024-01-01", "0b1", "0o7", "1.5", "1.5e3", "0x_1f"])
def test_an_id_that_reads_as_a_number_or_a_date_imports_back_unchanged(value: str) -> None:
    deck = one_card("x")
    card = deck.cards[0]
    deck = Deck(id=value, title="T", cards=(Card(**{**_fields(card), "deck": value, "id": value}),))
    assert read_back(deck).cards == deck.cards


def test_a_long_answer_with_a_line_separator_is_written_on_one_quoted_line() -> None:
    deck = one_card("x")
    card = Card(**{**_fields(deck.cards[0]), "answer": "Text that keeps\nits line\u2028separators" + " and more" * 20})
    text = deck_to_yaml(Deck(id="odd", title="T", cards=(card,)))
    assert "\u2028" not in text and '\\L' in text
    assert read_back(Deck(id="odd", title="T", cards=(card,))).cards == (card,)


async def test_hex_and_binary_answers_survive_deck_export_and_import(core_services: Services) -> None:
    s = core_services
    data = b"question,answer\nWhat is 255 in hexadecimal?,0xFF\nWhat is 10 in binary?,0b1010\n"
    preview = await s.decks.preview(GUILD, "numbers.csv", data, "numbers", user_id=MOD)
    done = await s.decks.confirm(GUILD, preview.token, user_id=MOD)
    before = s.catalog.deck(done.deck_id).cards
    assert [c.accept for c in before] == [("0xFF",), ("0b1010",)]

    exported = await s.decks.export(GUILD, "numbers", "yaml")
    again = await s.decks.preview(GUILD, exported.filename, exported.data, user_id=MOD)
    done = await s.decks.confirm(GUILD, again.token, user_id=MOD)

    assert s.catalog.deck(done.deck_id).cards == before
    assert done.updated == 0


def _fields(card: Card) -> dict[str, Any]:
    return {name: getattr(card, name) for name in Card.__dataclass_fields__}


# ----------------------------------------------------------------------------- any deck

piece = st.sampled_from(TRICKY + ["\n", "\n\n", "  ", " \n", "\n  ", "___"]) | st.text(max_size=12)


def _texts(max_pieces: int) -> st.SearchStrategy[str]:
    """Text a deck can hold: trimmed of surrounding spaces (the import trims them) and not empty."""
    return st.lists(piece, min_size=1, max_size=max_pieces).map(lambda p: "".join(p).strip()).filter(bool)


line = _texts(4).map(lambda t: t.replace("___", "_"))
text = _texts(12)
slug = st.sampled_from(["0x1f", "1e3", "2024-01-01", "yes", "null", "1-30", "a.b_c"]) | st.from_regex(
    r"[a-z0-9][a-z0-9_.-]{0,20}", fullmatch=True
)
tag = st.sampled_from(["0x1f", "2024-01-01", "yes", "1-30"]) | st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}", fullmatch=True)


@st.composite
def cards(draw: st.DrawFn, deck_id: str, card_id: str) -> Card:
    incomplete = draw(st.booleans())
    return Card(
        deck=deck_id,
        id=card_id,
        question=draw(text),
        answer=draw(text.filter(lambda t: "___" not in t)),
        term=draw(st.none() | line),
        aliases=tuple(draw(st.lists(line, max_size=3))),
        accept=tuple(draw(st.lists(line, min_size=1, max_size=4))),
        reject=tuple(draw(st.lists(line, max_size=2))),
        # (a key point names something to look for, as the deck check reads it: one with no letter nor digit, or
        # only characters the grader cannot read, is no deck's)
        keypoints=tuple(draw(st.lists(line.filter(keypoint_has_words), max_size=2))),
        tags=tuple(draw(st.lists(tag, max_size=3))),
        status="incomplete" if incomplete else "ok",
        note=draw(text) if incomplete else draw(st.none() | text),
    )


@st.composite
def decks(draw: st.DrawFn) -> Deck:
    deck_id = draw(slug.filter(lambda s: len(s) <= 32))
    ids = draw(st.lists(slug, min_size=1, max_size=3, unique=True))
    return Deck(
        id=deck_id,
        title=draw(line),
        description=draw(st.just("") | text),
        cards=tuple(draw(cards(deck_id, card_id)) for card_id in ids),
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(deck=decks())
# (a term of nothing but control characters is no term, as the import reads it back)
@example(deck=Deck(id="t", title="T", cards=(Card(deck="t", id="c", question="Q", answer="A", term="\x00", accept=("A",)),)))
def test_any_deck_imports_back_unchanged(deck: Deck) -> None:
    kept = defuse_deck(deck)
    # (a title, a question, an answer or a needed note of nothing but control characters is refused, as no text at
    # all: the import names the file and the field)
    assume(kept.title and all(c.question and c.answer and (c.status == "ok" or c.note) for c in kept.cards))
    # (so is an item of a list, a reject answer say: "item 1 is empty", with the file, the card and the field)
    assume(all(all(lists) for c in kept.cards for lists in (c.aliases, c.accept, c.reject, c.keypoints, c.tags)))
    back = read_back(deck)
    assert (back.id, back.title, back.description, back.cards) == (kept.id, kept.title, kept.description, kept.cards)
    again = read_back(back)
    assert (again.title, again.description, again.cards) == (back.title, back.description, back.cards)


@pytest.mark.parametrize("field", ["accept", "aliases", "reject", "keypoints", "tags"])
def test_a_list_item_with_a_nul_beside_a_space_is_kept_as_a_deck_file_reads_it(field: str) -> None:
    """An item "0 \x00": the NUL no store holds is dropped and so is the space it leaves at the end, in the deck an
    upload is kept as (a package the bot exported) as in the deck its YAML imports as."""
    values: dict[str, Any] = {"accept": ("A", "0 \x00")} if field == "accept" else {"accept": ("A",), field: ("0 \x00",)}
    deck = Deck(id="t", title="T", cards=(Card(deck="t", id="c", question="Q", answer="A", term="T", **values),))
    kept, back = defuse_deck(deck), read_back(deck)
    assert getattr(kept.cards[0], field) == getattr(back.cards[0], field)
    assert getattr(kept.cards[0], field)[-1] == "0"


def test_a_list_item_of_nothing_but_control_characters_is_refused_naming_the_card_and_the_field() -> None:
    deck = Deck(id="t", title="T", cards=(Card(deck="t", id="c", question="Q", answer="A", accept=("A",), reject=("\x00",)),))
    with pytest.raises(ImportRefused) as refused:
        read_back(deck)
    assert "t.yaml, card c, field 'reject': item 1 is empty" in str(refused.value)


def test_a_term_with_a_nul_beside_a_space_imports_back_as_it_is_read() -> None:
    """A term "0 \x00" is stored as its file reads it back: "0", not "0 "."""
    deck = Deck(id="t", title="T", cards=(Card(deck="t", id="c", question="Q", answer="A", term="0 \x00", accept=("A",)),))
    kept = defuse_deck(deck)
    assert kept.cards[0].term == "0"
    assert read_back(deck).cards == kept.cards
