"""The repositories' SQL on PostgreSQL: an asyncpg connection with the small aiosqlite surface they use.

The repositories (``bot/core/storage/*_queries*``, ``AttemptWriter``) are written against aiosqlite: ``await
db.execute(sql, params)`` (a cursor with ``lastrowid``, ``rowcount``, ``fetchone``), ``execute_fetchall``,
``executemany``, rows read by name or position. ``PgCompatStore`` is a ``PgStore`` whose ``transaction()`` and
``read()`` yield a ``PgConnection`` giving exactly that surface over one pooled asyncpg connection, so each
repository runs unchanged on both engines.

``translate`` rewrites a statement once (cached): ``?`` and ``:name`` placeholders become ``$n``; the
SQLite-only constructs the repositories use become their PostgreSQL equivalents:

- ``SUM(a = b)`` (a comparison summed as 0/1) → ``SUM((a = b)::int)``, and ``COALESCE(a = b, 0)`` likewise;
- two-argument ``MAX(a, b)`` / ``MIN(a, b)`` → ``GREATEST`` / ``LEAST``;
- ``INSERT OR IGNORE`` → ``ON CONFLICT DO NOTHING``; ``INSERT OR REPLACE`` → ``ON CONFLICT (key) DO UPDATE``;
- a subquery in ``FROM`` or ``JOIN`` without an alias gets one (PostgreSQL 15 requires it);
- ``json_each(:list)`` → the elements of a JSON array (``key``, ``value``), typed by the list;
- ``? IS NULL`` → a text parameter (PostgreSQL must know a parameter's type); ``a IS NOT ?`` →
  ``IS DISTINCT FROM``;
- ``INDEXED BY`` hints are dropped; ``ORDER BY x IS NULL, x`` is ``ORDER BY x`` (NULLs sort last there);
- ``COLLATE BINARY`` (text ordered byte by byte, as every tie-break on text is) → ``COLLATE "C"``;
- the search repository's FTS5 ``MATCH`` (``search_sql``) → a tsquery on ``cards_fts.document``;
- ``cards.rowid`` (insertion order, a tie-break) → ``ctid``: the same order for rows never rewritten, but an
  updated card row moves to the end;
- an ``INSERT`` into a table with an identity ``id`` gets ``RETURNING id`` for ``lastrowid`` (the database
  assigns every id, as SQLite does: an insert that names the id itself is refused, since the identity would
  later hand the same id out again).

Text given to PostgreSQL loses any NUL character (its text cannot hold one). Sums come back as ``Decimal``:
rows give whole numbers back as ``int``, as SQLite does. A failure comes back as the ``sqlite3`` error the
callers already handle (a broken unique or foreign key: ``IntegrityError``; anything else, a lost server
included: ``OperationalError``), the asyncpg one chained.

Engine-specific SQL the repositories do not write portably is limited to what is listed here; a statement
the translation does not cover fails with PostgreSQL's own error (``tests/test_storage_engines.py`` runs the
features on both engines).
"""

from __future__ import annotations

import asyncio
import functools
import logging
import re
import sqlite3
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Mapping, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import asyncpg

from bot.core.storage.pg.store import CONNECT_TIMEOUT, PgStore, connection_error, hang_up, lost
from bot.core.storage.problems import BotRunning, StoreError
from bot.core.storage.store import BUSY_WAIT, STARTUP_BUSY_WAIT

__all__ = ["BotRunning", "PgCompatStore", "PgConnection", "PgCursor", "PgRow", "translate"]

log = logging.getLogger(__name__)

