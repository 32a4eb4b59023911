"""Chat answers on a yes/no question: saying one is unsure is talk, not the player's one try.

A chat message that says the other answer of a yes/no question is its player's one try. "I don't know", "no
idea" and "not sure" say neither answer, but "I don't know" and "no idea" were read as "no" (a denial, the word
no), so on "Is BERT an encoder-only model?" (Yes) a player who admitted not knowing had used their only try
without a word, and their "yes" a moment later was ignored."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import Settings

pytestmark = pytest.mark.simcord(settle_timeout=2.0)

DECK = """\
deck: quickchecks
title: Yes or no
cards:
  - id: bert-encoder
    question: Is BERT an encoder-only model?
    answer: Yes, BERT uses only the encoder stack of the transformer.
    accept: ["Yes"]
    tags: [checks]
"""


@pytest.fixture
def cards_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "decks"
    folder.mkdir()
    (folder / "quickchecks.yaml").write_text(DECK, encoding="utf-8")
    return folder


@pytest.fixture
def settings(tmp_path: Path, cards_dir: Path) -> Settings:
    return Settings(
        token="t", db_path=tmp_path / "tutor.sqlite3", cards_dir=cards_dir, writer_process=False, chat_answers=True
    )


@pytest.fixture
async def world(env):
    guild = env.create_guild()
    channel = guild.create_text_channel("study")
    members = {name: guild.add_member(env.create_user(name)) for name in ("alice", "bob", "carol", "dave")}
    yield channel, members
    await env.bot.close()


async def attempts(env) -> list[tuple]:
    async with env.bot.tutor_services.store.read() as db:
        rows = await db.execute_fetchall("SELECT user_name, response, verdict, points FROM attempts ORDER BY id")
    return [tuple(r) for r in rows]


def bot_said(env, channel) -> list[str]:
    return [m.content for m in channel.history() if m.author.id == env.bot.user.id and m.content]


@pytest.mark.parametrize("talk", ["I don't know", "no idea", "i dont know tbh", "no clue", "dunno"])
async def test_saying_one_does_not_know_is_no_try(env, world, talk: str) -> None:
    """bob says he does not know, then answers "yes": his answer counts, first; nothing is stored for the talk.
    carol's "nope" is still her one try."""
    channel, m = world
    await m["alice"].slash(channel, "quiz", topic="checks", questions=1, seconds=30)
    await m["carol"].send(channel, "nope")
    await m["bob"].send(channel, talk)
    await m["bob"].send(channel, "yes")
    assert bot_said(env, channel) == ["✅ **bob** got it first! +10 points"]
    assert await attempts(env) == [("carol", "nope", "wrong", 0), ("bob", "yes", "correct", 10)]
