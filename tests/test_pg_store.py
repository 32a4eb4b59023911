"""The PostgreSQL store on a real server: migrations (numbered like SQLite's, applied once, a newer database
refused), the exactly-once unique constraints, the summary-table triggers (the same totals as SQLite's for the
same writes), ranked full-text search, and units of work. Each test has its own schema (``pg_support``)."""

from __future__ import annotations

import asyncio
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import asyncpg
import pytest
from pg_support import PgSchema, pg_schema  # noqa: F401  (the ``pg`` fixture)

from bot.core.storage import SchemaTooNewError, Store, StoreError
from bot.core.storage.pg import MIGRATIONS_TABLE, PgStore, pg_migrations, pg_schema_version
from bot.core.storage.store import migrations, schema_version

G, CH = 100, 200
DAY = "2026-03-02"


def sqlite_params(sql: str) -> str:
    """``$1, $2`` placeholders as SQLite's ``?``."""
    return re.sub(r"\$\d+", "?", sql)


async def pg_tables(db) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for r in await db.fetch(
        "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema()"
        " AND is_generated = 'NEVER' ORDER BY table_name, ordinal_position"
    ):
        found.setdefault(r["table_name"], []).append(r["column_name"])
    return found


async def sqlite_tables(store: Store) -> dict[str, list[str]]:
    async with store.read() as db:
        rows = await db.execute_fetchall(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            " AND name NOT LIKE 'cards_fts_%'"
        )
        found = {}
        for (name,) in rows:
            cols = await db.execute_fetchall("SELECT name FROM pragma_table_info(?) ORDER BY cid", (name,))
            found[name] = [c[0] for c in cols]
    return found


# -- migrations -----------------------------------------------------------------------------------------
def test_postgres_migrations_are_numbered_and_named_like_the_sqlite_ones() -> None:
    assert [(v, n) for v, n, _ in pg_migrations()] == [(v, n) for v, n, _ in migrations()]
    assert pg_schema_version() == schema_version()


async def test_migrations_apply_on_an_empty_schema_and_reopening_changes_nothing(pg: PgSchema, tmp_path: Path) -> None:
    store = await pg.open()
    assert await store.schema_version() == schema_version()
    async with store.read() as db:
        applied = [tuple(r) for r in await db.fetch(f"SELECT version, name, applied_at FROM {MIGRATIONS_TABLE} ORDER BY 1")]
        tables = await pg_tables(db)
    assert [(v, n) for v, n, _ in applied] == [(v, n) for v, n, _ in migrations()]
    await store.close()

    again = await pg.open()
    async with again.read() as db:
        assert [tuple(r) for r in await db.fetch(f"SELECT version, name, applied_at FROM {MIGRATIONS_TABLE} ORDER BY 1")] == applied
        assert await pg_tables(db) == tables

    # Every SQLite table has its PostgreSQL table, with the same columns in the same order.
    sqlite = await Store.open(tmp_path / "same.sqlite3")
    try:
        expected = await sqlite_tables(sqlite)
    finally:
        await sqlite.close()
    for name, columns in expected.items():
        assert tables.get(name) == columns, name


async def test_processes_starting_together_apply_each_migration_once(pg: PgSchema) -> None:
    stores = await asyncio.gather(*(pg.open(min_size=1, max_size=2) for _ in range(3)))
    for store in stores:
        assert await store.schema_version() == schema_version()
    async with stores[0].read() as db:
        assert await db.fetchval(f"SELECT COUNT(*) FROM {MIGRATIONS_TABLE}") == len(migrations())


