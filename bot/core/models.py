"""Plain data types shared by the core, the store and the cogs."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from typing import Final, Protocol

from bot.core.errors import Quote
from bot.core.text import storable

#: How a card made from an imported term/definition pair asks for its term: this line, then the definition.
WHICH_TERM_PROMPT: Final = "Which term is this?"


@dataclass(frozen=True, slots=True)
class Card:
    """One flashcard as written in a deck file (see README: deck format)."""

    deck: str
    id: str
    question: str
    answer: str
    term: str | None = None
    aliases: tuple[str, ...] = ()
    accept: tuple[str, ...] = ()
    reject: tuple[str, ...] = ()
    keypoints: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    status: str = "ok"
    note: str | None = None

    @property
    def key(self) -> str:
        """Globally unique id: ``deck:card``."""
        return f"{self.deck}:{self.id}"

    @property
    def askable(self) -> bool:
        """Incomplete cards are never asked."""
        return self.status == "ok"

    @property
    def is_essay(self) -> bool:
        return not self.accept and bool(self.keypoints)

    @property
    def names(self) -> tuple[str, ...]:
        """The term followed by its aliases (empty when the card defines no term)."""
        return ((self.term,) if self.term else ()) + self.aliases


def asks_alike(a: Card, b: Card) -> bool:
    """Whether two versions of a card ask the same question and take the same answers: only their tags or note
    (which no question shows and no grading reads) differ."""
    return replace(a, tags=(), note=None) == replace(b, tags=(), note=None)


def still_learned(old: Card, new: Card) -> bool:
    """Whether what a member learned from the ``old`` version of a card still answers the ``new`` one: the new
    version asks the same question (and names the same term, or asks the same key points) and takes every answer
    the old took (it may take more, be re-tagged, or have its explanation reworded: a typo fixed in the
    explanation of a card with accepted answers changes nothing a member answers). A card graded against its
    answer text (no accepted answers, no key points) is learned no more once that text changes. Otherwise the
    member's schedule of the card is not about the card any more (``DeckQueries``: due again at once)."""
    if old.question != new.question or old.term != new.term or old.keypoints != new.keypoints:
        return False
    if not (set(old.aliases) <= set(new.aliases) and set(old.accept) <= set(new.accept)):
        return False
    graded_by_text = not old.accept and not old.keypoints
    return not graded_by_text or (not new.accept and old.answer == new.answer)


#: What a shared deck's name is followed by in a server that has a deck of its own by that name
#: (``bot.core.catalog.shared_name``).
SHARED_SUFFIX = " (shared)"


@dataclass(frozen=True, slots=True)
class Deck:
    id: str
    title: str
    description: str = ""
    cards: tuple[Card, ...] = ()
    source: str = ""

    def card(self, card_id: str) -> Card | None:
        for c in self.cards:
            if c.id == card_id:
                return c
        return None


class VerdictKind(StrEnum):
    CORRECT = "correct"
    ALMOST = "almost"
    PARTIAL = "partial"
    WRONG = "wrong"
    EMPTY = "empty"


class VerdictReason(StrEnum):
    """Why the grader gave its verdict: a stable code each surface renders in its own words."""

    CORRECT = "correct"  # right (also a choice option, a whole-string match, a ruled-out rival)
    SPELLING = "spelling"  # right, with a typo; ``matched`` is the correct spelling
    ALL_KEYPOINTS = "all_keypoints"  # essay: every key point made (``total``)
    EMPTY = "empty"  # nothing to grade
    NOT_QUITE = "not_quite"  # wrong, nothing more to say
    WRONG = "wrong"  # a wrong choice option
    DID_YOU_MEAN = "did_you_mean"  # almost: a real word close to the answer; ``suggestion``
    NEAR_MISS = "near_miss"  # ``typed`` is a known rival of ``expected`` (``aka``: another name of it)
    PICK_ONE = "pick_one"  # the answer and a rival (``typed``) of ``expected`` together
    NOT_ONE_OF = "not_one_of"  # ``typed`` is not one of the items of a list answer
    HEDGED = "hedged"  # the answer hedged with ``typed`` ("L1 or L2")
    KEYWORD_LIST = "keyword_list"  # a dump of terms, not an answer
    NEGATED = "negated"  # the player ruled out ``expected``, the answer
    CLASH = "clash"  # ``typed`` has other digits than ``expected`` ("51%" for "15%")
    PARTIAL_LIST = "partial_list"  # ``found`` of ``total`` items of a list answer; ``missing`` items
    PARTIAL = "partial"  # essay: ``found`` of ``total`` key points; ``missing`` points
    NO_KEYPOINTS = "no_keypoints"  # essay: none of the ``total`` key points
    REJECTED = "rejected"  # essay: ``typed`` is on the card's reject list
    CONTRADICTS = "contradicts"  # essay: the player contradicted the key point ``expected``
    UNSUPPORTED_CLAIM = "unsupported_claim"  # essay: every key point, and ``typed``, a claim the card does not back


