"""Choice mode on number cards that ask for a year: the options are years near it, not counts.

"In what year was the transformer paper published?" (2017) must not offer "670", "6050" and "4035": no year
anyone would pick, so the right one stands out; nor may a count ("How many heads…?") offer a year.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from bot.core import prompts
from bot.core.models import Card

pytestmark = pytest.mark.simcord(settle_timeout=2.0)

DECK = """\
deck: history
title: Dates and sizes
cards:
  - id: transformer-year
    question: In what year was the paper "Attention Is All You Need" published?
    answer: The transformer paper was published in 2017.
    accept: ["2017"]
    tags: [years]
  - id: heads
    question: How many attention heads does the base transformer use?
    answer: The base transformer uses 8 heads.
    accept: ["8"]
    tags: [sizes]
  - id: layers
    question: How many layers does BERT-base have?
    answer: BERT-base has 12 layers.
    accept: ["12"]
    tags: [sizes]
  - id: temperature
    term: temperature
    question: Which sampling parameter makes an LLM's output more repetitive when low?
    answer: |
      A low **temperature** produces repetitive responses.
    accept: [temperature]
    tags: [sampling]
"""


@pytest.fixture
def cards_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "decks"
    folder.mkdir()
    (folder / "history.yaml").write_text(DECK, encoding="utf-8")
    return folder


@pytest.fixture
async def world(env):
    guild = env.create_guild()
    channel = guild.create_text_channel("study")
    bob = guild.add_member(env.create_user("bob"))
    yield channel, bob
    await env.bot.close()


def option_texts(message) -> list[str]:
    found = []
    for row in message.components or []:
        for c in (row.get("components", []) if isinstance(row, dict) else row.children):
            label = c.get("label") if isinstance(c, dict) else c.label
            if label not in ("Skip", "Stop"):
                found.append(label.split(". ", 1)[1])
    return found


def is_year_near(text: str, year: int) -> bool:
    return text.isdigit() and len(text) == 4 and abs(int(text) - year) <= 30


async def test_a_year_question_practised_in_choice_mode_offers_years_near_it(env, world) -> None:
    """bob practises `years` with `/quiz private:True mode:choice`. Expected: "2017" among other years near it
    (four-digit years within a few decades), every option a year. (Before the fix: 2017, 670, 6050, 4035 — or
    "8" and "12", the counts of other cards.)"""
    channel, bob = world
    r = await bob.slash(channel, "quiz", topic="years", mode="choice", private=True)
    options = option_texts(r.response)
    assert "2017" in options and len(options) >= 2, options
    assert all(is_year_near(o, 2017) for o in options), options


def test_year_and_count_options_stay_of_their_own_form() -> None:
    """The prompts themselves, with a pool holding years and counts: a year question gets only years near it,
    a count question no year."""
    year = Card(deck="d", id="y", question="In what year was the transformer paper published?", answer="2017.",
                accept=("2017",))
    alexnet = Card(deck="d", id="a", question="When did AlexNet win ImageNet?", answer="In 2012.", accept=("2012",))
    heads = Card(deck="d", id="h", question="How many heads does the base transformer use?", answer="8.",
                 accept=("8",))
    layers = Card(deck="d", id="l", question="How many layers does BERT-base have?", answer="12.", accept=("12",))
    pool = [year, alexnet, heads, layers]
    for seed in range(5):
        p = prompts.make_prompt(year, prompts.QUESTION, mode="choice", pool=pool, rng=random.Random(seed))
        assert p.options[p.correct_option] == "2017" and len(set(p.options)) == len(p.options) >= 2
        assert all(is_year_near(o, 2017) for o in p.options), p.options
        q = prompts.make_prompt(heads, prompts.QUESTION, mode="choice", pool=pool, rng=random.Random(seed))
        assert not any(o in ("2017", "2012") for o in q.options), q.options
