"""A member's data deleted at their request (``/forget-me``): the database's rows and the running bot's memory.

The rows go in one transaction (``ForgetQueries``: what goes, what stays and why). Around it, the features that hold
something of the member in memory let go of it, so that nothing of theirs is written back afterwards:

- before: their private practice in the server ends, the answers being written in the server's channel quizzes are
  written, and their /review session there ends (its card on show written first);
- after: the live channel quizzes drop their score, right answers, tries and hints (no reveal or summary names
  them), their cached review settings are dropped and the reminder sender looks again, and no dispute decision is
  left to tell them.

The member may go on using the bot afterwards: what they do then is kept as for anyone.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.core.storage.forget_queries import ForgetQueries, Forgotten

if TYPE_CHECKING:
    from bot.core.disputes import DisputeService
    from bot.core.quiz import QuizService
    from bot.core.review import ReviewService
    from bot.core.storage.store import Store

log = logging.getLogger(__name__)

__all__ = ["ForgetService", "Forgotten", "MemberForgotten"]


@dataclass(frozen=True)
class MemberForgotten:
    """What was deleted about a member in a server, in the words the member reads."""

    answers: int
    review_cards: int
    reviews: int
    review_settings: bool
    disputes: int
    daily_answers: int
    streak: bool
    practice: int
    showing: bool  # a /review card on show (their session's, taken up after a restart)
    rows: int

    @classmethod
    def of(cls, forgotten: Forgotten) -> MemberForgotten:
        d = forgotten.deleted
        return cls(
            answers=d.get("attempts", 0),
            review_cards=d.get("review_states", 0),
            reviews=d.get("review_logs", 0),
            review_settings=d.get("review_members", 0) > 0,
            disputes=d.get("disputes", 0),
            daily_answers=d.get("daily_answers", 0),
            streak=d.get("daily_streaks", 0) > 0,
            practice=d.get("quizzes", 0),
            showing=d.get("review_showings", 0) > 0,
            rows=forgotten.rows,
        )


class ForgetService:
    """Deleting a member's data in a server, and everything the running bot holds of it."""

    def __init__(
        self, *, store: Store, quiz: QuizService, review: ReviewService, disputes: DisputeService
    ) -> None:
        self.queries = ForgetQueries(store)
        self.quiz = quiz
        self.review = review
        self.disputes = disputes

    async def counts(self, guild_id: int, user_id: int) -> MemberForgotten:
        """What ``forget_member`` would delete now (nothing is changed)."""
        return MemberForgotten.of(await self.queries.forget_member(guild_id, user_id, dry_run=True))

    async def forget_member(self, guild_id: int, user_id: int) -> MemberForgotten:
        """Delete everything the bot keeps about ``user_id`` in ``guild_id``, in one transaction, and what the
        features hold of it in memory. Raises what the store raises when the database refuses (nothing is
        deleted then)."""
        await self.quiz.before_forgetting(guild_id, user_id)
        await self.review.before_forgetting(guild_id, user_id)
        forgotten = await self.queries.forget_member(guild_id, user_id)
        self.quiz.forgotten(guild_id, user_id)
        self.review.forgotten(guild_id, user_id)
        self.disputes.forgotten(guild_id, user_id)
        log.info("member %s of guild %s had their data deleted (%d rows)", user_id, guild_id, forgotten.rows)
        return MemberForgotten.of(forgotten)
