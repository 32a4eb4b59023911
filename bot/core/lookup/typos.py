"""Typo search over the index's vocabulary: every word a query word may be a misspelling of.

A query word of ``n`` letters is a typo of a vocabulary word of ``n - 2`` to ``n + 2`` letters (no digits in
either) when ``fuzz.ratio`` reaches the cut-off. ``fuzz.ratio(q, w)`` is ``200 * lcs / (len(q) + len(w))``,
so a word reaches the cut-off only if it shares a subsequence of ``need`` letters with the query (``need``
follows from the two lengths and the cut-off). Words are grouped by length, and two filters find the few
words of a group that may, without comparing the query with each of them (about 50 ns a word, which is a
millisecond a query word over a 100,000-card deck's vocabulary):

- a *letter count* filter, for every group: two words cannot share more letters in order than they share
  at all (for each letter, the smaller of its two counts, summed). Each group keeps, per letter and count,
  the set of its words with at least that many of the letter, as the bits of one integer; adding up the
  query's sets bit-parallel (one integer operation covers the whole group) gives every word's shared
  letters at once, and only the words with ``need`` or more are compared;
- a *deletion* index, for the large groups of short words, where sharing letters says little: when
  ``len(w) - need`` is 0 or 1, the shared subsequence is ``w`` itself or ``w`` less one letter, so the index
  maps each of those to ``w`` and the query looks up its own subsequences of ``need`` letters.

Every word a filter lets through is scored with the same ``fuzz.ratio`` call as a scan makes, and neither
filter drops a word that reaches the cut-off, so the words and scores are those of a scan.

The term index asks once per query word and uses the answer twice: the best few words of names per
length group find candidate entries, and the scores say how well the query covers each candidate.
"""

from __future__ import annotations

import math
import threading
from collections import Counter, OrderedDict, defaultdict
from collections.abc import Collection, Iterable, Mapping
from itertools import combinations

from rapidfuzz import fuzz, process

#: Groups of more words than this also get a deletion index (used for the short words).
INDEX_MIN_WORDS = 1000
#: The deletion index serves query words of at most this many letters (longer ones: the letter counts).
_DELETION_MAX_LETTERS = 5
#: Query subsequences looked up per group at most (beyond that the letter counts filter the group).
_MAX_LOOKUPS = 400
#: Groups of fewer words than this are compared word by word (filtering them costs more than it saves).
_FILTER_MIN_WORDS = 200
#: How far a typo may change a word's length.
LENGTH_SLACK = 2
#: Query words whose answers are remembered.
RECENT_WORDS = 2048


def letters_needed(query_len: int, word_len: int, cutoff: float) -> int:
    """The fewest letters two words of these lengths must share, in order, for ``fuzz.ratio`` to reach
    ``cutoff`` (rounded down a hair, so a word exactly at the cut-off is always looked at)."""
    return max(0, math.ceil(cutoff * (query_len + word_len) / 200 - 1e-9))


class _LetterCounts:
    """One length group's words and, per (letter, count), the words with at least that many of the letter
    (bit ``i`` of an integer for ``words[i]``)."""

    __slots__ = ("_all", "_sets", "words")

    def __init__(self, words: list[str]) -> None:
        self.words = words
        sets: dict[tuple[str, int], int] = defaultdict(int)
        for i, w in enumerate(words):
            bit = 1 << i
            for letter, count in Counter(w).items():
                for k in range(1, count + 1):
                    sets[letter, k] |= bit
        self._sets = dict(sets)
        self._all = (1 << len(words)) - 1

    def sharing(self, letters: Iterable[tuple[str, int]], need: int) -> list[str]:
        """The words sharing at least ``need`` letters with a word of these (letter, count) pairs."""
        sets = self._sets
        # A bit-parallel counter: ``levels[j]`` holds bit j of every word's count of shared letters.
        levels: list[int] = []
        for letter, count in letters:
            for k in range(1, count + 1):
                carry = sets.get((letter, k), 0)
                if not carry:
                    break  # no word has this many of the letter (nor more)
                for j, level in enumerate(levels):
                    levels[j] = level ^ carry
                    carry &= level
                    if not carry:
                        break
                else:
                    levels.append(carry)
        if need >= 1 << len(levels):
            return []
        # Compare every count with ``need``, most significant bit first.
        equal, greater = self._all, 0
        for j in range(len(levels) - 1, -1, -1):
            if need >> j & 1:
                equal &= levels[j]
            else:
                greater |= equal & levels[j]
                equal &= ~levels[j]
        found = greater | equal
        if not found:
            return []
        bits = bin(found)[:1:-1]  # bit i at index i
        words = self.words
        out: list[str] = []
        i = bits.find("1")
        while i != -1:
            out.append(words[i])
            i = bits.find("1", i + 1)
        return out


