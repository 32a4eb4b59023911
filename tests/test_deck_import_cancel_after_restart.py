"""Cancel on an import preview whose Import was pressed just before the bot was killed.

The import is one transaction: the bot killed after it committed, and before the preview was edited to say so,
leaves the deck in the server and the preview still showing Import and Cancel. A restart forgets the pending
previews, and with them which were imported: Cancel then said "Import cancelled · Nothing was imported" about a
deck that is in the server (its cards asked, defined, searched). A Cancel on a preview the bot no longer knows now
says it can no longer tell, and where to look, and never that nothing was imported (a preview still pending says,
as before, that nothing was imported: ``test_deck_cog``).
"""

from __future__ import annotations

import asyncio

import pytest
from deck_support import NAME, World, deck_world, shown_message  # noqa: F401  (the ``world`` fixture)
from test_deck_cog import buttons, quiz_topics, text_of

from bot.core.deckadmin import DeckAdmin
from bot.runner import TutorBot

pytestmark = pytest.mark.simcord(settle_timeout=20.0)


async def killed_and_restarted(env, settings, clock) -> None:
    """The bot is dropped, as a killed process is (nothing closed first), and started again on its database."""
    old = env.bot.tutor_services
    await env.restart_bot(TutorBot(settings, clock=clock))
    await old.close()  # (only to release the old database connection)


async def test_cancel_after_an_import_the_bot_was_killed_before_showing_does_not_say_nothing_was_imported(
    world, env, settings, clock, monkeypatch
) -> None:
    preview = shown_message(await world.preview())
    confirm = DeckAdmin.confirm

    async def killed_once_committed(self, *args, **kwargs):
        await confirm(self, *args, **kwargs)
        raise asyncio.CancelledError  # the process dies here: the preview is never edited

    monkeypatch.setattr(DeckAdmin, "confirm", killed_once_committed)
    await world.mod.click(preview, label="Import")
    monkeypatch.setattr(DeckAdmin, "confirm", confirm)
    await killed_and_restarted(env, settings, clock)
    assert NAME in await quiz_topics(world.alice, world.channel, "bio")  # the deck is in
    assert buttons(preview) == ["Import", "Cancel"]

    cancelled = await world.mod.click(preview, label="Cancel")

    said = text_of(cancelled.response)
    assert "Nothing was imported" not in said, said
    assert "`/deck list`" in said, said
    assert buttons(cancelled.response) == []  # the preview's buttons go: none of them can do anything now
    assert NAME in await quiz_topics(world.alice, world.channel, "bio")

