"""What /deck tells a moderator is what happened, under the deck's own name: an export names the deck as the server
knows it (not as typed), and an import preview of a term/definition file says how many of its cards are the file's
own and how many are reverse cards ("What is X?") the import adds, as the reply after Import does."""

from __future__ import annotations

import dataclasses

import pytest
from deck_support import World, deck_world, shown_message  # noqa: F401  (the ``world`` fixture)

from bot.core.errors import UserError
from bot.core.service import Services

pytestmark = pytest.mark.simcord(settle_timeout=20.0)

GUILD = 1001
#: Five rows; the first two definitions are short enough to be asked back ("What is mitochondria?").
FIVE_ROWS = (
    b"term,definition\n"
    b"mitochondria,powerhouse of the cell\n"
    b"chloroplast,site of photosynthesis\n"
    b"ribosome,the molecular machine that builds proteins from messenger RNA in every living cell we know of\n"
    b"cytoplasm,the jelly-like fluid inside the cell membrane that holds the organelles in place\n"
    b"osmosis,the movement of water across a membrane from low to high solute concentration in a cell\n"
)


async def test_an_export_names_the_deck_as_the_server_knows_it(world) -> None:
    await world.imported()
    shown = shown_message(await world.mod.slash(world.channel, "deck export", deck="BIOLOGY-101", format="csv"))
    assert shown.attachments and shown.attachments[0].filename == "biology-101.csv"
    assert shown.content.startswith("`biology-101` as CSV"), shown.content
    assert "BIOLOGY" not in shown.content


async def test_the_preview_says_which_cards_are_reverse_cards(world) -> None:
    preview = shown_message(await world.preview(FIVE_ROWS, "cells.csv", "cells"))
    said = preview.embeds[0].description
    assert "7 cards (5 from the file, and 2 reverse cards" in said, said
    assert "What is X?" in said

    done = await world.mod.click(preview, label="Import")
    reply = done.response.embeds[0].description
    assert "7 cards added (2 of them reverse cards" in reply, reply


async def test_a_file_without_reverse_cards_previews_as_before(world) -> None:
    preview = shown_message(await world.preview())
    said = preview.embeds[0].description
    assert "6 cards, **5 askable**" in said and "reverse" not in said, said


async def test_the_services_count_the_reverse_cards(core_services: Services) -> None:
    s = core_services
    preview = await s.decks.preview(GUILD, "cells.csv", FIVE_ROWS, "cells", user_id=1)
    assert (preview.cards, preview.reverse) == (7, 2)
    done = await s.decks.confirm(GUILD, preview.token, user_id=1)
    assert (done.added, done.reverse_new, done.reverse_added) == (7, 2, 0)
    # imported again unchanged: nothing added, so no reverse card is said to be
    again = await s.decks.preview(GUILD, "cells.csv", FIVE_ROWS, "cells", user_id=1)
    assert (again.cards, again.reverse, again.replaces) == (7, 2, True)
    same = await s.decks.confirm(GUILD, again.token, user_id=1)
    assert (same.added, same.reverse_new, same.unchanged) == (0, 0, 7)
    exported = await s.decks.export(GUILD, " Cells ", "yaml")
    assert (exported.name, exported.filename) == ("cells", "cells.yaml")


async def test_a_file_refused_for_its_reverse_cards_says_so(core_services: Services) -> None:
    """15 rows under a limit of 20 cards: the refusal must not say the file has more than 20 cards."""
    s = core_services
    s.decks.limits = dataclasses.replace(s.decks.limits, max_cards=20)
    rows = b"term,definition\n" + b"".join(b"term%d,short meaning %d\n" % (i, i) for i in range(15))
    with pytest.raises(UserError) as err:
        await s.decks.preview(GUILD, "glossary.csv", rows, "glossary", user_id=1)
    said = str(err.value)
    assert err.value.code == "import.too_many_cards"
    assert "has more than 20 cards" not in said and "makes more than 20 cards" in said and "What is X?" in said, said


async def test_the_preview_of_a_disabled_deck_says_it_stays_disabled(world) -> None:
    await world.imported()
    await world.mod.slash(world.channel, "deck disable", deck="biology-101")
    said = shown_message(await world.preview()).embeds[0].description
    assert "**updates** it" in said and "stays so until `/deck enable`" in said, said
    await world.mod.slash(world.channel, "deck enable", deck="biology-101")
    said = shown_message(await world.preview()).embeds[0].description
    assert "**updates** it" in said and "disabled" not in said, said
