"""Two versions of one server deck with the same card id and another question and answer (the deck a moderator
imports again while its card is asked), and the import that swaps them, for the tests of cards kept as asked."""

from __future__ import annotations

from typing import Any

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
#: A second card for the deck above (``FRANCE + RIVER``), so that a quiz has more than one question.
RIVER = b"""  - id: river
    question: Which river flows through Vienna?
    answer: The Danube flows through Vienna.
    accept: [Danube]
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


async def answered(s: Services, clock: Any, answers: dict[int, str], *, questions: int = 2) -> tuple[str, dict[int, int]]:
    """A channel quiz whose first question asks the capital card, answered as ``answers`` (player: typed); the
    question closed, the quiz still running. The quiz's id and each player's stored answer."""
    key = capital_key(s)
    deck = s.catalog.named(GUILD, "capitals")
    assert deck is not None
    keys = [key, *(c.key for c in deck.cards if c.key != key)][:questions]
    quiz = await s.quiz.start_quiz(
        user_id=MOD, user_name="mod", guild_id=GUILD, channel_id=CHANNEL, card_keys=keys, questions=questions
    )
    quiz.plan = [(s.catalog.card(k), "question") for k in keys]
    question = s.quiz.open_question(quiz.id)
    assert question is not None and question.card.key == key
    stored: dict[int, int] = {}
    for user, typed in answers.items():
        clock.tick(1)
        said = await s.quiz.answer(quiz.id, user_id=user, user_name=f"p{user}", response=typed)
        assert not said.verdict.correct and said.attempt_id is not None
        stored[user] = said.attempt_id
    await s.quiz.close_question(quiz.id, question.number)
    return quiz.id, stored


async def verdict_of(s: Services, attempt_id: int) -> tuple[str, int]:
    """The stored verdict of answer ``attempt_id`` and its points."""
    async with s.store.read() as db:
        rows = await db.execute_fetchall("SELECT verdict, points FROM attempts WHERE id = ?", (attempt_id,))
    return rows[0][0], rows[0][1]


async def daily_posted(s: Services, clock: Any) -> Any:
    """The server's daily question on the ``capitals`` deck (08:00 UTC), claimed at its time and posted: the claim."""
    await s.daily.set_schedule(GUILD, CHANNEL, "08:00", "UTC", topic="capitals")
    info = await s.daily.get_schedule(GUILD)
    assert info is not None and info.next_post_at is not None
    clock.now = info.next_post_at
    claim = await s.daily.claim_due(GUILD)
    assert claim is not None
    await s.daily.mark_posted(claim.post_id, 1)
    return claim
