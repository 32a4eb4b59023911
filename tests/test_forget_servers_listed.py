"""``tutorbot forget --member ID`` lists the servers whose rows it deletes or changes, on SQLite and on PostgreSQL:
a moderator who started a channel quiz, decided a dispute and set up the daily question in a server where they never
answered anything (or whose only row there is the mark that they left) had that server's rows changed all the same,
but it was left out of the list the operator confirms."""

from __future__ import annotations

from typing import Any

import pytest
from disputes_support import started_services
from forget_support import rows
from pg_support import Engine, both_engines  # noqa: F401  (the ``engine`` fixture)

from bot.core.models import Attempt, Source, VerdictKind
from bot.core.service import Services
from bot.core.storage.attempts import AttemptWriter
from bot.core.storage.forget_queries import ForgetQueries

G, G2, G3, CH = 100, 101, 102, 200
ALICE, MOD = 1, 99
TEMPERATURE = "mini:temperature"


@pytest.fixture
async def services(engine: Engine, clock: Any) -> Services:
    return await started_services(await engine.open(), clock)


async def test_every_server_whose_rows_name_the_member_is_listed_and_cleared(services: Services, clock: Any) -> None:
    s = services
    # In G the moderator only runs things: a channel quiz alice answers (and wins), her dispute accepted, the daily
    # question set up.
    quiz = await s.quiz.start_quiz(user_id=MOD, user_name="mod", guild_id=G, channel_id=CH, topic="sampling")
    quiz.plan = [(s.catalog.card(TEMPERATURE), "question")]
    s.quiz.open_question(quiz.id)
    said = await s.quiz.answer(quiz.id, user_id=ALICE, user_name="alice", response="softmax divisor")
    await s.quiz.finish(quiz.id)
    dispute = await s.disputes.open_dispute(guild_id=G, user_id=ALICE, user_name="alice", attempt_id=said.attempt_id)
    await s.disputes.accept(dispute.id, guild_id=G, moderator_id=MOD)
    await s.daily.set_schedule(G, CH, "09:00", "UTC", topic="sampling", by=MOD)
    # In G2 they answered; G3 only knows that they left.
    async with s.store.transaction() as db:
        await AttemptWriter().add(db, Attempt(
            guild_id=G2, channel_id=1, user_id=MOD, user_name="mod", card_key="mini:bert", source=Source.QUIZ,
            response="x", verdict=VerdictKind.CORRECT, points=10, created_at=clock(),
        ))  # fmt: skip
    await s.stats.mark_departed(G3, [MOD])
    queries = ForgetQueries(s.store)

    assert await queries.servers_of(MOD) == [G, G2, G3]
    assert await queries.servers_of(ALICE) == [G]
    everywhere = await queries.forget_member(None, MOD)
    assert everywhere.unlinked["quizzes started"] == 1 and everywhere.unlinked["disputes decided"] == 1
    assert everywhere.deleted["departed_members"] == 1 and everywhere.deleted["attempts"] == 1
    assert await queries.servers_of(MOD) == []
    # Nothing in any server names them now; alice's quiz, dispute and accepted answer stay the server's.
    assert await rows(s.store, "SELECT starter_id, winner_id FROM quizzes WHERE guild_id = ?", (G,)) == [(0, ALICE)]
    assert await rows(s.store, "SELECT user_id, status, decided_by FROM disputes") == [(ALICE, "accepted", None)]
    assert await rows(s.store, "SELECT answer, added_by FROM accept_overlays") == [("softmax divisor", None)]
    assert await rows(s.store, "SELECT guild_id, updated_by FROM daily_schedules") == [(G, None)]
    assert await queries.servers_of(ALICE) == [G]
