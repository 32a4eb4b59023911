"""What counts as a typo: an OSA distance within a tolerance that grows with the word; digits never."""

from __future__ import annotations

import logging
import re
from typing import Final

from rapidfuzz.distance import OSA

log = logging.getLogger(__name__)

_DIGITS_RE: Final = re.compile(r"[^0-9]+")
_LETTERS_RE: Final = re.compile(r"[0-9]+")


def tolerance(length: int) -> int:
    """Edits allowed for a word of this length: none for three letters or less."""
    if length <= 3:
        return 0
    if length <= 8:
        return 1
    if length <= 12:
        return 2
    return 3


#: Digits typed for the letters they look like ("drop0ut").
_LOOKALIKE: Final = str.maketrans("0135", "oles")


def fuzzy(a: str, b: str) -> int | None:
    """OSA distance between two words when within tolerance, else None. Digits never fuzzy, but for one
    typed for the letter it looks like inside a word of letters ("drop0ut" is one slip from "dropout")."""
    if a.isalpha() != b.isalpha() and len(a) >= 5 and len(b) >= 5:
        digits = a if not a.isalpha() else b
        if sum(ch.isdigit() for ch in digits) == 1 and digits[0].isalpha() and digits[-1].isalpha():
            letters = digits.translate(_LOOKALIKE)
            if letters.isalpha():
                a, b = (letters, b) if digits is a else (a, letters)
                return 1 if a == b else None
    if not a.isalpha() or not b.isalpha():
        # "AlpahFold2" for "AlphaFold2": letters may have a typo, digits never.
        if _DIGITS_RE.sub("", a) != _DIGITS_RE.sub("", b) or not a.isalnum() or not b.isalnum():
            return None
        a, b = _LETTERS_RE.sub("", a), _LETTERS_RE.sub("", b)
        if not a.isalpha() or not b.isalpha():
            return None
    tol = tolerance(min(len(a), len(b)))
    if tol == 0 or abs(len(a) - len(b)) > tol:
        return None
    d = OSA.distance(a, b, score_cutoff=tol)
    return d if d <= tol else None


def fuzzy_at(a: str, b: str, distance: int) -> int | None:
    """``fuzzy(a, b)`` when the OSA ``distance`` of ``a`` and ``b`` is known already."""
    if a.isalpha() and b.isalpha():
        tol = tolerance(min(len(a), len(b)))
        return distance if tol and abs(len(a) - len(b)) <= tol and distance <= tol else None
    return fuzzy(a, b)