#: Tables whose ``id`` is an identity column (SQLite's rowid): an insert reports its new id.
IDENTITY_TABLES = frozenset({"attempts", "stats_tag_changes", "daily_posts", "review_logs", "disputes"})
#: The conflict key of each table written with ``INSERT OR REPLACE``.
REPLACE_KEYS = {"board_windows": ("guild_id", "period")}
#: The element type of the JSON lists read with ``json_each(:name)`` (member and time lists are numbers).
JSON_TEXT_LISTS = frozenset({"decks", "card_keys"})
#: How long a statement waits for a lock another process holds (a row it is writing), in milliseconds, before it
#: fails as a storage failure: SQLite's wait for another process's write lock (``BUSY_WAIT``), and while the
#: store starts (until ``serving``) its longer one. Without it a write waited as long as the other process held
#: the lock: hours for a process whose machine was cut off in the middle of a transaction (the server keeps it
#: open until it notices), and every later write of the waiting process queued behind it.
LOCK_WAIT_MS = int(BUSY_WAIT * 1000)
STARTUP_LOCK_WAIT_MS = int(STARTUP_BUSY_WAIT * 1000)
#: The transactions are written for READ COMMITTED, PostgreSQL's default: a statement that waited for another
#: process's row sees what that process committed (a right answer claimed first elsewhere scores as a later one).
#: A database or login set to a stricter default (``repeatable read``, ``serializable``) would fail such a
#: statement with "could not serialize access" instead, and the member's answer would not be saved.
SESSION_SETTINGS = {"default_transaction_isolation": "read committed"}
#: Once the store is serving, how long a statement may go unanswered, in seconds, before its connection is
#: given up and the statement fails as a storage failure. A server cut off by the network (a firewall dropping
#: the packets, a host gone without a reset) answers nothing, and the operating system takes up to a quarter of
#: an hour to give up on the connection: until then the write held its process's write turn, every later answer
#: of the process queued behind it, and nothing the member did got an answer. Statements that wait for a lock
#: give up sooner (``LOCK_WAIT_MS``); the longest a serving bot runs (a server deck's import) take seconds.
STATEMENT_WAIT = 30.0

_TOKEN = re.compile(
    r"'(?:[^']|'')*'"  # a string literal, kept as it is
    r"|\"(?:[^\"]|\"\")*\""  # a quoted identifier
    r"|::"  # a cast, not a named parameter
    r"|\?"
    r"|:([A-Za-z_]\w*)"
)
_COMPARISON = re.compile(r"<=|>=|!=|<>|=|<|>|\bAND\b|\bOR\b|\bIS\b|\bIN\b|\bLIKE\b", re.IGNORECASE)


@dataclass(frozen=True)
class Translated:
    """A statement in PostgreSQL's terms."""

    sql: str
    names: tuple[str, ...] | None  # parameter names in $n order (None: positional ``?``)
    text_params: frozenset[int]  # $n (0-based) that must be given as text
    count: int  # how many $n
    insert_table: str | None  # the identity table an INSERT writes (its id is returned)


def _closing(sql: str, open_at: int) -> int:
    """The index of the parenthesis closing the one at ``open_at`` (literals skipped)."""
    depth = 0
    i = open_at
    while i < len(sql):
        c = sql[i]
        if c == "'":
            i = sql.index("'", i + 1)
            while i + 1 < len(sql) and sql[i + 1] == "'":
                i = sql.index("'", i + 2)
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    raise ValueError(f"unbalanced parentheses in {sql!r}")


def _top_level(text: str) -> tuple[list[str], str]:
    """``text`` split at its top-level commas, and ``text`` with every parenthesised part blanked."""
    parts: list[str] = []
    flat: list[str] = []
    depth = 0
    start = 0
    quoted = False
    for i, c in enumerate(text):
        if c == "'":
            quoted = not quoted
        if quoted:
            flat.append(" ")
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "," and depth == 0:
            parts.append(text[start:i])
            start = i + 1
        flat.append(c if depth == 0 or c == "(" else " ")
    parts.append(text[start:])
    return parts, "".join(flat)


def _functions(sql: str) -> str:
    """SUM and COALESCE of comparisons, two-argument MAX/MIN; innermost first."""
    out = sql
    pattern = re.compile(r"\b(SUM|MAX|MIN|COALESCE)\(", re.IGNORECASE)
    pos = 0
    while True:
        m = pattern.search(out, pos)
        if m is None:
            return out
        open_at = m.end() - 1
        close = _closing(out, open_at)
        inner = _functions(out[open_at + 1 : close])
        name = m.group(1).upper()
        args, flat = _top_level(inner)
        if name == "SUM" and _COMPARISON.search(flat) and "CASE" not in flat.upper():
            replacement = f"SUM(({inner})::int)"
        elif name == "COALESCE" and len(args) == 2 and _COMPARISON.search(_top_level(args[0])[1]):
            replacement = f"COALESCE(({args[0].strip()})::int,{args[1]})"
        elif name in ("MAX", "MIN") and len(args) == 2:
            replacement = f"{'GREATEST' if name == 'MAX' else 'LEAST'}({inner})"
        else:
            replacement = f"{m.group(1)}({inner})"
        out = out[: m.start()] + replacement + out[close + 1 :]
        pos = m.start() + len(replacement)


