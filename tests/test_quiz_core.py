"""The quiz use-cases on a real SQLite file: start, answer, race, tries, hints, skip/stop, summary, restart.

The database, the mini decks, the fake clock and the seeded random source come from conftest.
"""

from __future__ import annotations

import asyncio
import random
from datetime import timedelta

import pytest

from bot.config import Settings
from bot.core.errors import Closed, NotFound, Quote, UserError
from bot.core.models import VerdictKind
from bot.core.quiz import QuizRunning
from bot.core.service import Services
from bot.core.storage.store import fetch_one
from cogs.quiz import render

G, CH = 100, 200


@pytest.fixture
def services(core_services: Services) -> Services:
    """The core alone (conftest's ``core_services``: fake clock, seeded random source)."""
    return core_services


def plan(services: Services, quiz, *items: tuple[str, str]) -> None:
    """Fix which cards a quiz asks, and in which direction."""
    quiz.plan = [(services.catalog.card(f"mini:{cid}"), direction) for cid, direction in items]


async def rows(services: Services, sql: str, params=()) -> list:
    async with services.store.read() as db:
        return list(await db.execute_fetchall(sql, params))


async def channel_quiz(services: Services, **kw):
    kw.setdefault("topic", "transformers")
    return await services.quiz.start_quiz(user_id=1, user_name="alice", guild_id=G, channel_id=CH, **kw)


async def test_a_channel_quiz_is_stored_running_and_one_per_channel(services: Services) -> None:
    quiz = await channel_quiz(services, questions=2)
    stored = await rows(services, "SELECT * FROM quizzes WHERE id = ?", (quiz.id,))
    assert stored[0]["status"] == "running" and stored[0]["private"] == 0 and stored[0]["total"] == 2
    with pytest.raises(QuizRunning) as err:
        await channel_quiz(services)
    assert err.value.quiz.id == quiz.id
    # another channel is fine
    other = await services.quiz.start_quiz(user_id=2, user_name="bob", guild_id=G, channel_id=CH + 1)
    assert other.id != quiz.id


async def test_an_unknown_topic_suggests_close_ones(services: Services) -> None:
    with pytest.raises(NotFound) as err:
        await channel_quiz(services, topic="transformrs")
    assert err.value.code == "quiz.no_topic"
    assert err.value.params["topic"] == "transformrs" and "transformers" in err.value.message
    assert err.value.message == "No topic “transformrs” — try: transformers."
    # What the user typed is a quote for the surface to escape: on one line, clipped, with no markup added.
    with pytest.raises(NotFound) as err:
        await channel_quiz(services, topic="<@123> **Big**\n`x`")
    assert isinstance(err.value.params["topic"], Quote) and err.value.params["topic"] == "<@123> **big** `x`"
    with pytest.raises(NotFound) as err:
        await channel_quiz(services, topic="x" * 100)
    assert len(err.value.params["topic"]) == 40
    assert not await rows(services, "SELECT * FROM quizzes")


async def test_core_errors_carry_a_code_and_no_markup(services: Services) -> None:
    quiz = await channel_quiz(services)
    plan(services, quiz, ("temperature", "question"))
    services.quiz.open_question(quiz.id)
    errors = []
    for attempt in (
        lambda: channel_quiz(services),
        lambda: channel_quiz(services, mode="oral"),
        lambda: services.quiz.skip(quiz.id, user_id=9),
        lambda: services.quiz.stop(quiz.id, user_id=9),
        lambda: services.quiz.answer(quiz.id, user_id=2, user_name="bob", response="x", number=7),
    ):
        with pytest.raises(UserError) as err:
            await attempt()
        errors.append(err.value)
    assert [e.code for e in errors] == [
        "quiz.running", "quiz.mode", "quiz.skip_denied", "quiz.stop_denied", "quiz.closed"
    ]
    for e in errors:
        assert not any(mark in e.text for mark in ("**", "`", "<t:", "/quiz")), e.text


async def test_bad_options_are_refused_with_nothing_stored(services: Services) -> None:
    for kw in ({"questions": 0}, {"questions": 51}, {"seconds": 5}, {"mode": "oral"}):
        with pytest.raises(UserError):
            await channel_quiz(services, **kw)
    assert not await rows(services, "SELECT * FROM quizzes")


