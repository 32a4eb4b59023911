"""Token alignment of a response with one accepted answer: exact, typo and real-word matches, and rivals."""

from __future__ import annotations

import logging
from collections.abc import Container, Sequence
from dataclasses import dataclass

from rapidfuzz.distance import OSA

from bot.core.grading.numbers import same_number
from bot.core.grading.response import Response
from bot.core.grading.tokens import Tok, stem
from bot.core.grading.typos import fuzzy_at
from bot.core.grading.variants import Rival, Variant

log = logging.getLogger(__name__)


#: Match qualities, best first: the same word, a typo, a typo that spells another real word.
EXACT, TYPO, REALWORD = 3, 2, 1


@dataclass(slots=True)
class Match:
    """How a response covers one accepted answer, token by token."""

    covered: list[int]  # per accepted token: best quality with the right polarity (0 = none)
    pos: list[int]  # per accepted token: the response token that covers it best (-1 = none)
    flipped: list[bool]  # accepted token found only with the opposite polarity
    used: set[int]  # response token indices explaining the answer
    typos: list[tuple[str, str]]  # (said, meant)
    realwords: list[tuple[str, str]]
    rival: Rival | None
    rival_said: str


def _best(near: dict[str, int], rank: dict[str, int]) -> tuple[str, int] | None:
    """The nearest of a form's words (ties to the first in the form), from a response word's near-spellings."""
    best: tuple[str, int] | None = None
    key = (0, 0)
    for target, d in near.items():
        pos = rank.get(target)
        if pos is not None and (best is None or (d, pos) < key):
            best, key = (target, d), (d, pos)
    return best


def align(v: Variant, resp: Response, rejects: Sequence[Rival], known: Container[str]) -> Match:
    """Align the response tokens with ``v``; ``known`` words are real words (a typo that spells one is suspect)."""
    acc = v.toks
    covered = [0] * len(acc)
    pos = [-1] * len(acc)
    flipped = [False] * len(acc)
    used: set[int] = set()
    near_only: list[tuple[int, tuple[int, ...]]] = []  # tokens matched as a near-spelling, and what
    run_together: set[str] = set()  # words run together into an answer word ("over fitting")
    typos: list[tuple[str, str]] = []
    realwords: list[tuple[str, str]] = []
    by_stem, by_word, pairs = v.by_stem, v.by_word, v.pairs
    acc_nums = v.nums
    toks = resp.toks
    n = len(toks)

    def cover(i: int, r: Tok, quality: int, j: int) -> None:
        if r.neg == acc[i].neg:
            if quality > covered[i]:
                covered[i] = quality
                pos[i] = j
            used.add(j)
        else:
            flipped[i] = True

    # Only the tokens that can touch this form are visited; the others change nothing.
    skip = -1
    for j in resp.tokens_for(v.keys, bool(acc_nums), v.fuzzy_targets):
        r = toks[j]
        if j == skip or r.stop:
            continue
        word = r.word
        if r.num:
            for i in acc_nums:
                if same_number(acc[i].stem, word):
                    cover(i, r, EXACT, j)
            continue
        hits = by_word.get(word) or by_stem.get(r.stem)
        if not hits and word.endswith("s"):
            hits = by_word.get(word[:-1])  # "HMMs": the stemmer leaves vowel-less plurals alone
        if hits:
            for i in hits:
                cover(i, r, EXACT, j)
            continue
        pair = pairs.get(word)
        if pair:
            cover(pair[0], r, EXACT, j)
            cover(pair[1], r, EXACT, j)
            continue
        if j + 1 < n and not toks[j + 1].stop:
            joined = word + toks[j + 1].word
            hits = by_word.get(joined) or by_stem.get(stem(joined))
            if hits:
                for i in hits:
                    cover(i, r, EXACT, j)
                used.add(j + 1)
                run_together.update((word, toks[j + 1].word))
                skip = j + 1
                continue
        if word in v.rival_words or r.stem in v.rival_words or r.stem in v.rival_stems:
            continue
        if not v.fuzzy_targets or len(word) <= 3 or not word.isalnum():
            continue
        best = _best(resp.fuzzy_near(word), v.fuzzy_rank)
        if best is None:
            continue
        target = best[0]
        if fuzzy_at(word, target, best[1]) is None:
            continue
        if word in known:
            for i in by_word[target]:
                cover(i, r, REALWORD, j)
            if r.neg == acc[by_word[target][0]].neg:
                realwords.append((word, target))
        else:
            for i in by_word[target]:
                cover(i, r, TYPO, j)
            typos.append((word, target))
        near_only.append((j, by_word[target]))

    # A near-spelling of a word another token says exactly explains nothing ("AdamW or Adam").
    for j, hits in near_only:
        if j in used and all(covered[i] == EXACT and pos[i] != j for i in hits):
            used.discard(j)

    rival, said = _find_rival(v, resp, rejects, run_together)
    return Match(covered, pos, flipped, used, typos, realwords, rival, said)


def _own(v: Variant, r: Tok) -> bool:
    """The answer's own word, or two of them run together ("textembedding")."""
    return r.word in v.words or r.stem in v.stems or r.word in v.pairs


def _find_rival(
    v: Variant, resp: Response, rejects: Sequence[Rival], joined: set[str]
) -> tuple[Rival | None, str]:
    """A rival (reject list, confusable table, antonym prefix) the player asserted (not negated); words
    run together into an answer word (``joined``: "over fitting" is "overfitting", not "fitting") are no rival."""
    positive = resp.positive
    if not positive:
        return None, ""
    pos_stems = resp.pos_stems
    # Antonym prefixes, also with a typo ("unsupervized").
    for p in resp.positives_for(v.rival_words, v.rival_keys):
        r = positive[p]
        if _own(v, r) or r.word in joined:
            continue
        hit = v.rival_words.get(r.word) or v.rival_words.get(r.stem)
        if hit is None and r.word.isalpha() and len(r.word) > 4 and v.rival_keys:
            best = _best(resp.rival_near(r.word), v.rival_rank)
            if best is not None and fuzzy_at(r.word, best[0], best[1]) is not None:
                near = min((OSA.distance(r.word, w) for w in v.words), default=99)
                if best[1] < near:
                    hit = v.rival_words[best[0]]
        if hit is not None:
            return hit, r.word
    for rivals in (rejects, v.rivals if not pos_stems.isdisjoint(v.rival_firsts) else ()):
        for rv in rivals:
            # A reject spelt inside this accepted answer ("the last layer" in "the second-to-last layer")
            # is not a rival of it: whether the player said the whole answer decides.
            if rv.stems and all(s in pos_stems for s in rv.stems) and not v.stems.issuperset(rv.stems):
                return rv, rv.shown
    # Table rivals spelt with a typo ("retension" for "retention" when "attention" is accepted).
    typo_index = resp.index().typo if resp.indexed else None
    for rv, target in v.typo_rivals:
        for p in typo_index.get(target, ()) if typo_index is not None else range(len(positive)):
            r = positive[p]
            if r.word in v.words or r.stem in v.stems or not r.word.isalpha():
                continue
            d = resp.typo_near(r.stem).get(target)
            if d is not None:
                near = min((OSA.distance(r.stem, s) for s in v.stems), default=99)
                if d < near:
                    return rv, r.word
    return None, ""
