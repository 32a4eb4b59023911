"""The quiz feature's repository: ``quizzes`` rows, a quiz's results, one person's practice history.

Every method is one unit of work of its own (a read, or a write transaction), except the first-correct
claims (``claim_first``, ``link_first``), which run inside the transaction that writes the answers. Graded
answers are not written here: the one attempt writer (``AttemptWriter``) appends them inside the caller's
transaction.

The two exactly-once rules of the quiz are the database's, so they hold whichever process of the bot takes
the start or the answer: a channel has one running quiz (the unique index ``quizzes_one_running``; a start
that finds the channel taken raises ``ChannelTaken``), and a question has one first correct answer (the key
of ``quiz_first_correct``; ``claim_first`` tells who got it).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

import aiosqlite

from bot.core.models import VerdictKind
from bot.core.storage.store import Store, fetch_one, from_ms, now_ms

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class QuizRow:
    """One stored quiz (``status``: running, finished, stopped or interrupted)."""

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
    asked: int = 0  # questions posted so far (the current one included)
    started_at: datetime | None = None


#: First-correct claims inserted by one statement (5 parameters each, well under SQLite's limit).
CLAIMS_PER_STATEMENT = 500


class ChannelTaken(Exception):
    """A channel quiz could not start: the channel has a running quiz already (``quiz``: that one)."""

    def __init__(self, quiz: QuizRow) -> None:
        super().__init__(f"channel {quiz.channel_id} has quiz {quiz.id} running")
        self.quiz = quiz


@dataclass(frozen=True, slots=True)
class FirstClaim:
    """A correct answer that may be the first to its question (of a channel quiz), to claim as it is written."""

    quiz_id: str
    question: int  # the question's number in the quiz, from 1
    card_key: str
    user_id: int
    at: datetime


@dataclass(frozen=True, slots=True)
class PlayerTotal:
    """One player's result in one quiz (the name is the latest they answered under)."""

    user_id: int
    user_name: str
    points: int
    correct: int
    attempts: int


@dataclass(frozen=True, slots=True)
class CardTotal:
    """How one card of a quiz went: answers, correct answers, distinct players."""

    card_key: str
    attempts: int
    correct: int
    players: int


@dataclass(frozen=True, slots=True)
class QuizResults:
    """A quiz's row with its players (best first) and its per-card totals, read together."""

    quiz: QuizRow
    players: list[PlayerTotal]
    cards: dict[str, CardTotal]


@dataclass(frozen=True, slots=True)
class CardHistory:
    """One person's record on one card (every source), for choosing what to practise."""

    attempts: int
    correct: int
    last_verdict: str
    last_at: datetime | None = None

    @property
    def missed(self) -> bool:
        """The last answer was not right, or fewer than half of them were."""
        return self.last_verdict != VerdictKind.CORRECT or self.correct * 2 < self.attempts


async def player_totals(db: aiosqlite.Connection, quiz_id: str) -> list[PlayerTotal]:
    """A quiz's players, best first (points, then correct answers, then who scored first), from its stored
    answers on the caller's connection: the ranking its summary shows and its winner is taken from."""
    rows = await db.execute_fetchall(
        "SELECT user_id, MAX(user_name) AS user_name, SUM(points) AS points, SUM(verdict = 'correct') AS correct,"
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
        PlayerTotal(
            r["user_id"], latest.get(r["user_id"], r["user_name"]), int(r["points"] or 0),
            int(r["correct"] or 0), int(r["n"]),
        )
        for r in rows
    ]


def top_scorer(ranking: Sequence[PlayerTotal]) -> PlayerTotal | None:
    """The best player of a quiz's ranking (best first), if they scored at all."""
    return ranking[0] if ranking and ranking[0].points > 0 else None


def winner_id(ranking: Sequence[PlayerTotal], *, status: str, private: bool) -> int | None:
    """Who won a quiz (``quizzes.winner_id``, "Quizzes won" in /stats): the top scorer of a finished channel
    quiz; a stopped quiz and a private practice have no winner."""
    best = top_scorer(ranking)
    return best.user_id if best is not None and status == "finished" and not private else None


def _quiz_row(row: aiosqlite.Row) -> QuizRow:
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
        asked=int(row["asked"] or 0),
        started_at=from_ms(row["created_at"]) if row["created_at"] is not None else None,
    )


