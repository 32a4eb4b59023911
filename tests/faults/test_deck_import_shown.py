"""A deck imported with the preview's Import button is saved before the preview is edited to say so. When
Discord then fails to edit the preview (a server error, the message gone), the moderator is told privately
that the deck was imported, not a generic error (after which Import again says the preview has expired)."""

from __future__ import annotations

import pytest
from faultkit import message_text
from world_support import biology_club_admin  # noqa: F401  (the ``world`` fixture)

pytestmark = pytest.mark.simcord(settle_timeout=20.0)

BIOLOGY = (
    b"term,definition\n"
    b"mitochondria,The organelle that makes most of the cell's ATP by respiration\n"
    b"ribosome,The organelle that builds proteins from messenger RNA\n"
    b"osmosis,The movement of water across a membrane from low to high solute concentration\n"
)



def told(result) -> str:
    shown = [result.response] if result.response is not None else []
    return "\n".join(message_text(m) for m in [*shown, *result.followups])


@pytest.mark.parametrize("failure", [503, 404])
async def test_an_import_whose_preview_cannot_be_edited_is_told_as_done(env, world, fail_route, failure) -> None:
    guild, channel, mod = world
    shown = await mod.slash(channel, "deck import", file=("biology.csv", BIOLOGY), name="biology-101")
    preview = shown.followups[0] if shown.followups else shown.response
    fault = fail_route(env, "PATCH", fail_route.EDIT_ORIGINAL, failure, times=None)
    done = await mod.click(preview, label="Import")
    assert fault.hits, "the preview was not edited after the import: adapt the test"
    text = told(done)
    assert "biology-101" in [i.name for i in await env.bot.tutor_services.decks.list(guild.id)]
    assert "Something went wrong" not in text and "no longer exists" not in text, text
    assert "Imported `biology-101`" in text, text
    assert done.followups and done.followups[-1].ephemeral
