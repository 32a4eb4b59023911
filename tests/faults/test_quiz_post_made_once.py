"""A quiz post whose answer from Discord is lost after Discord made the message: the connection drops while the
answer is read (aiohttp's ``ClientPayloadError``, "Response payload is not completed") or the call times out. The
post is tried again, and Discord must not post it twice: every try of one post carries the same nonce, and
Discord (``enforce_nonce``; ``AnswerLostAfterPosting`` emulates it) answers the retry with the message already
made. Before, each retry was a new message: the channel showed question 1 twice, the first copy open for ever
(only the second turned into the reveal), the quiz's summary twice, or the chat answers' announcement twice."""

from __future__ import annotations

from pathlib import Path

import aiohttp
import pytest
from faultkit import AnswerLostAfterPosting, embed_title

from bot.config import Settings

ERRORS = {
    "payload-cut-off": lambda: aiohttp.ClientPayloadError("Response payload is not completed"),
    "timeout": lambda: TimeoutError(),
}


@pytest.fixture
def settings(tmp_path: Path, cards_dir: Path) -> Settings:
    return Settings(
        token="t", db_path=tmp_path / "tutor.sqlite3", cards_dir=cards_dir, writer_process=False, chat_answers=True
    )


@pytest.mark.parametrize("kind", list(ERRORS))
@pytest.mark.parametrize("post", ["Question 1/1", "🏁 Quiz over"])
async def test_a_quiz_post_discord_made_before_its_answer_was_lost_is_posted_once(
    env, world, ui, monkeypatch, kind, post
) -> None:
    _, channel, m = world
    lost = AnswerLostAfterPosting(lambda json: embed_title(json).startswith(post), ERRORS[kind]()).install(monkeypatch)
    await m["alice"].slash(channel, "quiz", topic="llms", questions=1, seconds=10)
    await env.advance_time(60)
    assert lost.lost, "the post was never made: adapt the test"
    titles = ui.titles(channel)
    assert len([t for t in titles if t.startswith(post)]) == 1, f"posted more than once: {titles}"
    assert ui.told_quiz_ended(channel), titles


@pytest.mark.parametrize("kind", list(ERRORS))
async def test_a_chat_answers_announcement_discord_made_is_posted_once(env, world, monkeypatch, kind) -> None:
    _, channel, m = world
    lost = AnswerLostAfterPosting(lambda json: "got it" in (json.get("content") or ""), ERRORS[kind]())
    lost.install(monkeypatch)
    await m["alice"].slash(channel, "quiz", topic="llms", questions=1, seconds=30)
    await m["bob"].send(channel, "temperature")
    await env.advance_time(5)
    assert lost.lost, "no announcement was posted: adapt the test"
    said = [msg.content for msg in channel.history() if msg.author.id == env.bot.user.id and "got it" in msg.content]
    assert len(said) == 1, f"the announcement was posted more than once: {said}"
