"""A typed answer analysed once per grade: its tokens, and indexes shared by every accepted answer.

Aligning a response with each form of each accepted answer used to rescan the response every time: the
near-spellings of each word (a typo of the answer, an antonym-prefix rival, a rival spelt with a typo)
were searched again per form. A ``Response`` finds the near-spellings of a word once, against every form
of the card at once (``Targets``), and for long answers keeps an inverted index so that a form only looks
at the tokens that can touch it. Every lookup gives the same answer the per-form scan gave.
"""

from __future__ import annotations

import functools
import logging
from bisect import bisect_left
from collections.abc import Callable, Generator, Iterable
from dataclasses import dataclass, field
from typing import Final

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.core.grading.normalise import normalise
from bot.core.grading.tokens import (
    JOIN_MARKS,
    JOIN_WORDS,
    STEM_RESPELT,
    Tok,
    analyse_denying,
    hedges_raw,
    joins_raw,
    raw_tokens,
    read_tokens,
    stem,
    stem_words,
)
from bot.core.grading.typos import fuzzy, tolerance
from bot.core.grading.vocabulary import DENY_VERBS, MAYBE_WORDS, OFFER_WORDS

log = logging.getLogger(__name__)

#: Above this many tokens a response is indexed (only the tokens that can touch a form are visited);
#: below, visiting every token is cheaper than building the index.
INDEX_FROM: Final = 40


class Words:
    """Words sorted by length, so that a search reads only those whose length is within reach."""

    __slots__ = ("words", "_starts", "_anagrams", "_spans")

    def __init__(self, words: Iterable[str]) -> None:
        self.words = tuple(sorted(dict.fromkeys(words), key=len))
        lengths = [len(w) for w in self.words]
        longest = lengths[-1] if lengths else 0
        # starts[k]: the first word of k letters or more
        self._starts = tuple(bisect_left(lengths, length) for length in range(longest + 2))
        self._anagrams: dict[str, list[str]] | None = None
        #: (length of a word, cutoff) -> the (first, last + 1) words whose length is within reach
        self._spans: dict[tuple[int, int], tuple[int, int]] = {}

    def near(self, word: str, cutoff: int) -> dict[str, int]:
        """The words within ``cutoff`` OSA edits of ``word``, with their distance (do not change the result)."""
        if cutoff <= 0 or not self.words:
            return _NOTHING
        span = self._spans.get((len(word), cutoff))
        if span is None:
            starts = self._starts
            top = len(starts) - 1
            span = self._spans[len(word), cutoff] = (
                starts[min(max(len(word) - cutoff, 0), top)],
                starts[min(len(word) + cutoff + 1, top)],
            )
        lo, hi = span
        if lo >= hi:
            return _NOTHING
        if hi - lo > _SCAN:
            return _near(self, word, cutoff)
        # A few words: measured one by one, cheaper than a search (in the order a search gives them).
        found = []
        for k in range(lo, hi):
            target = self.words[k]
            d = _distance(word, target, score_cutoff=cutoff)
            if d <= cutoff:
                found.append((d, k, target))
        if not found:
            return _NOTHING
        if len(found) > 1:
            found.sort()
        return {target: d for d, _, target in found}


    def swapped(self, word: str) -> dict[str, int]:
        """The words ``word`` spells with two letters swapped ("analisys" for "analysis"), with distance 1:
        one slip, though OSA counts two."""
        if self._anagrams is None:
            anagrams: dict[str, list[str]] = {}
            for w in self.words:
                if len(w) >= 6:
                    anagrams.setdefault("".join(sorted(w)), []).append(w)
            self._anagrams = anagrams
        candidates = self._anagrams.get("".join(sorted(word)))
        if not candidates:
            return _NOTHING
        found: dict[str, int] = {}
        for target in candidates:
            if target[0] == word[0] and sum(1 for a, b in zip(word, target, strict=True) if a != b) == 2:
                found[target] = 1
        return found or _NOTHING


