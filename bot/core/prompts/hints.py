"""Hints on a typed answer, short and useful: the shape first, then first letters, then one word.

Level 1 says how many words and letters (``2 words: 9 and 9 letters``); level 2 shows each word's first
letter (``a… m…``); level 3 shows one word whole, the longest that is no little word, and the others' first
letters (``attention m…``). A one-word answer shows its first half at level 3 instead (``tempe…``), leaving two
letters at least (none for *ser*: ``se…`` is the word). A noun with its article, as languages decks teach it
(``el perro``, ``der Hund``, ``l'élève``), shows the article whole and hints the noun as an answer of its own:
``el p…``, ``el per…``; ``l'é…``.

A hint never gives the answer away: a yes/no (true/false) answer has none (its length or first letter is the
answer), and a level that hides no word worth hiding (one-letter words and little
words such as "the", and the articles of the languages decks teach, "el", "la", "der", do not count:
``vitamin C…``, ``t… mitochondria``) is left out, and so is a level
whose text, typed as it stands (without the "…"), the grader would take as a right answer (``atten…`` for
*attention*, ``d… g… m…`` for *directed graphical model*). The levels left are numbered 1, 2, … in order,
so a card may allow fewer hints, or none. Graded against the card in the direction it is asked when the
caller names them (``card=``, ``direction=``), else against the answer alone; worked out once per answer,
card and direction (``hint_levels``).
"""

from __future__ import annotations

import functools
import logging
import re

from bot.core.grading import grade, grade_card, grade_card_async
from bot.core.grading.vocabulary import ARTICLES
from bot.core.models import Card
from bot.core.prompts.cloze import SMALL_WORDS
from bot.core.prompts.labels import two_way
from bot.core.scoring import MAX_HINTS

log = logging.getLogger(__name__)

__all__ = ["HINT_SHOWN", "checked_hint_levels", "hint_levels", "hint_text", "max_hint_level"]

#: How many word lengths level 1 lists before "…".
HINT_SHOWN = 8
_ALNUM = re.compile(r"[^\W_]")
MORE = "…"
#: An article run into its noun ("l'élève", "l’eau").
_ELIDED = re.compile(r"^(l['’])(?=[^\W_])", re.IGNORECASE)
#: Little words a hint does not hide: showing their first letter, or leaving them as the only hidden words,
#: gives nothing away.
_LITTLE_WORDS = SMALL_WORDS | {"as", "at", "into", "or", "via"} | {
    # articles of the languages decks teach ("el perro": "e… perro" is the whole answer)
    "el", "la", "los", "las", "un", "una", "unos", "unas", "le", "les", "une", "des", "du", "il", "lo", "gli",
    "der", "die", "das", "den", "dem", "ein", "eine", "einen", "o", "os", "um", "uma",
}
#: Answers (with their card and direction) whose hint levels are remembered: a quiz asks for them at
#: every question and every hint, and each needs the grader.
HINTS_CACHED = 4096


def _words(answer: str) -> list[str]:
    """The answer's words (split on spaces), each with at least one letter or digit."""
    return [w for w in answer.split() if _ALNUM.search(w)]


def _size(word: str) -> int:
    return len(_ALNUM.findall(word))


def _hides_something(word: str) -> bool:
    """Whether hiding ``word`` (all but its first letter) hides anything worth guessing."""
    return _size(word) >= 2 and "".join(_ALNUM.findall(word)).lower() not in _LITTLE_WORDS


def _first(word: str) -> str:
    """The word's first letter or digit, then "…"."""
    found = _ALNUM.search(word)
    return (found.group(0) if found else "") + MORE


def _shape(words: list[str]) -> str:
    sizes = [_size(w) for w in words]
    chars = [ch for w in words for ch in _ALNUM.findall(w)]
    unit = "letters" if all(c.isalpha() for c in chars) else ("digits" if all(c.isdigit() for c in chars) else "characters")
    if len(words) == 1:
        return f"1 word, {sizes[0]} {unit if sizes[0] != 1 else unit[:-1]}"
    shown = [str(n) for n in sizes[:HINT_SHOWN]]
    listed = ", ".join(shown[:-1]) + " and " + shown[-1] if len(sizes) <= HINT_SHOWN else ", ".join(shown) + ", …"
    return f"{len(words)} words: {listed} {unit}"


