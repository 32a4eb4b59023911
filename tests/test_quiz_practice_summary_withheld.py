"""A practice question whose answer is kept back (the server's daily question asks its card, and is still open)
must not have that answer given away by the practice's summary either: its "To review" list names a card by
its term (the answer of a question asked by its question) or its short answer."""

from __future__ import annotations

from bot.core.service import Services
from cogs.quiz import render

G, CH2 = 100, 201
BOB = 2


async def test_the_practice_summary_does_not_name_a_card_whose_answer_was_kept_back(services: Services) -> None:
    """Bob practises "temperature" (asked by its question: the answer is the term) while his server's daily
    question asks that card. He runs out of tries: the reveal keeps the answer back, and the summary sent with it
    says nothing of the card's name either (its "To review" list leaves it out, or names it without its term),
    so the message never reads "temperature" until the daily question's reveal."""
    practice = await services.quiz.start_quiz(
        user_id=BOB, user_name="bob", guild_id=G, private=True, card_keys=["mini:temperature"]
    )
    services.quiz.open_question(practice.id)
    await services.daily.set_schedule(G, CH2, "09:00", "UTC", topic="sampling")
    assert (await services.daily.claim_now(G)).card.key == "mini:temperature"
    result = None
    for _ in range(3):
        result = await services.quiz.answer(practice.id, user_id=BOB, user_name="bob", response="zzz")
        if result.reveal is not None:
            break
    assert result is not None and result.reveal is not None and result.reveal.withheld
    assert services.quiz.open_question(practice.id) is None  # its only question: the summary comes with the reveal
    summary = await services.quiz.finish(practice.id)
    shown = [render.reveal_embed(practice, result.reveal).to_dict(), render.summary_embed(summary).to_dict()]
    assert "temperature" not in str(shown).lower(), shown