async def test_a_small_topic_runs_a_shorter_quiz_and_says_so(services: Services) -> None:
    quiz = await channel_quiz(services, topic="transformers", questions=10)
    assert quiz.total == 3
    assert "only 3 cards" in quiz.note
    keys = []
    while (question := services.quiz.open_question(quiz.id)) is not None:
        keys.append(question.card.key)
        await services.quiz.close_question(quiz.id, question.number)
    assert len(keys) == len(set(keys)) == 3  # no repeats


async def test_incomplete_cards_are_never_asked(services: Services) -> None:
    quiz = await channel_quiz(services, topic=None, questions=50)
    assert "mini:see-image" not in {c.key for c, _ in quiz.plan}
    assert quiz.total == 7
    assert quiz.note == "the decks have only 7 cards to ask: this quiz has 7 questions."
    assert render.short_note(quiz) == "ℹ️ The decks have only 7 cards to ask: this quiz has 7 questions."


async def test_right_almost_wrong_and_the_three_try_limit(services: Services, clock) -> None:
    quiz = await channel_quiz(services)
    plan(services, quiz, ("bert", "question"))
    services.quiz.open_question(quiz.id)
    almost = await services.quiz.answer(quiz.id, user_id=2, user_name="bob", response="Bidirectional Encoder Representations")
    assert almost.verdict.kind is VerdictKind.ALMOST and almost.tries_left == 3  # almost costs no try
    wrong = await services.quiz.answer(quiz.id, user_id=2, user_name="bob", response="Bidirectional Decoder Representations from Transformers")
    assert wrong.verdict.kind is VerdictKind.WRONG and wrong.tries_left == 2 and wrong.points == 0
    await services.quiz.answer(quiz.id, user_id=2, user_name="bob", response="GPT")
    last = await services.quiz.answer(quiz.id, user_id=2, user_name="bob", response="no idea")
    assert last.tries_left == 0
    with pytest.raises(UserError, match="no tries left"):
        await services.quiz.answer(quiz.id, user_id=2, user_name="bob", response="bidirectional encoder representations from transformers")
    right = await services.quiz.answer(quiz.id, user_id=3, user_name="carol", response="bidirectional encoder representations from transformers")
    assert right.verdict.correct and right.points == 10 and right.first
    assert right.closes_at == clock.now + timedelta(seconds=3)
    with pytest.raises(UserError, match="already got"):
        await services.quiz.answer(quiz.id, user_id=3, user_name="carol", response="BERT")
    stored = await rows(services, "SELECT user_name, verdict, points, source, session_id, guild_id FROM attempts ORDER BY id")
    assert [(r["user_name"], r["verdict"], r["points"]) for r in stored] == [
        ("bob", "almost", 0), ("bob", "wrong", 0), ("bob", "wrong", 0), ("bob", "wrong", 0), ("carol", "correct", 10)
    ]
    assert {(r["source"], r["session_id"], r["guild_id"]) for r in stored} == {("quiz", quiz.id, G)}


async def test_two_correct_answers_at_the_same_instant_exactly_one_is_first(services: Services, clock) -> None:
    quiz = await channel_quiz(services)
    plan(services, quiz, ("attention-mechanism", "question"))
    services.quiz.open_question(quiz.id)
    results = await asyncio.gather(*(
        services.quiz.answer(quiz.id, user_id=10 + i, user_name=f"p{i}", response="attention") for i in range(5)
    ))
    assert sum(r.first for r in results) == 1
    assert sorted(r.points for r in results) == [5, 5, 5, 5, 10]
    stored = await rows(services, "SELECT points FROM attempts ORDER BY points")
    assert [r["points"] for r in stored] == [5, 5, 5, 5, 10]


