"""Two versions of one server deck with the same card id and another question and answer (the deck a moderator
imports again while its card is asked), and the import that swaps them, for the tests of cards kept as asked."""

from __future__ import annotations

from bot.core.service import Services

GUILD, CHANNEL, MOD = 4001, 4100, 42
ANN, BOB, CAT = 11, 12, 13

FRANCE = b"""deck: capitals
title: Capitals
cards:
  - id: capital
    question: What is the capital of France?
    answer: Paris is the capital of France.
    accept: [Paris]
    status: ok
"""
SPAIN = b"""deck: capitals
title: Capitals
cards:
  - id: capital
    question: What is the capital of Spain?
    answer: Madrid is the capital of Spain.
    accept: [Madrid]
    status: ok
"""


async def import_deck(s: Services, data: bytes) -> None:
    """Import ``data`` as the server's deck ``capitals`` (previewed and confirmed by the moderator)."""
    preview = await s.decks.preview(GUILD, "capitals.yaml", data, "capitals", user_id=MOD)
    await s.decks.confirm(GUILD, preview.token, user_id=MOD)


def capital_key(s: Services) -> str:
    """The key of the server deck's ``capital`` card (of whichever version is in)."""
    deck = s.catalog.named(GUILD, "capitals")
    assert deck is not None
    card = deck.card("capital")
    assert card is not None
    return card.key