async def test_a_database_written_by_a_newer_version_is_refused(pg: PgSchema) -> None:
    store = await pg.open()
    newer = schema_version() + 1
    async with store.transaction() as db:
        await db.execute(f"INSERT INTO {MIGRATIONS_TABLE} (version, name) VALUES ($1, 'from_the_future.sql')", newer)
        await db.execute("INSERT INTO guild_settings (guild_id, timezone, updated_at) VALUES (1, 'UTC', 0)")
    await store.close()

    for migrate in (True, False):
        with pytest.raises(SchemaTooNewError) as refused:
            await pg.open(migrate=migrate)
        message = str(refused.value)
        assert f"schema version {newer}" in message and f"only knows up to {schema_version()}" in message
        assert "newer version" in message and "TUTOR_DATABASE_URL" in message
    # Nothing was changed by the refused opens.
    assert await pg.admin.fetchval(f'SELECT COUNT(*) FROM "{pg.name}".{MIGRATIONS_TABLE}') == len(migrations()) + 1
    assert await pg.admin.fetchval(f'SELECT COUNT(*) FROM "{pg.name}".guild_settings') == 1


async def test_looking_without_migrating_writes_nothing(pg: PgSchema) -> None:
    store = await pg.open(migrate=False)
    assert await store.schema_version() == 0  # no migrations table yet
    tables = await pg.admin.fetchval(
        "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = $1", pg.name
    )
    assert tables == 0
    await store.migrate()
    assert await store.schema_version() == schema_version()


async def test_a_database_of_the_previous_version_is_upgraded_in_place_keeping_its_rows(pg: PgSchema) -> None:
    *older, (newest, newest_name, _) = pg_migrations()
    db = await pg.connect()
    try:
        async with db.transaction():
            await db.execute(
                "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
                " applied_at TIMESTAMPTZ NOT NULL DEFAULT now())"
            )
            for version, name, sql in older:
                await db.execute(sql)
                await db.execute("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", version, name)
            await db.execute("INSERT INTO decks (id, title, updated_at) VALUES ('mini', 'Mini', 0)")
            await db.execute("INSERT INTO guild_settings (guild_id, timezone, updated_at) VALUES (1, 'UTC', 0)")
            await db.execute(
                "INSERT INTO cards_fts (card_key, term, question, answer, deck_id)"
                " VALUES ('mini:cafe', 'café', 'Where is espresso served?', 'At a café.', 'mini')"
            )
    finally:
        await db.close()

    store = await pg.open()
    assert await store.schema_version() == newest
    async with store.read() as conn:
        assert await conn.fetchval("SELECT name FROM schema_migrations WHERE version = $1", newest) == newest_name
        assert await conn.fetchval("SELECT title FROM decks WHERE id = 'mini'") == "Mini"
        assert await conn.fetchval("SELECT COUNT(*) FROM guild_settings") == 1
        # The search table keeps its rows and, from 0014 on, finds them without their accents.
        assert await conn.fetchval(
            "SELECT card_key FROM cards_fts WHERE document @@ plainto_tsquery('tutor_search', 'cafe')"
        ) == "mini:cafe"


async def test_a_database_that_does_not_exist_is_named_in_the_error(pg: PgSchema) -> None:
    url = pg.url.rsplit("/", 1)[0] + "/tutor_no_such_database"
    with pytest.raises(StoreError) as failed:
        await PgStore.open(url)
    assert "tutor_no_such_database does not exist" in str(failed.value) and "createdb" in str(failed.value)


async def test_an_unreachable_server_is_one_clear_error_without_the_password() -> None:
    with pytest.raises(StoreError) as failed:
        await PgStore.open("postgresql://bot:s3cret-pw@127.0.0.1:1/tutor")
    message = str(failed.value)
    assert "cannot connect to the database postgresql://bot@127.0.0.1:1/tutor" in message
    assert "s3cret-pw" not in message


