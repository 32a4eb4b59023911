"""Cancel on an import preview that was imported already: the deck is in, so the moderator is never told that
nothing was imported (a Cancel pressed on the preview's buttons before its edit reached them, or on a preview Discord
failed to edit after the import)."""

from __future__ import annotations

import pytest
from deck_support import NAME, World, deck_world, shown_message  # noqa: F401  (the ``world`` fixture)
from test_presses_together import together

pytestmark = pytest.mark.simcord(settle_timeout=20.0)


def told(result) -> str:
    parts = []
    if result.response is not None:
        parts.append(result.response.content or "")
        parts += [e.title or "" for e in result.response.embeds]
        parts += [e.description or "" for e in result.response.embeds]
    for f in result.followups:
        parts.append(f.content or "")
        parts += [(e.title or "") + " " + (e.description or "") for e in f.embeds]
    return "\n".join(parts)


async def test_cancel_after_the_import_does_not_say_nothing_was_imported(world) -> None:
    preview = shown_message(await world.preview())
    # Discord fails to edit the preview after the import: the bot says so in a message of its own, and the
    # preview still shows Import and Cancel.
    world.env.inject_error("PATCH", "/webhooks/*/messages/@original", status=404, code=10015, message="Unknown Webhook", times=None)
    done = await world.mod.click(preview, label="Import")
    assert "Deck imported" in told(done)

    cancelled = await world.mod.click(preview, label="Cancel")

    said = told(cancelled)
    assert world.env.bot.tutor_services.catalog.named(world.guild.id, NAME) is not None
    assert "Nothing was imported" not in said, said
    assert "imported from this preview already" in said and "/deck remove" in said, said


async def test_import_pressed_twice_tells_the_second_press_the_deck_is_in(env, world) -> None:
    preview = shown_message(await world.preview())
    first, second = await together(
        env, lambda: world.mod.click(preview, label="Import"), lambda: world.mod.click(preview, label="Import")
    )
    assert first.response.embeds[0].title == "✅ Deck imported"
    said = told(second)
    assert "imported from this preview already" in said, said
    assert "import the file again" not in said, said
    assert not env.errors
