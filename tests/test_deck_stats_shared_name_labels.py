"""/deck stats (and /disputes stats) name each card so a moderator can tell which deck it is from, also when the
server's own deck and a shared deck have one name.

The server imported `biology`; later the operator added cards/biology.yaml, which that server knows as
`biology (shared)`. Both decks have a card `cell`. The shared deck's card used to be labelled `biology:cell`, the
label of the server's own card: in /deck stats of the shared deck, in the server-wide table and in the CSV files,
a moderator could not tell which deck's card was the most missed.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from deck_support import mini_cards, own_and_shared, study_with_a_mod
from deck_support import shown_message as shown

from bot.core.errors import UserError
from bot.core.models import Attempt, Source, VerdictKind
from bot.core.storage.attempts import AttemptWriter
from bot.runner import TutorBot

pytestmark = pytest.mark.simcord(settle_timeout=2.0)

SHARED = "biology (shared)"

OURS = b"""deck: biology
title: Our biology
cards:
  - id: cell
    question: What is the smallest unit of life?
    answer: The cell.
    accept: [cell]
"""

SHARED_BIOLOGY = """\
deck: biology
title: Biology (shared)
cards:
  - id: cell
    term: cell membrane
    question: What surrounds a cell and controls what goes in and out?
    answer: The cell membrane.
    accept: [cell membrane, membrane]
