"""Accepts, rejects and take-backs in random orders on one quiz question many players answered in several ways: after
each step the boards, the stored answers, their corrections and the server's accepted answers agree."""

from __future__ import annotations

import random

import pytest
from quiz_support import quiz_asking

from bot.core.errors import UserError
from bot.core.service import Services
from tests.test_disputes_core import ALICE, CH, MOD, TEMPERATURE, G, rows

#: What the players type (all wrong to the card as the deck has it), the first of each player disputed.
TYPED = ("softmax divisor", "Softmax divisor!", "divisor", "the softmax divisor", "softmax", "randomness")
PLAYERS = range(10, 22)


async def played(s: Services, clock, rng: random.Random) -> None:
    quiz, _ = await quiz_asking(
        s, TEMPERATURE, user_id=ALICE, user_name="alice", guild_id=G, channel_id=CH, topic="sampling", seconds=60
    )
    for user_id in PLAYERS:
        for text in rng.sample(TYPED, rng.randint(1, 2)):
            said = await s.quiz.answer(quiz.id, user_id=user_id, user_name=f"p{user_id}", response=text)
            assert not said.verdict.correct
            clock.tick(0.3)
    await s.quiz.close_question(quiz.id, 1)
    await s.quiz.finish(quiz.id)


async def consistent(s: Services) -> None:
    """The invariants a user would see broken: boards against the answers, corrections against verdicts and
    disputes, the accepted answers in memory against the database."""
    stored = await rows(
        s, "SELECT user_id, SUM(points) AS p, SUM(verdict = 'correct') AS c FROM attempts WHERE guild_id = ?"
        " GROUP BY user_id", (G,),
    )  # fmt: skip
    for r in stored:
        seen = await s.stats.stats(G, r["user_id"])
        assert (seen.points_total, seen.correct) == (r["p"], r["c"]), r["user_id"]
    dangling = await rows(
        s, "SELECT c.attempt_id, a.verdict, d.status FROM attempt_corrections c JOIN attempts a ON a.id = c.attempt_id"
        " LEFT JOIN disputes d ON d.id = c.dispute_id WHERE a.verdict != 'correct' OR d.status IS NULL"
        " OR d.status != 'accepted'",
    )  # fmt: skip
    assert [tuple(r) for r in dangling] == []
    # (an accepted dispute's answer is right, or the player was right on that question with another answer)
    unright = await rows(
        s, "SELECT d.id FROM disputes d JOIN attempts a ON a.id = d.attempt_id WHERE d.status = 'accepted'"
        " AND a.verdict != 'correct' AND NOT EXISTS (SELECT 1 FROM attempts b WHERE b.user_id = a.user_id"
        " AND b.session_id = a.session_id AND b.card_key = a.card_key AND b.verdict = 'correct')",
    )  # fmt: skip
    assert [r["id"] for r in unright] == []
    kept = await rows(s, "SELECT answer FROM accept_overlays WHERE guild_id = ? AND card_key = ?", (G, TEMPERATURE))
    assert sorted(s.disputes.overlay_accepts(G, TEMPERATURE)) == sorted(r["answer"] for r in kept)
    # (an accepted answer is one a server dispute added: none left whose dispute is not accepted)
    orphans = await rows(
        s, "SELECT o.answer FROM accept_overlays o LEFT JOIN disputes d ON d.id = o.dispute_id"
        " WHERE d.status IS NULL OR d.status != 'accepted'",
    )  # fmt: skip
    assert [r["answer"] for r in orphans] == []


@pytest.mark.parametrize("seed", range(6))
async def test_random_accepts_and_take_backs_keep_everything_consistent(core_services: Services, clock, seed) -> None:
    s = core_services
    rng = random.Random(seed)
    await played(s, clock, rng)
    firsts = await rows(s, "SELECT MIN(id) AS id, user_id FROM attempts WHERE user_id >= 10 GROUP BY user_id")
    for r in firsts:
        try:
            await s.disputes.open_dispute(guild_id=G, user_id=r["user_id"], user_name=f"p{r['user_id']}", attempt_id=r["id"])
        except UserError:
            pass  # (settled meanwhile: corrected by an accept already)
    for _step in range(14):
        clock.tick(1)
        found = await rows(s, "SELECT id, status FROM disputes WHERE guild_id = ? ORDER BY id", (G,))
        open_ = [r["id"] for r in found if r["status"] == "open"]
        listed = [d.id for d, _ in await s.disputes.accepted(G)]
        moves = [("accept", i) for i in open_] + [("reject", i) for i in open_[:1]] + [("undo", i) for i in listed]
        if not moves:
            break
        move, dispute_id = rng.choice(moves)
        try:
            if move == "accept":
                await s.disputes.accept(dispute_id, guild_id=G, moderator_id=MOD)
            elif move == "reject":
                await s.disputes.reject(dispute_id, guild_id=G, moderator_id=MOD)
            else:
                await s.disputes.take_back(dispute_id, guild_id=G, moderator_id=MOD)
        except UserError:
            pass  # (a refusal changes nothing: checked below all the same)
        await consistent(s)
    fresh = type(s.disputes)(store=s.store, catalog=s.catalog, clock=clock)
    await fresh.start()
    assert sorted(fresh.overlay_accepts(G, TEMPERATURE)) == sorted(s.disputes.overlay_accepts(G, TEMPERATURE))
