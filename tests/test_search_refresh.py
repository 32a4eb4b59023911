"""After a deck change the search table holds what a full rebuild would (rows and fingerprint), and a
reader during the change sees the decks as they were or as they are, never something in between."""

from __future__ import annotations

import asyncio

from bot.core.lookup.search import fingerprint, search_document
from bot.core.models import Card
from bot.core.service import Services

GUILD, OTHER = 1001, 2002
MOD = 42
CSV = b"""question,answer
What organelle makes ATP?,mitochondria
What molecule carries genetic information?,DNA
What is the basic unit of life?,the cell
"""
MORE = CSV + b"What process turns light into chemical energy?,photosynthesis\n"
GLOSSARY = b"""term,definition
zymogen,an inactive enzyme precursor that needs a change to become active
ribosome,the molecular machine that builds proteins from messenger RNA
"""


async def _import(s: Services, guild: int, data: bytes, name: str) -> None:
    preview = await s.decks.preview(guild, f"{name}.csv", data, name, user_id=MOD)
    await s.decks.confirm(guild, preview.token, user_id=MOD)


async def _assert_as_rebuilt(s: Services) -> None:
    cards = list(s.catalog.cards.values())
    async with s.store.read() as db:
        rows = await db.execute_fetchall("SELECT card_key, term, question, answer, deck_id FROM cards_fts")
        state = list(await db.execute_fetchall("SELECT fingerprint, cards FROM search_state WHERE id = 1"))
    assert sorted(tuple(r) for r in rows) == sorted(search_document(c).row for c in cards)
    assert (state[0][0], state[0][1]) == (fingerprint(cards), len(cards))
    assert not await s.lookup.sync_search(cards)  # a restart finds the table up to date


async def test_the_search_table_after_deck_changes_is_what_a_rebuild_makes(core_services: Services) -> None:
    s = core_services
    await _import(s, GUILD, CSV, "biology")
    await _assert_as_rebuilt(s)
    await _import(s, OTHER, GLOSSARY, "glossary")
    await _assert_as_rebuilt(s)
    await _import(s, GUILD, MORE, "biology")  # a re-import: one card more
    await _assert_as_rebuilt(s)
    await s.decks.remove(OTHER, "glossary")
    await _assert_as_rebuilt(s)


async def test_readers_during_an_import_see_the_old_decks_or_the_new(core_services: Services) -> None:
    s = core_services
    before = s.lookup.define("BERT", guild_id=GUILD).card
    assert before is not None and s.lookup.define("zymogen", guild_id=GUILD).card is None
    preview = await s.decks.preview(GUILD, "glossary.csv", GLOSSARY, "glossary", user_id=MOD)
    confirming = asyncio.ensure_future(s.decks.confirm(GUILD, preview.token, user_id=MOD))
    answers: list[Card | None] = []
    while not confirming.done():
        # The global deck's card is defined all along; the new deck's card once it is in, and then for good.
        assert (await s.lookup.define_async("BERT", guild_id=GUILD)).card == before
        found = (await s.lookup.define_async("zymogen", guild_id=GUILD)).card
        assert found is None or found.deck.startswith("glossary")
        assert not answers or answers[-1] is None or found is not None
        answers.append(found)
        await asyncio.sleep(0)
    await confirming
    card = s.lookup.define("zymogen", guild_id=GUILD).card
    assert card is not None and card.deck.startswith("glossary")
    assert (await s.lookup.search("zymogen", guild_id=GUILD))[0].card == card
    assert s.lookup.define("zymogen", guild_id=OTHER).card is None
