"""The term index's tables, built once from the cards and then only read.

Every name a card is known by becomes an *entry*: its term, its aliases, acronyms and expansions (from the
shipped acronym list, the deck's own aliases and the initials of multi-word names), and its question.
Entries are numbered best kind first and, within a kind, shortest first, so posting lists come out best
entries first and a capped read of one keeps the best.

Keys and words are interned (``sys.intern``): a server with decks of its own has an index of its own that
holds the global decks' names and questions again, and interned, those are the global index's strings,
not copies (a 100,000-card global deck: 89 MB a server index, 63 MB so; the global index pays 5 MB once
for the interpreter's table of interned strings). The answers are the same: equal strings.
"""

from __future__ import annotations

import heapq
import re
from array import array
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from sys import intern
from typing import Any, TypeVar

from bot.core import shipped
from bot.core.lookup.models import asked_text
from bot.core.lookup.typos import TypoFinder
from bot.core.lookup.words import STOPWORDS, bare_name, has_digit, initials
from bot.core.models import Card
from bot.core.text import fold

# Entry kinds, best first (also the tie-break order).
TERM, ALIAS, ACRONYM, QUESTION = 0, 1, 2, 3
KIND_NAMES = ("term", "alias", "acronym", "question")

_QUESTION_KEY_CHARS = 300

T = TypeVar("T")

#: Kana and CJK ideographs: scripts that write a sentence without spaces between words.
_UNSPACED = re.compile("[\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]")


def unspaced_script(text: str) -> bool:
    """Whether ``text`` is written (in part) in a script without spaces between words (Chinese, Japanese)."""
    return not text.isascii() and _UNSPACED.search(text) is not None


