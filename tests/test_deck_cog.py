"""/deck through simcord: a moderator imports a file (preview, then Import or Cancel), the deck is usable at once in
that server and invisible in another; members are refused; export and re-import give the same cards; a disabled
deck leaves /quiz topics and /define; bad files get a clear message."""

from __future__ import annotations

import re
from pathlib import Path

import discord
import pytest
import yaml
from deck_support import BIOLOGY, NAME, SETTLE_SECONDS, World, deck_world, shown_message  # noqa: F401  (the ``world`` fixture)

from bot.core.deckadmin import Flagged, ImportPreview
from bot.runner import TutorBot
from cogs.decks import render

DATA = Path(__file__).resolve().parent / "data"
pytestmark = pytest.mark.simcord(settle_timeout=SETTLE_SECONDS)


def buttons(message) -> list[str]:
    return [c.get("label") for row in message.components for c in row.get("components", [])]


def field(embed: discord.Embed, name: str) -> str | None:
    return next((f.value for f in embed.fields if f.name.startswith(name)), None)


def text_of(message) -> str:
    parts = [message.content or ""]
    for e in message.embeds:
        parts += [e.title or "", e.description or ""] + [f"{f.name}\n{f.value}" for f in e.fields]
    return "\n".join(parts)


async def quiz_topics(member, channel, typed: str) -> set[str]:
    return {c["value"] for c in await member.autocomplete(channel, "quiz", "topic", typed)}


async def test_a_moderator_previews_then_imports_and_the_deck_is_usable_there_and_nowhere_else(world) -> None:
    r = await world.preview()
    assert r.ephemeral
    preview = shown_message(r)
    assert preview.ephemeral
    e = preview.embeds[0]
    assert e.title == f"Import preview: {NAME}"
    assert "6 cards" in e.description and "**5 askable**" in e.description
    samples = field(e, "Sample prompts")
    assert samples is not None and samples.count("• ") == 3
    flagged = field(e, "Flagged cards (")
    assert flagged is not None and "cytoplasm" in flagged and "See image" in flagged
    assert buttons(preview) == ["Import", "Cancel"]
    # nothing is imported before the moderator says so
    assert NAME not in await quiz_topics(world.alice, world.channel, "bio")

    done = await world.mod.click(preview, label="Import")
    final = done.response
    assert "Imported `biology-101`" in final.embeds[0].description and "Usable now" in final.embeds[0].description
    assert buttons(final) == []

    # usable at once, with no restart: its terms are defined, and a quiz on the deck starts (defined first: the
    # card a quiz has open is hidden from /define until it closes, and the quiz picks its cards at random)
    defined = await world.alice.slash(world.channel, "define", term="mitochondria")
    assert defined.response.embeds[0].title == "mitochondria"
    assert "ATP" in defined.response.embeds[0].description
    terms = await world.alice.autocomplete(world.channel, "define", "term", "mitoch")
    assert any(c["name"].startswith("mitochondria") for c in terms)
    assert NAME in await quiz_topics(world.alice, world.channel, "bio")
    started = await world.alice.slash(world.channel, "quiz", topic=NAME, questions=2)
    assert not started.ephemeral and f"on **{NAME}**" in started.response.embeds[0].description

    # another server sees none of it
    assert NAME not in await quiz_topics(world.other_mod, world.other_channel, "bio")
    assert await world.other_mod.autocomplete(world.other_channel, "define", "term", "mitoch") == []
    elsewhere = await world.other_mod.slash(world.other_channel, "quiz", topic=NAME)
    assert elsewhere.ephemeral and f"No topic **{NAME}**" in elsewhere.response.content
    undefined = await world.other_mod.slash(world.other_channel, "define", term="mitochondria")
    assert undefined.ephemeral and undefined.response.content.startswith("No card for *mitochondria*")
    listed = await world.other_mod.slash(world.other_channel, "deck list")
    assert NAME not in text_of(listed.response)


async def test_members_without_manage_server_are_refused(world, env) -> None:
    assert not any(c.startswith("deck") for c in world.alice.available_commands(world.channel))
    assert any(c.startswith("deck") for c in world.mod.available_commands(world.channel))
    # even when the server lets everyone see the command, the bot itself refuses
    command = env.backend.find_command("deck", None, type=1)
    world.guild.set_command_permissions(int(command["id"]), {world.alice: True})
    refusal = "Only members with the **Manage Server** permission can manage the server's decks."
    r = await world.preview(by=world.alice)
    assert r.ephemeral and refusal in shown_message(r).content
    for name, options in [("deck list", {}), ("deck disable", {"deck": "mini"}), ("deck export", {"deck": "mini"})]:
        r = await world.alice.slash(world.channel, name, **options)
        assert r.ephemeral and refusal in shown_message(r).content, name
    assert NAME not in await quiz_topics(world.alice, world.channel, "bio")