_NOT_ALIAS = frozenset(
    "WHERE ORDER GROUP LEFT RIGHT INNER CROSS JOIN ON LIMIT OFFSET UNION EXCEPT INTERSECT HAVING WINDOW".split()
)


def _alias_subqueries(sql: str) -> str:
    """Give every subquery in FROM or JOIN an alias (PostgreSQL before 16 requires one)."""
    out = sql
    n = 0
    pos = 0
    while True:
        m = re.compile(r"\b(FROM|JOIN)\s*\(", re.IGNORECASE).search(out, pos)
        if m is None:
            return out
        close = _closing(out, m.end() - 1)
        after = re.match(r"\s*([A-Za-z_]\w*)?", out[close + 1 :])
        word = after.group(1) if after else None
        if word is None or word.upper() in _NOT_ALIAS:
            n += 1
            out = f"{out[: close + 1]} AS sub{n}{out[close + 1 :]}"
        pos = m.end()


def _json_each(sql: str) -> str:
    def one(m: re.Match[str]) -> str:
        name = m.group(1)
        kind = "text" if name in JSON_TEXT_LISTS else "bigint"
        return (
            f"(SELECT (e.o - 1) AS key, e.v::{kind} AS value FROM jsonb_array_elements_text(CAST(:{name} AS jsonb))"
            f" WITH ORDINALITY AS e(v, o)) AS je_{name}"
        )

    return re.sub(r"json_each\(:(\w+)\)", one, sql)


@functools.lru_cache(maxsize=2048)
def translate(sql: str) -> Translated:
    """``sql`` (as the repositories write it for SQLite) in PostgreSQL's terms."""
    text = sql
    conflict = ""
    m = re.match(r"\s*INSERT\s+OR\s+IGNORE\s+INTO", text, re.IGNORECASE)
    if m:
        text = "INSERT INTO" + text[m.end() :]
        conflict = " ON CONFLICT DO NOTHING"
    m = re.match(r"\s*INSERT\s+OR\s+REPLACE\s+INTO\s+(\w+)\s*\(([^)]*)\)", text, re.IGNORECASE)
    if m:
        table = m.group(1)
        key = REPLACE_KEYS.get(table)
        if key is None:
            raise StoreError(f"INSERT OR REPLACE INTO {table}: its conflict key is not known on PostgreSQL")
        cols = [c.strip() for c in m.group(2).split(",")]
        sets = ", ".join(f"{c} = excluded.{c}" for c in cols if c not in key)
        text = "INSERT INTO " + text[m.start(1) :]
        conflict = f" ON CONFLICT ({', '.join(key)}) DO UPDATE SET {sets}"
    if conflict:
        body = text.rstrip().rstrip(";")
        r = re.search(r"\sRETURNING\s", body, re.IGNORECASE)
        text = body + conflict if r is None else body[: r.start()] + conflict + body[r.start() :]
    text = _alias_subqueries(text)
    # ``a IS ?`` compares values in SQLite (NULL-safe equality); ``rowid`` of cards is their insertion order.
    text = re.sub(r"\bIS\s+NOT\s+(?=\?|:\w)", "IS DISTINCT FROM ", text, flags=re.IGNORECASE)
    text = re.sub(r"\bIS\s+(?=\?|:\w)", "IS NOT DISTINCT FROM ", text, flags=re.IGNORECASE)
    text = re.sub(r"\b(\w+)\.rowid\b", r"\1.ctid", text)
    # Text ordered byte by byte, as SQLite orders it: not by the database's collation (en_US puts "alice"
    # before "Bob"; SQLite, and C, the other way round).
    text = re.sub(r"\bCOLLATE\s+BINARY\b", 'COLLATE "C"', text, flags=re.IGNORECASE)
    # SQLite's query-planner hints; NULLs last written as SQLite needs it (PostgreSQL sorts them last already).
    text = re.sub(r"\s+(NOT\s+INDEXED|INDEXED\s+BY\s+\w+)", "", text, flags=re.IGNORECASE)
    text = re.sub(r"\b([\w.]+) IS NULL, \1\b(?!\s+DESC)", r"\1", text)
    text = _json_each(text)
    # Placeholders, then functions (whose comparisons may hold placeholders), then the identity insert.
    parts: list[str] = []
    names: list[str] = []
    positional = 0
    text_params: set[int] = set()
    index: dict[str, int] = {}
    pos = 0
    for t in _TOKEN.finditer(text):
        parts.append(text[pos : t.start()])
        tok = t.group(0)
        if tok == "?":
            positional += 1
            parts.append(f"${positional}")
            if re.match(r"\s+IS\s+(NOT\s+)?NULL", text[t.end() :], re.IGNORECASE):
                parts.append("::text")
                text_params.add(positional - 1)
        elif t.group(1):
            name = t.group(1)
            if name not in index:
                names.append(name)
                index[name] = len(names)
            parts.append(f"${index[name]}")
            if re.match(r"\s+IS\s+(NOT\s+)?NULL", text[t.end() :], re.IGNORECASE):
                parts.append("::text")
                text_params.add(index[name] - 1)
        else:
            parts.append(tok)
        pos = t.end()
    parts.append(text[pos:])
    text = "".join(parts)
    if positional and names:
        raise StoreError(f"a statement mixes ? and :name placeholders: {sql!r}")
    text = _functions(text)
    insert_table = None
    m = re.match(r"\s*INSERT\s+INTO\s+(\w+)\s*\(\s*(\w+)", text, re.IGNORECASE)
    if m and m.group(1) in IDENTITY_TABLES:
        insert_table = m.group(1)
        if m.group(2) == "id":
            raise StoreError(f"an insert into {insert_table} names the id: the database assigns it ({sql!r})")
        if not re.search(r"\sRETURNING\s", text, re.IGNORECASE):
            text = text.rstrip().rstrip(";") + " RETURNING id"
    return Translated(
        text, tuple(names) if names else None, frozenset(text_params), positional or len(names), insert_table
    )


