"""/deck info does not list the server's accepted answers of a card whose question is open.

A moderator with Manage Server may be playing the quiz: while a question on a card is open (or the daily question
asks it), the answers the server accepted for it (disputes) are its answers, and the line names the card by its
id, the slug of its term. The other cards' accepted answers are listed as before, and the hidden ones come back
once the question closes.
"""

from __future__ import annotations

import discord
import pytest
from play_support import FirstChoice
from quiz_support import quiz_asking

pytestmark = pytest.mark.simcord(settle_timeout=2.0)

FIELD = "Answers accepted in this server (disputes)"


def accepted_field(result) -> str | None:
    embed = result.response.embeds[0]
    return next((f.value for f in embed.fields if f.name == FIELD), None)


@pytest.fixture
async def world(env):
    guild = env.create_guild()
    admins = guild.create_role("Admins", permissions=discord.Permissions(manage_guild=True))
    channel = guild.create_text_channel("study")
    mod = guild.add_member(env.create_user("mod"), roles=[admins])
    alice = guild.add_member(env.create_user("alice"))
    services = env.bot.tutor_services
    # The server accepted "sampling warmth" for the temperature card, and "squared penalty" for ridge.
    for card_key, typed in (("mini:temperature", "sampling warmth"), ("mini:l2-regularization", "squared penalty")):
        await accept(services, guild.id, channel.id, card_key, typed)
    yield guild, channel, mod, alice
    await env.bot.close()


async def accept(services, guild_id: int, channel_id: int, card_key: str, typed: str) -> None:
    quiz, _ = await quiz_asking(
        services, card_key,
        user_id=7, user_name="bob", guild_id=guild_id, channel_id=channel_id, private=True, card_keys=[card_key]
    )
    said = await services.quiz.answer(quiz.id, user_id=7, user_name="bob", response=typed)
    await services.quiz.stop(quiz.id, user_id=7)
    dispute = await services.disputes.open_dispute(
        guild_id=guild_id, user_id=7, user_name="bob", attempt_id=said.attempt_id, direction="question"
    )
    await services.disputes.accept(dispute.id, guild_id=guild_id, moderator_id=99)


async def test_deck_info_keeps_back_the_accepted_answers_of_an_open_question(env, world) -> None:
    guild, channel, mod, alice = world
    before = accepted_field(await mod.slash(channel, "deck info", deck="mini"))
    assert before is not None and "sampling warmth" in before and "squared penalty" in before

    env.bot.tutor_services.quiz.rng = FirstChoice()  # the temperature card, by its own question
    await alice.slash(channel, "quiz", topic="sampling", seconds=30)
    assert env.bot.tutor_services.quiz.running_in(channel.id).question.card.key == "mini:temperature"

    during = accepted_field(await mod.slash(channel, "deck info", deck="mini"))
    assert during is not None
    assert "sampling warmth" not in during and "temperature" not in during, (
        f"/deck info gave away the open question's answer: {during!r}"
    )
    assert "squared penalty" in during  # (another card's are listed as before)
    assert "kept back" in during

    await env.advance_time(60)  # the question closes and the quiz ends
    after = accepted_field(await mod.slash(channel, "deck info", deck="mini"))
    assert after is not None and "sampling warmth" in after


async def _exported(env, mod, channel, fmt: str = "yaml") -> tuple[str, str]:
    from deck_support import shown_message

    message = shown_message(await mod.slash(channel, "deck export", deck="mini", format=fmt))
    [attachment] = message.attachments
    return message.content or "", (await attachment.read()).decode("utf-8", "replace")


async def test_deck_export_leaves_out_the_accepted_answers_of_an_open_question(env, world) -> None:
    """/deck export, as /deck info, leaves out the answers the server accepted for a card whose question is open
    (the moderator may be playing it), says so, and carries them again once the question is revealed."""
    guild, channel, mod, alice = world
    _text, before = await _exported(env, mod, channel)
    assert "sampling warmth" in before and "squared penalty" in before

    env.bot.tutor_services.quiz.rng = FirstChoice()
    await alice.slash(channel, "quiz", topic="sampling", seconds=30)
    assert env.bot.tutor_services.quiz.running_in(channel.id).question.card.key == "mini:temperature"
    text, during = await _exported(env, mod, channel)
    assert "sampling warmth" not in during, "the export gave away an answer the server accepted for the open card"
    assert "squared penalty" in during  # (another card's are carried as before)
    assert "left out" in text and "a card being asked now" in text, text

    await env.advance_time(60)
    text, after = await _exported(env, mod, channel)
    assert "sampling warmth" in after and "left out" not in text
