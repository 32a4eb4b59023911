"""A deck turned off, removed, then imported again under its name comes back on, as the import says ("Usable now:
/quiz topic:...") and as a new deck would: members can quiz on it, define and review it at once."""

from __future__ import annotations

from test_deck_admin_core import GUILD, imported

from bot.core.service import Services


async def test_a_removed_deck_imported_again_is_usable_at_once_even_if_it_had_been_disabled(
    core_services: Services,
) -> None:
    s = core_services
    await imported(s)
    await s.decks.set_enabled(GUILD, "biology", False)
    await s.decks.remove(GUILD, "biology")

    preview, done = await imported(s)

    assert not preview.replaces  # the preview treats it as a brand-new deck
    [info] = [i for i in await s.decks.list(GUILD) if i.name == "biology"]
    assert info.enabled, "the deck just imported ('Usable now') is listed as disabled"
    assert s.catalog.view(GUILD).topic_size("biology") == 5
