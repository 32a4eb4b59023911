"""The reads behind hiding a card asked in another server, on both engines: the servers a member has answered in
(a daily answer there counts), and the unrevealed daily questions of several servers read at once, those with
none among them. A restart keeps both (they are read from the database, not remembered)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from disputes_support import started_services
from pg_support import Engine, both_engines  # noqa: F401  (fixture ``engine``)

from bot.core.service import Services

G, G2, HALL, CH = 100, 101, 300, 200
BOB, CAROL = 2, 3


async def post_daily(s: Services, guild_id: int, card: str) -> int:
    now = s.now()
    async with s.store.transaction() as db:
        post_id = await s.daily.queries.insert_claim(
            db, guild_id=guild_id, day=date(2026, 1, 5), zone="UTC", card_key=f"mini:{card}", channel_id=CH,
            post_at=now, closes_at=now + timedelta(hours=6), now=now,
        )
        await db.execute("UPDATE daily_posts SET state = 'posted' WHERE id = ?", (post_id,))
    assert post_id
    return post_id


async def test_a_members_servers_and_their_daily_questions_are_read_on_both_engines(engine: Engine, clock: Any) -> None:
    s = await started_services(await engine.open(), clock)
    post = await post_daily(s, G, "temperature")
    await post_daily(s, G2, "bert")
    await s.daily.answer(post, BOB, "bob", "top-k")
    assert await s.quiz.queries.servers_played(BOB) == {G}
    assert await s.quiz.queries.servers_played(CAROL) == frozenset()
    assert await s.daily.unrevealed_in([G, G2, HALL]) == {
        G: frozenset({"mini:temperature"}), G2: frozenset({"mini:bert"}), HALL: frozenset()
    }
    assert "mini:temperature" in await s.quiz.hidden_cards(HALL, user_id=BOB)
    assert "mini:bert" not in await s.quiz.hidden_cards(HALL, user_id=BOB)  # (bob does not play in G2)
    assert "mini:temperature" not in await s.quiz.hidden_cards(HALL, user_id=CAROL)
    s = await started_services(await engine.open(), clock)  # a restart on the same database
    assert "mini:temperature" in await s.quiz.hidden_cards(HALL, user_id=BOB)


class _Recording:
    """A connection that remembers the text of each statement it reads with."""

    def __init__(self, db: Any) -> None:
        self.db, self.texts = db, set[str]()

    async def execute_fetchall(self, sql: str, args: Any = ()) -> Any:
        self.texts.add(sql)
        return await self.db.execute_fetchall(sql, args)


async def test_the_daily_questions_of_any_number_of_servers_are_read_with_a_few_statements(
    engine: Engine, clock: Any
) -> None:
    s = await started_services(await engine.open(), clock)
    await post_daily(s, G, "temperature")
    await post_daily(s, G2, "bert")
    recording = None
    for count in range(1, 701):
        others = list(range(10_000, 10_000 + count - 2))
        wanted = [G, *others, G2][-count:] if count > 1 else [G2]
        async with s.store.read() as db:
            recording = recording or _Recording(db)
            recording.db = db
            found = await s.daily.queries.unrevealed_in(recording, wanted)
        assert set(found) == set(wanted)
        assert found[G2] == {"mini:bert"}
        assert found.get(G, frozenset({"mini:temperature"})) == {"mini:temperature"}
        assert not any(found[other] for other in others)
    assert recording is not None
    # 700 different counts need no more texts than the powers of two up to the largest read
    assert len(recording.texts) <= 10
