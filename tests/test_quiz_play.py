"""Playing a quiz as members notice it (issues 13 and 14): the answer box shows the question, practice is
worded for one person, choice mode has no race, a restart counts the open question, and live feedback
never hands over the answer."""

from __future__ import annotations

import discord
import pytest
from modal_support import modal_parts
from play_support import FirstChoice
from world_support import study_trio  # noqa: F401  (the ``world`` fixture)

from bot.runner import TutorBot

SETTLE_SECONDS = 2.0
pytestmark = pytest.mark.simcord(settle_timeout=SETTLE_SECONDS)


def modal_text(shown) -> str:
    return "\n".join(c["content"] for c in modal_parts(shown.modal) if c.get("type") == 10)


async def answer(member, message, text: str):
    shown = await member.click(message, label="Answer")
    if shown.modal is None:
        return shown
    box = next(c for c in modal_parts(shown.modal) if c.get("type") == 4)
    return await member.submit_modal(shown, {box["custom_id"]: text})


def field(message, name: str) -> str:
    for f in message.embeds[0].fields:
        if f.name.startswith(name):
            return f.value
    raise AssertionError(f"no field {name!r} in {[f.name for f in message.embeds[0].fields]}")


def everything(message) -> str:
    parts = [message.content or ""]
    for e in message.embeds:
        parts += [e.title or "", e.description or "", *(f"{f.name} {f.value}" for f in e.fields)]
    return "\n".join(parts)


async def test_the_answer_box_shows_the_question_and_the_tries_left(env, world) -> None:
    _, channel, m = world
    await m["alice"].slash(channel, "quiz", topic="transformers", questions=2)
    question = channel.last_message
    shown = await m["bob"].click(question, label="Answer")
    text = modal_text(shown)
    assert question.embeds[0].description in text  # the prompt stays in view while typing
    assert "3 tries left" in text
    await answer(m["bob"], question, "no idea at all")
    assert "2 tries left" in modal_text(await m["bob"].click(question, label="Answer"))


async def test_practice_is_worded_for_one_person_and_lists_the_terms_to_review(env, world) -> None:
    _, channel, m = world
    env.bot.tutor_services.quiz.rng = FirstChoice()
    r = await m["bob"].slash(channel, "quiz", topic="training", questions=2, private=True)
    first = r.response
    practice = env.bot.tutor_services.quiz.practice_of(m["bob"].id)
    right = {"mini:l1-regularization": "lasso", "mini:l2-regularization": "ridge regression"}
    done = await answer(m["bob"], first, right[practice.question.card.key])
    assert "+10 points" in done.response.content and "first" not in done.response.content
    missed = practice.question.card
    skipped = await m["bob"].click(done.response, label="Skip")
    summary = skipped.response.embeds[-1]
    assert summary.title == "Practice over · training"
    shown = everything(skipped.response)
    assert "🥇" not in shown and "Hardest" not in shown and "Ranking" not in shown
    assert field_of(summary, "Your result") == "1 of 2 questions right · 10 points"
    assert field_of(summary, "To review") == f"**{missed.term}**"  # the term, not the whole prompt again


def field_of(e: discord.Embed, name: str) -> str:
    return next(f.value for f in e.fields if f.name == name)


async def test_choice_mode_has_no_race_every_right_pick_scores_the_same(env, world) -> None:
    _, channel, m = world
    r = await m["alice"].slash(channel, "quiz", topic="llms", mode="choice", seconds=20)
    assert "every right pick" in r.response.embeds[0].description
    question = channel.last_message
    right = next(c.label for c in question.components[0].children if c.label.endswith(". temperature"))
    first = await m["bob"].click(question, label=right)
    assert "+5 points" in first.response.content
    assert "first" not in first.response.content and "seconds" not in first.response.content
    await env.advance_time(10)  # far past a race's window: the question is still open
    second = await m["carol"].click(question, label=right)
    assert "+5 points" in second.response.content
    await env.advance_time(11)
    got = field(channel.history()[-2], "Got it")
    assert "**bob** (+5)" in got and "**carol** (+5)" in got and "first" not in got


async def test_after_a_restart_the_notice_counts_the_question_that_was_posted(env, world, settings, clock) -> None:
    _, channel, m = world
    await m["alice"].slash(channel, "quiz", topic="transformers", questions=3, seconds=10)
    await env.advance_time(10.5 + 4.5)  # question 1 closes unanswered; question 2 is posted
    assert channel.last_message.embeds[0].title == "Question 2/3 · transformers"
    crashed = env.bot.tutor_services
    await env.restart_bot(TutorBot(settings, clock=clock))
    notice = channel.last_message
    assert notice.embeds[0].title == "⏹️ Quiz interrupted · transformers"
    assert field(notice, "Questions") == "2/3" and field(notice, "Ranking") == "Nobody answered."
    old = channel.history()[-2]
    assert old.embeds[0].title == "Question 2/3 · ended" and old.components == []
    await crashed.close()


async def test_live_feedback_names_nothing_unrevealed_and_pasting_it_back_does_not_score(env, world) -> None:
    _, channel, m = world
    env.bot.tutor_services.quiz.rng = FirstChoice()
    await m["alice"].slash(channel, "quiz", topic="mlops", essays=True)
    question = channel.last_message
    partial = await answer(m["bob"], question, "data is streamed to the model")
    said = partial.response.content
    assert "1 of 2 key points" in said
    assert "batch" not in said.lower() and "missing" not in said.lower()
    pasted = await answer(m["carol"], question, said)
    assert "Correct" not in pasted.response.content and "+" not in pasted.response.content
    await m["alice"].click(question, label="Stop")
    await env.advance_time(25)
    await m["alice"].slash(channel, "quiz", topic="nlp")
    question = channel.last_message
    almost = await answer(m["bob"], question, "Bidirectional Encoder Representations")
    said = almost.response.content
    assert "Almost" in said and "BERT" not in said and "Transformers" not in said
    pasted = await answer(m["carol"], question, said.replace("🟡", ""))
    assert "Correct" not in pasted.response.content and "+10" not in pasted.response.content


async def test_practice_names_the_answer_only_after_the_last_try(env, world) -> None:
    _, channel, m = world
    env.bot.tutor_services.quiz.rng = FirstChoice()
    r = await m["bob"].slash(channel, "quiz", topic="optimization", questions=1, private=True)
    card = env.bot.tutor_services.quiz.practice_of(m["bob"].id).question.card
    right, wrong = ("L1", "L2") if card.key == "mini:l1-regularization" else ("L2", "L1")
    first = await answer(m["bob"], r.response, wrong)
    # ("L1" where "L2" is right is the answer's rival: until the last try it reads as any wrong answer)
    assert "Not quite" in first.response.content and right not in first.response.content
    await answer(m["bob"], r.response, wrong + " regularization")
    last = await answer(m["bob"], r.response, wrong)
    assert f"is not *{right}*" in last.response.content  # over: now the feedback may name it
    assert last.response.embeds[0].title == "Practice 1/1 · answer"
