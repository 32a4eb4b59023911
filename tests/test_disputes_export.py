"""/deck export with the answers a server accepted (disputes): the exported YAML, imported back, grades as the
server's cards did — an essay card stays an essay card, and a card graded against its answer text keeps
that answer beside the server's."""

from __future__ import annotations

from disputes_support import MINI_DECKS, G, accept_answer, exported_again

from bot.core.decks import load_decks
from bot.core.grading import grade_card
from bot.core.models import Card, Deck
from bot.core.service import Services

ESSAY = "mini:continual-learning"
#: A card with no accepted answers: graded against its answer text.
GLOSSARY = Deck(
    id="glossary",
    title="Glossary",
    cards=(
        Card(
            deck="glossary", id="photosynthesis", question="Which process turns light into chemical energy in plants?",
            answer="Photosynthesis", term="photosynthesis", tags=("biology",),
        ),
    ),
)  # fmt: skip


async def test_an_essay_card_exported_with_an_accepted_answer_is_still_graded_by_its_key_points(
    core_services: Services,
) -> None:
    s = core_services
    card = s.catalog.card(ESSAY)
    assert card is not None and card.is_essay
    verdict = await accept_answer(s, ESSAY, "data is streamed to the models")
    assert not verdict.correct

    again = await exported_again(s, "mini", "continual-learning")

    assert again.is_essay and again.keypoints == card.keypoints and again.accept == ()
    for typed in (
        "Continual learning streams data to the model rather than uploading it in batches",
        "the data is streamed",
        "data arrives in batches",
    ):
        assert grade_card(again, typed).kind == grade_card(card, typed).kind, typed


async def test_a_card_graded_by_its_answer_text_keeps_that_answer_beside_the_accepted_one(
    settings, clock, rng
) -> None:
    s = await Services.create(settings.core, decks=[*load_decks(MINI_DECKS), GLOSSARY], clock=clock, rng=rng)
    key = "glossary:photosynthesis"
    card = s.catalog.card(key)
    assert card is not None and card.accept == () and grade_card(card, "photosynthesis").correct
    verdict = await accept_answer(s, key, "light reactions")
    assert not verdict.correct

    again = await exported_again(s, "glossary", "photosynthesis")

    extra = s.disputes.overlay_accepts(G, key)
    assert extra == ("light reactions",)
    for typed in ("photosynthesis", "Photosynthesis!", "light reactions", "respiration"):
        live = grade_card(card, typed, extra_accept=extra)
        assert grade_card(again, typed).kind == live.kind, typed
    assert grade_card(again, "photosynthesis").correct
