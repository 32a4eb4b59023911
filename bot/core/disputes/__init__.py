"""Disputes ("I was right"): players dispute a verdict, moderators decide, servers correct the grader.

After a wrong, almost or partial verdict in a channel quiz, the daily question or practice, the player may
dispute the stored answer (``DisputeService.open_dispute``). The dispute records the card, the prompt and its
direction, the accepted answers, the typed answer, the verdict, the source and the attempt. One dispute per
answer; at most ``DAILY_CAP`` per player per server in 24 hours.

Moderators review the open disputes one at a time (``page``) and ``accept`` or ``reject`` them. Accepting adds
the typed answer to the server's accepted answers for that card and direction (an overlay stored in the
database, read from memory by ``overlay_accepts`` and passed to the grader by the quiz, daily and review call
sites; it overrides the card's reject entry of the same words), and corrects, in the same transaction, every
stored answer on the card in that server that live grading (the card with the overlay, the new answer among
it) now takes as right: its verdict becomes correct, its points are given back (daily points for a counted daily answer;
first-answer or window points for a quiz answer, by whether a right answer to that question came before it;
none in practice), the leaderboard and /stats summary tables follow (a trigger of migration 0010), and the
daily streak of each corrected player is recomputed from their history. A player is corrected at most once
per question, and not where they were right already. An accept that would correct an answer to a quiz question
still open is refused until it closes (that question still scores its answers). A decision locks the dispute's
row (PostgreSQL) and is refused when another decision got there first. While a dispute's question is still
played, ``page`` says its accepted answers are not to be shown. The player hears the outcome next time
(``take_notices``) and in /stats (``recent``).

``insight`` tells moderators what a server's answers say about a deck: the most-missed cards, the most common
wrong answers per card (grouped after normalisation), dispute counts and cards nobody answers right;
``insight_csv`` the same as CSV.

Modules: ``models`` (what the service returns), ``errors`` (refusals), ``regrade`` (which answers to correct,
their points, the streak), ``insight`` (grouping and CSV), ``service``.
"""

from __future__ import annotations

from bot.core.disputes.errors import AlreadyOpen
from bot.core.disputes.insight import group_wrong_answers, insight_csv
from bot.core.disputes.models import (
    DAILY_CAP,
    DISPUTABLE,
    CardInsight,
    Decision,
    Dispute,
    Insight,
    QueuePage,
    Regraded,
    TakenBack,
    WrongAnswer,
)
from bot.core.disputes.regrade import plan_corrections, streak_from
from bot.core.disputes.service import DisputeService, accepted_answers

__all__ = [
    "DAILY_CAP",
    "DISPUTABLE",
    "AlreadyOpen",
    "CardInsight",
    "Decision",
    "Dispute",
    "DisputeService",
    "Insight",
    "QueuePage",
    "Regraded",
    "TakenBack",
    "WrongAnswer",
    "accepted_answers",
    "group_wrong_answers",
    "insight_csv",
    "plan_corrections",
    "streak_from",
]
