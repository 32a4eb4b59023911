"""/deck export of a card the server accepted a rejected answer for (a dispute): the exported YAML, imported
back, grades that answer right, as the server did, and keeps the card's other rejected answers."""

from __future__ import annotations

from bot.core.grading import grade_card
from bot.core.models import Card
from bot.core.service import Services

G, CH, BOB, MOD = 100, 200, 2, 99
TEMPERATURE = "mini:temperature"  # accept: [temperature], reject: [top-k, top-p]


async def accept_answer(s: Services, card_key: str, typed: str, direction: str = "question"):
    """``typed`` to the card in a private quiz, which the player then stops, disputed and accepted; the
    verdict it had."""
    quiz = await s.quiz.start_quiz(
        user_id=BOB, user_name="bob", guild_id=G, channel_id=CH, private=True, card_keys=[card_key]
    )
    quiz.plan = [(s.catalog.card(card_key), direction)]
    s.quiz.open_question(quiz.id)
    said = await s.quiz.answer(quiz.id, user_id=BOB, user_name="bob", response=typed)
    await s.quiz.stop(quiz.id, user_id=BOB)
    dispute = await s.disputes.open_dispute(
        guild_id=G, user_id=BOB, user_name="bob", attempt_id=said.attempt_id, direction=direction
    )
    await s.disputes.accept(dispute.id, guild_id=G, moderator_id=MOD)
    return said.verdict


async def exported_again(s: Services, deck: str, card_id: str) -> Card:
    """The card as ``/deck export`` writes it in YAML, imported back as a server deck."""
    exported = await s.decks.export(G, deck, "yaml")
    preview = await s.decks.preview(G, exported.filename, exported.data, f"{deck}-copy", user_id=MOD)
    await s.decks.confirm(G, preview.token, user_id=MOD)
    found = s.catalog.named(G, f"{deck}-copy")
    assert found is not None
    card = found.card(card_id)
    assert card is not None
    return card


async def test_an_accepted_answer_the_card_rejects_is_right_on_the_exported_card(core_services: Services) -> None:
    s = core_services
    card = s.catalog.card(TEMPERATURE)
    assert card is not None and card.reject == ("top-k", "top-p")
    # "Top K" is the rejected "top-k" in other spelling: the same words once normalised
    assert not (await accept_answer(s, TEMPERATURE, "Top K")).correct
    extra = s.disputes.overlay_accepts(G, TEMPERATURE)
    assert grade_card(card, "top-k", extra_accept=extra).correct  # live play takes it now

    again = await exported_again(s, "mini", "temperature")

    for typed in ("top-k", "Top K", "temperature"):
        assert grade_card(again, typed).correct, typed
    # the card's other rejected answer is still rejected, and still wrong
    assert again.reject == ("top-p",)
    assert not grade_card(again, "top-p").correct
    assert grade_card(again, "top-p").kind == grade_card(card, "top-p", extra_accept=extra).kind


async def test_a_name_accepted_for_the_term_leaves_the_cards_rejects_it_does_not_override(
    core_services: Services,
) -> None:
    s = core_services
    assert not (await accept_answer(s, TEMPERATURE, "heat knob", "term")).correct

    again = await exported_again(s, "mini", "temperature")

    assert grade_card(again, "heat knob", direction="term").correct
    assert again.reject == ("top-k", "top-p")
    assert not grade_card(again, "top-k").correct
