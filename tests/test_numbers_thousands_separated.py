"""Big numbers read with thousands separators wherever a member sees their totals, as every other reply writes
them ("1,250 cards", "1,250 points" in a practice summary): the all-time board, /stats, /review status and the
daily reveal do not write "1250"."""

from __future__ import annotations

from datetime import UTC, date, datetime

from world_support import bot_closed_after, study_alice  # noqa: F401

from bot.core.daily import Reveal
from bot.core.models import Attempt, Card, Source, VerdictKind
from bot.core.review.models import ReviewSettings, ReviewStatus
from bot.core.storage.attempts import AttemptWriter
from cogs.daily.render import reveal_embed
from cogs.review.render import status_embed


async def many_right_answers(services, guild, member, n: int, points: int) -> None:
    """``n`` right quiz answers of ``points`` each, written the way the quiz writes them."""
    async with services.store.transaction() as db:
        for _ in range(n):
            await AttemptWriter().add(
                db,
                Attempt(
                    guild_id=guild.id, channel_id=1, user_id=member.id, user_name=member.name, card_key="mini:bert",
                    source=Source.QUIZ, response="x", verdict=VerdictKind.CORRECT, points=points,
                    created_at=services.now(),
                ),
            )


def everything(message) -> str:
    parts = [message.content or ""]
    for e in message.embeds:
        parts += [e.title or "", e.description or "", *(f"{f.name}: {f.value}" for f in e.fields)]
    return "\n".join(parts)


async def test_a_board_and_stats_in_the_thousands_use_separators(env, world, services) -> None:
    """Alice has 1,250 points from 1,250 right answers: the board shows **1,250** pts · 1,250 correct, and her
    /stats shows 1,250 in total and 1,250 answered."""
    guild, channel, alice = world
    await many_right_answers(services, guild, alice, 1250, 1)

    board = await alice.slash(channel, "leaderboard", period="all")
    message = board.followups[-1] if board.followups else board.response
    text = everything(message)
    assert "**1,250** pts · 1,250 correct" in text, text

    stats = await alice.slash(channel, "stats")
    text = everything(stats.followups[-1] if stats.followups else stats.response)
    assert "**1,250** in total" in text, text
    assert "**1,250** answered" in text, text


def test_review_status_in_the_thousands_uses_separators() -> None:
    """A member who has learned a big deck: Learned 2,400, Mature 1,100."""
    status = ReviewStatus(
        due_now=1200, due_today=1500, learning=30, learned=2400, mature=1100, new_today=0, next_due=None,
        day_ends=datetime(2026, 1, 2, tzinfo=UTC), retention=None, retention_reviews=0, settings=ReviewSettings(),
    )
    fields = {f.name: f.value for f in status_embed(status).fields}
    assert fields["Due now"].startswith("1,200"), fields
    assert fields["Due today"].startswith("1,500"), fields
    assert fields["Learned"] == "2,400" and fields["Mature"].startswith("1,100"), fields


def test_the_daily_reveal_of_a_big_server_uses_separators() -> None:
    """1,340 members answered the question of the day, 1,005 of them right."""
    card = Card(deck="mini", id="bert", question="What is BERT?", answer="A model", term="BERT")
    reveal = Reveal(
        post_id=1, guild_id=1, channel_id=1, message_id=None, day=date(2026, 1, 1), card=card, accepted="A model",
        explanation="", answered=1340, correct=1005, winners=("alice",), more_winners=1004, streaks=(),
    )
    fields = {f.name: f.value for f in reveal_embed(reveal).fields}
    assert fields["Answers"].startswith("1,340 answered · 1,005 right"), fields
    assert fields["Got it"].endswith("and 1,004 more"), fields

