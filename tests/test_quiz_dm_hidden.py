"""A channel-quiz question's answer stays hidden in a direct message with the bot too.

Until the question closes, /define, /search and "Quiz me" do not find its card in the server (README); a direct
message belongs to no server, so there the cards open in any server are hidden: a player in the race cannot
open their DM with the bot, search two words of the question and read the answer.
"""

from __future__ import annotations

import discord
import pytest
from modal_support import modal_parts
from play_support import FirstChoice

SETTLE_SECONDS = 2.0
pytestmark = pytest.mark.simcord(settle_timeout=SETTLE_SECONDS)


@pytest.fixture
async def world(env):
    guild = env.create_guild()
    channel = guild.create_text_channel("study")
    users = {name: env.create_user(name) for name in ("alice", "bob")}
    members = {name: guild.add_member(u) for name, u in users.items()}
    yield guild, channel, members, users
    await env.bot.close()


def everything(message) -> str:
    parts = [message.content or ""]
    for e in message.embeds:
        parts += [e.title or "", e.description or "", *(f"{f.name} {f.value}" for f in e.fields)]
    for row in message.components or []:
        parts += [str(c.get("label")) for c in row.get("components", [])] if isinstance(row, dict) else []
    return "\n".join(parts)


async def open_temperature_question(env, world):
    _, channel, m, _ = world
    env.bot.tutor_services.quiz.rng = FirstChoice()  # asked by its own question
    await m["alice"].slash(channel, "quiz", topic="llms", seconds=60)
    question = channel.last_message
    assert "Which sampling parameter" in question.embeds[0].description
    return question


async def test_search_in_a_dm_does_not_find_the_card_of_an_open_question(env, world) -> None:
    _, channel, m, users = world
    await open_temperature_question(env, world)
    here = await m["bob"].slash(channel, "search", text="repetitive creative")
    assert "No card mentions" in here.response.content  # hidden in the server, as the README says

    dm = await users["bob"].slash("search", text="repetitive creative")  # the same words, in a DM with the bot

    assert "temperature" not in everything(dm.response).lower(), "a DM search named the open question's answer"


async def test_define_in_a_dm_does_not_show_the_card_of_an_open_question(env, world) -> None:
    await open_temperature_question(env, world)
    _, _, _, users = world

    dm = await users["bob"].slash("define", term="temperature")

    assert "repetitive, deterministic" not in everything(dm.response), (
        "a DM /define showed the open question's explanation"
    )


async def test_quiz_me_in_a_dm_does_not_practise_the_card_of_an_open_question(env, world) -> None:
    from cogs.quiz import practice_button

    await open_temperature_question(env, world)
    _, _, m, users = world
    # A "Quiz me" button in bob's DM with the bot (as /define there sends one).
    view = discord.ui.View()
    view.add_item(practice_button("mini:temperature"))
    dm_channel = await env.bot.fetch_channel(users["bob"].dm_channel.id)
    await dm_channel.send("temperature", view=view)
    button_message = users["bob"].dm_channel.last_message

    practice = await users["bob"].click(button_message, label="Quiz me")
    started = practice.response.embeds and practice.response.embeds[0].title.startswith("Practice")
    if started:  # three wrong tries: the reveal names the answer while the channel question still scores
        question = practice.response
        for _ in range(3):
            shown = await users["bob"].click(question, label="Answer")
            box = next(c for c in modal_parts(shown.modal) if c.get("type") == 4)
            practice = await users["bob"].submit_modal(shown, {box["custom_id"]: "top-k"})
    assert not started, f"a practice on the open question's card started in a DM: {everything(practice.response)!r}"
