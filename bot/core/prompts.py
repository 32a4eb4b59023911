"""Quiz prompts made from card data: the two directions, choice options, hints and practice order.

Everything here is pure (no database, no clock): the random source is passed in, so a seeded
``random.Random`` gives the same prompts, options and order every time.

Directions:
- ``question``: the card's own question, graded against ``accept`` (or ``keypoints`` for essay cards).
- ``term``: a cloze made from the card's ``answer`` with the term and its aliases blanked out, answered with
  the term or an alias. Only for cards that define a term their answer mentions.

Texts returned here are plain (markdown emphasis removed); each surface escapes them in its own way.
"""

from __future__ import annotations

import logging
import random
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from rapidfuzz import fuzz

from bot.core.grading import grade_card, normalise
from bot.core.models import Card, VerdictKind
from bot.core.scoring import MAX_HINTS
from bot.core.storage.quiz_queries import CardHistory
from bot.core.text import clip_words, plain

log = logging.getLogger(__name__)

__all__ = [
    "BLANK", "DIRECTIONS", "EXCERPT_MAX", "HINT_HIDDEN", "PROMPT_MAX", "QUESTION", "TERM",
    "CardHistory", "Prompt", "answer_label", "choice_options", "directions_for", "excerpt",
    "hide_names", "hint_text", "make_prompt", "max_hint_level", "practice_order",
    "term_prompt_text",
]

QUESTION = "question"
TERM = "term"
DIRECTIONS = (QUESTION, TERM)
BLANK = "_____"
PROMPT_MAX = 900
EXCERPT_MAX = 300
HINT_HIDDEN = "·"


@dataclass(frozen=True, slots=True)
class Prompt:
    """One question as asked: what is shown, how it is graded, what the reveal shows."""

    card_key: str
    direction: str
    text: str
    answer: str  # the accepted answer as shown in the reveal (and the base of hints)
    options: tuple[str, ...] = ()  # choice mode: the labels, in display order
    correct_option: int | None = None
    hint_base: str = ""  # what hints reveal letter by letter (the short accepted answer)

    @property
    def hint_answer(self) -> str:
        """What the hints reveal letter by letter."""
        return self.hint_base or self.answer

    @property
    def is_choice(self) -> bool:
        """Whether the question is answered by picking an option."""
        return bool(self.options)


# -- text ----------------------------------------------------------------------------------------
def excerpt(card: Card, limit: int = EXCERPT_MAX) -> str:
    """A short excerpt of the card's explanation for the reveal: the first paragraph, clipped."""
    text = plain(card.answer)
    first = text.split("\n\n", 1)[0].replace("\n", " ")
    return clip_words(first, limit)


def _name_pattern(name: str) -> re.Pattern[str] | None:
    words = [w for w in re.split(r"[\s\-_]+", name.strip()) if w]
    if not words:
        return None
    body = r"[\s\-_]+".join(re.escape(w) for w in words)
    return re.compile(rf"(?<![\w]){body}(?:e?s)?(?![\w])", re.IGNORECASE)


def hide_names(text: str, names: Iterable[str]) -> tuple[str, int]:
    """``text`` with every name (longest first, plurals too) replaced by a blank; returns (text, count)."""
    count = 0
    for name in sorted({n for n in names if n and n.strip()}, key=len, reverse=True):
        pattern = _name_pattern(name)
        if pattern is None:
            continue
        text, n = pattern.subn(BLANK, text)
        count += n
    # Blanks side by side (a term followed by its alias in brackets) read as one.
    text = re.sub(rf"{re.escape(BLANK)}(\s*\(\s*{re.escape(BLANK)}\s*\))+", BLANK, text)
    return text, count


def term_prompt_text(card: Card) -> str | None:
    """The cloze for the ``term`` direction, or None when the card cannot be asked that way."""
    if not card.term or not card.answer.strip():
        return None
    text, hidden = hide_names(plain(card.answer), card.names)
    if not hidden:
        return None
    # Nothing of a name may survive (e.g. inside a longer word the pattern refused to cut).
    folded = normalise(text)
    for name in card.names:
        n = normalise(name)
        if n and re.search(rf"(?<!\w){re.escape(n)}(?!\w)", folded):
            return None
    if BLANK not in text[:PROMPT_MAX]:
        return None
    return clip_words(text, PROMPT_MAX)


def directions_for(card: Card, mode: str = "typed") -> tuple[str, ...]:
    """The directions in which ``card`` can be asked (in ``choice`` mode the answer must be short)."""
    found: list[str] = []
    if mode == "choice":
        if card.accept:
            found.append(QUESTION)
    else:
        if card.accept or card.keypoints or card.names:
            found.append(QUESTION)
    if term_prompt_text(card) is not None:
        found.append(TERM)
    return tuple(found)


def answer_label(card: Card, direction: str) -> str:
    """The accepted answer as shown to players (reveal, choice button, hint)."""
    if direction == TERM and card.term:
        return card.term
    if card.accept:
        return card.accept[0]
    if card.keypoints:
        return "; ".join(k.split("|", 1)[0].strip() for k in card.keypoints)
    if card.term:
        return card.term
    return excerpt(card, 120)


