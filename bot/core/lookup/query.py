"""One word of a query, looked up once in the index's vocabulary and then used twice.

- ``matches``: the vocabulary words whose posting lists find candidate entries (the word itself, the
  most frequent words it starts when it is the word being typed, its closest typos among the words of
  names), with a similarity 0-1;
- ``similarities``: how well the word stands for *any* vocabulary word (``words.word_sim`` for each),
  for scoring the candidates word against word without comparing the pair again.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left
from collections.abc import Mapping

from bot.core.lookup.tables import Tables
from bot.core.lookup.typos import best_per_length
from bot.core.lookup.words import has_digit, typo_cutoff

_PREFIX_WORDS = 24  # vocabulary words tried for the word being typed
_PREFIX_SCAN = 400  # words looked at to pick those (the most frequent win)
_FUZZY_WORDS = 8  # vocabulary words tried per typo'd query word
#: Past every letter and digit: ``word + _AFTER`` sorts after every word that starts with ``word``.
_AFTER = "{"


class QueryWord:
    """A query word (folded), whether it is the word being typed (so it also stands for the words it
    starts), and the vocabulary words it may be a typo of, with their ``fuzz.ratio``."""

    __slots__ = ("prefix", "text", "typos")

    def __init__(self, tables: Tables, text: str, *, prefix: bool) -> None:
        self.text = text
        self.prefix = prefix
        typo = len(text) >= 4 and not has_digit(text)
        self.typos: Mapping[str, float] = tables.typos.neighbours(text, typo_cutoff(len(text))) if typo else {}

    def matches(self, tables: Tables) -> dict[str, float]:
        """Vocabulary words whose entries are candidates, with a similarity 0-1 (exact 1, prefix/typo less)."""
        word = self.text
        out: dict[str, float] = {}
        if word in tables.postings:
            out[word] = 1.0
        if self.prefix and (len(word) >= 2 or not out):
            vocab, postings = tables.vocab, tables.postings
            lo = bisect_left(vocab, word)
            hits: list[str] = []
            for w in vocab[lo : lo + _PREFIX_SCAN]:
                if not w.startswith(word):
                    break
                if w != word:
                    hits.append(w)
            if len(hits) > _PREFIX_WORDS:
                hits = heapq.nlargest(_PREFIX_WORDS, hits, key=lambda w: len(postings[w]))
            for w in hits:
                out[w] = max(out.get(w, 0.0), 0.75 + 0.2 * len(word) / len(w))
        if self.typos:
            # The closest few words of names of each length, then the closest few of those.
            near = [
                (score, w)
                for w, score in best_per_length(self.typos, tables.name_words, len(word), _FUZZY_WORDS)
                if w != word
            ]
            for score, w in heapq.nlargest(_FUZZY_WORDS, near):
                out[w] = max(out.get(w, 0.0), 0.95 * score / 100)
        return out

    def similarities(self, tables: Tables) -> dict[str, float]:
        """``word_sim(self.text, w, self.prefix)`` for every vocabulary word ``w`` it is not 0 for."""
        word = self.text
        table = {w: 0.95 * score / 100 for w, score in self.typos.items()}
        if self.prefix:
            vocab = tables.vocab
            lo = bisect_left(vocab, word)
            hi = bisect_left(vocab, word + _AFTER, lo)
            n = len(word)
            table.update({w: 0.75 + 0.2 * n / len(w) for w in vocab[lo:hi]})
        table[word] = 1.0
        return table
