"""/deck export with the answers a server accepted (disputes): the exported YAML, imported back, grades as the
server's cards did — an essay card stays an essay card, and a card graded against its answer text keeps
that answer beside the server's."""

from __future__ import annotations

from pathlib import Path

from bot.core.decks import load_decks
from bot.core.grading import grade_card
from bot.core.models import Card, Deck
from bot.core.service import Services

G, CH, ALICE, BOB, MOD = 100, 200, 1, 2, 99
MINI_DECKS = Path(__file__).parent / "data" / "decks"
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


async def accept_answer(s: Services, card_key: str, typed: str):
    """``typed`` to the card in a private quiz, disputed and accepted; the verdict it had."""
    quiz = await s.quiz.start_quiz(
        user_id=BOB, user_name="bob", guild_id=G, channel_id=CH, private=True, card_keys=[card_key]
    )
    quiz.plan = [(s.catalog.card(card_key), "question")]
    s.quiz.open_question(quiz.id)
    said = await s.quiz.answer(quiz.id, user_id=BOB, user_name="bob", response=typed)
    await s.quiz.stop(quiz.id, user_id=BOB)  # an accept waits for the question to close
    dispute = await s.disputes.open_dispute(guild_id=G, user_id=BOB, user_name="bob", attempt_id=said.attempt_id)
    await s.disputes.accept(dispute.id, guild_id=G, moderator_id=MOD)
    return said.verdict


async def exported_again(s: Services, deck: str, card_id: str) -> Card:
    """The card as ``/deck export`` writes it, imported back as a server deck."""
    exported = await s.decks.export(G, deck, "yaml")
    preview = await s.decks.preview(G, exported.filename, exported.data, f"{deck}-copy", user_id=MOD)
    await s.decks.confirm(G, preview.token, user_id=MOD)
    found = s.catalog.named(G, f"{deck}-copy")
    assert found is not None
    card = found.card(card_id)
    assert card is not None
    return card


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