def test_without_a_server_the_tests_skip_and_say_why_unless_postgres_is_required(tmp_path: Path) -> None:
    env = {**os.environ, "TUTOR_TEST_DATABASE_URL": "postgresql://postgres@127.0.0.1:1/test"}
    env.pop("TUTOR_REQUIRE_POSTGRES", None)
    tests = [
        f"{Path(__file__).name}::test_a_second_daily_post_for_the_same_server_and_day_is_refused",
        "test_store.py::test_attempts_survive_a_restart",  # on both engines: SQLite runs, PostgreSQL skips
    ]
    command = [sys.executable, "-m", "pytest", "-rs", "-p", "no:cacheprovider", *tests]
    where = Path(__file__).parent
    skipped = subprocess.run(command, cwd=where, env=env, capture_output=True, text=True, timeout=120)
    assert skipped.returncode == 0, skipped.stdout
    assert "1 passed, 2 skipped" in skipped.stdout, skipped.stdout
    assert skipped.stdout.count("no PostgreSQL server for the tests at") == 2

    required = subprocess.run(
        command, cwd=where, env={**env, "TUTOR_REQUIRE_POSTGRES": "1"}, capture_output=True, text=True, timeout=120
    )
    assert required.returncode == 1, required.stdout
    assert "1 passed, 2 errors" in required.stdout, required.stdout  # fixture failures: errors at set-up
    assert "TUTOR_REQUIRE_POSTGRES is set" in required.stdout and "skipped" not in required.stdout


#: A database of the test server kept without the unaccent extension (created by the test below when missing):
#: creating and dropping a database per run would wait for a checkpoint each time.
WITHOUT_UNACCENT = "tutor_test_without_unaccent"


async def test_without_the_right_to_create_unaccent_the_error_says_what_to_run(pg: PgSchema) -> None:
    """Migration 0014 creates the unaccent extension (for accent-folding search) when the database lacks it; a
    login that may not is told the statement an administrator runs, and once it has run the store opens."""
    base = pg.url.rsplit("/", 1)[0]
    if not await pg.admin.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", WITHOUT_UNACCENT):
        try:
            await pg.admin.execute(f'CREATE DATABASE "{WITHOUT_UNACCENT}"')
        except asyncpg.DuplicateDatabaseError:
            pass  # another run made it meanwhile
    owner = await asyncpg.connect(f"{base}/{WITHOUT_UNACCENT}")
    login = pg.name  # a login and a schema of this test's own
    try:
        await owner.execute("SELECT pg_advisory_lock(hashtext('tutorbot tests: without unaccent'))")
        await owner.execute("DROP EXTENSION IF EXISTS unaccent CASCADE")  # left by a run that was stopped
        password = secrets.token_hex(12)
        await owner.execute(f"CREATE ROLE \"{login}\" LOGIN PASSWORD '{password}'")
        await owner.execute(f'CREATE SCHEMA "{login}" AUTHORIZATION "{login}"')
        server = urlsplit(base)
        netloc = f"{login}:{password}@{server.netloc.rsplit('@', 1)[-1]}"
        url = urlunsplit(server._replace(netloc=netloc, path=f"/{WITHOUT_UNACCENT}"))
        with pytest.raises(StoreError) as refused:
            await PgStore.open(url, server_settings={"search_path": login})
        message = str(refused.value)
        assert "needs the PostgreSQL extension unaccent" in message
        assert f"run CREATE EXTENSION unaccent SCHEMA public; in the database {WITHOUT_UNACCENT}" in message

        await owner.execute("CREATE EXTENSION unaccent SCHEMA public")  # what the administrator runs
        store = await PgStore.open(url, server_settings={"search_path": login})
        try:
            assert await store.schema_version() == pg_schema_version()
        finally:
            await store.close()
    finally:
        await owner.execute(f'DROP SCHEMA IF EXISTS "{login}" CASCADE')
        await owner.execute("DROP EXTENSION IF EXISTS unaccent CASCADE")
        await owner.execute(f'DROP ROLE IF EXISTS "{login}"')
        await owner.close()


