"""What the dispute and export tests share: a practice answer disputed and accepted, a deck exported in YAML and
imported back into the same server, the features started on a database of the test's engine, and a simcord server
with a moderator."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import discord

from bot.core.catalog import Catalog
from bot.core.decks import load_decks
from bot.core.disputes import Decision
from bot.core.models import Card, Verdict
from bot.core.service import Services
from bot.core.storage import DeckQueries

G, CH, BOB, MOD = 100, 200, 2, 99
MINI_DECKS = Path(__file__).parent / "data" / "decks"


async def accept_answer(s: Services, card_key: str, typed: str, direction: str = "question") -> Verdict:
    """``typed`` to the card in a private quiz, which the player then stops (an accept waits for the question
    to close), disputed and accepted; the verdict it had."""
    return (await accepted_practice_answer(s, card_key, typed, direction))[0]


async def accepted_practice_answer(
    s: Services, card_key: str, typed: str, direction: str = "question"
) -> tuple[Verdict, Decision]:
    """``accept_answer``'s verdict, and the moderator's decision."""
    quiz = await s.quiz.start_quiz(
        user_id=BOB, user_name="bob", guild_id=G, channel_id=CH, private=True, card_keys=[card_key]
    )
    quiz.plan = [(s.catalog.card(card_key), direction)]
    s.quiz.open_question(quiz.id)
    said = await s.quiz.answer(quiz.id, user_id=BOB, user_name="bob", response=typed)
    await s.quiz.stop(quiz.id, user_id=BOB)
    dispute = await s.disputes.open_dispute(
        guild_id=G, user_id=BOB, user_name="bob", attempt_id=said.attempt_id, direction=direction
    )
    decision = await s.disputes.accept(dispute.id, guild_id=G, moderator_id=MOD)
    return said.verdict, decision


async def exported_again(s: Services, deck: str, card_id: str) -> Card:
    """The card as ``/deck export`` writes it in YAML, imported back as a server deck."""
    exported = await s.decks.export(G, deck, "yaml")
    preview = await s.decks.preview(G, exported.filename, exported.data, f"{deck}-copy", user_id=MOD)
    await s.decks.confirm(G, preview.token, user_id=MOD)
    found = s.catalog.named(G, f"{deck}-copy")
    assert found is not None
    card = found.card(card_id)
    assert card is not None
    return card


async def started_services(store: Any, clock: Any) -> Services:
    """The features on ``store`` (the mini decks synced into it), started."""
    decks = load_decks(MINI_DECKS)
    await DeckQueries(store).sync_decks(decks, now=clock())
    services = Services(store, Catalog(decks), clock=clock, rng=random.Random(7))
    for feature in services._features:
        await feature.start()
    return services


def moderated_server(env: Any, players: tuple[str, ...] = ("alice", "bob", "carol", "dan")) -> tuple[Any, Any, dict[str, Any]]:
    """A simcord server with a channel, ``players`` and "mod", a member with Manage Messages: (guild, channel, members
    by name)."""
    guild = env.create_guild()
    mods = guild.create_role("Mods", permissions=discord.Permissions(manage_messages=True))
    channel = guild.create_text_channel("study")
    members = {name: guild.add_member(env.create_user(name)) for name in players}
    members["mod"] = guild.add_member(env.create_user("mod"), roles=[mods])
    return guild, channel, members
