"""A private practice in a direct message with the bot belongs to no server: a card the daily question of any
server asks stays hidden there until that daily question's reveal, as it does in a practice in the server."""

from __future__ import annotations

from bot.core.service import Services
from cogs.quiz import render

G, CH2 = 100, 201
BOB = 2


async def test_a_practice_in_a_direct_message_on_the_daily_questions_card_ends_without_its_answer(
    services: Services,
) -> None:
    """Bob practises "temperature" in a direct message; meanwhile his server's daily question takes that card.
    When his practice question ends (out of tries), its reveal keeps the answer back ("Kept back: today's daily
    question asks this card"), as a practice in the server does: the daily question still scores, and Bob could
    answer it with what his practice just showed him."""
    practice = await services.quiz.start_quiz(
        user_id=BOB, user_name="bob", guild_id=None, private=True, card_keys=["mini:temperature"]
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
    assert result.reveal.withheld and result.reveal.answer == "" and result.reveal.excerpt == ""
    shown = str(render.reveal_embed(practice, result.reveal).to_dict()).lower() + render.answer_text(result).lower()
    assert "temperature" not in shown.replace("top-k", "")
