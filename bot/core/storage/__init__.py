"""SQLite storage: migrations, the connection discipline, and typed query methods."""

from bot.core.storage.store import (
    SchemaTooNewError,
    Store,
    StoreError,
    SyncReport,
    fetch_one,
    fetch_value,
    from_ms,
    now_ms,
)

__all__ = [
    "SchemaTooNewError",
    "Store",
    "StoreError",
    "SyncReport",
    "fetch_one",
    "fetch_value",
    "from_ms",
    "now_ms",
]
