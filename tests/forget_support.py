"""What the tests of deleting a member's or a server's data share (``from forget_support import ...``): the tables a
member's rows are in, and checks that every summary table still agrees with the answers it is summed from."""

from __future__ import annotations

from typing import Any

#: Tables with a (guild_id, user_id) pair: a forgotten member has no row left in any of them (in that server).
MEMBER_TABLES = (
    "attempts", "board_scores", "user_card_stats", "stats_quiz_players", "stats_members", "departed_members",
    "daily_streaks", "review_states", "review_logs", "review_members", "review_undo", "review_showings", "disputes",
)  # fmt: skip
#: Every table holding a server's rows by its guild_id.
GUILD_TABLES = (
    *MEMBER_TABLES, "board_windows", "quizzes", "daily_posts", "daily_schedules", "guild_settings", "guild_decks",
    "accept_overlays",
)  # fmt: skip


async def rows(store: Any, sql: str, params: Any = ()) -> list[tuple[Any, ...]]:
    async with store.read() as db:
        return [tuple(r) for r in await db.execute_fetchall(sql, params)]


async def member_rows(store: Any, guild_id: int, user_id: int) -> dict[str, int]:
    """How many rows ``user_id`` has in ``guild_id``, table by table (only tables where they have some)."""
    found = {}
    for table in MEMBER_TABLES:
        (count,) = (await rows(store, f"SELECT COUNT(*) FROM {table} WHERE guild_id = ? AND user_id = ?",
                               (guild_id, user_id)))[0]  # fmt: skip
        if count:
            found[table] = count
    for table in ("daily_answers", "daily_retries"):
        (count,) = (await rows(
            store,
            f"SELECT COUNT(*) FROM {table} t JOIN daily_posts p ON p.id = t.post_id WHERE p.guild_id = ? AND t.user_id = ?",
            (guild_id, user_id),
        ))[0]  # fmt: skip
        if count:
            found[table] = count
    return found


async def guild_rows(store: Any, guild_id: int) -> dict[str, int]:
    """How many rows ``guild_id`` has, table by table (with its decks' cards)."""
    found = {}
    for table in GUILD_TABLES:
        found[table] = (await rows(store, f"SELECT COUNT(*) FROM {table} WHERE guild_id = ?", (guild_id,)))[0][0]
    found["decks"] = (await rows(store, "SELECT COUNT(*) FROM decks WHERE owner_guild_id = ?", (guild_id,)))[0][0]
    found["cards"] = (await rows(
        store, "SELECT COUNT(*) FROM cards c JOIN decks d ON d.id = c.deck_id WHERE d.owner_guild_id = ?", (guild_id,)
    ))[0][0]  # fmt: skip
    return {k: v for k, v in found.items() if v}


async def summaries_agree(store: Any, guild_id: int) -> None:
    """The all-time boards and the per-card figures of ``guild_id`` are what its stored answers add up to."""
    board = await rows(
        store, "SELECT user_id, points, answers, correct FROM board_scores"
        " WHERE guild_id = ? AND scope = 'all' AND topic = '' ORDER BY user_id", (guild_id,),
    )  # fmt: skip
    summed = await rows(
        store, "SELECT user_id, SUM(points), COUNT(*), SUM(CASE WHEN verdict = 'correct' THEN 1 ELSE 0 END)"
        " FROM attempts WHERE guild_id = ? AND source IN ('quiz', 'daily') GROUP BY user_id ORDER BY user_id",
        (guild_id,),
    )  # fmt: skip
    assert board == summed
    cards = await rows(
        store, "SELECT user_id, card_key, answers, correct FROM user_card_stats WHERE guild_id = ?"
        " ORDER BY user_id, card_key", (guild_id,),
    )  # fmt: skip
    summed = await rows(
        store, "SELECT user_id, card_key, COUNT(*), SUM(CASE WHEN verdict = 'correct' THEN 1 ELSE 0 END)"
        " FROM attempts WHERE guild_id = ? GROUP BY user_id, card_key ORDER BY user_id, card_key", (guild_id,),
    )  # fmt: skip
    assert cards == summed
    players = await rows(store, "SELECT DISTINCT user_id FROM stats_members WHERE guild_id = ? ORDER BY user_id",
                         (guild_id,))  # fmt: skip
    answered = await rows(store, "SELECT DISTINCT user_id FROM attempts WHERE guild_id = ? ORDER BY user_id",
                          (guild_id,))  # fmt: skip
    assert players == answered
