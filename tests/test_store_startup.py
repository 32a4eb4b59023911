"""Start-up on a bad database: one clear message naming the file and the problem, a non-zero exit within
seconds, nothing left running — for every command that opens the store. And the store's read-only mode.

The command-line tests run the real ``tutorbot`` in a subprocess with a deadline. ``tutorbot run`` gets a
login that fails at once (no network is ever used): the decks and the database are checked before it.
"""

from __future__ import annotations

import asyncio
import os
import random
import re
import shutil
import sqlite3
import subprocess
import sys
import textwrap
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.core.decks import load_decks
from bot.core.storage import DeckQueries, Store, StoreError
from bot.core.storage.store import schema_version

ROOT = Path(__file__).resolve().parents[1]
MINI_DECKS = ROOT / "tests" / "data" / "decks"
PAGE = 4096
DEADLINE = 20.0  # seconds; start-up with the imports takes about one here
COMMANDS = {"run": ("run",), "quiz": ("quiz", "--questions", "1")}
DAMAGED = r"damaged"
READ_ONLY = r"read-only"
LOCKED = r"locked by another program"

#: Loaded through PYTHONPATH: a login that fails at once, so `tutorbot run` never reaches for the network.
NO_LOGIN = textwrap.dedent(
    """
    import discord.http

    async def static_login(self, token):
        raise OSError("the tests have no network")

    discord.http.HTTPClient.static_login = static_login
    """
)


@dataclass
class Result:
    returncode: int | None  # None: still running at the deadline (killed)
    stdout: str
    stderr: str

    def __str__(self) -> str:
        return f"exit {self.returncode}\n--- stderr ---\n{self.stderr[-3000:]}\n--- stdout ---\n{self.stdout[-500:]}"


