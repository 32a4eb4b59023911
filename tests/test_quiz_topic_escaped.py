"""A topic is echoed as typed in a quiz's titles: a deck's name may hold markdown marks (deck ids take "_", so a
deck "ml__intro__" is a name a server can have), and a title renders markdown ("ml__intro__" showed "ml" and an
underlined "intro"). The intro, which already escaped it, does not escape it twice."""

from __future__ import annotations

from pathlib import Path

import pytest
from world_support import deck_folder, study_guild

pytestmark = pytest.mark.simcord(settle_timeout=2.0)

DECK = """\
deck: ml__intro__
title: Intro
description: One card.
cards:
  - id: epoch
    term: epoch
    question: What is one full pass over the training data called?
    answer: |
      An **epoch** is one pass over every training example.
    accept: [epoch]
    tags: [training]
"""
SHOWN = r"ml\_\_intro\_\_"


@pytest.fixture
def cards_dir(tmp_path: Path) -> Path:
    return deck_folder(tmp_path, {"intro.yaml": DECK})


async def test_a_quiz_on_a_deck_with_marks_in_its_name_shows_the_name_as_typed(env) -> None:
    _guild, channel, members = study_guild(env, "alice")
    alice = members["alice"]
    started = await alice.slash(channel, "quiz", topic="ml__intro__", questions=1, seconds=20)
    assert f"on **{SHOWN}**" in started.response.embeds[0].description  # (escaped once: no "\\_")
    question = channel.last_message
    assert question.embeds[0].title == f"Question 1/1 · {SHOWN}"
    await env.advance_time(30)
    ending = channel.last_message.embeds[0].title
    assert ending.endswith(f" · {SHOWN}"), ending
    practice = await alice.slash(channel, "quiz", topic="ml__intro__", private=True)
    assert practice.response.embeds[0].title.endswith(f" · {SHOWN}"), practice.response.embeds[0].title
    await env.bot.close()
