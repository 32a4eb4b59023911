"""The daily reveal always shows the right answer, however long the card's question (decks allow 4,000 characters)."""

from __future__ import annotations

from datetime import date

from bot.core.daily import Reveal, accepted_answer
from bot.core.models import Card
from cogs.daily.render import reveal_embed

#: A long code question: each ``_`` of its identifiers is escaped when it is shown (``\\_``), so it grows.
LONG_QUESTION = ("In the training loop, use_cache=False and torch.utils.checkpoint wrap each block_fn call. " * 50)[
    :3990
].strip() + "?"


def _reveal(card: Card) -> Reveal:
    return Reveal(
        post_id=1, guild_id=100, channel_id=200, message_id=300, day=date(2026, 3, 2), card=card,
        accepted=accepted_answer(card), explanation=card.answer.strip(), answered=3, correct=1,
        winners=("alice",), more_winners=0, streaks=(("alice", 4),),
    )  # fmt: skip


def test_reveal_of_a_long_question_still_shows_the_accepted_answer() -> None:
    """A deck card's question may be up to 4,000 characters (and grows when
    its markdown characters, like the ``_`` of code identifiers, are escaped). When its question of the day is revealed, members
    see the accepted answer ("**A:** gradient checkpointing") in the reveal, within Discord's 4,096-character
    description — the question is shortened to make room, not the answer cut off the end."""
    assert len(LONG_QUESTION) <= 4000
    card = Card(
        deck="mini", id="ckpt", question=LONG_QUESTION, answer="Recompute activations in the backward pass instead of storing them all: memory for compute.",
        term="gradient checkpointing", accept=("gradient checkpointing",),
    )  # fmt: skip
    e = reveal_embed(_reveal(card))
    assert e.description is not None and len(e.description) <= 4096
    assert "**A:** gradient checkpointing" in e.description, e.description[-200:]
    assert len(e) <= 6000