def _article(words: list[str]) -> tuple[str, list[str]] | None:
    """The article the answer begins with, as a hint shows it ("el ", "der ", "l'"), and the words it is the
    article of; None when it begins with none."""
    if len(words) >= 2 and words[0].lower() in ARTICLES:
        return words[0] + " ", words[1:]
    elided = _ELIDED.match(words[0])
    if elided:
        return elided.group(1), [words[0][elided.end() :], *words[1:]]
    return None


def _candidates(words: list[str]) -> list[str]:
    """Each level's text on these words, before grading: those that hide nothing are left out."""
    levels = [_shape(words)]
    article = _article(words)
    if article is not None:
        # the article is no part of what to find: shown whole, before the noun's own hints ("el p…")
        shown, noun = article
        return levels + [shown + hint for hint in _candidates(noun)[1:]]
    if len(words) == 1:
        word = words[0]
        letters = [i for i, ch in enumerate(word) if _ALNUM.match(ch)]
        if len(letters) >= 2:
            levels.append(_first(word))
        # the first half, leaving two letters at least to guess ("se…" of "ser" is the word)
        keep = min((len(letters) + 1) // 2, len(letters) - 2)
        if keep >= 2:
            levels.append(word[: letters[keep - 1] + 1] + MORE)
        return levels
    if any(_hides_something(w) for w in words):
        levels.append(" ".join(_first(w) for w in words))
    longest = max(range(len(words)), key=lambda i: (_hides_something(words[i]), _size(words[i]), -i))
    if any(_hides_something(w) for i, w in enumerate(words) if i != longest):
        levels.append(" ".join(w if i == longest else _first(w) for i, w in enumerate(words)))
    return levels


def _typed(hint: str) -> str:
    """The hint as a player would type it back: without the "…" marks."""
    return " ".join(hint.replace(MORE, " ").split())


@functools.lru_cache(maxsize=HINTS_CACHED)
def hint_levels(answer: str, card: Card | None = None, direction: str = "question") -> tuple[str, ...]:
    """Every hint ``answer`` allows, level 1 first: those that hide nothing worth hiding, or that the grader
    takes as a right answer (against ``card`` in ``direction``, else against ``answer`` alone), left out."""
    words = _words(answer)
    if not words or two_way(answer) is not None:
        return ()  # (Yes or No: "1 word, 3 letters", "Y…" each name the answer)
    kept: list[str] = []
    for hint in _candidates(words):
        typed = _typed(hint)
        if typed:
            verdict = grade_card(card, typed, direction=direction) if card is not None else grade(typed, accept=(answer,))
            if verdict.correct:
                log.debug("hint %r on %r left out: it grades correct", hint, answer)
                continue
        kept.append(hint)
    return tuple(kept)


async def checked_hint_levels(
    answer: str, card: Card, direction: str = "question", extra_accept: tuple[str, ...] = ()
) -> tuple[str, ...]:
    """``hint_levels`` of ``answer`` as live play grades the card: against ``card`` in ``direction`` with the
    answers its server accepts besides (``extra_accept``), graded for the event loop (a card not compiled yet
    is compiled in slices that give the loop back). At most ``MAX_HINTS`` levels."""
    kept: list[str] = []
    for hint in hint_levels(answer):
        typed = _typed(hint)
        if typed:
            verdict = await grade_card_async(card, typed, direction=direction, extra_accept=extra_accept)
            if verdict.correct:
                log.debug("hint %r on card %s left out: it grades correct", hint, card.key)
                continue
        kept.append(hint)
        if len(kept) == MAX_HINTS:
            break
    return tuple(kept)


def max_hint_level(
    answer: str, limit: int = MAX_HINTS, *, card: Card | None = None, direction: str = "question"
) -> int:
    """How many hints ``answer`` allows (at most ``limit``); none when every hint would give it away."""
    return max(0, min(limit, len(hint_levels(answer, card, direction))))


def hint_text(answer: str, level: int, *, card: Card | None = None, direction: str = "question") -> str:
    """The hint of ``level`` on ``answer`` (1: the shape, then first letters, then one word, leaving out the
    levels ``hint_levels`` leaves out); past the last level, the last; "" when there is none."""
    if level < 1:
        raise ValueError("level starts at 1")
    levels = hint_levels(answer, card, direction)
    return levels[min(level, len(levels)) - 1] if levels else ""
