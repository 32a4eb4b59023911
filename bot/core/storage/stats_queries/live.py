"""Boards read live from ``attempts``: a week or month whose stored window cannot be rebuilt, and the board of
a deck whose name other decks' cards carry as a tag (``Catalog.tagged_elsewhere``).

The stored window rows (``board_scores`` with scope week/month) are rebuilt by a write when the period
rolls over (``BoardQueries.rebuild_window``). When the database refuses that write — a read-only mount,
a full disk — a board must still be shown: these queries aggregate the window's scored attempts on the fly
(through the partial index ``attempts_board``) and rank them exactly as the stored rows would be ranked.
They write nothing. They cost a scan of the window's answers (milliseconds for a week of a busy server),
so they are a fallback, not the usual path.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from bot.core.storage.stats_queries.boards import LISTED, SCORED, board_row, exclude_json
from bot.core.storage.stats_queries.rows import BoardPage, BoardRow, Window
from bot.core.storage.store import Store, fetch_one, fetch_value

log = logging.getLogger(__name__)

#: The window's rows, shaped like ``board_scores`` (topic '' is every card).
_LIVE_SCORES = (
    "WITH s AS MATERIALIZED ("
    " SELECT a.guild_id, a.user_id, SUM(a.points) AS points, COUNT(*) AS answers,"
    "  SUM(a.verdict = 'correct') AS correct"
    " FROM attempts a"
    " WHERE a.guild_id = :g AND a." + SCORED + " AND a.created_at >= :start AND a.created_at < :end"
    "  AND (:topic = '' OR a.card_key IN (SELECT t.card_key FROM card_tags t WHERE t.tag = :topic))"
    " GROUP BY a.guild_id, a.user_id"
    ")"
)
#: The window's rows for the answers to one deck's cards (``:deck``), read through the window (a week, a month).
_LIVE_WINDOW_DECK_SCORES = _LIVE_SCORES.replace(
    "  AND (:topic = '' OR a.card_key IN (SELECT t.card_key FROM card_tags t WHERE t.tag = :topic))",
    "  AND a.card_key IN (SELECT c.key FROM cards c WHERE c.deck_id = :deck)",
)
#: ... and all time, read card by card (attempts_guild_card: the cost follows the deck's answers, not all the
#: server's). CROSS JOIN keeps that order on SQLite.
_LIVE_DECK_SCORES = (
    "WITH s AS MATERIALIZED ("
    " SELECT a.guild_id, a.user_id, SUM(a.points) AS points, COUNT(*) AS answers,"
    "  SUM(a.verdict = 'correct') AS correct"
    " FROM cards c CROSS JOIN attempts a"
    " WHERE c.deck_id = :deck AND a.guild_id = :g AND a.card_key = c.key AND a." + SCORED +
    "  AND a.created_at >= :start AND a.created_at < :end"
    " GROUP BY a.guild_id, a.user_id"
    ")"
)


def _page(scores: str) -> str:
    """A page, in the order of the stored board (points, then correct answers, then the lower member id)."""
    return scores + (
        " SELECT p.*, m.user_name FROM ("
        "  SELECT s.user_id, s.points, s.answers, s.correct, RANK() OVER (ORDER BY s.points DESC) AS rank,"
        "   ROW_NUMBER() OVER (ORDER BY s.points DESC, s.correct DESC, s.user_id) AS position"
        "  FROM s WHERE " + LISTED + "  ORDER BY position LIMIT :limit OFFSET :offset"
        " ) p LEFT JOIN stats_members m ON m.guild_id = :g AND m.user_id = p.user_id"
        " ORDER BY p.position"
    )


def _rank(scores: str) -> str:
    return scores + (
        " SELECT me.user_id, me.points, me.answers, me.correct, m.user_name,"
        " 1 + (SELECT COUNT(*) FROM s WHERE s.points > me.points AND " + LISTED + ") AS rank"
        " FROM s me LEFT JOIN stats_members m ON m.guild_id = me.guild_id AND m.user_id = me.user_id"
        " WHERE me.user_id = :u"
    )


LIVE_PAGE_SQL = _page(_LIVE_SCORES)
LIVE_SIZE_SQL = _LIVE_SCORES + " SELECT COUNT(*) FROM s WHERE " + LISTED
LIVE_RANK_SQL = _rank(_LIVE_SCORES)
LIVE_DECK_PAGE_SQL = _page(_LIVE_DECK_SCORES)
LIVE_DECK_SIZE_SQL = _LIVE_DECK_SCORES + " SELECT COUNT(*) FROM s WHERE " + LISTED
LIVE_DECK_RANK_SQL = _rank(_LIVE_DECK_SCORES)
LIVE_WINDOW_DECK_PAGE_SQL = _page(_LIVE_WINDOW_DECK_SCORES)
LIVE_WINDOW_DECK_SIZE_SQL = _LIVE_WINDOW_DECK_SCORES + " SELECT COUNT(*) FROM s WHERE " + LISTED
LIVE_WINDOW_DECK_RANK_SQL = _rank(_LIVE_WINDOW_DECK_SCORES)


class LiveQueries:
    """Boards of a week or month aggregated from ``attempts`` at read time (nothing written)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    async def live_board_page(
        self,
        guild_id: int,
        window: Window,
        topic: str,
        *,
        offset: int,
        limit: int,
        exclude: Iterable[int] = (),
        deck: str = "",
    ) -> BoardPage:
        """One page of the board of ``window`` and how many it lists, as ``board_page`` would give them
        (``deck``: the answers to that deck's cards only)."""
        params = _params(guild_id, window, topic, exclude, deck)
        page, size, _ = _queries(window, deck)
        async with self.store.read() as db:
            rows = await db.execute_fetchall(page, {**params, "limit": limit, "offset": offset})
            total = await fetch_value(db, size, params)
        return BoardPage([board_row(r) for r in rows], int(total))

    async def live_member_rank(
        self, guild_id: int, window: Window, topic: str, user_id: int, *, exclude: Iterable[int] = (), deck: str = ""
    ) -> BoardRow | None:
        """A member's row and rank on the board of ``window``, or None if they scored nothing in it."""
        params = {**_params(guild_id, window, topic, exclude, deck), "u": user_id}
        async with self.store.read() as db:
            row = await fetch_one(db, _queries(window, deck)[2], params)
        return None if row is None else board_row(row)



def _queries(window: Window, deck: str) -> tuple[str, str, str]:
    """The page, size and rank statements for ``window`` (and ``deck``: one deck's answers only)."""
    if not deck:
        return LIVE_PAGE_SQL, LIVE_SIZE_SQL, LIVE_RANK_SQL
    if window.start_ms <= 0:  # all time: card by card
        return LIVE_DECK_PAGE_SQL, LIVE_DECK_SIZE_SQL, LIVE_DECK_RANK_SQL
    return LIVE_WINDOW_DECK_PAGE_SQL, LIVE_WINDOW_DECK_SIZE_SQL, LIVE_WINDOW_DECK_RANK_SQL


def _params(guild_id: int, window: Window, topic: str, exclude: Iterable[int], deck: str = "") -> dict[str, object]:
    params: dict[str, object] = {
        "g": guild_id, "start": window.start_ms, "end": window.end_ms, "exclude": exclude_json(exclude),
    }  # fmt: skip
    if deck:
        params["deck"] = deck
    else:
        params["topic"] = topic
    return params
