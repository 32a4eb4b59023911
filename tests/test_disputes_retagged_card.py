"""A new version of a deck that only re-tags a card (or edits its note) asks the same question: an answer given
before it can still be disputed, and an accepted one is added to the server's answers and corrects the same
answers of other players, as for a card that never changed. Only a card whose question or answers changed is
"another version" a dispute cannot be judged against."""

from __future__ import annotations

from deck_versions_support import CHANNEL, GUILD, MOD, capital_key, import_deck

from bot.core.errors import UserError
from bot.core.service import Services
from cogs.disputes import decision_text

ANN, BOB = 11, 12

DECK = """deck: capitals
title: Capitals
cards:
  - id: capital
    question: What is the capital of France?
    answer: Paris is the capital of France.
    accept: [Paris]
    status: ok{extra}
  - id: river
    question: Which river flows through Vienna?
    answer: The Danube flows through Vienna.
    accept: [Danube]
    status: ok
"""
FIRST = DECK.format(extra="").encode()
RETAGGED = DECK.format(extra="\n    tags: [europe]\n    note: checked against the atlas").encode()


async def answered(s: Services, clock, answers: dict[int, str]) -> dict[int, int]:
    """A finished channel quiz whose one question asked the capital card, answered as ``answers``."""
    key = capital_key(s)
    quiz = await s.quiz.start_quiz(
        user_id=MOD, user_name="mod", guild_id=GUILD, channel_id=CHANNEL, card_keys=[key], questions=1
    )
    quiz.plan = [(s.catalog.card(key), "question")]
    question = s.quiz.open_question(quiz.id)
    assert question is not None and question.card.key == key
    stored: dict[int, int] = {}
    for user, typed in answers.items():
        clock.tick(1)
        said = await s.quiz.answer(quiz.id, user_id=user, user_name=f"p{user}", response=typed)
        assert not said.verdict.correct and said.attempt_id is not None
        stored[user] = said.attempt_id
    await s.quiz.close_question(quiz.id, question.number)
    await s.quiz.finish(quiz.id)
    return stored


async def verdict_of(s: Services, attempt_id: int) -> str:
    async with s.store.read() as db:
        rows = await db.execute_fetchall("SELECT verdict FROM attempts WHERE id = ?", (attempt_id,))
    return rows[0][0]


async def test_an_answer_to_a_card_only_retagged_since_can_still_be_disputed(core_services: Services, clock) -> None:
    s = core_services
    await import_deck(s, FIRST)
    stored = await answered(s, clock, {BOB: "Lutetia"})

    clock.tick(60)
    await import_deck(s, RETAGGED)  # the same question and answers, a tag and a note added
    try:
        dispute = await s.disputes.open_dispute(guild_id=GUILD, user_id=BOB, user_name="bob", attempt_id=stored[BOB])
    except UserError as exc:
        raise AssertionError(f"bob is told the question he answered changed, when only its tags did: {exc}") from None
    assert dispute.prompt == "What is the capital of France?"


async def test_accepting_a_dispute_after_a_retag_adds_the_answer_and_corrects_the_others(
    core_services: Services, clock
) -> None:
    s = core_services
    await import_deck(s, FIRST)
    stored = await answered(s, clock, {ANN: "Lutetia", BOB: "Lutetia"})
    dispute = await s.disputes.open_dispute(guild_id=GUILD, user_id=BOB, user_name="bob", attempt_id=stored[BOB])

    clock.tick(60)
    await import_deck(s, RETAGGED)  # before the moderators decide
    clock.tick(60)
    decision = await s.disputes.accept(dispute.id, guild_id=GUILD, moderator_id=MOD)

    assert s.disputes.overlay_accepts(GUILD, capital_key(s)) == ("Lutetia",), (
        "the accepted answer is not among the server's answers: the next player typing it is marked wrong again"
    )
    assert await verdict_of(s, stored[ANN]) == "correct", "ann's same answer to the same question was not corrected"
    said = decision_text(decision)
    assert "for this server" in said and "changed" not in said, f"the moderator is told the card changed: {said}"