# -- units of work --------------------------------------------------------------------------------------
async def test_a_failed_unit_of_work_leaves_nothing_and_a_closed_store_refuses_work(pg: PgSchema) -> None:
    store = await pg.open()
    with pytest.raises(RuntimeError):
        async with store.transaction() as db:
            await db.execute("INSERT INTO guild_settings (guild_id, timezone, updated_at) VALUES (1, 'UTC', 0)")
            raise RuntimeError("the answer could not be announced")
    async with store.transaction() as db:
        await db.execute("INSERT INTO guild_settings (guild_id, timezone, updated_at) VALUES (2, 'UTC', 0)")
    async with store.read() as db:
        assert [r["guild_id"] for r in await db.fetch("SELECT guild_id FROM guild_settings")] == [2]
    await store.close()
    assert store.closed
    with pytest.raises(StoreError):
        async with store.transaction():
            pass


# -- exactly-once rules ---------------------------------------------------------------------------------
async def cards(db) -> None:
    await db.execute("INSERT INTO decks (id, title, updated_at) VALUES ('mini', 'Mini', 0)")
    for key, tags in (("mini:a", ("sampling",)), ("mini:b", ("sampling", "models"))):
        await db.execute(
            "INSERT INTO cards (key, deck_id, card_id, question, status, data, updated_at)"
            " VALUES ($1, 'mini', $2, 'Q?', 'ok', '{}', 0)",
            key,
            key.split(":")[1],
        )
        for tag in tags:
            await db.execute("INSERT INTO card_tags (card_key, tag) VALUES ($1, $2)", key, tag)


async def test_a_second_daily_post_for_the_same_server_and_day_is_refused(pg: PgSchema) -> None:
    store = await pg.open()
    post = (
        "INSERT INTO daily_posts (guild_id, local_day, zone, card_key, channel_id, state, claimed_at, post_at,"
        " closes_at) VALUES ($1, $2, 'UTC', 'mini:a', $3, 'claimed', 0, 0, 1)"
    )
    async with store.transaction() as db:
        await db.execute(post, G, DAY, CH)
    with pytest.raises(asyncpg.UniqueViolationError):
        async with store.transaction() as db:
            await db.execute(post, G, DAY, CH + 1)
    async with store.transaction() as db:  # the next day, and another server the same day, are fine
        await db.execute(post, G, "2026-03-03", CH)
        await db.execute(post, G + 1, DAY, CH)
    async with store.read() as db:
        assert await db.fetchval("SELECT COUNT(*) FROM daily_posts") == 3


async def test_a_second_counted_daily_answer_from_a_member_is_refused(pg: PgSchema) -> None:
    store = await pg.open()
    async with store.transaction() as db:
        post_id = await db.fetchval(
            "INSERT INTO daily_posts (guild_id, local_day, zone, card_key, channel_id, state, claimed_at, post_at,"
            " closes_at) VALUES ($1, $2, 'UTC', 'mini:a', $3, 'posted', 0, 0, 1) RETURNING id",
            G, DAY, CH,
        )
    answer = (
        "INSERT INTO daily_answers (post_id, user_id, user_name, verdict, points, answered_at)"
        " VALUES ($1, $2, 'alice', $3, $4, 0)"
    )
    async with store.transaction() as db:
        await db.execute(answer, post_id, 1, "wrong", 0)
    with pytest.raises(asyncpg.UniqueViolationError):
        async with store.transaction() as db:
            await db.execute(answer, post_id, 1, "correct", 10)
    async with store.transaction() as db:
        await db.execute(answer, post_id, 2, "correct", 10)
    async with store.read() as db:
        assert [tuple(r) for r in await db.fetch("SELECT user_id, verdict FROM daily_answers ORDER BY 1")] == [
            (1, "wrong"),
            (2, "correct"),
        ]


async def quiz(db, quiz_id: str, *, channel_id: int | None = CH, private: int = 0, status: str = "running") -> None:
    await db.execute(
        "INSERT INTO quizzes (id, guild_id, channel_id, starter_id, mode, private, total, status, created_at)"
        " VALUES ($1, $2, $3, 1, 'typed', $4, 3, $5, 0)",
        quiz_id, G, channel_id, private, status,
    )


