"""`tutorbot migrate` as an operator meets it: a SQLite file a running bot still has open is refused before
anything is written (the bot would go on writing what the copy no longer sees), a Ctrl-C in the middle of the
copy says what the target holds and the same command then succeeds, and the PostgreSQL errors name ``--to``
(what the operator typed), not a setting they never set. Real SQLite files in ``tmp_path``; the PostgreSQL
server of ``pg_support``."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from cli_support import hold_open
from pg_support import PgSchema, pg_schema  # noqa: F401  (the ``pg`` fixture)

from bot.cli import main
from bot.config import Settings
from bot.core.service import Services

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
async def filled(settings: Settings, clock) -> Path:
    """A database with an answer in it, closed again (as after the bot stopped)."""
    services = await Services.create(settings.core, clock=clock)
    try:
        quiz = await services.quiz.start_quiz(user_id=1, user_name="alice", private=True, questions=1)
        services.quiz.open_question(quiz.id)
        await services.quiz.answer(quiz.id, user_id=1, user_name="alice", response="no idea")
    finally:
        await services.close()
    return settings.db_path


async def migrate(*argv: str) -> int:
    return await asyncio.to_thread(main, ["migrate", *argv])


async def tables_in(pg: PgSchema) -> int:
    return int(await pg.admin.fetchval(
        "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = $1", pg.name
    ))


def environment() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1"}


async def test_a_database_a_running_program_has_open_is_refused_and_nothing_is_written(
    filled: Path, pg: PgSchema, capsys: pytest.CaptureFixture[str]
) -> None:
    holder = await asyncio.to_thread(hold_open, filled)
    try:
        assert await migrate("--db", str(filled), "--to", pg.url_with_schema()) == 2
        err = capsys.readouterr().err
        assert f"the database {filled} is in use by another program (process {holder.pid}" in err
        assert "Stop it first" in err and "Nothing was written" in err and "Traceback" not in err
        assert await tables_in(pg) == 0
    finally:
        await asyncio.to_thread(holder.communicate, "")
    # Once it has stopped, the same command copies everything.
    assert await migrate("--db", str(filled), "--to", pg.url_with_schema()) == 0
    assert await pg.admin.fetchval(f'SELECT COUNT(*) FROM "{pg.name}".attempts') == 1


def interrupted_migrate(db: Path, url: str) -> subprocess.CompletedProcess[str]:
    """`tutorbot migrate` in a process of its own that gets Ctrl-C (SIGINT) as it starts copying the answers."""
    script = textwrap.dedent(f"""
        import os, signal, sys
        signal.signal(signal.SIGINT, signal.default_int_handler)  # (as at a terminal, whatever the tests inherit)
        from bot.cli import main, migrate

        shown = migrate._progress

        def progress(table):
            shown(table)
            if table == "attempts":
                os.kill(os.getpid(), signal.SIGINT)

        migrate._progress = progress
        sys.exit(main(["migrate", "--db", {str(db)!r}, "--to", {url!r}]))
    """)
    return run_script(script)


def run_script(script: str) -> subprocess.CompletedProcess[str]:
    """``script`` run by Python in a process of its own, from the project's folder."""
    return subprocess.run(
        [sys.executable, "-c", script], env=environment(), cwd=ROOT, capture_output=True, text=True, timeout=120
    )


async def test_ctrl_c_during_the_copy_says_nothing_was_kept_and_the_same_command_then_succeeds(
    filled: Path, pg: PgSchema, capsys: pytest.CaptureFixture[str]
) -> None:
    done = await asyncio.to_thread(interrupted_migrate, filled, pg.url_with_schema())
    assert done.returncode == 130
    assert "copying attempts" in done.stderr
    assert "interrupted before the copy was committed: PostgreSQL kept none of its rows" in done.stderr
    assert "Run the same command again" in done.stderr and "Traceback" not in done.stderr
    for table in ("attempts", "cards", "decks", "quizzes"):
        assert await pg.admin.fetchval(f'SELECT COUNT(*) FROM "{pg.name}"."{table}"') == 0, table

    assert await migrate("--db", str(filled), "--to", pg.url_with_schema()) == 0
    assert "every table's count matches" in capsys.readouterr().out
    assert await pg.admin.fetchval(f'SELECT COUNT(*) FROM "{pg.name}".attempts') == 1


def migrate_losing_the_interrupt(db: Path, url: str) -> subprocess.CompletedProcess[str]:
    """`tutorbot migrate` in a process of its own that gets Ctrl-C as it reads the answers, where the wait it
    is in ends as the cancellation comes and drops it (as ``asyncio.wait_for`` can in Python 3.11)."""
    script = textwrap.dedent(f"""
        import asyncio, os, signal, sys
        signal.signal(signal.SIGINT, signal.default_int_handler)  # (as at a terminal, whatever the tests inherit)
        from bot.cli import main
        from bot.core.storage.pg import copy

        rows = copy._rows

        async def reading(source, table, *rest):
            if table == "attempts":
                os.kill(os.getpid(), signal.SIGINT)
                try:
                    await asyncio.sleep(0.05)
                except asyncio.CancelledError:
                    pass  # the cancellation is lost here
            async for row in rows(source, table, *rest):
                yield row

        copy._rows = reading
        sys.exit(main(["migrate", "--db", {str(db)!r}, "--to", {url!r}]))
    """)
    return run_script(script)