async def test_answers_after_the_window_or_the_close_are_told_too_late(services: Services, clock) -> None:
    quiz = await channel_quiz(services, seconds=30)
    plan(services, quiz, ("attention-mechanism", "question"), ("temperature", "question"))
    q1 = services.quiz.open_question(quiz.id)
    await services.quiz.answer(quiz.id, user_id=2, user_name="bob", response="attention")
    clock.tick(2.9)
    late_but_in = await services.quiz.answer(quiz.id, user_id=3, user_name="carol", response="attention layer")
    assert late_but_in.points == 5
    clock.tick(0.2)
    with pytest.raises(Closed, match="Too late"):
        await services.quiz.answer(quiz.id, user_id=4, user_name="dan", response="attention")
    reveal = await services.quiz.close_question(quiz.id, q1.number)
    assert [w.name for w in reveal.winners] == ["bob", "carol"]
    services.quiz.open_question(quiz.id)
    with pytest.raises(Closed, match="question 1 has closed"):
        await services.quiz.answer(quiz.id, user_id=4, user_name="dan", response="attention", number=1)
    clock.tick(31)
    with pytest.raises(Closed):
        await services.quiz.answer(quiz.id, user_id=4, user_name="dan", response="temperature")


async def test_a_hint_lowers_only_the_points_of_whoever_asked_for_it(services: Services) -> None:
    quiz = await channel_quiz(services)
    plan(services, quiz, ("attention-mechanism", "question"))
    services.quiz.open_question(quiz.id)
    h1 = await services.quiz.hint(quiz.id, user_id=5)
    assert (h1.text, h1.level, h1.max_level, h1.points_now) == ("1 word, 9 letters", 1, 2, 7)
    h2 = await services.quiz.hint(quiz.id, user_id=5)
    assert (h2.text, h2.points_now) == ("a…", 4)
    other = await services.quiz.hint(quiz.id, user_id=6)  # hints are counted per player
    assert (other.level, other.points_now) == (1, 7)
    result = await services.quiz.answer(quiz.id, user_id=2, user_name="bob", response="attention")
    assert result.points == 10  # bob asked for no hint: the others' hints cost him nothing
    hinted = await services.quiz.answer(quiz.id, user_id=5, user_name="eve", response="attention")
    assert hinted.points == 0  # in the window (5), minus two hints (2 x 3)
    assert (await services.quiz.answer(quiz.id, user_id=6, user_name="fay", response="attention")).points == 2
    with pytest.raises(UserError, match="already got"):
        await services.quiz.hint(quiz.id, user_id=2)


async def test_no_more_hints_than_the_answer_allows(services: Services) -> None:
    quiz = await channel_quiz(services)
    plan(services, quiz, ("attention-mechanism", "question"))
    services.quiz.open_question(quiz.id)
    # "atten…" would be a third: the grader takes "atten" for attention, so it is no hint
    assert [(await services.quiz.hint(quiz.id, user_id=5)).text for _ in range(2)] == ["1 word, 9 letters", "a…"]
    with pytest.raises(UserError, match="No more hints"):
        await services.quiz.hint(quiz.id, user_id=5)


async def test_no_hint_typed_back_is_a_right_answer_to_the_card_as_asked(services: Services) -> None:
    # Asked by its definition, "continual learning" is right as "continual" alone (the card's own words), so
    # "continual l…" would hand the answer over: it is no hint, though it is one on the answer's text alone.
    quiz = await channel_quiz(services)
    plan(services, quiz, ("continual-learning", "term"))
    services.quiz.open_question(quiz.id)
    given = []
    while True:
        try:
            given.append((await services.quiz.hint(quiz.id, user_id=5)).text)
        except UserError:
            break
    assert given == ["2 words: 9 and 8 letters", "c… l…"]
    assert (await services.quiz.hint(quiz.id, user_id=6)).max_level == 2
    for hint in given:
        typed = hint.replace("…", "").strip()
        result = await services.quiz.answer(quiz.id, user_id=7, user_name="gus", response=typed)
        assert not result.verdict.correct, hint


async def test_only_the_starter_or_a_moderator_can_skip_or_stop(services: Services) -> None:
    quiz = await channel_quiz(services)
    plan(services, quiz, ("temperature", "question"), ("bert", "question"))
    services.quiz.open_question(quiz.id)
    with pytest.raises(UserError, match="Only the starter or a moderator"):
        await services.quiz.skip(quiz.id, user_id=9)
    reveal = await services.quiz.skip(quiz.id, user_id=9, can_moderate=True)
    assert reveal.answer == "temperature" and not reveal.winners
    services.quiz.open_question(quiz.id)
    with pytest.raises(UserError):
        await services.quiz.stop(quiz.id, user_id=9)
    summary = await services.quiz.stop(quiz.id, user_id=1)
    assert summary.status == "stopped" and summary.asked == 2
    stored = await rows(services, "SELECT status, winner_id, ended_at FROM quizzes WHERE id = ?", (quiz.id,))
    assert stored[0]["status"] == "stopped" and stored[0]["ended_at"] is not None
    with pytest.raises(Closed, match="ended"):
        await services.quiz.answer(quiz.id, user_id=2, user_name="bob", response="BERT")


