"""A member's own practice question and the quizzes about to ask a card keep its answer hidden from them
(simcord): while their practice question still takes tries, /define, /search and a dispute page on it give
nothing away; an accepted dispute's "X now counts as right" waits while a quiz just started will ask that card."""

from __future__ import annotations

import pytest
import test_disputes_play as play
from test_disputes_play import TEMPERATURE, WAS_RIGHT, answer, decided_dispute, everything

# (the play deck and the server of ``test_disputes_play``)
cards_dir = play.cards_dir
world = play.world

pytestmark = pytest.mark.simcord(settle_timeout=2.0)


async def test_a_practice_question_still_taking_tries_is_hidden_from_its_own_player(env, world) -> None:
    _, channel, m = world
    started = await m["mod"].slash(channel, "quiz", topic="sampling", questions=1, private=True)
    assert TEMPERATURE in everything(started.response)
    wrong = await answer(m["mod"], started.response, "softmax divisor")
    assert "tries left" in wrong.response.content  # the question still scores

    looked = await m["mod"].slash(channel, "define", term="temperature", private=True)
    assert "repetitive, deterministic" not in everything(looked.response)
    found = await m["mod"].slash(channel, "search", text="repetitive creative", private=True)
    assert "temperature" not in everything(found.response).lower()

    # the practising moderator disputes their own wrong try, then opens the review page
    sent = await m["mod"].click(wrong.response, label=WAS_RIGHT)
    assert "Sent to the moderators" in sent.response.content
    page = await m["mod"].slash(channel, "disputes review")
    shown = everything(page.response)
    assert "Accepted answers" in shown and "Hidden while the question is still open" in shown
    assert "temperature" not in shown.replace(TEMPERATURE, "").lower()

    # once the question closes (its right answer), the card is theirs to read again
    right = await answer(m["mod"], started.response, "temperature")
    assert "Correct" in right.response.content
    looked = await m["mod"].slash(channel, "define", term="temperature", private=True)
    assert "repetitive, deterministic" in everything(looked.response)


async def test_another_members_practice_hides_nothing_from_the_rest(env, world) -> None:
    _, channel, m = world
    started = await m["bob"].slash(channel, "quiz", topic="sampling", questions=1, private=True)
    await answer(m["bob"], started.response, "softmax divisor")
    looked = await m["carol"].slash(channel, "define", term="temperature", private=True)
    assert "repetitive, deterministic" in everything(looked.response)


async def test_an_accept_on_a_card_a_quiz_just_started_will_ask_waits_until_its_question_closes(env, world) -> None:
    _, channel, m = world
    await decided_dispute(env, channel, m, "Accept")  # bob's "softmax divisor" is right for temperature here now
    await env.advance_time(60)
    started = await m["bob"].slash(channel, "quiz", topic="sampling", questions=1, seconds=30)
    assert not any("softmax divisor" in (f.content or "") for f in started.followups)
    question = channel.last_message
    assert TEMPERATURE in everything(question)
    await env.advance_time(60)  # the question closes and reveals its answer

    told = await m["bob"].slash(channel, "define", term="cosine similarity")
    assert any("**softmax divisor**" in (f.content or "") for f in told.followups)


async def test_a_new_practice_on_the_card_of_the_one_going_replaces_it(env, world) -> None:
    # The practice going still takes tries on the temperature card: the member's new practice of that topic asks
    # it all the same (the old one ends), rather than refuse as if another member were asking it.
    _, channel, m = world
    first = await m["bob"].slash(channel, "quiz", topic="sampling", questions=1, private=True)
    await answer(m["bob"], first.response, "softmax divisor")
    again = await m["bob"].slash(channel, "quiz", topic="sampling", questions=1, private=True)
    assert TEMPERATURE in everything(again.response), again.response.content
