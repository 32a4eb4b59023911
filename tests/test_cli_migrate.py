"""`tutorbot migrate --to postgresql://…` on a SQLite database filled through the real services (channel quiz,
practice, daily question, review session, an accepted dispute, boards): every row of every table arrives with
the same values, the PostgreSQL copy goes on working (ids, triggers, search), and a non-empty target, a
missing file or a count that does not match change nothing. The server is the one of ``pg_support``."""

from __future__ import annotations

import asyncio
import math
import random
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pg_support import PgSchema, pg_schema  # noqa: F401  (the ``pg`` fixture)
from quiz_support import answered_in_turn, quiz_asking

from bot.cli import main
from bot.config import Settings
from bot.core.models import VerdictKind
from bot.core.service import Services
from bot.core.storage.pg import copy as pg_copy

G, CH = 100, 200
ALICE, BOB, CAROL, DAN, MOD = 1, 2, 3, 4, 99
TEMPERATURE = "mini:temperature"
PROMPT = "Which sampling parameter makes an LLM's output more repetitive when low and more creative when high?"


async def fill(settings: Settings, clock) -> None:
    """Use the bot's services as members would, so every feature writes its tables."""
    services = await Services.create(settings.core, clock=clock, rng=random.Random(7))
    try:
        # A channel quiz: bob wrong, carol first right, dan right in the window.
        quiz, _ = await quiz_asking(
            services, TEMPERATURE, user_id=ALICE, user_name="alice", guild_id=G, channel_id=CH, topic="sampling",
            seconds=60,
        )  # fmt: skip
        await answered_in_turn(
            services, quiz.id, clock,
            [(BOB, "bob", "softmax divisor"), (CAROL, "carol", "temperature"), (DAN, "dan", "temperature")],
        )  # fmt: skip
        await services.quiz.close_question(quiz.id, 1)
        await services.quiz.finish(quiz.id)
        await services.stats.leaderboard(G, "week")  # the week's window
        await services.stats.leaderboard(G, "month")

        # Bob disputes his answer; a moderator accepts (overlay, correction, summary tables moved).
        async with services.store.read() as db:
            row = await (await db.execute(
                "SELECT id FROM attempts WHERE user_id = ? AND response = 'softmax divisor'", (BOB,)
            )).fetchone()
        dispute = await services.disputes.open_dispute(
            guild_id=G, user_id=BOB, user_name="bob", attempt_id=int(row[0]), prompt=PROMPT
        )
        await services.disputes.accept(dispute.id, guild_id=G, moderator_id=MOD)

        # The daily question: a schedule, a post, answers, the reveal (streaks).
        await services.daily.set_schedule(G, CH, "09:00", "UTC", topic="sampling")
        info = await services.daily.get_schedule(G)
        clock.now = max(clock.now, info.next_post_at)
        claim = await services.daily.claim_due(G)
        await services.daily.mark_posted(claim.post_id, 555)
        await services.daily.answer(claim.post_id, ALICE, "alice", "temperature")
        await services.daily.answer(claim.post_id, BOB, "bob", "top-k")
        clock.now = max(clock.now, claim.closes_at)
        await services.daily.claim_reveal(claim.post_id)

        # A review session, with settings and a reminder.
        await services.review.members.update(G, CAROL, new_per_day=3)
        await services.review.members.set_reminder(G, CAROL, "18:00")
        session, step = await services.review.start_session(guild_id=G, user_id=CAROL, user_name="carol")
        done = await services.review.answer(session.id, user_id=CAROL, number=1, response=step.card.term or "x")
        assert done.verdict.kind in set(VerdictKind)
        await services.review.stop(session.id, user_id=CAROL)

        # Practice on the terminal (no server).
        practice = await services.quiz.start_quiz(user_id=ALICE, user_name="alice", private=True, questions=1)
        services.quiz.open_question(practice.id)
        await services.quiz.answer(practice.id, user_id=ALICE, user_name="alice", response="no idea")
        await services.lookup.refresh()
    finally:
        await services.close()


@pytest.fixture
def clock_start() -> datetime:
    return datetime(2026, 3, 2, 6, 0, tzinfo=UTC)


@pytest.fixture
async def filled(settings: Settings, clock) -> Path:
    await fill(settings, clock)
    return settings.db_path


def sqlite_rows(path: Path, table: str, columns: list[str]) -> list[tuple]:
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        cols = ", ".join(f'"{c}"' for c in columns)
        return sorted(db.execute(f'SELECT {cols} FROM "{table}"').fetchall(), key=repr)
    finally:
        db.close()