async def test_the_summary_ranks_players_and_names_the_hardest_question(services: Services) -> None:
    quiz = await channel_quiz(services, questions=2)
    plan(services, quiz, ("temperature", "question"), ("l1-regularization", "question"))
    services.quiz.open_question(quiz.id)
    await services.quiz.answer(quiz.id, user_id=2, user_name="bob", response="temperature")
    await services.quiz.answer(quiz.id, user_id=3, user_name="carol", response="temprature")
    await services.quiz.close_question(quiz.id, 1)
    services.quiz.open_question(quiz.id)
    await services.quiz.answer(quiz.id, user_id=3, user_name="carol", response="L2")
    await services.quiz.answer(quiz.id, user_id=2, user_name="bob", response="ridge")
    await services.quiz.answer(quiz.id, user_id=3, user_name="carol", response="lasso")
    await services.quiz.close_question(quiz.id, 2)
    assert services.quiz.open_question(quiz.id) is None
    summary = await services.quiz.finish(quiz.id)
    assert [(p.user_name, p.points) for p in summary.ranking] == [("carol", 15), ("bob", 10)]
    assert summary.correct == 3 and summary.attempts == 5
    assert summary.accuracy == pytest.approx(0.6)
    assert summary.hardest.card.key == "mini:l1-regularization"
    stored = await rows(services, "SELECT status, winner_id FROM quizzes WHERE id = ?", (quiz.id,))
    assert (stored[0]["status"], stored[0]["winner_id"]) == ("finished", 3)
    assert services.quiz.running_in(CH) is None
    assert (await services.quiz.finish(quiz.id)) is summary  # idempotent


async def test_choice_mode_one_try_and_five_points(services: Services) -> None:
    quiz = await channel_quiz(services, mode="choice")
    plan(services, quiz, ("l2-regularization", "question"))
    question = services.quiz.open_question(quiz.id)
    prompt = question.prompt
    assert len(prompt.options) == 4 and prompt.options[prompt.correct_option] == "L2"
    wrong_option = (prompt.correct_option + 1) % 4
    wrong = await services.quiz.answer(quiz.id, user_id=2, user_name="bob", option=wrong_option)
    assert not wrong.verdict.correct and wrong.tries_left == 0
    with pytest.raises(UserError, match="no tries left"):
        await services.quiz.answer(quiz.id, user_id=2, user_name="bob", option=prompt.correct_option)
    right = await services.quiz.answer(quiz.id, user_id=3, user_name="carol", option=prompt.correct_option)
    # Every right pick scores the same: no "first", and the question stays open its whole time for the others.
    assert right.points == 5 and not right.first and right.closes_at is None
    assert question.closes_at == question.opened_at + timedelta(seconds=30)
    later = await services.quiz.answer(quiz.id, user_id=4, user_name="dan", option=prompt.correct_option)
    assert later.points == 5
    with pytest.raises(UserError, match="no hints"):
        await services.quiz.hint(quiz.id, user_id=5)


async def test_chat_answers_count_only_when_right(services: Services) -> None:
    quiz = await channel_quiz(services)
    plan(services, quiz, ("temperature", "question"))
    services.quiz.open_question(quiz.id)
    ignored = await services.quiz.answer(quiz.id, user_id=2, user_name="bob", response="lol what", chat=True)
    assert ignored.ignored
    right = await services.quiz.answer(quiz.id, user_id=2, user_name="bob", response="temperature", chat=True)
    assert right.verdict.correct and right.points == 10
    assert [r["verdict"] for r in await rows(services, "SELECT verdict FROM attempts")] == ["correct"]