async def test_cancel_imports_nothing(world) -> None:
    preview = shown_message(await world.preview())
    cancelled = await world.mod.click(preview, label="Cancel")
    assert cancelled.response.embeds[0].title == "Import cancelled"
    assert "Nothing was imported" in cancelled.response.embeds[0].description
    assert buttons(cancelled.response) == []
    assert NAME not in await quiz_topics(world.mod, world.channel, "bio")
    listed = await world.mod.slash(world.channel, "deck list")
    assert NAME not in text_of(listed.response) and "mini" in text_of(listed.response)
    r = await world.mod.slash(world.channel, "define", term="mitochondria")
    assert r.ephemeral and r.response.content.startswith("No card for")


async def test_a_csv_export_says_what_it_leaves_out(world) -> None:
    await world.imported()
    shown = shown_message(await world.mod.slash(world.channel, "deck export", deck=NAME, format="csv"))
    assert "each term with its other names, its definition and tags only" in shown.content and "YAML and Anki exports" in shown.content
    [attachment] = shown.attachments
    assert attachment.filename.endswith(".csv")


async def test_an_exported_yaml_imports_back_as_the_same_cards(world, services) -> None:
    await world.imported()
    r = await world.mod.slash(world.channel, "deck export", deck=NAME, format="yaml")
    shown = shown_message(r)
    assert r.ephemeral and "takes this file back unchanged" in shown.content
    [attachment] = shown.attachments
    assert attachment.filename.endswith(".yaml")
    data = await attachment.read()
    exported = yaml.safe_load(data)
    assert len(exported["cards"]) == 6

    # imported into the other server under the same name: the same cards, question for question
    preview = shown_message(
        await world.other_mod.slash(world.other_channel, "deck import", file=(attachment.filename, data))
    )
    assert "6 cards" in preview.embeds[0].description
    await world.other_mod.click(preview, label="Import")

    def cards(guild_id: int) -> list[tuple]:
        view = services.catalog.view(guild_id)
        [deck] = [d for d in view.decks.values() if d.id.startswith(NAME[:20]) and view.sees(d.id)]
        return [(c.id, c.question, c.answer, c.term, c.accept, c.status) for c in deck.cards]

    assert cards(world.other.id) == cards(world.guild.id)
    # and imported again where it came from, nothing changes
    again = shown_message(await world.mod.slash(world.channel, "deck import", file=(attachment.filename, data)))
    assert "already has a deck with this name" in again.embeds[0].description
    done = await world.mod.click(again, label="Import")
    assert "0 cards added" in done.response.embeds[0].description
    assert "6 unchanged" in done.response.embeds[0].description


async def test_a_disabled_deck_leaves_quiz_topics_and_define_until_enabled(world) -> None:
    await world.imported()
    assert NAME in await quiz_topics(world.alice, world.channel, "bio")
    r = await world.mod.slash(world.channel, "deck disable", deck=NAME)
    assert r.ephemeral and "is disabled in this server" in r.response.content
    assert NAME not in await quiz_topics(world.alice, world.channel, "bio")
    gone = await world.alice.slash(world.channel, "define", term="mitochondria")
    assert gone.ephemeral and gone.response.content.startswith("No card for *mitochondria*")
    quiz = await world.alice.slash(world.channel, "quiz", topic=NAME)
    assert quiz.ephemeral and f"No topic **{NAME}**" in quiz.response.content
    listed = await world.mod.slash(world.channel, "deck list")
    assert "biology-101" in text_of(listed.response) and "disabled" in text_of(listed.response)

    # a global deck can be disabled too, and everything comes back when enabled
    r = await world.mod.slash(world.channel, "deck enable", deck=NAME)
    assert "is enabled" in r.response.content
    assert NAME in await quiz_topics(world.alice, world.channel, "bio")
    back = await world.alice.slash(world.channel, "define", term="mitochondria")
    assert back.response.embeds[0].title == "mitochondria"


#: Another server's deck, imported before this server's: more cards than /review looks at in one go.
CHESS = b"term,definition\n" + b"".join(
    f"opening {n},The chess opening number {n} in the club's own list of openings\n".encode() for n in range(12)
)


async def test_review_offers_the_cards_of_the_servers_own_decks_only(world) -> None:
    theirs = await world.other_mod.slash(world.other_channel, "deck import", file=("chess.csv", CHESS), name="chess")
    await world.other_mod.click(shown_message(theirs), label="Import")
    await world.imported()
    r = await world.mod.slash(world.channel, "deck disable", deck="mini")
    assert "is disabled in this server" in r.response.content
    # Neither the global deck turned off nor the other server's deck hides this server's new cards.
    start = await world.alice.slash(world.channel, "review start")
    card = start.response.embeds[0]
    assert card.title == "🧠 Review · card 1", text_of(start.response)
    biology = [line.split(",", 1)[1] for line in BIOLOGY.decode().splitlines()[1:]]
    assert any(definition in (card.description or "") for definition in biology)
    assert card.footer.text == "0 cards due · 9 new left today"


