"""A player who answered one question twice and disputed their later answer: another player's accepted
dispute that makes both of their answers right settles theirs too, and they hear of their points once."""

from __future__ import annotations

import pytest
from quiz_support import answered_in_turn, quiz_asking

from bot.core.disputes import DisputeService
from bot.core.errors import Conflict
from bot.core.models import VerdictKind
from bot.core.service import Services
from cogs._verdicts import notice_line
from tests.test_disputes_core import ALICE, BOB, CH, DAN, MOD, PROMPT, TEMPERATURE, G, attempt_id


@pytest.fixture
async def disputes(core_services: Services, clock) -> DisputeService:
    service = DisputeService(store=core_services.store, catalog=core_services.catalog, clock=clock)
    await service.start()
    return service


async def dispute(services: Services, disputes: DisputeService, user_id: int, name: str, text: str):
    """The player's dispute of their answer ``text``."""
    return await disputes.open_dispute(
        guild_id=G, user_id=user_id, user_name=name, attempt_id=await attempt_id(services, user_id, text),
        prompt=PROMPT,
    )  # fmt: skip


async def twice_answered_quiz(services: Services, clock) -> str:
    """bob types "softmax divisor", then "the softmax divisor"; dan types "Softmax divisor!" (all wrong); the
    question closed. The quiz's id."""
    quiz, _ = await quiz_asking(
        services, TEMPERATURE, user_id=ALICE, user_name="alice", guild_id=G, channel_id=CH, topic="sampling", seconds=60
    )
    said = await answered_in_turn(
        services, quiz.id, clock,
        [(BOB, "bob", "softmax divisor"), (DAN, "dan", "Softmax divisor!"), (BOB, "bob", "the softmax divisor")],
    )  # fmt: skip
    assert all(result.verdict.kind is VerdictKind.WRONG for result in said)
    await services.quiz.close_question(quiz.id, 1)
    return quiz.id


async def test_a_dispute_of_a_later_answer_is_settled_when_an_accept_corrects_the_players_earlier_one(
    core_services, disputes, clock
):
    """bob disputes his later answer; dan's dispute of the same words is accepted, which corrects bob's first
    answer (a player is corrected once per question). bob's dispute leaves the queue as accepted, he is told
    so once with his points given back, and a moderator can no longer reject it ("kept the verdict" would be
    false: his points came back)."""
    await twice_answered_quiz(core_services, clock)
    bobs = await dispute(core_services, disputes, BOB, "bob", "the softmax divisor")
    dans = await dispute(core_services, disputes, DAN, "dan", "Softmax divisor!")
    await disputes.accept(dans.id, guild_id=G, moderator_id=MOD)
    assert await disputes.page(G) is None
    (told,) = await disputes.take_notices(G, BOB)
    assert told.id == bobs.id and told.status == "accepted"
    points = (await core_services.stats.stats(G, BOB)).points_total
    assert points > 0 and told.restored == points
    assert "your points were given back" in notice_line(told)
    with pytest.raises(Conflict, match="accepted already"):
        await disputes.reject(bobs.id, guild_id=G, moderator_id=MOD)


async def test_two_disputes_of_one_players_answers_to_one_question_tell_the_points_once(
    core_services, disputes, clock
):
    """bob disputed both his answers to the question; dan's accepted dispute corrects bob's first one. Both
    of bob's disputes are accepted, and only one of the two notices says his points came back."""
    await twice_answered_quiz(core_services, clock)
    for text in ("softmax divisor", "the softmax divisor"):
        await dispute(core_services, disputes, BOB, "bob", text)
    dans = await dispute(core_services, disputes, DAN, "dan", "Softmax divisor!")
    await disputes.accept(dans.id, guild_id=G, moderator_id=MOD)
    told = await disputes.take_notices(G, BOB)
    assert sorted(d.status for d in told) == ["accepted", "accepted"]
    assert sorted(d.restored > 0 for d in told) == [False, True]
    assert sum(d.restored for d in told) == (await core_services.stats.stats(G, BOB)).points_total
