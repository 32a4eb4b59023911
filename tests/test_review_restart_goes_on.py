"""/review across a restart (a deploy, a crash). The card on show of an open review is kept in the database when it
is shown, so an answer typed in its box, "Don't know" or a button pressed on it once the bot is back takes the review
up again: the answer is graded against the card as it was shown (its new version when its deck changed it meanwhile,
as while the bot runs), stored and rated once however often it is sent, and the review goes on to its next card. A
review left idle longer than a review is kept open still says it has ended, and nothing is counted."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from deck_support import mini_cards
from modal_support import text_box
from play_support import MINI_RIGHT, assert_no_pings, restart
from quiz_support import quiz_asking
from world_support import study_pair  # noqa: F401  (the ``world`` fixture)

from bot.runner import TutorBot

SETTLE_SECONDS = 5.0
pytestmark = pytest.mark.simcord(settle_timeout=SETTLE_SECONDS)

RIGHT = MINI_RIGHT
BERT_QUESTION = "What does BERT stand for?"


@pytest.fixture
def cards_dir(tmp_path: Path) -> Path:
    """A deck folder of the mini deck that a test may change while the bot is down."""
    return mini_cards(tmp_path)


async def crash(env: Any, settings: Any, clock: Any) -> Any:
    """The bot dies and another starts on the same database (the old one is dropped, not closed). The old services,
    to close at the end of the test."""
    old = env.bot.tutor_services
    await env.restart_bot(TutorBot(settings, clock=clock))
    return old


async def send(member: Any, box: Any, text: str) -> Any:
    """Type ``text`` in the answer box a click opened, and send it."""
    assert box.modal is not None, box.response and box.response.content
    return await member.submit_modal(box, {text_box(box)["custom_id"]: text})


async def rows(env: Any, sql: str) -> list[tuple[Any, ...]]:
    async with env.bot.tutor_services.store.read() as db:
        return [tuple(r) for r in await db.execute_fetchall(sql)]


async def answered_across_a_restart(env: Any, settings: Any, clock: Any, member: Any, channel: Any) -> Any:
    """``member``'s review card (BERT) with its answer box opened three times; the bot crashes, then the first box
    is sent with the right answer and rated: the card's message, the three boxes, the crashed services."""
    card = (await member.slash(channel, "review start")).response
    boxes = [await member.click(card, label="Answer") for _ in range(3)]
    crashed = await crash(env, settings, clock)
    first = await send(member, boxes[0], RIGHT["mini:bert"])
    assert first.response.embeds[0].footer.text == "Rated good"
    return card, boxes, crashed


def field_names(message: Any) -> list[str]:
    return [f.name for f in message.embeds[0].fields]


async def test_an_answer_typed_across_a_restart_is_graded_rated_once_and_the_review_goes_on(
    env, world, settings, clock
) -> None:
    _, channel, m = world
    alice = m["alice"]
    card = (await alice.slash(channel, "review start")).response
    box = await alice.click(card, label="Answer")
    await env.advance_time(12)  # she types while the bot is redeployed
    await restart(env, settings, clock)
    sent = await send(alice, box, RIGHT["mini:bert"])
    verdict = sent.response
    assert verdict is not None and verdict.id == card.id, "the review did not go on in its message"
    assert verdict.embeds[0].description.startswith("✅"), verdict.embeds[0].description
    assert verdict.embeds[0].footer.text == "Rated good"
    assert await rows(env, "SELECT user_name, card_key, verdict, source FROM attempts") == [
        ("alice", "mini:bert", "correct", "review")
    ]
    # rated once, the time taken counted from when the card was shown before the restart
    assert await rows(env, "SELECT card_key, rating, duration_ms FROM review_logs") == [("mini:bert", 3, 12000)]
    nxt = await alice.click(verdict, label="Next")
    assert nxt.response.embeds[0].title == "🧠 Review · card 2"
    assert BERT_QUESTION not in (nxt.response.embeds[0].description or "")
    assert_no_pings(env)


async def test_dont_know_after_a_crash_rates_the_card_and_the_review_goes_on(env, world, settings, clock) -> None:
    _, channel, m = world
    alice = m["alice"]
    card = (await alice.slash(channel, "review start")).response
    crashed = await crash(env, settings, clock)
    done = await alice.click(card, label="Don't know")
    assert done.response is not None and done.response.id == card.id
    assert done.response.embeds[0].footer.text == "Rated again"
    assert await rows(env, "SELECT card_key, verdict FROM attempts") == [("mini:bert", "empty")]
    assert await rows(env, "SELECT card_key, rating FROM review_logs") == [("mini:bert", 1)]
    nxt = await alice.click(done.response, label="Next")
    assert nxt.response.embeds[0].title == "🧠 Review · card 2"
    await crashed.close()