"""


@pytest.fixture
def cards_dir(tmp_path: Path) -> Path:
    return mini_cards(tmp_path)


@pytest.fixture
async def world(env, settings, clock, cards_dir: Path):
    guild, channel, mod = study_with_a_mod(env)
    s, own = await own_and_shared(env, settings, clock, cards_dir, guild, mod, OURS, SHARED_BIOLOGY)
    # the server's own card is missed twice, the shared deck's three times
    for key, misses in ((f"{own.id}:cell", 2), ("biology:cell", 3)):
        async with s.store.transaction() as db:
            for n in range(misses):
                await AttemptWriter().add(
                    db,
                    Attempt(
                        guild_id=guild.id, channel_id=channel.id, user_id=100 + n, user_name=f"m{n}", card_key=key,
                        source=Source.QUIZ, response=f"wrong {key[-4:]} {n}", verdict=VerdictKind.WRONG, points=0,
                        created_at=s.now(),
                    ),
                )  # fmt: skip
    yield guild, channel, mod
    await env.bot.close()


def field(message, name: str) -> str:
    return {f.name: f.value for f in message.embeds[0].fields}[name]


def csv_rows(env, message) -> list[dict[str, str]]:
    [attachment] = message.attachments
    return list(csv.DictReader(io.StringIO(env.backend.cdn.get(attachment.url).decode("utf-8-sig"))))


async def test_deck_stats_of_the_shared_deck_names_its_cards_by_the_shared_name(env, world) -> None:
    _, channel, mod = world
    r = shown(await mod.slash(channel, "deck stats", deck=SHARED, csv=True))
    missed = field(r, "Most missed")
    assert f"`{SHARED}:cell`" in missed, missed
    assert "`biology:cell`" not in missed, f"the shared deck's card has the server's own card's label: {missed}"
    assert [row["card"] for row in csv_rows(env, r)] == [f"{SHARED}:cell"]

    own = shown(await mod.slash(channel, "deck stats", deck="biology", csv=True))
    assert "`biology:cell`" in field(own, "Most missed") and SHARED not in field(own, "Most missed")
    assert [row["card"] for row in csv_rows(env, own)] == ["biology:cell"]


async def test_the_server_wide_table_tells_the_two_cells_apart(env, world) -> None:
    _, channel, mod = world
    r = shown(await mod.slash(channel, "disputes stats", csv=True))
    missed = field(r, "Most missed")
    lines = missed.splitlines()
    assert lines[0].startswith(f"`{SHARED}:cell`") and "0/3 right" in lines[0], missed
    assert lines[1].startswith("`biology:cell`") and "0/2 right" in lines[1], missed
    cards = [(row["card"], row["missed"]) for row in csv_rows(env, r)]
    assert cards == [(f"{SHARED}:cell", "3"), ("biology:cell", "2")], cards


async def test_a_shared_card_no_longer_in_the_catalog_keeps_a_label_of_its_own(
    env, world, settings, clock, cards_dir: Path
) -> None:
    """The operator removes cards/biology.yaml again: its card's answers stay stored, named as the shared deck's."""
    _, channel, mod = world
    (cards_dir / "biology.yaml").unlink()
    old = env.bot.tutor_services
    await env.restart_bot(TutorBot(settings, clock=clock))
    await old.close()
    r = shown(await mod.slash(channel, "disputes stats", csv=True))
    lines = field(r, "Most missed").splitlines()
    assert lines[0].startswith(f"`{SHARED}:cell`") and "no longer in the deck" in lines[0], lines
    assert lines[1].startswith("`biology:cell`") and "no longer in the deck" not in lines[1], lines
    cards = [row["card"] for row in csv_rows(env, r)]
    assert cards == [f"{SHARED}:cell", "biology:cell"], cards


async def test_disputes_stats_offers_the_shared_deck_by_the_name_the_server_knows(env, settings, clock, cards_dir) -> None:
    """/disputes stats, like /deck stats, offers the shipped "biology" as "biology (shared)" beside the server's own
    "biology": otherwise the shared one cannot be picked from the list."""
    guild, channel, mod = study_with_a_mod(env)
    await own_and_shared(env, settings, clock, cards_dir, guild, mod, OURS, SHARED_BIOLOGY)
    for command in ("deck stats", "disputes stats"):
        offered = await mod.autocomplete(channel, command, "deck", "bio")
        names = [c["value"] if isinstance(c, dict) else getattr(c, "value", c) for c in offered]
        assert sorted(names) == ["biology", "biology (shared)"], (command, names)
    await env.bot.close()


async def test_a_deck_removed_beside_a_shared_one_of_its_name_can_be_imported_again(
    env, settings, clock, cards_dir
) -> None:
    """Removing the server's "biology" says importing the file again brings it back. It does, though a shared
    "biology" came in meanwhile: the same deck (its cards' history with it), and the shared one is again
    "biology (shared)". A name the server never used is still refused for being a shared deck's."""
    guild, channel, mod = study_with_a_mod(env)
    s, own = await own_and_shared(env, settings, clock, cards_dir, guild, mod, OURS, SHARED_BIOLOGY)
    await s.decks.remove(guild.id, "biology")
    preview = await s.decks.preview(guild.id, "biology.yaml", OURS, "biology", user_id=mod.id)
    await s.decks.confirm(guild.id, preview.token, user_id=mod.id)
    [back] = s.catalog.owned(guild.id)
    assert back.id == own.id
    assert sorted(s.decks.names(guild.id, "bio")) == ["biology", "biology (shared)"]
    with pytest.raises(UserError, match="every server has"):
        await s.decks.preview(guild.id, "mini.yaml", OURS, "mini", user_id=mod.id)
    await env.bot.close()


async def test_the_cards_of_a_removed_deck_keep_a_label_apart_from_the_shared_deck_of_its_name(env, world) -> None:
    """The server removes its own "biology": the shared "biology" is the one it knows by that name now. In the
    server-wide table the removed deck's card is "biology (removed):cell", not a second "biology:cell"."""
    guild, channel, mod = world
    await mod.slash(channel, "deck remove", deck="biology")
    r = shown(await mod.slash(channel, "disputes stats", csv=True))
    labels = [row["card"] for row in csv_rows(env, r)]
    assert sorted(labels) == ["biology (removed):cell", "biology:cell"], labels
    assert "`biology (removed):cell`" in field(r, "Most missed")


async def test_deck_stats_reads_a_removed_deck_by_the_label_its_cards_have(env, world) -> None:
    """Beside the shared "biology", the removed deck's cards are "biology (removed):cell": /deck stats of
    "biology (removed)" shows them (and "biology" the shared deck's)."""
    guild, channel, mod = world
    await mod.slash(channel, "deck remove", deck="biology")
    r = shown(await mod.slash(channel, "deck stats", deck="biology (removed)", csv=True))
    assert r.embeds and r.embeds[0].title == "Answer insight — biology (removed)", r.content
    assert [row["card"] for row in csv_rows(env, r)] == ["biology (removed):cell"]
    shared = shown(await mod.slash(channel, "deck stats", deck="biology", csv=True))
    assert [row["card"] for row in csv_rows(env, shared)] == ["biology:cell"]


def _offered(choices) -> list[str]:
    return sorted(c["value"] if isinstance(c, dict) else getattr(c, "value", c) for c in choices)


async def test_deck_stats_offers_a_removed_deck_by_the_name_it_takes(env, world) -> None:
    """/deck stats reads a removed deck's answers; its list offers it too, as "biology (removed)" beside the shared
    "biology" (the name /deck stats takes), and picking it shows that deck. /deck info, which has no removed deck
    to show, does not offer it."""
    _guild, channel, mod = world
    await mod.slash(channel, "deck remove", deck="biology")
    assert _offered(await mod.autocomplete(channel, "deck stats", "deck", "bio")) == ["biology", "biology (removed)"]
    assert _offered(await mod.autocomplete(channel, "deck stats", "deck", "remov")) == ["biology (removed)"]
    assert _offered(await mod.autocomplete(channel, "deck info", "deck", "bio")) == ["biology"]
    r = shown(await mod.slash(channel, "deck stats", deck="biology (removed)"))
    assert r.embeds and r.embeds[0].title == "Answer insight — biology (removed)", r.content


async def test_deck_stats_offers_a_removed_deck_by_its_own_name_when_no_deck_has_it(env) -> None:
    """With no deck of its name now, a removed deck is offered by its own name, in its server only."""
    guild, channel, mod = study_with_a_mod(env)
    s = env.bot.tutor_services
    preview = await s.decks.preview(guild.id, "botany.yaml", OURS, "botany", user_id=mod.id)
    await s.decks.confirm(guild.id, preview.token, user_id=mod.id)
    assert _offered(await mod.autocomplete(channel, "deck stats", "deck", "bot")) == ["botany"]
    await mod.slash(channel, "deck remove", deck="botany")
    assert _offered(await mod.autocomplete(channel, "deck stats", "deck", "bot")) == ["botany"]
    assert _offered(await mod.autocomplete(channel, "deck info", "deck", "bot")) == []
    _other, other_channel, other_mod = study_with_a_mod(env)
    assert _offered(await other_mod.autocomplete(other_channel, "deck stats", "deck", "bot")) == []
    await env.bot.close()
