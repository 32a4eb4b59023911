"""A practice question whose answer is kept back (the server's daily question asks its card, and is still open)
must not have that answer given away by the practice's summary either: its "To review" list names a card by
its term (the answer of a question asked by its question) or its short answer."""

from __future__ import annotations

from bot.core.service import Services
from cogs.quiz import render
from tests.test_hidden_cards import practice_out_of_tries_on_the_daily_card


async def test_the_practice_summary_does_not_name_a_card_whose_answer_was_kept_back(services: Services) -> None:
    """Bob practises "temperature" (asked by its question: the answer is the term) while his server's daily
    question asks that card. He runs out of tries: the reveal keeps the answer back, and the summary sent with it
    says nothing of the card's name either (its "To review" list leaves it out, or names it without its term),
    so the message never reads "temperature" until the daily question's reveal."""
    practice, result = await practice_out_of_tries_on_the_daily_card(services)
    assert result.reveal.withheld
    assert services.quiz.open_question(practice.id) is None  # its only question: the summary comes with the reveal
    summary = await services.quiz.finish(practice.id)
    shown = [render.reveal_embed(practice, result.reveal).to_dict(), render.summary_embed(summary).to_dict()]
    assert "temperature" not in str(shown).lower(), shown