def sqlite_tables(path: Path) -> dict[str, list[str]]:
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        names = [
            r[0]
            for r in db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                " AND name NOT LIKE 'cards_fts_%'"
            )
        ]
        return {n: [c[1] for c in db.execute(f'PRAGMA table_info("{n}")')] for n in names}
    finally:
        db.close()


def same(a: tuple, b: tuple) -> bool:
    return len(a) == len(b) and all(
        math.isclose(x, y) if isinstance(x, float) or isinstance(y, float) else x == y for x, y in zip(a, b, strict=True)
    )


async def migrate(*argv: str) -> int:
    """Run `tutorbot migrate` as the command line does (its own event loop, in a thread)."""
    return await asyncio.to_thread(main, ["migrate", *argv])


async def test_every_row_arrives_with_its_values_and_the_copy_goes_on_working(
    filled: Path, pg: PgSchema, capsys: pytest.CaptureFixture[str]
) -> None:
    tables = sqlite_tables(filled)
    assert await migrate("--db", str(filled), "--to", pg.url_with_schema()) == 0
    out = capsys.readouterr().out

    db = await pg.connect()
    try:
        for table, columns in tables.items():
            cols = ", ".join(f'"{c}"' for c in columns)
            copied = sorted((tuple(r) for r in await db.fetch(f'SELECT {cols} FROM "{table}"')), key=repr)
            source = sqlite_rows(filled, table, columns)
            assert len(copied) == len(source), table
            assert all(same(a, b) for a, b in zip(copied, source, strict=True)), table
            assert f"{table} " in out
        counts = {t: len(sqlite_rows(filled, t, c)) for t, c in tables.items()}
        # The services wrote what a migration must carry: spot-check a few tables and values.
        for table in ("attempts", "board_scores", "daily_posts", "daily_answers", "daily_streaks", "review_states",
                      "review_logs", "review_members", "disputes", "accept_overlays", "attempt_corrections",
                      "quizzes", "cards", "card_tags", "user_card_stats", "board_windows", "cards_fts"):
            assert counts[table] > 0, table
        bob = await db.fetchrow("SELECT verdict, points FROM attempts WHERE user_id = $1 AND source = 'quiz'", BOB)
        assert bob["verdict"] == "correct" and bob["points"] > 0  # the accepted dispute's correction
        assert await db.fetchval("SELECT status FROM disputes") == "accepted"
        assert await db.fetchval("SELECT current FROM daily_streaks WHERE user_id = $1", ALICE) == 1

        # The copy is a working database: ids go on after the copied ones, the triggers are on again.
        before = await db.fetchval("SELECT MAX(id) FROM attempts")
        board = await db.fetchval(
            "SELECT points FROM board_scores WHERE guild_id = $1 AND scope = 'all' AND topic = '' AND user_id = $2",
            G, DAN,
        )
        new_id = await db.fetchval(
            "INSERT INTO attempts (guild_id, channel_id, user_id, user_name, card_key, source, response, verdict,"
            " points, created_at) VALUES ($1, $2, $3, 'dan', $4, 'quiz', 'temperature', 'correct', 10, 0)"
            " RETURNING id",
            G, CH, DAN, TEMPERATURE,
        )
        assert new_id == before + 1
        assert await db.fetchval(
            "SELECT points FROM board_scores WHERE guild_id = $1 AND scope = 'all' AND topic = '' AND user_id = $2",
            G, DAN,
        ) == board + 10
        # The search index was rebuilt from the copied rows.
        hits = await db.fetch(
            "SELECT card_key FROM cards_fts WHERE document @@ plainto_tsquery('english', 'temperature')"
        )
        assert TEMPERATURE in {r["card_key"] for r in hits}
    finally:
        await db.close()
    assert "every table's count matches" in out


async def test_a_target_that_holds_rows_is_refused_and_nothing_is_written(
    filled: Path, pg: PgSchema, capsys: pytest.CaptureFixture[str]
) -> None:
    # Someone else's table with a row in the target: tutorbot writes nothing at all, not even its schema.
    await pg.admin.execute(f'CREATE TABLE "{pg.name}".notes (body TEXT)')
    await pg.admin.execute(f"INSERT INTO \"{pg.name}\".notes VALUES ('keep me')")
    assert await migrate("--db", str(filled), "--to", pg.url_with_schema()) == 2
    err = capsys.readouterr().err
    assert "is not empty (rows in notes)" in err and "nothing was written" in err
    assert "Traceback" not in err
    assert await pg.admin.fetchval(
        "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = $1", pg.name
    ) == 1

    # A database already migrated into is not empty either: the second copy is refused, the first stays.
    await pg.admin.execute(f'DROP TABLE "{pg.name}".notes')
    assert await migrate("--db", str(filled), "--to", pg.url_with_schema()) == 0
    attempts = await pg.admin.fetchval(f'SELECT COUNT(*) FROM "{pg.name}".attempts')
    capsys.readouterr()
    assert await migrate("--db", str(filled), "--to", pg.url_with_schema()) == 2
    assert "is not empty" in capsys.readouterr().err
    assert await pg.admin.fetchval(f'SELECT COUNT(*) FROM "{pg.name}".attempts') == attempts


