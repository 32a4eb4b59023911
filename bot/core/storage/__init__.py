"""Storage: migrations and the connection discipline (``Store``), and one repository per feature.

``Store`` opens, migrates and closes the database and hands out units of work; the repositories
(``DeckQueries`` here: the deck files' sync and the servers' own decks; the feature ones in their modules) hold the SQL; ``AttemptWriter`` is the one
writer of attempts. ``StoreError`` (from ``problems``) says what is wrong with a database that cannot be
used; ``database_error(path, exc)`` makes one from what SQLite raised.
"""

from bot.core.storage.attempts import AttemptWriter
from bot.core.storage.deck_queries import DeckLimitReached, DeckQueries, ServerDeck, SyncReport
from bot.core.storage.sql import fetch_one, fetch_value, from_ms, now_ms
from bot.core.storage.store import SchemaTooNewError, Store, StoreError, database_error

__all__ = [
    "AttemptWriter",
    "DeckLimitReached",
    "DeckQueries",
    "SchemaTooNewError",
    "Store",
    "ServerDeck",
    "StoreError",
    "SyncReport",
    "database_error",
    "fetch_one",
    "fetch_value",
    "from_ms",
    "now_ms",
]