_NOTHING: Final[dict[str, int]] = {}
#: Up to this many words within reach are measured one by one (``Words.near``); more are searched.
_SCAN: Final = 6
_distance = OSA.distance

_JOINS: Final = JOIN_WORDS | JOIN_MARKS | MAYBE_WORDS | OFFER_WORDS | {"also"}


def near_cache_clear() -> None:
    """Forget the near-spellings found so far."""
    _near.cache_clear()


@functools.lru_cache(maxsize=16384)
def _near(words: Words, word: str, cutoff: int) -> dict[str, int]:
    """``Words.near`` for a length window that holds words (players repeat words: shared by every response)."""
    starts = words._starts
    top = len(starts) - 1
    lo = starts[min(max(len(word) - cutoff, 0), top)]
    hi = starts[min(len(word) + cutoff + 1, top)]
    found = process.extract(word, words.words[lo:hi], scorer=OSA.distance, score_cutoff=cutoff, limit=None)
    return {c: d for c, d, _ in found}


@dataclass(frozen=True, slots=True)
class Targets:
    """Every word a response may be a near-spelling of, over all forms of one card's answers."""

    fuzzy: Words  # words of the answers a typo may stand for
    rival_keys: Words  # antonym-prefix rivals (alphabetic)
    typo_rivals: Words  # stems of one-word table rivals
    keys: frozenset[str]  # every word, stem and run-together pair a token can hit exactly
    rival_words: frozenset[str]  # every antonym-prefix rival, by surface and stem
    #: the beginnings (three letters or more, two letters short of the word at least) of the answers' longer
    #: words, to the words they begin: what a short form ("archit", "recog.") may stand for
    prefixes: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: the first six letters of the answers' words of six letters or more, to those words (``same_root``)
    roots: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: the first letter and the first two letters of the answers' longer words, to those words (a short
    #: form without vowels: "trnsfmr"; letters left out: "postiori")
    initials: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: the first letters of ``keys``: a word run together from two others that starts with none of them has
    #: no stem among ``keys`` either (``tokens.stem`` keeps a word's first letter; see ``STEM_RESPELT``)
    key_initials: frozenset[str] = frozenset()


