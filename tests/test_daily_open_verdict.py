"""The daily question's private verdict while answers are open: a right answer with a typo is right, and the
reply does not spell out the accepted answer the player did not type (the reveal post shows it later)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from daily_support import World, answer, daily_deck, embed_fields
from test_daily_cog import assert_no_pings, close_stores

from bot.core.daily import AnswerResult
from bot.core.decks import load_decks
from bot.core.grading import grade_card
from cogs.daily.render import verdict_text

__all__ = ["daily_deck", "close_stores"]  # the daily deck and the stores' clean-up, as test_daily_cog has them

ROOT = Path(__file__).resolve().parents[1]
CLOSES = datetime(2026, 1, 2, tzinfo=UTC)


@pytest.fixture
def world(env) -> World:
    return World(env)


def test_a_right_answer_with_a_typo_does_not_show_the_accepted_answer_while_open() -> None:
    [deck] = load_decks(ROOT / "cards" / "genai-basics.yaml")
    card = next(c for c in deck.cards if c.id == "in-context-learning")
    verdict = grade_card(card, "cotnext")
    assert verdict.correct
    text = verdict_text(AnswerResult(verdict, True, 10, 1, CLOSES, date(2026, 1, 1)))
    assert text.startswith("✅ Correct") and "check your spelling" in text
    assert "in-context" not in text.lower() and "learning" not in text.lower()
    assert "**+10 points** · daily streak: **1** day" in text
    # once revealed, the right spelling may be named
    revealed = verdict_text(AnswerResult(verdict, True, 10, 1, CLOSES, date(2026, 1, 1)), revealed=True)
    assert "in-context learning" in revealed


async def test_a_typo_scores_without_naming_the_answer_and_the_reveal_names_it(world: World, env) -> None:
    await world.set(answer_hours=1)
    await env.advance_time(10 * 60)
    [post] = world.posts()
    r = await answer(world.alice, post, "attentoin")
    assert r.ephemeral and r.response.content.startswith("✅ Correct")
    assert "check your spelling" in r.response.content and "**+10 points**" in r.response.content
    assert "attention" not in r.response.content.lower()
    await env.advance_time(3600)
    reveal = world.channel.last_message
    assert "**A:** attention" in reveal.embeds[0].description
    assert embed_fields(reveal)["Got it"] == "alice"
    assert_no_pings(env)
