"""Copy a SQLite database into an empty PostgreSQL one (``tutorbot migrate``).

Every table of the SQLite database is copied with binary COPY, in foreign-key order, inside one PostgreSQL
transaction; identity sequences are moved past the copied ids; then the rows of every table are counted on
both sides. Any difference, or any row PostgreSQL refuses, rolls the whole copy back. After the commit every
copied table is vacuumed and analysed, so the planner knows the data from the first query.

The summary tables (board_scores, user_card_stats …) are copied as they are, so the triggers that keep them
are switched off for the copy (in the same transaction: they are on again when it ends either way). The
search table's index is derived data: SQLite's FTS5 shadow tables are left out, and PostgreSQL computes each
copied row's tsvector itself.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass
from typing import Any

import asyncpg

from bot.core.storage.pg.store import MIGRATIONS_TABLE, PgStore, safe_url
from bot.core.storage.problems import StoreError
from bot.core.storage.store import Store
from bot.core.text import storable

__all__ = [
    "CopyFailed",
    "CopyReport",
    "CountMismatch",
    "TableCount",
    "TargetNotEmpty",
    "copy_sqlite_to_pg",
    "nonempty_tables",
]

log = logging.getLogger(__name__)

#: Rows read from SQLite and sent to PostgreSQL at a time.
BATCH_ROWS = 5000
_INTEGER_TYPES = frozenset({"bigint", "integer", "smallint"})
_FLOAT_TYPES = frozenset({"double precision", "real", "numeric"})


@dataclass(frozen=True, slots=True)
class TableCount:
    """One table's rows in the SQLite source and in the PostgreSQL target after the copy."""

    table: str
    source: int
    target: int
    rebuilt: bool = False  # derived data (the search index) computed by PostgreSQL, not copied as it was

    @property
    def ok(self) -> bool:
        """Whether every row arrived."""
        return self.source == self.target


@dataclass(frozen=True, slots=True)
class CopyReport:
    """What a copy did: the row counts of every copied table, in copy order, and the tables only PostgreSQL has."""

    tables: tuple[TableCount, ...]
    target_only: tuple[str, ...]

    @property
    def rows(self) -> int:
        """Rows copied in all."""
        return sum(t.target for t in self.tables)


class TargetNotEmpty(StoreError):
    """The PostgreSQL database already holds rows: nothing was written."""

    def __init__(self, where: str, tables: Sequence[str]) -> None:
        self.tables = tuple(tables)
        shown = ", ".join(self.tables[:8]) + (" …" if len(self.tables) > 8 else "")
        super().__init__(
            f"the database {where} is not empty (rows in {shown}): tutorbot migrate only copies into an empty "
            f"database, so nothing was written. Point --to at a new database (createdb), or empty this one."
        )


class CopyFailed(StoreError):
    """The copy failed part-way and was rolled back: the target holds none of the copied rows."""


class CountMismatch(CopyFailed):
    """The row counts differ after the copy, which was rolled back."""

    def __init__(self, counts: Sequence[TableCount]) -> None:
        self.counts = tuple(counts)
        wrong = ", ".join(f"{c.table} ({c.source} in SQLite, {c.target} copied)" for c in counts if not c.ok)
        super().__init__(f"the row counts differ after the copy: {wrong}. The copy was rolled back.")


async def nonempty_tables(target: PgStore) -> list[str]:
    """The tables of the target's schema that hold at least one row (the migrations record left out)."""
    async with target.read() as db:
        names = [
            r["relname"]
            for r in await db.fetch(
                "SELECT c.relname FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace"
                " AND c.relkind IN ('r', 'p') ORDER BY c.relname"
            )
        ]
        busy: list[str] = []
        for name in names:
            if name == MIGRATIONS_TABLE:
                continue
            if await db.fetchval(f"SELECT EXISTS (SELECT 1 FROM {_ident(name)})"):
                busy.append(name)
    return busy


