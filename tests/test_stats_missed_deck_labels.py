"""/stats "Most missed" tells apart two cards of one term in two decks, as /deck stats does.

The server imported `biology`; later the operator added cards/biology.yaml, which that server knows as
`biology (shared)`. Both decks have a card `cell`. A member who missed both saw "cell — missed 2 of 2" and
"cell — missed 3 of 3", and two "Practice: cell" buttons: nothing said which deck each was from. Each line now
names the card as /deck stats does (`biology (shared):cell`), and the buttons name the deck where terms clash.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import discord
import pytest

from bot.core.models import Attempt, Source, VerdictKind
from bot.core.storage.attempts import AttemptWriter
from bot.runner import TutorBot

pytestmark = pytest.mark.simcord(settle_timeout=2.0)

ROOT = Path(__file__).resolve().parents[1]
MINI = ROOT / "tests" / "data" / "decks" / "mini.yaml"
SHARED = "biology (shared)"

OURS = b"""deck: biology
title: Our biology
cards:
  - id: cell
    term: cell
    question: What is the smallest unit of life?
    answer: The cell.
    accept: [cell]
"""

SHARED_BIOLOGY = """\
deck: biology
title: Biology (shared)
cards:
  - id: cell
    term: cell
    question: What does a battery hold one or more of?
    answer: The cell.
    accept: [cell]
"""


@pytest.fixture
def cards_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "cards"
    folder.mkdir()
    shutil.copy(MINI, folder / "mini.yaml")
    return folder


@pytest.fixture
async def world(env, settings, clock, cards_dir: Path):
    guild = env.create_guild()
    channel = guild.create_text_channel("study")
    mods = guild.create_role("Mods", permissions=discord.Permissions(manage_guild=True, manage_messages=True))
    mod = guild.add_member(env.create_user("mod"), roles=[mods])
    alice = guild.add_member(env.create_user("alice"))
    s = env.bot.tutor_services
    preview = await s.decks.preview(guild.id, "biology.yaml", OURS, "biology", user_id=mod.id)
    await s.decks.confirm(guild.id, preview.token, user_id=mod.id)
    (cards_dir / "biology.yaml").write_text(SHARED_BIOLOGY, encoding="utf-8")  # added by the operator later
    old = env.bot.tutor_services
    await env.restart_bot(TutorBot(settings, clock=clock))
    await old.close()
    s = env.bot.tutor_services
    [own] = s.catalog.owned(guild.id)
    # alice missed the server's own card twice, the shared deck's three times
    async with s.store.transaction() as db:
        for key, misses in ((f"{own.id}:cell", 2), ("biology:cell", 3)):
            for n in range(misses):
                await AttemptWriter().add(
                    db,
                    Attempt(
                        guild_id=guild.id, channel_id=channel.id, user_id=alice.id, user_name="alice", card_key=key,
                        source=Source.QUIZ, response=f"wrong {n}", verdict=VerdictKind.WRONG, points=0,
                        created_at=s.now(),
                    ),
                )  # fmt: skip
    yield channel, alice
    await env.bot.close()


def shown(result):
    return result.followups[0] if result.followups else result.response


def button_labels(message) -> list[str]:
    return [c.get("label") or "" for row in message.components for c in row.get("components", ())]


async def test_most_missed_names_each_cards_deck_as_the_server_knows_it(env, world) -> None:
    channel, alice = world
    message = shown(await alice.slash(channel, "stats"))
    missed = {f.name: f.value for f in message.embeds[0].fields}["Most missed"]
    lines = missed.splitlines()
    assert len(lines) == 2, missed
    assert f"`{SHARED}:cell`" in lines[0] and "missed 3 of 3" in lines[0], missed
    assert "`biology:cell`" in lines[1] and SHARED not in lines[1] and "missed 2 of 2" in lines[1], missed
    practice = [label for label in button_labels(message) if label.startswith("Practice")]
    assert len(practice) == 2 and len(set(practice)) == 2, practice
    assert SHARED in practice[0] and SHARED not in practice[1], practice
    assert env.errors == []
