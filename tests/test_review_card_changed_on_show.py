"""A card re-imported with a new version while a member has it on show in /review: an answer is graded against the
card as its deck holds it now. A version that still takes what the shown one took grades the answer with its answers
(one the moderators just added counts); one that asks something else, or no longer takes an answer it took, is shown
in place of the old one, the answer not counted, rather than rated against a question the deck no longer asks."""

from __future__ import annotations

import pytest
from deck_support import NAME, SETTLE_SECONDS, deck_world  # noqa: F401  (the ``world`` fixture)
from test_review_cog import answer, field, rows

pytestmark = pytest.mark.simcord(settle_timeout=SETTLE_SECONDS)

CARD = """deck: cells
title: Cells
cards:
  - id: atp
    term: null
    question: {question}
    answer: {answer}
    accept: [{accept}]
    status: ok
"""
ATP = "Which organelle makes most of a cell's ATP?"
V1 = CARD.format(question=ATP, answer="The mitochondria.", accept="mitochondria")
#: The same question, taking one more answer (what the member learned still answers it).
MORE = CARD.format(question=ATP, answer="The mitochondria.", accept="mitochondria, mitochondrion")
#: Another question on the same card (what the member learned does not answer it).
DNA = "Which organelle holds a cell's DNA?"
OTHER = CARD.format(question=DNA, answer="The nucleus.", accept="nucleus")


async def imported(world, text: str) -> None:
    done = await world.imported(text.encode(), "cells.yaml", NAME)
    assert "Imported" in done.response.embeds[0].description


async def card_on_show(world):
    await imported(world, V1)
    await world.alice.slash(world.channel, "review settings", topics=NAME)
    card = (await world.alice.slash(world.channel, "review start")).response
    assert ATP in card.embeds[0].description
    return card


async def test_an_answer_the_new_version_takes_counts(world) -> None:
    card = await card_on_show(world)
    await imported(world, MORE)  # the moderators accept "mitochondrion" too, while the card is on show
    done = (await answer(world.alice, card, "mitochondrion")).response
    assert done.embeds[0].description.startswith("✅ Correct"), done.embeds[0].description
    assert done.embeds[0].footer.text == "Rated good"


async def test_a_card_asking_something_else_now_is_shown_again_and_the_answer_not_counted(world) -> None:
    card = await card_on_show(world)
    await imported(world, OTHER)  # the card now asks another question
    sent = await answer(world.alice, card, "mitochondria")
    page = sent.response
    assert page.id == card.id and DNA in page.embeds[0].description  # the new version, in place
    assert "Changed" in [f.name for f in page.embeds[0].fields]
    said = " ".join(f.content or "" for f in sent.followups)
    assert "not counted" in said and all(f.ephemeral for f in sent.followups)
    assert await rows(world.env, "SELECT card_key FROM attempts") == []  # nothing rated against the old question
    done = (await answer(world.alice, page, "nucleus")).response
    assert done.embeds[0].description.startswith("✅ Correct")
    assert field(done, "Answer") == "**nucleus**"
