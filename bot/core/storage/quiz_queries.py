"""Typed queries for the quiz feature (quizzes rows, a quiz's results, practice history)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import aiosqlite

from bot.core.models import Attempt
from bot.core.prompts import CardHistory
from bot.core.storage.store import fetch_one, from_ms, now_ms


@dataclass(frozen=True, slots=True)
class QuizRow:
    id: str
    guild_id: int | None
    channel_id: int | None
    starter_id: int
    topic: str | None
    mode: str
    private: bool
    total: int
    status: str
    winner_id: int | None
    message_id: int | None


@dataclass(frozen=True, slots=True)
class PlayerTotal:
    user_id: int
    user_name: str
    points: int
    correct: int
    attempts: int


@dataclass(frozen=True, slots=True)
class CardTotal:
    card_key: str
    attempts: int
    correct: int
    players: int


def _row(row: aiosqlite.Row) -> QuizRow:
    return QuizRow(
        id=row["id"],
        guild_id=row["guild_id"],
        channel_id=row["channel_id"],
        starter_id=row["starter_id"],
        topic=row["topic"],
        mode=row["mode"],
        private=bool(row["private"]),
        total=row["total"],
        status=row["status"],
        winner_id=row["winner_id"],
        message_id=row["message_id"],
    )


async def insert_quiz(
    db: aiosqlite.Connection,
    *,
    quiz_id: str,
    guild_id: int | None,
    channel_id: int | None,
    starter_id: int,
    topic: str | None,
    mode: str,
    private: bool,
    total: int,
    stamp: int,
) -> None:
    """Inside a transaction: a new running quiz."""
    await db.execute(
        "INSERT INTO quizzes (id, guild_id, channel_id, starter_id, topic, mode, private, total, status,"
        " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'running', ?)",
        (quiz_id, guild_id, channel_id, starter_id, topic, mode, int(private), total, stamp),
    )


async def quiz_exists(db: aiosqlite.Connection, quiz_id: str) -> bool:
    return await fetch_one(db, "SELECT 1 FROM quizzes WHERE id = ?", (quiz_id,)) is not None


async def get_quiz(db: aiosqlite.Connection, quiz_id: str) -> QuizRow | None:
    row = await fetch_one(db, "SELECT * FROM quizzes WHERE id = ?", (quiz_id,))
    return None if row is None else _row(row)


async def set_message(db: aiosqlite.Connection, quiz_id: str, message_id: int | None) -> None:
    await db.execute("UPDATE quizzes SET message_id = ? WHERE id = ?", (message_id, quiz_id))


async def set_total(db: aiosqlite.Connection, quiz_id: str, total: int) -> None:
    await db.execute("UPDATE quizzes SET total = ? WHERE id = ?", (total, quiz_id))


async def end_quiz(
    db: aiosqlite.Connection, quiz_id: str, status: str, winner_id: int | None, stamp: int
) -> bool:
    """Inside a transaction: close a running quiz; False when it was not running any more."""
    cur = await db.execute(
        "UPDATE quizzes SET status = ?, winner_id = ?, ended_at = ? WHERE id = ? AND status = 'running'",
        (status, winner_id, stamp, quiz_id),
    )
    return cur.rowcount > 0


async def interrupt_running(db: aiosqlite.Connection, stamp: int) -> list[QuizRow]:
    """Inside a transaction: mark every running quiz interrupted (after a restart); returns them."""
    rows = await db.execute_fetchall("SELECT * FROM quizzes WHERE status = 'running' ORDER BY created_at")
    found = [_row(r) for r in rows]
    await db.execute(
        "UPDATE quizzes SET status = 'interrupted', ended_at = ? WHERE status = 'running'", (stamp,)
    )
    return found


async def player_totals(db: aiosqlite.Connection, quiz_id: str) -> list[PlayerTotal]:
    """A quiz's players, best first (points, then correct answers, then who scored first)."""
    rows = await db.execute_fetchall(
        "SELECT user_id, user_name, SUM(points) AS points, SUM(verdict = 'correct') AS correct,"
        " COUNT(*) AS n, MIN(CASE WHEN points > 0 THEN id END) AS first_scored"
        " FROM attempts WHERE session_id = ? GROUP BY user_id"
        " ORDER BY points DESC, correct DESC, first_scored IS NULL, first_scored, user_id",
        (quiz_id,),
    )
    names = await db.execute_fetchall(
        "SELECT user_id, user_name FROM attempts WHERE session_id = ? ORDER BY id", (quiz_id,)
    )
    latest = {r["user_id"]: r["user_name"] for r in names}
    return [
        PlayerTotal(r["user_id"], latest.get(r["user_id"], r["user_name"]), int(r["points"] or 0),
                    int(r["correct"] or 0), int(r["n"]))
        for r in rows
    ]


async def card_totals(db: aiosqlite.Connection, quiz_id: str) -> dict[str, CardTotal]:
    rows = await db.execute_fetchall(
        "SELECT card_key, COUNT(*) AS n, SUM(verdict = 'correct') AS correct, COUNT(DISTINCT user_id) AS players"
        " FROM attempts WHERE session_id = ? GROUP BY card_key",
        (quiz_id,),
    )
    return {r["card_key"]: CardTotal(r["card_key"], int(r["n"]), int(r["correct"] or 0), int(r["players"]))
            for r in rows}


async def card_history(db: aiosqlite.Connection, user_id: int, keys: Sequence[str] | None = None) -> dict[str, CardHistory]:
    """One person's record per card (all sources), for practice selection."""
    rows = await db.execute_fetchall(
        "SELECT a.card_key, COUNT(*) AS n, SUM(a.verdict = 'correct') AS correct, MAX(a.created_at) AS last_at,"
        " (SELECT b.verdict FROM attempts b WHERE b.user_id = a.user_id AND b.card_key = a.card_key"
        "  ORDER BY b.created_at DESC, b.id DESC LIMIT 1) AS last_verdict"
        " FROM attempts a WHERE a.user_id = ? AND a.verdict != 'empty' GROUP BY a.card_key",
        (user_id,),
    )
    wanted = set(keys) if keys is not None else None
    return {
        r["card_key"]: CardHistory(int(r["n"]), int(r["correct"] or 0), r["last_verdict"], from_ms(r["last_at"]))
        for r in rows
        if wanted is None or r["card_key"] in wanted
    }


async def add_attempts(db: aiosqlite.Connection, attempts: Sequence[Attempt]) -> None:
    """Inside a transaction: append several graded answers at once (group commit)."""
    await db.executemany(
        "INSERT INTO attempts (guild_id, channel_id, user_id, user_name, card_key, source, response,"
        " verdict, points, session_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                a.guild_id, a.channel_id, a.user_id, a.user_name[:100], a.card_key, str(a.source),
                a.response[:4000], str(a.verdict), a.points, a.session_id, now_ms(a.created_at),
            )
            for a in attempts
        ],
    )
