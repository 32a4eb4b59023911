"""/stats "Most missed" tells apart two cards of one term in two decks, as /deck stats does.

The server imported `biology`; later the operator added cards/biology.yaml, which that server knows as
`biology (shared)`. Both decks have a card `cell`. A member who missed both saw "cell — missed 2 of 2" and
"cell — missed 3 of 3", and two "Practice: cell" buttons: nothing said which deck each was from. Each line now
names the card as /deck stats does (`biology (shared):cell`), and the buttons name the deck where terms clash.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from deck_support import mini_cards, own_and_shared, study_with_a_mod
from deck_support import shown_message as shown

from bot.core.models import Attempt, Source, VerdictKind
from bot.core.storage.attempts import AttemptWriter

pytestmark = pytest.mark.simcord(settle_timeout=2.0)

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
    return mini_cards(tmp_path)


@pytest.fixture
async def world(env, settings, clock, cards_dir: Path):
    guild, channel, mod = study_with_a_mod(env)
    alice = guild.add_member(env.create_user("alice"))
    s, own = await own_and_shared(env, settings, clock, cards_dir, guild, mod, OURS, SHARED_BIOLOGY)
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
