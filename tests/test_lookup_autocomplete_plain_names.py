"""/define's autocomplete shows names as plain text, as the buttons and menus do: Discord shows a choice's name as
typed, so the deck's markdown (code marks, bold, a masked link) and line breaks in a question are left out."""

from __future__ import annotations

from pathlib import Path

import pytest
from world_support import deck_folder, study_with_alice  # noqa: F401  (the ``study`` fixture)

DECK = """deck: code
title: Code deck
cards:
- id: split
  term: null
  question: >-
    Training a text generator, what does `split_input_target(sequence)` do, with
    `input_text = sequence[:-1]`?
  answer: It splits a sequence into an input and a target shifted by one.
  accept: [shift by one]
- id: beam
  term: beam search
  question: "Which **decoding** strategy keeps the\\nk [most probable](https://example.com/beam) sequences?"
  answer: Beam search keeps the k most probable partial sequences at each step.
  accept: [beam search]
- id: a-star
  term: A* search
  question: Which graph search adds a heuristic to the cost so far?
  answer: A* search orders nodes by cost so far plus a heuristic.
  accept: [A*]
"""


@pytest.fixture
def cards_dir(tmp_path: Path) -> Path:
    return deck_folder(tmp_path, {"code.yaml": DECK})


def by_value(choices: list[dict]) -> dict[str, str]:
    return {c["value"]: c["name"] for c in choices}


async def test_a_question_is_offered_without_its_markdown(study) -> None:
    channel, alice = study
    names = by_value(await alice.autocomplete(channel, "define", "term", "split_input"))
    name = names["code:split"]
    assert name.startswith("Training a text generator, what does split_input_target(sequence) do, with")
    assert "`" not in name


async def test_a_question_beside_its_term_is_offered_on_one_line_without_markdown(study) -> None:
    channel, alice = study
    names = by_value(await alice.autocomplete(channel, "define", "term", "decoding strategy probable"))
    name = names["code:beam"]
    assert name == "beam search — Which decoding strategy keeps the k most probable sequences?"


async def test_the_first_names_of_an_empty_query_are_plain_too(study) -> None:
    channel, alice = study
    names = by_value(await alice.autocomplete(channel, "define", "term", ""))
    assert "`" not in names["code:split"] and "\n" not in names["code:split"]
    assert names["code:a-star"] == "A* search"  # a term is its own name, star and all
