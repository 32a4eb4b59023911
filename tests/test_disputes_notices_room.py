"""The moderators' decisions told after an answer share the answer's reply, which Discord caps at 2,000
characters: a decision that does not fit whole is not cut off and counted as told, it is told next time."""

from __future__ import annotations

from types import SimpleNamespace

from quiz_support import quiz_asking

from bot.core.disputes import DisputeService
from bot.core.models import VerdictKind
from bot.core.service import Services
from cogs._format import CONTENT_MAX
from cogs._shared import ATTR
from cogs._verdicts import take_notice_list, take_notices_within
from tests.test_disputes_core import ALICE, BOB, CH, MOD, PROMPT, TEMPERATURE, G, attempt_id

#: Long wrong answers full of characters Discord reads as markup (escaped, they grow).
LONG = [(f"{n}: the_softmax_divisor_that_scales_the_logits " * 6).strip() for n in ("one", "two", "three")]


async def bobs_rejected_disputes(services: Services, clock) -> DisputeService:
    disputes = DisputeService(store=services.store, catalog=services.catalog, clock=clock)
    await disputes.start()
    services.disputes = disputes
    quiz, _ = await quiz_asking(
        services, TEMPERATURE, user_id=ALICE, user_name="alice", guild_id=G, channel_id=CH, topic="sampling", seconds=60
    )
    for text in LONG:
        result = await services.quiz.answer(quiz.id, user_id=BOB, user_name="bob", response=text)
        assert result.verdict.kind is VerdictKind.WRONG
        clock.tick(0.5)
    await services.quiz.close_question(quiz.id, 1)
    for text in LONG:
        opened = await disputes.open_dispute(
            guild_id=G, user_id=BOB, user_name="bob", attempt_id=await attempt_id(services, BOB, text), prompt=PROMPT
        )
        await disputes.reject(opened.id, guild_id=G, moderator_id=MOD)
    return disputes


async def test_decisions_that_do_not_fit_after_the_answer_are_told_next_time(core_services, clock):
    """bob's three decisions of long answers do not all fit after a long verdict: the ones that fit are told
    whole, and the others come with his next reply, none lost."""
    await bobs_rejected_disputes(core_services, clock)
    bob = SimpleNamespace(client=SimpleNamespace(**{ATTR: core_services}), guild_id=G, user=SimpleNamespace(id=BOB))
    verdict = "x" * (CONTENT_MAX - 700)  # a long verdict leaves 700 characters for the notices
    notices, told = await take_notices_within(bob, CONTENT_MAX - len(verdict) - 2)
    assert 1 <= len(told) < 3
    assert len(notices) <= CONTENT_MAX - len(verdict) - 2
    assert notices.count("📬") == len(told) and notices.rstrip().endswith("kept the verdict.")
    later = await take_notice_list(bob)
    assert len(told) + len(later) == 3
    assert {d.id for d in told}.isdisjoint(d.id for d in later)
