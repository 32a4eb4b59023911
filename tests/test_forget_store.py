"""Deleting a member's data in a server, or a whole server's, on SQLite and on PostgreSQL (README: "What the bot
keeps"): everything of theirs goes in one transaction, the boards and /stats of everyone else stay exactly as they
were, and every summary table still adds up to the answers left."""

from __future__ import annotations

from typing import Any

import pytest
from disputes_support import started_services
from forget_support import guild_rows, member_rows, rows, summaries_agree
from pg_support import Engine, both_engines  # noqa: F401  (the ``engine`` fixture)

from bot.core.errors import UserError
from bot.core.models import Attempt, Deck, Source, VerdictKind
from bot.core.service import Services
from bot.core.storage.attempts import AttemptWriter
from bot.core.storage.forget_queries import ForgetQueries

G, G2, CH = 100, 101, 200
ALICE, BOB, CAROL, MOD = 1, 2, 3, 99
TEMPERATURE = "mini:temperature"


async def quiz_on_temperature(s: Services, answers: list[tuple[int, str, str]]) -> Any:
    """A channel quiz of alice's on the temperature card: ``answers`` given in turn, then it is finished."""
    quiz = await s.quiz.start_quiz(user_id=ALICE, user_name="alice", guild_id=G, channel_id=CH, topic="sampling")
    quiz.plan = [(s.catalog.card(TEMPERATURE), "question")]
    s.quiz.open_question(quiz.id)
    said = [await s.quiz.answer(quiz.id, user_id=u, user_name=n, response=t) for u, n, t in answers]
    await s.quiz.finish(quiz.id)
    return said


async def played(s: Services, clock: Any) -> None:
    """Bob wins a quiz (first right), carol is right after him; bob's wrong answer in a second quiz is disputed and
    accepted (he wins that one too); carol's dispute is rejected by bob (a moderator too); both answer the daily question; bob keeps review
    settings and a reminder, practises alone, and plays in another server."""
    await quiz_on_temperature(s, [(BOB, "bob", "temperature"), (CAROL, "carol", "temperature")])
    clock.tick(120)
    said = await quiz_on_temperature(s, [(BOB, "bob", "softmax divisor"), (CAROL, "carol", "randomness")])
    dispute = await s.disputes.open_dispute(guild_id=G, user_id=BOB, user_name="bob", attempt_id=said[0].attempt_id)
    await s.disputes.accept(dispute.id, guild_id=G, moderator_id=MOD)
    hers = await s.disputes.open_dispute(guild_id=G, user_id=CAROL, user_name="carol", attempt_id=said[1].attempt_id)
    await s.disputes.reject(hers.id, guild_id=G, moderator_id=BOB)
    await s.daily.set_schedule(G, CH, "09:00", "UTC", topic="sampling", by=BOB)
    claim = await s.daily.claim_now(G)
    await s.daily.mark_posted(claim.post_id, 555)
    await s.daily.answer(claim.post_id, BOB, "bob", "temperature")
    await s.daily.answer(claim.post_id, CAROL, "carol", "top-k")
    await s.review.members.update(G, BOB, new_per_day=3)
    await s.review.members.set_reminder(G, BOB, "09:00")
    practice = await s.quiz.start_quiz(user_id=BOB, user_name="bob", guild_id=G, channel_id=CH, private=True,
                                       card_keys=["mini:bert"])  # fmt: skip
    s.quiz.open_question(practice.id)
    await s.quiz.answer(practice.id, user_id=BOB, user_name="bob", response="no idea")
    await s.quiz.stop(practice.id, user_id=BOB)
    async with s.store.transaction() as db:
        await AttemptWriter().add(db, Attempt(
            guild_id=G2, channel_id=1, user_id=BOB, user_name="bob", card_key="mini:bert", source=Source.QUIZ,
            response="x", verdict=VerdictKind.CORRECT, points=10, created_at=clock(),
        ))  # fmt: skip


async def seen_by_others(s: Services) -> Any:
    """What the others see: every board of the server (without bob), carol's and alice's /stats, bob's elsewhere."""
    boards = {}
    for period in ("week", "month", "all"):
        for topic in (None, "sampling"):
            board = await s.stats.leaderboard(G, period, topic)
            boards[period, topic] = [(r.user_id, r.points, r.correct) for r in board.rows if r.user_id != BOB]
    carol = await s.stats.stats(G, CAROL)
    elsewhere = await s.stats.stats(G2, BOB)
    return boards, (carol.points_total, carol.answers, carol.correct), (elsewhere.points_total, elsewhere.answers)


@pytest.fixture
async def services(engine: Engine, clock: Any) -> Services:
    return await started_services(await engine.open(), clock)


