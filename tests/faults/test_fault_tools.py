"""The fault tools themselves (conftest.py): each injects what it claims, so the fault tests mean something."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
import time

import aiosqlite
import discord
import pytest
from faultkit import BAD_KINDS, started_up

pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning")


@pytest.mark.parametrize(
    ("status", "kind"),
    [
        (500, discord.DiscordServerError),
        (502, discord.DiscordServerError),
        (503, discord.DiscordServerError),
        (403, discord.Forbidden),
        (404, discord.NotFound),
        (429, discord.HTTPException),
    ],
)
async def test_fail_route_raises_what_discord_py_raises_once_its_retries_are_spent(
    env, world, fail_route, status, kind
) -> None:
    _, channel, _ = world
    sender = env.bot.get_channel(channel.id)
    fault = fail_route(env, "POST", fail_route.send(channel), status, times=2, retry_after=2.5)
    for _ in range(2):
        with pytest.raises(kind) as raised:
            await sender.send("hello")
        assert raised.value.status == status
    if status == 429:
        assert raised.value.response.headers["Retry-After"] == "2.5"
    if status == 404:
        assert raised.value.code == 10003  # Unknown Channel
    assert len(fault.hits) == 2 and fault.spent
    sent = await sender.send("hello")  # the fault is used up: the call goes through
    assert channel.last_message.id == sent.id
    posts = [r for r in env.http_requests if r.method == "POST" and r.path == f"/channels/{channel.id}/messages"]
    assert len(posts) == 3  # the failed calls are in the log too


async def test_fail_route_can_raise_rate_limited_and_match_bodies(env, world, fail_route) -> None:
    from faultkit import embed_title

    _, channel, _ = world
    sender = env.bot.get_channel(channel.id)
    fail_route(env, "POST", fail_route.SEND, 429, rate_limited=True, retry_after=30,
               when=lambda body: embed_title(body) == "boom")
    await sender.send("not this one")
    with pytest.raises(discord.RateLimited) as raised:
        await sender.send(embed=discord.Embed(title="boom"))
    assert raised.value.retry_after == 30


async def test_fail_route_reaches_interaction_callbacks_and_edits(env, world, fail_route) -> None:
    _, channel, m = world
    callback = fail_route(env, "POST", fail_route.CALLBACK, 500)
    r = await m["alice"].slash(channel, "quiz", topic="llms", questions=1, seconds=10)
    assert len(callback.hits) == 1 and callback.hits[0].path.endswith("/callback")
    edit = fail_route(env, "PATCH", fail_route.EDIT, 503)
    message = await env.bot.get_channel(channel.id).send("x")
    with pytest.raises(discord.DiscordServerError):
        await message.edit(content="y")
    assert len(edit.hits) == 1
    del r


async def test_fail_route_on_observes_without_failing(env, world, fail_route) -> None:
    _, channel, _ = world
    seen: list[str] = []
    fail_route.on(env, "POST", fail_route.SEND, lambda: seen.append("posted"), times=None)
    await env.bot.get_channel(channel.id).send("a")
    await env.bot.get_channel(channel.id).send("b")
    assert seen == ["posted", "posted"] and channel.last_message.content == "b"


async def test_read_only_fails_every_write_like_sqlite_does_and_heals(settings, db_faults) -> None:
    settings.db_path.parent.mkdir(parents=True, exist_ok=True)
    async with aiosqlite.connect(settings.db_path, isolation_level=None) as db:
        await db.execute("CREATE TABLE t (x)")
        db_faults.read_only()
        for sql in ("BEGIN IMMEDIATE", "INSERT INTO t VALUES (1)"):
            with pytest.raises(sqlite3.OperationalError, match="attempt to write a readonly database"):
                await db.execute(sql)
        assert await db.execute_fetchall("SELECT COUNT(*) FROM t") == [(0,)]  # reads work
        async with aiosqlite.connect(settings.db_path, isolation_level=None) as fresh:  # new connections too
            with pytest.raises(sqlite3.OperationalError, match="readonly"):
                await fresh.execute("INSERT INTO t VALUES (1)")
        db_faults.heal()
        await db.execute("INSERT INTO t VALUES (1)")
        assert await db.execute_fetchall("SELECT COUNT(*) FROM t") == [(1,)]
    assert db_faults.refused


async def test_disk_full_fails_the_commit_and_rolls_back_like_a_full_disk(settings, db_faults, tmp_path) -> None:
    settings.db_path.parent.mkdir(parents=True, exist_ok=True)
    other = tmp_path / "other.sqlite3"
    async with aiosqlite.connect(settings.db_path, isolation_level=None) as db, \
            aiosqlite.connect(other, isolation_level=None) as elsewhere:
        await db.execute("PRAGMA journal_mode=WAL")
        await db.execute("CREATE TABLE t (x)")
        await elsewhere.execute("CREATE TABLE t (x)")
        db_faults.disk_full()
        await db.execute("BEGIN IMMEDIATE")
        await db.execute("INSERT INTO t VALUES (1)")
        with pytest.raises(sqlite3.OperationalError, match="database or disk is full"):
            await db.execute("COMMIT")
        assert not db.in_transaction
        with pytest.raises(sqlite3.OperationalError, match="database or disk is full"):
            await db.execute("INSERT INTO t VALUES (2)")  # autocommit
        await elsewhere.execute("INSERT INTO t VALUES (1)")  # another file is not affected
        db_faults.heal()
        await db.execute("INSERT INTO t VALUES (3)")
        assert await db.execute_fetchall("SELECT x FROM t") == [(3,)]


REAL_FULL_DISK = textwrap.dedent(
    """
    import os, sqlite3, sys
    os.chdir(sys.argv[1])
    c = sqlite3.connect("t.db", isolation_level=None)
    c.execute("PRAGMA journal_mode=WAL"); c.execute("CREATE TABLE t (x)")
    fd = os.open("filler", os.O_WRONLY | os.O_CREAT)
    try:
        while True:
            os.write(fd, b"\\0" * 4096)
    except OSError:
        pass
    os.close(fd)
    c.execute("BEGIN IMMEDIATE"); c.execute("INSERT INTO t VALUES (?)", ("x" * 3000,))
    try:
        c.execute("COMMIT")
        print("commit ok")
    except sqlite3.OperationalError as e:
        print(e, "in_transaction=%s" % c.in_transaction)
    """
)


def test_disk_full_injection_matches_a_real_full_disk(tmp_path) -> None:
    """On a real full file system (a 1 MiB tmpfs in a private mount namespace), COMMIT is what fails."""
    unshare = shutil.which("unshare")
    if os.geteuid() != 0 or unshare is None:
        pytest.skip("needs root and unshare to mount a tiny tmpfs")
    (tmp_path / "script.py").write_text(REAL_FULL_DISK)
    disk = tmp_path / "disk"
    disk.mkdir()
    shell = f'mount -t tmpfs -o size=1m tmpfs "{disk}" && exec "{sys.executable}" "{tmp_path / "script.py"}" "{disk}"'
    run = subprocess.run([unshare, "-m", "sh", "-c", shell], capture_output=True, text=True, timeout=60, check=False)
    if run.returncode != 0 and "mount" in run.stderr:
        pytest.skip(f"cannot mount a tmpfs here: {run.stderr.strip()}")
    assert run.stdout.strip() == "database or disk is full in_transaction=False", run.stderr


@pytest.mark.parametrize("kind", BAD_KINDS)
def test_bad_databases_are_bad(bad_db, kind) -> None:
    path = bad_db(kind)
    try:
        con = sqlite3.connect(path)
        try:
            check = con.execute("PRAGMA integrity_check").fetchall()
        finally:
            con.close()
    except sqlite3.DatabaseError:
        return
    assert check != [("ok",)]


def test_the_good_template_is_a_tutorbot_database(bad_db) -> None:
    con = sqlite3.connect(bad_db("good"))
    try:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert con.execute("SELECT COUNT(*) FROM cards").fetchone()[0] > 0
    finally:
        con.close()


def test_the_cli_runs_practice_on_a_good_database(tutorbot, bad_db) -> None:
    result = tutorbot("quiz", "--questions", "1", db=bad_db("good"), stdin=":quit\n", timeout=30)
    assert result.returncode == 0, result
    assert "Practice" in result.stdout


def test_tutorbot_run_gets_past_login_to_the_store_offline_and_stops_on_sigterm(tutorbot, tmp_path) -> None:
    """The offline Discord lets `tutorbot run` through login and its whole start-up (so the bad-database tests
    exercise the store, not the login); SIGTERM then stops it cleanly."""
    db = tmp_path / "fresh" / "tutor.sqlite3"
    result = tutorbot("run", db=db, timeout=30, wait_for=started_up(db))
    assert db.exists() and started_up(db)(), result
    assert not result.hung and result.returncode == 0, result


def test_tutorbot_run_keeps_trying_when_the_gateway_cannot_be_reached_at_start(tutorbot, tmp_path) -> None:
    """Discord's gateway unreachable from the first connection (the offline Discord refuses it): the bot waits
    and tries again, for as long as it takes, instead of ending with a traceback; SIGTERM still stops it."""
    db = tmp_path / "fresh" / "tutor.sqlite3"
    ready = started_up(db)
    seen: list[float] = []

    def retried_for_a_while() -> bool:
        if not ready():
            return False
        seen.append(time.monotonic())
        return seen[-1] - seen[0] >= 4.0

    result = tutorbot("run", db=db, timeout=40, wait_for=retried_for_a_while)
    assert not result.hung and result.returncode == 0, result
    assert "gateway could not be reached; trying again" in result.stderr, result
    assert "AttributeError" not in result.stderr, result


def test_a_read_only_folder_really_is_read_only(tutorbot, bad_db) -> None:
    db = bad_db("good")
    result = tutorbot(
        "quiz", "--questions", "1", db=db, stdin=":quit\n", read_only_dir=db.parent, timeout=30,
        extra_env={"TUTOR_DB_PATH": str(db.parent / "new.sqlite3")},
    )
    assert not (db.parent / "new.sqlite3").exists()
    assert result.returncode != 0 or result.hung, result
