"""The quiz feature: channel quizzes and private practice.

- ``models``: the live state (``LiveQuiz``, ``LiveQuestion``) and what the use-cases return;
- ``plan``: checking options and choosing the cards, their order and directions;
- ``results``: the reveal of a question and the summary of a quiz;
- ``commit``: group commit of graded answers;
- ``chat``: which wrong chat answers are guesses (each costs a try, as in the answer box) and which are talk;
- ``limits``: ``QuizLimits`` (caps, cooldowns, memory bounds) and the gate that applies them at a start;
- ``registry``: the quizzes in memory; ``ending``: the end of a quiz, written even after a failed write;
- ``service``: ``QuizService``, the use-cases the cogs and the terminal call.
"""

from bot.core.quiz.limits import QuizLimits
from bot.core.quiz.models import (
    ALMOST_FREE,
    ALMOST_FREE_RETRY,
    ALMOST_TRY,
    MODES,
    PRACTICE_COMMAND,
    QUESTIONS_DEFAULT,
    QUESTIONS_MAX,
    QUESTIONS_MIN,
    SECONDS_DEFAULT,
    SECONDS_MAX,
    SECONDS_MIN,
    AnswerResult,
    HardQuestion,
    HintResult,
    LiveQuestion,
    LiveQuiz,
    NotSaved,
    QuizEnded,
    QuizRow,
    QuizRunning,
    Reveal,
    Summary,
    TooLate,
    Winner,
)
from bot.core.quiz.service import DueCards, QuizService

__all__ = [
    "ALMOST_FREE",
    "ALMOST_FREE_RETRY",
    "ALMOST_TRY",
    "MODES",
    "PRACTICE_COMMAND",
    "QUESTIONS_DEFAULT",
    "QUESTIONS_MAX",
    "QUESTIONS_MIN",
    "SECONDS_DEFAULT",
    "SECONDS_MAX",
    "SECONDS_MIN",
    "AnswerResult",
    "DueCards",
    "HardQuestion",
    "HintResult",
    "LiveQuestion",
    "LiveQuiz",
    "NotSaved",
    "QuizEnded",
    "QuizLimits",
    "QuizRow",
    "QuizRunning",
    "QuizService",
    "Reveal",
    "Summary",
    "TooLate",
    "Winner",
]
