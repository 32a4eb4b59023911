"""The quiz feature: channel quizzes and private practice.

- ``models``: the live state (``LiveQuiz``, ``LiveQuestion``) and what the use-cases return;
- ``plan``: checking options and choosing the cards, their order and directions;
- ``results``: the reveal of a question and the summary of a quiz;
- ``commit``: group commit of graded answers;
- ``service``: ``QuizService``, the use-cases the cogs and the terminal call.
"""

from bot.core.quiz.models import (
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
    QuizEnded,
    QuizRunning,
    Reveal,
    Summary,
    TooLate,
    Winner,
)
from bot.core.quiz.service import QuizService

__all__ = [
    "MODES",
    "PRACTICE_COMMAND",
    "QUESTIONS_DEFAULT",
    "QUESTIONS_MAX",
    "QUESTIONS_MIN",
    "SECONDS_DEFAULT",
    "SECONDS_MAX",
    "SECONDS_MIN",
    "AnswerResult",
    "HardQuestion",
    "HintResult",
    "LiveQuestion",
    "LiveQuiz",
    "QuizEnded",
    "QuizRunning",
    "QuizService",
    "Reveal",
    "Summary",
    "TooLate",
    "Winner",
]