async def test_a_member_forgotten_leaves_nothing_of_theirs_and_everyone_else_as_they_were(
    services: Services, clock: Any
) -> None:
    s = services
    await played(s, clock)
    others = await seen_by_others(s)  # (the boards of the week and the month are made here)
    before = await member_rows(s.store, G, BOB)
    assert {"attempts", "board_scores", "user_card_stats", "stats_members", "daily_streaks", "daily_answers",
            "review_states", "review_logs", "review_members", "disputes"} <= set(before)  # fmt: skip
    carol_rows = await member_rows(s.store, G, CAROL)
    overlay = await rows(s.store, "SELECT answer FROM accept_overlays WHERE guild_id = ?", (G,))
    assert overlay == [("softmax divisor",)]
    queries = ForgetQueries(s.store)

    counted = await queries.forget_member(G, BOB, dry_run=True)  # counts only
    assert await member_rows(s.store, G, BOB) == before
    assert counted.deleted["attempts"] == before["attempts"] == 4 and counted.deleted["quizzes"] == 1

    done = await queries.forget_member(G, BOB)
    assert done.deleted == counted.deleted and done.unlinked == counted.unlinked
    assert await member_rows(s.store, G, BOB) == {}
    assert done.deleted["review_logs"] == before["review_logs"] and done.deleted.get("disputes", 0) == 0
    assert done.unlinked["accepted disputes kept without their name"] == 1  # (it can still be taken back)
    assert done.unlinked["quizzes won"] == 2 and done.unlinked["disputes decided"] == 1
    assert done.unlinked["first right answers"] == 1 and done.unlinked["daily schedules changed"] == 1
    # Everyone else's boards and /stats are exactly as they were, and every summary adds up to the answers left.
    assert await seen_by_others(s) == others
    assert await member_rows(s.store, G, CAROL) == carol_rows
    await summaries_agree(s.store, G)
    assert [r.user_id for r in (await s.stats.leaderboard(G, "all")).rows] == [CAROL]
    assert not (await s.stats.stats(G, BOB)).has_answers
    # The quizzes stay in the server's records, won by nobody; the accepted answer stays the server's.
    assert await rows(s.store, "SELECT starter_id, winner_id FROM quizzes WHERE guild_id = ? AND private = 0"
                      " ORDER BY created_at", (G,)) == [(ALICE, None), (ALICE, None)]  # fmt: skip
    assert await rows(s.store, "SELECT o.answer, d.user_id, d.user_name, o.added_by FROM accept_overlays o"
                      " JOIN disputes d ON d.id = o.dispute_id") == [("softmax divisor", 0, "", MOD)]  # fmt: skip
    assert await rows(s.store, "SELECT user_id, status, decided_by FROM disputes ORDER BY id") == [
        (0, "accepted", MOD), (CAROL, "rejected", None)
    ]
    assert await rows(s.store, "SELECT user_id FROM quiz_first_correct") == [(0,)]
    assert await rows(s.store, "SELECT COUNT(*) FROM attempt_corrections") == [(0,)]
    # Another server's data of theirs is left alone; a second run finds nothing more.
    assert await member_rows(s.store, G2, BOB) != {}
    again = await queries.forget_member(G, BOB)
    assert again.nothing


async def test_a_member_forgotten_everywhere_and_a_server_forgotten(services: Services, clock: Any) -> None:
    s = services
    await played(s, clock)
    deck = Deck(id="ignored", title="Greek", cards=(s.catalog.card("mini:bert"),))
    await s.decks.queries.save_server_deck(G, "greek", deck)
    await s.decks.queries.save_server_deck(G2, "greek", deck)
    kept = await guild_rows(s.store, G2)
    queries = ForgetQueries(s.store)

    assert await queries.servers_of(BOB) == [G, G2]
    everywhere = await queries.forget_member(None, BOB)
    assert everywhere.deleted["attempts"] == 5
    assert await member_rows(s.store, G, BOB) == {} and await member_rows(s.store, G2, BOB) == {}
    assert await queries.servers_of(BOB) == []
    await summaries_agree(s.store, G)
    await summaries_agree(s.store, G2)

    kept = await guild_rows(s.store, G2)
    counted = await queries.forget_server(G, dry_run=True)
    assert await guild_rows(s.store, G) != {}
    gone = await queries.forget_server(G)
    assert gone.deleted == counted.deleted and gone.deleted["decks"] == 1 and gone.deleted["cards"] == 1
    assert await guild_rows(s.store, G) == {}
    assert await rows(s.store, "SELECT COUNT(*) FROM daily_answers") == [(0,)]
    assert await guild_rows(s.store, G2) == kept
    assert await rows(s.store, "SELECT COUNT(*) FROM cards_fts WHERE deck_id IN"
                      " (SELECT id FROM decks WHERE owner_guild_id = ?)", (G,)) == [(0,)]  # fmt: skip


async def test_a_forgotten_dispute_id_is_never_given_again(services: Services, clock: Any) -> None:
    # A moderator's /disputes page names a dispute by its id: had a new dispute taken the id of the newest one
    # deleted, the Accept still on show would accept another player's dispute, unseen.
    s = services
    said = await quiz_on_temperature(s, [(BOB, "bob", "softmax divisor"), (CAROL, "carol", "randomness")])
    shown_to_moderator = await s.disputes.open_dispute(
        guild_id=G, user_id=CAROL, user_name="carol", attempt_id=said[1].attempt_id
    )
    await ForgetQueries(s.store).forget_member(G, CAROL)
    bobs = await s.disputes.open_dispute(guild_id=G, user_id=BOB, user_name="bob", attempt_id=said[0].attempt_id)
    assert bobs.id > shown_to_moderator.id
    with pytest.raises(UserError) as refused:
        await s.disputes.accept(shown_to_moderator.id, guild_id=G, moderator_id=MOD)
    assert refused.value.code == "dispute.none"
    assert await rows(s.store, "SELECT user_id, status FROM disputes") == [(BOB, "open")]
