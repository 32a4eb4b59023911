"""The question of the day is graded and revealed against the card as it was posted: a moderator who imports a
new version of the deck while the question is open (the same card id, another question and answer) does not
turn the posted question's right answers wrong, nor reveal an answer to a question nobody was asked; and a
restart in between changes nothing. The next day's question is the new version."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from deck_versions_support import ANN, BOB, CAT, FRANCE, GUILD, SPAIN, daily_posted, import_deck

from bot.config import Settings
from bot.core.service import Services

ROOT = Path(__file__).resolve().parents[1]


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 3, 2, 6, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(db_path=tmp_path / "daily.sqlite3", cards_dir=ROOT / "tests" / "data" / "decks")


async def start(settings: Settings, clock: Clock) -> Services:
    return await Services.create(settings.core, clock=clock, rng=random.Random(7))



async def test_an_open_daily_question_keeps_the_card_it_posted(settings: Settings, clock: Clock) -> None:
    s = await start(settings, clock)
    try:
        await import_deck(s, FRANCE)
        claim = await daily_posted(s, clock)
        assert claim.card.question == "What is the capital of France?"

        # The moderator uploads a new version: the same card id, another question and answer.
        await import_deck(s, SPAIN)
        key = claim.card.key
        assert s.catalog.card(key) is not None and s.catalog.card(key).question.endswith("Spain?")

        # The answer box shows the question as posted, and the posted question's answer is right.
        _, shown = await s.daily.check_can_answer(claim.post_id, ANN)
        assert shown.question == "What is the capital of France?", "the answer box shows another question"
        said = await s.daily.answer(claim.post_id, ANN, "ann", "Paris")
        assert said.verdict.correct and said.points > 0, "the posted question's right answer was graded wrong"
        wrong = await s.daily.answer(claim.post_id, BOB, "bob", "Madrid")
        assert not wrong.verdict.correct, "an answer to a question nobody was asked scored"
    finally:
        await s.close()

    # A restart while the question is open keeps it as posted.
    s = await start(settings, clock)
    try:
        said = await s.daily.answer(claim.post_id, CAT, "cat", "Paris")
        assert said.verdict.correct, "after a restart the posted question's right answer was graded wrong"
        clock.now = claim.closes_at + timedelta(seconds=1)
        reveal = await s.daily.claim_reveal(claim.post_id)
        assert reveal is not None
        assert reveal.card.question == "What is the capital of France?"
        assert reveal.accepted == "Paris" and "Paris" in reveal.explanation, "the reveal shows the new answer"
        assert reveal.correct == 2 and reveal.answered == 3

        # The next day's question is the new version.
        info = await s.daily.get_schedule(GUILD)
        assert info is not None and info.next_post_at is not None
        clock.now = max(clock.now, info.next_post_at)
        nxt = await s.daily.claim_due(GUILD)
        assert nxt is not None and nxt.card.question == "What is the capital of Spain?"
        await s.daily.mark_posted(nxt.post_id, 2)
        assert (await s.daily.answer(nxt.post_id, ANN, "ann", "Madrid")).verdict.correct
    finally:
        await s.close()


async def test_a_dispute_of_a_daily_answer_shows_the_moderators_the_question_as_posted(
    settings: Settings, clock: Clock
) -> None:
    s = await start(settings, clock)
    try:
        await import_deck(s, FRANCE)
        claim = await daily_posted(s, clock)
        said = await s.daily.answer(claim.post_id, BOB, "bob", "Lyon")
        assert not said.verdict.correct

        await import_deck(s, SPAIN)  # a new version while the question is open
        attempt_id = await s.disputes.daily_attempt(claim.post_id, BOB)
        assert attempt_id is not None
        dispute = await s.disputes.open_dispute(guild_id=GUILD, user_id=BOB, user_name="bob", attempt_id=attempt_id)
        assert dispute.prompt == "What is the capital of France?", (
            f"the moderators would judge 'Lyon' against another question: {dispute.prompt!r}"
        )
        assert dispute.accepted == ("Paris",)
    finally:
        await s.close()
