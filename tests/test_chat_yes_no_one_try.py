"""Chat answers (``TUTOR_CHAT_ANSWERS``) on a yes/no question: the player's first chat answer is their one try.

A typed yes/no (true/false) question takes one try in the answer box, but a wrong chat answer was ignored, so a
player could type "no" and then "yes" (or edit "no" into "yes") and win every yes/no race. Now a chat answer that
says the other answer ("nope" where "Yes" is right) is stored as that player's one try, shared
with the answer box; their later messages and edits on that question are ignored quietly, and nothing is stored
for them. Chat that says neither answer ("lol", "idk") is no try. On other questions a wrong chat guess costs one of
the three tries, as a wrong answer in the answer box does."""

from __future__ import annotations

from pathlib import Path

import pytest
from modal_support import answered as box
from play_support import assert_no_pings, tries_field
from world_support import chat_answers_on, deck_folder  # noqa: F401  (the ``settings`` fixture)
from yes_no_support import BERT_ENCODER, TEMPERATURE, quickchecks, study_and_more

from bot.config import Settings
from bot.runner import TutorBot

pytestmark = pytest.mark.simcord(settle_timeout=2.0)

DECK = quickchecks(BERT_ENCODER, TEMPERATURE, """\
  - id: attention-cost
    question: Does attention scale quadratically with sequence length?
    answer: Yes, attention is quadratic in sequence length.
    accept: ["Yes", quadratic]
    tags: [scaling]
""")


@pytest.fixture
def cards_dir(tmp_path: Path) -> Path:
    return deck_folder(tmp_path, {"quickchecks.yaml": DECK})


@pytest.fixture
async def world(env):
    yield study_and_more(env, "alice", "bob", "carol", "dave", "erin")
    await env.bot.close()


async def attempts(env) -> list[tuple]:
    async with env.bot.tutor_services.store.read() as db:
        rows = await db.execute_fetchall("SELECT user_name, response, verdict, points FROM attempts ORDER BY id")
    return [tuple(r) for r in rows]


def bot_said(env, channel) -> list[str]:
    return [m.content for m in channel.history() if m.author.id == env.bot.user.id and m.content]


async def test_a_wrong_chat_answer_to_a_yes_no_question_is_the_one_try(env, world) -> None:
    """bob types "no", then "yes"; carol types "👍" (no answer: the grader calls it empty), then "No", and edits it
    into "Yes"; dave types "nope" and then presses Answer; erin answers "No" in the box, then types "yes". None of
    them scores with a second go; alice's "yes" is first. Before: bob scored "+10 points, first" with his second
    message, carol with her edit, and dave's answer box still opened."""
    channel, m = world
    await m["alice"].slash(channel, "quiz", topic="checks", questions=1, seconds=30)
    question = channel.last_message
    assert tries_field(question) == "one each"  # said with chat answers on as well
    await m["bob"].send(channel, "no")
    await m["bob"].send(channel, "yes")
    await m["carol"].send(channel, "👍")
    carols = await m["carol"].send(channel, "No")
    await m["carol"].edit(carols, "Yes")
    await m["dave"].send(channel, "nope")
    refused = await box(m["dave"], question, "Yes")
    assert "no tries left" in refused.response.content.lower(), refused.response.content
    wrong = await box(m["erin"], question, "No")
    assert "no tries left" in wrong.response.content, wrong.response.content
    await m["erin"].send(channel, "yes")
    assert bot_said(env, channel) == []  # the wrong tries, and what came after them: silent
    await m["alice"].send(channel, "yes")
    assert bot_said(env, channel) == ["✅ **alice** got it first! +10 points"]
    # The tries are stored (a restart keeps them); nothing of what was ignored is.
    assert await attempts(env) == [
        ("bob", "no", "wrong", 0),
        ("carol", "No", "wrong", 0),
        ("dave", "nope", "wrong", 0),
        ("erin", "No", "wrong", 0),
        ("alice", "yes", "correct", 10),
    ]
    # A question with other answers takes the answer box's three tries, chat guesses included: bob's fourth guess
    # and his right answer after it are ignored, and nothing is stored of them.
    other = m["other channel"]
    await m["carol"].slash(other, "quiz", topic="sampling", questions=1, seconds=30)
    for guess in ("top-k", "top-p", "nucleus", "beam width"):
        await m["bob"].send(other, guess)
    await m["bob"].send(other, "temperature")
    assert bot_said(env, other) == []
    assert (await attempts(env))[5:] == [
        ("bob", "top-k", "wrong", 0), ("bob", "top-p", "wrong", 0), ("bob", "nucleus", "wrong", 0)
    ]
    assert env.errors == []
    assert_no_pings(env)


async def test_chat_that_says_neither_answer_is_no_try(env, world) -> None:
    """Talk in the channel during a yes/no question ("lol", "idk", "what?") and a near miss of another
    accepted answer ("quadrant" for "quadratic") say neither answer: they give nobody the other answer, so they
    are no try and nothing is stored for them; bob's "yes" after them is first. Only saying the other answer
    ("nope") is the try."""
    channel, m = world
    await m["alice"].slash(channel, "quiz", topic="scaling", questions=1, seconds=30)
    assert tries_field(channel.last_message) == "one each"
    for talk in ("lol", "idk", "what?", "quadrant"):
        await m["bob"].send(channel, talk)
    await m["carol"].send(channel, "nope")
    await m["carol"].send(channel, "yes")
    await m["bob"].send(channel, "yes")
    assert bot_said(env, channel) == ["✅ **bob** got it first! +10 points"]
    assert await attempts(env) == [("carol", "nope", "wrong", 0), ("bob", "yes", "correct", 10)]


@pytest.mark.parametrize("talk", ["I don't know", "no idea", "i dont know tbh", "no clue", "dunno"])
async def test_saying_one_does_not_know_is_no_try(env, world, talk: str) -> None:
    """bob says he does not know, then answers "yes": his answer counts, first; nothing is stored for the talk
    ("I don't know" and "no idea" were read as "no", his one try). carol's "nope" is still her one try."""
    channel, m = world
    await m["alice"].slash(channel, "quiz", topic="checks", questions=1, seconds=30)
    await m["carol"].send(channel, "nope")
    await m["bob"].send(channel, talk)
    await m["bob"].send(channel, "yes")
    assert bot_said(env, channel) == ["✅ **bob** got it first! +10 points"]
    assert await attempts(env) == [("carol", "nope", "wrong", 0), ("bob", "yes", "correct", 10)]


async def test_a_restart_keeps_the_chat_try(env, world, settings: Settings, clock) -> None:
    """bob's wrong chat try is stored before a crash: after the restart his edit into the right answer scores
    nothing, and the interrupted quiz's ranking counts his one try."""
    channel, m = world
    await m["alice"].slash(channel, "quiz", topic="checks", questions=1, seconds=30)
    wrong = await m["bob"].send(channel, "no")
    await env.settle()
    await env.restart_bot(TutorBot(settings, clock=clock))
    await env.settle()
    await m["bob"].edit(wrong, "yes")
    await m["bob"].send(channel, "yes")
    assert await attempts(env) == [("bob", "no", "wrong", 0)]
    ranking = [f.value for msg in channel.history() for e in msg.embeds for f in e.fields if f.name == "Ranking"]
    assert len(ranking) == 1 and "**bob** — 0 pts (0/1 right)" in ranking[0], ranking
    assert bot_said(env, channel) == []
