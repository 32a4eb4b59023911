"""`/deck import` of a file whose name has no Latin letter or digit (a Chinese, Arabic or emoji file name)."""

from __future__ import annotations

import discord
import pytest
from world_support import bot_closed_after  # noqa: F401  (the ``close_the_bot`` fixture)

from bot.core.importers import upload_name

CSV = (
    b"term,definition\n"
    b"rook,a chess piece that moves in straight lines\n"
    b"bishop,a chess piece that moves diagonally\n"
    b"knight,a chess piece that moves in an L shape\n"
)


@pytest.fixture
def world(env):
    guild = env.create_guild()
    channel = guild.create_text_channel("study")
    admins = guild.create_role("Admins", permissions=discord.Permissions(manage_guild=True))
    admin = guild.add_member(env.create_user("admin"), roles=[admins])
    return channel, admin


def shown(result):
    return result.followups[0] if result.followups else result.response


def text_of(message) -> str:
    parts = [message.content or ""]
    for e in message.embeds:
        parts += [e.title or "", e.description or ""] + [f"{f.name}: {f.value}" for f in e.fields]
    return "\n".join(parts)


@pytest.mark.parametrize("filename", ["生物.csv", "🧠.csv"])
async def test_a_csv_named_in_another_script_is_previewed_not_refused(env, world, filename) -> None:
    """A moderator uploads a CSV of three good cards called "生物.csv" ("biology"), with or without `name:`. The
    bot shows the private import preview with **Import** (3 cards), as for "biology.csv"; it does not refuse the
    file with "⚠️ **csv** has no usable card" (its name cut down to its suffix, so read as a Quizlet page)."""
    channel, admin = world
    for options in ({}, {"name": "biology"}):
        message = shown(await admin.slash(channel, "deck import", file=(filename, CSV), **options))
        said = text_of(message)
        assert "no usable card" not in said, said
        labels = [c.get("label") for row in message.components for c in row.get("components", [])]
        assert "Import" in labels, said
        assert "3 cards" in said, said


def test_upload_name_keeps_the_suffix_of_a_name_with_no_latin_letter() -> None:
    """The name an upload is stored under keeps its suffix (what tells a CSV from a Quizlet page) when nothing of
    the name before it can be kept."""
    assert upload_name("生物.csv").endswith(".csv")
    assert upload_name("🧠.yaml").endswith(".yaml")


@pytest.mark.parametrize("filename", ["生物学.yaml", "My Deck (v2).yaml", "bio*logy.yaml"])
async def test_a_refused_file_is_named_as_it_was_uploaded(env, world, filename) -> None:
    """A file the bot cannot read is named in the refusal as the moderator uploaded it, not by the name it is
    written under ("deck.yaml", "My_Deck_v2_.yaml"): they can tell which of their files it was."""
    channel, admin = world
    r = await admin.slash(channel, "deck import", file=(filename, b"cards: [1, 2\n"))
    message = shown(r)
    assert r.ephemeral and "not valid YAML" in (message.content or ""), message.content
    plain = (message.content or "").replace("\\", "")
    assert filename in plain, message.content


def test_every_problem_of_a_refused_deck_names_the_file_as_uploaded() -> None:
    """The list of a YAML deck's problems names the file as uploaded in each entry too, not once one way and then
    by the name it was written under ("my_deck_2_.yaml", "deck.yaml")."""
    from bot.core.importers import ImportRefused, import_data

    for filename in ("my deck (2).yaml", "生物.yaml"):
        with pytest.raises(ImportRefused) as refused:
            import_data(filename, b"cards:\n  - id: a\n")
        text = str(refused.value)
        assert text.count(filename) >= 2 and upload_name(filename) not in text, text