def make_prompt(
    card: Card,
    direction: str,
    *,
    mode: str = "typed",
    pool: Sequence[Card] = (),
    rng: random.Random | None = None,
) -> Prompt:
    """The prompt for ``card`` in ``direction``; in ``choice`` mode with options drawn from ``pool``."""
    if direction == TERM:
        text = term_prompt_text(card)
        if text is None:
            raise ValueError(f"card {card.key} cannot be asked in the term direction")
    elif direction == QUESTION:
        text = clip_words(plain(card.question), PROMPT_MAX)
    else:
        raise ValueError(f"unknown direction {direction!r}")
    label = answer_label(card, direction)
    answer = label
    if direction == TERM and card.aliases:
        answer = f"{card.term} ({', '.join(card.aliases[:3])})"
    if mode != "choice":
        return Prompt(card.key, direction, text, answer, hint_base=label)
    found = choice_options(card, direction, pool, rng or random.Random(0))
    if found is None:
        raise ValueError(f"no distractors for {card.key}")
    options, right = found
    return Prompt(card.key, direction, text, options[right], options, right, hint_base=options[right])


# -- choice mode -------------------------------------------------------------------------------
def _is_equivalent(card: Card, direction: str, label: str, taken: Iterable[str]) -> bool:
    """True when ``label`` duplicates the right answer (or an option already taken)."""
    n = normalise(label)
    if not n:
        return True
    if n in {normalise(t) for t in taken}:
        return True
    same = {normalise(a) for a in (*card.accept, *card.names)}
    if n in same:
        return True
    return grade_card(card, label, direction=direction).kind in (VerdictKind.CORRECT, VerdictKind.ALMOST)


def choice_options(
    card: Card,
    direction: str,
    pool: Sequence[Card],
    rng: random.Random,
    *,
    count: int = 4,
) -> tuple[tuple[str, ...], int] | None:
    """(option labels, index of the right one): the right answer and up to ``count - 1`` distractors.

    Distractors come from similar cards first (sharing a tag), then cards with close terms, then any
    other card; none of them is the right answer in other words (the grader would accept it). None when
    no distractor at all can be found.
    """
    right = answer_label(card, direction)
    ref = normalise(card.term or right)

    def label(other: Card) -> str | None:
        if direction == TERM:
            return other.term
        return other.accept[0] if other.accept else other.term

    tiers: list[list[tuple[str, str]]] = [[], [], []]
    seen_keys: set[str] = set()
    for other in sorted(pool, key=lambda c: c.key):
        if other.key == card.key or other.key in seen_keys:
            continue
        seen_keys.add(other.key)
        text = label(other)
        if not text:
            continue
        shared = bool(set(card.tags) & set(other.tags))
        close = fuzz.token_set_ratio(ref, normalise(other.term or text)) >= 60
        tier = 0 if shared else (1 if close else 2)
        tiers[tier].append((other.key, text))
    picked: list[str] = []
    for candidates in tiers:
        rng.shuffle(candidates)
        for _key, text in candidates:
            if len(picked) >= count - 1:
                break
            if _is_equivalent(card, direction, text, [right, *picked]):
                continue
            picked.append(text)
    if not picked:
        return None
    options = [right, *picked]
    rng.shuffle(options)
    return tuple(options), options.index(right)


# -- hints ---------------------------------------------------------------------------------------
def hint_text(answer: str, level: int) -> str:
    """The answer with the first ``level`` letters of each word shown and the rest hidden."""
    if level < 1:
        raise ValueError("level starts at 1")

    def mask(m: re.Match[str]) -> str:
        word = m.group(0)
        return word[:level] + HINT_HIDDEN * max(0, len(word) - level)

    return re.sub(r"\w+", mask, answer)


def max_hint_level(answer: str, limit: int = MAX_HINTS) -> int:
    """How many hints an answer allows: at most ``limit``, and always leaving a letter hidden."""
    longest = max((len(w) for w in re.findall(r"\w+", answer)), default=0)
    return max(0, min(limit, longest - 1))


# -- practice order -------------------------------------------------------------------------------
def _stamp(at: datetime | None) -> float:
    return at.timestamp() if at is not None else 0.0


def practice_order(
    cards: Sequence[Card], history: Mapping[str, CardHistory], rng: random.Random
) -> list[Card]:
    """Cards ordered for practice: missed ones first, then never seen, then known ones (oldest first)."""
    missed: list[Card] = []
    unseen: list[Card] = []
    known: list[Card] = []
    for card in sorted(cards, key=lambda c: c.key):
        h = history.get(card.key)
        if h is None:
            unseen.append(card)
        elif h.missed:
            missed.append(card)
        else:
            known.append(card)
    rng.shuffle(missed)
    rng.shuffle(unseen)
    known.sort(key=lambda c: _stamp(history[c.key].last_at))
    return missed + unseen + known