async def test_practice_is_private_self_paced_and_favours_what_was_missed(services: Services, clock) -> None:
    first = await services.quiz.start_quiz(user_id=7, user_name="pat", topic="training", questions=2, private=True)
    plan(services, first, ("l1-regularization", "question"), ("l2-regularization", "question"))
    question = services.quiz.open_question(first.id)
    assert question.closes_at is None
    with pytest.raises(UserError, match="someone else"):
        await services.quiz.answer(first.id, user_id=8, user_name="eve", response="L1")
    for _ in range(3):
        result = await services.quiz.answer(first.id, user_id=7, user_name="pat", response="L2")
    assert result.reveal is not None and result.reveal.answer == "L1"  # out of tries: the reveal
    services.quiz.open_question(first.id)
    result = await services.quiz.answer(first.id, user_id=7, user_name="pat", response="ridge")
    assert result.reveal is not None and result.points == 10
    summary = await services.quiz.finish(first.id)
    assert summary.private and summary.ranking[0].points == 10
    stored = await rows(services, "SELECT DISTINCT source, guild_id FROM attempts")
    assert [(r["source"], r["guild_id"]) for r in stored] == [("practice", None)]
    quiz_row = await rows(services, "SELECT private, winner_id, status FROM quizzes WHERE id = ?", (first.id,))
    assert tuple(quiz_row[0]) == (1, None, "finished")
    # The next practice on the same topic starts with the card pat missed.
    clock.tick(60)
    again = await services.quiz.start_quiz(user_id=7, user_name="pat", topic="training", questions=1, private=True)
    assert again.plan[0][0].key == "mini:l1-regularization"


async def test_a_new_practice_replaces_the_old_one(services: Services) -> None:
    old = await services.quiz.start_quiz(user_id=7, user_name="pat", private=True, questions=2)
    new = await services.quiz.start_quiz(user_id=7, user_name="pat", private=True, questions=2)
    assert services.quiz.get(old.id) is None and services.quiz.get(new.id) is not None
    stored = await rows(services, "SELECT status FROM quizzes WHERE id = ?", (old.id,))
    assert stored[0]["status"] == "stopped"


async def test_a_restart_marks_running_quizzes_interrupted_and_keeps_the_scores(settings: Settings, clock) -> None:
    first = await Services.create(settings.core, clock=clock, rng=random.Random(1))
    quiz = await first.quiz.start_quiz(user_id=1, user_name="alice", guild_id=G, channel_id=CH, topic="llms")
    practice = await first.quiz.start_quiz(user_id=2, user_name="bob", private=True)
    plan(first, quiz, ("temperature", "question"))
    first.quiz.open_question(quiz.id)
    await first.quiz.answer(quiz.id, user_id=2, user_name="bob", response="temperature")
    # crash: no close, no finish
    second = await Services.create(settings.core, clock=clock)
    try:
        found = second.quiz.take_interrupted()
        assert [r.id for r in found] == [quiz.id] and found[0].channel_id == CH
        assert second.quiz.take_interrupted() == []
        async with second.store.read() as db:
            statuses = {r["id"]: r["status"] for r in await db.execute_fetchall("SELECT id, status FROM quizzes")}
            kept = await fetch_one(db, "SELECT points FROM attempts WHERE session_id = ?", (quiz.id,))
        assert statuses == {quiz.id: "interrupted", practice.id: "interrupted"}
        assert kept["points"] == 10
        summary = await second.quiz.summary(quiz.id)
        assert summary.ranking[0].user_name == "bob" and summary.status == "interrupted"
        with pytest.raises(Closed, match="ended"):
            await second.quiz.answer(quiz.id, user_id=3, user_name="carol", response="temperature")
        # the channel is free again
        await second.quiz.start_quiz(user_id=1, user_name="alice", guild_id=G, channel_id=CH)
    finally:
        await second.close()
        await first.close()


async def test_an_answer_is_committed_before_it_is_reported(services: Services, settings: Settings) -> None:
    import sqlite3

    quiz = await channel_quiz(services)
    plan(services, quiz, ("temperature", "question"))
    services.quiz.open_question(quiz.id)
    await services.quiz.answer(quiz.id, user_id=2, user_name="bob", response="temperature")
    other = sqlite3.connect(settings.db_path)  # a separate connection sees only committed data
    try:
        assert other.execute("SELECT points FROM attempts").fetchall() == [(10,)]
    finally:
        other.close()


