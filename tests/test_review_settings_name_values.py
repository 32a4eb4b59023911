"""/review settings refuses a value out of range with the range and the value the member typed (bad input gets a
clear message naming the bad value), and saves nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from world_support import deck_folder, study_pair  # noqa: F401  (the ``world`` fixture)

from bot.core.review.settings import check_new_per_day

TOPICS = [f"unit-{n}" for n in range(1, 12)]
#: A deck whose one card has eleven tags: one topic more than a member may pick.
DECK = f"""\
deck: units
title: Units
description: One card, many tags.
cards:
  - id: epoch
    term: epoch
    question: What is one full pass over the training data called?
    answer: One pass over every training example.
    accept: [epoch]
    tags: [{", ".join(TOPICS)}]
"""


@pytest.fixture
def cards_dir(tmp_path: Path) -> Path:
    return deck_folder(tmp_path, {"units.yaml": DECK})


@pytest.mark.parametrize(("typed", "named"), [(50.0, "not 50%"), (1.5, "not 1.5%"), (0.75, None)])
async def test_a_retention_out_of_range_is_refused_naming_what_was_typed(env, world, typed, named) -> None:
    _, channel, m = world
    r = await m["alice"].slash(channel, "review settings", retention=typed)
    assert r.ephemeral
    if named is None:  # (in range: taken)
        assert r.response.embeds[0].fields[1].value == "75%"
        return
    text = r.response.content
    assert "between 70% and 97%" in text and named in text, text
    shown = await m["alice"].slash(channel, "review settings")
    assert shown.response.embeds[0].fields[1].value == "90%"  # nothing saved: the default stays


async def test_too_many_topics_are_refused_with_how_many_were_named(env, world) -> None:
    _, channel, m = world
    r = await m["alice"].slash(channel, "review settings", topics=", ".join(TOPICS))
    assert r.ephemeral and "at most 10 topics, not 11" in r.response.content, r.response.content


def test_new_cards_a_day_out_of_range_names_the_number() -> None:
    """(Discord keeps the option in range; the terminal's --new-per-day reaches this check.)"""
    with pytest.raises(Exception) as refused:
        check_new_per_day(150)
    assert "between 0 and 100, not 150" in str(refused.value)
