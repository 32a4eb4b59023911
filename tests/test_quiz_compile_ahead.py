"""A question's card is compiled for grading when the question opens, before the first answer comes.

The quiz and daily use-cases on a real SQLite file (conftest's ``core_services``: fake clock, seeded random
source, the mini decks). The grader's caches are emptied first, so each card starts uncompiled.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterator

import pytest

from bot.core.grading import grade_card
from bot.core.grading.compiled import (
    cached_card,
    clear_caches,
    compile_card_steps,
    extra_answers,
    is_compiled,
)
from bot.core.models import Card, VerdictKind
from bot.core.quiz.ahead import CompileAhead
from bot.core.service import Services

G, CH = 100, 200


@pytest.fixture(autouse=True)
def cold_grader() -> Iterator[None]:
    """Every card uncompiled at the start (the cache is shared by the whole process)."""
    clear_caches()
    yield
    clear_caches()


def card(services: Services, cid: str) -> Card:
    found = services.catalog.card(f"mini:{cid}")
    assert found is not None
    return found


async def channel_quiz(services: Services, *items: tuple[str, str], mode: str = "typed", guild_id: int = G):
    quiz = await services.quiz.start_quiz(
        user_id=1, user_name="alice", guild_id=guild_id, channel_id=CH, topic="transformers", mode=mode
    )
    quiz.plan = [(card(services, cid), direction) for cid, direction in items]
    return quiz


async def settle(ahead: CompileAhead) -> None:
    """Let the loop run until the compiles started ahead are done (each step gives the loop back once)."""
    for _ in range(10_000):
        if not ahead.pending():
            return
        await asyncio.sleep(0)
    raise AssertionError("a compile ahead never finished")


async def test_the_cards_of_the_open_and_the_next_question_are_compiled_before_any_answer(
    core_services: Services,
) -> None:
    services = core_services
    quiz = await channel_quiz(
        services, ("temperature", "question"), ("bert", "term"), ("attention-mechanism", "question")
    )
    temperature, bert, attention = (
        card(services, "temperature"),
        card(services, "bert"),
        card(services, "attention-mechanism"),
    )
    assert not is_compiled(temperature, "question")
    question = services.quiz.open_question(quiz.id)
    assert question is not None and services.quiz.ahead.pending() == 2
    await settle(services.quiz.ahead)
    assert is_compiled(temperature, "question")
    assert is_compiled(bert, "term") and not is_compiled(
        bert, "question"
    )  # the next one, as it will be asked
    assert not is_compiled(attention, "question")  # not the one after
    compiled = cached_card(temperature, "question")

    result = await services.quiz.answer(quiz.id, user_id=2, user_name="bob", response="temperatur")
    assert result.verdict == grade_card(temperature, "temperatur", direction="question")
    assert result.verdict.kind is VerdictKind.CORRECT and result.first
    assert cached_card(temperature, "question") is compiled  # the answer used it: no second compile

    await services.quiz.close_question(quiz.id, question.number)
    services.quiz.open_question(quiz.id)  # compiled already: only the one after is compiled now
    assert services.quiz.ahead.pending() == 1
    await settle(services.quiz.ahead)
    assert is_compiled(attention, "question")


async def test_a_first_answer_during_the_compile_gets_the_same_verdict(core_services: Services) -> None:
    services = core_services
    quiz = await channel_quiz(services, ("attention-mechanism", "question"))
    services.quiz.open_question(quiz.id)
    assert services.quiz.ahead.pending() == 1
    # Answers come at once, before the loop has run the compile (they wait for it rather than compile again).
    texts = ["attention", "atention layer", "convolution", ""]
    results = await asyncio.gather(*(
        services.quiz.answer(quiz.id, user_id=10 + i, user_name=f"p{i}", response=text) for i, text in enumerate(texts)
    ))  # fmt: skip
    cold = card(services, "attention-mechanism")
    assert [r.verdict for r in results] == [grade_card(cold, t, direction="question") for t in texts]
    await settle(services.quiz.ahead)
    assert is_compiled(cold, "question")


async def test_a_quiz_stopped_right_after_opening_leaves_no_compile_running(core_services: Services) -> None:
    services = core_services
    quiz = await channel_quiz(services, ("temperature", "question"))
    services.quiz.open_question(quiz.id)
    for _ in range(2):  # the compile is under way (it takes several steps), not done
        await asyncio.sleep(0)
    assert services.quiz.ahead.pending() == 1
    await services.quiz.stop(quiz.id, user_id=1)
    assert services.quiz.ahead.pending() == 0
    for _ in range(50):
        await asyncio.sleep(0)
    assert not [t for t in asyncio.all_tasks() if t.get_name().startswith("compile-ahead:")]
    # A compile stopped half-way leaves the card free to be compiled by its next grade (not waiting for it).
    steps = compile_card_steps(card(services, "temperature"), "question")
    for _ in range(10_000):
        try:
            next(steps)
        except StopIteration as done:
            assert done.value is not None
            break
    else:
        raise AssertionError("the card still counts as being compiled")


async def test_a_skipped_question_stops_its_compile_but_not_the_next_ones(core_services: Services) -> None:
    services = core_services
    quiz = await channel_quiz(services, ("temperature", "question"), ("bert", "question"))
    services.quiz.open_question(quiz.id)
    assert services.quiz.ahead.pending(quiz.id) == 2
    await services.quiz.skip(quiz.id, user_id=1)
    assert services.quiz.ahead.pending(quiz.id) == 1
    await settle(services.quiz.ahead)
    assert not is_compiled(card(services, "temperature"), "question")
    assert is_compiled(card(services, "bert"), "question")
    services.quiz.open_question(quiz.id)  # the last question, compiled already: nothing to do
    assert services.quiz.ahead.pending() == 0


async def test_a_choice_question_compiles_nothing(core_services: Services) -> None:
    services = core_services
    quiz = await channel_quiz(services, ("temperature", "question"), mode="choice")
    question = services.quiz.open_question(quiz.id)
    assert question is not None and question.prompt.is_choice
    assert services.quiz.ahead.pending() == 0


async def test_with_a_server_accepted_answer_the_first_answer_finds_the_card_compiled(
    core_services: Services,
) -> None:
    services = core_services
    accepted = {(G, "mini:temperature", "question"): (" softmax divisor ",)}
    services.quiz.overlay = lambda guild, key, direction, card=None: accepted.get((guild, key, direction), ())
    quiz = await channel_quiz(services, ("temperature", "question"))
    services.quiz.open_question(quiz.id)
    await settle(services.quiz.ahead)
    temperature = card(services, "temperature")
    extra = extra_answers(accepted[G, "mini:temperature", "question"])
    compiled = cached_card(temperature, "question", extra)
    assert compiled is not None  # under the key the answer's grade looks up

    result = await services.quiz.answer(quiz.id, user_id=2, user_name="bob", response="softmax divisor")
    assert result.verdict.kind is VerdictKind.CORRECT
    assert result.verdict == grade_card(temperature, "softmax divisor", extra_accept=extra)
    assert cached_card(temperature, "question", extra) is compiled


async def test_a_card_that_cannot_be_compiled_is_left_to_its_answer(
    core_services: Services, caplog: pytest.LogCaptureFixture
) -> None:
    ahead = CompileAhead()
    empty = Card(deck="x", id="empty", question="What?", answer="")
    with caplog.at_level(logging.DEBUG, logger="bot.core.quiz.ahead"):
        assert ahead.start("owner", "asked", empty, "question")
        await settle(ahead)
    assert "compile ahead failed" in caplog.text
    assert not is_compiled(empty, "question")


def test_without_a_running_loop_nothing_starts() -> None:
    ahead = CompileAhead()
    plain = Card(deck="x", id="plain", question="The capital of France?", answer="Paris")
    assert not ahead.start("owner", "asked", plain, "question") and ahead.pending() == 0
    assert not is_compiled(plain, "question")


async def test_the_daily_question_is_compiled_when_its_post_is_claimed(core_services: Services) -> None:
    services = core_services
    accepted = ("softmax divisor",)
    services.daily.overlay = lambda guild, key, direction, card=None: accepted if direction == "question" else ()
    await services.daily.set_schedule(G, CH, "09:00", "Europe/Paris", answer_hours=2)
    claim = await services.daily.claim_now(G)
    await settle(services.daily.ahead)
    compiled = cached_card(claim.card, "question", accepted)
    assert compiled is not None
    await services.daily.mark_posted(claim.post_id, 42)
    result = await services.daily.answer(claim.post_id, 2, "bob", "softmax divisor")
    assert result.verdict == grade_card(claim.card, "softmax divisor", extra_accept=accepted)
    assert cached_card(claim.card, "question", accepted) is compiled


async def test_cards_asked_later_are_compiled_one_after_the_other(core_services: Services) -> None:
    ahead = CompileAhead()
    # The longest compile first: compiled side by side, the shorter ones would be done before it.
    cards = [card(core_services, cid) for cid in ("attention-mechanism", "temperature", "bert")]
    for n, c in enumerate(cards):
        assert ahead.start(n, "next", c, "question", later=True)
    order: list[str] = []
    for _ in range(10_000):
        order += [c.key for c in cards if c.key not in order and is_compiled(c, "question")]
        if not ahead.pending():
            break
        await asyncio.sleep(0)
    assert order == [c.key for c in cards]