def _args(t: Translated, params: Sequence[object] | Mapping[str, object]) -> list[object]:
    if t.names is not None:
        if not isinstance(params, Mapping):
            raise StoreError("named placeholders need a mapping of parameters")
        values = [params[n] for n in t.names]
    else:
        if isinstance(params, Mapping):
            raise StoreError("? placeholders need a sequence of parameters")
        values = list(params)
    if len(values) != t.count:
        raise StoreError(f"the statement takes {t.count} parameters, {len(values)} given")
    for i in t.text_params:
        if values[i] is not None:
            values[i] = str(values[i])
    for i, v in enumerate(values):
        if isinstance(v, str) and "\x00" in v:
            values[i] = v.replace("\x00", "")  # PostgreSQL text cannot hold NUL
    return values


def _value(v: object) -> object:
    if isinstance(v, Decimal):
        return int(v) if v == v.to_integral_value() else float(v)
    return v


_FTS_WORD = re.compile(r'"((?:[^"]|"")*)"(\*?)')


@functools.lru_cache(maxsize=1)
def _search_statements() -> frozenset[str]:
    from bot.core.storage.search_queries import MATCH_IN_DECKS_SQL, MATCH_SQL

    return frozenset({MATCH_SQL, MATCH_IN_DECKS_SQL})


def search_sql(params: Mapping[str, object], *, in_decks: bool) -> tuple[str, list[object]]:
    """The search repository's FTS5 match on PostgreSQL's text search: the same words (quoted, all or any,
    the last one also as a prefix) as a tsquery on ``cards_fts.document``, ranked by ``ts_rank`` (best
    first, as bm25's negative rank), with ``ts_headline`` snippets between the same marks. The text search
    configuration ``tutor_search`` (migration 0014) stems English and folds accents, as FTS5 does."""
    expression = str(params["match"])
    words = list(_FTS_WORD.finditer(expression))
    any_word = any(expression[a.end() : b.start()].strip() == "OR" for a, b in zip(words, words[1:], strict=False))
    args: list[object] = []
    parts: list[str] = []
    for m in words:
        args.append(m.group(1).replace('""', '"'))
        n = len(args)
        if m.group(2):
            parts.append(f"to_tsquery('tutor_search', quote_literal(${n}::text) || ':*')")
        else:
            parts.append(f"plainto_tsquery('tutor_search', ${n}::text)")
    if not parts:
        return "SELECT NULL AS card_key, NULL AS snip, 0.0 AS rank WHERE false", []
    query = (" || " if any_word else " && ").join(parts)
    args.append(f'StartSel="{params["start"]}", StopSel="{params["end"]}", MaxWords=14, MinWords=5')
    options = len(args)
    deck_filter = ""
    if in_decks:
        args.append(str(params["decks"]))
        deck_filter = f" AND f.deck_id IN (SELECT jsonb_array_elements_text(CAST(${len(args)} AS jsonb)))"
    args.append(params["limit"])
    sql = (
        f"WITH q AS (SELECT {query} AS q)"
        " SELECT f.card_key,"
        " ts_headline('tutor_search', concat_ws(' ', f.term, f.question, f.answer), q.q, $" + str(options) + ") AS snip,"
        " -ts_rank(f.document, q.q) AS rank"
        f" FROM cards_fts f, q WHERE f.document @@ q.q{deck_filter}"
        f" ORDER BY rank, f.card_key LIMIT ${len(args)}"
    )
    return sql, args


