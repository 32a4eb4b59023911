"""A topic board of a long tag (tags may be up to 100 characters) still pages: with more than ten members on
it, the caller gets Previous/Next buttons that work, after a restart too, as on any other board."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from world_support import bot_closed_after  # noqa: F401  (the ``close_the_bot`` fixture)

from bot.core.models import Attempt, Source, VerdictKind
from bot.core.storage.attempts import AttemptWriter
from bot.runner import TutorBot

ROOT = Path(__file__).resolve().parents[1]
LONG_TAG = "-".join(["regularisation"] * 6) + "-abcdefghij"  # 100 characters, a valid slug
assert len(LONG_TAG) == 100

DECK = f"""deck: longtags
title: Long tags
description: A card with a long tag.
cards:
  - id: dropout
    term: dropout
    question: Which regularisation randomly zeroes activations during training?
    answer: |
      **Dropout** randomly zeroes activations while training.
    accept: [dropout]
    tags: [{LONG_TAG}]
"""


@pytest.fixture
def cards_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "decks"
    folder.mkdir()
    shutil.copy(ROOT / "tests" / "data" / "decks" / "mini.yaml", folder / "mini.yaml")
    (folder / "longtags.yaml").write_text(DECK, encoding="utf-8")
    return folder


def shown(result):
    message = result.response
    if message is None or (not message.embeds and not message.content):
        message = result.followups[-1]
    return message


def buttons(message) -> dict[str, dict]:
    return {c["label"]: c for row in message.components for c in row.get("components", []) if c.get("label")}


async def scored(services, guild, member, points: int) -> None:
    async with services.store.transaction() as db:
        await AttemptWriter().add(
            db,
            Attempt(
                guild_id=guild.id, channel_id=1, user_id=member.id, user_name=member.name,
                card_key="longtags:dropout", source=Source.QUIZ, response="x", verdict=VerdictKind.CORRECT,
                points=points, created_at=services.now(),
            ),
        )  # fmt: skip


async def test_a_long_tags_board_has_working_page_buttons(env, services, settings, clock) -> None:
    """/leaderboard topic:<100-character tag> with 12 members on it shows "Page 1/2" and Previous/Next
    buttons; Next turns the page (to "Page 2/2") — after a restart too — instead of a board that cannot be
    paged at all (the buttons silently left out, only a log line)."""
    guild = env.create_guild()
    channel = guild.create_text_channel("study")
    alice = guild.add_member(env.create_user("alice"))
    for i in range(11):
        await scored(services, guild, guild.add_member(env.create_user(f"player{i:02}")), 100 - i)
    await scored(services, guild, alice, 5)

    result = await alice.slash(channel, "leaderboard", period="all", topic=LONG_TAG)
    message = shown(result)
    (board,) = message.embeds
    assert "Page 1/2" in board.footer.text
    nav = buttons(message)
    assert set(nav) == {"Previous", "Next"}, f"a two-page board of a {len(LONG_TAG)}-character tag has buttons {nav}"
    for component in nav.values():
        assert len(component["custom_id"]) <= 100

    await env.restart_bot(TutorBot(settings, clock=clock))
    turned = await alice.click(message, label="Next")
    assert not env.errors
    assert not turned.followups  # the owner's board is turned in place
    edited = shown(result)
    assert "Page 2/2" in edited.embeds[0].footer.text
    assert "alice" in edited.embeds[0].description.splitlines()[-1]
