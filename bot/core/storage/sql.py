"""What every repository's SQL uses: one row or one value of a query, and times as stored.

Times are stored as Unix milliseconds (``now_ms``, read back with ``from_ms``). ``fetch_one`` and
``fetch_value`` finish their statement before they return: an open SELECT would block the ``COMMIT``.
``store`` hands these on, so they are importable from there too.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

import aiosqlite

__all__ = ["Params", "fetch_one", "fetch_value", "from_ms", "now_ms"]

Params = Sequence[object] | Mapping[str, object]


def now_ms(dt: datetime | None = None) -> int:
    """Unix milliseconds for an aware datetime (now when None)."""
    if dt is None:
        return int(time.time() * 1000)
    if dt.tzinfo is None:
        raise ValueError("naive datetime")
    return int(dt.timestamp() * 1000)


def from_ms(ms: int) -> datetime:
    """The aware UTC datetime of Unix milliseconds."""
    return datetime.fromtimestamp(ms / 1000, tz=UTC)


async def fetch_one(db: aiosqlite.Connection, sql: str, params: Params = ()) -> aiosqlite.Row | None:
    """The first row of a query, with the statement finished (an open SELECT would block COMMIT).

    ``params`` is a sequence for ``?`` placeholders or a mapping for ``:name`` ones.
    """
    async with db.execute(sql, params) as cur:
        return await cur.fetchone()


async def fetch_value(db: aiosqlite.Connection, sql: str, params: Params = ()) -> Any:
    """The first column of the first row (None when there is no row)."""
    row = await fetch_one(db, sql, params)
    return None if row is None else row[0]
