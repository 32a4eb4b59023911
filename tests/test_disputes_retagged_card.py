"""A new version of a deck that only re-tags a card (or edits its note) asks the same question: an answer given
before it can still be disputed, and an accepted one is added to the server's answers and corrects the same
answers of other players, as for a card that never changed. Only a card whose question or answers changed is
"another version" a dispute cannot be judged against."""

from __future__ import annotations

import deck_versions_support as one_card
from deck_versions_support import ANN, BOB, GUILD, MOD, answered, capital_key, import_deck, verdict_of

from bot.core.errors import UserError
from bot.core.service import Services
from cogs.disputes import decision_text

FIRST = one_card.FRANCE + one_card.RIVER
RETAGGED = one_card.FRANCE + b"    tags: [europe]\n    note: checked against the atlas\n" + one_card.RIVER


async def finished_quiz(s: Services, clock, answers: dict[int, str]) -> dict[int, int]:
    """A finished channel quiz whose one question asked the capital card, answered as ``answers``."""
    quiz_id, stored = await answered(s, clock, answers, questions=1)
    await s.quiz.finish(quiz_id)
    return stored


async def test_an_answer_to_a_card_only_retagged_since_can_still_be_disputed(core_services: Services, clock) -> None:
    s = core_services
    await import_deck(s, FIRST)
    stored = await finished_quiz(s, clock, {BOB: "Lutetia"})

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
    stored = await finished_quiz(s, clock, {ANN: "Lutetia", BOB: "Lutetia"})
    dispute = await s.disputes.open_dispute(guild_id=GUILD, user_id=BOB, user_name="bob", attempt_id=stored[BOB])

    clock.tick(60)
    await import_deck(s, RETAGGED)  # before the moderators decide
    clock.tick(60)
    decision = await s.disputes.accept(dispute.id, guild_id=GUILD, moderator_id=MOD)

    assert s.disputes.overlay_accepts(GUILD, capital_key(s)) == ("Lutetia",), (
        "the accepted answer is not among the server's answers: the next player typing it is marked wrong again"
    )
    assert (await verdict_of(s, stored[ANN]))[0] == "correct", "ann's same answer to the same question was not corrected"
    said = decision_text(decision)
    assert "for this server" in said and "changed" not in said, f"the moderator is told the card changed: {said}"
