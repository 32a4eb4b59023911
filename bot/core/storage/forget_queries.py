"""Deleting what the bot keeps about a member, or about a server, when asked to (``/forget-me``, ``tutorbot forget``).

What a member leaves behind is spread over many tables, several of them summed from the answers (the leaderboard
rows, the per-card figures of /stats, the quizzes played, the latest name): a member's rows of every one of them are
keyed by (server, member), so deleting all of them together, with the answers they were summed from, leaves every
other member's board rows and figures exactly as they were. Everything is done in the caller's one transaction: it
all goes, or nothing does.

A member's own rows are deleted: their answers (with the corrections accepted disputes made to them), their
leaderboard rows and per-card figures, the quizzes they played, their name as the boards knew it, their departure
mark, their daily answers, free retries and streak, their /review cards, review log, settings and reminder, undo slot
and card on show, their disputes, and their private practice sessions.

Rows that belong to the server or to other members and only name the member keep everything but the name (the id is
cleared, or set to 0 where the column may not be empty): the channel quizzes they started or won (the quiz stays in
the server's records, with no winner: nobody else is made its winner), the first right answers they claimed in a
channel quiz (the question keeps its one first answer, so nobody else is made first afterwards), the disputes of
others they decided, the accepted answers they added and the daily schedule they last changed. An answer the server
accepted through one of their disputes stays the server's (it now grades everyone's answers there), without the
link to the dispute.

A whole server (``forget_server``) loses every row of that server, its imported decks (their cards and search rows)
and its settings; the decks of the deck folder, and other servers' rows, are left alone.

The counts say what was deleted (``Forgotten.deleted``, by table) and what only lost the member's id
(``Forgotten.unlinked``). ``dry_run`` makes the same changes and rolls them back: the counts of what would go.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import aiosqlite

from bot.core.storage.store import fetch_one

log = logging.getLogger(__name__)

#: Runs first inside the deletion's transaction, and raises to refuse it.
Guard = Callable[[Any], Awaitable[None]]

__all__ = ["ForgetQueries", "Forgotten"]


@dataclass
class Forgotten:
    """What ``ForgetQueries`` deleted (rows by table) and what only lost the member's id (rows by what they are)."""

    deleted: dict[str, int] = field(default_factory=dict)
    unlinked: dict[str, int] = field(default_factory=dict)

    @property
    def rows(self) -> int:
        """Every row deleted."""
        return sum(self.deleted.values())

    @property
    def nothing(self) -> bool:
        """Whether nothing at all was deleted or changed."""
        return not self.rows and not any(self.unlinked.values())


class _RolledBack(Exception):
    """Ends a dry run's transaction (rolled back) with its counts."""

    def __init__(self, forgotten: Forgotten) -> None:
        super().__init__("dry run")
        self.forgotten = forgotten


class _Who:
    """Which rows: one member's (``user_id``) in one server or in every server (``guild_id`` None), or one whole
    server's (``user_id`` None). Builds the conditions on the guild and member columns, with ``:g`` and ``:u``."""

    def __init__(self, guild_id: int | None, user_id: int | None) -> None:
        if guild_id is None and user_id is None:
            raise ValueError("name a member, a server or both")
        self.guild_id = guild_id
        self.user_id = user_id

    @property
    def params(self) -> dict[str, object]:
        found: dict[str, object] = {}
        if self.guild_id is not None:
            found["g"] = self.guild_id
        if self.user_id is not None:
            found["u"] = self.user_id
        return found

    def where(self, guild: str = "guild_id", user: str = "user_id") -> str:
        """The condition on a table with both columns."""
        parts = []
        if self.guild_id is not None:
            parts.append(f"{guild} = :g")
        if self.user_id is not None:
            parts.append(f"{user} = :u")
        return " AND ".join(parts)

    def guild(self, column: str = "guild_id") -> str:
        """The condition on the guild column alone (every server's rows: always true, and the member's filter is
        elsewhere in the statement)."""
        return f"{column} = :g" if self.guild_id is not None else "1 = 1"