async def test_a_second_first_correct_answer_to_a_question_is_refused(pg: PgSchema) -> None:
    store = await pg.open()
    async with store.transaction() as db:
        await quiz(db, "q1")
    claim = (
        "INSERT INTO quiz_first_correct (quiz_id, question, card_key, user_id, at) VALUES ('q1', $1, 'mini:a', $2, 0)"
    )
    async with store.transaction() as db:
        await db.execute(claim, 1, 7)
    with pytest.raises(asyncpg.UniqueViolationError):
        async with store.transaction() as db:
            await db.execute(claim, 1, 8)
    async with store.transaction() as db:  # the next question has its own first
        await db.execute(claim, 2, 8)
    async with store.read() as db:
        assert [tuple(r) for r in await db.fetch("SELECT question, user_id FROM quiz_first_correct ORDER BY 1")] == [
            (1, 7),
            (2, 8),
        ]


async def test_a_second_running_quiz_in_a_channel_is_refused(pg: PgSchema) -> None:
    store = await pg.open()
    async with store.transaction() as db:
        await quiz(db, "old", status="finished")
        await quiz(db, "q1")
        await quiz(db, "p1", channel_id=None, private=1)  # practice sessions hold no channel
        await quiz(db, "p2", channel_id=None, private=1)
    with pytest.raises(asyncpg.UniqueViolationError):
        async with store.transaction() as db:
            await quiz(db, "q2")
    async with store.transaction() as db:
        await db.execute("UPDATE quizzes SET status = 'finished' WHERE id = 'q1'")
        await quiz(db, "q2")  # the channel is free again
        await quiz(db, "q3", channel_id=CH + 1)


async def test_two_processes_claiming_the_same_daily_post_at_once_make_one(pg: PgSchema) -> None:
    first, second = await pg.open(), await pg.open()

    async def claim(store: PgStore) -> bool:
        try:
            async with store.transaction() as db:
                await db.execute(
                    "INSERT INTO daily_posts (guild_id, local_day, zone, card_key, channel_id, state, claimed_at,"
                    " post_at, closes_at) VALUES ($1, $2, 'UTC', 'mini:a', $3, 'claimed', 0, 0, 1)",
                    G, DAY, CH,
                )
                await asyncio.sleep(0.05)  # both transactions are open at once
            return True
        except asyncpg.UniqueViolationError:
            return False

    results = await asyncio.gather(claim(first), claim(second))
    assert sorted(results) == [False, True]


# -- the summary tables ---------------------------------------------------------------------------------
WRITES: list[tuple[str, tuple]] = [
    ("INSERT INTO board_windows (guild_id, period, zone, start_ms, end_ms) VALUES ($1, 'week', 'UTC', 0, 1000)", (G,)),
    *[
        (
            "INSERT INTO attempts (guild_id, channel_id, user_id, user_name, card_key, source, response, verdict,"
            " points, session_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, 'x', $7, $8, $9, $10)",
            (G, CH, user, name, card, source, verdict, points, session, at),
        )
        for user, name, card, source, verdict, points, session, at in [
            (1, "alice", "mini:a", "quiz", "correct", 10, "q1", 10),
            (2, "bob", "mini:a", "quiz", "wrong", 0, "q1", 20),
            (1, "alice", "mini:b", "daily", "correct", 10, "7", 30),
            (2, "bob", "mini:b", "practice", "correct", 0, None, 40),
            (2, "bobby", "mini:b", "review", "wrong", 0, "rv-1", 2000),  # after the window, a new name
            (3, "carol", "mini:b", "quiz", "partial", 3, "q1", 50),
        ]
    ],
    ("UPDATE attempts SET verdict = 'correct', points = 5 WHERE user_id = 2 AND source = 'quiz'", ()),
    ("INSERT INTO departed_members (guild_id, user_id, left_at) VALUES ($1, 3, 60)", (G,)),
    ("DELETE FROM card_tags WHERE card_key = 'mini:b' AND tag = 'models'", ()),
]
SUMMARIES = [
    "SELECT guild_id, scope, topic, user_id, points, answers, correct FROM board_scores ORDER BY 1, 2, 3, 4",
    "SELECT guild_id, user_id, card_key, answers, correct, points, last_at FROM user_card_stats ORDER BY 1, 2, 3",
    "SELECT guild_id, user_id, quiz_id FROM stats_quiz_players ORDER BY 1, 2, 3",
    "SELECT guild_id, user_id, user_name, updated_at FROM stats_members ORDER BY 1, 2",
    "SELECT guild_id, user_id FROM departed_members ORDER BY 1, 2",
    "SELECT card_key, tag, delta FROM stats_tag_changes ORDER BY id",
]


