"""The live state of the quiz feature and what its use-cases return (plain data, no surface).

A ``LiveQuiz`` is a channel quiz or a private practice while it runs; its ``LiveQuestion`` holds the tries,
the winners and the answers still being written. ``AnswerResult``, ``HintResult``, ``Reveal`` and
``Summary`` are what the cogs and the terminal render.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from bot.core import prompts
from bot.core.errors import Closed, CommandRef, Conflict, MessageRef, UserError
from bot.core.models import Card, Source, Verdict
from bot.core.prompts.labels import two_way
from bot.core.storage.problems import CommitUnconfirmed
from bot.core.storage.quiz_queries import PlayerTotal, QuizRow, top_scorer

log = logging.getLogger(__name__)

MODES = ("typed", "choice")
QUESTIONS_MIN, QUESTIONS_MAX, QUESTIONS_DEFAULT = 1, 50, 10
SECONDS_MIN, SECONDS_MAX, SECONDS_DEFAULT = 10, 120, 30
ENDED_KEPT = 256
#: What an "almost" answer cost (``AnswerResult.almost``).
ALMOST_FREE = "free"  # practice: every near miss is free (the player alone is playing)
ALMOST_FREE_RETRY = "free_retry"  # a channel quiz: the question's one free retry, used now
ALMOST_TRY = "try"  # a channel quiz: the free retry was used before, so this one cost a try
#: The command that starts a private practice (named in errors; each surface renders it).
PRACTICE_COMMAND = CommandRef("quiz private:True")
#: ``overlay(guild_id, card_key, direction, card)``: the answers a server accepted for a card (as ``card``
#: asks it) beyond the deck's own (``DisputeService.overlay_accepts``, read from memory). Given by the
#: composition root.
Overlay = Callable[[int | None, str, str, Card | None], tuple[str, ...]]


class QuizRunning(Conflict):
    """A channel already has a quiz; ``quiz`` is the running one (its question message is linked): the live
    quiz when this process runs it, its stored row when another process on the same database does."""

    def __init__(self, quiz: LiveQuiz | QuizRow) -> None:
        if isinstance(quiz, QuizRow):
            message_id = quiz.message_id
        else:
            message_id = quiz.question.message_id if quiz.question is not None else None
        if quiz.channel_id is not None and message_id is not None:
            super().__init__(
                "quiz.running",
                "A quiz is already running in this channel: see {message}.",
                message=MessageRef(quiz.guild_id, quiz.channel_id, message_id),
            )
        else:
            super().__init__("quiz.running", "A quiz is already running in this channel.")
        self.quiz = quiz


class QuizEnded(Closed):
    """The quiz is over (finished, stopped, or interrupted by a restart)."""

    def __init__(self) -> None:
        super().__init__("quiz.ended", "This quiz has ended.")


class TooLate(Closed):
    """The question the player answered has closed."""

    def __init__(self, number: int | None) -> None:
        if number:
            super().__init__("quiz.closed", "Too late — question {number} has closed.", number=number)
        else:
            super().__init__("quiz.closed", "Too late — that question has closed.")


class NotSaved(UserError):
    """An answer (or a start) could not be written: the database refuses writes (disk full, read-only)."""

    category = "unavailable"

    def __init__(self, what: str = "answer") -> None:
        if what == "unconfirmed":
            super().__init__(
                "quiz.unconfirmed", "I lost my connection to my database while saving your answer and could not "
                "check whether it was saved: it may count or not, but never twice. Your try on this question is "
                "used.",
            )
        elif what == "start":
            super().__init__(
                "quiz.not_saved", "I can't start a quiz right now: my database is not accepting writes. "
                "Please try again later.",
            )
        else:
            super().__init__(
                "quiz.not_saved", "Your answer could not be saved (my database is not accepting writes), so it "
                "did not count.",
            )


@dataclass(slots=True)
class Winner:
    """Someone who answered a question right, and what it earned them."""

    user_id: int
    name: str
    points: int
    first: bool


@dataclass(slots=True)
class Reveal:
    """A closed question: the accepted answer, an excerpt of the explanation, who got it right."""

    number: int
    total: int
    card: Card
    prompt: prompts.Prompt
    answer: str
    excerpt: str
    winners: list[Winner]
    attempts: int
    players: int
    last: bool
    #: the answer and its excerpt are kept back (empty): the server's daily question, open still, asks the card
    withheld: bool = False
    #: (in practice) what keeps them back is a question open in another server its player plays in, or in a
    #: channel of this one, that asks the card now
    withheld_elsewhere: bool = False
    #: what keeps them back is a question open now (in this server, or in another its player plays in) whose
    #: answer the card's text states: the reveal would give that answer away
    withheld_stated: bool = False
    #: right answers left out of ``winners``: their commit could not be confirmed, nor settled when the question
    #: closed (the database could not be asked), so they may not be stored
    unconfirmed: int = 0


@dataclass(slots=True)
class LiveQuestion:
    """One asked question while it is open (and its reveal once closed)."""

    number: int  # 1-based
    card: Card
    prompt: prompts.Prompt
    opened_at: datetime
    closes_at: datetime | None  # None: self-paced (practice)
    hints: dict[int, int] = field(default_factory=dict)  # hints each player asked for (they cost only them)
    tries: dict[int, int] = field(default_factory=dict)
    #: Players who had their free retry on this question: an "almost" that cost no try (a channel quiz gives one;
    #: ``session.claim``). Their later "almost" answers cost a try, as wrong ones do.
    free_retries: set[int] = field(default_factory=set)
    answered: set[int] = field(default_factory=set)
    solved: dict[int, Winner] = field(default_factory=dict)
    first_at: datetime | None = None
    attempts: int = 0
    closed: bool = False
    reveal: Reveal | None = None
    message_id: int | None = None
    pending: set[asyncio.Future[None]] = field(default_factory=set)
    #: Right answers whose commit could not be confirmed, by player: settled when the question closes, so that its
    #: reveal names only answers known to be stored.
    unconfirmed: dict[int, CommitUnconfirmed] = field(default_factory=dict)
    #: Answers each player has sent to be stored, never given back (an answer that was not stored keeps its
    #: number): the last part of each answer's key (``answer_key``).
    keyed: dict[int, int] = field(default_factory=dict)
    #: While open: the verdict on each text typed so far, with the compiled card that gave it (``session.grade_async``).
    verdicts: dict[tuple[str, tuple[str, ...]], tuple[object, Verdict]] = field(default_factory=dict)
    #: The hints this question gives, checked against the card as it is graded here (``QuizService.hint``
    #: works them out at the first hint asked for); None until then.
    hint_levels: tuple[str, ...] | None = None

    @property
    def max_hints(self) -> int:
        """How many hints this question allows (none in choice mode, none on an essay). Until the first hint is
        asked for, the hints of the answer alone are counted (never fewer than the card allows)."""
        if self.prompt.is_choice or self.essay:
            return 0
        if self.hint_levels is not None:
            return len(self.hint_levels)
        return prompts.max_hint_level(self.prompt.hint_answer)

    def hints_of(self, user_id: int) -> int:
        """How many hints ``user_id`` asked for on this question."""
        return self.hints.get(user_id, 0)

    @property
    def essay(self) -> bool:
        """Whether the answer is an essay (key points, no short answer): it deserves a long answer box."""
        return self.card.is_essay and self.prompt.direction == prompts.QUESTION

    @property
    def two_way(self) -> bool:
        """Whether the typed answer is one of two (Yes or No, True or False): one try each (``tries_allowed``),
        since "not quite" on one names the other while the question still scores."""
        return not self.prompt.is_choice and two_way(self.prompt.hint_answer) is not None


@dataclass(slots=True)
class LiveQuiz:
    """A running channel quiz or private practice."""

    id: str
    guild_id: int | None
    channel_id: int | None
    starter_id: int
    starter_name: str
    topic: str | None
    mode: str
    private: bool
    seconds: int
    plan: list[tuple[Card, str]]
    requested: int | None = None  # the number of questions asked for, when the topic had fewer cards
    essays: bool = False  # a channel quiz that asked for essay cards (they get longer)
    # Cards of the topic beyond the plan: one is asked in place of a planned card that is hidden when its turn
    # comes (open in another quiz of the server, the daily question), so the quiz keeps its length.
    spares: list[tuple[Card, str]] = field(default_factory=list)
    number: int = 0
    question: LiveQuestion | None = None
    asked: list[LiveQuestion] = field(default_factory=list)
    status: str = "running"
    summary: Summary | None = None
    last_activity: datetime | None = None
    failed: bool = False  # an answer could not be written: the quiz cannot go on
    tally: dict[int, PlayerTotal] = field(default_factory=dict)  # what each player earned (as written)
    #: Answers whose commit could not be confirmed (the connection was lost as it committed): settled at the end,
    #: before the summary is read, so that the summary and the leaderboard agree.
    unconfirmed: list[CommitUnconfirmed] = field(default_factory=list)

    @property
    def total(self) -> int:
        """How many questions the quiz asks."""
        return len(self.plan)

    @property
    def running(self) -> bool:
        """Whether the quiz still takes answers (not finished, stopped or swept)."""
        return self.status == "running"

    @property
    def source(self) -> Source:
        """What its attempts are stored as (practice never counts on a leaderboard)."""
        return Source.PRACTICE if self.private else Source.QUIZ

    @property
    def short(self) -> bool:
        """Whether the topic had fewer cards than the questions asked for."""
        return self.requested is not None

    @property
    def note(self) -> str | None:
        """Plain text saying the quiz is shorter than asked (None when it is not)."""
        if self.requested is None:
            return None
        n = self.total
        where = f"{self.topic} has" if self.topic else "the decks have"
        return f"{where} only {n} card{'s' if n != 1 else ''} to ask: this quiz has {n} question{'s' if n != 1 else ''}."


@dataclass(slots=True)
class AnswerResult:
    """What one answer earned. ``reveal`` is set when it ended a practice question."""

    verdict: Verdict
    points: int = 0
    first: bool = False
    tries_left: int = 0
    number: int = 0
    closes_at: datetime | None = None  # set when this answer opened the closing window (or, typed in the chat, closed it)
    reveal: Reveal | None = None  # practice: the question is over (right, or out of tries)
    ignored: bool = False  # a chat message that was talk, no guess (``chat.is_guess``): nothing stored or said, no try
    response: str = ""
    choice: bool = False  # picked from options: every right pick scores the same, there is no "first"
    attempt_id: int | None = None  # the stored answer (a player may dispute it: ``bot.core.disputes``)
    #: What an "almost" cost (None for any other verdict): ``ALMOST_FREE`` in practice (every near miss is free),
    #: ``ALMOST_FREE_RETRY`` for a channel quiz question's one free retry, ``ALMOST_TRY`` after it (a try spent).
    almost: str | None = None


@dataclass(slots=True)
class HintResult:
    """One more hint for the player who asked: its text, its level, and what their right answer scores now."""

    text: str
    level: int
    max_level: int
    points_now: int


@dataclass(slots=True)
class HardQuestion:
    """The question the fewest players got right."""

    card: Card
    text: str
    correct: int
    players: int
    label: str = ""  # what the card is called (its term)


@dataclass(slots=True)
class Summary:
    """A quiz's outcome: ranking, accuracy, hardest question."""

    quiz_id: str
    status: str
    topic: str | None
    private: bool
    asked: int
    total: int
    ranking: list[PlayerTotal]
    correct: int
    attempts: int
    hardest: HardQuestion | None
    review: tuple[str, ...] = ()  # practice: what the player missed, by name (terms)
    saved: bool = True  # False while the end of the quiz waits to be written (the database refused it)
    #: Answers whose saving could still not be confirmed when the quiz ended (the database could not be asked):
    #: not in the ranking; they count on the leaderboard if they were saved after all.
    unconfirmed: int = 0

    @property
    def solo(self) -> bool:
        """A practice, played alone: no ranking, no "hardest question" of one player."""
        return self.private

    @property
    def accuracy(self) -> float | None:
        """Right answers over all answers (None when nobody answered)."""
        return None if not self.attempts else self.correct / self.attempts

    @property
    def winner(self) -> PlayerTotal | None:
        """The best player, if they scored at all."""
        return top_scorer(self.ranking)
