"""/define does not take a term's opposite for a typo of it.

"undirected graphical model" is spelt close to "directed graphical model", and "underfitting" to "overfitting";
the grader never takes one for the other (the shipped deck lists "undirected graphical model" among that card's
rejected answers), so /define offers the card as a suggestion ("did you mean"), not as the answer.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.service import Services

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def cards_dir() -> Path:
    return ROOT / "cards"  # the shipped deck, as every server sees it


async def test_define_does_not_answer_an_opposite_with_the_card_that_rejects_it(core_services: Services) -> None:
    card = core_services.catalog.card("genai-basics:directed-graphical-model")
    assert card is not None and "undirected graphical model" in card.reject  # the deck says: another thing

    result = await core_services.lookup.define_async("undirected graphical model", guild_id=None)

    answered = result.card.key if result.card is not None else None
    assert answered != card.key, (
        f"/define 'undirected graphical model' answered with {answered} (corrected={result.corrected}, "
        f"score={result.score})"
    )


async def test_define_does_not_answer_underfitting_with_the_overfitting_card(core_services: Services) -> None:
    result = await core_services.lookup.define_async("underfitting", guild_id=None)

    answered = result.card.key if result.card is not None else None
    assert answered != "genai-basics:overfitting-signs", (
        f"/define 'underfitting' answered with the overfitting card (corrected={result.corrected}, "
        f"score={result.score})"
    )