# The plain English wording of each reason. ``{typed}`` and the other names are ``Quote`` parameters;
# ``{gloss}`` is " (typed is aka)" or nothing. No emoji, no markup: the surface adds its mark for the kind
# and renders each parameter its own way.
_WORDING: dict[VerdictReason, str] = {
    VerdictReason.CORRECT: "Correct",
    VerdictReason.SPELLING: "Correct — spelling: {matched}",
    VerdictReason.ALL_KEYPOINTS: "Correct — all {total} key points",
    VerdictReason.EMPTY: "No answer — type your answer to have it graded",
    VerdictReason.NOT_QUITE: "Not quite",
    VerdictReason.WRONG: "Wrong",
    VerdictReason.DID_YOU_MEAN: "Almost — did you mean {suggestion}? Try again",
    VerdictReason.NEAR_MISS: "{typed} is not {expected}{gloss}",
    VerdictReason.PICK_ONE: "Pick one: {typed} is not {expected}{gloss}",
    VerdictReason.NOT_ONE_OF: "{typed} is not one of them",
    VerdictReason.HEDGED: "Pick one answer — {typed} hedges it",
    VerdictReason.KEYWORD_LIST: "That's a list of terms, not an answer",
    VerdictReason.NEGATED: "You ruled out {expected} — that was the answer",
    VerdictReason.CLASH: "{typed} is not {expected}",
    VerdictReason.PARTIAL_LIST: "{found} of {total} — missing: {missing}",
    VerdictReason.PARTIAL: "{found} of {total} — missing: {missing}",
    VerdictReason.NO_KEYPOINTS: "None of the {total} key points",
    VerdictReason.REJECTED: "{typed} is not right here",
    VerdictReason.CONTRADICTS: "That contradicts a key point: {expected}",
    VerdictReason.UNSUPPORTED_CLAIM: "All {total} key points, but not this: {typed}",
}

# The wording while the question is still open, for the reasons whose full wording names something the
# player did not type (the answer, a missing point, a suggestion), or tells more than a plain wrong answer
# would (that the answer was among those offered, or was the one ruled out, or that what was typed is the
# answer's near miss or rival: "L1" where "L2" is right): only what they typed, and counts.
_OPEN_WORDING: dict[VerdictReason, str] = {
    VerdictReason.SPELLING: "Correct — check your spelling",
    VerdictReason.DID_YOU_MEAN: "Almost — check your spelling and try again",
    VerdictReason.NEAR_MISS: "Not quite",
    VerdictReason.PICK_ONE: "Not quite",
    VerdictReason.HEDGED: "Not quite",
    VerdictReason.NOT_ONE_OF: "Not quite",
    VerdictReason.NEGATED: "Not quite",
    VerdictReason.CLASH: "Not quite",
    VerdictReason.REJECTED: "Not quite",
    VerdictReason.PARTIAL_LIST: "{found} of {total} — some are missing",
    VerdictReason.PARTIAL: "{found} of {total} key points",
    VerdictReason.CONTRADICTS: "{found} of {total} key points",
    # (that the list held the answer; that a key point was denied: a wrong answer says neither)
    VerdictReason.KEYWORD_LIST: "Not quite",
}
#: The full wording of a partial answer that contradicts a key point: its count as the open wording gives it, and
#: the points still missing (``_CONTRADICTS_MISSING``, when there are any), beside the point contradicted.
_CONTRADICTS_PARTIAL: Final = "{found} of {total} — that contradicts a key point: {expected}"
_CONTRADICTS_MISSING: Final = " — missing: {missing}"
#: The open wording of a wrong answer that contradicts a key point: that of an answer that makes none, so that
#: denying words one by one ("not depth", "not colour") cannot find the key points.
_OPEN_CONTRADICTS_WRONG: Final = "None of the {total} key points"

#: Reasons whose full feedback names something the player did not type: a surface hides it while the
#: question is still open.
REVEALING = frozenset(_OPEN_WORDING)