class Response:
    """One response: tokens, hedges, and memoised near-spellings against one card's ``Targets``."""

    __slots__ = (
        "text",
        "toks",
        "_raw",
        "_hedges",
        "_joins",
        "_norm",
        "_targets",
        "_fuzzy",
        "_rival",
        "_typo",
        "positive",
        "pos_stems",
        "_index",
        "narrowed",
        "_in_reach",
        "_positives_in_reach",
        "_dotted",
        "indexed",
        "later",
        "reach",
        "_denying",
        "_items",
    )

    def __init__(
        self, text: str, targets: Targets, raw: list[str] | None = None, toks: tuple[Tok, ...] | None = None
    ) -> None:
        self.text = text
        # (``raw`` is ``raw_tokens(text)`` and ``toks`` ``read_tokens(text, raw)``, when found already.)
        self._raw = raw_tokens(text) if raw is None else raw
        self.toks: tuple[Tok, ...] = read_tokens(text, self._raw) if toks is None else toks
        #: whether the response is long enough to be visited through its index
        self.indexed = len(self.toks) > INDEX_FROM
        self._hedges: frozenset[int] | None = None
        self._joins: frozenset[int] | None = None
        self._norm: str | None = None
        self._targets = targets
        self._fuzzy: dict[str, dict[str, int]] = {}
        self._rival: dict[str, dict[str, int]] = {}
        self._typo: dict[str, dict[str, int]] = {}
        self.positive: list[Tok] = [r for r in self.toks if not r.neg and not r.stop]
        self.pos_stems = {x for r in self.positive for x in (r.stem, r.word)}
        self._index: _Index | None = None
        #: Set once a second form is judged: from then on only the tokens within reach of some form of
        #: the card are visited (finding them costs about one visit of every token).
        self.narrowed = False
        self._in_reach: list[int] | None = None
        self._positives_in_reach: list[int] | None = None
        self._dotted: frozenset[str] | None = None
        #: what each word that matched nothing may stand for (``alignment._stands_for``), shared by every form
        self.later: dict[str, tuple[tuple[str, ...], bool, tuple[str, ...]]] = {}
        #: what the response's words can match at all, whatever the form (``alignment.Reach``)
        self.reach: object | None = None
        self._denying: tuple[Tok, ...] | None = None
        self._items: dict[int, tuple[frozenset[str], tuple[str, ...]]] | None = None

    def positive_items(self) -> dict[int, tuple[frozenset[str], tuple[str, ...]]]:
        """Per list item, the stems and words its asserted content words say, and their stems in order
        (worked out once)."""
        if self._items is None:
            grouped: dict[int, list[Tok]] = {}
            for r in self.positive:
                grouped.setdefault(r.item, []).append(r)
            self._items = {
                item: (frozenset(x for r in rs for x in (r.stem, r.word)), tuple(r.stem for r in rs)) for item, rs in grouped.items()
            }
        return self._items

    @property
    def raw(self) -> list[str]:
        """The response's raw tokens (``tokens.raw_tokens``): words, numbers and marks as typed, lowercased."""
        return self._raw

    @property
    def dotted(self) -> frozenset[str]:
        """Words written with a dot after them ("approx.", "recog."): perhaps a short form."""
        if self._dotted is None:
            raw = self._raw
            self._dotted = frozenset(raw[i] for i in range(len(raw) - 1) if raw[i + 1] == "." and raw[i][0].isalpha())
        return self._dotted

    @property
    def denying(self) -> tuple[Tok, ...]:
        """``toks`` with a verb that denies ("which skips momentum") read as a negator of what follows it in
        its clause (``tokens.analyse_denying``): the same tokens, only their polarity may differ. For
        weighing a remark, never for matching an answer."""
        if self._denying is None:
            found = self.toks
            if not DENY_VERBS.isdisjoint(self._raw):
                turned = analyse_denying(self.text)
                if len(turned) == len(found):
                    found = turned
            self._denying = found
        return self._denying

    @property
    def targets(self) -> Targets:
        """The card's words this response is looked up against."""
        return self._targets

    def short_form_of(self, word: str) -> bool:
        """Whether ``word`` may be a short form of an answer word: it begins one ("archit"), or it starts like
        one and may be its letters in order ("trnsfmr", "postiori")."""
        targets = self._targets
        if word in targets.prefixes:
            return True
        if len(word) < 4 or word[:1] not in targets.initials:
            return False
        # Without vowels but one after the first letter ("trnsfmr"), or starting like the word ("postiori").
        return word[:2] in targets.initials or sum(ch in "aeiouy" for ch in word[1:]) <= 1

    def roots(self, root: str) -> tuple[str, ...]:
        """The answers' words that begin with ``root`` (six letters; ``Targets.roots``)."""
        return self._targets.roots.get(root, ())

    def begins(self, word: str) -> tuple[str, ...]:
        """The answers' longer words that ``word`` begins (``Targets.prefixes``)."""
        return self._targets.prefixes.get(word, ())

    @property
    def hedges(self) -> frozenset[int]:
        """Item indices opened by an explicit hedge ("or", "/", "vs")."""
        if self._hedges is None:
            self._hedges = hedges_raw(self._raw)
        return self._hedges

    def says_any(self, words: frozenset[str]) -> bool:
        """Whether the response has one of ``words`` as it was typed (folded)."""
        return not words.isdisjoint(self._raw)

    @property
    def joins(self) -> frozenset[int]:
        """Item indices opened by "and", "plus", "&" or "+"."""
        if self._joins is None:
            raw = self._raw
            self._joins = frozenset() if _JOINS.isdisjoint(raw) else joins_raw(raw)
        return self._joins

    @property
    def norm(self) -> str:
        """The normalised text (compared whole with answers made of little words)."""
        if self._norm is None:
            self._norm = normalise(self.text)
        return self._norm


    def tokens_for(self, keys: frozenset[str], with_nums: bool, fuzzy_targets: tuple[str, ...]) -> Iterable[int]:
        """The token indices to visit when aligning with a form (``keys``, numbers, ``fuzzy_targets``).

        A token left out could not change the alignment: it hits none of the form's words, stems or
        run-together pairs exactly and is no near-spelling of any of its words.
        """
        if self.indexed:
            return self.index().tokens(self, keys, with_nums, fuzzy_targets)
        if self.narrowed:
            return self._tokens_in_reach()
        return range(len(self.toks))

    def positives_for(self, rival_words: Iterable[str], rival_keys: tuple[str, ...]) -> Iterable[int]:
        """Positions in ``positive`` to visit when looking for a form's antonym-prefix rivals."""
        if self.indexed:
            return self.index().positives(self, rival_words, rival_keys)
        if self.narrowed:
            return self._positive_in_reach()
        return range(len(self.positive))

    def _tokens_in_reach(self) -> list[int]:
        """Tokens that can touch some form of the card (the same test as ``alignment.align``, for all)."""
        if self._in_reach is None:
            keys = self._targets.keys
            initials = self._targets.key_initials
            toks = self.toks
            n = len(toks)
            found: list[int] = []
            for j, r in enumerate(toks):
                if r.stop:
                    continue
                w = r.word
                if r.num or w in keys or r.stem in keys or (w.endswith("s") and w[:-1] in keys):
                    found.append(j)
                elif j + 1 < n and not toks[j + 1].stop and (
                    (joined := w + toks[j + 1].word) in keys
                    # (no key starts otherwise than those of ``key_initials``: a stem keeps its word's letter)
                    or ((w[0] in initials or joined in STEM_RESPELT) and stem(joined) in keys)
                ):
                    found.append(j)
                elif len(w) > 3 and w.isalnum() and self.fuzzy_near(w):
                    found.append(j)
                elif self.short_form_of(w):
                    found.append(j)
            self._in_reach = found
        return self._in_reach

    def _positive_in_reach(self) -> list[int]:
        """Positive tokens that are, or are near, an antonym-prefix rival of some form of the card."""
        if self._positives_in_reach is None:
            rivals = self._targets.rival_words
            self._positives_in_reach = [
                p
                for p, r in enumerate(self.positive)
                if r.word in rivals
                or r.stem in rivals
                or (r.word.isalpha() and len(r.word) > 4 and self.rival_near(r.word))
            ]
        return self._positives_in_reach

    def fuzzy_near(self, word: str) -> dict[str, int]:
        """Answer words within the typo tolerance of ``word`` (by its length), with their distance; or, for
        a word of six letters or more, those it spells with two letters swapped (distance 1)."""
        found = self._fuzzy.get(word)
        if found is None:
            found = self._targets.fuzzy.near(word, tolerance(len(word)))
            if not found and len(word) >= 6 and word.isalpha():
                found = self._targets.fuzzy.swapped(word)
            self._fuzzy[word] = found
        return found

    def rival_near(self, word: str) -> dict[str, int]:
        """Antonym-prefix rival keys within the typo tolerance of ``word``, with their distance."""
        found = self._rival.get(word)
        if found is None:
            found = self._rival[word] = self._targets.rival_keys.near(word, tolerance(len(word)))
        return found

    def rival_near_found(self, word: str) -> dict[str, int] | None:
        """``rival_near(word)`` if it was looked up already, else None."""
        return self._rival.get(word)

    def typo_near(self, word_stem: str) -> dict[str, int]:
        """One-word table rivals ``word_stem`` is a typo of (``alignment.fuzzy`` semantics), by distance."""
        found = self._typo.get(word_stem)
        if found is None:
            found = {}
            for target in self._targets.typo_rivals.near(word_stem, 3):
                d = fuzzy(word_stem, target)
                if d is not None:
                    found[target] = d
            self._typo[word_stem] = found
        return found

    def index(self) -> _Index:
        """The inverted index of the tokens (built on first use)."""
        if self._index is None:
            self._index = _Index(self)
        return self._index

    def build_index(self, *, rivals: bool) -> Generator[None, None, None]:
        """Build the parts of the index every alignment reads, pausing (``yield``) between them (for
        ``grade_card_async``: the same parts are built on first use otherwise). ``rivals``: also the part
        the search for rivals reads."""
        index = self.index()
        yield
        index.near(self)
        yield
        index.begun(self)
        if rivals:
            yield
            index.positive_index(self)