async def test_the_deck_option_autocompletes_the_servers_decks(world) -> None:
    await world.imported()
    mine = {c["value"] for c in await world.mod.autocomplete(world.channel, "deck info", "deck", "bio")}
    assert NAME in mine
    theirs = {c["value"] for c in await world.other_mod.autocomplete(world.other_channel, "deck info", "deck", "bio")}
    assert NAME not in theirs
    r = await world.mod.slash(world.channel, "deck info", deck=NAME)
    e = r.response.embeds[0]
    assert r.ephemeral and e.title == f"Deck {NAME}"
    assert field(e, "Cards") == "5 askable of 6" and field(e, "Owner") == "this server (imported)"


async def test_removing_a_deck_stops_its_cards_and_a_global_deck_cannot_be_removed(world) -> None:
    await world.imported()
    r = await world.mod.slash(world.channel, "deck remove", deck=NAME)
    assert r.ephemeral and "Removed `biology-101`" in r.response.content and "history" in r.response.content
    assert NAME not in await quiz_topics(world.alice, world.channel, "bio")
    refused = await world.mod.slash(world.channel, "deck remove", deck="mini")
    assert refused.ephemeral and "disable" in refused.response.content
    assert "mini" in await quiz_topics(world.alice, world.channel, "mini")


@pytest.mark.parametrize(
    ("filename", "data", "says"),
    [
        ("notes.pdf", b"%PDF-1.7 not a deck", "not a format decks are imported from"),
        ("deck.txt", b"\0\1\2\3" * 200, "not a text file"),
        ("huge.csv", b"question,answer\n" + b"What is it?,This\n" * 150_000, "a deck file may be at most"),
        ("empty.csv", b"only one column\n", "no usable card"),
    ],
)
async def test_a_bad_file_gets_a_clear_message_and_imports_nothing(world, filename, data, says) -> None:
    r = await world.preview(data, filename)
    shown = shown_message(r)
    assert r.ephemeral and shown.ephemeral
    assert says in shown.content and filename in shown.content
    assert "E-" not in shown.content and buttons(shown) == []
    assert NAME not in await quiz_topics(world.mod, world.channel, "bio")


async def test_search_finds_an_imported_deck_only_where_it_was_imported(world) -> None:
    await world.imported()
    found = await world.alice.slash(world.channel, "search", text="organelle proteins")
    assert "ribosome" in text_of(found.response)
    elsewhere = await world.other_mod.slash(world.other_channel, "search", text="organelle proteins")
    assert elsewhere.ephemeral and "ribosome" not in text_of(elsewhere.response)


async def test_every_flagged_card_of_the_seed_is_listed_with_its_reason(world) -> None:
    seed = (DATA / "seed_genai.txt").read_bytes()
    shown = shown_message(await world.preview(seed, "genai.txt", "genai-course"))
    e = shown.embeds[0]
    assert len(e) <= 6000 and all(len(f.value) <= 1024 for f in e.fields)
    assert "90 cards" in e.description and "**87 askable**" in e.description
    assert e.fields[1].name == "Flagged cards (40)"
    flagged = [x for f in e.fields if f.name.startswith("Flagged cards") for x in f.value.splitlines()]
    assert len(flagged) == 40 and "more flagged" not in "\n".join(flagged)
    assert any("COME BACK TO THIS ONE" in x for x in flagged)
    assert shown.attachments == []


async def test_a_long_flag_list_stays_within_discords_limits_and_comes_whole_in_a_report(world) -> None:
    rows = ["question,answer"] + [f"What does figure {i} show?,See image" for i in range(150)]
    rows += ["Which molecule stores energy in cells?,ATP", "Which organelle makes ATP?,Mitochondria",
             "What carries genetic information?,DNA"]
    shown = shown_message(await world.preview("\n".join(rows).encode(), "figures.csv", "figures"))
    e = shown.embeds[0]
    assert len(e) <= 6000 and all(len(f.value) <= 1024 for f in e.fields)
    assert "153 cards" in e.description and "**3 askable**" in e.description
    flagged = "\n".join(f.value for f in e.fields if f.name.startswith("Flagged cards"))
    more = re.search(r"… and (\d+) more flagged cards", flagged)
    assert more is not None
    [report] = shown.attachments
    assert report.filename == "figures-import-report.txt"
    lines = [x for x in (await report.read()).decode().splitlines() if x.startswith("  ")]
    shown_lines = [x for x in flagged.splitlines() if x.startswith("`")]
    assert len(lines) == 150 == len(shown_lines) + int(more.group(1))
    assert all("See image" in x for x in lines)