class TypoFinder:
    """The vocabulary words near a query word (see the module docstring)."""

    def __init__(self, words: Iterable[str]) -> None:
        """Index ``words`` (vocabulary words without digits, of three letters or more)."""
        by_len: dict[int, list[str]] = defaultdict(list)
        for w in set(words):
            by_len[len(w)].append(w)
        #: Length -> the words of that length, sorted.
        self.by_len: dict[int, list[str]] = {n: sorted(ws) for n, ws in by_len.items()}
        self._counts: dict[int, _LetterCounts] = {
            n: _LetterCounts(ws) for n, ws in self.by_len.items() if len(ws) >= _FILTER_MIN_WORDS
        }
        #: The groups the deletion index covers: large ones a short query word reaches.
        self._indexed = {
            n for n, ws in self.by_len.items() if len(ws) > INDEX_MIN_WORDS and n <= _DELETION_MAX_LETTERS + LENGTH_SLACK
        }
        deletions: dict[str, list[str]] = defaultdict(list)
        for n in self._indexed:
            for w in self.by_len[n]:
                for v in {w} | {w[:k] + w[k + 1 :] for k in range(n)}:
                    deletions[v].append(w)
        #: A word, or the word less one letter -> the words of the indexed groups it comes from (tuples:
        #: the garbage collector need not scan them).
        self._deletions: dict[str, tuple[str, ...]] = {v: tuple(ws) for v, ws in deletions.items()}
        #: The last answers of ``neighbours``: autocomplete asks again for every word but the last at
        #: each keystroke, and members look up the same terms.
        self._recent: OrderedDict[tuple[str, float], dict[str, float]] = OrderedDict()
        self._lock = threading.Lock()  # lookups may run in worker threads

    def __len__(self) -> int:
        return sum(len(ws) for ws in self.by_len.values())

    def neighbours(self, word: str, cutoff: float) -> Mapping[str, float]:
        """Every word of ``len(word) ± 2`` letters whose ``fuzz.ratio`` with ``word`` is ``cutoff`` or
        more (``word`` itself included when it is a vocabulary word), with that score (read only)."""
        recent = self._recent
        with self._lock:
            found = recent.get((word, cutoff))
            if found is not None:
                recent.move_to_end((word, cutoff))
                return found
        found = self._neighbours(word, cutoff)
        with self._lock:
            recent[word, cutoff] = found
            if len(recent) > RECENT_WORDS:
                recent.popitem(last=False)
        return found

    def forget(self) -> None:
        """Drop the remembered answers (for benchmarks: every query then pays the full search)."""
        with self._lock:
            self._recent.clear()

    def _neighbours(self, word: str, cutoff: float) -> dict[str, float]:
        out: dict[str, float] = {}
        n = len(word)
        letters = sorted(Counter(word).items(), key=lambda lc: -lc[1])
        for size in range(n - LENGTH_SLACK, n + LENGTH_SLACK + 1):
            words = self.by_len.get(size)
            if not words:
                continue
            need = letters_needed(n, size, cutoff)
            if need > min(n, size):
                continue  # not even a word that shares every letter could reach the cut-off
            if size in self._indexed and size - need <= 1 and math.comb(n, need) <= _MAX_LOOKUPS:
                candidates: Collection[str] = self._looked_up(word, size, need)
            elif (group := self._counts.get(size)) is not None:
                candidates = group.sharing(letters, need)
            else:
                candidates = words
            if candidates:
                out.update(
                    (w, score)
                    for w, score, _ in process.extract(
                        word, candidates, scorer=fuzz.ratio, limit=None, score_cutoff=cutoff
                    )
                )
        return out

    def _looked_up(self, word: str, size: int, need: int) -> list[str]:
        """The words of ``size`` letters sharing a subsequence of ``need`` letters with ``word``, through
        the deletion index."""
        found: dict[str, None] = {}
        deletions = self._deletions
        subs = {"".join(word[i] for i in picks) for picks in combinations(range(len(word)), need)}
        for sub in subs:
            for w in deletions.get(sub, ()):
                if len(w) == size:
                    found[w] = None
        return list(found)


def best_per_length(
    scores: Mapping[str, float], among: Collection[str], query_len: int, limit: int
) -> list[tuple[str, float]]:
    """From ``scores`` (see ``TypoFinder.neighbours``), the words in ``among``: the best ``limit`` of each
    length, shortest lengths first, each length best score first and then alphabetically."""
    groups: dict[int, list[tuple[float, str]]] = defaultdict(list)
    for w, score in scores.items():
        if w in among:
            groups[len(w)].append((-score, w))
    out: list[tuple[str, float]] = []
    for size in range(query_len - LENGTH_SLACK, query_len + LENGTH_SLACK + 1):
        group = groups.get(size)
        if group:
            group.sort()
            out += [(w, -neg) for neg, w in group[:limit]]
    return out