@dataclass(frozen=True, slots=True)
class Verdict:
    """The grader's judgement of one typed answer, as data: surfaces render it.

    ``reason`` says why; the other fields are its parameters, as plain text (never escaped):
    ``matched`` the accepted answer (or covered key points) matched; ``missing`` the items or key points
    not made; ``suggestion`` the did-you-mean; ``typed`` the piece of the player's own answer the
    feedback quotes; ``expected`` what it was confused with (the answer, or a contradicted key point);
    ``aka`` another name of ``typed`` (a rival's gloss); ``found``/``total`` items or key points.
    """

    kind: VerdictKind
    score: float
    reason: VerdictReason
    matched: str | None = None
    missing: tuple[str, ...] = ()
    suggestion: str | None = None
    typed: str | None = None
    expected: str | None = None
    aka: str | None = None
    found: int = 0
    total: int = 0

    @property
    def correct(self) -> bool:
        """The answer counts as right (a typo included)."""
        return self.kind is VerdictKind.CORRECT

    @property
    def reveals(self) -> bool:
        """Whether the full feedback names something the player did not type (the answer, a missing
        point, a suggestion) or tells more than a plain wrong answer would."""
        return self.reason in REVEALING

    def render(self, param: Callable[[object], str], *, reveal: bool = True) -> str:
        """The plain English feedback (no mark for the kind), every parameter passed through ``param``.

        Names (``typed``, ``expected``, ``matched``, ``suggestion``, each missing item) are passed as
        ``Quote``; the words of a gloss as ``str``; counts as ``int``. With ``reveal=False`` the wording
        quotes only what the player typed and counts: never the answer, a missing point or a suggestion.
        """
        template = _WORDING[self.reason] if reveal else _OPEN_WORDING.get(self.reason, _WORDING[self.reason])
        if not reveal and self.reason is VerdictReason.CONTRADICTS and self.kind is VerdictKind.WRONG:
            template = _OPEN_CONTRADICTS_WRONG
        if reveal and self.reason is VerdictReason.CONTRADICTS and self.kind is VerdictKind.PARTIAL:
            template = _CONTRADICTS_PARTIAL + (_CONTRADICTS_MISSING if self.missing else "")
        values: dict[str, str] = {}
        for name in ("typed", "expected", "matched", "suggestion"):
            value = getattr(self, name)
            if "{" + name + "}" in template:
                values[name] = param(Quote(value or ""))
        if "{missing}" in template:
            # (a point with a comma of its own: the points apart with ";", so that one does not read as two)
            joiner = "; " if any("," in x for x in self.missing) else ", "
            values["missing"] = joiner.join(param(Quote(x)) for x in self.missing)
        if "{gloss}" in template:
            values["gloss"] = f" ({param(self.typed or '')} is {param(self.aka)})" if self.aka else ""
        return template.format(found=param(self.found), total=param(self.total), **values)


class Source(StrEnum):
    """Where a graded answer was given. Only ``quiz`` and ``daily`` answers score on the leaderboard."""

    QUIZ = "quiz"
    DAILY = "daily"
    PRACTICE = "practice"
    REVIEW = "review"  # a /review session (spaced repetition)


@dataclass(frozen=True, slots=True)
class Attempt:
    """One graded answer, as stored (append-only)."""

    guild_id: int | None
    channel_id: int | None
    user_id: int
    user_name: str
    card_key: str
    source: Source
    response: str
    verdict: VerdictKind
    points: int
    created_at: datetime
    session_id: str | None = None
    id: int | None = None
    extra: dict[str, object] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # What a player typed is stored as typed, but for what a store cannot hold (a lone surrogate, a NUL on
        # PostgreSQL: the write would fail, and with it the other answers written in the same transaction),
        # which is dropped.
        object.__setattr__(self, "response", storable(self.response))
        object.__setattr__(self, "user_name", storable(self.user_name))


class HiddenCards(Protocol):
    """The keys of the cards whose answers are hidden in a server now (``QuizService.hidden_cards``): with
    ``user_id``, what that member is shown, which also leaves out the cards asked in the other servers they play in."""

    def __call__(self, guild_id: int | None, *, user_id: int | None = None) -> Awaitable[frozenset[str]]: ...


class Twins(Protocol):
    """``keys`` and the cards a server sees that share their answer (``LookupService.twins``): of the same name,
    asked the other way round, and with ``stated``, those whose text states one of their answers."""

    def __call__(self, guild_id: int | None, keys: frozenset[str], *, stated: bool = True) -> frozenset[str]: ...


class HiddenNow(Protocol):
    """``HiddenCards`` from memory alone (``QuizService.hidden_now``), for a click that cannot wait."""

    def __call__(self, guild_id: int | None, *, user_id: int | None = None) -> frozenset[str]: ...
