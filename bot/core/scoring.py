"""Points for quiz answers.

A channel quiz question pays ``FIRST_POINTS`` to the first correct answer and ``WINDOW_POINTS`` to everyone
else who is right within ``WINDOW_SECONDS`` of it; each hint a player asks for costs that player (and
nobody else) ``HINT_COST``; in ``choice`` mode there is no race: every correct pick is worth
``CHOICE_POINTS`` while the question is open. Points are never negative. A typed question with only two
answers (yes/no, true/false) takes one try, as a pick does: "not quite" on one names the other.

These constants are the only source of the numbers players read (the quiz intro, the reply to an answer,
the hint line): surfaces format them, never repeat them.
"""

from __future__ import annotations

import logging

log = logging.getLogger(__name__)

FIRST_POINTS = 10
WINDOW_POINTS = 5
HINT_COST = 3
CHOICE_POINTS = 5
WINDOW_SECONDS = 3.0
TRIES = 3
CHOICE_TRIES = 1
MAX_HINTS = 3


def answer_points(*, first: bool, hints: int = 0, choice: bool = False) -> int:
    """Points for one correct answer (wrong answers score 0); ``hints``: those this player asked for."""
    if hints < 0:
        raise ValueError("hints must not be negative")
    base = CHOICE_POINTS if choice else (FIRST_POINTS if first else WINDOW_POINTS)
    return max(0, base - HINT_COST * hints)


def tries_allowed(mode: str, *, two_way: bool = False) -> int:
    """Tries per person per question: three typed, one in choice mode, and one on a ``two_way`` question (its answer
    is Yes or No, True or False): after a wrong try the other answer is known, and would score as if found."""
    return CHOICE_TRIES if mode == "choice" or two_way else TRIES