async def copy_sqlite_to_pg(
    source: Store,
    target: PgStore,
    *,
    progress: Callable[[str], None] | None = None,
    batch_rows: int = BATCH_ROWS,
    committed: Callable[[], None] | None = None,
) -> CopyReport:
    """Copy every table of ``source`` into ``target`` (migrated and empty) in one transaction; check counts.

    ``progress`` is called with each table's name before it is copied, ``committed`` once the copy is
    committed (the planner statistics are computed after it).

    Raises ``TargetNotEmpty`` (nothing written) when the target holds rows, ``CountMismatch`` or
    ``CopyFailed`` (rolled back) when a table did not arrive whole.
    """
    busy = await nonempty_tables(target)
    if busy:
        raise TargetNotEmpty(safe_url(target.url), busy)
    async with source.read() as reader:
        # One read transaction: every table is read from the same snapshot, even if something writes meanwhile.
        await reader.execute("BEGIN")
        try:
            counts = await _copy(source, target, progress, batch_rows)
            if committed is not None:
                committed()
        finally:
            await reader.execute("COMMIT")
    # Statistics for the planner and the visibility map for index-only scans (the stats queries rely on
    # them), as a long-running database would have; VACUUM cannot run inside the copy's transaction.
    async with target.read() as db:
        for count in counts:
            await db.execute(f"VACUUM (ANALYZE) {_ident(count.table)}")
        copied = {c.table for c in counts}
        target_only = tuple(sorted(t for t in await _target_columns(db) if t not in copied and t != MIGRATIONS_TABLE))
    return CopyReport(tuple(counts), target_only)


async def _copy(
    source: Store, target: PgStore, progress: Callable[[str], None] | None, batch_rows: int
) -> list[TableCount]:
    """The copy itself, in one PostgreSQL transaction: the row counts of every copied table."""
    tables, virtual = await _source_tables(source)
    async with target.read() as db:
        schema = str(await db.fetchval("SELECT current_schema()"))
        columns = await _target_columns(db)
        order = await _dependency_order(db, tables)
        triggered = [
            r["relname"]
            for r in await db.fetch(
                "SELECT DISTINCT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
                " WHERE c.relnamespace = current_schema()::regnamespace AND NOT t.tgisinternal"
            )
        ]
    missing = [t for t in tables if t not in columns]
    if missing:
        raise StoreError(
            f"the PostgreSQL schema has no table for {', '.join(missing)}: the SQLite database has tables this "
            f"tutorbot does not know."
        )
    source_columns = {t: await _source_columns(source, t) for t in order}
    for table, names in source_columns.items():
        unknown = [c for c in names if c not in columns[table]]
        if unknown:
            raise StoreError(f"the PostgreSQL table {table} has no column {', '.join(unknown)}")
    counts: list[TableCount] = []
    try:
        async with target.transaction() as db:
            for name in triggered:
                await db.execute(f"ALTER TABLE {_ident(name)} DISABLE TRIGGER USER")
            for table in order:
                _not_cancelled()
                names = source_columns[table]
                wanted = columns[table]
                if progress is not None:
                    progress(table)
                convert = [_converter(table, c, wanted[c]) for c in names]
                records = _rows(source, table, names, convert, batch_rows)
                await db.copy_records_to_table(table, records=records, columns=names, schema_name=schema)
            for name in triggered:
                await db.execute(f"ALTER TABLE {_ident(name)} ENABLE TRIGGER USER")
            await _reset_sequences(db, order)
            for table in order:
                source_rows = await _source_count(source, table)
                target_rows = int(await db.fetchval(f"SELECT COUNT(*) FROM {_ident(table)}"))
                counts.append(TableCount(table, source_rows, target_rows, rebuilt=table in virtual))
            if not all(c.ok for c in counts):
                raise CountMismatch(counts)
            _not_cancelled()
    except StoreError:
        raise
    except (asyncpg.PostgresError, asyncpg.InterfaceError, ValueError) as exc:
        detail = " ".join(str(exc).split()) or type(exc).__name__
        raise CopyFailed(f"the copy failed and was rolled back, nothing is kept ({detail}).") from exc
    return counts


def _not_cancelled() -> None:
    """Raise the cancellation (Ctrl-C) asked of the copy, if one is pending: before each table and before the commit.
    asyncio raises it at the copy's next wait, but a wait that ends as it comes can drop it (asyncio.wait_for,
    Python 3.11), and the copy would run on to a commit."""
    task = asyncio.current_task()
    if task is not None and task.cancelling():
        raise asyncio.CancelledError


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


