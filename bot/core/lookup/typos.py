"""Typo search over the index's vocabulary: every word a query word may be a misspelling of.

A query word of ``n`` letters is a typo of a vocabulary word of ``n - 2`` to ``n + 2`` letters (no digits in
either) when ``fuzz.ratio`` reaches the cut-off. Words are grouped by length; scanning a group costs about
50 ns a word, so the large groups of short words (thousands of four-letter words in a 100,000-card deck)
also get a deletion index, which finds the same words without a scan:

``fuzz.ratio(q, w)`` is ``200 * lcs / (len(q) + len(w))``, so a word reaches the cut-off only if it shares
a subsequence of ``need`` letters with the query (``need`` follows from the two lengths and the cut-off).
When ``len(w) - need`` is 0 or 1, that subsequence is ``w`` itself or ``w`` less one letter: the index maps
each of those to ``w``, and the query looks up its own subsequences of ``need`` letters. Every word found
is scored with the same ``fuzz.ratio`` call as a scan makes, so both ways give the same words and scores.

The term index asks once per query word and uses the answer twice: the best few words of names per
length group find candidate entries, and the scores say how well the query covers each candidate.
"""

from __future__ import annotations

import math
import threading
from collections import OrderedDict, defaultdict
from collections.abc import Collection, Iterable, Mapping
from itertools import combinations

from rapidfuzz import fuzz, process

#: Groups of more words than this also get a deletion index.
INDEX_MIN_WORDS = 1000
#: Query subsequences looked up per group at most (beyond that the group is scanned).
_MAX_LOOKUPS = 400
#: How far a typo may change a word's length.
LENGTH_SLACK = 2
#: Query words whose answers are remembered.
RECENT_WORDS = 2048


def letters_needed(query_len: int, word_len: int, cutoff: float) -> int:
    """The fewest letters two words of these lengths must share, in order, for ``fuzz.ratio`` to reach
    ``cutoff`` (rounded down a hair, so a word exactly at the cut-off is always looked at)."""
    return max(0, math.ceil(cutoff * (query_len + word_len) / 200 - 1e-9))


class TypoFinder:
    """The vocabulary words near a query word (see the module docstring)."""

    def __init__(self, words: Iterable[str]) -> None:
        """Index ``words`` (vocabulary words without digits, of three letters or more)."""
        by_len: dict[int, list[str]] = defaultdict(list)
        for w in set(words):
            by_len[len(w)].append(w)
        #: Length -> the words of that length, sorted.
        self.by_len: dict[int, list[str]] = {n: sorted(ws) for n, ws in by_len.items()}
        self._indexed = {n for n, ws in self.by_len.items() if len(ws) > INDEX_MIN_WORDS}
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
        for size in range(n - LENGTH_SLACK, n + LENGTH_SLACK + 1):
            group = self.by_len.get(size)
            if not group:
                continue
            need = letters_needed(n, size, cutoff)
            if need > min(n, size):
                continue  # not even a word that shares every letter could reach the cut-off
            if size in self._indexed and size - need <= 1 and math.comb(n, need) <= _MAX_LOOKUPS:
                out.update(self._looked_up(word, size, need, cutoff))
            else:
                out.update(
                    (w, score)
                    for w, score, _ in process.extract(word, group, scorer=fuzz.ratio, limit=None, score_cutoff=cutoff)
                )
        return out

    def _looked_up(self, word: str, size: int, need: int, cutoff: float) -> dict[str, float]:
        """The group of ``size`` letters through the deletion index: every word sharing a subsequence of
        ``need`` letters with ``word``, kept when it reaches the cut-off."""
        found: set[str] = set()
        deletions = self._deletions
        subs = {"".join(word[i] for i in picks) for picks in combinations(range(len(word)), need)}
        for sub in subs:
            for w in deletions.get(sub, ()):
                if len(w) == size:
                    found.add(w)
        out: dict[str, float] = {}
        for w in found:
            score = fuzz.ratio(word, w, score_cutoff=cutoff)
            if score:
                out[w] = score
        return out


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
