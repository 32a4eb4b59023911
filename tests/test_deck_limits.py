"""A deck's limits (``decks.LIST_MAX``, ``TEXT_MAX``, ``ITEM_MAX``): a deck file past them is refused naming the
file, card and field; a card past them in a CSV, Quizlet or Anki export is left out with a warning; an export is
always within them. And whatever a YAML file holds, validating it gives a deck or its problems, never a crash."""

from __future__ import annotations

import time
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.core.decks import ITEM_MAX, LIST_MAX, TEXT_MAX, Problem, limit_problems, parse_deck, within_limits
from bot.core.grading.compiled import compile_card_steps
from bot.core.importers import ImportRefused, apkg_out, deck_to_apkg, deck_to_yaml, import_data
from bot.core.models import Card, Deck


def deck_yaml(card_lines: str, head: str = "") -> bytes:
    return (
        f"deck: many\ntitle: Many answers\n{head}cards:\n"
        "  - id: one\n    question: What is it?\n    answer: It is the thing\n" + card_lines
    ).encode()


def refusal(name: str, data: bytes) -> str:
    with pytest.raises(ImportRefused) as caught:
        import_data(name, data)
    return str(caught.value)


def card(**fields: Any) -> Card:
    base: dict[str, Any] = {"deck": "many", "id": "one", "question": "What is it?", "answer": "It is the thing"}
    return Card(**{**base, "accept": ("the thing",), **fields})


# ----------------------------------------------------------------------------- deck files


def test_a_card_with_thousands_of_accepted_answers_is_refused_naming_file_card_and_field() -> None:
    answers = ", ".join(f"answer{n}" for n in range(12_000))
    shown = refusal("many.yaml", deck_yaml(f"    accept: [{answers}]\n"))
    assert "many.yaml, card one, field 'accept': has 12,000 items; a card may have at most 50" in shown
    assert "needs accepted answers" not in shown  # the one problem, not its consequences


@pytest.mark.parametrize(
    "lines, field, message",
    [
        ("    aliases: [" + ", ".join(f"n{i}" for i in range(LIST_MAX + 1)) + "]\n", "aliases", "has 51 items"),
        ("    reject: [" + ", ".join(f"r{i}" for i in range(LIST_MAX + 1)) + "]\n", "reject", "has 51 items"),
        ("    tags: [" + ", ".join(f"t{i}" for i in range(LIST_MAX + 1)) + "]\n", "tags", "has 51 items"),
        ("    accept: [water, " + "w" * 301 + "]\n", "accept", "item 2 is 301 characters long; at most 300"),
        ("    keypoints: [" + "k" * 301 + "]\n", "keypoints", "item 1 is 301 characters long; at most 300"),
        ("    accept: [water]\n    term: " + "t" * 301 + "\n", "term", "is 301 characters long; at most 300"),
        ("    accept: [water]\n    note: " + "n" * 4_001 + "\n", "note", "is 4,001 characters long; at most 4,000"),
    ],
)
def test_a_list_or_field_past_its_limit_is_named(lines: str, field: str, message: str) -> None:
    shown = refusal("many.yaml", deck_yaml(lines))
    assert f"many.yaml, card one, field '{field}': {message}" in shown


def test_a_question_and_answer_past_their_limits_are_named() -> None:
    data = {
        "deck": "many",
        "title": "T" * (TEXT_MAX["title"] + 1),
        "description": "d" * (TEXT_MAX["description"] + 1),
        "cards": [{"id": "one", "question": "q" * 4_001, "answer": "a" * 20_001, "accept": ["a"]}],
    }
    deck, problems = parse_deck(data, "many.yaml")
    assert deck is None
    assert [str(p) for p in problems] == [
        "many.yaml, field 'title': is 201 characters long; at most 200",
        "many.yaml, field 'description': is 4,001 characters long; at most 4,000",
        "many.yaml, card one, field 'question': is 4,001 characters long; at most 4,000",
        "many.yaml, card one, field 'answer': is 20,001 characters long; at most 20,000",
    ]