class PgRow(tuple[Any, ...]):
    """A row read by position or by column name, like ``aiosqlite.Row``."""

    _names: dict[str, int]

    def __new__(cls, record: Any) -> PgRow:
        row = super().__new__(cls, (_value(v) for v in record.values()))
        row._names = {k: i for i, k in enumerate(record.keys())}
        return row

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            return super().__getitem__(self._names[key])
        return super().__getitem__(key)

    def keys(self) -> list[str]:
        """The column names, in order."""
        return list(self._names)


class PgCursor:
    """The result of one statement: ``lastrowid``, ``rowcount`` and the rows."""

    def __init__(self, rows: list[PgRow], rowcount: int, lastrowid: int | None) -> None:
        self._rows = rows
        self._at = 0
        self.rowcount = rowcount
        self.lastrowid = lastrowid

    async def fetchone(self) -> PgRow | None:
        if self._at >= len(self._rows):
            return None
        self._at += 1
        return self._rows[self._at - 1]

    async def fetchmany(self, size: int = 1) -> list[PgRow]:
        rows = self._rows[self._at : self._at + size]
        self._at += len(rows)
        return rows

    async def fetchall(self) -> list[PgRow]:
        rows = self._rows[self._at :]
        self._at = len(self._rows)
        return rows

    def __aiter__(self) -> PgCursor:
        return self

    async def __anext__(self) -> PgRow:
        row = await self.fetchone()
        if row is None:
            raise StopAsyncIteration
        return row

    async def close(self) -> None:
        """Nothing to release (the rows are already read)."""

    async def __aenter__(self) -> PgCursor:
        return self

    async def __aexit__(self, *exc: object) -> None:
        return None


class _Pending:
    """``db.execute(...)``: awaited, or used as ``async with db.execute(...) as cur``, like aiosqlite's."""

    def __init__(self, conn: PgConnection, sql: str, params: Sequence[object] | Mapping[str, object]) -> None:
        self._conn = conn
        self._sql = sql
        self._params = params
        self._cursor: PgCursor | None = None

    def __await__(self) -> Any:
        return self._conn._run(self._sql, self._params).__await__()

    async def __aenter__(self) -> PgCursor:
        self._cursor = await self._conn._run(self._sql, self._params)
        return self._cursor

    async def __aexit__(self, *exc: object) -> None:
        return None


def _count(status: str) -> int:
    last = status.rsplit(" ", 1)[-1]
    return int(last) if last.isdigit() else 0


def sqlite_error(exc: BaseException) -> sqlite3.Error:
    """A PostgreSQL failure as the ``sqlite3`` error the callers already handle: a broken constraint is an
    ``IntegrityError``, a statement written wrong a ``ProgrammingError``, anything else (a lost connection, a
    refused statement) an ``OperationalError``."""
    detail = " ".join(str(exc).split()) or type(exc).__name__
    if isinstance(exc, asyncpg.IntegrityConstraintViolationError):
        return sqlite3.IntegrityError(detail)
    if isinstance(exc, OSError) and not isinstance(exc, TimeoutError):
        return sqlite3.OperationalError(f"PostgreSQL: cannot reach the database server ({detail})")
    if isinstance(exc, asyncpg.SyntaxOrAccessError) and not isinstance(exc, asyncpg.InsufficientPrivilegeError):
        # a statement written wrong (a syntax error, a column or table the schema lacks): a bug, as SQLite's
        # "no such column" is, not the database refusing to work
        return sqlite3.ProgrammingError(f"PostgreSQL: {detail}")
    return sqlite3.OperationalError(f"PostgreSQL: {detail}")


