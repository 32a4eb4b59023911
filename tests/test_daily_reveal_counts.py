"""The daily reveal's counts as members read them: the share who got it right, and who got it.

A share of right answers was rounded: 239 right of 240 read "(100%)" and 1 right of 240 "(0%)", as the board
did before it said 100% only with no miss and 0% only with none right. And the "Got it" list was cut at
Discord's 1,024 characters in the middle of a name, losing how many more got it.
"""

from __future__ import annotations

from datetime import date

from bot.core.daily import Reveal
from bot.core.models import Card
from cogs._format import FIELD_VALUE_MAX
from cogs.daily.render import reveal_embed

CARD = Card(deck="mini", id="temperature", question="Which parameter?", answer="Temperature.", term="temperature",
            accept=("temperature",))  # fmt: skip


def reveal(answered: int, correct: int, winners: tuple[str, ...] = ()) -> Reveal:
    return Reveal(
        post_id=1, guild_id=1, channel_id=2, message_id=3, day=date(2026, 1, 1), card=CARD, accepted="temperature",
        explanation=CARD.answer, answered=answered, correct=correct, winners=winners,
        more_winners=max(0, correct - len(winners)), streaks=(),
    )  # fmt: skip


def field(r: Reveal, name: str) -> str:
    return next(f.value for f in reveal_embed(r).fields if f.name == name)


def test_one_miss_among_hundreds_is_not_read_as_everyone_right() -> None:
    assert field(reveal(240, 239, ("alice",)), "Answers") == "240 answered · 239 right (99%)"
    assert field(reveal(2, 2, ("alice", "bob")), "Answers") == "2 answered · 2 right (100%)"


def test_one_right_among_hundreds_is_not_read_as_nobody() -> None:
    assert field(reveal(240, 1, ("alice",)), "Answers") == "240 answered · 1 right (1%)"
    assert field(reveal(3, 2, ("alice", "bob")), "Answers") == "3 answered · 2 right (67%)"


def test_a_long_list_of_winners_shows_whole_names_and_how_many_more() -> None:
    """Thirty members named with 32 characters Discord reads as markup (escaped, they double), of 240 right: as
    many whole names as the field holds, then how many more got it."""
    names = tuple("_" * 30 + f"{i:02}" for i in range(30))
    value = field(reveal(300, 240, names), "Got it")
    assert len(value) <= FIELD_VALUE_MAX
    listed = value.split(" and ")[0].split(", ")
    assert 1 <= len(listed) < 30
    assert all(name == "\\_" * 30 + f"{i:02}" for i, name in enumerate(listed)), listed[-1]  # each whole
    assert value.endswith(f" and {240 - len(listed)} more"), value[-60:]
    # a list that fits is listed whole, as before
    assert field(reveal(5, 3, ("alice", "*bob*")), "Got it") == r"alice, \*bob\* and 1 more"
    assert field(reveal(5, 2, ("alice", "bob")), "Got it") == "alice, bob"
