"""/search on PostgreSQL finds names written with dots (``tf.Variable``, ``torch.nn``, ``Node.js``), as on SQLite.

SQLite's FTS5 tokenizer (unicode61) splits "tf.Variable" into the words "tf" and "variable", as the query
side (``query_words``) does. PostgreSQL's default text-search parser would read "tf.Variable" as one host-name
token (``tf.variable``); its search document reads those marks as spaces (migration 0019).
"""

from __future__ import annotations

from pathlib import Path

from pg_support import Engine, both_engines  # noqa: F401  (the ``engine`` fixture)

from bot.core.catalog import Catalog
from bot.core.decks import load_decks
from bot.core.lookup import LookupService
from bot.core.storage.search_queries import SearchDocument, SearchQueries

ROOT = Path(__file__).resolve().parents[1]
CHECKPOINTS = "genai-basics:checkpoints"  # the shipped card whose explanation names tf.Variable


async def test_search_finds_the_shipped_card_that_names_tf_variable(engine: Engine) -> None:
    lookup = LookupService(catalog=Catalog(load_decks(ROOT / "cards")), store=await engine.open())
    await lookup.start()
    try:
        hits = [h.card.key for h in await lookup.search("tf.Variable")]
        assert hits[:1] == [CHECKPOINTS], hits
        assert CHECKPOINTS in [h.card.key for h in await lookup.search("Variable")]
    finally:
        await lookup.close()


async def test_a_dotted_name_is_found_by_its_parts_as_on_sqlite(engine: Engine) -> None:
    queries = SearchQueries(await engine.open())
    await queries.rebuild([
        SearchDocument("web:node", "Node.js", "Which runtime runs JavaScript on a server?", "Node.js.", "web"),
        SearchDocument("ml:module", "module", "What does every PyTorch layer subclass?", "torch.nn.Module.", "ml"),
        SearchDocument("web:deno", "Deno", "Which runtime did Node's author write next?", "Deno.", "web"),
    ], fingerprint="dotted", now=None)  # fmt: skip

    async def keys(*words: str) -> list[str]:
        return [row.card_key for row in await queries.match(words, limit=5, marks=("[", "]"))]

    assert await keys("node", "js") == ["web:node"]  # what /search "Node.js" asks for
    assert await keys("js") == ["web:node"]
    assert await keys("nn") == ["ml:module"]


async def test_searching_a_shipped_cards_own_term_with_a_version_number_finds_that_card_alone(
    engine: Engine,
) -> None:
    # "SQuAD 2.0": PostgreSQL's parser keeps "2.0" as one token, so the every-word search finds nothing and the
    # any-word fallback lists nine unrelated cards after it (SQLite: the card alone).
    lookup = LookupService(catalog=Catalog(load_decks(ROOT / "cards")), store=await engine.open())
    await lookup.start()
    try:
        assert [h.card.key for h in await lookup.search("SQuAD 2.0")] == ["genai-basics:squad-2"]
    finally:
        await lookup.close()
