"""Token alignment of a response with one accepted answer: exact, typo and real-word matches, and rivals."""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.core.grading.numbers import same_number
from bot.core.grading.tokens import Tok, stem
from bot.core.grading.variants import Rival, Variant

log = logging.getLogger(__name__)


def _tolerance(length: int) -> int:
    """Edits allowed for a word of this length: none for three letters or less."""
    if length <= 3:
        return 0
    if length <= 8:
        return 1
    if length <= 12:
        return 2
    return 3


_DIGITS_RE = re.compile(r"[^0-9]+")
_LETTERS_RE = re.compile(r"[0-9]+")


def _fuzzy(a: str, b: str) -> int | None:
    """OSA distance between two words when within tolerance, else None. Digits never fuzzy."""
    if not a.isalpha() or not b.isalpha():
        # "AlpahFold2" for "AlphaFold2": letters may have a typo, digits never.
        if _DIGITS_RE.sub("", a) != _DIGITS_RE.sub("", b) or not a.isalnum() or not b.isalnum():
            return None
        a, b = _LETTERS_RE.sub("", a), _LETTERS_RE.sub("", b)
        if not a.isalpha() or not b.isalpha():
            return None
    tol = _tolerance(min(len(a), len(b)))
    if tol == 0 or abs(len(a) - len(b)) > tol:
        return None
    d = OSA.distance(a, b, score_cutoff=tol)
    return d if d <= tol else None


#: Match qualities, best first: the same word, a typo, a typo that spells another real word.
EXACT, TYPO, REALWORD = 3, 2, 1


@dataclass(slots=True)
class Match:
    """How a response covers one accepted answer, token by token."""

    covered: list[int]  # per accepted token: best quality with the right polarity (0 = none)
    flipped: list[bool]  # accepted token found only with the opposite polarity
    used: set[int]  # response token indices explaining the answer
    typos: list[tuple[str, str]]  # (said, meant)
    realwords: list[tuple[str, str]]
    rival: Rival | None
    rival_said: str


def align(v: Variant, resp: Sequence[Tok], rejects: Sequence[Rival], known: frozenset[str]) -> Match:
    """Align the response tokens with ``v``; ``known`` words are real words (a typo that spells one is suspect)."""
    acc = v.toks
    covered = [0] * len(acc)
    flipped = [False] * len(acc)
    used: set[int] = set()
    typos: list[tuple[str, str]] = []
    realwords: list[tuple[str, str]] = []
    by_stem: dict[str, list[int]] = {}
    by_word: dict[str, list[int]] = {}
    for i, t in enumerate(acc):
        by_stem.setdefault(t.stem, []).append(i)
        by_word.setdefault(t.word, []).append(i)
    acc_nums = [i for i, t in enumerate(acc) if t.num]
    fuzzy_targets = [t.word for t in acc if not t.num and t.word.isalnum() and len(t.word) > 3]

    def cover(i: int, r: Tok, quality: int, j: int) -> None:
        if r.neg == acc[i].neg:
            if quality > covered[i]:
                covered[i] = quality
            used.add(j)
        else:
            flipped[i] = True

    skip = -1
    for j, r in enumerate(resp):
        if j == skip or r.stop:
            continue
        if r.num:
            for i in acc_nums:
                if same_number(acc[i].word, r.word):
                    cover(i, r, EXACT, j)
            continue
        hits = by_word.get(r.word) or by_stem.get(r.stem)
        if not hits and r.word.endswith("s"):
            hits = by_word.get(r.word[:-1])  # "HMMs": the stemmer leaves vowel-less plurals alone
        if hits:
            for i in hits:
                cover(i, r, EXACT, j)
            continue
        pair = v.pairs.get(r.word)
        if pair:
            cover(pair[0], r, EXACT, j)
            cover(pair[1], r, EXACT, j)
            continue
        if j + 1 < len(resp) and not resp[j + 1].stop:
            joined = r.word + resp[j + 1].word
            hits = by_word.get(joined) or by_stem.get(stem(joined))
            if hits:
                for i in hits:
                    cover(i, r, EXACT, j)
                used.add(j + 1)
                skip = j + 1
                continue
        if r.word in v.rival_words or r.stem in v.rival_words or r.stem in v.rival_stems:
            continue
        if not fuzzy_targets or len(r.word) <= 3 or not r.word.isalnum():
            continue
        best = process.extractOne(
            r.word, fuzzy_targets, scorer=OSA.distance, score_cutoff=_tolerance(len(r.word))
        )
        if best is None:
            continue
        target = best[0]
        if _fuzzy(r.word, target) is None:
            continue
        if r.word in known:
            for i in by_word[target]:
                cover(i, r, REALWORD, j)
            if r.neg == acc[by_word[target][0]].neg:
                realwords.append((r.word, target))
        else:
            for i in by_word[target]:
                cover(i, r, TYPO, j)
            typos.append((r.word, target))

    rival, said = _find_rival(v, resp, rejects)
    return Match(covered, flipped, used, typos, realwords, rival, said)


def _find_rival(v: Variant, resp: Sequence[Tok], rejects: Sequence[Rival]) -> tuple[Rival | None, str]:
    """A rival (reject list, confusable table, antonym prefix) the player asserted (not negated)."""
    positive = [r for r in resp if not r.neg and not r.stop]
    if not positive:
        return None, ""
    pos_stems = {r.stem for r in positive} | {r.word for r in positive}
    # Antonym prefixes, also with a typo ("unsupervized").
    rival_keys = [k for k in v.rival_words if k.isalpha()]
    for r in positive:
        if r.word in v.words or r.stem in v.stems or r.word in v.pairs:
            continue  # the answer's own word, or two of them run together ("textembedding")
        hit = v.rival_words.get(r.word) or v.rival_words.get(r.stem)
        if hit is None and r.word.isalpha() and len(r.word) > 4 and rival_keys:
            best = process.extractOne(
                r.word, rival_keys, scorer=OSA.distance, score_cutoff=_tolerance(len(r.word))
            )
            if best is not None and _fuzzy(r.word, best[0]) is not None:
                near = min((OSA.distance(r.word, w) for w in v.words), default=99)
                if best[1] < near:
                    hit = v.rival_words[best[0]]
        if hit is not None:
            return hit, r.word
    for rv in (*rejects, *v.rivals):
        # A reject spelt inside this accepted answer ("the last layer" in "the second-to-last layer") is
        # not a rival of it: whether the player said the whole answer decides.
        if rv.stems and all(s in pos_stems for s in rv.stems) and not v.stems.issuperset(rv.stems):
            return rv, rv.shown
    # Table rivals spelt with a typo ("retension" for "retention" when "attention" is accepted).
    for rv in v.rivals:
        if len(rv.stems) != 1:
            continue
        target = rv.stems[0]
        if len(target) <= 4:
            continue
        for r in positive:
            if r.word in v.words or r.stem in v.stems or not r.word.isalpha():
                continue
            d = _fuzzy(r.stem, target)
            if d is not None:
                near = min((OSA.distance(r.stem, s) for s in v.stems), default=99)
                if d < near:
                    return rv, r.word
    return None, ""