async def _source_tables(source: Store) -> tuple[list[str], set[str]]:
    """The SQLite tables to copy (sqlite's own and FTS5 shadow tables left out) and which are virtual."""
    async with source.read() as db:
        rows = await db.execute_fetchall(
            "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    virtual = {r[0] for r in rows if str(r[1] or "").upper().startswith("CREATE VIRTUAL TABLE")}
    tables = [r[0] for r in rows if not any(r[0].startswith(f"{v}_") for v in virtual)]
    return tables, virtual


async def _source_columns(source: Store, table: str) -> list[str]:
    async with source.read() as db:
        rows = await db.execute_fetchall("SELECT name FROM pragma_table_info(?) ORDER BY cid", (table,))
    return [r[0] for r in rows]


async def _source_count(source: Store, table: str) -> int:
    async with source.read() as db:
        async with db.execute(f"SELECT COUNT(*) FROM {_ident(table)}") as cur:
            row = await cur.fetchone()
    return int(row[0]) if row is not None else 0


async def _target_columns(db: Any) -> dict[str, dict[str, str]]:
    """Table -> column -> type of the target schema, generated columns left out (PostgreSQL computes them)."""
    found: dict[str, dict[str, str]] = {}
    for r in await db.fetch(
        "SELECT table_name, column_name, data_type FROM information_schema.columns"
        " WHERE table_schema = current_schema() AND is_generated = 'NEVER' ORDER BY table_name, ordinal_position"
    ):
        found.setdefault(r["table_name"], {})[r["column_name"]] = r["data_type"]
    return found


async def _dependency_order(db: Any, tables: Sequence[str]) -> list[str]:
    """``tables`` ordered so that every table comes after the tables its foreign keys point at."""
    edges: dict[str, set[str]] = {t: set() for t in tables}
    for r in await db.fetch(
        "SELECT c.relname AS child, p.relname AS parent FROM pg_constraint k"
        " JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid"
        " WHERE k.contype = 'f' AND c.relnamespace = current_schema()::regnamespace"
    ):
        if r["child"] in edges and r["parent"] in edges and r["parent"] != r["child"]:
            edges[r["child"]].add(r["parent"])
    order: list[str] = []
    done: set[str] = set()

    def visit(table: str, path: tuple[str, ...]) -> None:
        if table in done:
            return
        if table in path:
            raise StoreError(f"the foreign keys between {', '.join(path)} form a cycle")
        for parent in sorted(edges[table]):
            visit(parent, (*path, table))
        done.add(table)
        order.append(table)

    for table in sorted(tables):
        visit(table, ())
    return order


def _converter(table: str, column: str, pg_type: str) -> Callable[[Any], Any]:
    """Turn a SQLite value into what binary COPY needs for ``pg_type``; a value that cannot be is an error."""

    def integer(value: Any) -> Any:
        if value is None or type(value) is int:
            return value
        if isinstance(value, float) and value.is_integer():
            return int(value)
        raise ValueError(f"{table}.{column} holds {value!r}, not a whole number")

    def floating(value: Any) -> Any:
        if value is None or isinstance(value, float):
            return value
        if isinstance(value, int):
            return float(value)
        raise ValueError(f"{table}.{column} holds {value!r}, not a number")

    def text(value: Any) -> Any:
        # A NUL, which SQLite keeps and PostgreSQL's text refuses (an answer stored before NULs were dropped), and
        # half a surrogate pair are dropped, as the bot drops them from what it writes (``storable``).
        if value is None:
            return value
        if isinstance(value, str):
            return storable(value)
        if isinstance(value, bytes):
            try:
                return storable(value.decode("utf-8"))
            except UnicodeDecodeError:
                raise ValueError(f"{table}.{column} holds bytes that are not UTF-8 text") from None
        return str(value)

    if pg_type in _INTEGER_TYPES:
        return integer
    if pg_type in _FLOAT_TYPES:
        return floating
    if pg_type == "text":
        return text
    return lambda value: value


async def _rows(
    source: Store, table: str, names: Sequence[str], convert: Sequence[Callable[[Any], Any]], batch_rows: int
) -> AsyncIterator[tuple[Any, ...]]:
    """The rows of one SQLite table, converted, read ``batch_rows`` at a time."""
    select = f"SELECT {', '.join(_ident(n) for n in names)} FROM {_ident(table)}"
    async with source.read() as db:
        async with db.execute(select) as cur:
            while True:
                batch = await cur.fetchmany(batch_rows)
                if not batch:
                    return
                for row in batch:
                    yield tuple(f(v) for f, v in zip(convert, row, strict=True))


async def _reset_sequences(db: Any, tables: Sequence[str]) -> None:
    """Move every identity sequence of ``tables`` past the largest copied id."""
    for r in await db.fetch(
        "SELECT table_name, column_name, pg_get_serial_sequence(quote_ident(table_schema) || '.'"
        " || quote_ident(table_name), column_name) AS seq FROM information_schema.columns"
        " WHERE table_schema = current_schema()"
    ):
        if r["seq"] is None or r["table_name"] not in tables:
            continue
        column, table = _ident(r["column_name"]), _ident(r["table_name"])
        await db.execute(
            f"SELECT setval($1::regclass, COALESCE((SELECT MAX({column}) FROM {table}), 0) + 1, false)", r["seq"]
        )
