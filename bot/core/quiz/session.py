"""The rules of a live question, as pure state changes (no I/O, no ``await``).

``QuizService`` calls these in order and writes the attempt in between; keeping them free of ``await``
is what keeps the first-correct race cheap: within one event loop only one answer per question is
provisionally first, and only that one claims the question in the database, which has the last word across
processes (``second_place`` when another process's answer got there first). The one exception is
``grade_async``, which gives the loop back while it grades a long answer: the caller then checks
``require_still_open`` again before ``claim``, which stays free of ``await``.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.core import prompts
from bot.core.errors import Conflict, UserError
from bot.core.grading import grade_card, grade_card_async
from bot.core.grading.compiled import cached_card, extra_answers
from bot.core.models import Card, Verdict, VerdictKind, VerdictReason
from bot.core.quiz.models import (
    ALMOST_FREE,
    ALMOST_FREE_RETRY,
    ALMOST_TRY,
    PRACTICE_COMMAND,
    HintResult,
    LiveQuestion,
    LiveQuiz,
    QuizEnded,
    TooLate,
    Winner,
)
from bot.core.scoring import WINDOW_SECONDS, answer_points, tries_allowed

log = logging.getLogger(__name__)

#: Texts whose verdict an open question keeps (``grade_async``; 0: none), and the longest text kept.
VERDICTS_PER_QUESTION = 512
VERDICT_TEXT_MAX = 200

#: Who may skip or stop, per action.
_CONTROL = {
    "skip": "Only the starter or a moderator (Manage Messages) can skip a question in this quiz.",
    "stop": "Only the starter or a moderator (Manage Messages) can stop this quiz.",
}


# -- who may do what -------------------------------------------------------------------------------
def require_owner(quiz: LiveQuiz, user_id: int | None, *, answering: bool = False) -> None:
    """A practice belongs to whoever started it."""
    if not quiz.private or user_id is None or user_id == quiz.starter_id:
        return
    if answering:
        raise UserError(
            "quiz.not_yours",
            "This practice belongs to someone else; start your own with {command}.",
            command=PRACTICE_COMMAND,
        )
    raise UserError("quiz.not_yours", "This practice belongs to someone else.")


def require_control(quiz: LiveQuiz, user_id: int, can_moderate: bool, action: str) -> None:
    """Allow the starter, or a moderator in a channel quiz, to ``action`` (``skip`` or ``stop``)."""
    if user_id == quiz.starter_id or (can_moderate and not quiz.private):
        return
    raise UserError(f"quiz.{action}_denied", _CONTROL[action])


def current_question(quiz: LiveQuiz, number: int | None) -> LiveQuestion:
    """The open question (``number``, when the player's view names one); ``TooLate`` otherwise."""
    question = quiz.question
    if question is None or question.closed or (number is not None and number != question.number):
        raise TooLate(number)
    return question


def spent(quiz: LiveQuiz, question: LiveQuestion, user_id: int) -> bool:
    """Whether this player can no longer answer ``question``: they got it right, or used their tries."""
    return user_id in question.solved or question.tries.get(user_id, 0) >= tries_allowed(quiz.mode, two_way=question.two_way)


def require_answerable(quiz: LiveQuiz, question: LiveQuestion, user_id: int | None, now: datetime) -> None:
    """The question still takes answers, and (``user_id``) this player has not solved it or used their tries."""
    if question.closes_at is not None and now >= question.closes_at:
        raise TooLate(question.number)
    if user_id is None:
        return
    if user_id in question.solved:
        raise UserError("quiz.solved", "You already got this one — wait for the next question.")
    if question.tries.get(user_id, 0) >= tries_allowed(quiz.mode, two_way=question.two_way):
        raise UserError("quiz.no_tries", "You have no tries left on this question.")


# -- asking ----------------------------------------------------------------------------------------
def next_question(
    quiz: LiveQuiz,
    *,
    pool: Sequence[Card],
    rng: random.Random,
    now: datetime,
    essay_seconds: int = 0,
    skip: frozenset[str] = frozenset(),
    given_away: frozenset[tuple[str, str]] = frozenset(),
) -> LiveQuestion | None:
    """Open the next question of the plan (skipping a card that cannot be asked, the cards of ``skip``: open in
    another quiz of the server, and the questions, card key and direction, of ``given_away``: answered by what the
    quiz has shown); None when none is left.

    In a channel quiz an essay question stays open at least ``essay_seconds``.
    """
    if quiz.question is not None and not quiz.question.closed:
        raise Conflict("quiz.question_open", "The current question is still open.")
    while quiz.number < quiz.total:
        card, direction = quiz.plan[quiz.number]
        quiz.number += 1
        if card.key in skip or (card.key, direction) in given_away:
            spare = _spare(quiz, skip, given_away)
            if spare is None:
                log.info("card %s is hidden or given away now and no other card can stand in; skipped", card.key)
                continue
            log.info("card %s is hidden in the server now; %s asked in its place", card.key, spare[0].key)
            quiz.plan[quiz.number - 1] = spare
            card, direction = spare
        try:
            prompt = prompts.make_prompt(card, direction, mode=quiz.mode, pool=pool, rng=rng)
        except ValueError:
            log.warning("card %s cannot be asked %s in %s mode; skipped", card.key, direction, quiz.mode)
            continue
        seconds = quiz.seconds
        if card.is_essay and direction == prompts.QUESTION:
            seconds = max(seconds, essay_seconds)
        closes = None if quiz.private else now + timedelta(seconds=seconds)
        question = LiveQuestion(number=quiz.number, card=card, prompt=prompt, opened_at=now, closes_at=closes)
        quiz.question = question
        quiz.asked.append(question)
        quiz.last_activity = now
        return question
    return None


def _spare(
    quiz: LiveQuiz, skip: frozenset[str], given_away: frozenset[tuple[str, str]] = frozenset()
) -> tuple[Card, str] | None:
    """The first of the quiz's spare cards that is not hidden (``skip``), given away (``given_away``) nor in its
    plan, taken from them."""
    planned = {card.key for card, _ in quiz.plan}
    for k, (card, direction) in enumerate(quiz.spares):
        if card.key not in skip and (card.key, direction) not in given_away and card.key not in planned:
            del quiz.spares[k]
            return card, direction
    return None


def take_hint(quiz: LiveQuiz, question: LiveQuestion, user_id: int, now: datetime) -> HintResult:
    """One more hint for ``user_id`` alone: it lowers only their points on this question.

    The fair rule: a hint helps and costs whoever asked for it, nobody else.
    """
    if question.prompt.is_choice:
        raise UserError("quiz.no_hints", "There are no hints in choice mode.")
    if not question.max_hints:
        raise UserError("quiz.no_hint_here", "This question has no hints.")
    if user_id in question.solved:
        raise UserError("quiz.solved", "You already got this one — wait for the next question.")
    used = question.hints_of(user_id)
    if used >= question.max_hints:
        raise UserError("quiz.hints_used", "No more hints for this question.")
    question.hints[user_id] = used + 1
    quiz.last_activity = now
    levels = question.hint_levels
    return HintResult(
        text=levels[used] if levels is not None else prompts.hint_text(question.prompt.hint_answer, used + 1),
        level=used + 1,
        max_level=question.max_hints,
        points_now=answer_points(first=question.first_at is None or quiz.private, hints=used + 1),
    )


def give_back_hint(question: LiveQuestion, user_id: int, level: int) -> bool:
    """Hint ``level`` never reached ``user_id`` (its reply failed): it costs them nothing, and the next press
    shows it again. Only while it is still their latest hint; whether it was given back."""
    if question.hints_of(user_id) != level or user_id in question.solved:
        return False
    if level > 1:
        question.hints[user_id] = level - 1
    else:
        question.hints.pop(user_id, None)
    return True


# -- answering -------------------------------------------------------------------------------------
def grade(
    question: LiveQuestion, response: str, option: int | None, *, extra_accept: Sequence[str] = ()
) -> tuple[Verdict, str]:
    """The verdict on an answer, and the answer as stored (the option's label in choice mode).

    ``extra_accept``: the answers the quiz's server accepted for this card beyond the deck's own (disputes).
    """
    prompt = question.prompt
    if not prompt.is_choice:
        response = (response or "").strip()
        verdict = grade_card(question.card, response, direction=prompt.direction, extra_accept=extra_accept)
        return verdict, response
    return _pick(question, option)


async def grade_async(
    question: LiveQuestion, response: str, option: int | None, *, extra_accept: Sequence[str] = ()
) -> tuple[Verdict, str]:
    """``grade`` for the event loop: a long answer (or a card not compiled yet) is graded in slices that
    give the loop back. A short answer to a compiled card is graded without yielding; after a yield the
    caller checks ``require_still_open`` before counting the answer.

    In a race many players type the same text: while the question is open, the verdict on a text is kept
    (``LiveQuestion.verdicts``) and given again to the same text graded against the same compiled card
    (a verdict depends on nothing else; a change of the decks' terms compiles the card again, and the new
    compiled card grades the text afresh)."""
    prompt = question.prompt
    if prompt.is_choice:
        return _pick(question, option)
    response = (response or "").strip()
    extra = extra_answers(extra_accept)
    compiled = cached_card(question.card, prompt.direction, extra)
    key = (response, extra)
    if compiled is not None:
        kept = question.verdicts.get(key)
        if kept is not None and kept[0] is compiled:
            return kept[1], response
    verdict = await grade_card_async(question.card, response, direction=prompt.direction, extra_accept=extra)
    # Kept only when the card graded it as compiled before and after (grading a long answer yields: the terms
    # may change meanwhile).
    if (
        VERDICTS_PER_QUESTION
        and compiled is not None
        and len(response) <= VERDICT_TEXT_MAX
        and not question.closed
        and cached_card(question.card, prompt.direction, extra) is compiled
    ):
        if len(question.verdicts) >= VERDICTS_PER_QUESTION:
            question.verdicts.clear()
        question.verdicts[key] = (compiled, verdict)
    return verdict, response


def _pick(question: LiveQuestion, option: int | None) -> tuple[Verdict, str]:
    prompt = question.prompt
    if option is None or not 0 <= option < len(prompt.options):
        raise UserError("quiz.pick", "Pick one of the options.")
    if option == prompt.correct_option:
        return Verdict(VerdictKind.CORRECT, 1.0, VerdictReason.CORRECT), prompt.options[option]
    return Verdict(VerdictKind.WRONG, 0.0, VerdictReason.WRONG), prompt.options[option]


def require_still_open(quiz: LiveQuiz, question: LiveQuestion, user_id: int, now: datetime) -> None:
    """After grading gave the loop away: the quiz still runs, ``question`` is still the open one and this
    player may still answer it (another answer of theirs, the closing window or a skip may have come)."""
    if not quiz.running:
        raise QuizEnded()
    current_question(quiz, question.number)
    require_answerable(quiz, question, user_id, now)


@dataclass(slots=True)
class Claim:
    """What one graded answer changed on its question (``undo`` puts it back if the write fails)."""

    question: LiveQuestion
    user_id: int
    correct: bool
    points: int
    first: bool
    costs_try: bool
    used: int
    new_player: bool
    near_miss: bool
    old_closes: datetime | None
    old_first_at: datetime | None
    #: A right chat answer closed the question at once (``claim``).
    shut: bool = False
    #: This "almost" was the player's free retry on the question (``claim``).
    free_retry: bool = False

    @property
    def almost(self) -> str | None:
        """What this answer cost as an "almost" (``AnswerResult.almost``); None for another verdict."""
        if self.free_retry:
            return ALMOST_FREE_RETRY
        if not self.near_miss:
            return None
        return ALMOST_TRY if self.costs_try else ALMOST_FREE

    def undo(self) -> None:
        """Nothing was stored: the player can answer again as if this answer never came."""
        q = self.question
        if self.correct:
            q.solved.pop(self.user_id, None)
        if self.first:
            q.first_at = self.old_first_at
        if self.first or self.shut:
            q.closes_at = self.old_closes
        if self.costs_try:
            q.tries[self.user_id] = self.used
        if self.free_retry:
            q.free_retries.discard(self.user_id)
        if self.new_player:
            q.answered.discard(self.user_id)
        q.attempts -= 1


def claim(
    quiz: LiveQuiz,
    question: LiveQuestion,
    *,
    user_id: int,
    user_name: str,
    verdict: Verdict,
    now: datetime,
    silent: bool = False,
) -> Claim:
    """Count a graded answer: points (the first right one opens the closing window), tries, players.

    "Almost" (a spelling slip the grader does not accept) is said to the player, who types again. In practice it
    costs no try. In a channel quiz the question still scores, and "almost" tells the player they are near the
    answer: only their first "almost" on a question is free (their free retry: a typo deserves a second chance);
    each later one costs a try, as a wrong answer does, so that near misses cannot be typed over and over to close
    in on the answer. A ``silent`` answer (a chat message, right or a guess: ``chat.is_guess``; nobody tells the
    player anything of a wrong one) costs its try whatever its verdict, an "almost" too (nothing tells the player to try again, so
    it is no free retry); right, it closes the question of a channel quiz at once: everyone in the channel can
    read it, and an answer copied from it would score."""
    used = question.tries.get(user_id, 0)
    near_miss = verdict.kind is VerdictKind.ALMOST
    free_retry = near_miss and not silent and not quiz.private and user_id not in question.free_retries
    done = Claim(
        question=question, user_id=user_id, correct=verdict.correct, points=0, first=False,
        costs_try=silent or not near_miss or (not quiz.private and not free_retry),
        used=used, new_player=user_id not in question.answered, near_miss=near_miss,
        old_closes=question.closes_at, old_first_at=question.first_at, free_retry=free_retry,
    )
    if free_retry:
        question.free_retries.add(user_id)
    if verdict.correct:
        choice = question.prompt.is_choice
        done.first = question.first_at is None
        done.points = answer_points(first=done.first, hints=question.hints_of(user_id), choice=choice)
        if done.first:
            question.first_at = now
            # A race: the others have a short window to match the first right answer. In choice mode
            # every right pick scores the same, so the question stays open for its whole time; so does an
            # essay, which nobody writes in a few seconds (the first still scores the most).
            if question.closes_at is not None and not choice and not question.essay:
                question.closes_at = min(question.closes_at, now + timedelta(seconds=WINDOW_SECONDS))
        if silent and not quiz.private and question.closes_at is not None and question.closes_at > now:
            question.closes_at = now
            done.shut = True
        question.solved[user_id] = Winner(user_id, user_name, done.points, done.first and not choice)
    if done.costs_try:
        question.tries[user_id] = used + 1
    question.answered.add(user_id)
    question.attempts += 1
    quiz.last_activity = now
    return done


def answer_key(quiz: LiveQuiz, question: LiveQuestion, user_id: int, grader: str) -> str:
    """The key of the answer ``user_id`` is sending to ``question`` (``attempts.attempt_key``, unique): the quiz,
    the question, the player, the service grading it (``grader``: a quiz whose answers two processes grade counts
    each player's answers in each, so the counts alone could meet) and the number of their answer there. An answer
    whose commit could not be confirmed is settled by looking it up by this key (``store.settle``)."""
    number = question.keyed.get(user_id, 0) + 1
    question.keyed[user_id] = number
    return f"quiz:{quiz.id}:{question.number}:{user_id}:{grader}:{number}"


def second_place(question: LiveQuestion, done: Claim, user_name: str, points: int) -> None:
    """The database gave the question's first place to another answer (another process's): ``done`` counts as
    a later right answer, worth ``points``. The closing window stays as it is: a first answer exists."""
    done.first = False
    done.points = points
    question.solved[done.user_id] = Winner(done.user_id, user_name, points, False)
