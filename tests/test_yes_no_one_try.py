"""A typed question whose answer is Yes or No (True or False) takes one try per player.

With three tries, "❌ Not quite — 2 tries left." under "No" named the answer while the question still scored:
the second try, "Yes", was right and scored as if found, and the first to type both won every yes/no race.
In choice mode such a question is one pick between Yes and No already; typed, it is now one try as well.
Other typed questions keep their three tries."""

from __future__ import annotations

from pathlib import Path

import pytest
from modal_support import answered as answer
from modal_support import text_box
from play_support import tries_field
from world_support import deck_folder
from yes_no_support import BERT_ENCODER, TEMPERATURE, quickchecks, study_and_more

pytestmark = pytest.mark.simcord(settle_timeout=2.0)

DECK = quickchecks(BERT_ENCODER, TEMPERATURE)


@pytest.fixture
def cards_dir(tmp_path: Path) -> Path:
    return deck_folder(tmp_path, {"quickchecks.yaml": DECK})


@pytest.fixture
async def world(env):
    yield study_and_more(env, "alice", "bob", "carol")
    await env.bot.close()


async def test_a_wrong_answer_to_a_yes_no_question_leaves_no_second_try(env, world) -> None:
    """bob types "No" to "Is BERT an encoder-only model?" in a channel quiz. Expected: his one try is used ("no
    tries left"), and pressing Answer again is refused; alice's "Yes" still scores. (Before the fix: "Not quite —
    2 tries left.", and bob's "Yes" next scored +10, first.) A question with other answers keeps three tries."""
    channel, m = world
    await m["alice"].slash(channel, "quiz", topic="checks", questions=1, seconds=30)
    question = channel.last_message
    assert "Is BERT an encoder-only model?" in question.embeds[0].description
    wrong = await answer(m["bob"], question, "No")
    assert wrong.response.content.startswith("❌"), wrong.response.content
    assert "no tries left" in wrong.response.content and "2 tries left" not in wrong.response.content
    again = await answer(m["bob"], question, "Yes")
    assert "no tries left" in again.response.content.lower(), again.response.content
    assert "points" not in again.response.content
    right = await answer(m["alice"], question, "Yes")
    assert "+10 points" in right.response.content, right.response.content
    assert tries_field(question) == "one each"  # (the question says so)
    # Another typed question keeps its three tries.
    await m["carol"].slash(m["other channel"], "quiz", topic="sampling", questions=1, seconds=30)
    other = m["other channel"].last_message
    assert tries_field(other).startswith("3 each")
    wrong = await answer(m["bob"], other, "top-k")
    assert "2 tries left" in wrong.response.content, wrong.response.content
    assert "+10 points" in (await answer(m["bob"], other, "temperature")).response.content


async def test_a_yes_no_practice_question_shows_its_answer_after_the_one_try(env, world) -> None:
    """Practice follows the same rule: the wrong try is the last, so the answer is shown at once."""
    channel, m = world
    started = await m["carol"].slash(channel, "quiz", topic="checks", questions=1, private=True)
    shown = started.response
    box = await m["carol"].click(shown, label="Answer")
    done = await m["carol"].submit_modal(box, {text_box(box)["custom_id"]: "No"})
    text = done.response.content + "".join(f"{f.name} {f.value}" for e in done.response.embeds for f in e.fields)
    assert "tries left" not in done.response.content.replace("no tries left", "")
    assert "Yes" in text, text
    assert tries_field(shown) == "one"