# -- the database decides: one running quiz per channel, one first correct answer per question -------------------
async def test_a_channel_held_in_the_database_refuses_a_start_with_the_usual_error(services: Services) -> None:
    # A quiz another process started here: only the database knows about it.
    async with services.store.transaction() as db:
        await db.execute(
            "INSERT INTO quizzes (id, guild_id, channel_id, starter_id, mode, private, total, status, created_at,"
            " message_id) VALUES ('elsewhere', ?, ?, 9, 'typed', 0, 3, 'running', 0, 555)",
            (G, CH),
        )
    assert services.quiz.running_in(CH) is None
    with pytest.raises(QuizRunning) as err:
        await channel_quiz(services)
    assert err.value.code == "quiz.running" and err.value.quiz.id == "elsewhere"
    assert err.value.text == "A quiz is already running in this channel: see {message}."
    assert err.value.params["message"].message_id == 555  # the other quiz's question is linked
    assert [r["id"] for r in await rows(services, "SELECT id FROM quizzes")] == ["elsewhere"]
    # practice and other channels are not held by it
    await services.quiz.start_quiz(user_id=2, user_name="bob", guild_id=G, channel_id=CH, private=True)
    await services.quiz.start_quiz(user_id=2, user_name="bob", guild_id=G, channel_id=CH + 1)


async def test_two_starts_in_one_channel_at_once_start_one_quiz(services: Services) -> None:
    started = await asyncio.gather(
        channel_quiz(services), services.quiz.start_quiz(user_id=2, user_name="bob", guild_id=G, channel_id=CH),
        return_exceptions=True,
    )
    assert sorted(type(s).__name__ for s in started) == ["LiveQuiz", "QuizRunning"]
    assert len(await rows(services, "SELECT id FROM quizzes WHERE status = 'running'")) == 1


async def test_a_right_answer_whose_first_place_the_database_gave_away_scores_as_a_later_one(
    services: Services,
) -> None:
    quiz = await channel_quiz(services)
    plan(services, quiz, ("temperature", "question"), ("bert", "question"))
    services.quiz.open_question(quiz.id)
    async with services.store.transaction() as db:  # another process's answer claimed question 1 first
        await db.execute(
            "INSERT INTO quiz_first_correct (quiz_id, question, card_key, user_id, at) VALUES (?, 1, 'mini:temperature', 9, 0)",
            (quiz.id,),
        )
    second = await services.quiz.answer(quiz.id, user_id=2, user_name="bob", response="temperature")
    assert second.verdict.correct and not second.first and second.points == 5
    third = await services.quiz.answer(quiz.id, user_id=3, user_name="carol", response="temperature")
    assert not third.first and third.points == 5
    reveal = await services.quiz.close_question(quiz.id, 1)
    assert reveal is not None
    assert [(w.name, w.points, w.first) for w in reveal.winners] == [("bob", 5, False), ("carol", 5, False)]
    # the next question is free to claim, and its claim names the answer that won it
    services.quiz.open_question(quiz.id)
    won = await services.quiz.answer(
        quiz.id, user_id=3, user_name="carol", response="bidirectional encoder representations from transformers"
    )
    assert won.first and won.points == 10
    assert await services.quiz.queries.first_correct(quiz.id) == {1: 9, 2: 3}
    claim = await rows(services, "SELECT attempt_id FROM quiz_first_correct WHERE quiz_id = ? AND question = 2", (quiz.id,))
    assert claim[0]["attempt_id"] == won.attempt_id
    stored = await rows(services, "SELECT user_name, points FROM attempts ORDER BY id")
    assert [(r["user_name"], r["points"]) for r in stored] == [("bob", 5), ("carol", 5), ("carol", 10)]
    summary = await services.quiz.finish(quiz.id)
    assert [(p.user_name, p.points) for p in summary.ranking] == [("carol", 15), ("bob", 5)]


async def test_practice_and_choice_answers_claim_nothing(services: Services) -> None:
    practice = await services.quiz.start_quiz(user_id=7, user_name="pat", private=True, topic="llms")
    plan(services, practice, ("temperature", "question"))
    services.quiz.open_question(practice.id)
    alone = await services.quiz.answer(practice.id, user_id=7, user_name="pat", response="temperature")
    assert alone.points == 10
    choice = await channel_quiz(services, mode="choice")
    question = services.quiz.open_question(choice.id)
    assert question is not None
    picked = await services.quiz.answer(choice.id, user_id=2, user_name="bob", option=question.prompt.correct_option)
    assert picked.verdict.correct and picked.points == 5 and not picked.first
    assert not await rows(services, "SELECT * FROM quiz_first_correct")  # no race there: nothing to claim