def test_a_card_at_every_limit_is_valid_and_the_grader_prepares_it_in_short_steps() -> None:
    words = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho".split()

    def phrase(n: int, length: int) -> str:
        text = " ".join(f"{words[(n + i) % len(words)]}{n}" for i in range(60))
        return text[:length].strip()

    data = {
        "deck": "many",
        "title": "T" * TEXT_MAX["title"],
        "cards": [
            {
                "id": "one",
                "term": phrase(0, TEXT_MAX["term"]),
                "question": ("What is it? " * 400)[: TEXT_MAX["question"]],
                "answer": ("It is the thing we mean. " * 900)[: TEXT_MAX["answer"]],
                "aliases": [phrase(n, ITEM_MAX["aliases"]) for n in range(1, LIST_MAX + 1)],
                "accept": [phrase(n, ITEM_MAX["accept"]) for n in range(100, 100 + LIST_MAX)],
                "reject": [phrase(n, ITEM_MAX["reject"]) for n in range(200, 200 + LIST_MAX)],
            }
        ],
    }
    deck, problems = parse_deck(data, "many.yaml")
    assert problems == [] and deck is not None
    [big] = deck.cards
    list(compile_card_steps(card(), "question", ()))  # the grader's tables, loaded once for every card
    steps = compile_card_steps(big, "question", ())
    longest = 0.0
    done = False
    while not done:
        started = time.perf_counter()
        try:
            next(steps)
        except StopIteration:
            done = True
        longest = max(longest, time.perf_counter() - started)
    assert longest < 1.0, f"one step of preparing the card took {longest:.2f} s"


# ----------------------------------------------------------------------------- other formats


def test_a_csv_row_past_the_limits_is_left_out_with_a_warning_naming_its_line_and_field() -> None:
    data = (
        "question,answer\n"
        "What is H2O?,water\n"
        f"What is the long one?,\"{'Very long. ' * 2_000}\"\n"
        "What is NaCl?,salt\n"
    ).encode()
    result = import_data("long.csv", data)
    assert [c.question for c in result.cards] == ["What is H2O?", "What is NaCl?"]
    [warning] = [str(w) for w in result.warnings]
    assert warning.startswith("long.csv, line 3: card ")
    assert "field 'answer' is 21,999 characters long; at most 20,000; the card is left out" in warning


def test_a_quizlet_term_with_dozens_of_names_is_left_out_with_its_reverse_card_and_a_warning() -> None:
    names = " / ".join(f"name{n}" for n in range(80))
    data = (
        "osmosis\tWater crossing a membrane\nribosome\tThe machine that builds proteins\n"
        "enzyme\tA protein that speeds up a reaction\nmitochondria\tThe organelle that makes ATP\n"
        f"{names}\tA thing with many names\n"
    ).encode()
    result = import_data("terms.txt", data)
    assert not [c for c in result.cards if "name0" in c.question or c.term == "name0"]
    assert {c.term for c in result.cards if c.term} == {"osmosis", "ribosome", "enzyme", "mitochondria"}
    assert [str(w) for w in result.warnings] == [
        "terms.txt:5: card name0: field 'term' has 80 items; a card may have at most 50; the card is left out"
    ]


def test_an_anki_note_past_the_limits_is_left_out_and_a_file_of_nothing_else_is_refused() -> None:
    data = ("#separator:tab\n#html:false\nWhat is the long one?\t" + "Very long. " * 2_000 + "\n").encode()
    shown = refusal("notes.txt", data)
    assert "“notes.txt” has no usable card (notes.txt, line 3: card long-one: " in shown
    assert "field 'answer' is 21,999 characters long; at most 20,000" in shown


def test_a_package_holding_a_card_past_the_limits_is_refused_naming_the_card(monkeypatch: pytest.MonkeyPatch) -> None:
    too_many = card(accept=tuple(f"answer {n}" for n in range(LIST_MAX + 1)))
    monkeypatch.setattr(apkg_out, "within_limits", lambda c: c)  # a package from elsewhere, as the bot never writes
    data = deck_to_apkg(Deck(id="many", title="Many", cards=(too_many,)))
    shown = refusal("many.apkg", data)
    assert "holds cards that do not validate: many.apkg, card one, field 'accept': has 51 items" in shown
    assert "tutor-import-" not in shown


