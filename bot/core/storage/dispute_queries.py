"""The disputes feature's repository: disputes, per-server accepted-answer overlays, corrections of graded
answers, and the reads behind the moderators' insight (tables in ``migrations/0010_disputes.sql``).

Every method runs on a connection the caller holds (``store.transaction()`` to write, ``store.read()`` to
read), so a decision and the corrections it makes commit together or not at all. Corrections update the
attempt in place and keep what it replaced in ``attempt_corrections``; the migration's trigger carries the
difference into the leaderboard and /stats summary tables. A corrected daily answer is corrected in
``daily_answers`` too (the reveal's counts and winners read it); streaks are written by the daily
repository (``DailyQueries.save_streak``). A finished channel quiz whose answers were corrected has its
winner named again (``quizzes.winner_id``, "Quizzes won" in /stats).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Final

import aiosqlite

from bot.core.storage.quiz_queries import player_totals, winner_id
from bot.core.storage.store import fetch_one, from_ms, now_ms

log = logging.getLogger(__name__)

NAME_MAX = 100
TEXT_MAX = 4000


@dataclass(frozen=True, slots=True)
class AttemptRow:
    """One stored graded answer, as a dispute or a correction needs it."""

    id: int
    guild_id: int | None
    user_id: int
    user_name: str
    card_key: str
    source: str
    response: str
    verdict: str
    points: int
    session_id: str | None
    created_at: datetime
    choice: bool = False  # an answer picked from options (a choice-mode quiz): never re-graded
    counted_daily: bool = False  # the member's counted answer to a daily question
    hints: int = 0  # the hints the player asked for on that question
    direction: str | None = None  # how the card was asked ("question" or "term"; None: not recorded)


@dataclass(frozen=True, slots=True)
class DisputeRow:
    """One dispute as stored (``status``: open, accepted or rejected)."""

    id: int
    guild_id: int
    user_id: int
    user_name: str
    attempt_id: int
    card_key: str
    direction: str
    source: str
    prompt: str
    accepted: tuple[str, ...]
    response: str
    verdict: str
    status: str
    created_at: datetime
    decided_at: datetime | None
    decided_by: int | None
    regraded: int  # answers the accept corrected (everyone's)
    restored: int  # points the accept gave back to this dispute's player
    seen_at: datetime | None
    #: When a moderator took back the accept of this dispute (its status is ``rejected`` since); None: never.
    taken_back_at: datetime | None = None
    #: The accepted dispute whose accept settled this one (None: accepted on its own, or not accepted).
    settled_by: int | None = None
    #: Not stored: an accepted answer to an older version of the card than the deck's now, right to the question as
    #: it was asked and not among the server's answers for the card (set by the disputes service for its notice).
    card_changed: bool = False


@dataclass(frozen=True, slots=True)
class StoredCardName:
    """How a stored card is named to users: its deck's name (what its server calls a server's deck; a deck file's
    deck by its id), its id in the deck, and its question as last stored (a retired card's too)."""

    deck_name: str
    card_id: str
    question: str
    retired: bool
    #: Of a shared deck (a deck file's, no server's own): a server whose own deck has its name calls it
    #: ``<name> (shared)`` (``Catalog.stored_label``).
    shared: bool = False

    @property
    def label(self) -> str:
        """``deck name:card id``: the card's key as users know its deck."""
        return f"{self.deck_name}:{self.card_id}"


#: Card keys read per query by ``stored_card_names`` (below both engines' limits on parameters).
_KEYS_PER_QUERY = 500


@dataclass(frozen=True, slots=True)
class Overlay:
    """An answer a server accepts for a card beyond the deck's own."""

    guild_id: int
    card_key: str
    direction: str
    answer: str
    #: the version of the card it was accepted for (``bot.core.disputes.asked_version``); None: every version
    asked: str | None = None


def _dispute(row: aiosqlite.Row) -> DisputeRow:
    return DisputeRow(
        id=int(row["id"]),
        guild_id=int(row["guild_id"]),
        user_id=int(row["user_id"]),
        user_name=row["user_name"],
        attempt_id=int(row["attempt_id"]),
        card_key=row["card_key"],
        direction=row["direction"],
        source=row["source"],
        prompt=row["prompt"],
        accepted=tuple(json.loads(row["accepted"])),
        response=row["response"],
        verdict=row["verdict"],
        status=row["status"],
        created_at=from_ms(row["created_at"]),
        decided_at=None if row["decided_at"] is None else from_ms(row["decided_at"]),
        decided_by=row["decided_by"],
        regraded=int(row["regraded"]),
        restored=int(row["restored"]),
        seen_at=None if row["seen_at"] is None else from_ms(row["seen_at"]),
        taken_back_at=None if row["taken_back_at"] is None else from_ms(row["taken_back_at"]),
        settled_by=None if row["settled_by"] is None else int(row["settled_by"]),
    )


def _attempt(row: aiosqlite.Row) -> AttemptRow:
    return AttemptRow(
        id=int(row["id"]),
        guild_id=row["guild_id"],
        user_id=int(row["user_id"]),
        user_name=row["user_name"],
        card_key=row["card_key"],
        source=row["source"],
        response=row["response"],
        verdict=row["verdict"],
        points=int(row["points"]),
        session_id=row["session_id"],
        created_at=from_ms(row["created_at"]),
        choice=row["mode"] == "choice",
        counted_daily=row["counted"] is not None,
        hints=int(row["hints"] or 0),
        direction=row["direction"],
    )


_ATTEMPT_SQL = (
    "SELECT a.*, q.mode AS mode, d.post_id AS counted FROM attempts a"
    " LEFT JOIN quizzes q ON q.id = a.session_id AND a.source IN ('quiz', 'practice')"
    " LEFT JOIN daily_answers d ON d.attempt_id = a.id AND a.source = 'daily'"
)
#: The answers an accepted dispute re-grades: every source a server's answers come from. /review answers score
#: nothing, as practice answers, but a corrected one counts as right in /stats and the moderators' insight.
_REGRADED = "('quiz', 'daily', 'practice', 'review')"
#: The cards of one deck (``?`` is the deck id): a prefix test that no LIKE wildcard can widen.
_IN_DECK = "(? IS NULL OR substr(card_key, 1, length(?) + 1) = ? || ':')"


def _deck_args(deck: str | None) -> tuple[str | None, str | None, str | None]:
    return (deck, deck, deck)


class DisputeQueries:
    """Typed queries of the disputes feature; each method runs on the caller's connection."""

    # -- attempts -------------------------------------------------------------------------------
    async def attempt(self, db: aiosqlite.Connection, attempt_id: int) -> AttemptRow | None:
        """One stored graded answer by id."""
        row = await fetch_one(db, _ATTEMPT_SQL + " WHERE a.id = ?", (attempt_id,))
        return None if row is None else _attempt(row)

    async def daily_attempt(self, db: aiosqlite.Connection, post_id: int, user_id: int) -> int | None:
        """The stored attempt of a member's counted answer to a daily question (None if they have none)."""
        row = await fetch_one(
            db, "SELECT attempt_id FROM daily_answers WHERE post_id = ? AND user_id = ?", (post_id, user_id)
        )
        return None if row is None or row["attempt_id"] is None else int(row["attempt_id"])

    async def regrade_candidates(
        self, db: aiosqlite.Connection, guild_id: int, card_key: str, direction: str | None = None
    ) -> list[AttemptRow]:
        """The server's stored answers on a card that were not judged right (quiz, daily, practice, review),
        oldest first; with ``direction``, only those asked that way (and those stored without one, but for a
        daily answer: the daily question is always asked the question way, so one stored without is of that
        way)."""
        rows = await db.execute_fetchall(
            _ATTEMPT_SQL + " WHERE a.guild_id = ? AND a.card_key = ? AND a.verdict != 'correct'"
            f" AND a.source IN {_REGRADED} AND (? IS NULL OR a.direction = ?"
            " OR (a.direction IS NULL AND (a.source != 'daily' OR ? = 'question')))"
            " ORDER BY a.created_at, a.id",
            (guild_id, card_key, direction, direction, direction),
        )
        return [_attempt(r) for r in rows]

    async def stored_card_data(self, db: aiosqlite.Connection, card_key: str) -> str | None:
        """The card's last stored version as JSON (``deck_queries.card_to_json``), retired or not; None if never
        stored."""
        row = await fetch_one(db, "SELECT data FROM cards WHERE key = ?", (card_key,))
        return None if row is None else str(row["data"])

    async def card_stored_at(self, db: aiosqlite.Connection, card_key: str) -> datetime | None:
        """When the card's current version was stored (a deck imported again with its question or answers changed;
        a version only re-tagged keeps the time of the one before it); None for a card not stored."""
        row = await fetch_one(db, "SELECT updated_at FROM cards WHERE key = ?", (card_key,))
        return None if row is None else from_ms(row["updated_at"])

    async def right_answers(self, db: aiosqlite.Connection, guild_id: int, card_key: str) -> list[AttemptRow]:
        """The server's stored right answers on a card (quiz, daily, practice, review), oldest first."""
        rows = await db.execute_fetchall(
            _ATTEMPT_SQL + " WHERE a.guild_id = ? AND a.card_key = ? AND a.verdict = 'correct'"
            f" AND a.source IN {_REGRADED} ORDER BY a.created_at, a.id",
            (guild_id, card_key),
        )
        return [_attempt(r) for r in rows]

    async def correct_attempt(
        self,
        db: aiosqlite.Connection,
        attempt: AttemptRow,
        *,
        dispute_id: int,
        verdict: str,
        points: int,
        at: datetime,
    ) -> None:
        """Correct one graded answer (its verdict and points), keeping what it replaced.

        The trigger of 0010 moves the difference into the summary tables; a counted daily answer is
        corrected in ``daily_answers`` too.
        """
        await db.execute(
            "INSERT INTO attempt_corrections (attempt_id, dispute_id, old_verdict, old_points, new_verdict,"
            " new_points, corrected_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (attempt_id) DO UPDATE SET"
            " dispute_id = excluded.dispute_id, new_verdict = excluded.new_verdict,"
            " new_points = excluded.new_points, corrected_at = excluded.corrected_at",
            (attempt.id, dispute_id, attempt.verdict, attempt.points, verdict, points, now_ms(at)),
        )
        await db.execute(
            "UPDATE attempts SET verdict = ?, points = ? WHERE id = ?", (verdict, points, attempt.id)
        )
        if attempt.counted_daily:
            await db.execute(
                "UPDATE daily_answers SET verdict = ?, points = ? WHERE attempt_id = ?",
                (verdict, points, attempt.id),
            )

    async def corrected_by(
        self, db: aiosqlite.Connection, dispute_id: int
    ) -> list[tuple[AttemptRow, str, int]]:
        """The answers an accepted dispute corrected and still holds right, oldest first, each with the verdict and
        points it replaced."""
        rows = await db.execute_fetchall(
            _ATTEMPT_SQL.replace(" FROM attempts a", ", c.old_verdict AS old_verdict, c.old_points AS old_points FROM attempts a", 1)
            + " JOIN attempt_corrections c ON c.attempt_id = a.id"
            " WHERE c.dispute_id = ? AND c.new_verdict = 'correct' AND a.verdict = 'correct'"
            " ORDER BY a.created_at, a.id",
            (dispute_id,),
        )
        return [(_attempt(r), str(r["old_verdict"]), int(r["old_points"])) for r in rows]

    async def uncorrect_attempts(
        self, db: aiosqlite.Connection, given_back: Sequence[tuple[AttemptRow, str, int]]
    ) -> None:
        """Give corrected answers back the verdict and points each had before its correction, (answer, verdict,
        points): the accept that made them right was taken back. The trigger of 0010 moves the difference out of the
        summary tables."""
        await db.executemany(
            "DELETE FROM attempt_corrections WHERE attempt_id = ?", [(a.id,) for a, _, _ in given_back]
        )
        await db.executemany(
            "UPDATE attempts SET verdict = ?, points = ? WHERE id = ?", [(v, p, a.id) for a, v, p in given_back]
        )
        await db.executemany(
            "UPDATE daily_answers SET verdict = ?, points = ? WHERE attempt_id = ?",
            [(v, p, a.id) for a, v, p in given_back if a.counted_daily],
        )

    async def corrected_in_quizzes(
        self, db: aiosqlite.Connection, quiz_ids: Sequence[str], card_key: str
    ) -> list[AttemptRow]:
        """The corrected answers still right to a card's questions in the quizzes ``quiz_ids``, oldest first."""
        if not quiz_ids:
            return []
        marks = ", ".join("?" * len(quiz_ids))
        rows = await db.execute_fetchall(
            _ATTEMPT_SQL + " JOIN attempt_corrections c ON c.attempt_id = a.id"
            f" WHERE a.session_id IN ({marks}) AND a.card_key = ? AND a.source = 'quiz' AND a.verdict = 'correct'"
            " AND c.new_verdict = 'correct' ORDER BY a.created_at, a.id",
            (*quiz_ids, card_key),
        )
        return [_attempt(r) for r in rows]

    async def repoint_correction(self, db: aiosqlite.Connection, attempt_id: int, points: int) -> None:
        """A corrected answer's points counted again (the answers before it changed); the trigger of 0010 moves the
        difference into the summary tables."""
        await db.execute("UPDATE attempt_corrections SET new_points = ? WHERE attempt_id = ?", (points, attempt_id))
        await db.execute("UPDATE attempts SET points = ? WHERE id = ?", (points, attempt_id))

    async def set_streak(
        self, db: aiosqlite.Connection, guild_id: int, user_id: int, *, current: int, best: int, last_day: date | None
    ) -> None:
        """Write a member's daily streak as recounted from their history (``last_day`` None: no right answer left)."""
        await db.execute(
            "UPDATE daily_streaks SET current = ?, best = ?, last_day = ? WHERE guild_id = ? AND user_id = ?",
            (current, best, None if last_day is None else last_day.isoformat(), guild_id, user_id),
        )

    async def corrected_points(self, db: aiosqlite.Connection, attempt_id: int) -> int | None:
        """The points an accepted dispute gave a graded answer it made right; None when none corrected it."""
        row = await fetch_one(
            db,
            "SELECT new_points FROM attempt_corrections WHERE attempt_id = ? AND new_verdict = 'correct'",
            (attempt_id,),
        )
        return None if row is None else int(row["new_points"])

    async def settle_quiz_winner(self, db: aiosqlite.Connection, quiz_id: str) -> bool:
        """Name a finished channel quiz's winner again from its stored answers, as its end named it (the same
        ranking and rule), after corrections changed their verdicts and points; True when the winner changed. A
        quiz still running is left alone: its end reads the corrected answers."""
        row = await fetch_one(db, "SELECT status, private, winner_id FROM quizzes WHERE id = ?", (quiz_id,))
        if row is None or row["status"] != "finished":
            return False
        winner = winner_id(await player_totals(db, quiz_id), status=row["status"], private=bool(row["private"]))
        if winner == row["winner_id"]:
            return False
        await db.execute(
            "UPDATE quizzes SET winner_id = ? WHERE id = ? AND status = 'finished'", (winner, quiz_id)
        )
        return True

    # -- disputes ------------------------------------------------------------------------------
    async def add_dispute(
        self,
        db: aiosqlite.Connection,
        *,
        attempt: AttemptRow,
        guild_id: int,
        user_name: str,
        direction: str,
        prompt: str,
        accepted: Sequence[str],
        at: datetime,
    ) -> int | None:
        """Open a dispute of one graded answer; None when that answer was disputed already."""
        cur = await db.execute(
            "INSERT INTO disputes (guild_id, user_id, user_name, attempt_id, card_key, direction, source, prompt,"
            " accepted, response, verdict, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?)"
            " ON CONFLICT (attempt_id) DO NOTHING",
            (
                guild_id, attempt.user_id, user_name[:NAME_MAX], attempt.id, attempt.card_key, direction,
                attempt.source, prompt[:TEXT_MAX], json.dumps(list(accepted)), attempt.response[:TEXT_MAX],
                attempt.verdict, now_ms(at),
            ),
        )  # fmt: skip
        return int(cur.lastrowid) if cur.rowcount and cur.lastrowid else None

    async def dispute(self, db: aiosqlite.Connection, dispute_id: int) -> DisputeRow | None:
        row = await fetch_one(db, "SELECT * FROM disputes WHERE id = ?", (dispute_id,))
        return None if row is None else _dispute(row)

    async def dispute_to_decide(self, db: aiosqlite.Connection, dispute_id: int) -> DisputeRow | None:
        """One dispute, read to be decided in the caller's write transaction: on PostgreSQL its row stays
        locked until the transaction ends, so another process deciding it at the same time waits and then
        reads the decision (SQLite's write transactions already run one at a time)."""
        if isinstance(db, aiosqlite.Connection):
            row = await fetch_one(db, "SELECT * FROM disputes WHERE id = ?", (dispute_id,))
            return None if row is None else _dispute(row)
        # Decisions on one card are taken one at a time: an accept settles the card's other disputes (another
        # player's, or the same player's other answer to the question), so two accepts each holding their own
        # dispute's row would wait for each other's (a deadlock). The card's lock comes first, then the row's.
        found = await fetch_one(db, "SELECT guild_id, card_key FROM disputes WHERE id = ?", (dispute_id,))
        if found is None:
            return None
        await db.execute(
            "SELECT pg_advisory_xact_lock(hashtext(current_schema() || ?))",
            (f".tutorbot.disputes:{found['guild_id']}:{found['card_key']}",),
        )
        row = await fetch_one(db, "SELECT * FROM disputes WHERE id = ? FOR UPDATE", (dispute_id,))
        return None if row is None else _dispute(row)

    async def dispute_of_attempt(self, db: aiosqlite.Connection, attempt_id: int) -> DisputeRow | None:
        row = await fetch_one(db, "SELECT * FROM disputes WHERE attempt_id = ?", (attempt_id,))
        return None if row is None else _dispute(row)

    async def lock_player(self, db: aiosqlite.Connection, guild_id: int, user_id: int) -> None:
        """On PostgreSQL, take the member's dispute lock in the guild until the transaction ends: two disputes
        opened at once by one member (two processes) are counted against the daily cap one after the other.
        (SQLite's write transactions already run one at a time.)"""
        if isinstance(db, aiosqlite.Connection):
            return
        await db.execute(
            "SELECT pg_advisory_xact_lock(hashtext(current_schema() || ?))",
            (f".tutorbot.disputes.cap:{guild_id}:{user_id}",),
        )

    async def opened_since(
        self, db: aiosqlite.Connection, guild_id: int, user_id: int, since: datetime
    ) -> list[datetime]:
        """When the member opened each of their disputes in the guild after ``since``, oldest first."""
        rows = await db.execute_fetchall(
            "SELECT created_at FROM disputes WHERE guild_id = ? AND user_id = ? AND created_at > ? ORDER BY created_at",
            (guild_id, user_id, now_ms(since)),
        )
        return [from_ms(r["created_at"]) for r in rows]

    async def open_dispute_near(
        self, db: aiosqlite.Connection, guild_id: int, *, after: int | None = None, before: int | None = None
    ) -> DisputeRow | None:
        """The oldest open dispute (after id ``after``), or the newest one before id ``before``."""
        if before is not None:
            sql = "SELECT * FROM disputes WHERE guild_id = ? AND status = 'open' AND id < ? ORDER BY id DESC LIMIT 1"
            row = await fetch_one(db, sql, (guild_id, before))
        else:
            sql = (
                "SELECT * FROM disputes WHERE guild_id = ? AND status = 'open' AND id > ? ORDER BY id LIMIT 1"
            )
            row = await fetch_one(db, sql, (guild_id, after if after is not None else 0))
        return None if row is None else _dispute(row)

    async def open_position(
        self, db: aiosqlite.Connection, guild_id: int, dispute_id: int
    ) -> tuple[int, int]:
        """(1-based place of the dispute among the guild's open ones, how many are open)."""
        row = await fetch_one(
            db,
            "SELECT COALESCE(SUM(id <= ?), 0) AS place, COUNT(*) AS total FROM disputes"
            " WHERE guild_id = ? AND status = 'open'",
            (dispute_id, guild_id),
        )
        assert row is not None
        return int(row["place"]), int(row["total"])

    async def decide(
        self,
        db: aiosqlite.Connection,
        dispute_id: int,
        *,
        status: str,
        by: int,
        at: datetime,
        regraded: int = 0,
        restored: int = 0,
        settled_by: int | None = None,
    ) -> bool:
        """Close an open dispute (``settled_by``: the accepted dispute that settles it); False when it was decided
        already."""
        cur = await db.execute(
            "UPDATE disputes SET status = ?, decided_by = ?, decided_at = ?, regraded = ?, restored = ?, settled_by = ?"
            " WHERE id = ? AND status = 'open'",
            (status, by, now_ms(at), regraded, restored, settled_by, dispute_id),
        )
        return bool(cur.rowcount)

    async def overturn(
        self, db: aiosqlite.Connection, dispute_id: int, *, by: int, at: datetime, restored: int,
        settled_by: int | None = None,
    ) -> bool:
        """A rejected dispute whose answer another accept (``settled_by``) corrected: accepted after all, and its
        player not told yet (they heard of the reject). False when it is not a rejected one."""
        cur = await db.execute(
            "UPDATE disputes SET status = 'accepted', decided_by = ?, decided_at = ?, regraded = 1, restored = ?,"
            " seen_at = NULL, settled_by = ?, taken_back_at = NULL WHERE id = ? AND status = 'rejected'",
            (by, now_ms(at), restored, settled_by, dispute_id),
        )  # fmt: skip
        return bool(cur.rowcount)

    async def take_back(
        self, db: aiosqlite.Connection, dispute_id: int, *, by: int, at: datetime
    ) -> bool:
        """An accepted dispute taken back by a moderator: rejected, and its player not told yet. False when it is
        not an accepted one."""
        cur = await db.execute(
            "UPDATE disputes SET status = 'rejected', decided_by = ?, decided_at = ?, taken_back_at = ?,"
            " seen_at = NULL WHERE id = ? AND status = 'accepted'",
            (by, now_ms(at), now_ms(at), dispute_id),
        )
        return bool(cur.rowcount)

    async def settled_with(self, db: aiosqlite.Connection, dispute: DisputeRow) -> list[DisputeRow]:
        """The other accepted disputes that ``dispute``'s accept settled: recorded so, or (settled before that was
        recorded) of an answer it corrected."""
        rows = await db.execute_fetchall(
            "SELECT * FROM disputes d WHERE d.guild_id = ? AND d.id != ? AND d.status = 'accepted' AND (d.settled_by = ?"
            " OR (d.settled_by IS NULL AND d.attempt_id IN"
            " (SELECT c.attempt_id FROM attempt_corrections c WHERE c.dispute_id = ?))) ORDER BY d.id",
            (dispute.guild_id, dispute.id, dispute.id, dispute.id),
        )
        return [_dispute(r) for r in rows]

    async def settling(self, db: aiosqlite.Connection, dispute: DisputeRow) -> int | None:
        """The accepted dispute whose accept settled ``dispute`` (recorded so, or one its answer's correction is
        kept under); None for one accepted on its own."""
        if dispute.settled_by is not None:
            if await fetch_one(db, "SELECT id FROM disputes WHERE id = ?", (dispute.settled_by,)) is not None:
                return dispute.settled_by
        row = await fetch_one(
            db, "SELECT c.dispute_id AS dispute_id FROM attempt_corrections c JOIN disputes o ON o.id = c.dispute_id"
            " WHERE c.attempt_id = ? AND c.dispute_id != ?",
            (dispute.attempt_id, dispute.id),
        )  # fmt: skip
        return None if row is None else int(row["dispute_id"])

    async def settle(self, db: aiosqlite.Connection, dispute_id: int, *, settled_by: int) -> None:
        """An accepted dispute whose answer another accepted dispute keeps right: settled by that one now."""
        await db.execute("UPDATE disputes SET settled_by = ? WHERE id = ?", (settled_by, dispute_id))

    async def accepted_disputes(
        self, db: aiosqlite.Connection, guild_id: int, limit: int
    ) -> list[DisputeRow]:
        """The server's accepted disputes that no other accept (still stored) settled, the latest decided first."""
        rows = await db.execute_fetchall(
            "SELECT * FROM disputes d WHERE d.guild_id = ? AND d.status = 'accepted'"
            " AND NOT EXISTS (SELECT 1 FROM disputes o WHERE o.id = d.settled_by)"
            " AND NOT EXISTS (SELECT 1 FROM attempt_corrections c JOIN disputes o ON o.id = c.dispute_id"
            " WHERE c.attempt_id = d.attempt_id AND c.dispute_id != d.id) ORDER BY d.decided_at DESC, d.id DESC LIMIT ?",
            (guild_id, limit),
        )
        return [_dispute(r) for r in rows]

    async def unseen_outcomes(
        self, db: aiosqlite.Connection, guild_id: int, user_id: int
    ) -> list[DisputeRow]:
        """The member's decided disputes they have not been told about, oldest first."""
        rows = await db.execute_fetchall(
            "SELECT * FROM disputes WHERE guild_id = ? AND user_id = ? AND status != 'open' AND seen_at IS NULL"
            " ORDER BY decided_at, id",
            (guild_id, user_id),
        )
        return [_dispute(r) for r in rows]

    async def players_with_unseen(self, db: aiosqlite.Connection) -> list[tuple[int, int]]:
        """``(guild_id, user_id)`` of every member with a decided dispute they have not been told about."""
        rows = await db.execute_fetchall(
            "SELECT DISTINCT guild_id, user_id FROM disputes WHERE status != 'open' AND seen_at IS NULL"
        )
        return [(int(r["guild_id"]), int(r["user_id"])) for r in rows]

    async def mark_seen(self, db: aiosqlite.Connection, dispute_ids: Sequence[int], at: datetime) -> None:
        await db.executemany(
            "UPDATE disputes SET seen_at = ? WHERE id = ? AND seen_at IS NULL",
            [(now_ms(at), i) for i in dispute_ids],
        )

    async def mark_unseen(self, db: aiosqlite.Connection, dispute_ids: Sequence[int]) -> None:
        """The decisions were not told after all (the message telling them could not be sent)."""
        await db.executemany("UPDATE disputes SET seen_at = NULL WHERE id = ?", [(i,) for i in dispute_ids])

    async def recent_disputes(
        self, db: aiosqlite.Connection, guild_id: int, user_id: int, limit: int
    ) -> list[DisputeRow]:
        """The member's latest disputes in the guild, newest first."""
        rows = await db.execute_fetchall(
            "SELECT * FROM disputes WHERE guild_id = ? AND user_id = ? ORDER BY id DESC LIMIT ?",
            (guild_id, user_id, limit),
        )
        return [_dispute(r) for r in rows]

    # -- overlays ------------------------------------------------------------------------------
    async def overlays(self, db: aiosqlite.Connection) -> list[Overlay]:
        """Every server's accepted-answer overlays, in the order they were added."""
        rows = await db.execute_fetchall(
            "SELECT guild_id, card_key, direction, answer, asked FROM accept_overlays"
            " ORDER BY added_at, answer COLLATE BINARY"
        )
        return [Overlay(int(r["guild_id"]), r["card_key"], r["direction"], r["answer"], r["asked"]) for r in rows]

    async def remove_overlay(
        self, db: aiosqlite.Connection, guild_id: int, card_key: str, direction: str, dispute_id: int
    ) -> tuple[str, str] | None:
        """Take the answer an accepted dispute added out of a server's overlay; its folded form and the answer as
        stored (None: it added none, or another accept has it now)."""
        row = await fetch_one(
            db, "SELECT norm, answer FROM accept_overlays WHERE guild_id = ? AND card_key = ? AND direction = ?"
            " AND dispute_id = ?",
            (guild_id, card_key, direction, dispute_id),
        )  # fmt: skip
        if row is None:
            return None
        await db.execute(
            "DELETE FROM accept_overlays WHERE guild_id = ? AND card_key = ? AND direction = ? AND norm = ?",
            (guild_id, card_key, direction, row["norm"]),
        )
        return str(row["norm"]), str(row["answer"])

    async def overlay_owners(
        self, db: aiosqlite.Connection, guild_id: int, card_key: str, direction: str
    ) -> list[tuple[str, int]]:
        """The server's accepted answers for a card and direction, each with the dispute that added it (those with
        none left out), in the order they were added."""
        rows = await db.execute_fetchall(
            "SELECT answer, dispute_id FROM accept_overlays WHERE guild_id = ? AND card_key = ? AND direction = ?"
            " AND dispute_id IS NOT NULL ORDER BY added_at, answer COLLATE BINARY",
            (guild_id, card_key, direction),
        )
        return [(str(r["answer"]), int(r["dispute_id"])) for r in rows]

    async def reassign_correction(self, db: aiosqlite.Connection, attempt_id: int, dispute_id: int) -> None:
        """A corrected answer another accepted dispute keeps right: its correction is that one's now."""
        await db.execute("UPDATE attempt_corrections SET dispute_id = ? WHERE attempt_id = ?", (dispute_id, attempt_id))

    async def add_overlay(
        self,
        db: aiosqlite.Connection,
        overlay: Overlay,
        *,
        norm: str,
        dispute_id: int | None,
        by: int | None,
        at: datetime,
    ) -> bool:
        """Add an accepted answer to a server's overlay, for the version of the card ``overlay.asked``; False when an
        equal one is there already for that version. One accepted for another version (or for every version, from
        before versions were kept) is moved to this one."""
        key = (overlay.guild_id, overlay.card_key, overlay.direction, norm)
        there = await fetch_one(
            db,
            "SELECT asked FROM accept_overlays WHERE guild_id = ? AND card_key = ? AND direction = ? AND norm = ?",
            key,
        )
        if there is not None:
            if there["asked"] == overlay.asked:
                return False
            await db.execute(
                "UPDATE accept_overlays SET asked = ?, answer = ?, dispute_id = ?, added_by = ?, added_at = ?"
                " WHERE guild_id = ? AND card_key = ? AND direction = ? AND norm = ?",
                (overlay.asked, overlay.answer[:TEXT_MAX], dispute_id, by, now_ms(at), *key),
            )
            return True
        cur = await db.execute(
            "INSERT INTO accept_overlays"
            " (guild_id, card_key, direction, norm, answer, dispute_id, added_by, added_at, asked)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            (
                overlay.guild_id, overlay.card_key, overlay.direction, norm, overlay.answer[:TEXT_MAX], dispute_id,
                by, now_ms(at), overlay.asked,
            ),
        )  # fmt: skip
        return bool(cur.rowcount)

    # -- moderator insight ---------------------------------------------------------------------
    async def stored_card_names(self, db: aiosqlite.Connection, keys: Sequence[str]) -> dict[str, StoredCardName]:
        """The stored name of each card of ``keys`` the database holds, retired or of a removed deck too."""
        found: dict[str, StoredCardName] = {}
        wanted = list(dict.fromkeys(keys))
        for start in range(0, len(wanted), _KEYS_PER_QUERY):
            chunk = wanted[start : start + _KEYS_PER_QUERY]
            marks = ", ".join("?" for _ in chunk)
            rows = await db.execute_fetchall(
                "SELECT c.key, c.card_id, c.question, c.retired, d.id AS deck_id, d.name AS deck_name, d.retired AS"
                " deck_retired, d.owner_guild_id AS owner_guild_id"
                f" FROM cards c JOIN decks d ON d.id = c.deck_id WHERE c.key IN ({marks})",
                chunk,
            )
            for r in rows:
                found[r["key"]] = StoredCardName(
                    deck_name=r["deck_name"] or r["deck_id"],
                    card_id=r["card_id"],
                    question=r["question"],
                    retired=bool(r["retired"] or r["deck_retired"]),
                    shared=r["owner_guild_id"] is None,
                )
        return found

    async def card_totals(
        self, db: aiosqlite.Connection, guild_id: int, deck: str | None
    ) -> list[tuple[str, int, int]]:
        """(card key, answers, right answers) of every card the server answered (every source)."""
        rows = await db.execute_fetchall(
            f"SELECT card_key, SUM(answers) AS answers, SUM(correct) AS correct FROM user_card_stats"
            f" WHERE guild_id = ? AND {_IN_DECK} GROUP BY card_key",
            (guild_id, *_deck_args(deck)),
        )
        return [(r["card_key"], int(r["answers"]), int(r["correct"])) for r in rows]

    async def wrong_answers(
        self, db: aiosqlite.Connection, guild_id: int, deck: str | None, per_card: int, limit: int
    ) -> list[tuple[str, str, int, frozenset[str]]]:
        """(card key, response as typed, times, the ways the card was asked when it was typed) of the server's
        answers not judged right: each card's ``per_card`` most frequent spellings, at most ``limit`` in all (each
        card's most frequent first: a card answered in many spellings never crowds out the others' commonest
        ones). An answer stored with no way (before ways were stored) was to the card's question."""
        rows = await db.execute_fetchall(
            "SELECT card_key, response, times, by_term, by_question FROM ("
            " SELECT card_key, response, COUNT(*) AS times,"
            f"  MAX(CASE WHEN direction = '{TERM}' THEN 1 ELSE 0 END) AS by_term,"
            f"  MAX(CASE WHEN direction = '{TERM}' THEN 0 ELSE 1 END) AS by_question,"
            "  ROW_NUMBER() OVER ("
            "  PARTITION BY card_key ORDER BY COUNT(*) DESC, response COLLATE BINARY) AS place"
            " FROM attempts"
            f" WHERE guild_id = ? AND verdict IN ('wrong', 'almost', 'partial') AND {_IN_DECK}"
            " GROUP BY card_key, response) AS ranked"
            " WHERE place <= ? ORDER BY place, times DESC, card_key COLLATE BINARY, response COLLATE BINARY LIMIT ?",
            (guild_id, *_deck_args(deck), per_card, limit),
        )
        return [
            (r["card_key"], r["response"], int(r["times"]), _ways(int(r["by_question"]), int(r["by_term"])))
            for r in rows
        ]

    async def dispute_counts(
        self, db: aiosqlite.Connection, guild_id: int, deck: str | None
    ) -> list[tuple[str, str, int]]:
        """(card key, status, disputes) of the server's disputes."""
        rows = await db.execute_fetchall(
            f"SELECT card_key, status, COUNT(*) AS n FROM disputes WHERE guild_id = ? AND {_IN_DECK}"
            f" GROUP BY card_key, status",
            (guild_id, *_deck_args(deck)),
        )
        return [(r["card_key"], r["status"], int(r["n"])) for r in rows]


#: The ways a card is asked, as ``attempts.direction`` stores them.
QUESTION: Final = "question"
TERM: Final = "term"
_WAYS: Final = {
    (True, False): frozenset({QUESTION}),
    (False, True): frozenset({TERM}),
    (True, True): frozenset({QUESTION, TERM}),
}


def _ways(by_question: int, by_term: int) -> frozenset[str]:
    """The ways a card was asked, of two flags (an answer is to one way at least: its question by default)."""
    return _WAYS.get((bool(by_question), bool(by_term)), _WAYS[True, False])