def migrate_losing_the_interrupt_at_the_end(db: Path, url: str) -> subprocess.CompletedProcess[str]:
    """`tutorbot migrate` that gets Ctrl-C after its last table, as it moves the id sequences on, in a wait that
    drops the cancellation."""
    script = textwrap.dedent(f"""
        import asyncio, os, signal, sys
        signal.signal(signal.SIGINT, signal.default_int_handler)  # (as at a terminal, whatever the tests inherit)
        from bot.cli import main
        from bot.core.storage.pg import copy

        reset = copy._reset_sequences

        async def resetting(*args):
            os.kill(os.getpid(), signal.SIGINT)
            try:
                await asyncio.sleep(0.05)
            except asyncio.CancelledError:
                pass  # the cancellation is lost here
            return await reset(*args)

        copy._reset_sequences = resetting
        sys.exit(main(["migrate", "--db", {str(db)!r}, "--to", {url!r}]))
    """)
    return run_script(script)


async def interrupted_and_nothing_kept(done: subprocess.CompletedProcess[str], pg: PgSchema) -> None:
    """The command said it was interrupted before the commit, without a traceback, and PostgreSQL kept no row."""
    assert done.returncode == 130, done.stderr
    assert "interrupted before the copy was committed: PostgreSQL kept none of its rows" in done.stderr
    assert "Traceback" not in done.stderr
    for table in ("attempts", "cards", "decks", "quizzes"):
        assert await pg.admin.fetchval(f'SELECT COUNT(*) FROM "{pg.name}"."{table}"') == 0, table


async def test_ctrl_c_that_a_wait_loses_after_the_last_table_is_not_committed(
    filled: Path, pg: PgSchema, capsys: pytest.CaptureFixture[str]
) -> None:
    done = await asyncio.to_thread(migrate_losing_the_interrupt_at_the_end, filled, pg.url_with_schema())
    await interrupted_and_nothing_kept(done, pg)


async def test_ctrl_c_that_a_wait_loses_still_stops_the_copy_before_the_next_table(
    filled: Path, pg: PgSchema, capsys: pytest.CaptureFixture[str]
) -> None:
    done = await asyncio.to_thread(migrate_losing_the_interrupt, filled, pg.url_with_schema())
    await interrupted_and_nothing_kept(done, pg)
    # the table after the answers was never started
    tables = [line.removeprefix("copying ").rstrip("…") for line in done.stderr.splitlines() if line.startswith("copying ")]
    assert tables[-1] == "attempts"
    assert await migrate("--db", str(filled), "--to", pg.url_with_schema()) == 0
    assert await pg.admin.fetchval(f'SELECT COUNT(*) FROM "{pg.name}".attempts') == 1


async def test_errors_about_the_target_name_the_option_it_came_from(
    filled: Path, pg: PgSchema, capsys: pytest.CaptureFixture[str]
) -> None:
    # A server that is not there: fix --to (TUTOR_DATABASE_URL plays no part in migrate).
    assert await migrate("--db", str(filled), "--to", "postgresql://postgres@127.0.0.1:1/test") == 2
    err = capsys.readouterr().err
    assert "cannot connect to the database" in err and "fix --to" in err and "TUTOR_DATABASE_URL" not in err

    # A search_path naming a schema that does not exist: said in those words.
    url = pg.url_with_schema().replace(pg.name, f"{pg.name}_missing")
    assert await migrate("--db", str(filled), "--to", url) == 2
    err = capsys.readouterr().err
    assert "the schema named by search_path in --to does not exist" in err and "CREATE SCHEMA" in err
    assert "Traceback" not in err


async def test_a_file_that_is_not_a_tutorbot_database_says_so(
    tmp_path: Path, pg: PgSchema, capsys: pytest.CaptureFixture[str]
) -> None:
    import sqlite3

    other = tmp_path / "notes.sqlite3"
    db = sqlite3.connect(other)
    with db:
        db.execute("CREATE TABLE notes (body TEXT)")
    db.close()
    empty = tmp_path / "empty.sqlite3"
    empty.touch()
    for path in (other, empty):
        assert await migrate("--db", str(path), "--to", pg.url_with_schema()) == 2
        err = capsys.readouterr().err
        assert f"{path} is not a tutorbot database" in err, err
        assert "start tutorbot once" not in err and "Traceback" not in err

    assert await migrate("--db", str(tmp_path), "--to", pg.url_with_schema()) == 2
    err = capsys.readouterr().err
    assert f"{tmp_path} is a folder, not a database file" in err
    assert await tables_in(pg) == 0


def test_help_says_to_stop_the_bot_first(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["migrate", "--help"])
    assert "Stop the bot first" in " ".join(capsys.readouterr().out.split())



@pytest.fixture
def silent_server():
    """A port that takes connections and never answers, as a server behind a firewall dropping packets does."""
    import socket

    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    try:
        yield f"postgresql://tutor@127.0.0.1:{server.getsockname()[1]}/tutor"
    finally:
        server.close()


async def test_a_server_that_never_answers_stops_migrate_and_the_bot_with_one_message(
    silent_server: str, filled: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from bot.core.storage.pg import store as pg_store

    # (asyncpg's own connect timeout is a minute; the store's is short, made shorter still here)
    monkeypatch.setattr(pg_store, "CONNECT_TIMEOUT", 0.5)
    assert await migrate("--db", str(filled), "--to", silent_server) == 2
    err = capsys.readouterr().err
    assert "cannot connect to the database" in err and "no answer within 0.5 s" in err and "fix --to" in err

    monkeypatch.setenv("TUTOR_DATABASE_URL", silent_server)
    monkeypatch.setenv("TUTOR_DB_PATH", str(settings.db_path))
    monkeypatch.setenv("TUTOR_CARDS_DIR", str(settings.cards_dir))
    monkeypatch.chdir(settings.db_path.parent)
    assert await asyncio.to_thread(main, ["review", "--status"]) == 2
    err = capsys.readouterr().err
    assert "cannot connect to the database" in err and "no answer within 0.5 s" in err
    assert "fix TUTOR_DATABASE_URL" in err and "Traceback" not in err
