"""A new version of a server's deck that drops a row and adds another starting with the same words ("Which of the
following is a mammal?" gone, "Which of the following is a bird?" new): the new card is a card of its own, with
no history, and the dropped one is retired with its answers, not taken over by the new question."""

from __future__ import annotations

from deck_versions_support import ANN, BOB, CHANNEL, GUILD, MOD

from bot.core.service import Services

V1 = b"question,answer\nWhich of the following is a mammal?,whale\nWhich river flows through Vienna?,Danube\n"
V2 = b"question,answer\nWhich river flows through Vienna?,Danube\nWhich of the following is a bird?,eagle\n"


async def test_a_new_row_does_not_take_over_a_dropped_rows_card(core_services: Services, clock) -> None:
    s = core_services
    preview = await s.decks.preview(GUILD, "zoo.csv", V1, "zoo", user_id=MOD)
    await s.decks.confirm(GUILD, preview.token, user_id=MOD)
    deck = s.catalog.named(GUILD, "zoo")
    assert deck is not None
    mammal = next(c for c in deck.cards if "mammal" in c.question)
    quiz = await s.quiz.start_quiz(
        user_id=MOD, user_name="mod", guild_id=GUILD, channel_id=CHANNEL, card_keys=[mammal.key], questions=1
    )
    quiz.plan = [(mammal, "question")]
    question = s.quiz.open_question(quiz.id)
    assert question is not None
    for user in (ANN, BOB):
        clock.tick(1)
        await s.quiz.answer(quiz.id, user_id=user, user_name=f"p{user}", response="shark")
    await s.quiz.close_question(quiz.id, question.number)
    await s.quiz.finish(quiz.id)

    preview = await s.decks.preview(GUILD, "zoo.csv", V2, "zoo", user_id=MOD)
    done = await s.decks.confirm(GUILD, preview.token, user_id=MOD)
    deck = s.catalog.named(GUILD, "zoo")
    assert deck is not None
    bird = next(c for c in deck.cards if "bird" in c.question)
    assert bird.key != mammal.key
    assert (done.added, done.retired) == (1, 1), done
    insight = await s.disputes.insight(GUILD, deck.id)
    rows = {c.card_key: c for c in insight.cards}
    assert bird.key not in rows  # (nobody has answered the bird card)
    assert rows[mammal.key].retired and [(w.text, w.times) for w in rows[mammal.key].wrong_answers] == [("shark", 2)]