async def test_the_triggers_keep_the_same_totals_as_sqlite_for_the_same_writes(pg: PgSchema, tmp_path: Path) -> None:
    store = await pg.open()
    async with store.transaction() as db:
        await cards(db)
        for sql, params in WRITES:
            await db.execute(sql, *params)
    async with store.read() as db:
        on_pg = [[tuple(r) for r in await db.fetch(q)] for q in SUMMARIES]

    sqlite = await Store.open(tmp_path / "same.sqlite3")
    try:
        async with sqlite.transaction() as db:
            await db.execute("INSERT INTO decks (id, title, updated_at) VALUES ('mini', 'Mini', 0)")
            for key, tags in (("mini:a", ("sampling",)), ("mini:b", ("sampling", "models"))):
                await db.execute(
                    "INSERT INTO cards (key, deck_id, card_id, question, status, data, updated_at)"
                    " VALUES (?, 'mini', ?, 'Q?', 'ok', '{}', 0)",
                    (key, key.split(":")[1]),
                )
                for tag in tags:
                    await db.execute("INSERT INTO card_tags (card_key, tag) VALUES (?, ?)", (key, tag))
            for sql, params in WRITES:
                await db.execute(sqlite_params(sql), params)
        async with sqlite.read() as db:
            on_sqlite = [[tuple(r) for r in await db.execute_fetchall(q)] for q in SUMMARIES]
    finally:
        await sqlite.close()

    assert on_pg == on_sqlite
    board = dict(((s, t, u), p) for _g, s, t, u, p, _a, _c in on_pg[0])
    assert board["all", "", 1] == 20 and board["all", "", 2] == 5 and board["week", "", 3] == 3
    assert ("week", "", 2) in board and board["week", "sampling", 1] == 20


# -- search ---------------------------------------------------------------------------------------------
async def test_search_ranks_a_term_match_above_a_match_in_the_explanation(pg: PgSchema) -> None:
    store = await pg.open()
    async with store.transaction() as db:
        await db.executemany(
            "INSERT INTO cards_fts (card_key, term, question, answer) VALUES ($1, $2, $3, $4)",
            [
                ("mini:topk", "top-k sampling", "Which method keeps the k likeliest tokens?", "Cuts the tail."),
                ("mini:temperature", "temperature", "Which parameter flattens the distribution?",
                 "Dividing the logits before sampling changes how random the output is."),
                ("mini:bert", "BERT", "Which encoder reads both directions?", "Masked language modelling."),
            ],
        )
    async with store.read() as db:
        found = await db.fetch(
            "SELECT card_key, ts_rank(document, q) AS rank FROM cards_fts, plainto_tsquery('english', $1) AS q"
            " WHERE document @@ q ORDER BY rank DESC, card_key",
            "sampled",  # stemmed: matches "sampling"
        )
    assert [r["card_key"] for r in found] == ["mini:topk", "mini:temperature"]
    plan = "\n".join(
        r[0]
        for r in await pg.admin.fetch(
            f"SELECT indexdef FROM pg_indexes WHERE schemaname = '{pg.name}' AND tablename = 'cards_fts'"
        )
    )
    assert "gin (document)" in plan
