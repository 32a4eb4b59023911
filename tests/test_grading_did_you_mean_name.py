""""Did you mean X?" names the one of the card's names the player nearly typed, not another name of the card."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.decks import load_deck
from bot.core.grading import grade_card, register_deck_terms
from bot.core.models import VerdictReason
from cogs._verdicts import render_verdict

DECK = Path(__file__).parent.parent / "cards" / "genai-basics.yaml"


@pytest.fixture(autouse=True)
def deck_terms():
    register_deck_terms([])
    yield
    register_deck_terms([])


@pytest.mark.parametrize(
    ("card_id", "direction", "typed", "meant"),
    [
        ("sentiment-analysis", "question", "semantic analysis", "sentiment analysis"),
        ("sentiment-analysis", "term", "semantic analysis", "sentiment analysis"),
        ("hamiltonian-monte-carlo", "term", "hamilton monte carlo", "Hamiltonian Monte Carlo"),
        ("roc-curve", "term", "rock curve", "ROC curve"),
    ],
)
def test_did_you_mean_suggests_the_name_the_player_nearly_typed(card_id, direction, typed, meant):
    """Typing "semantic analysis" for sentiment analysis reads "Almost — did you mean *sentiment analysis*?",
    not "did you mean *opinion mining*?" (another of the card's names, nothing like what was typed);
    likewise "hamilton monte carlo" suggests Hamiltonian Monte Carlo, not "hybrid Monte Carlo"."""
    deck = load_deck(str(DECK))
    card = deck.card(card_id)
    v = grade_card(card, typed, direction=direction)
    assert v.reason is VerdictReason.DID_YOU_MEAN
    assert v.suggestion == meant, render_verdict(v, reveal=True)