def tutorbot(tmp_path: Path, db: Path, *args: str, prefix: list[str] | None = None, stdin: str = "") -> Result:
    shim = tmp_path / "shim"
    shim.mkdir(exist_ok=True)
    (shim / "sitecustomize.py").write_text(NO_LOGIN)
    cwd = tmp_path / "cwd"
    cwd.mkdir(exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("TUTOR_") and k != "DISCORD_TOKEN"}
    env.update(
        TUTOR_DB_PATH=str(db), TUTOR_CARDS_DIR=str(MINI_DECKS), DISCORD_TOKEN="no.network.here",
        PYTHONPATH=os.pathsep.join([str(shim), str(ROOT)]),
    )
    command = [*(prefix or []), sys.executable, "-m", "bot", *args]
    proc = subprocess.Popen(
        command, cwd=cwd, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        out, err = proc.communicate(stdin, timeout=DEADLINE)
        return Result(proc.returncode, out, err)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        return Result(None, out, err)


def assert_one_clear_message(result: Result, db: Path, problem: str) -> None:
    assert result.returncode is not None, f"still running after {DEADLINE:g}s\n{result}"
    assert result.returncode != 0, result
    assert "Traceback" not in result.stderr, result
    assert str(db) in result.stderr, result
    assert re.search(problem, result.stderr), result
    assert result.stderr.count(str(db)) <= 3, f"one message, not a log\n{result}"


@pytest.fixture(scope="module")
def good_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real, migrated database holding the mini decks (with enough rows to span pages), checkpointed."""
    path = tmp_path_factory.mktemp("good") / "tutor.sqlite3"

    async def make() -> None:
        store = await Store.open(path)
        await DeckQueries(store).sync_decks(load_decks(MINI_DECKS))
        async with store.transaction() as db:
            await db.execute("CREATE TABLE padding (x TEXT)")
            await db.executemany("INSERT INTO padding VALUES (?)", [("x" * 500,) for _ in range(400)])
        await store.close()

    asyncio.run(make())
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.execute("PRAGMA journal_mode=DELETE")
    con.close()
    return path


def bad_copy(good: Path, folder: Path, kind: str) -> Path:
    rng = random.Random(11)
    folder.mkdir(parents=True, exist_ok=True)
    dst = folder / "tutor.sqlite3"
    data = bytearray(good.read_bytes())
    pages = len(data) // PAGE
    if kind == "random":
        data = bytearray(rng.randbytes(64 * 1024))
    elif kind == "truncated":
        data = data[: (pages // 2) * PAGE + 1234]
    elif kind == "header":
        data[0:100] = rng.randbytes(100)
    elif kind == "damaged":
        for n in range(1, pages):
            data[n * PAGE + 16 : n * PAGE + 16 + PAGE // 2] = rng.randbytes(PAGE // 2)
    elif kind == "damaged-data":  # the schema is intact; the pages of the cards table are not
        con = sqlite3.connect(good)
        try:
            numbers = [r[0] for r in con.execute("SELECT pageno FROM dbstat WHERE name = 'cards'")]
        except sqlite3.OperationalError:
            pytest.skip("this SQLite has no dbstat table to find a table's pages")
        finally:
            con.close()
        for n in numbers:
            start = (n - 1) * PAGE + 16
            data[start : start + PAGE // 2] = rng.randbytes(PAGE // 2)
    dst.write_bytes(bytes(data))
    return dst


def worker_threads() -> set[threading.Thread]:
    return {t for t in threading.enumerate() if not t.daemon and t is not threading.main_thread()}


def left_running(before: set[threading.Thread]) -> set[threading.Thread]:
    """Threads started since ``before`` that do not end (the interpreter would wait for them at exit)."""
    for thread in worker_threads() - before:
        thread.join(timeout=10)
    return worker_threads() - before


# -- the store itself ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("kind", ["random", "header", "damaged", "damaged-data"])
async def test_opening_a_damaged_file_names_it_and_leaves_nothing_running(good_db, tmp_path, kind) -> None:
    db = bad_copy(good_db, tmp_path / kind, kind)
    before = worker_threads()
    with pytest.raises(StoreError) as info:
        await Store.open(db)
    assert str(db) in str(info.value) and "damaged" in str(info.value)
    assert not left_running(before), "a connection's worker thread was left running (the process would hang)"


async def test_a_locked_database_is_named_and_nothing_is_left_running(good_db, tmp_path) -> None:
    db = tmp_path / "tutor.sqlite3"
    shutil.copy(good_db, db)
    holder = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN EXCLUSIVE")
    before = worker_threads()
    try:
        with pytest.raises(StoreError, match=LOCKED) as info:
            await Store.open(db)
    finally:
        holder.close()
    assert str(db) in str(info.value)
    assert not left_running(before)


async def test_the_store_writes_durably(tmp_path) -> None:
    store = await Store.open(tmp_path / "t.sqlite3")
    try:
        async with store.transaction() as db:
            assert (await (await db.execute("PRAGMA synchronous")).fetchone())[0] == 2  # FULL
    finally:
        await store.close()


async def test_the_write_ahead_log_is_copied_back_and_stays_bounded(tmp_path) -> None:
    """Commits past the log's length copy it back into the database file: the log file stops growing at about
    that length (a bot answering for days must not fill the disk with it)."""
    from bot.core.storage import store as store_module

    store = await Store.open(tmp_path / "t.sqlite3")
    try:
        async with store.transaction() as db:
            await db.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body BLOB)")
            page = (await (await db.execute("PRAGMA page_size")).fetchone())[0]
        commits = 3 * store_module.WAL_AUTOCHECKPOINT // 32
        for _ in range(commits):
            async with store.transaction() as db:  # about 33 pages a commit
                await db.executemany("INSERT INTO notes (body) VALUES (zeroblob(?))", [(page // 2,)] * 64)
        wal = (tmp_path / "t.sqlite3-wal").stat().st_size
        assert wal <= (store_module.WAL_AUTOCHECKPOINT + 64) * (page + 24)
        async with store.read() as db:
            assert (await (await db.execute("SELECT COUNT(*) FROM notes")).fetchone())[0] == 64 * commits
    finally:
        await store.close()


async def test_a_commit_that_fails_leaves_the_store_usable(tmp_path) -> None:
    """A COMMIT refused (here a deferred constraint; on a real server a full disk) must not leave the
    transaction open, or every later unit of work would fail with it."""
    store = await Store.open(tmp_path / "t.sqlite3")
    try:
        async with store.transaction() as db:
            await db.execute("CREATE TABLE parent (id INTEGER PRIMARY KEY)")
            await db.execute(
                "CREATE TABLE child (parent_id INTEGER REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED)"
            )
        with pytest.raises(sqlite3.IntegrityError):
            async with store.transaction() as db:
                await db.execute("INSERT INTO child VALUES (99)")  # checked only at COMMIT
        async with store.transaction() as db:
            await db.execute("INSERT INTO parent VALUES (1)")
        async with store.read() as db:
            rows = await db.execute_fetchall("SELECT (SELECT COUNT(*) FROM parent), (SELECT COUNT(*) FROM child)")
        assert tuple(rows[0]) == (1, 0)
    finally:
        await store.close()


async def test_read_only_mode_reads_and_refuses_writes(good_db, tmp_path) -> None:
    db = tmp_path / "tutor.sqlite3"
    shutil.copy(good_db, db)
    store = await Store.open(db, read_only=True)
    try:
        assert store.read_only and await store.user_version() == schema_version()
        async with store.read() as con:
            rows = await con.execute_fetchall("SELECT COUNT(*) FROM cards")
        assert rows[0][0] == 8
        with pytest.raises(StoreError, match="reading only"):
            async with store.transaction():
                pass
    finally:
        await store.close()
    assert db.read_bytes() == good_db.read_bytes()


async def test_read_only_mode_needs_an_existing_up_to_date_database(tmp_path) -> None:
    with pytest.raises(StoreError, match="no database"):
        await Store.open(tmp_path / "missing.sqlite3", read_only=True)
    empty = tmp_path / "empty.sqlite3"
    sqlite3.connect(empty).close()  # schema version 0, no tables: not a tutorbot database at all
    with pytest.raises(StoreError, match="is not a tutorbot database"):
        await Store.open(empty, read_only=True)
    old = tmp_path / "old.sqlite3"
    await (await Store.open(old)).close()
    db = sqlite3.connect(old)
    db.execute(f"PRAGMA user_version = {schema_version() - 1}")  # as an older tutorbot left it
    db.close()
    with pytest.raises(StoreError, match="needs upgrading"):
        await Store.open(old, read_only=True)


# -- the command line -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("kind", ["random", "truncated", "header", "damaged", "damaged-data"])
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_damaged_database_stops_the_command_at_once_with_one_message(
    good_db, tmp_path, kind: str, command: str
) -> None:
    db = bad_copy(good_db, tmp_path / "data", kind)
    result = tutorbot(tmp_path, db, *COMMANDS[command])
    assert_one_clear_message(result, db, DAMAGED)
    assert "network" not in result.stderr, "the database is checked before logging in"


def test_a_locked_database_stops_the_commands_with_one_message(good_db, tmp_path) -> None:
    db = tmp_path / "data" / "tutor.sqlite3"
    db.parent.mkdir()
    shutil.copy(good_db, db)
    holder = sqlite3.connect(db, isolation_level=None)
    try:
        holder.execute("BEGIN EXCLUSIVE")
        results = [tutorbot(tmp_path, db, *args) for args in COMMANDS.values()]
    finally:
        holder.close()
    for result in results:
        assert_one_clear_message(result, db, LOCKED)


def read_only_prefix(folder: Path) -> list[str]:
    """Run a command with ``folder`` read-only: a read-only bind mount as root, file modes otherwise."""
    if os.geteuid() != 0:
        for p in (folder, *folder.iterdir()):
            p.chmod(p.stat().st_mode & ~0o222)
        return []
    unshare = shutil.which("unshare")
    mount = f'mount --bind -o ro "{folder}" "{folder}"'
    if unshare is None or subprocess.run([unshare, "-m", "sh", "-c", mount], capture_output=True).returncode:
        pytest.skip("cannot make a read-only folder here (needs mount namespaces as root)")
    return [unshare, "-m", "sh", "-c", f'{mount} && exec "$0" "$@"']


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_database_on_a_read_only_mount_stops_the_command_with_one_message(good_db, tmp_path, command) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    db = folder / "tutor.sqlite3"
    shutil.copy(good_db, db)
    result = tutorbot(tmp_path, db, *COMMANDS[command], prefix=read_only_prefix(folder))
    assert_one_clear_message(result, db, READ_ONLY)


def test_a_database_on_a_read_only_mount_opens_for_reading(good_db, tmp_path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    db = folder / "tutor.sqlite3"
    shutil.copy(good_db, db)
    with sqlite3.connect(db) as con:
        con.execute("PRAGMA journal_mode=WAL")  # as the bot leaves it: WAL, with no -shm file beside it
    script = textwrap.dedent(
        f"""
        import asyncio
        from bot.core.storage import Store

        async def main():
            store = await Store.open({str(db)!r}, read_only=True)
            async with store.read() as con:
                print("cards", (await con.execute_fetchall("SELECT COUNT(*) FROM cards"))[0][0])
            await store.close()

        asyncio.run(main())
        """
    )
    proc = subprocess.run(
        [*read_only_prefix(folder), sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True,
        timeout=DEADLINE,
    )
    assert proc.returncode == 0 and proc.stdout.strip() == "cards 8", proc.stderr


def test_a_good_database_still_starts(good_db, tmp_path) -> None:
    db = tmp_path / "data" / "tutor.sqlite3"
    db.parent.mkdir()
    shutil.copy(good_db, db)
    result = tutorbot(tmp_path, db, "quiz", "--questions", "1", stdin=":quit\n")
    assert result.returncode == 0 and "Practice" in result.stdout, result
    result = tutorbot(tmp_path, db, "run")  # gets as far as logging in, which the tests make fail
    assert result.returncode == 2 and "cannot reach Discord" in result.stderr, result
    assert "Traceback" not in result.stderr, result
