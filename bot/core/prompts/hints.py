"""Hints on a typed answer, short and useful: the shape first, then first letters, then one word.

Level 1 says how many words and letters (``2 words: 9 and 9 letters``); level 2 shows each word's first
letter (``a… m…``); level 3 shows one word whole, the longest, and the others' first letters
(``attention m…``). A one-word answer shows its first half at level 3 instead (``tempe…``). A hint never
shows the whole answer: an answer too short to hint further allows fewer levels.
"""

from __future__ import annotations

import logging
import re

from bot.core.scoring import MAX_HINTS

log = logging.getLogger(__name__)

__all__ = ["HINT_SHOWN", "hint_text", "max_hint_level"]

#: How many word lengths level 1 lists before "…".
HINT_SHOWN = 8
_ALNUM = re.compile(r"[^\W_]")
MORE = "…"


def _words(answer: str) -> list[str]:
    """The answer's words (split on spaces), each with at least one letter or digit."""
    return [w for w in answer.split() if _ALNUM.search(w)]


def _size(word: str) -> int:
    return len(_ALNUM.findall(word))


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


def max_hint_level(answer: str, limit: int = MAX_HINTS) -> int:
    """How many hints ``answer`` allows (at most ``limit``); none leaves the whole answer shown."""
    words = _words(answer)
    if not words:
        return 0
    if len(words) == 1:
        n = _size(words[0])
        levels = 3 if n >= 3 else (2 if n == 2 else 1)
    else:
        levels = 3
    return max(0, min(limit, levels))


def hint_text(answer: str, level: int) -> str:
    """The hint of ``level`` (1: the shape, 2: first letters, 3: one word) on ``answer``."""
    if level < 1:
        raise ValueError("level starts at 1")
    words = _words(answer)
    if not words:
        return ""
    level = min(level, max(1, max_hint_level(answer, limit=level)))
    if level == 1:
        return _shape(words)
    if level == 2:
        return " ".join(_first(w) for w in words)
    if len(words) == 1:
        word = words[0]
        letters = [i for i, ch in enumerate(word) if _ALNUM.match(ch)]
        keep = max(1, min(len(letters) - 1, (len(letters) + 1) // 2))
        return word[: letters[keep - 1] + 1] + MORE
    longest = max(range(len(words)), key=lambda i: (_size(words[i]), -i))
    return " ".join(w if i == longest else _first(w) for i, w in enumerate(words))
