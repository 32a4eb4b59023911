"""The moderators' insight on a server's own deck (/deck stats, /disputes stats, and their CSV files) names each
card by the deck's name as the server knows it (``biology-101:osmosis``), never by the deck's stored id (the name
with a suffix, ``biology-101.8rgzg8``), and shows the question of a card a re-import retired as it last was."""

from __future__ import annotations

import csv
import io
import re

import discord
import pytest
from modal_support import text_box
from play_support import assert_no_pings

pytestmark = pytest.mark.simcord(settle_timeout=2.0)

NAME = "biology-101"
ROWS = {
    "mitochondria": "The organelle that makes most of the cell's ATP by respiration",
    "ribosome": "The organelle that builds proteins from messenger RNA",
    "osmosis": "The movement of water across a membrane from low to high solute concentration",
    "chloroplast": "The organelle where photosynthesis turns light into chemical energy",
    "nucleus": "The organelle that holds the cell's DNA",
}
#: A stored deck id: the name, a dot and a suffix (``server_deck_id``).
STORED_ID = re.compile(re.escape(NAME) + r"\.[a-z0-9]{6}")


def deck_file(terms) -> bytes:
    return ("term,definition\n" + "".join(f"{t},{ROWS[t]}\n" for t in terms)).encode()


@pytest.fixture
async def world(env):
    guild = env.create_guild("Biology Club")
    mods = guild.create_role("Mods", permissions=discord.Permissions(manage_guild=True, manage_messages=True))
    channel = guild.create_text_channel("study")
    mod = guild.add_member(env.create_user("mod"), roles=[mods])
    alice = guild.add_member(env.create_user("alice"))
    yield channel, mod, alice
    await env.bot.close()


def shown(result):
    return result.followups[0] if result.followups else result.response


def text_of(message) -> str:
    parts = [message.content or ""]
    for e in message.embeds:
        parts += [e.title or "", e.description or "", e.footer.text or ""]
        parts += [f"{f.name}\n{f.value}" for f in e.fields]
    return "\n".join(parts)


async def import_deck(mod, channel, data: bytes) -> None:
    preview = shown(await mod.slash(channel, "deck import", file=("biology.csv", data), name=NAME))
    await mod.click(preview, label="Import")


async def missed_card(env, channel, alice, *, dispute: bool = False) -> str:
    """alice misses the one question of a quiz on the deck (and disputes her answer); the card's id (its term)
    is returned."""
    await alice.slash(channel, "quiz", topic=NAME, questions=1, seconds=10)
    question = channel.last_message
    box = await alice.click(question, label="Answer")
    verdict = await alice.submit_modal(box, {text_box(box)["custom_id"]: "no idea"})
    if dispute:
        sent = await alice.click(verdict.response, label="I was right")
        assert "Sent to the moderators" in sent.response.content
    await env.advance_time(60)
    async with env.bot.tutor_services.store.read() as db:
        rows = await db.execute_fetchall("SELECT card_key FROM attempts")
    (key,) = {r["card_key"] for r in rows}
    return key.split(":", 1)[1]


def csv_table(env, message) -> list[list[str]]:
    (attachment,) = message.attachments
    return list(csv.reader(io.StringIO(env.backend.cdn.get(attachment.url).decode("utf-8-sig"))))


async def test_deck_stats_names_a_server_deck_by_its_name_and_a_retired_card_by_its_question(env, world) -> None:
    channel, mod, alice = world
    await import_deck(mod, channel, deck_file(ROWS))
    term = await missed_card(env, channel, alice)
    # The card leaves the deck (a re-import without its row): retired, its history kept.
    await import_deck(mod, channel, deck_file([t for t in ROWS if t != term]))

    for command, options in (("deck stats", {"deck": NAME}), ("disputes stats", {})):
        r = await mod.slash(channel, command, csv=True, **options)
        message = shown(r)
        assert r.ephemeral
        text = text_of(message)
        assert not STORED_ID.search(text), (command, text)
        missed = next(f.value for f in message.embeds[0].fields if f.name == "Most missed")
        assert f"`{NAME}:{term}`" in missed, missed
        # the question as it was last asked, on one line
        assert ROWS[term][:40] in missed and "\n" not in missed, missed
        table = csv_table(env, message)
        assert table[1][0] == f"{NAME}:{term}", table
        assert ROWS[term] in table[1][1], table
        assert not STORED_ID.search(str(table)), table

    # The whole deck removed: its answers stay in the insight of every deck, under the name it had.
    assert (await mod.slash(channel, "deck remove", deck=NAME)).ephemeral
    message = shown(await mod.slash(channel, "disputes stats"))
    missed = next(f.value for f in message.embeds[0].fields if f.name == "Most missed")
    assert f"`{NAME}:{term}`" in missed and ROWS[term][:40] in missed, missed
    assert not STORED_ID.search(text_of(message))
    assert_no_pings(env)


async def test_a_dispute_page_names_the_card_by_the_deck_name_the_server_knows(env, world) -> None:
    channel, mod, alice = world
    await import_deck(mod, channel, deck_file(ROWS))
    term = await missed_card(env, channel, alice, dispute=True)

    page = await mod.slash(channel, "disputes review")
    footer = page.response.embeds[0].footer.text
    assert footer.startswith(f"Card {NAME}:{term} · "), footer
    assert not STORED_ID.search(text_of(page.response))
    assert_no_pings(env)


async def test_deck_stats_still_reads_a_deck_the_server_removed(env, world) -> None:
    """The server removed its deck (history and points kept). /deck stats on its name shows what its answers said,
    marked as removed, rather than "This server has no deck"; a name the server never had is still refused."""
    channel, mod, alice = world
    await import_deck(mod, channel, deck_file(ROWS))
    term = await missed_card(env, channel, alice)
    assert (await mod.slash(channel, "deck remove", deck=NAME)).ephemeral

    r = await mod.slash(channel, "deck stats", deck=NAME, csv=True)
    message = shown(r)
    assert r.ephemeral
    assert message.embeds, message.content
    assert message.embeds[0].title == f"Answer insight — {NAME} (removed)"
    missed = next(f.value for f in message.embeds[0].fields if f.name == "Most missed")
    assert f"`{NAME}:{term}`" in missed and ROWS[term][:40] in missed, missed
    assert csv_table(env, message)[1][0] == f"{NAME}:{term}"

    unknown = shown(await mod.slash(channel, "deck stats", deck="chemistry"))
    assert "no deck" in (unknown.content or "").lower() and not unknown.embeds
    assert_no_pings(env)
