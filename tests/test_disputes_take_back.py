"""A moderator takes back an accepted dispute (accepted by mistake): its answer is no longer accepted in the server,
the answers its accept corrected are wrong again with their points taken back (boards, /stats, daily streaks,
the quiz's winner), the disputes it settled are open again, and its player is told. On SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from disputes_support import started_services
from pg_support import Engine, both_engines  # noqa: F401  (the ``engine`` fixture)
from quiz_support import quiz_asking

from bot.core.disputes import DisputeService
from bot.core.errors import Conflict, NotFound, UserError
from bot.core.models import VerdictKind
from bot.core.scoring import FIRST_POINTS, WINDOW_POINTS
from bot.core.service import Services
from bot.core.storage.dispute_queries import Overlay
from cogs._verdicts import dispute_line, notice_line
from tests.test_disputes_core import (
    ALICE,
    BOB,
    CAROL,
    CH,
    DAN,
    EVE,
    G2,
    MOD,
    PROMPT,
    TEMPERATURE,
    G,
    attempt_id,
    dispute_bobs_answer,
    rows,
    temperature_quiz,
    three_daily_days,
)
from tests.test_disputes_insight_answers import L1, L2, _channel_question


async def board(s: Services, period: str = "all") -> list[tuple[str, int, int]]:
    found = await s.stats.leaderboard(G, period)
    return [(r.name, r.points, r.correct) for r in found.rows]


async def test_taking_back_an_accept_makes_its_answers_wrong_again_everywhere(engine: Engine, clock) -> None:
    s = await started_services(await engine.open(), clock)
    try:
        await temperature_quiz(s, clock)
        before = {period: await board(s, period) for period in ("all", "week", "month")}
        bobs = await dispute_bobs_answer(s, s.disputes)
        dans = await s.disputes.open_dispute(
            guild_id=G, user_id=DAN, user_name="dan", attempt_id=await attempt_id(s, DAN, "Softmax divisor!"),
            prompt=PROMPT,
        )  # fmt: skip
        await s.disputes.accept(bobs.id, guild_id=G, moderator_id=MOD)
        assert (await s.stats.stats(G, BOB)).points_total == FIRST_POINTS
        assert [d.status for d in await s.disputes.take_notices(G, DAN)] == ["accepted"]  # dan's settled with it
        # Only bob's accept is offered: dan's went with it, and is taken back with it.
        assert [d.id for d, _ in await s.disputes.accepted(G)] == [bobs.id]
        with pytest.raises(UserError) as settled:
            await s.disputes.take_back(dans.id, guild_id=G, moderator_id=MOD + 1)
        assert settled.value.code == "dispute.settled_by" and f"#{bobs.id}" in str(settled.value)
        assert (await s.stats.stats(G, DAN)).points_total == WINDOW_POINTS  # (refused: nothing changed)

        undone = await s.disputes.take_back(bobs.id, guild_id=G, moderator_id=MOD + 1)

        assert {(r.user_name, r.points) for r in undone.reverted} == {("bob", FIRST_POINTS), ("dan", WINDOW_POINTS)}
        assert undone.points == FIRST_POINTS + WINDOW_POINTS and undone.overlay_removed and undone.settled_too == 1
        for period, was in before.items():
            assert await board(s, period) == was, period
        assert (await s.stats.stats(G, BOB)).points_total == 0
        assert (await s.stats.stats(G, DAN)).points_total == 0
        stored = await rows(s, "SELECT user_name, response, verdict, points FROM attempts ORDER BY id")
        assert [tuple(r) for r in stored] == [
            ("bob", "softmax divisor", "wrong", 0),
            ("carol", "temperature", "correct", FIRST_POINTS),
            ("dan", "Softmax divisor!", "wrong", 0),
            ("eve", "randomness", "wrong", 0),
            ("bob", "the randomness", "wrong", 0),
        ]
        assert await rows(s, "SELECT * FROM attempt_corrections") == []
        # The server no longer accepts it, in memory and after a restart.
        assert s.disputes.overlay_accepts(G, TEMPERATURE) == ()
        fresh = DisputeService(store=s.store, catalog=s.catalog, clock=clock)
        await fresh.start()
        assert fresh.overlay_accepts(G, TEMPERATURE) == ()
        # bob's dispute is rejected, and he hears that the accept was taken back (once); dan's went with it.
        assert undone.dispute.status == "rejected" and undone.dispute.taken_back_at is not None
        (told,) = await s.disputes.take_notices(G, BOB)
        assert told.id == bobs.id and "took back" in notice_line(told) and "softmax divisor" in notice_line(told)
        assert "taken back" in dispute_line(told)
        assert await s.disputes.take_notices(G, BOB) == []
        assert await s.disputes.page(G) is None
        (dans_told,) = await s.disputes.take_notices(G, DAN)
        assert dans_told.id == dans.id and "took back" in notice_line(dans_told)
        assert await s.disputes.accepted(G) == []
        with pytest.raises(UserError) as e:
            await s.disputes.take_back(bobs.id, guild_id=G, moderator_id=MOD)
        assert e.value.code == "dispute.not_accepted"
    finally:
        await s.close()


async def test_after_a_take_back_the_same_answer_is_graded_wrong_in_a_new_quiz(core_services, clock) -> None:
    s = core_services
    await temperature_quiz(s, clock)
    bobs = await dispute_bobs_answer(s, s.disputes)
    await s.disputes.accept(bobs.id, guild_id=G, moderator_id=MOD)
    clock.tick(60)
    quiz, _ = await quiz_asking(s, TEMPERATURE, user_id=CAROL, user_name="carol", guild_id=G, channel_id=CH + 1)
    said = await s.quiz.answer(quiz.id, user_id=EVE, user_name="eve", response="softmax divisor")
    assert said.verdict.kind is VerdictKind.CORRECT  # accepted in the server
    await s.quiz.stop(quiz.id, user_id=CAROL)
    await s.disputes.take_back(bobs.id, guild_id=G, moderator_id=MOD)
    clock.tick(60)
    quiz, _ = await quiz_asking(s, TEMPERATURE, user_id=CAROL, user_name="carol", guild_id=G, channel_id=CH + 2)
    said = await s.quiz.answer(quiz.id, user_id=DAN, user_name="dan", response="softmax divisor")
    assert said.verdict.kind is not VerdictKind.CORRECT
    # (eve's answer, graded right live while it was accepted, keeps its points: she was told so as she played)
    assert (await s.stats.stats(G, EVE)).points_total > 0


async def test_an_accept_the_server_would_not_miss_is_not_taken_back(core_services, clock) -> None:
    """Another answer the server accepts, spelled as bob typed his ("Softmax divisor!", read back as at a restart),
    makes his answer right without his accept: taking it back would change nothing for him, so it is refused."""
    s = core_services
    await temperature_quiz(s, clock)
    bobs = await dispute_bobs_answer(s, s.disputes)
    await s.disputes.accept(bobs.id, guild_id=G, moderator_id=MOD)
    async with s.store.transaction() as db:
        await s.disputes.queries.add_overlay(
            db, Overlay(G, TEMPERATURE, "question", "softmax divisor.", None), norm="softmax divisor.", dispute_id=None,
            by=MOD, at=clock(),
        )  # fmt: skip
    await s.disputes.start()
    with pytest.raises(UserError) as e:
        await s.disputes.take_back(bobs.id, guild_id=G, moderator_id=MOD)
    assert e.value.code == "dispute.card_takes_it"
    assert (await s.stats.stats(G, BOB)).points_total == FIRST_POINTS
    assert "softmax divisor" in s.disputes.overlay_accepts(G, TEMPERATURE)


async def test_a_take_back_counts_the_daily_streak_again(core_services, clock) -> None:
    s = core_services
    await three_daily_days(s, clock)
    before = await s.stats.stats(G, BOB)
    dispute = await s.disputes.open_dispute(
        guild_id=G, user_id=BOB, user_name="bob", attempt_id=await attempt_id(s, BOB, "softmax divisor")
    )
    await s.disputes.accept(dispute.id, guild_id=G, moderator_id=MOD)
    accepted = await s.stats.stats(G, BOB)
    assert (accepted.streak_current, accepted.streak_best) == (3, 3)

    undone = await s.disputes.take_back(dispute.id, guild_id=G, moderator_id=MOD)

    assert [r.source for r in undone.reverted] == ["daily"]
    after = await s.stats.stats(G, BOB)
    assert (after.streak_current, after.streak_best, after.points_total) == (
        before.streak_current, before.streak_best, before.points_total,
    )  # fmt: skip
    counted = await rows(s, "SELECT verdict FROM daily_answers ORDER BY post_id")
    assert [r["verdict"] for r in counted] == ["correct", "wrong", "correct"]


async def test_a_take_back_is_refused_while_the_card_is_asked_and_in_another_server(core_services, clock) -> None:
    s = core_services
    await temperature_quiz(s, clock)
    bobs = await dispute_bobs_answer(s, s.disputes)
    with pytest.raises(UserError) as e:
        await s.disputes.take_back(bobs.id, guild_id=G, moderator_id=MOD)
    assert e.value.code == "dispute.not_accepted"  # (still open)
    await s.disputes.accept(bobs.id, guild_id=G, moderator_id=MOD)
    with pytest.raises(NotFound):
        await s.disputes.take_back(bobs.id, guild_id=G2, moderator_id=MOD)
    clock.tick(60)
    quiz, _ = await quiz_asking(s, TEMPERATURE, user_id=CAROL, user_name="carol", guild_id=G, channel_id=CH + 1)
    with pytest.raises(Conflict) as c:
        await s.disputes.take_back(bobs.id, guild_id=G, moderator_id=MOD)
    assert c.value.code == "dispute.card_asked_now"
    assert s.disputes.overlay_accepts(G, TEMPERATURE) == ("softmax divisor",)  # nothing changed
    assert (await s.stats.stats(G, BOB)).points_total == FIRST_POINTS
    # (while the card is asked, the list a moderator picks from leaves it out: its answer would score now)
    assert await s.disputes.accepted(G) == []
    await s.quiz.stop(quiz.id, user_id=CAROL)
    assert [(d.id, label) for d, label in await s.disputes.accepted(G)] == [(bobs.id, TEMPERATURE)]
    await s.disputes.take_back(bobs.id, guild_id=G, moderator_id=MOD)
    assert (await s.stats.stats(G, BOB)).points_total == 0


async def quiz_of(s: Services, clock, answers, channel: int = CH) -> None:
    """A channel quiz on the temperature card, every answer of ``answers`` (player, name, text) judged wrong."""
    quiz, _ = await quiz_asking(
        s, TEMPERATURE, user_id=ALICE, user_name="alice", guild_id=G, channel_id=channel, topic="sampling", seconds=60
    )
    for user_id, name, text in answers:
        said = await s.quiz.answer(quiz.id, user_id=user_id, user_name=name, response=text)
        assert said.verdict.kind is not VerdictKind.CORRECT, text
        clock.tick(0.5)
    await s.quiz.close_question(quiz.id, 1)
    await s.quiz.stop(quiz.id, user_id=ALICE)


async def dispute_of(s: Services, user_id: int, name: str, text: str):
    return await s.disputes.open_dispute(
        guild_id=G, user_id=user_id, user_name=name, attempt_id=await attempt_id(s, user_id, text)
    )


async def test_an_answer_another_accept_keeps_right_goes_with_that_accept(engine: Engine, clock) -> None:
    """bob's "softmax divisor" is accepted; then eve's "divisor", which makes bob's right too. Taking back bob's accept
    leaves his answer right ("divisor" still is): his dispute goes with eve's accept now. Taking that back too leaves
    no accepted answer: both answers are wrong again and no points stay."""
    s = await started_services(await engine.open(), clock)
    try:
        await quiz_of(s, clock, [(BOB, "bob", "softmax divisor"), (EVE, "eve", "divisor")])
        bobs = await dispute_of(s, BOB, "bob", "softmax divisor")
        eves = await dispute_of(s, EVE, "eve", "divisor")
        await s.disputes.accept(bobs.id, guild_id=G, moderator_id=MOD)
        clock.tick(60)
        await s.disputes.accept(eves.id, guild_id=G, moderator_id=MOD)
        assert (await s.stats.stats(G, BOB)).points_total == FIRST_POINTS
        assert [d.status for d in await s.disputes.take_notices(G, BOB)] == ["accepted"]

        first = await s.disputes.take_back(bobs.id, guild_id=G, moderator_id=MOD)

        assert first.kept == 1 and first.reverted == () and first.overlay_removed
        assert s.disputes.overlay_accepts(G, TEMPERATURE) == ("divisor",)
        assert (await s.stats.stats(G, BOB)).points_total == FIRST_POINTS
        assert await s.disputes.take_notices(G, BOB) == []  # (nothing changed for bob)
        assert [d.id for d, _ in await s.disputes.accepted(G)] == [eves.id]

        second = await s.disputes.take_back(eves.id, guild_id=G, moderator_id=MOD)

        assert {r.user_name for r in second.reverted} == {"bob", "eve"} and second.settled_too == 1
        assert s.disputes.overlay_accepts(G, TEMPERATURE) == ()
        assert (await s.stats.stats(G, BOB)).points_total == 0 and (await s.stats.stats(G, EVE)).points_total == 0
        assert await rows(s, "SELECT * FROM attempt_corrections") == []
        (told,) = await s.disputes.take_notices(G, BOB)  # (bob's dispute went with eve's accept, and is taken back)
        assert told.id == bobs.id and "took back" in notice_line(told)
    finally:
        await s.close()


async def test_a_player_wrong_again_is_right_by_another_answer_of_theirs_the_server_accepts(engine: Engine, clock) -> None:
    """bob typed "softmax", then "divisor"; "softmax" is accepted (his question is right by it), then eve's "divisor"
    (bob's question was right already: not corrected). Taking back "softmax" makes bob's "divisor" right instead."""
    s = await started_services(await engine.open(), clock)
    try:
        await quiz_of(s, clock, [(BOB, "bob", "softmax"), (BOB, "bob", "divisor"), (EVE, "eve", "divisor")])
        bobs = await dispute_of(s, BOB, "bob", "softmax")
        eves = await dispute_of(s, EVE, "eve", "divisor")
        await s.disputes.accept(bobs.id, guild_id=G, moderator_id=MOD)
        clock.tick(60)
        await s.disputes.accept(eves.id, guild_id=G, moderator_id=MOD)

        done = await s.disputes.take_back(bobs.id, guild_id=G, moderator_id=MOD)

        assert [r.user_name for r in done.reverted] == ["bob"] and [r.user_name for r in done.corrected_again] == ["bob"]
        stored = await rows(s, "SELECT response, verdict FROM attempts WHERE user_id = ? ORDER BY id", (BOB,))
        assert [tuple(r) for r in stored] == [("softmax", "wrong"), ("divisor", "correct")]
        assert (await s.stats.stats(G, BOB)).points_total == FIRST_POINTS
        assert await board(s) == [("bob", FIRST_POINTS, 1), ("eve", WINDOW_POINTS, 1)]
    finally:
        await s.close()


async def test_a_dispute_settled_by_another_spellings_accept_is_taken_back_with_it(core_services, clock) -> None:
    s = core_services
    await quiz_of(s, clock, [(BOB, "bob", "softmax divisor"), (EVE, "eve", "divisor")])
    bobs = await dispute_of(s, BOB, "bob", "softmax divisor")
    eves = await dispute_of(s, EVE, "eve", "divisor")
    await s.disputes.accept(eves.id, guild_id=G, moderator_id=MOD)  # ("divisor" makes bob's right: settled)
    with pytest.raises(UserError) as e:
        await s.disputes.take_back(bobs.id, guild_id=G, moderator_id=MOD)
    assert e.value.code == "dispute.settled_by"
    assert s.disputes.overlay_accepts(G, TEMPERATURE) == ("divisor",)
    done = await s.disputes.take_back(eves.id, guild_id=G, moderator_id=MOD)
    assert done.settled_too == 1 and (await s.stats.stats(G, BOB)).points_total == 0


async def test_the_list_leaves_out_an_accepted_answer_that_answers_an_open_question_on_another_card(
    core_services, clock
) -> None:
    """"ridge", accepted by mistake for the L1 card, is the answer of the L2 card asked now: not offered (nor taken
    back) until that question closes."""
    s = core_services
    await _channel_question(s, clock, L1, [(BOB, "ridge")])
    ridge = await dispute_of(s, BOB, "bob", "ridge")
    await s.disputes.accept(ridge.id, guild_id=G, moderator_id=MOD)
    clock.tick(60)
    await _channel_question(s, clock, L2, [], channel=CH + 1, close=False)
    assert L2 in await s.quiz.hidden_cards(G)
    assert [d.response for d, _ in await s.disputes.accepted(G, viewer=MOD)] == []
    with pytest.raises(Conflict):
        await s.disputes.take_back(ridge.id, guild_id=G, moderator_id=MOD)


async def test_a_preview_of_a_take_back_tells_what_it_would_change_and_changes_nothing(engine: Engine, clock) -> None:
    s = await started_services(await engine.open(), clock)
    try:
        await temperature_quiz(s, clock)
        bobs = await dispute_bobs_answer(s, s.disputes)
        await s.disputes.accept(bobs.id, guild_id=G, moderator_id=MOD)
        await s.disputes.take_notices(G, BOB)
        stored = await rows(s, "SELECT id, verdict, points FROM attempts ORDER BY id")

        preview = await s.disputes.take_back(bobs.id, guild_id=G, moderator_id=MOD, dry_run=True)

        assert {(r.user_name, r.points) for r in preview.reverted} == {("bob", FIRST_POINTS), ("dan", WINDOW_POINTS)}
        assert preview.overlay_removed and preview.dispute.status == "accepted"
        assert await rows(s, "SELECT id, verdict, points FROM attempts ORDER BY id") == stored
        assert s.disputes.overlay_accepts(G, TEMPERATURE) == ("softmax divisor",)
        assert await s.disputes.take_notices(G, BOB) == []
        assert [d.id for d, _ in await s.disputes.accepted(G)] == [bobs.id]
        done = await s.disputes.take_back(bobs.id, guild_id=G, moderator_id=MOD)
        assert (done.reverted, done.points) == (preview.reverted, preview.points)
        with pytest.raises(UserError):  # (the same refusals)
            await s.disputes.take_back(bobs.id, guild_id=G, moderator_id=MOD, dry_run=True)
    finally:
        await s.close()