async def test_a_preview_left_open_across_a_restart_imports_nothing_and_says_so(world, env, settings, clock) -> None:
    preview = shown_message(await world.preview())
    old = env.bot.tutor_services
    await env.restart_bot(TutorBot(settings, clock=clock))
    await old.close()  # the stopped bot's database connection
    r = await world.mod.click(preview, label="Import")
    [said] = r.followups
    assert said.ephemeral and "That preview has expired or was already used; import the file again." in said.content
    assert NAME not in await quiz_topics(world.alice, world.channel, "bio")
    # after the restart, a fresh preview imports as usual and the deck survives the next restart
    done = await world.imported()
    assert "Imported `biology-101`" in done.response.embeds[0].description
    old = env.bot.tutor_services
    await env.restart_bot(TutorBot(settings, clock=clock))
    await old.close()
    assert NAME in await quiz_topics(world.alice, world.channel, "bio")
    defined = await world.alice.slash(world.channel, "define", term="ribosome")
    assert defined.response.embeds[0].title == "ribosome"


async def test_mentions_and_markdown_in_an_uploaded_file_ping_nobody(world, env) -> None:
    data = (
        b"term,definition\n"
        b"ping,Tell @everyone and <@123456789012345678> about it\n"
        b"spoiler,A ||hidden|| part of a message\n"
        b"header,# A big title line\n"
    )
    preview = shown_message(await world.preview(data, "pings.csv", "pings"))
    shown = text_of(preview)
    assert "@everyone" not in shown.replace("\\@everyone", "")
    assert "<@123456789012345678>" not in shown.replace("\\<@123456789012345678>", "")
    done = await world.mod.click(preview, label="Import")
    assert "Imported `pings`" in done.response.embeds[0].description
    defined = await world.alice.slash(world.channel, "define", term="ping")
    assert not defined.response.message.mention_everyone and not defined.response.message.mentions
    checked = 0
    for r in env.http_requests:
        if r.method not in ("POST", "PATCH") or not ("/messages" in r.path or "/callback" in r.path or "/webhooks" in r.path):
            continue
        body = r.json or {}
        data_ = body.get("data", body) if "/callback" in r.path else body
        if isinstance(data_, dict) and ({"content", "embeds"} & set(data_)):
            assert (data_.get("allowed_mentions") or {}).get("parse") == [], (r.method, r.path)
            checked += 1
    assert checked >= 3


@pytest.mark.parametrize(("fmt", "suffix", "starts"), [("csv", ".csv", b"term,definition,tags"), ("anki", ".apkg", b"PK")])
async def test_a_deck_exports_as_csv_or_an_anki_package(world, fmt, suffix, starts) -> None:
    await world.imported()
    r = await world.mod.slash(world.channel, "deck export", deck=NAME, format=fmt)
    shown = shown_message(r)
    assert r.ephemeral
    [attachment] = shown.attachments
    assert attachment.filename == f"{NAME}{suffix}"
    assert (await attachment.read()).startswith(starts)
    unknown = await world.mod.slash(world.channel, "deck export", deck="no-such-deck", format=fmt)
    said = shown_message(unknown)
    assert unknown.ephemeral and "There is no deck called **no-such-deck** here." in said.content


def test_the_preview_of_an_enormous_import_keeps_within_every_embed_limit() -> None:
    long = "why " * 120
    preview = ImportPreview(
        token="abcd1234", name="x" * 40, title="T" * 300, cards=5000, askable=4800,
        directions={"question": 4800, "term": 1200},
        flagged=tuple(Flagged(f"card-{i}-" + "y" * 30, long) for i in range(200)),
        samples=("Q " * 400, "@everyone " * 50, "**bold** " * 100), replaces=True,
        warnings=tuple(f"deck.csv:{i}: " + long for i in range(20)),
    )
    e = render.preview_embed(preview)
    assert len(e) <= 6000 and len(e.fields) <= 25
    assert all(len(f.value) <= 1024 and len(f.name) <= 256 for f in e.fields)
    assert len(e.description or "") <= 4096 and len(e.title or "") <= 256
    flagged = "\n".join(f.value for f in e.fields if f.name.startswith("Flagged cards"))
    assert re.search(r"… and \d+ more flagged cards \(every one in the attached report\)", flagged)
    assert render.needs_report(preview)
    assert "… and 17 more lines" in (field(e, "Lines not read") or "")


async def test_leaderboard_topics_follow_the_servers_decks(world) -> None:
    await world.imported()
    here = await world.alice.slash(world.channel, "leaderboard", topic=NAME)
    assert not here.ephemeral  # this server's deck is a topic here
    there = await world.other_mod.slash(world.other_channel, "leaderboard", topic=NAME)
    assert there.ephemeral  # and not in a server that does not have it
    assert NAME in text_of(there.response)
