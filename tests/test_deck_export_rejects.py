"""/deck export of a card the server accepted a rejected answer for (a dispute): the exported YAML, imported
back, grades that answer right, as the server did, and keeps the card's other rejected answers."""

from __future__ import annotations

from disputes_support import G, accept_answer, exported_again

from bot.core.grading import grade_card
from bot.core.service import Services

TEMPERATURE = "mini:temperature"  # accept: [temperature], reject: [top-k, top-p]


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