_PG_ERRORS = (asyncpg.PostgresError, asyncpg.InterfaceError)
#: What the connection itself raises: the above, and the network's errors (a server refusing connections, a
#: connection reset, a statement unanswered within ``STATEMENT_WAIT``).
_CONNECTION_ERRORS = (*_PG_ERRORS, OSError)
#: A statement that only reads, and may be sent again on another connection when its own was lost.
_QUERY = re.compile(r"^\s*SELECT\b", re.IGNORECASE)


class PgConnection:
    """One pooled asyncpg connection with the aiosqlite methods the repositories call.

    ``wait``: seconds a statement may go unanswered (None: no bound); the connection is ended then
    (``hang_up``). ``renew`` (outside a transaction only): a new pooled connection in place of a lost one, on
    which a query that failed because its connection was lost is sent again, once.
    """

    def __init__(
        self,
        raw: Any,
        *,
        wait: float | None = None,
        renew: Callable[[Any, BaseException], Awaitable[Any]] | None = None,
    ) -> None:
        self.raw = raw
        self.wait = wait
        self._renew = renew

    @property
    def in_transaction(self) -> bool:
        return bool(self.raw.is_in_transaction())

    def execute(self, sql: str, params: Sequence[object] | Mapping[str, object] = ()) -> _Pending:
        """Run one statement; awaiting it gives a cursor."""
        return _Pending(self, sql, params)

    def _failure(self, exc: BaseException) -> sqlite3.Error:
        """``exc`` of a statement as the ``sqlite3`` error; an unanswered one ends the connection first."""
        if isinstance(exc, TimeoutError) and self.wait is not None:
            return sqlite_error(hang_up(self.raw, self.wait))
        return sqlite_error(exc)

    async def _run(self, sql: str, params: Sequence[object] | Mapping[str, object]) -> PgCursor:
        try:
            return await self._statement(sql, params)
        except _CONNECTION_ERRORS as exc:
            if self._renew is None or not _QUERY.match(sql) or not lost(self.raw, exc):
                raise self._failure(exc) from exc
            try:
                self.raw = await self._renew(self.raw, exc)
            except _CONNECTION_ERRORS as again:
                raise sqlite_error(again) from again
        try:
            return await self._statement(sql, params)
        except _CONNECTION_ERRORS as exc:
            raise self._failure(exc) from exc

    async def _statement(self, sql: str, params: Sequence[object] | Mapping[str, object]) -> PgCursor:
        if sql in _search_statements() and isinstance(params, Mapping):
            statement, search_args = search_sql(params, in_decks="decks" in params)
            rows = await self.raw.fetch(statement, *search_args, timeout=self.wait)
            return PgCursor([PgRow(r) for r in rows], -1, None)
        t = translate(sql)
        args = _args(t, params)
        if t.insert_table is not None or re.search(r"\bRETURNING\b|^\s*(SELECT|WITH|VALUES)\b", t.sql, re.I):
            records = await self.raw.fetch(t.sql, *args, timeout=self.wait)
            rows = [PgRow(r) for r in records]
            lastrowid = int(rows[-1][0]) if t.insert_table is not None and rows else None
            is_select = t.insert_table is None and re.match(r"^\s*(SELECT|WITH|VALUES)\b", t.sql, re.I)
            return PgCursor(rows, -1 if is_select else len(rows), lastrowid)
        status = await self.raw.execute(t.sql, *args, timeout=self.wait)
        return PgCursor([], _count(status), None)

    async def execute_fetchall(
        self, sql: str, params: Sequence[object] | Mapping[str, object] = ()
    ) -> list[PgRow]:
        """Every row of one statement."""
        cur = await self._run(sql, params)
        return await cur.fetchall()

    async def executemany(self, sql: str, seq: Iterable[Sequence[object] | Mapping[str, object]]) -> None:
        """One statement run for each set of parameters."""
        t = translate(sql)
        batch = [_args(t, p) for p in seq]
        if not batch:
            return
        statement = t.sql
        if t.insert_table is not None:
            statement = re.sub(r"\s+RETURNING id$", "", statement)
        try:
            await self.raw.executemany(statement, batch, timeout=self.wait)
        except _CONNECTION_ERRORS as exc:
            raise self._failure(exc) from exc

    async def commit(self) -> None:
        """Nothing: the store's unit of work commits."""


