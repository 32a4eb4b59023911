"""Chat answers (``TUTOR_CHAT_ANSWERS``) and the tries of a channel quiz question.

A wrong chat message that is a guess costs the player a try, as a wrong answer in the answer box does (the same
count, shared with the box): once their tries are used, their later answers score nothing, in the chat or in the
box. Talk in the channel ("lol this one is hard", "no idea", "who made this deck?", an emoji, a long sentence) costs
nothing and is not stored. Before, every wrong chat message was free: a player could type candidate after candidate
until one scored, while the answer box allowed three tries."""

from __future__ import annotations

from typing import Any

import pytest
from modal_support import answered as box
from modal_support import modal_parts
from play_support import assert_no_pings
from quiz_support import quiz_asking
from world_support import chat_answers_on, study_trio  # noqa: F401  (the ``settings`` and the ``world`` fixtures)

from bot.core.service import Services

pytestmark = pytest.mark.simcord(settle_timeout=2.0)

#: What players say in the channel while a question is open, none of it an answer.
TALK = (
    "lol this one is hard",
    "ok",
    "no idea",
    "who made this deck?",
    "👍",
    "this is so hard",
    "wait what",
    "good luck everyone",
    "sorry lag",
    "I think this question is really tricky and I have no idea what the person who wrote the deck wants here, honestly",
)


async def attempts(env: Any) -> list[tuple]:
    async with env.bot.tutor_services.store.read() as db:
        rows = await db.execute_fetchall("SELECT user_name, response, verdict, points FROM attempts ORDER BY id")
    return [tuple(r) for r in rows]


def bot_said(env: Any, channel: Any) -> list[str]:
    return [m.content for m in channel.history() if m.author.id == env.bot.user.id and m.content]


def box_text(shown: Any) -> str:
    """Everything the answer box shows above its text box."""
    assert shown.modal is not None, shown.response.content if shown.response else shown
    return "\n".join(c.get("content") or "" for c in modal_parts(shown.modal) if c.get("type") == 10)


async def test_three_wrong_chat_guesses_use_up_the_tries(env: Any, world: Any) -> None:
    """bob guesses in the chat: a rival of the answer ("top-k"), another term of the field ("relu"), a word of his
    own ("nucleus"). His tries are used: the answer box tells him he has no tries left, and "temperature" typed
    next scores nothing and is not stored. Before, bob's fourth message scored "+10 points, first". It is in
    front of everyone all the same: the question closes with it, and carol's copy of it scores nothing (before,
    she got "+10 points, first" for it)."""
    _, channel, m = world
    await m["alice"].slash(channel, "quiz", topic="llms", seconds=30)
    question = channel.last_message
    for guess in ("top-k", "relu", "nucleus"):
        await m["bob"].send(channel, guess)
    assert bot_said(env, channel) == []  # the wrong guesses are silent
    refused = await box(m["bob"], question, "temperature")
    assert "no tries left" in refused.response.content.lower(), refused.response.content
    await m["bob"].send(channel, "temperature")
    await m["carol"].send(channel, "temperature")
    assert bot_said(env, channel) == []  # nobody got it: bob could no longer score, and the question had closed
    assert await attempts(env) == [
        ("bob", "top-k", "wrong", 0),
        ("bob", "relu", "wrong", 0),
        ("bob", "nucleus", "wrong", 0),
    ]
    assert env.errors == []
    assert_no_pings(env)


async def test_talk_costs_no_try_and_the_box_counts_the_chat_guesses(env: Any, world: Any) -> None:
    """bob makes two wrong guesses in the chat, then talks at length: his answer box says 1 try left (the guesses
    counted, the talk did not), and his right answer in the chat after all that still scores, first. The guesses
    are stored with his answer; the talk is not. Before, the box said 3 tries left and nothing of the guesses was
    stored."""
    _, channel, m = world
    await m["alice"].slash(channel, "quiz", topic="llms", seconds=30)
    question = channel.last_message
    await m["bob"].send(channel, "top-p")
    await m["bob"].send(channel, "softmax")
    for talk in TALK:
        await m["bob"].send(channel, talk)
        await m["carol"].send(channel, talk)  # carol has typed no guess: her tries are all hers
    shown = await m["bob"].click(question, label="Answer")
    assert "1 try left" in box_text(shown), box_text(shown)
    assert "3 tries left" in box_text(await m["carol"].click(question, label="Answer"))
    await m["bob"].send(channel, "temperature")
    assert bot_said(env, channel) == ["✅ **bob** got it first! +10 points"]
    assert await attempts(env) == [
        ("bob", "top-p", "wrong", 0),
        ("bob", "softmax", "wrong", 0),
        ("bob", "temperature", "correct", 10),
    ]
    assert env.errors == []


async def test_the_quiz_start_says_chat_guesses_cost_tries(env: Any, world: Any) -> None:
    """The start of a quiz that takes chat answers says that a wrong guess there costs a try."""
    _, channel, m = world
    started = await m["alice"].slash(channel, "quiz", topic="llms", seconds=30)
    intro = "\n".join(e.description or "" for e in started.response.embeds)
    assert "You can also type your answer in the chat." in intro
    assert "a wrong guess in the chat costs a try" in intro.lower(), intro


async def test_a_chat_guess_is_counted_as_a_try_and_talk_is_not(core_services: Services) -> None:
    """The rule, on the core: each wrong chat guess, whatever the grader makes of it (a rival, a near miss, an answer
    hedged, another term of the field, a short answer of its own), is stored and leaves one try fewer; talk is
    ignored, however much of it there is. The review schedule sees the guesses as it sees answers in the box (the
    first answer to the question rates the card: Again) and nothing of the talk."""
    s = core_services
    quiz, _ = await quiz_asking(s, "mini:temperature", user_id=1, user_name="alice", guild_id=5, channel_id=6)
    for n, talk in enumerate(TALK * 2):
        said = await s.quiz.answer(quiz.id, user_id=10, user_name="talker", response=talk, chat=True)
        assert said.ignored, (n, talk)
    guesses = ["top k or temperature", "nucleus sampling", "beam width", "gelu", "42", "maybe the seed?"]
    for n, guess in enumerate(guesses):
        user_id = 20 + n // 3  # three guesses each
        said = await s.quiz.answer(quiz.id, user_id=user_id, user_name=f"p{user_id}", response=guess, chat=True)
        assert not said.ignored and not said.verdict.correct, guess
        assert said.tries_left == 2 - n % 3, guess
    async with s.store.read() as db:
        stored = [r[0] for r in await db.execute_fetchall("SELECT response FROM attempts ORDER BY id")]
        rated = [tuple(r) for r in await db.execute_fetchall("SELECT user_id, rating FROM review_logs ORDER BY id")]
    assert stored == guesses
    assert rated == [(20, 1), (21, 1)]  # one rating per player and question, from the first guess; none for talk
