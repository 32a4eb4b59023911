"""Disputes across a deck's removal. A deck removed and imported again unchanged is the same deck, its cards the
same questions: an answer given before can still be disputed, and accepting one corrects the answers given before
the removal too. A dispute accepted while the deck is removed corrects the answers given, and the server accepts the
answer for the card as it last was: the deck imported again unchanged takes it, and a version of the card asking
another question does not."""

from __future__ import annotations

import deck_versions_support as one_card
from deck_versions_support import ANN, BOB, GUILD, MOD, answered, capital_key, import_deck, verdict_of

from bot.core.grading import grade_card
from bot.core.service import Services

FRANCE = one_card.FRANCE + b"\n" + one_card.RIVER
SPAIN = one_card.SPAIN + b"\n" + one_card.RIVER


async def removed_and_back(s: Services, clock) -> None:
    clock.tick(60)
    await s.decks.remove(GUILD, "capitals")
    clock.tick(60)
    await import_deck(s, FRANCE)  # the very same file again
    clock.tick(60)


async def test_an_answer_from_before_a_removal_is_disputed_and_corrected_once_the_deck_is_back(
    core_services: Services, clock
) -> None:
    s = core_services
    await import_deck(s, FRANCE)
    quiz_id, before = await answered(s, clock, {ANN: "Lutetia", BOB: "Lutetia"})
    await s.quiz.finish(quiz_id)
    await removed_and_back(s, clock)
    # ann's answer to the same question is disputed (not "the card has changed since you answered")
    dispute = await s.disputes.open_dispute(guild_id=GUILD, user_id=ANN, user_name="ann", attempt_id=before[ANN])
    page = await s.disputes.page(GUILD)
    assert not page.card_changed
    decision = await s.disputes.accept(dispute.id, guild_id=GUILD, moderator_id=MOD)
    assert decision.overlay_added and not decision.card_changed
    assert (await verdict_of(s, before[ANN]))[0] == "correct"
    assert (await verdict_of(s, before[BOB]))[0] == "correct", "bob typed the same answer to the same question"


async def test_a_dispute_accepted_while_the_deck_is_removed_holds_for_the_card_as_it_was(
    core_services: Services, clock
) -> None:
    s = core_services
    await import_deck(s, FRANCE)
    quiz_id, stored = await answered(s, clock, {BOB: "Lutetia"})
    await s.quiz.finish(quiz_id)
    clock.tick(5)
    dispute = await s.disputes.open_dispute(guild_id=GUILD, user_id=BOB, user_name="bob", attempt_id=stored[BOB])
    clock.tick(60)
    await s.decks.remove(GUILD, "capitals")
    clock.tick(60)
    decision = await s.disputes.accept(dispute.id, guild_id=GUILD, moderator_id=MOD)
    assert decision.overlay_added and not decision.card_changed
    assert (await verdict_of(s, stored[BOB]))[0] == "correct"
    clock.tick(60)
    await import_deck(s, FRANCE)  # back unchanged: the server takes "Lutetia" for it
    key = capital_key(s)
    card = s.catalog.card(key)
    assert card is not None
    assert grade_card(card, "Lutetia", extra_accept=s.disputes.overlay_accepts(GUILD, key, "question")).correct
    clock.tick(60)
    await import_deck(s, SPAIN)  # the card now asks for the capital of Spain
    key = capital_key(s)
    card = s.catalog.card(key)
    assert card is not None and "Spain" in card.question
    extra = s.disputes.overlay_accepts(GUILD, key, "question")
    assert not grade_card(card, "Lutetia", extra_accept=extra).correct, extra
    assert not (await s.decks.info(GUILD, "capitals")).overlays
    assert "Lutetia" not in (await s.decks.export(GUILD, "capitals", "yaml")).data.decode()


async def test_an_answer_to_an_older_version_accepted_while_the_deck_is_removed_is_not_kept_for_the_newer(
    core_services: Services, clock
) -> None:
    """bob answered "Lutetia" to the capital of France; a new version of the deck (Spain) came in while the quiz
    went on, then the deck was removed. Accepting his dispute corrects his answer to the question he was asked,
    and adds nothing for the card as last stored: imported again, it does not take "Lutetia" for Spain."""
    s = core_services
    await import_deck(s, FRANCE)
    quiz_id, stored = await answered(s, clock, {BOB: "Lutetia"})
    clock.tick(5)
    await import_deck(s, SPAIN)  # while the quiz goes on
    dispute = await s.disputes.open_dispute(guild_id=GUILD, user_id=BOB, user_name="bob", attempt_id=stored[BOB])
    clock.tick(60)
    await s.decks.remove(GUILD, "capitals")  # (the quiz still runs: the card as it asked it is known)
    decision = await s.disputes.accept(dispute.id, guild_id=GUILD, moderator_id=MOD)
    await s.quiz.finish(quiz_id)
    assert decision.card_changed and not decision.overlay_added
    assert (await verdict_of(s, stored[BOB]))[0] == "correct"
    clock.tick(60)
    await import_deck(s, SPAIN)
    key = capital_key(s)
    card = s.catalog.card(key)
    assert card is not None and "Spain" in card.question
    assert not grade_card(card, "Lutetia", extra_accept=s.disputes.overlay_accepts(GUILD, key, "question")).correct
