"""A dispute of a channel-quiz answer is judged against the question as the quiz asked it, as a daily one is
against the question as posted: a moderator who imports a new version of the deck (the same card id, another
question and answer) between the answer and the dispute's decision does not make the moderators judge the answer
against a question nobody was asked, nor does accepting it give points to older answers that are right only to
the new question, nor add the answer to what the server accepts for the new one (/deck info, /deck export)."""

from __future__ import annotations

from datetime import timedelta

import deck_versions_support as one_card
import pytest
from deck_versions_support import (
    ANN,
    BOB,
    CHANNEL,
    GUILD,
    MOD,
    answered,
    capital_key,
    daily_posted,
    import_deck,
    verdict_of,
)
from quiz_support import quiz_asking

from bot.core.errors import UserError
from bot.core.service import Services
from cogs.disputes import decision_text

FRANCE = one_card.FRANCE + b"\n" + one_card.RIVER
SPAIN = one_card.SPAIN + b"\n" + one_card.RIVER


async def test_a_dispute_opened_after_a_new_version_shows_the_question_the_quiz_asked(
    core_services: Services, clock
) -> None:
    s = core_services
    await import_deck(s, FRANCE)
    quiz_id, stored = await answered(s, clock, {BOB: "Lutetia"})

    clock.tick(5)
    await import_deck(s, SPAIN)  # the moderator uploads a new version while the quiz goes on
    dispute = await s.disputes.open_dispute(guild_id=GUILD, user_id=BOB, user_name="bob", attempt_id=stored[BOB])
    assert dispute.prompt == "What is the capital of France?", (
        f"the moderators would judge 'Lutetia' against a question nobody was asked: {dispute.prompt!r}"
    )
    assert dispute.accepted == ("Paris",), f"the moderators are shown another question's answers: {dispute.accepted}"

    await s.quiz.finish(quiz_id)
    clock.tick(5)
    decision = await s.disputes.accept(dispute.id, guild_id=GUILD, moderator_id=MOD)
    assert await verdict_of(s, stored[BOB]) == ("correct", decision.regraded[0].points)
    # "Lutetia" answers the question as asked, not the deck's capital card as it is now (Madrid).
    assert s.disputes.overlay_accepts(GUILD, capital_key(s)) == (), (
        "the server now accepts 'Lutetia' as the capital of Spain"
    )
    details = await s.decks.info(GUILD, "capitals")
    assert not details.overlays, f"/deck info lists an answer to an older question as accepted: {details.overlays}"
    said = decision_text(decision)
    assert "as it was asked" in said and "not added" in said, f"the moderator is told the answer was added: {said}"


async def test_a_dispute_of_an_answer_to_an_older_version_the_bot_no_longer_knows_is_refused_clearly(
    core_services: Services, clock
) -> None:
    s = core_services
    await import_deck(s, FRANCE)
    quiz_id, stored = await answered(s, clock, {BOB: "Lutetia"})
    await s.quiz.finish(quiz_id)  # the quiz ended: the bot no longer holds the question it asked

    clock.tick(5)
    await import_deck(s, SPAIN)
    try:
        dispute = await s.disputes.open_dispute(guild_id=GUILD, user_id=BOB, user_name="bob", attempt_id=stored[BOB])
    except UserError as exc:
        assert exc.code == "dispute.card_changed", str(exc)
        assert "changed" in str(exc)
    else:
        pytest.fail(f"a dispute opened against a question nobody was asked: {dispute.prompt!r}")


async def test_accepting_a_dispute_after_a_new_version_gives_no_points_to_older_answers_to_the_old_question(
    core_services: Services, clock
) -> None:
    s = core_services
    await import_deck(s, FRANCE)
    first, old = await answered(s, clock, {ANN: "Madrid"})  # wrong: the question was France's capital
    await s.quiz.finish(first)

    clock.tick(60)
    await import_deck(s, SPAIN)
    clock.tick(60)
    second, new = await answered(s, clock, {BOB: "Matritum"})
    await s.quiz.finish(second)
    dispute = await s.disputes.open_dispute(guild_id=GUILD, user_id=BOB, user_name="bob", attempt_id=new[BOB])
    assert dispute.prompt == "What is the capital of Spain?"
    clock.tick(timedelta(minutes=1).total_seconds())
    await s.disputes.accept(dispute.id, guild_id=GUILD, moderator_id=MOD)

    assert (await verdict_of(s, new[BOB]))[0] == "correct"
    assert await verdict_of(s, old[ANN]) == ("wrong", 0), (
        "accepting bob's answer gave ann points for 'Madrid' as the capital of France"
    )


async def test_a_practice_answer_disputed_after_a_new_version_shows_the_question_the_practice_asked(
    core_services: Services, clock
) -> None:
    s = core_services
    await import_deck(s, FRANCE)
    key = capital_key(s)
    quiz, question = await quiz_asking(
        s, key, user_id=BOB, user_name="bob", guild_id=GUILD, channel_id=CHANNEL, private=True, card_keys=[key]
    )
    assert question is not None
    said = await s.quiz.answer(quiz.id, user_id=BOB, user_name="bob", response="Lutetia")
    assert not said.verdict.correct and said.attempt_id is not None

    clock.tick(5)
    await import_deck(s, SPAIN)
    dispute = await s.disputes.open_dispute(guild_id=GUILD, user_id=BOB, user_name="bob", attempt_id=said.attempt_id)
    assert dispute.prompt == "What is the capital of France?", (
        f"the moderators would judge 'Lutetia' against a question nobody was asked: {dispute.prompt!r}"
    )


async def test_a_daily_answer_accepted_after_a_new_version_is_not_accepted_for_the_new_question(
    core_services: Services, clock
) -> None:
    s = core_services
    await import_deck(s, one_card.FRANCE)
    claim = await daily_posted(s, clock)
    assert not (await s.daily.answer(claim.post_id, BOB, "bob", "Lutetia")).verdict.correct

    await import_deck(s, one_card.SPAIN)
    clock.now = claim.closes_at + timedelta(seconds=1)
    assert await s.daily.claim_reveal(claim.post_id) is not None
    attempt_id = await s.disputes.daily_attempt(claim.post_id, BOB)
    assert attempt_id is not None
    dispute = await s.disputes.open_dispute(guild_id=GUILD, user_id=BOB, user_name="bob", attempt_id=attempt_id)
    await s.disputes.accept(dispute.id, guild_id=GUILD, moderator_id=MOD)

    assert s.disputes.overlay_accepts(GUILD, capital_key(s)) == (), (
        "the server now accepts 'Lutetia' as the capital of Spain"
    )
    exported = await s.decks.export(GUILD, "capitals", "yaml")
    assert b"Lutetia" not in exported.data, "/deck export carries an answer to an older question"
