"""An "almost" (a spelling slip the grader does not accept) is said to the player without naming the answer. While a
question still scores, only the first one is free (the player's free retry); later ones cost a try in a channel quiz
and count as the answer on the daily question, so near misses cannot be typed over and over to close in on the
answer. Private practice keeps every near miss free. The channel quiz through simcord, the daily rule in the core
on both engines (``test_almost_free_once_daily``: the daily question through simcord)."""

from __future__ import annotations

from typing import Any

import pytest
from disputes_support import started_services
from modal_support import modal_parts
from pg_support import Engine, both_engines  # noqa: F401  (fixture ``engine``)

from bot.core.daily import AlreadyAnswered
from bot.core.models import VerdictKind
from bot.core.service import Services

SIMCORD = pytest.mark.simcord(settle_timeout=2.0)

#: The BERT card's answer, and a near miss of it the grader says "almost" to (tests/data/decks/mini.yaml).
BERT = "Bidirectional Encoder Representations from Transformers"
NEAR = "Bidirectional Encoder Representations"
NEARER = "Bidirectional Encoder Representation"

def _box(shown: Any) -> dict[str, Any]:
    return next(c for c in modal_parts(shown.modal) if c.get("type") == 4)


async def answer(member: Any, message: Any, text: str) -> Any:
    """Press Answer on ``message`` and submit ``text`` (the click's own reply when no box opens)."""
    shown = await member.click(message, label="Answer")
    if shown.modal is None:
        return shown
    return await member.submit_modal(shown, {_box(shown)["custom_id"]: text})


async def rows(env: Any, sql: str) -> list[tuple[Any, ...]]:
    async with env.bot.tutor_services.store.read() as db:
        return [tuple(r) for r in await db.execute_fetchall(sql)]


def field(message: Any, name: str) -> str:
    return next(f.value for f in message.embeds[0].fields if f.name == name)


# -- a channel quiz ------------------------------------------------------------------------------------
@pytest.fixture
async def quiz_world(env: Any) -> Any:
    guild = env.create_guild()
    channel = guild.create_text_channel("study")
    members = {name: guild.add_member(env.create_user(name)) for name in ("alice", "bob", "carol")}
    yield channel, members
    await env.bot.close()


@SIMCORD
async def test_repeated_almost_answers_cost_tries_in_a_channel_quiz(env: Any, quiz_world: Any) -> None:
    channel, m = quiz_world
    await m["alice"].slash(channel, "quiz", topic="nlp")
    question = channel.last_message
    first = await answer(m["bob"], question, NEAR)
    said_first = first.response.content
    assert first.response.ephemeral and said_first.startswith("🟡 Almost — check your spelling")
    assert "Transformers" not in said_first  # (the answer is not named while the question scores)

    # The free retry is used: each later near miss costs a try, as a wrong answer does, and says so.
    second = await answer(m["bob"], question, NEARER)
    assert "your free retry was used, so this cost a try: 2 tries left" in second.response.content
    third = await answer(m["bob"], question, NEAR)
    assert "1 try left" in third.response.content
    last = await answer(m["bob"], question, NEARER)
    said = last.response.content
    assert said.startswith("🟡 Almost — but misspelt, so not accepted") and "try again" not in said
    assert "cost your last try: no tries left on this question" in said
    blocked = await m["bob"].click(question, label="Answer")
    assert blocked.modal is None and blocked.ephemeral and "no tries left" in blocked.response.content

    # The near misses are stored as answers; nothing scored.
    assert await rows(env, "SELECT user_name, verdict, points FROM attempts ORDER BY id") == [
        ("bob", "almost", 0), ("bob", "almost", 0), ("bob", "almost", 0), ("bob", "almost", 0),
    ]
    assert m["bob"].id not in env.bot.tutor_services.quiz.running_in(channel.id).question.solved
    # The rule is said: on the question, and in the reply to the free near miss.
    assert field(question, "Tries") == "3 each (one “almost” free)"
    assert "that was your free retry: it cost no try (3 left)" in said_first and "Another near miss" in said_first


@SIMCORD
async def test_a_typo_then_the_right_answer_still_scores_first(env: Any, quiz_world: Any) -> None:
    channel, m = quiz_world
    await m["alice"].slash(channel, "quiz", topic="nlp")
    question = channel.last_message
    typo = await answer(m["bob"], question, NEAR)
    assert "that was your free retry" in typo.response.content
    right = await answer(m["bob"], question, BERT)
    said = right.response.content
    assert said.startswith("✅ Correct") and "+10 points" in said and "first!" in said
    # Another player's free retry is their own.
    carol = await answer(m["carol"], question, NEAR)
    assert "that was your free retry: it cost no try (3 left)" in carol.response.content


@SIMCORD
async def test_practice_keeps_every_almost_free(env: Any, quiz_world: Any) -> None:
    channel, m = quiz_world
    r = await m["bob"].slash(channel, "quiz", topic="nlp", private=True)
    first = r.response
    assert field(first, "Tries") == "3 (“almost” costs none)"
    for _ in range(4):
        again = await answer(m["bob"], first, NEAR)
        assert again.response.ephemeral and "(that cost no try; 3 left)" in again.response.content
        assert "free retry" not in again.response.content
    done = await answer(m["bob"], first, BERT)
    assert done.response.content.startswith("✅ Correct") and "+10 points" in done.response.content


# -- the daily rule in the core, on SQLite and PostgreSQL -------------------------------------------------
G, CH, ALICE = 100, 200, 1


async def settle(s: Services) -> None:
    for feature in reversed(s._features):
        await feature.close()


async def test_the_daily_free_retry_is_stored_and_kept_on_both_engines(engine: Engine, clock: Any) -> None:
    s = await started_services(await engine.open(), clock)
    try:
        await s.daily.set_schedule(G, CH, "09:00", "UTC", topic="nlp", answer_hours=3)
        info = await s.daily.get_schedule(G)
        clock.now = max(clock.now, info.next_post_at)
        claim = await s.daily.claim_due(G)
        await s.daily.mark_posted(claim.post_id, 1)
        free = await s.daily.answer(claim.post_id, ALICE, "alice", NEAR)
        assert free.verdict.kind is VerdictKind.ALMOST and not free.counted
        async with s.store.read() as db:
            assert await db.execute_fetchall("SELECT * FROM daily_answers") == []
        empty = await s.daily.answer(claim.post_id, ALICE, "alice", "   ")  # (nothing typed stays free)
        assert empty.verdict.kind is VerdictKind.EMPTY and not empty.counted
    finally:
        await settle(s)

    s = await started_services(await engine.open(), clock)  # a restart on the same database
    try:
        counted = await s.daily.answer(claim.post_id, ALICE, "alice", NEARER)
        assert counted.verdict.kind is VerdictKind.ALMOST and counted.counted and counted.points == 0
        with pytest.raises(AlreadyAnswered):
            await s.daily.answer(claim.post_id, ALICE, "alice", BERT)
        async with s.store.read() as db:
            answers = await db.execute_fetchall("SELECT user_id, verdict, points FROM daily_answers")
            assert [tuple(r) for r in answers] == [(ALICE, "wrong", 0)]
    finally:
        await settle(s)
