"""A server's term index shares the global index's names and questions instead of copying them."""

from __future__ import annotations

from test_loop_free_lookup import synthetic_cards

from bot.core.catalog import Catalog
from bot.core.lookup import LookupService
from bot.core.models import Deck


async def test_a_servers_index_holds_the_global_indexs_strings_not_copies() -> None:
    base = synthetic_cards(400)
    mine = synthetic_cards(30, seed=9, deck="mine")
    catalog = Catalog([Deck(id="synthetic", title="Synthetic", cards=tuple(base))])
    catalog.put_deck(Deck(id="mine", title="Mine", cards=tuple(mine)), 7)
    lookup = LookupService(catalog=catalog)
    await lookup.start()
    await lookup.refresh(7)
    shared, own = lookup.index._t, lookup.index_for(7)._t
    assert own is not shared
    theirs = {key: key for key in shared.keys}
    in_both = [key for key in own.keys if key in theirs]
    assert len(in_both) >= len(shared.keys)
    assert all(key is theirs[key] for key in in_both)
    words = {w: w for w in shared.vocab}
    assert all(w is words[w] for w in own.vocab if w in words)
    # The same answers as the global index for what the server's own deck does not touch.
    term = base[5].term or ""
    assert lookup.define(term, guild_id=7).card == lookup.define(term).card