# ----------------------------------------------------------------------------- exports


def test_an_export_of_a_card_past_the_limits_imports_back() -> None:
    # A server's accepted answers join the card's own in an export: they may take it past the limits.
    own = ("the thing", "thing")
    more = tuple(f"answer {n}" for n in range(70)) + ("x" * 400,)
    big = card(accept=own + more, aliases=("a" * 400,), answer="It is the thing. " * 1_500)
    deck = Deck(id="many", title="Many " * 60, description="d " * 3_000, cards=(big,))
    assert limit_problems(big, "many")

    for name, data in (("many.yaml", deck_to_yaml(deck).encode()), ("many.apkg", deck_to_apkg(deck))):
        [back] = import_data(name, data).cards
        assert back.accept[:2] == own and len(back.accept) == LIST_MAX, name
        assert back.aliases == () and back.answer == within_limits(big).answer, name


def test_a_card_whose_only_accepted_answer_is_too_long_keeps_it_shortened() -> None:
    fitted = within_limits(card(accept=("word " * 100,)))
    assert len(fitted.accept) == 1 and len(fitted.accept[0]) <= ITEM_MAX["accept"]
    assert fitted.accept[0].endswith("…")
    assert limit_problems(fitted, "many") == []


# ----------------------------------------------------------------------------- odd YAML data


def test_unknown_top_level_keys_of_numbers_and_text_are_named() -> None:
    shown = refusal("glossary.yaml", deck_yaml("    accept: [thing]\n", head="2024: notes\nauthor: Ms Smith\n"))
    assert "glossary.yaml, field '2024': unknown key" in shown
    assert "glossary.yaml, field 'author': unknown key" in shown


def test_a_number_too_long_for_python_is_refused_as_bad_yaml() -> None:
    shown = refusal("digits.yaml", deck_yaml("    accept: [" + "7" * 5_000 + "]\n"))
    assert shown.startswith("“digits.yaml” is not valid YAML")


def test_odd_values_are_problems_not_crashes() -> None:
    data = {
        "deck": "many",
        "title": 10**5_000,
        None: "x",
        1.5: "y",
        "cards": [{"id": "one", "question": "q", "answer": "a", "accept": [10**5_000], "status": ["ok"], 3: 4}],
    }
    deck, problems = parse_deck(data, "odd.yaml")
    assert deck is None
    assert {(p.card, p.field) for p in problems} == {
        (None, "1.5"),
        (None, "None"),
        (None, "title"),
        ("one", "3"),
        ("one", "accept"),
        ("one", "status"),
        ("one", "note"),
    }


scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=30)
    | st.sampled_from(["ok", "incomplete", "one", "water", "mini", "0xFF", "", " "])
    | st.dates()
    | st.binary(max_size=5)
)
keys = st.sampled_from(sorted(["deck", "title", "description", "cards", "id", "term", "aliases", "question",
                               "answer", "accept", "reject", "keypoints", "tags", "status", "note"])) | scalars
yamlish = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=6),
    max_leaves=30,
)


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    top=st.dictionaries(keys, yamlish, max_size=6),
    cards=st.lists(st.dictionaries(keys, yamlish, max_size=8) | yamlish, max_size=3),
)
def test_any_yaml_data_gives_a_deck_or_its_problems(top: dict[Any, Any], cards: list[Any]) -> None:
    data = {"deck": "fuzz", "title": "Fuzz", **top}
    if cards:
        data.setdefault("cards", cards)
    deck, problems = parse_deck(data, "fuzz.yaml")
    assert all(isinstance(p, Problem) and isinstance(str(p), str) for p in problems)
    assert (deck is None) == bool(problems)
    if deck is not None:
        assert all(not limit_problems(c, "fuzz.yaml") for c in deck.cards)


def test_within_limits_leaves_a_card_that_fits_unchanged() -> None:
    fits = card(aliases=("one name",), reject=("other",))
    assert within_limits(fits) is fits
