"""While a card's answer is hidden in a server (a channel-quiz question open, the daily question before its
reveal), nothing else there shows it: /review, private practice and another channel quiz do not ask it,
/stats does not name it among the most missed, and /define, its suggestions and /search do not find it.
Elsewhere, and once the question closes, everything is as before."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from quiz_support import quiz_asking

from bot.core.errors import NotFound, UserError
from bot.core.service import Services
from cogs.quiz import render

G, CH, CH2, OTHER = 100, 200, 201, 999
ALICE, BOB = 1, 2


async def open_question_on(services: Services, card_id: str, *, channel_id: int = CH):
    """A channel quiz in ``G`` whose open question asks ``card_id`` (by its question)."""
    quiz, question = await quiz_asking(
        services, f"mini:{card_id}", user_id=ALICE, user_name="alice", guild_id=G, channel_id=channel_id
    )
    assert question is not None and question.card.key == f"mini:{card_id}"
    return quiz


async def post_daily(services: Services, card_id: str, *, revealed: bool = False) -> None:
    """A daily question of ``G`` on ``card_id``, posted and (``revealed``) revealed or not."""
    now = services.now()
    async with services.store.transaction() as db:
        await services.daily.queries.insert_claim(
            db, guild_id=G, day=date(2026, 1, 5), zone="UTC", card_key=f"mini:{card_id}", channel_id=CH,
            post_at=now, closes_at=now + timedelta(hours=6), now=now,
        )
        await db.execute(
            "UPDATE daily_posts SET state = 'posted', revealed_at = ? WHERE guild_id = ?",
            (int(now.timestamp() * 1000) if revealed else None, G),
        )


async def first_review_card(services: Services, guild_id: int = G) -> str:
    _session, shown = await services.review.start_session(guild_id=guild_id, user_id=BOB, user_name="bob")
    return shown.card.key  # type: ignore[union-attr]


async def test_review_does_not_show_the_card_of_an_open_quiz_question(services: Services) -> None:
    # New cards come in deck order: "bert" first.
    assert await first_review_card(services, OTHER) == "mini:bert"
    quiz = await open_question_on(services, "bert")
    assert await first_review_card(services) == "mini:attention-mechanism"
    assert await first_review_card(services, OTHER) == "mini:bert"  # another server: nothing hidden
    await services.quiz.close_question(quiz.id, 1)
    assert await first_review_card(services) == "mini:bert"


async def test_review_does_not_show_the_daily_questions_card_before_its_reveal(services: Services) -> None:
    await post_daily(services, "bert")
    assert await first_review_card(services) == "mini:attention-mechanism"


async def test_a_revealed_daily_question_hides_nothing(services: Services) -> None:
    await post_daily(services, "bert", revealed=True)
    assert await first_review_card(services) == "mini:bert"


async def test_practice_and_another_channel_quiz_do_not_ask_an_open_card(services: Services) -> None:
    await open_question_on(services, "temperature")
    practice = await services.quiz.start_quiz(user_id=BOB, user_name="bob", guild_id=G, private=True, questions=10)
    assert practice.plan and all(card.key != "mini:temperature" for card, _ in practice.plan)
    with pytest.raises(UserError, match="can't be practised right now"):
        await services.quiz.start_quiz(
            user_id=BOB, user_name="bob", guild_id=G, private=True, card_keys=["mini:temperature"]
        )
    # A channel quiz planned before the question opened skips the card when it comes to it.
    other = await services.quiz.start_quiz(user_id=BOB, user_name="bob", guild_id=G, channel_id=CH2)
    other.plan = [(services.catalog.card("mini:temperature"), "question"), (services.catalog.card("mini:bert"), "question")]
    question = services.quiz.open_question(other.id)
    assert question is not None and question.card.key == "mini:bert"


async def test_a_channel_quiz_does_not_ask_the_daily_questions_card_before_its_reveal(services: Services) -> None:
    await post_daily(services, "temperature")
    quiz = await services.quiz.start_quiz(user_id=ALICE, user_name="alice", guild_id=G, channel_id=CH, questions=10)
    assert quiz.plan and all(card.key != "mini:temperature" for card, _ in quiz.plan)


async def test_stats_does_not_name_an_open_card_among_the_most_missed(services: Services) -> None:
    quiz = await open_question_on(services, "temperature")
    result = await services.quiz.answer(quiz.id, user_id=BOB, user_name="bob", response="top-k sampling")
    assert not result.verdict.correct
    missed = (await services.stats.stats(G, BOB)).missed
    assert "mini:temperature" not in [m.key for m in missed]
    await services.quiz.close_question(quiz.id, 1)
    missed = (await services.stats.stats(G, BOB)).missed
    assert "mini:temperature" in [m.key for m in missed]


async def test_lookups_do_not_find_an_open_card(services: Services) -> None:
    assert (await services.lookup.define_async("temperature", guild_id=G)).card is not None
    quiz = await open_question_on(services, "temperature")
    result = await services.lookup.define_async("temperature", guild_id=G)
    assert result.card is None or result.card.key != "mini:temperature"
    assert all(m.card.key != "mini:temperature" for m in (*result.others, *result.suggestions))
    assert all(key != "mini:temperature" for _label, key in await services.lookup.suggest_async("temp", guild_id=G))
    hits = await services.lookup.search("temperature sampling", guild_id=G)
    assert all(hit.card.key != "mini:temperature" for hit in hits)
    # In a direct message or another server, and once the question closes, it is found again.
    assert (await services.lookup.define_async("temperature", guild_id=OTHER)).card is not None
    await services.quiz.close_question(quiz.id, 1)
    found = (await services.lookup.define_async("temperature", guild_id=G)).card
    assert found is not None and found.key == "mini:temperature"


async def test_a_daily_question_claimed_while_a_quiz_runs_is_not_asked_by_it(services: Services) -> None:
    quiz = await services.quiz.start_quiz(user_id=ALICE, user_name="alice", guild_id=G, channel_id=CH)
    quiz.plan = [(services.catalog.card("mini:temperature"), "question"), (services.catalog.card("mini:bert"), "question")]
    await services.daily.set_schedule(G, CH2, "09:00", "UTC", topic="sampling")
    claim = await services.daily.claim_now(G)
    assert claim.card.key == "mini:temperature"  # the topic's only card
    question = services.quiz.open_question(quiz.id)
    assert question is not None and question.card.key == "mini:bert"


async def daily_cards_claimed(services: Services, topic: str, times: int = 5) -> set[str]:
    """The cards the daily question of ``G`` takes, claimed ``times`` times over (whatever the random order)."""
    await services.daily.set_schedule(G, CH2, "09:00", "UTC", topic=topic)
    claimed = set()
    for _ in range(times):
        claimed.add((await services.daily.claim_now(G)).card.key)
        async with services.store.transaction() as db:
            await db.execute("DELETE FROM daily_posts WHERE guild_id = ?", (G,))
            await db.execute("UPDATE daily_schedules SET handled_day = NULL WHERE guild_id = ?", (G,))
    return claimed


async def test_the_daily_question_does_not_take_a_card_open_in_a_quiz(services: Services) -> None:
    await open_question_on(services, "l1-regularization")
    assert await daily_cards_claimed(services, "optimization") == {"mini:l2-regularization"}


async def test_choice_options_and_related_cards_do_not_name_an_open_card(services: Services) -> None:
    await open_question_on(services, "l1-regularization")
    l2 = services.catalog.card("mini:l2-regularization")
    assert all(c.key != "mini:l1-regularization" for c in services.lookup.see_also(l2, guild_id=G))
    assert any(c.key == "mini:l1-regularization" for c in services.lookup.see_also(l2, guild_id=OTHER))
    with pytest.raises(NotFound):  # a Define or See button sent before the question opened
        services.lookup.visible_card("mini:l1-regularization", guild_id=G)
    choice = await services.quiz.start_quiz(user_id=BOB, user_name="bob", guild_id=G, channel_id=CH2, mode="choice")
    choice.plan = [(l2, "question")]
    question = services.quiz.open_question(choice.id)
    assert question is not None and "L1" not in question.prompt.options


async def test_a_card_on_show_in_review_keeps_its_answer_once_a_quiz_asks_it(services: Services) -> None:
    session, shown = await services.review.start_session(guild_id=G, user_id=BOB, user_name="bob")
    assert shown.card.key == "mini:bert"  # type: ignore[union-attr]
    quiz = await open_question_on(services, "bert")
    with pytest.raises(UserError, match="stays hidden"):
        await services.review.give_up(session.id, user_id=BOB, number=1)
    with pytest.raises(UserError, match="stays hidden"):
        await services.review.answer(session.id, user_id=BOB, number=1, response="bert")
    await services.quiz.close_question(quiz.id, 1)
    answered = await services.review.give_up(session.id, user_id=BOB, number=1)
    assert answered.shown.card.key == "mini:bert"


async def test_stats_shows_as_many_missed_cards_while_one_is_hidden(services: Services) -> None:
    practice = await services.quiz.start_quiz(user_id=BOB, user_name="bob", guild_id=G, private=True, questions=10)
    for _ in range(4):
        question = services.quiz.open_question(practice.id)
        assert question is not None
        for _try in range(3):
            result = await services.quiz.answer(practice.id, user_id=BOB, user_name="bob", response="zzzz qqqq")
            if result.reveal is not None:
                break
    before = [m.key for m in (await services.stats.stats(G, BOB)).missed]
    assert len(before) == 3
    await open_question_on(services, before[0].split(":")[1])
    after = [m.key for m in (await services.stats.stats(G, BOB)).missed]
    assert len(after) == 3 and before[0] not in after


async def test_a_channel_quiz_does_not_ask_a_card_a_member_is_practising(services: Services) -> None:
    practice = await services.quiz.start_quiz(
        user_id=BOB, user_name="bob", guild_id=G, private=True, card_keys=["mini:temperature"]
    )
    services.quiz.open_question(practice.id)
    quiz = await services.quiz.start_quiz(user_id=ALICE, user_name="alice", guild_id=G, channel_id=CH)
    quiz.plan = [(services.catalog.card("mini:temperature"), "question"), (services.catalog.card("mini:bert"), "question")]
    question = services.quiz.open_question(quiz.id)
    assert question is not None and question.card.key == "mini:bert"


async def test_a_quiz_asks_another_card_in_place_of_one_hidden_when_its_turn_comes(services: Services) -> None:
    quiz = await services.quiz.start_quiz(user_id=BOB, user_name="bob", guild_id=G, channel_id=CH2, questions=2)
    quiz.plan = [(services.catalog.card("mini:temperature"), "question"), (services.catalog.card("mini:bert"), "question")]
    await open_question_on(services, "temperature")  # another channel asks it first
    first = services.quiz.open_question(quiz.id)
    assert first is not None and first.card.key not in ("mini:temperature", "mini:bert")
    await services.quiz.close_question(quiz.id, 1)
    second = services.quiz.open_question(quiz.id)
    assert second is not None and second.card.key == "mini:bert"
    assert (second.number, quiz.total) == (2, 2)  # as many questions as asked for


async def test_the_daily_question_does_not_take_a_card_a_member_is_practising(services: Services) -> None:
    practice = await services.quiz.start_quiz(
        user_id=BOB, user_name="bob", guild_id=G, private=True, card_keys=["mini:l1-regularization"]
    )
    services.quiz.open_question(practice.id)
    assert await daily_cards_claimed(services, "optimization") == {"mini:l2-regularization"}


async def test_a_question_whose_card_the_daily_question_took_keeps_its_answer_back(services: Services) -> None:
    # The topic's only card is open in a channel quiz: the daily question takes it all the same, and the quiz's
    # reveal, public, must not give the daily's answer away while it is open.
    quiz = await open_question_on(services, "temperature")
    await services.daily.set_schedule(G, CH2, "09:00", "UTC", topic="sampling")
    claim = await services.daily.claim_now(G)
    assert claim.card.key == "mini:temperature"
    reveal = await services.quiz.close_question(quiz.id, 1)
    assert reveal is not None and reveal.withheld
    assert reveal.answer == "" and reveal.excerpt == ""
    shown_embed = render.reveal_embed(quiz, reveal).to_dict()
    fields = {f["name"]: f["value"] for f in shown_embed["fields"]}
    assert fields["Answer"].startswith("Kept back: today's daily question asks this card")
    assert "Why" not in fields and "temperature" not in str(shown_embed).lower()
    # once the daily question is revealed, a question on its card reveals its answer again
    await services.quiz.finish(quiz.id)
    services.quiz.daily_revealed(G, "mini:temperature")
    again, _ = await quiz_asking(services, "mini:temperature", user_id=BOB, user_name="bob", guild_id=G, channel_id=CH2)
    shown = await services.quiz.close_question(again.id, 1)
    assert shown is not None and not shown.withheld and shown.answer == "temperature"


async def practice_out_of_tries_on_the_daily_card(services: Services, guild_id: int | None = G):
    """Bob practises "temperature" (in server ``G``, or in a direct message for None) while server G's daily
    question takes that card, and runs out of tries: the practice and the answer that ended its question."""
    practice = await services.quiz.start_quiz(
        user_id=BOB, user_name="bob", guild_id=guild_id, private=True, card_keys=["mini:temperature"]
    )
    services.quiz.open_question(practice.id)
    await services.daily.set_schedule(G, CH2, "09:00", "UTC", topic="sampling")
    assert (await services.daily.claim_now(G)).card.key == "mini:temperature"
    result = None
    for _ in range(3):
        result = await services.quiz.answer(practice.id, user_id=BOB, user_name="bob", response="zzz")
        if result.reveal is not None:
            break
    assert result is not None and result.reveal is not None
    return practice, result


async def test_a_practice_on_the_daily_questions_card_ends_without_its_answer(services: Services) -> None:
    practice, result = await practice_out_of_tries_on_the_daily_card(services)
    assert result.reveal.withheld
    assert result.reveal.answer == ""
    assert "temperature" not in render.answer_text(result).lower()  # (no "did you mean", no missing part)
