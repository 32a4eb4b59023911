"""The writer process behind discord.py (simcord): a member's answer in a channel quiz is written by the child
before the bot replies, and the reply is the one the bot gives without it."""

from __future__ import annotations

import dataclasses
import sqlite3

import pytest
from modal_support import text_box
from play_support import FirstChoice

from bot.config import Settings
from bot.runner import TutorBot

pytestmark = pytest.mark.simcord(settle_timeout=5.0)


@pytest.fixture
def simcord_bot(settings: Settings, clock) -> TutorBot:
    return TutorBot(dataclasses.replace(settings, writer_process=True), clock=clock)


async def test_a_channel_quiz_answer_is_written_by_the_child_before_the_reply(env, settings: Settings) -> None:
    guild = env.create_guild()
    channel = guild.create_text_channel("study")
    alice, bob = (guild.add_member(env.create_user(name)) for name in ("alice", "bob"))
    services = env.bot.tutor_services
    assert services.writer_process is not None and services.writer_process.ready
    services.quiz.rng = FirstChoice()
    own_writes = services.store._writer._conn.total_changes  # noqa: SLF001
    await alice.slash(channel, "quiz", topic="nlp")
    question = channel.last_message
    shown = await bob.click(question, label="Answer")
    box = text_box(shown)
    done = await bob.submit_modal(shown, {box["custom_id"]: "Bidirectional Encoder Representations from Transformers"})
    assert "Correct" in done.response.content and "+10" in done.response.content
    with sqlite3.connect(settings.db_path) as other:
        stored = list(other.execute("SELECT user_name, verdict, points FROM attempts"))
    assert stored == [("bob", "correct", 10)]
    # The quiz's own rows (its start, its question, its end: 3) are the bot's; the answer's are not (in the
    # bot's own process, the answer changes 12 rows more: attempt, first place, leaderboard, review).
    assert services.store._writer._conn.total_changes - own_writes <= 5  # noqa: SLF001
    await env.bot.close()