#: The tables of a member's own rows keyed by (guild_id, user_id), deleted whole (the answers last, after the
#: summaries made of them).
_MEMBER_TABLES = (
    "daily_streaks", "review_logs", "review_states", "review_members", "review_undo", "review_showings",
    "board_scores", "user_card_stats", "stats_quiz_players", "stats_members", "departed_members", "attempts",
)  # fmt: skip


class ForgetQueries:
    """The deletions of ``/forget-me`` and ``tutorbot forget`` (see the module docstring)."""

    def __init__(self, store: Any) -> None:
        self.store = store

    async def forget_member(
        self, guild_id: int | None, user_id: int, *, dry_run: bool = False, guard: Guard | None = None
    ) -> Forgotten:
        """Delete what the bot keeps about ``user_id`` in ``guild_id`` (in every server when None), in one
        transaction. ``dry_run``: count only (everything rolled back). ``guard`` runs first in the transaction
        (it raises to refuse: ``PgCompatStore.not_running``)."""
        done = await self._run(lambda db: self.member(db, guild_id, user_id), dry_run=dry_run, guard=guard)
        if not dry_run:
            where = "every server" if guild_id is None else f"guild {guild_id}"
            log.info("deleted the data of member %s in %s: %s", user_id, where, _nonzero(done))
        return done

    async def forget_server(self, guild_id: int, *, dry_run: bool = False, guard: Guard | None = None) -> Forgotten:
        """Delete everything the bot keeps about the server ``guild_id``, in one transaction (``dry_run``: count
        only; ``guard`` as for ``forget_member``)."""
        done = await self._run(lambda db: self.server(db, guild_id), dry_run=dry_run, guard=guard)
        if not dry_run:
            log.info("deleted the data of guild %s: %s", guild_id, _nonzero(done))
        return done

    async def _run(self, work: Callable[[Any], Awaitable[Forgotten]], *, dry_run: bool, guard: Guard | None) -> Forgotten:
        try:
            async with self.store.transaction() as db:
                if guard is not None:
                    await guard(db)
                forgotten = await work(db)
                if dry_run:
                    raise _RolledBack(forgotten)
        except _RolledBack as done:
            return done.forgotten
        return forgotten

    # -- inside a transaction ------------------------------------------------------------------------------
    async def member(self, db: aiosqlite.Connection, guild_id: int | None, user_id: int) -> Forgotten:
        """Inside a transaction: delete a member's rows (``guild_id`` None: in every server)."""
        who = _Who(guild_id, user_id)
        p = who.params
        out = Forgotten()
        run = _Counter(db, p, out)
        both = who.where()
        quizzes_in = f"SELECT id FROM quizzes WHERE {who.guild()}"
        posts_in = f"SELECT id FROM daily_posts WHERE {who.guild()}"
        theirs = f"SELECT id FROM attempts WHERE {both}"
        # What others keep that names them: the id goes, the row stays.
        await run.unlink("quizzes won", f"UPDATE quizzes SET winner_id = NULL WHERE {who.where(user='winner_id')}")
        await run.unlink(
            "quizzes started",
            f"UPDATE quizzes SET starter_id = 0 WHERE {who.where(user='starter_id')} AND private = 0",
        )
        await run.unlink(
            "first right answers",
            f"UPDATE quiz_first_correct SET user_id = 0, attempt_id = NULL WHERE user_id = :u AND quiz_id IN ({quizzes_in})",
        )
        await run.unlink(
            "disputes decided",
            f"UPDATE disputes SET decided_by = NULL WHERE {who.where(user='decided_by')} AND user_id != :u",
        )
        await run.unlink(
            "accepted answers added", f"UPDATE accept_overlays SET added_by = NULL WHERE {who.where(user='added_by')}"
        )
        # An accept of theirs that settled other members' disputes goes on as the earliest of those (taken back
        # through it): its corrections, its accepted answer and the others it settled are that one's now.
        accepts = await db.execute_fetchall(
            f"SELECT id FROM disputes WHERE {both} AND status = 'accepted' AND settled_by IS NULL ORDER BY id", p
        )
        for row in accepts:
            gone = int(row["id"])
            heir = await fetch_one(
                db, "SELECT id FROM disputes WHERE status = 'accepted' AND id != ? AND user_id != ? AND (settled_by = ?"
                " OR (settled_by IS NULL AND attempt_id IN (SELECT attempt_id FROM attempt_corrections"
                " WHERE dispute_id = ?))) ORDER BY id LIMIT 1",
                (gone, user_id, gone, gone),
            )  # fmt: skip
            if heir is None:
                continue
            kept = int(heir["id"])
            await db.execute("UPDATE attempt_corrections SET dispute_id = ? WHERE dispute_id = ?", (kept, gone))
            await db.execute("UPDATE accept_overlays SET dispute_id = ? WHERE dispute_id = ?", (kept, gone))
            await db.execute("UPDATE disputes SET settled_by = ? WHERE settled_by = ? AND id != ?", (kept, gone, kept))
            await db.execute("UPDATE disputes SET settled_by = NULL WHERE id = ?", (kept,))
        # One that settled none but corrected others' answers or added an answer the server accepts stays, without
        # their name, so that it can still be taken back (``/disputes undo``).
        await run.unlink(
            "accepted disputes kept without their name",
            # (and naming no answer: theirs are deleted, and their ids may be given to new answers)
            f"UPDATE disputes SET user_id = 0, user_name = '', attempt_id = -id WHERE {both} AND status = 'accepted'"
            " AND settled_by IS NULL AND (EXISTS (SELECT 1 FROM accept_overlays o WHERE o.dispute_id = disputes.id)"
            " OR EXISTS (SELECT 1 FROM attempt_corrections c JOIN attempts a ON a.id = c.attempt_id"
            " WHERE c.dispute_id = disputes.id AND a.user_id != :u))",
        )
        await run.unlink(
            "accepted answers from their disputes",
            "UPDATE accept_overlays SET dispute_id = NULL WHERE dispute_id IN"
            f" (SELECT id FROM disputes WHERE {both})",
        )
        await run.unlink(
            "daily schedules changed", f"UPDATE daily_schedules SET updated_by = NULL WHERE {who.where(user='updated_by')}"
        )
        # Their private practice sessions (the quizzes they alone played).
        practice = f"SELECT id FROM quizzes WHERE {who.where(user='starter_id')} AND private = 1"
        await db.execute(f"DELETE FROM quiz_first_correct WHERE quiz_id IN ({practice})", p)
        await run.delete("quizzes", f"DELETE FROM quizzes WHERE {who.where(user='starter_id')} AND private = 1")
        # Their rows, the summary tables with the answers they were summed from.
        await run.delete("attempt_corrections", f"DELETE FROM attempt_corrections WHERE attempt_id IN ({theirs})")
        await run.delete("disputes", f"DELETE FROM disputes WHERE {both}")
        await run.delete("daily_answers", f"DELETE FROM daily_answers WHERE user_id = :u AND post_id IN ({posts_in})")
        await run.delete("daily_retries", f"DELETE FROM daily_retries WHERE user_id = :u AND post_id IN ({posts_in})")
        for table in _MEMBER_TABLES:
            await run.delete(table, f"DELETE FROM {table} WHERE {both}")
        return out

    async def server(self, db: aiosqlite.Connection, guild_id: int) -> Forgotten:
        """Inside a transaction: delete every row of the server ``guild_id`` and its imported decks."""
        who = _Who(guild_id, None)
        p = who.params
        out = Forgotten()
        run = _Counter(db, p, out)
        quizzes_in = "SELECT id FROM quizzes WHERE guild_id = :g"
        posts_in = "SELECT id FROM daily_posts WHERE guild_id = :g"
        await run.delete("attempt_corrections",
                         "DELETE FROM attempt_corrections WHERE attempt_id IN (SELECT id FROM attempts WHERE guild_id = :g)")  # fmt: skip
        await run.delete("quiz_first_correct", f"DELETE FROM quiz_first_correct WHERE quiz_id IN ({quizzes_in})")
        await run.delete("daily_answers", f"DELETE FROM daily_answers WHERE post_id IN ({posts_in})")
        await run.delete("daily_retries", f"DELETE FROM daily_retries WHERE post_id IN ({posts_in})")
        for table in (
            "disputes", "accept_overlays", "daily_streaks", "review_logs", "review_states", "review_members",
            "review_undo", "review_showings", "board_scores", "board_windows", "user_card_stats",
            "stats_quiz_players", "stats_members", "departed_members", "attempts", "quizzes", "daily_posts",
            "daily_schedules", "guild_settings", "guild_decks",
        ):  # fmt: skip
            await run.delete(table, f"DELETE FROM {table} WHERE guild_id = :g")
        # Its imported decks: their search rows, their cards (and tags) no answer points at any more, the decks.
        rows = await db.execute_fetchall(
            "SELECT c.key FROM cards c JOIN decks d ON d.id = c.deck_id WHERE d.owner_guild_id = :g", p
        )
        keys = [str(r[0]) for r in rows]
        await run.delete(
            "cards_fts", "DELETE FROM cards_fts WHERE deck_id IN (SELECT id FROM decks WHERE owner_guild_id = :g)"
        )
        await run.delete(
            "cards",
            "DELETE FROM cards WHERE deck_id IN (SELECT id FROM decks WHERE owner_guild_id = :g)"
            " AND NOT EXISTS (SELECT 1 FROM attempts a WHERE a.card_key = cards.key)",
        )
        await run.delete(
            "decks",
            "DELETE FROM decks WHERE owner_guild_id = :g AND NOT EXISTS (SELECT 1 FROM cards c WHERE c.deck_id = decks.id)",
        )
        # (a deck one of whose cards another server's answer names would stay: it is loaded for nobody)
        await db.execute("UPDATE decks SET retired = 1 WHERE owner_guild_id = :g AND retired = 0", p)
        if keys:
            # (the tags the cards took with them were noted for the boards' topic rows, which went with the server)
            await db.execute(
                "DELETE FROM stats_tag_changes WHERE card_key IN (SELECT value FROM json_each(:card_keys))"
                " AND NOT EXISTS (SELECT 1 FROM cards c WHERE c.key = stats_tag_changes.card_key)",
                {"card_keys": json.dumps(keys)},
            )
        return out

    async def servers_of(self, user_id: int) -> list[int]:
        """The servers where the bot keeps something about ``user_id``: every server whose rows ``forget_member``
        deletes or unlinks (their own rows, and the quizzes they started or won, the first right answers they
        claimed, the disputes they decided, the answers they accepted and the daily schedules they changed)."""
        named = [
            *(f"SELECT guild_id FROM {table} WHERE user_id = :u" for table in _MEMBER_TABLES),
            "SELECT guild_id FROM disputes WHERE user_id = :u OR decided_by = :u",
            "SELECT guild_id FROM quizzes WHERE starter_id = :u OR winner_id = :u",
            "SELECT q.guild_id FROM quiz_first_correct f JOIN quizzes q ON q.id = f.quiz_id WHERE f.user_id = :u",
            "SELECT guild_id FROM accept_overlays WHERE added_by = :u",
            "SELECT guild_id FROM daily_schedules WHERE updated_by = :u",
            *(
                f"SELECT p.guild_id FROM {table} a JOIN daily_posts p ON p.id = a.post_id WHERE a.user_id = :u"
                for table in ("daily_answers", "daily_retries")
            ),
        ]
        async with self.store.read() as db:
            rows = await db.execute_fetchall(" UNION ".join(named), {"u": user_id})
        return sorted({int(r[0]) for r in rows if r[0] is not None})  # (private practice in DMs: no server)



def _nonzero(forgotten: Forgotten) -> dict[str, int]:
    return {k: v for k, v in {**forgotten.deleted, **forgotten.unlinked}.items() if v}


class _Counter:
    """Runs the statements of one deletion with its parameters, and counts their rows."""

    def __init__(self, db: aiosqlite.Connection, params: Mapping[str, object], out: Forgotten) -> None:
        self.db = db
        self.params = params
        self.out = out

    async def delete(self, table: str, sql: str) -> None:
        cur = await self.db.execute(sql, self.params)
        self.out.deleted[table] = self.out.deleted.get(table, 0) + max(cur.rowcount, 0)

    async def unlink(self, what: str, sql: str) -> None:
        cur = await self.db.execute(sql, self.params)
        self.out.unlinked[what] = self.out.unlinked.get(what, 0) + max(cur.rowcount, 0)
