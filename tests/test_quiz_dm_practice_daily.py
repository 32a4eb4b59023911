"""A private practice in a direct message with the bot belongs to no server: a card the daily question of any
server asks stays hidden there until that daily question's reveal, as it does in a practice in the server."""

from __future__ import annotations

from bot.core.service import Services
from cogs.quiz import render
from tests.test_hidden_cards import practice_out_of_tries_on_the_daily_card


async def test_a_practice_in_a_direct_message_on_the_daily_questions_card_ends_without_its_answer(
    services: Services,
) -> None:
    """Bob practises "temperature" in a direct message; meanwhile his server's daily question takes that card.
    When his practice question ends (out of tries), its reveal keeps the answer back ("Kept back: today's daily
    question asks this card"), as a practice in the server does: the daily question still scores, and Bob could
    answer it with what his practice just showed him."""
    practice, result = await practice_out_of_tries_on_the_daily_card(services, None)
    assert result.reveal.withheld and result.reveal.answer == "" and result.reveal.excerpt == ""
    shown = str(render.reveal_embed(practice, result.reveal).to_dict()).lower() + render.answer_text(result).lower()
    assert "temperature" not in shown.replace("top-k", "")