async def test_counts_that_do_not_match_roll_the_whole_copy_back(
    filled: Path, pg: PgSchema, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    real = pg_copy._source_count

    async def one_more_attempt(source, table: str) -> int:
        return await real(source, table) + (1 if table == "attempts" else 0)

    monkeypatch.setattr(pg_copy, "_source_count", one_more_attempt)
    assert await migrate("--db", str(filled), "--to", pg.url_with_schema()) == 1
    err = capsys.readouterr().err
    assert "row counts differ" in err and "attempts" in err and "rolled back" in err and "MISMATCH" in err
    for table in ("attempts", "cards", "board_scores", "decks"):
        assert await pg.admin.fetchval(f'SELECT COUNT(*) FROM "{pg.name}"."{table}"') == 0, table

    # Nothing was kept, so the same command succeeds once the cause is gone.
    monkeypatch.setattr(pg_copy, "_source_count", real)
    assert await migrate("--db", str(filled), "--to", pg.url_with_schema()) == 0


async def test_a_missing_database_file_or_a_bad_url_is_one_clear_message(
    tmp_path: Path, pg: PgSchema, capsys: pytest.CaptureFixture[str]
) -> None:
    assert await migrate("--db", str(tmp_path / "nowhere.sqlite3"), "--to", pg.url_with_schema()) == 2
    err = capsys.readouterr().err
    assert "there is no database at" in err and "Traceback" not in err
    assert await migrate("--db", str(tmp_path / "x.sqlite3"), "--to", "mysql://root@localhost/db") == 2
    assert "--to must be a postgresql:// URL" in capsys.readouterr().err
    assert await pg.admin.fetchval(
        "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = $1", pg.name
    ) == 0


def file_state(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), path.stat().st_mtime_ns


async def test_the_sqlite_file_is_only_read(filled: Path, pg: PgSchema) -> None:
    before = file_state(filled)
    assert await migrate("--db", str(filled), "--to", pg.url_with_schema()) == 0
    assert file_state(filled) == before


async def test_a_target_written_by_a_newer_version_is_refused(
    filled: Path, pg: PgSchema, capsys: pytest.CaptureFixture[str]
) -> None:
    store = await pg.open()
    async with store.transaction() as db:
        await db.execute("INSERT INTO schema_migrations (version, name) VALUES (9999, '9999_later.sql')")
    await store.close()
    assert await migrate("--db", str(filled), "--to", pg.url_with_schema()) == 2
    err = capsys.readouterr().err
    assert "schema version 9999" in err and "newer version" in err and "Traceback" not in err
    assert await pg.admin.fetchval(f'SELECT COUNT(*) FROM "{pg.name}".attempts') == 0


def add_running_quizzes(path: Path) -> None:
    db = sqlite3.connect(path)
    try:
        with db:
            # Break the rule behind SQLite's back, as a hand-edited or damaged file would.
            db.execute("DROP INDEX quizzes_one_running")
            for quiz_id in ("r1", "r2"):
                db.execute(
                    "INSERT INTO quizzes (id, guild_id, channel_id, starter_id, mode, private, total, status,"
                    " created_at) VALUES (?, ?, 999, 1, 'typed', 0, 3, 'running', 0)",
                    (quiz_id, G),
                )
    finally:
        db.close()


async def test_rows_postgres_refuses_roll_the_whole_copy_back_with_the_reason(
    filled: Path, pg: PgSchema, capsys: pytest.CaptureFixture[str]
) -> None:
    # Two quizzes "running" in one channel, in a file whose index was dropped: PostgreSQL's one-quiz-per-channel
    # rule refuses the second.
    await asyncio.to_thread(add_running_quizzes, filled)
    assert await migrate("--db", str(filled), "--to", pg.url_with_schema()) == 1
    err = capsys.readouterr().err
    assert "the copy failed and was rolled back" in err and "quizzes_one_running" in err
    assert "Traceback" not in err
    for table in ("attempts", "quizzes", "cards"):
        assert await pg.admin.fetchval(f'SELECT COUNT(*) FROM "{pg.name}"."{table}"') == 0, table
