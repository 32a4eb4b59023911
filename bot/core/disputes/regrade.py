"""Which stored answers an accepted dispute makes right, the points each gets back, and the daily streak
recomputed from a member's history. Pure functions: the service reads and writes."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence

from bot.core.daily.models import DAILY_POINTS, streak_from  # noqa: F401  (re-exported)
from bot.core.scoring import answer_points
from bot.core.storage.dispute_queries import AttemptRow

log = logging.getLogger(__name__)


def question_key(a: AttemptRow) -> tuple[object, ...]:
    """One question as one player met it: a quiz question, a daily post, or a lone answer. Each showing of a card
    in a review session is a question of its own, with its own rating (a card rated Again is shown again in the
    same session), answered once."""
    if a.session_id is None or a.source == "review":
        return ("attempt", a.id)
    return (a.source, a.session_id, a.card_key, a.user_id)


def plan_corrections(
    candidates: Sequence[AttemptRow],
    right: Iterable[AttemptRow],
    makes_right: Callable[[AttemptRow], bool],
    *,
    disputed: int | None = None,
) -> list[tuple[AttemptRow, int]]:
    """The answers to correct, oldest first, each with the points it now earns.

    A player is corrected at most once per question (their first answer the new one makes right), and not
    at all where they were already right; answers picked from options and daily answers that were not
    counted are left alone. ``makes_right(answer)``: whether the accepted answer makes that stored answer right
    (graded against the card its question asked). The disputed answer (``disputed``, an attempt id) is corrected
    whatever the check says. Points: a daily answer earns the daily points; a quiz answer the first-answer points when
    no right answer to that question came before it, the window points otherwise, less what the hints the
    player took cost; practice none.
    """
    done: set[tuple[object, ...]] = {question_key(a) for a in right}
    firsts: dict[tuple[object, ...], list[float]] = {}
    for a in right:
        if a.source == "quiz" and a.session_id is not None:
            firsts.setdefault((a.session_id, a.card_key), []).append(a.created_at.timestamp())
    plan: list[tuple[AttemptRow, int]] = []
    for a in sorted(candidates, key=lambda x: (x.created_at, x.id)):
        key = question_key(a)
        if key in done or a.choice or (a.source == "daily" and not a.counted_daily):
            continue
        if a.id != disputed and not makes_right(a):
            continue
        done.add(key)
        plan.append((a, _points(a, firsts)))
    return plan


def _points(a: AttemptRow, firsts: dict[tuple[object, ...], list[float]]) -> int:
    if a.source == "daily":
        return DAILY_POINTS
    if a.source != "quiz" or a.session_id is None:
        return 0
    times = firsts.setdefault((a.session_id, a.card_key), [])
    earlier = any(t <= a.created_at.timestamp() for t in times)
    times.append(a.created_at.timestamp())
    return answer_points(first=not earlier, hints=a.hints)  # the hints the player took cost them, as live


