"""Buttons pressed at the same moment: the same member's double click, two members at once, and a press that
lands while another press of the same thing is still being handled.

simcord runs one operation at a time (each waits until the bot has settled), so ``together`` hands the bot
every interaction first and only then lets it settle: the bot handles them side by side, as it does when
Discord delivers two clicks within a few milliseconds. Each press must get one clear private answer, and what the
bot shows or stores must agree with what happened.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import discord
import pytest

pytestmark = pytest.mark.simcord(settle_timeout=20.0)

#: A class deck as a teacher exports it (term,definition rows).
BIOLOGY = (
    b"term,definition\n"
    b"mitochondria,The organelle that makes most of the cell's ATP by respiration\n"
    b"ribosome,The organelle that builds proteins from messenger RNA\n"
    b"osmosis,The movement of water across a membrane from low to high solute concentration\n"
    b"nucleus,The organelle that holds the cell's DNA\n"
)
#: Another teacher's file for the same deck name: two of those cards left out, one of its own.
BIOLOGY_OTHER = (
    b"term,definition\n"
    b"mitochondria,The organelle that makes most of the cell's ATP by respiration\n"
    b"ribosome,The organelle that builds proteins from messenger RNA\n"
    b"golgi apparatus,The organelle that packages and ships proteins\n"
)
NAME = "biology-101"


async def together(env: Any, *presses: Callable[[], Awaitable[Any]]) -> list[Any]:
    """Deliver every press to the bot before it handles any of them, then wait until it has handled them all;
    each press's simcord result, in order. (A simcord operation normally waits for the bot to settle before it
    returns; that wait is held back until every press has been delivered.)"""
    settle = env._settle_internal

    async def delivered_only(**_: Any) -> None:
        return None

    env._settle_internal = delivered_only
    try:
        results = [await press() for press in presses]
    finally:
        env._settle_internal = settle
    await env.settle()
    return results


def sent_texts(env: Any) -> str:
    """Everything the bot sent or edited (messages, interaction responses, follow-ups), as one text."""
    return "\n".join(str(r.json) for r in env.http_requests if r.method in ("POST", "PATCH"))


class World:
    def __init__(self, env: Any) -> None:
        self.env = env
        self.guild = env.create_guild("Biology Club")
        admins = self.guild.create_role("Admins", permissions=discord.Permissions(manage_guild=True))
        self.channel = self.guild.create_text_channel("study")
        self.mod = self.guild.add_member(env.create_user("mod"), roles=[admins])
        self.mod2 = self.guild.add_member(env.create_user("mod2"), roles=[admins])
        self.alice = self.guild.add_member(env.create_user("alice"))

    async def preview(self, by: Any, data: bytes = BIOLOGY) -> Any:
        result = await by.slash(self.channel, "deck import", file=("biology.csv", data), name=NAME)
        shown = result.followups[0] if result.followups else result.response
        assert "Import" in [c.get("label") for row in shown.components for c in row.get("components", [])]
        return shown

    def deck(self) -> Any:
        return self.env.bot.tutor_services.catalog.named(self.guild.id, NAME)


def told(result: Any) -> str:
    """What a press was told privately: its ephemeral response, or the ephemeral follow-up of a deferred one."""
    if result.ephemeral and result.response is not None:
        return result.response.content
    private = [f for f in result.followups if f.flags.ephemeral]
    assert private, f"no private answer: {result!r}"
    return "\n".join(f.content for f in private)


@pytest.fixture
async def world(env):
    yield World(env)
    await env.bot.close()  # simcord detaches the bot without closing it


# -- deck import: Import and Cancel --------------------------------------------------------------------------
async def test_cancel_pressed_while_the_import_runs_does_not_say_nothing_was_imported(env, world) -> None:
    preview = await world.preview(world.mod)
    imported, cancelled = await together(
        env, lambda: world.mod.click(preview, label="Import"), lambda: world.mod.click(preview, label="Cancel")
    )

    assert world.deck() is not None  # Import got there first: the deck is in
    assert "Nothing was imported" not in sent_texts(env), "Cancel said nothing was imported, yet the deck was"
    assert "already being imported" in told(cancelled)
    assert imported.response.embeds[0].title == "✅ Deck imported"
    assert not env.errors


async def test_two_moderators_importing_one_name_at_once_do_not_overwrite_each_other_unseen(env, world) -> None:
    """Both previews were made while the server had no such deck, so each says "a new deck". The first Import
    makes it; the second would silently replace the first moderator's cards with its own, retiring one the
    preview never mentioned. It is refused instead, and its moderator is told to preview the file again."""
    first = await world.preview(world.mod)
    second = await world.preview(world.mod2, BIOLOGY_OTHER)
    done, refused = await together(
        env, lambda: world.mod.click(first, label="Import"), lambda: world.mod2.click(second, label="Import")
    )

    assert done.response.embeds[0].title == "✅ Deck imported"
    deck = world.deck()
    assert deck is not None and {c.id for c in deck.cards} == {"mitochondria", "ribosome", "osmosis", "nucleus"}
    assert "was imported or removed in this server after this preview was made" in told(refused)
    assert "import the file again" in told(refused)
    # the preview is used up: pressing Import again does not replace the deck either
    again = await world.mod2.click(second, label="Import")
    assert "expired or was already used" in told(again) and {c.id for c in world.deck().cards} == {"mitochondria", "ribosome", "osmosis", "nucleus"}
    # a fresh preview says it replaces the deck, and imports
    fresh = await world.preview(world.mod2, BIOLOGY_OTHER)
    replaced = await world.mod2.click(fresh, label="Import")
    assert replaced.response.embeds[0].title == "✅ Deck imported"
    assert "golgi-apparatus" in {c.id for c in world.deck().cards}
    assert not env.errors


# -- /review: Next and Stop ----------------------------------------------------------------------------------
async def test_next_and_stop_pressed_at_once_leave_the_summary_not_a_dead_card(env, world) -> None:
    alice, channel = world.alice, world.channel
    shown_card = (await alice.slash(channel, "review start")).response
    await alice.click(shown_card, label="Don't know")

    went_on, stopped = await together(
        env, lambda: alice.click(shown_card, label="Next"), lambda: alice.click(shown_card, label="Stop")
    )

    shown = stopped.response.embeds[0].title  # (the review's one message, as it is now)
    assert shown == "🧠 Review stopped", f"the message shows {shown!r} after Stop: a card of a review that has ended"
    assert "has ended" in told(went_on)
    assert not env.errors


async def test_next_pressed_twice_shows_one_next_card(env, world) -> None:
    alice, channel = world.alice, world.channel
    shown_card = (await alice.slash(channel, "review start")).response
    await alice.click(shown_card, label="Don't know")
    first, second = await together(
        env, lambda: alice.click(shown_card, label="Next"), lambda: alice.click(shown_card, label="Next")
    )
    assert first.response.embeds[0].title == "🧠 Review · card 2"
    assert "no longer on show" in told(second)


async def test_review_start_sent_twice_at_once_opens_one_review(env, world) -> None:
    alice, channel = world.alice, world.channel
    first, second = await together(
        env, lambda: alice.slash(channel, "review start"), lambda: alice.slash(channel, "review start")
    )
    cards = [r for r in (first, second) if r.response is not None and r.response.embeds]
    assert len(cards) == 1, "two reviews were shown, and the first one's buttons are dead"
    other = second if cards[0] is first else first
    assert "already starting" in told(other)
    # the review shown is the live one
    answered = await alice.click(cards[0].response, label="Don't know")
    assert answered.response.embeds[0].title.startswith("🧠 Review · card 1")
    assert not env.errors


# -- "Quiz me" -----------------------------------------------------------------------------------------------
async def test_quiz_me_double_clicked_opens_one_practice(env, world) -> None:
    alice, channel = world.alice, world.channel
    definition = (await alice.slash(channel, "define", term="temperature")).response
    first, second = await together(
        env, lambda: alice.click(definition, label="Quiz me"), lambda: alice.click(definition, label="Quiz me")
    )

    practices = [r for r in (first, second) if r.response is not None and r.response.embeds]
    assert len(practices) == 1, "two practice questions were shown, and the first one's buttons are dead"
    other = second if practices[0] is first else first
    assert "already starting" in told(other)
    # the practice shown is the live one: its Answer opens the answer box
    opened = await alice.click(practices[0].response, label="Answer")
    assert opened.modal is not None, opened.response and opened.response.content
    assert not env.errors
