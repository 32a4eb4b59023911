"""Short cards for grading tests (``from grading_support import card, accepted, no_deck_terms``).

``no_deck_terms`` is an autouse fixture: a module that imports it grades with no deck's names registered, and
leaves none behind.
"""

from __future__ import annotations

from typing import Any

import pytest

from bot.core.grading import grade_card, register_deck_terms
from bot.core.models import Card, VerdictKind


def card(question: str, *accept: str, **fields: Any) -> Card:
    """A card with ``question`` and the accepted answers ``accept`` (and any other field), its id made from them."""
    return Card(
        deck="t",
        id=f"c{abs(hash((question, accept, tuple(fields.items())))) % 10**8}",
        question=question,
        answer="",
        accept=accept,
        **fields,
    )


def explained(question: str, answer: str, *accept: str, **fields: Any) -> Card:
    """A card with an explanation (``answer``, the text the reveal shows) besides its accepted answers."""
    return Card(
        deck="t",
        id=f"e{abs(hash((question, answer, accept))) % 10**8}",
        question=question,
        answer=answer,
        accept=accept,
        **fields,
    )


def accepted(c: Card, response: str) -> bool:
    """Whether ``response`` is graded correct on ``c``."""
    return grade_card(c, response).kind is VerdictKind.CORRECT


@pytest.fixture(autouse=True)
def no_deck_terms():
    register_deck_terms([])
    yield
    register_deck_terms([])