#: The advisory lock a process serving Discord holds shared for as long as it runs (``PgCompatStore.mark_running``),
#: one per schema: ``tutorbot forget`` tries it exclusively.
RUNNING_LOCK = "hashtext(current_schema() || '.tutorbot.running')"
#: Seconds between two tries at taking the mark again after its connection was lost.
MARK_RETRY = 5.0


class PgCompatStore(PgStore):
    """A ``PgStore`` whose units of work speak the repositories' (aiosqlite) dialect; see the module doc.

    Within one process its write transactions run one at a time, as the SQLite store's do (the repositories
    read and then write inside a transaction, and expect no other writer of the process in between); between
    processes the unique constraints and row locks decide. Reads run beside them on other pooled connections.
    """

    read_only = False

    def __init__(self, url: str, pool: Any) -> None:
        super().__init__(url, pool)
        self._writer = asyncio.Lock()
        self._serving = False
        self._server_settings: dict[str, str] = {}
        #: The connection holding the running bot's mark (``mark_running``), and the task taking it again.
        self._mark: Any = None
        self._marking: asyncio.Task[None] | None = None
        self._unmarked = False  # closing: the mark is let go of for good

    @classmethod
    async def open(cls, url: str, **kwargs: Any) -> PgCompatStore:
        """``PgStore.open``, with every connection's lock waits bounded (``LOCK_WAIT_MS``) and its transactions
        READ COMMITTED whatever the database's or the login's default (``SESSION_SETTINGS``)."""
        settings = {**SESSION_SETTINGS, "lock_timeout": str(int(LOCK_WAIT_MS))}
        settings.update(kwargs.pop("server_settings", None) or {})
        store = await super().open(url, server_settings=settings, **kwargs)
        assert isinstance(store, PgCompatStore)
        store._server_settings = settings
        return store

    # -- the running bot's mark ------------------------------------------------------------------------
    async def mark_running(self) -> None:
        """This process serves Discord on the database: it holds a shared advisory lock of the schema
        (``RUNNING_LOCK``) for as long as it runs, on a connection of its own, so that ``tutorbot forget`` (which
        must not delete what a running bot holds in memory) can tell and refuses. Shard processes each hold it
        beside one another. A connection lost is replaced, and the lock taken again, in the background."""
        if self._mark is not None or self._unmarked:
            return
        try:
            conn = await asyncpg.connect(self.url, server_settings=self._server_settings, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError, asyncpg.PostgresError, asyncpg.InterfaceError) as exc:
            raise connection_error(self.url, exc, setting=self.setting) from exc
        try:
            await conn.execute("SET lock_timeout = 0")  # (waits for a `tutorbot forget` in progress to end)
            await conn.fetchval(f"SELECT pg_advisory_lock_shared({RUNNING_LOCK})")
        except BaseException as exc:
            conn.terminate()
            if isinstance(exc, OSError | asyncpg.PostgresError | asyncpg.InterfaceError):
                raise connection_error(self.url, exc, setting=self.setting) from exc
            raise
        self._mark = conn
        conn.add_termination_listener(self._mark_lost)

    def _mark_lost(self, conn: Any) -> None:
        if self._unmarked or conn is not self._mark:
            return
        self._mark = None
        log.warning("the connection holding the running bot's mark on %s was lost; taking it again", self.path)
        self._marking = asyncio.get_running_loop().create_task(self._mark_again())

    async def _mark_again(self) -> None:
        while not self._unmarked and self._mark is None:
            try:
                await self.mark_running()
            except StoreError as exc:
                log.warning("the running bot's mark could not be taken again (%s); trying again", exc)
                await asyncio.sleep(MARK_RETRY)

    async def not_running(self, db: Any) -> None:
        """Inside a transaction of ``db``: raise ``BotRunning`` when a process serving Discord holds the mark
        (``mark_running``); otherwise the mark is held by this transaction until it ends, and no bot starts on the
        database meanwhile (its ``mark_running`` waits)."""
        free = await db.execute(f"SELECT pg_try_advisory_xact_lock({RUNNING_LOCK})")
        row = await free.fetchone()
        if row is None or not row[0]:
            raise BotRunning(f"a running bot uses the database {self.path}")

    async def close(self) -> None:
        """Let go of the running bot's mark (if held), then close the pool."""
        self._unmarked = True
        task, self._marking = self._marking, None
        if task is not None:
            task.cancel()
        mark, self._mark = self._mark, None
        if mark is not None:
            try:
                await mark.close(timeout=5)
            except (OSError, TimeoutError, asyncpg.PostgresError, asyncpg.InterfaceError):
                mark.terminate()
        await super().close()

    @property
    def path(self) -> str:
        """Where the data is, for messages (the URL without its password)."""
        from bot.core.storage.pg.store import safe_url

        return safe_url(self.url)

    async def serving(self) -> None:
        """Start-up is over (``Store.serving``): a write waits for another process's lock ``LOCK_WAIT_MS`` at
        most, no longer ``STARTUP_LOCK_WAIT_MS``, and a statement the server does not answer fails after
        ``STATEMENT_WAIT``."""
        self._serving = True
        self.statement_wait = STATEMENT_WAIT

    async def _startup_wait(self, raw: Any) -> None:
        if not self._serving:
            await raw.execute(f"SET LOCAL lock_timeout = {int(STARTUP_LOCK_WAIT_MS)}")

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Any]:
        """One write transaction: committed when the block ends, rolled back on any exception."""
        inside = False  # an OSError of the block's own (a file it reads) is not the database's
        try:
            async with self._writer, super().transaction() as raw:
                await self._startup_wait(raw)
                inside = True
                yield PgConnection(raw, wait=self.statement_wait)
                inside = False
        except _PG_ERRORS as exc:  # no connection, or the commit failed
            raise sqlite_error(exc) from exc
        except OSError as exc:  # the server unreachable, or not answering
            if inside:
                raise
            raise sqlite_error(exc) from exc

    @asynccontextmanager
    async def read(self) -> AsyncIterator[Any]:
        """A pooled connection for queries (each statement sees every committed transaction). A query whose
        connection turns out lost (the server dropped it since its last use) is sent again on a new one."""
        if self.closed:
            raise StoreError("the store is closed")
        pool = self.pool

        async def renew(old: Any, exc: BaseException) -> Any:
            await self._release(old)
            await self._replace_connections(exc)
            return await pool.acquire()

        try:
            raw = await pool.acquire()
        except _CONNECTION_ERRORS as exc:
            raise sqlite_error(exc) from exc
        conn = PgConnection(raw, wait=self.statement_wait, renew=renew)
        try:
            yield conn
        finally:
            await self._release(conn.raw)

    @asynccontextmanager
    async def raw_transaction(self) -> AsyncIterator[Any]:
        """A transaction on the plain asyncpg connection (PostgreSQL's own SQL)."""
        async with super().transaction() as raw:
            await self._startup_wait(raw)
            yield raw

    async def user_version(self) -> int:
        """The schema version of the open database."""
        return await self.schema_version()

    async def schema_version(self) -> int:
        async with super().read() as raw:
            if not await raw.fetchval("SELECT to_regclass('schema_migrations') IS NOT NULL"):
                return 0
            return int(await raw.fetchval("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"))

    async def attempt_count(self, guild_id: int | None = None) -> int:
        """How many attempts are stored (in one guild, or in all)."""
        async with super().read() as raw:
            if guild_id is None:
                return int(await raw.fetchval("SELECT COUNT(*) FROM attempts"))
            return int(await raw.fetchval("SELECT COUNT(*) FROM attempts WHERE guild_id = $1", guild_id))

    async def guild_timezone(self, guild_id: int) -> str | None:
        """A guild's time zone name."""
        async with super().read() as raw:
            value = await raw.fetchval("SELECT timezone FROM guild_settings WHERE guild_id = $1", guild_id)
        return None if value is None else str(value)

    async def sync_decks(self, decks: Any, *, now: Any = None) -> Any:
        """Deprecated, as on ``Store``: ``DeckQueries(store).sync_decks(decks, now=...)``."""
        from bot.core.storage.deck_queries import DeckQueries

        return await DeckQueries(self).sync_decks(decks, now=now)

    async def card(self, key: str) -> Any:
        """Deprecated, as on ``Store``: ``DeckQueries(store).card(key)``."""
        from bot.core.storage.deck_queries import DeckQueries

        return await DeckQueries(self).card(key)

    @staticmethod
    async def set_guild_timezone(db: Any, guild_id: int, zone: str | None, stamp: int) -> None:
        """Inside a transaction, set a guild's time zone."""
        from bot.core.storage.store import Store

        await Store.set_guild_timezone(db, guild_id, zone, stamp)