class _Index:
    """Which tokens can touch a form: by exact key, by number, by near-spelling (each built on first use)."""

    # (The response is passed to each call: a reference to it would make a cycle, which only the garbage
    # collector frees, with every token of a long answer.)
    __slots__ = ("keys", "nums", "_fuzzy", "_positive_keys", "_rival", "_typo", "_prefix")

    def __init__(self, resp: Response) -> None:
        toks = resp.toks
        card_keys = resp._targets.keys
        keys: dict[str, list[int]] = {}
        nums: list[int] = []
        joined_at: list[int] = []
        joined: list[str] = []
        n = len(toks)
        for j, r in enumerate(toks):
            if r.stop:
                continue
            if r.num:
                nums.append(j)
                continue
            w = r.word
            # (The word, its stem, the word without a plural "s": each checked as the same word may be.)
            if w in card_keys:
                keys.setdefault(w, []).append(j)
            if r.stem in card_keys:
                keys.setdefault(r.stem, []).append(j)
            bare = w[:-1] if w.endswith("s") else w
            if bare in card_keys:
                keys.setdefault(bare, []).append(j)
            if j + 1 < n and not toks[j + 1].stop:
                joined_at.append(j)
                joined.append(w + toks[j + 1].word)
        # Only a word run together that starts like some key may have its stem among them: the others are
        # not stemmed.
        initials = resp._targets.key_initials
        stemmed = [w[0] in initials or w in STEM_RESPELT for w in joined]
        stems = iter(stem_words([w for w, wanted in zip(joined, stemmed, strict=True) if wanted]))
        for j, word, wanted in zip(joined_at, joined, stemmed, strict=True):
            if word in card_keys:
                keys.setdefault(word, []).append(j)
            if wanted:
                word_stem = next(stems)
                if word_stem in card_keys:
                    keys.setdefault(word_stem, []).append(j)
        self.keys = keys  # only the keys some form of the card has
        self.nums = nums
        self._fuzzy: dict[str, list[int]] | None = None
        self._positive_keys: dict[str, list[int]] | None = None
        self._rival: dict[str, list[int]] | None = None
        self._typo: dict[str, list[int]] | None = None
        self._prefix: dict[str, list[int]] | None = None

    def tokens(self, resp: Response, keys: Iterable[str], with_nums: bool, fuzzy_targets: Iterable[str]) -> list[int]:
        """Sorted token indices hit by ``keys``, by a number (``with_nums``) or near a ``fuzzy_targets`` word."""
        found: set[int] = set()
        for k in keys:
            hit = self.keys.get(k)
            if hit:
                found.update(hit)
        if with_nums:
            found.update(self.nums)
        near = self.near(resp)
        for t in fuzzy_targets:
            hit = near.get(t)
            if hit:
                found.update(hit)
        begun = self.begun(resp)
        for t in fuzzy_targets:
            hit = begun.get(t)
            if hit:
                found.update(hit)
        return sorted(found)

    def near(self, resp: Response) -> dict[str, list[int]]:
        """Answer word -> sorted indices of the tokens that are a near-spelling of it (built on first use)."""
        if self._fuzzy is None:
            eligible: dict[str, list[int]] = {}
            for j, r in enumerate(resp.toks):
                if not r.stop and not r.num and len(r.word) > 3 and r.word.isalnum():
                    eligible.setdefault(r.word, []).append(j)
            self._fuzzy = _inverse(eligible, resp._targets.fuzzy, resp.fuzzy_near, _within_tolerance)
        return self._fuzzy

    def begun(self, resp: Response) -> dict[str, list[int]]:
        """Answer word -> indices of the tokens that may be a short form of it (built on first use)."""
        if self._prefix is None:
            prefixes = resp._targets.prefixes
            initials = resp._targets.initials
            begun: dict[str, list[int]] = {}
            for j, r in enumerate(resp.toks):
                if r.stop or r.num or not resp.short_form_of(r.word):
                    continue
                for target in (*prefixes.get(r.word, ()), *initials.get(r.word[0], ())):
                    begun.setdefault(target, []).append(j)
            self._prefix = begun
        return self._prefix

    def positives(self, resp: Response, keys: Iterable[str], near: Iterable[str]) -> list[int]:
        """Sorted positions in ``positive`` whose word or stem is one of ``keys``, or near a rival key."""
        positive_keys, rival = self.positive_index(resp)
        found: set[int] = set()
        for k in keys:
            hit = positive_keys.get(k)
            if hit:
                found.update(hit)
        for k in near:
            hit = rival.get(k)
            if hit:
                found.update(hit)
        return sorted(found)

    def positive_index(self, resp: Response) -> tuple[dict[str, list[int]], dict[str, list[int]]]:
        """The positions in ``positive`` by word and stem, and by the antonym-prefix rival they are near
        (built on first use)."""
        if self._positive_keys is None or self._rival is None:
            positive_keys: dict[str, list[int]] = {}
            eligible: dict[str, list[int]] = {}
            for p, r in enumerate(resp.positive):
                positive_keys.setdefault(r.word, []).append(p)
                if r.stem != r.word:
                    positive_keys.setdefault(r.stem, []).append(p)
                if r.word.isalpha() and len(r.word) > 4:
                    eligible.setdefault(r.word, []).append(p)
            self._positive_keys = positive_keys
            self._rival = _inverse(eligible, resp._targets.rival_keys, resp.rival_near, _within_tolerance)
        return self._positive_keys, self._rival

    def typo(self, resp: Response) -> dict[str, list[int]]:
        """One-word table rival stem -> sorted positions in ``positive`` of the words that are a typo of it."""
        if self._typo is None:
            eligible: dict[str, list[int]] = {}
            for p, r in enumerate(resp.positive):
                if r.word.isalpha():
                    eligible.setdefault(r.stem, []).append(p)
            self._typo = _inverse(eligible, resp._targets.typo_rivals, resp.typo_near, _is_typo)
        return self._typo


def _within_tolerance(word: str, target: str, d: int) -> bool:
    return d <= tolerance(len(word))


def _is_typo(word: str, target: str, d: int) -> bool:
    return fuzzy(word, target) is not None


def _inverse(
    eligible: dict[str, list[int]],
    targets: Words,
    near: Callable[[str], dict[str, int]],
    keep: Callable[[str, str, int], bool],
) -> dict[str, list[int]]:
    """target -> sorted positions of the words near it.

    ``near(word)`` gives a word's near targets; when there are far fewer targets than words, each target is
    searched among the words instead (within 3 edits, the most any tolerance allows), and ``keep(word,
    target, distance)`` applies the word's own test. Both ways find the same pairs.
    """
    out: dict[str, list[int]] = {}
    if len(targets.words) * 4 < len(eligible):
        words = tuple(eligible)
        for target in targets.words:
            for word, d, _ in process.extract(target, words, scorer=OSA.distance, score_cutoff=3, limit=None):
                if keep(word, target, d):
                    out.setdefault(target, []).extend(eligible[word])
    else:
        for word, positions in eligible.items():
            for target in near(word):
                out.setdefault(target, []).extend(positions)
    for positions in out.values():
        positions.sort()
    return out
