"""An answer a moderator accepts is kept for the question it was accepted for. "Lutetia", accepted as the capital
of France, is no answer once the server's deck is imported again with the card asking for the capital of Spain:
not in live play, not in /deck info, not in /deck export. It is an answer again if the card comes back as it was,
and a new version that only rewords the explanation keeps it. Before, it stayed an accepted answer of the Spain
question, and a live quiz scored it. Real database; a restart reads the same."""

from __future__ import annotations

import deck_versions_support as one_card
from deck_versions_support import BOB, GUILD, MOD, answered, capital_key, import_deck

from bot.core.disputes import DisputeService
from bot.core.grading import grade_card
from bot.core.service import Services

FRANCE = one_card.FRANCE + b"\n" + one_card.RIVER
SPAIN = one_card.SPAIN + b"\n" + one_card.RIVER
FRANCE_REWORDED = FRANCE.replace(b"Paris is the capital of France.", b"Paris has been France's capital for centuries.")


async def accept_lutetia(s: Services, clock) -> None:
    quiz_id, stored = await answered(s, clock, {BOB: "Lutetia"})
    await s.quiz.finish(quiz_id)
    clock.tick(5)
    dispute = await s.disputes.open_dispute(guild_id=GUILD, user_id=BOB, user_name="bob", attempt_id=stored[BOB])
    decision = await s.disputes.accept(dispute.id, guild_id=GUILD, moderator_id=MOD)
    assert decision.overlay_added
    clock.tick(60)


def takes(s: Services, disputes: DisputeService, typed: str) -> bool:
    card = s.catalog.card(capital_key(s))
    assert card is not None
    return grade_card(card, typed, extra_accept=disputes.overlay_accepts(GUILD, card.key, "question")).correct


async def listed(s: Services) -> bool:
    """Whether /deck info and the YAML of /deck export name Lutetia among the card's accepted answers."""
    info = await s.decks.info(GUILD, "capitals")
    exported = (await s.decks.export(GUILD, "capitals", "yaml")).data.decode()
    in_info = "Lutetia" in str(info.overlays)
    assert in_info == ("Lutetia" in exported)
    return in_info


async def test_an_accepted_answer_is_not_kept_for_another_question_on_the_card(core_services: Services, clock) -> None:
    s = core_services
    await import_deck(s, FRANCE)
    await accept_lutetia(s, clock)
    assert takes(s, s.disputes, "Lutetia") and await listed(s)

    await import_deck(s, SPAIN)  # the card now asks for the capital of Spain
    assert not takes(s, s.disputes, "Lutetia")
    assert not await listed(s)
    key = capital_key(s)
    quiz = await s.quiz.start_quiz(user_id=MOD, user_name="mod", guild_id=GUILD, channel_id=4101, card_keys=[key], questions=1)
    quiz.plan = [(s.catalog.card(key), "question")]
    s.quiz.open_question(quiz.id)
    said = await s.quiz.answer(quiz.id, user_id=13, user_name="cat", response="Lutetia")
    assert not said.verdict.correct and said.points == 0
    await s.quiz.finish(quiz.id)

    # read again as after a restart: the same
    restarted = DisputeService(store=s.store, catalog=s.catalog, clock=clock)
    await restarted.start()
    assert not takes(s, restarted, "Lutetia")

    await import_deck(s, FRANCE)  # the France question is back: so is its accepted answer
    assert takes(s, s.disputes, "Lutetia") and takes(s, restarted, "Lutetia") and await listed(s)


async def test_a_new_version_that_asks_the_same_question_keeps_the_accepted_answer(core_services: Services, clock) -> None:
    s = core_services
    await import_deck(s, FRANCE)
    await accept_lutetia(s, clock)
    await import_deck(s, FRANCE_REWORDED)  # only the explanation is reworded
    assert s.catalog.card(capital_key(s)).answer.startswith("Paris has been")
    assert takes(s, s.disputes, "Lutetia") and await listed(s)


async def test_a_question_still_open_on_the_old_version_keeps_its_accepted_answer(core_services: Services, clock) -> None:
    """The deck is imported again while a quiz question still asks the France version: "Lutetia" stays right there,
    where it was accepted; the new version's question does not take it."""
    s = core_services
    await import_deck(s, FRANCE)
    await accept_lutetia(s, clock)
    key = capital_key(s)
    quiz = await s.quiz.start_quiz(user_id=MOD, user_name="mod", guild_id=GUILD, channel_id=4102, card_keys=[key], questions=1)
    quiz.plan = [(s.catalog.card(key), "question")]
    asked = s.quiz.open_question(quiz.id)
    assert asked is not None and "France" in asked.card.question
    await import_deck(s, SPAIN)
    said = await s.quiz.answer(quiz.id, user_id=13, user_name="cat", response="Lutetia")
    assert said.verdict.correct
    await s.quiz.finish(quiz.id)
    assert not takes(s, s.disputes, "Lutetia")