async def test_the_upgrade_keeps_the_newest_of_two_quizzes_running_in_one_channel(settings: Settings, clock) -> None:
    from bot.core.storage.store import Store, schema_version

    store = await Store.open(settings.db_path)
    async with store.transaction() as db:  # as a database before version 13 could be left by a crash
        await db.execute("DROP INDEX quizzes_one_running")
        await db.execute("DROP TABLE quiz_first_correct")
        await db.execute("ALTER TABLE attempts DROP COLUMN hints")  # (added by 0017)
        await db.execute("ALTER TABLE attempts DROP COLUMN direction")
        await db.execute("ALTER TABLE daily_posts DROP COLUMN card_data")  # (added by 0020)
        await db.execute("DROP INDEX daily_posts_reveal_claimed")  # (added by 0021)
        await db.execute("DROP INDEX quizzes_summary_due")  # (added by 0022)
        await db.execute("ALTER TABLE quizzes DROP COLUMN summary_due")
        await db.execute("DROP TABLE review_undo")  # (added by 0024)
        await db.execute("DROP TABLE daily_retries")  # (added by 0025)
        await db.execute("DROP INDEX attempts_attempt_key")  # (added by 0026)
        await db.execute("ALTER TABLE attempts DROP COLUMN attempt_key")
        await db.execute("DROP TABLE review_showings")  # (added by 0027)
        await db.execute("ALTER TABLE accept_overlays DROP COLUMN asked")  # (added by 0029)
        await db.execute("DROP INDEX stats_members_user")  # (added by 0030)
        await db.execute("ALTER TABLE quizzes DROP COLUMN open_card")  # (added by 0031)
        for quiz_id, at in (("old", 1), ("new", 2)):
            await db.execute(
                "INSERT INTO quizzes (id, guild_id, channel_id, starter_id, mode, private, total, status, created_at)"
                " VALUES (?, ?, ?, 1, 'typed', 0, 3, 'running', ?)",
                (quiz_id, G, CH, at),
            )
        await db.execute("PRAGMA user_version = 12")
    await store.close()
    store = await Store.open(settings.db_path)
    try:
        assert await store.user_version() == schema_version()
        async with store.read() as db:
            found = await db.execute_fetchall("SELECT id, status FROM quizzes ORDER BY id")
        assert [tuple(r) for r in found] == [("new", "running"), ("old", "interrupted")]
    finally:
        await store.close()


async def test_claims_written_together_give_each_question_one_first(services: Services, clock) -> None:
    from bot.core.storage.quiz_queries import FirstClaim, QuizQueries

    quiz = await channel_quiz(services)
    claims = [FirstClaim(quiz.id, q, "mini:temperature", user, clock()) for q, user in ((1, 2), (1, 3), (2, 4), (2, 2))]
    async with services.store.transaction() as db:
        assert await QuizQueries.claim_first(db, claims) == [True, False, True, False]
    async with services.store.transaction() as db:  # a later group commit finds both questions taken
        assert await QuizQueries.claim_first(db, [FirstClaim(quiz.id, 1, "mini:temperature", 5, clock())]) == [False]
    assert await services.quiz.queries.first_correct(quiz.id) == {1: 2, 2: 4}


async def test_claims_out_of_order_still_give_each_question_its_earliest_answer(services: Services, clock) -> None:
    """Claims are written in key order (so two processes never lock them in opposite orders); the earliest
    claim of each question in the batch still wins."""
    from bot.core.storage.quiz_queries import FirstClaim, QuizQueries

    quiz = await channel_quiz(services)
    order = ((3, 7), (1, 8), (3, 9), (2, 6), (1, 5))
    claims = [FirstClaim(quiz.id, q, "mini:temperature", user, clock()) for q, user in order]
    async with services.store.transaction() as db:
        assert await QuizQueries.claim_first(db, claims) == [True, True, False, True, False]
    assert await services.quiz.queries.first_correct(quiz.id) == {1: 8, 2: 6, 3: 7}