async def test_an_answer_box_sent_again_after_a_restart_rates_the_card_once(env, world, settings, clock) -> None:
    _, channel, m = world
    alice = m["alice"]
    # the same answer box, open three times (Discord keeps a box open and lets it be sent again when the bot's
    # reply to it is lost): each is sent once
    card, boxes, crashed = await answered_across_a_restart(env, settings, clock, alice, channel)
    again = await send(alice, boxes[1], RIGHT["mini:bert"])
    assert again.ephemeral and "already answered" in again.response.content
    crashed_again = await crash(env, settings, clock)
    late = await send(alice, boxes[2], RIGHT["mini:bert"])  # sent after another restart: its result, not rated again
    assert late.response is not None and late.response.id == card.id
    assert "Saved earlier" in field_names(late.response) and late.response.embeds[0].footer.text == "Rated good"
    assert await rows(env, "SELECT card_key, verdict FROM attempts") == [("mini:bert", "correct")]
    assert await rows(env, "SELECT card_key, rating FROM review_logs") == [("mini:bert", 3)]
    nxt = await alice.click(late.response, label="Next")
    assert nxt.response.embeds[0].title == "🧠 Review · card 2"
    for old in (crashed, crashed_again):
        await old.close()


async def test_a_review_idle_too_long_across_a_restart_still_says_it_has_ended(env, world, settings, clock) -> None:
    _, channel, m = world
    alice, bob = m["alice"], m["bob"]
    card = (await alice.slash(channel, "review start")).response
    box = await alice.click(card, label="Answer")
    bobs = (await bob.slash(channel, "review start")).response
    await restart(env, settings, clock)
    await env.advance_time(50 * 60)  # within the hour a review is kept open: it goes on
    kept = await bob.click(bobs, label="Don't know")
    assert kept.response.id == bobs.id and kept.response.embeds[0].footer.text == "Rated again"
    await env.advance_time(11 * 60)  # alice's card has now been on show longer than that
    late = await send(alice, box, RIGHT["mini:bert"])
    assert late.ephemeral
    assert "This review session has ended, so your answer was not counted." in late.response.content
    click = await alice.click(card, label="Don't know")
    assert click.ephemeral and "This review session has ended" in click.response.content
    assert await rows(env, "SELECT user_name, verdict FROM attempts") == [("bob", "empty")]


async def test_a_card_changed_while_the_bot_was_down_shows_its_new_version_uncounted(
    env, world, settings, clock, cards_dir
) -> None:
    _, channel, m = world
    alice = m["alice"]
    card = (await alice.slash(channel, "review start")).response
    box = await alice.click(card, label="Answer")
    deck = cards_dir / "mini.yaml"
    changed = "Which encoder-only transformer is pre-trained with masked language modelling?"
    deck.write_text(deck.read_text(encoding="utf-8").replace(BERT_QUESTION, changed), encoding="utf-8")
    await restart(env, settings, clock)  # the new version of the deck is loaded
    sent = await send(alice, box, RIGHT["mini:bert"])
    assert sent.response.id == card.id and "Changed" in field_names(sent.response)
    assert "not counted" in " ".join(f.content or "" for f in sent.followups)
    assert await rows(env, "SELECT * FROM attempts") == []
    box = await alice.click(sent.response, label="Answer")
    done = await send(alice, box, RIGHT["mini:bert"])
    assert done.response.embeds[0].footer.text == "Rated good"
    assert await rows(env, "SELECT card_key, rating FROM review_logs") == [("mini:bert", 3)]


async def test_an_answer_saved_before_a_restart_keeps_the_answer_back_while_the_card_is_asked(
    env, world, settings, clock
) -> None:
    """alice's answer to BERT was saved; after a restart, while a channel quiz asks BERT, the same answer box sent
    again tells her privately that her answer is saved, and shows nothing of the card's answer. Once the question
    closes, the box shows the saved outcome."""
    guild, channel, m = world
    alice = m["alice"]
    card, boxes, crashed = await answered_across_a_restart(env, settings, clock, alice, channel)
    crashed_again = await crash(env, settings, clock)
    quiz, _ = await quiz_asking(
        env.bot.tutor_services, "mini:bert", user_id=m["bob"].id, user_name="bob", guild_id=guild.id,
        channel_id=guild.create_text_channel("quiz").id,
    )
    held = await send(alice, boxes[1], RIGHT["mini:bert"])
    assert held.ephemeral and "is saved" in held.response.content, held.response.content
    assert "bidirectional" not in held.response.content.lower() and not held.response.embeds
    await env.bot.tutor_services.quiz.finish(quiz.id)
    late = await send(alice, boxes[2], RIGHT["mini:bert"])
    assert late.response is not None and late.response.id == card.id and "Saved earlier" in field_names(late.response)
    assert await rows(env, "SELECT card_key, rating FROM review_logs") == [("mini:bert", 3)]
    assert_no_pings(env)
    for old in (crashed, crashed_again):
        await old.close()