class Tables:
    """Entries (folded keys, owning card, kind), exact and word lookups, and the vocabulary for typos."""

    def __init__(self, cards: Iterable[Card], acronyms: Mapping[str, Sequence[str]] | None = None) -> None:
        """Index ``cards``; ``acronyms`` (acronym -> expansions) defaults to the shipped list."""
        self.cards: list[Card] = list(cards)
        self.by_key: dict[str, int] = {c.key: i for i, c in enumerate(self.cards)}
        #: Card -> 1 when it is askable (complete), else 0.
        self.askable = bytes(c.askable for c in self.cards)
        keys, owner, kinds = self._entries(self.cards, shipped.acronyms() if acronyms is None else acronyms)
        #: Entry id -> folded key, owning card (index into ``cards``), kind.
        self.keys = keys
        self.owner = owner
        self.kinds = bytes(kinds)
        #: Entry id -> how many content words its key has (``words.content_words``; 0: filler words only).
        self.sizes = array("H", (min(65535, sum(1 for w in key.split() if w not in STOPWORDS)) for key in keys))

        exact: dict[str, int | list[int]] = {}
        postings: dict[str, list[int]] = defaultdict(list)
        name_words: set[str] = set()
        for eid, key in enumerate(keys):
            seen: set[str] = set()
            for w in key.split():
                if w not in seen and w not in STOPWORDS:
                    seen.add(w)
                    postings[intern(w)].append(eid)
            if kinds[eid] == QUESTION:
                continue
            prev = exact.get(key)
            if prev is None:
                exact[key] = eid
            elif isinstance(prev, list):
                prev.append(eid)
            else:
                exact[key] = [prev, eid]
            name_words.update(seen)
        #: A whole name (not a question) -> its entry or entries.
        self.exact = exact
        #: Word -> the entries holding it, best first.
        self.postings: dict[str, array[int]] = {w: array("I", ids) for w, ids in postings.items()}
        del postings
        #: Words for the word being typed (prefix, by bisect): every word of names and questions.
        self.vocab: list[str] = _sorted(list(self.postings), key=str)
        #: Words a typo is matched against (three letters or more, no digits), for finding candidates
        #: (words of names only, ``name_words``) and for scoring them (every word).
        self.typos = TypoFinder(w for w in self.vocab if len(w) >= 3 and not has_digit(w))
        self.name_words: frozenset[str] = frozenset(name_words)
        #: Names (not questions) sorted by key, for whole-query prefix matches.
        self.named: list[int] = _sorted([e for e in range(len(keys)) if kinds[e] != QUESTION], key=keys.__getitem__)
        self.by_tag: dict[str, list[int]] = defaultdict(list)
        for ci, card in enumerate(self.cards):
            for tag in card.tags:
                self.by_tag[tag].append(ci)
        self.term_keys: list[str] = [keys[e] for e in range(len(keys)) if kinds[e] == TERM]
        self.term_owner: list[int] = [owner[e] for e in range(len(keys)) if kinds[e] == TERM]
        # For the close-name search (``index.TermIndex.nearest_terms``), the terms (shortest first, as in
        # ``term_keys``) by their first character: a misspelling keeps its first letter, and a name that
        # shares only an ending with the query ("optimization", "normalization") is not close.
        by_initial: dict[str, list[int]] = defaultdict(list)
        for i, key in enumerate(self.term_keys):
            by_initial[key[0]].append(i)
        #: First character -> (the terms' keys, their positions in ``term_keys``), shortest first.
        self.terms_by_initial: dict[str, tuple[list[str], array[int]]] = {
            c: ([self.term_keys[i] for i in ids], array("I", ids)) for c, ids in by_initial.items()
        }
        del by_initial
        # Terms written in a script without spaces between words (Chinese, Japanese): a query is close to
        # such a term when the term holds it ("学習" in "過学習"), for a run of those characters is one word.
        # Their keys (shortest first) joined by newlines, where each starts, and its position in ``term_keys``.
        unspaced = [i for i, ci in enumerate(self.term_owner) if unspaced_script(self.cards[ci].term or "")]
        #: Keys of the terms written in a script without spaces, joined by newlines.
        self.unspaced_text = "\n".join(self.term_keys[i] for i in unspaced)
        self.unspaced_starts = array("I")
        at = 0
        for i in unspaced:
            self.unspaced_starts.append(at)
            at += len(self.term_keys[i]) + 1
        self.unspaced_terms = array("I", unspaced)
        self.alphabetical: list[int] = _sorted(
            list(range(len(self.cards))), key=lambda ci: fold(self.cards[ci].term or self.cards[ci].question)
        )

    @staticmethod
    def _entries(
        cards: Sequence[Card], acronyms: Mapping[str, Sequence[str]]
    ) -> tuple[list[str], list[int], bytearray]:
        """Every entry as (folded key, owning card, kind), best kind first, shorter keys first in a kind."""
        short_to_long: dict[str, list[str]] = defaultdict(list)
        long_to_short: dict[str, list[str]] = defaultdict(list)
        for short, longs in acronyms.items():
            s = fold(short)
            for long in longs:
                lf = fold(long)
                if s and lf:
                    short_to_long[s].append(lf)
                    long_to_short[lf].append(s)

        raw: list[list[tuple[str, int]]] = [[], [], [], []]
        for ci, card in enumerate(cards):
            names: list[str] = []
            written = ([(TERM, fold(card.term))] if card.term else []) + [(ALIAS, fold(a)) for a in card.aliases]
            # A name written with its article ("la mémoire vive", "el perro") is also known without it (as one
            # written with "the" is: a filler word), as another name: a card named so without one comes first.
            written += [(ALIAS, bare) for _, key in written if (bare := bare_name(key))]
            for kind, key in written:
                if key and key not in names:
                    raw[kind].append((intern(key), ci))
                    names.append(key)
            extra: list[str] = []
            for name in names:
                for other in (*short_to_long.get(name, ()), *long_to_short.get(name, ()), *initials(name)):
                    if other not in names and other not in extra:
                        extra.append(other)
            for other in extra:
                raw[ACRONYM].append((intern(other), ci))
            q = fold(asked_text(card))
            if q and q not in names:
                raw[QUESTION].append((intern(q[:_QUESTION_KEY_CHARS]), ci))

        keys: list[str] = []
        owner: list[int] = []
        kinds = bytearray()
        for kind, items in enumerate(raw):
            if kind != QUESTION:
                # Shorter keys first within a kind: they are the better answer to a word they hold. (A
                # stable sort by length, bucket by bucket: one ``sort`` call over a hundred thousand names
                # holds the interpreter lock, so the event loop, throughout.)
                by_length: dict[int, list[tuple[str, int]]] = {}
                for item in items:
                    by_length.setdefault(len(item[0]), []).append(item)
                items = [item for n in sorted(by_length) for item in by_length[n]]
            for key, ci in items:
                keys.append(key)
                owner.append(ci)
                kinds.append(kind)
        return keys, owner, kinds

    def terms_holding(self, key: str, limit: int) -> list[int]:
        """The first ``limit`` terms written in a script without spaces whose key holds ``key`` (positions in
        ``term_keys``, shortest first: the closest to ``key``)."""
        text, starts, terms = self.unspaced_text, self.unspaced_starts, self.unspaced_terms
        found: list[int] = []
        at = text.find(key) if key and "\n" not in key else -1
        while at != -1 and len(found) < limit:
            n = bisect_right(starts, at) - 1
            found.append(terms[n])
            # (on to the next term: each is listed once)
            at = text.find(key, starts[n + 1]) if n + 1 < len(starts) else -1
        return found

    def exact_entries(self, key: str) -> list[int]:
        """The name entries whose whole key is ``key``."""
        found = self.exact.get(key)
        if found is None:
            return []
        return found if isinstance(found, list) else [found]


#: Items sorted at once at most (a larger list is sorted in runs and merged, see ``_sorted``).
_SORT_RUN = 5_000


def _sorted(items: list[T], key: Callable[[T], Any]) -> list[T]:
    """``sorted(items, key=key)``, the same order (ties too), in runs of ``_SORT_RUN`` merged.

    The index is built in a worker thread, and one ``sorted`` call over a few hundred thousand strings
    holds the interpreter lock throughout, stalling the event loop for a tenth of a second; sorting runs
    and merging them (``heapq.merge`` takes from the earlier run on a tie, as a stable sort keeps the
    earlier item) lets the loop in between."""
    if len(items) <= _SORT_RUN:
        return sorted(items, key=key)
    runs = [sorted(items[i : i + _SORT_RUN], key=key) for i in range(0, len(items), _SORT_RUN)]
    return list(heapq.merge(*runs, key=key))