class QuizQueries:
    """Typed queries of the quiz feature over one :class:`Store`."""

    def __init__(self, store: Store) -> None:
        self.store = store

    # -- the quizzes row ----------------------------------------------------------------------------
    async def create_quiz(
        self,
        *,
        new_id: Callable[[], str],
        guild_id: int | None,
        channel_id: int | None,
        starter_id: int,
        topic: str | None,
        mode: str,
        private: bool,
        total: int,
        at: datetime,
    ) -> str:
        """Store a new running quiz under a fresh id (``new_id`` is called until one is free); its id.

        A channel quiz takes its channel here: when another quiz runs there (started by this process or any
        other on the same database), nothing is stored and ``ChannelTaken`` names the running one.
        """
        async with self.store.transaction() as db:
            while True:
                quiz_id = new_id()
                if await fetch_one(db, "SELECT 1 FROM quizzes WHERE id = ?", (quiz_id,)) is not None:
                    continue
                cur = await db.execute(
                    "INSERT INTO quizzes (id, guild_id, channel_id, starter_id, topic, mode, private, total, status,"
                    " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'running', ?) ON CONFLICT DO NOTHING",
                    (quiz_id, guild_id, channel_id, starter_id, topic, mode, int(private), total, now_ms(at)),
                )
                if cur.rowcount > 0:
                    return quiz_id
                if not private and channel_id is not None:
                    row = await fetch_one(
                        db,
                        "SELECT * FROM quizzes WHERE channel_id = ? AND status = 'running' AND private = 0",
                        (channel_id,),
                    )
                    if row is not None:
                        raise ChannelTaken(_quiz_row(row))
                # the id was taken meanwhile (by another process): draw another

    # -- first correct answers ------------------------------------------------------------------------
    @staticmethod
    async def claim_first(db: aiosqlite.Connection, claims: Sequence[FirstClaim]) -> list[bool]:
        """Inside the answers' transaction: claim each question's first correct answer (one statement for a
        group commit's claims); for each claim, whether it got it (False: another answer, of this process or
        another, holds the question already, or an earlier claim of the same list does)."""
        won = [False] * len(claims)
        # In key order (a stable sort keeps each key's earliest claim first): two processes claiming the same
        # questions lock them in the same order, so their transactions cannot deadlock on PostgreSQL.
        order = sorted(range(len(claims)), key=lambda i: (claims[i].quiz_id, claims[i].question))
        for start in range(0, len(order), CLAIMS_PER_STATEMENT):
            chunk = order[start : start + CLAIMS_PER_STATEMENT]
            rows = await db.execute_fetchall(
                "INSERT INTO quiz_first_correct (quiz_id, question, card_key, user_id, at) VALUES "
                + ", ".join(["(?, ?, ?, ?, ?)"] * len(chunk))
                + " ON CONFLICT DO NOTHING RETURNING quiz_id, question",
                [v for i in chunk for c in (claims[i],) for v in (c.quiz_id, c.question, c.card_key, c.user_id, now_ms(c.at))],
            )
            taken = {(r[0], int(r[1])) for r in rows}
            for i in chunk:
                c = claims[i]
                if (c.quiz_id, c.question) in taken:  # the first of the list with this key is the one inserted
                    taken.discard((c.quiz_id, c.question))
                    won[i] = True
        return won

    @staticmethod
    async def link_first(db: aiosqlite.Connection, won: Sequence[tuple[FirstClaim, int]]) -> None:
        """Inside the same transaction: record the attempt that holds each claimed question."""
        if won:
            await db.executemany(
                "UPDATE quiz_first_correct SET attempt_id = ? WHERE quiz_id = ? AND question = ?",
                [(attempt_id, c.quiz_id, c.question) for c, attempt_id in won],
            )

    async def first_correct(self, quiz_id: str) -> dict[int, int]:
        """Who answered each question of a quiz first: ``{question number: user id}``."""
        async with self.store.read() as db:
            rows = await db.execute_fetchall(
                "SELECT question, user_id FROM quiz_first_correct WHERE quiz_id = ? ORDER BY question", (quiz_id,)
            )
        return {int(r["question"]): int(r["user_id"]) for r in rows}

    async def servers_played(self, user_id: int) -> frozenset[int]:
        """The servers the member has an answer in (any kind: quiz, daily, practice, review), as the stats keep
        them (``stats_members``, one row per server and member, by member: ``stats_members_user``)."""
        async with self.store.read() as db:
            rows = await db.execute_fetchall("SELECT guild_id FROM stats_members WHERE user_id = ?", (user_id,))
        return frozenset(int(r["guild_id"]) for r in rows)

    async def servers_played_by(self, user_ids: Sequence[int]) -> dict[int, frozenset[int]]:
        """``servers_played`` of several members in one read (those with no answer anywhere left out)."""
        if not user_ids:
            return {}
        async with self.store.read() as db:
            rows = await db.execute_fetchall(
                f"SELECT user_id, guild_id FROM stats_members WHERE user_id IN ({', '.join('?' * len(user_ids))})",
                tuple(user_ids),
            )
        found: dict[int, set[int]] = {}
        for r in rows:
            found.setdefault(int(r["user_id"]), set()).add(int(r["guild_id"]))
        return {user_id: frozenset(servers) for user_id, servers in found.items()}

    async def quiz(self, quiz_id: str) -> QuizRow | None:
        """The stored quiz, or None."""
        async with self.store.read() as db:
            row = await fetch_one(db, "SELECT * FROM quizzes WHERE id = ?", (quiz_id,))
        return None if row is None else _quiz_row(row)

    async def set_message(
        self, quiz_id: str, message_id: int | None, asked: int | None = None, *, open_card: str | None = None
    ) -> None:
        """Remember the message that shows the quiz's current question (``asked``: its number) and, for a channel
        quiz's open question, its card (``open_cards``); no message, no card."""
        card = open_card if message_id is not None else None
        async with self.store.transaction() as db:
            if asked is None:
                await db.execute(
                    "UPDATE quizzes SET message_id = ?, open_card = ? WHERE id = ?", (message_id, card, quiz_id)
                )
            else:
                await db.execute(
                    "UPDATE quizzes SET message_id = ?, asked = MAX(asked, ?), open_card = ? WHERE id = ?",
                    (message_id, asked, card, quiz_id),
                )

    async def open_cards(self, guild_ids: Sequence[int] | None) -> dict[int, frozenset[str]]:
        """The cards of the channel-quiz questions on show in ``guild_ids`` (every server's with None), by server,
        as the processes sharing the database stored them (``set_message``)."""
        sql = "SELECT guild_id, open_card FROM quizzes WHERE status = 'running' AND private = 0 AND open_card IS NOT NULL"
        args: tuple[int, ...] = ()
        if guild_ids is not None:
            if not guild_ids:
                return {}
            sql += f" AND guild_id IN ({', '.join('?' * len(guild_ids))})"
            args = tuple(guild_ids)
        async with self.store.read() as db:
            rows = await db.execute_fetchall(sql, args)
        found: dict[int, set[str]] = {}
        for row in rows:
            if row["guild_id"] is not None:
                found.setdefault(int(row["guild_id"]), set()).add(str(row["open_card"]))
        return {guild: frozenset(cards) for guild, cards in found.items()}

    async def show_practice_card(self, quiz_id: str, card: str | None) -> None:
        """Store the card of a practice's question open now (None: none is open), for the processes sharing the
        database to keep it out of the daily question and the channel quizzes where its player plays
        (``practised_cards``)."""
        async with self.store.transaction() as db:
            await db.execute("UPDATE quizzes SET open_card = ? WHERE id = ? AND private = 1", (card, quiz_id))

    async def practised_cards(self) -> tuple[tuple[str, int | None, int, str], ...]:
        """The practice questions open now, as the processes sharing the database stored them: (quiz, server or None
        in a direct message, player, card)."""
        async with self.store.read() as db:
            rows = await db.execute_fetchall(
                "SELECT id, guild_id, starter_id, open_card FROM quizzes"
                " WHERE status = 'running' AND private = 1 AND open_card IS NOT NULL",
                (),
            )
        return tuple(
            (str(r["id"]), None if r["guild_id"] is None else int(r["guild_id"]), int(r["starter_id"]), str(r["open_card"]))
            for r in rows
        )

    async def end_quiz(
        self, quiz_id: str, status: str, winner_id: int | None, at: datetime, *, summary_due: bool = False
    ) -> bool:
        """Close a running quiz with ``status``; False when it was not running any more. ``summary_due``: its
        channel is still to be told how it ended (cleared by ``summary_shown``)."""
        async with self.store.transaction() as db:
            cur = await db.execute(
                "UPDATE quizzes SET status = ?, winner_id = ?, ended_at = ?, summary_due = ?"
                " WHERE id = ? AND status = 'running'",
                (status, winner_id, now_ms(at), int(summary_due), quiz_id),
            )
            return cur.rowcount > 0

    async def end_as_shown(self, quiz_id: str, status: str, winner_id: int | None) -> bool:
        """Record as ``status`` (with its winner) a quiz marked interrupted whose channel had been shown that end
        (its end's write was refused, then the process was killed); False when it was not interrupted."""
        async with self.store.transaction() as db:
            cur = await db.execute(
                "UPDATE quizzes SET status = ?, winner_id = ? WHERE id = ? AND status = 'interrupted'",
                (status, winner_id, quiz_id),
            )
            return cur.rowcount > 0

    async def summary_shown(self, quiz_id: str) -> None:
        """The quiz's channel was told how it ended (or can no longer be): nothing is left to post after a restart."""
        async with self.store.transaction() as db:
            await db.execute("UPDATE quizzes SET summary_due = 0 WHERE id = ? AND summary_due = 1", (quiz_id,))

    async def summaries_due(self, owns: Callable[[int | None], bool] | None = None) -> list[QuizRow]:
        """The ended channel quizzes whose channel was never told how they ended (the process that ended them, or
        the one that marked them interrupted, was killed first), oldest first; with ``owns``, of its servers."""
        async with self.store.read() as db:
            rows = await db.execute_fetchall(
                "SELECT * FROM quizzes WHERE summary_due = 1 AND status != 'running' ORDER BY created_at, id"
            )
        return [q for q in map(_quiz_row, rows) if owns is None or owns(q.guild_id)]

    async def interrupt_running(
        self, at: datetime, owns: Callable[[int | None], bool] | None = None
    ) -> list[QuizRow]:
        """Mark the running quizzes interrupted (a previous process died with them; a channel quiz's channel is
        still to be told: ``summary_due``); returns them, oldest first. With ``owns`` (a shard process), only
        the quizzes of the servers it looks after."""
        async with self.store.transaction() as db:
            rows = await db.execute_fetchall("SELECT * FROM quizzes WHERE status = 'running' ORDER BY created_at")
            found = [q for q in map(_quiz_row, rows) if owns is None or owns(q.guild_id)]
            await db.executemany(
                "UPDATE quizzes SET status = 'interrupted', ended_at = ?, summary_due = ?"
                " WHERE id = ? AND status = 'running'",
                [(now_ms(at), int(not q.private and q.channel_id is not None), q.id) for q in found],
            )
        return found

    # -- results ------------------------------------------------------------------------------------
    async def results(self, quiz_id: str) -> QuizResults | None:
        """The quiz with its players and per-card totals (None when there is no such quiz)."""
        async with self.store.read() as db:
            row = await fetch_one(db, "SELECT * FROM quizzes WHERE id = ?", (quiz_id,))
            if row is None:
                return None
            players = await player_totals(db, quiz_id)
            cards = await self._card_totals(db, quiz_id)
        return QuizResults(_quiz_row(row), players, cards)

    @staticmethod
    async def _card_totals(db: aiosqlite.Connection, quiz_id: str) -> dict[str, CardTotal]:
        rows = await db.execute_fetchall(
            "SELECT card_key, COUNT(*) AS n, SUM(verdict = 'correct') AS correct,"
            " COUNT(DISTINCT user_id) AS players FROM attempts WHERE session_id = ? GROUP BY card_key",
            (quiz_id,),
        )
        return {
            r["card_key"]: CardTotal(r["card_key"], int(r["n"]), int(r["correct"] or 0), int(r["players"]))
            for r in rows
        }

    # -- practice -----------------------------------------------------------------------------------
    async def card_history(self, user_id: int, keys: Sequence[str] | None = None) -> dict[str, CardHistory]:
        """One person's record per card (all sources; only ``keys`` when given), for practice order."""
        async with self.store.read() as db:
            rows = await db.execute_fetchall(
                "SELECT a.card_key, COUNT(*) AS n, SUM(a.verdict = 'correct') AS correct,"
                " MAX(a.created_at) AS last_at,"
                " (SELECT b.verdict FROM attempts b WHERE b.user_id = a.user_id AND b.card_key = a.card_key"
                "  ORDER BY b.created_at DESC, b.id DESC LIMIT 1) AS last_verdict"
                " FROM attempts a WHERE a.user_id = ? AND a.verdict != 'empty' GROUP BY a.user_id, a.card_key",
                (user_id,),
            )
        wanted = set(keys) if keys is not None else None
        return {
            r["card_key"]: CardHistory(int(r["n"]), int(r["correct"] or 0), r["last_verdict"], from_ms(r["last_at"]))
            for r in rows
            if wanted is None or r["card_key"] in wanted
        }
