"""What the quiz gives the review feature (issue 15): each attempt carries how it was answered, and
practice shows the member's due cards first."""

from __future__ import annotations

import random

import pytest

from bot.core.catalog import Catalog
from bot.core.decks import load_decks
from bot.core.models import Attempt
from bot.core.quiz import QuizService
from bot.core.service import Services
from bot.core.storage.attempts import AttemptWriter

G, CH = 100, 200


def recording_writer(written: list[Attempt]) -> AttemptWriter:
    """The one attempt writer with a hook that keeps each attempt as the review hook receives it."""
    writer = AttemptWriter()

    async def keep(db, attempt: Attempt, attempt_id) -> None:
        written.append(attempt)

    writer.subscribe(keep)
    return writer


def service(core: Services, cards_dir, clock, **kw) -> QuizService:
    return QuizService(
        store=core.store, attempts=kw.pop("attempts", AttemptWriter()), catalog=Catalog(load_decks(cards_dir)),
        clock=clock, rng=random.Random(5), **kw,
    )


def plan(quizzes: QuizService, quiz, *items: tuple[str, str]) -> None:
    quiz.plan = [(quizzes.catalog.card(f"mini:{cid}"), direction) for cid, direction in items]


async def test_every_attempt_says_why_with_how_many_hints_how_fast_and_whether_picked(
    core_services: Services, cards_dir, clock
) -> None:
    written: list[Attempt] = []
    quizzes = service(core_services, cards_dir, clock, attempts=recording_writer(written))
    quiz = await quizzes.start_quiz(user_id=1, user_name="alice", guild_id=G, channel_id=CH, topic="llms")
    plan(quizzes, quiz, ("temperature", "question"))
    quizzes.open_question(quiz.id)
    clock.tick(4)
    await quizzes.hint(quiz.id, user_id=2)
    clock.tick(2.5)
    await quizzes.answer(quiz.id, user_id=2, user_name="bob", response="temprature")
    await quizzes.answer(quiz.id, user_id=3, user_name="carol", response="top-k")
    # (in another server: in this one the card's question is still open in the first quiz, so no other asks it)
    choice = await quizzes.start_quiz(
        user_id=4, user_name="dan", guild_id=G + 1, channel_id=CH + 1, topic="llms", mode="choice"
    )
    plan(quizzes, choice, ("temperature", "question"))
    question = quizzes.open_question(choice.id)
    clock.tick(1)
    await quizzes.answer(choice.id, user_id=3, user_name="carol", option=question.prompt.correct_option)
    assert [(a.user_name, a.extra) for a in written] == [
        ("bob", {"reason": "spelling", "hints": 1, "direction": "question", "seconds": 6.5, "choice": False,
                 "key": f"quiz:{quiz.id}:1:2:{quizzes.grader_key}:1"}),
        ("carol", {"reason": "near_miss", "hints": 0, "direction": "question", "seconds": 6.5, "choice": False,
                   "key": f"quiz:{quiz.id}:1:3:{quizzes.grader_key}:1"}),
        ("carol", {"reason": "correct", "hints": 0, "direction": "question", "seconds": 1.0, "choice": True,
                   "key": f"quiz:{choice.id}:1:3:{quizzes.grader_key}:1"}),
    ]


async def test_practice_shows_the_due_cards_first(core_services: Services, cards_dir, clock) -> None:
    asked: list[tuple] = []

    async def due_cards(guild_id, user_id, keys):
        asked.append((guild_id, user_id, sorted(keys)))
        return ["mini:l2-regularization", "mini:not-in-this-topic"]

    quizzes = service(core_services, cards_dir, clock, due_cards=due_cards)
    practice = await quizzes.start_quiz(
        user_id=7, user_name="pat", guild_id=G, channel_id=CH, topic="training", questions=2, private=True
    )
    assert practice.plan[0][0].key == "mini:l2-regularization"
    assert asked == [(G, 7, ["mini:l1-regularization", "mini:l2-regularization"])]
    # A channel quiz is not anyone's review: it never asks.
    await quizzes.start_quiz(user_id=8, user_name="sam", guild_id=G, channel_id=CH, topic="training")
    assert len(asked) == 1


async def test_practice_goes_on_when_the_due_cards_cannot_be_read(core_services: Services, cards_dir, clock) -> None:
    async def broken(guild_id, user_id, keys):
        raise RuntimeError("review storage unavailable")

    quizzes = service(core_services, cards_dir, clock, due_cards=broken)
    practice = await quizzes.start_quiz(user_id=7, user_name="pat", topic="training", questions=2, private=True)
    assert practice.total == 2


@pytest.mark.parametrize("private", [False, True])
async def test_the_summary_names_the_cards_to_review_in_practice_only(
    core_services: Services, cards_dir, clock, private
) -> None:
    quizzes = service(core_services, cards_dir, clock)
    quiz = await quizzes.start_quiz(
        user_id=7, user_name="pat", guild_id=G, channel_id=CH, topic="training", questions=2, private=private
    )
    plan(quizzes, quiz, ("l1-regularization", "question"), ("l2-regularization", "term"))
    quizzes.open_question(quiz.id)
    await quizzes.answer(quiz.id, user_id=7, user_name="pat", response="lasso")
    await quizzes.close_question(quiz.id, 1)
    quizzes.open_question(quiz.id)
    await quizzes.skip(quiz.id, user_id=7)
    summary = await quizzes.finish(quiz.id)
    assert summary.review == (("ridge regression",) if private else ())
