"""``TermIndex``: the deck as a glossary, in memory, for /define and autocomplete.

Built once from the cards (terms, aliases, acronyms and their expansions, questions; see ``tables``), it
answers every keystroke from memory:

1. the whole query as a key: exact (dict) and prefix (bisect over the sorted keys);
2. word by word (``query.QueryWord``): each query word is matched to the index's vocabulary exactly, as
   the prefix of a word (for the word being typed) or as a typo (``typos.TypoFinder``: ``fuzz.ratio``
   over the vocabulary words of about the same length, a deletion index for the large groups of short
   words; never over the 100,000 keys);
3. the entries holding the matched words (posting lists, best entries first, capped) are scored by how
   well and how much of them the query covers (``words.Coverage``, a lookup per word pair in the
   similarities the query words computed once), and the best entry per card wins.

/define then asks for a name the query names whole (``_rank(whole=True)``): a name it only starts or
shares a word with is a close match or a suggestion, never the answer. When no word of the query starts
a word of the deck nor is a typo of one, /define's did-you-mean and autocomplete alike look for the terms
spelt close to the whole query (``nearest_terms``: the same first character and about the same letters,
"tokenize" for "tokenization"; for a query in Chinese or Japanese, the terms that hold it).

The typo index and the similarity tables only make it faster, never change an answer:
``bench/bench_lookup.py`` prints a digest of every answer and compares it with a saved run.

Autocomplete runs on the event loop at every keystroke (about a millisecond over 100,000 cards, a few at
worst): ``suggesting`` gives the same answer in four steps (more when reading the posting lists or scoring
the candidates runs over ``STEP_SECONDS``), so the caller can let other work run between them
(``LookupService.suggest_async``), and the index remembers its last answers (``SUGGESTIONS_KEPT``: members
typing the same first letters). The index never changes once built (a deck change builds a new
one), so a remembered answer is the answer. /define is stepped the same way (``defining``): its two
rankings, then, for a query that matched nothing, the did-you-mean scan of the terms of the query's first
character and of a length that can come close (``nearest_keys``, whole-string similarity: a millisecond or
two over a 100,000-term deck, 5-8 ms if every term began with that character) in slices of ``NEAREST_SLICE``
terms whose merged answer is the single scan's.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections import OrderedDict
from collections.abc import Generator, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import chain, compress, islice, repeat
from operator import itemgetter
from time import perf_counter
from typing import TypeVar

from rapidfuzz import fuzz, process

from bot.core.lookup import related
from bot.core.lookup.explain import explanation
from bot.core.lookup.models import (
    DEFINE_EMPTY,
    DEFINE_NO_MATCH,
    DEFINE_NOTHING_CLOSE,
    DefineResult,
    Match,
    plain_question,
)
from bot.core.lookup.query import QueryWord
from bot.core.lookup.search import UnspacedText
from bot.core.lookup.tables import ALIAS, KIND_NAMES, QUESTION, TERM, Tables, unspaced_script
from bot.core.lookup.words import STOPWORDS, Coverage, bare_name, content_words
from bot.core.models import Card
from bot.core.text import fold

T = TypeVar("T")

_KIND_WEIGHT = (1.0, 0.99, 0.97, 0.8)
_EXACT_SCORE = (100.0, 99.0, 97.0, 90.0)

#: /define answers with a card at this score or more; below it, "did you mean".
DEFINE_MIN = 72.0
#: Other cards within this many points of the best one are offered in a select menu.
OTHERS_MARGIN = 10.0
#: Did-you-mean suggestions need at least this score.
SUGGEST_MIN = 40.0

#: Characters of a query looked up: the longest term or alias a deck may write (``decks.TEXT_MAX``).
_MAX_QUERY_CHARS = 300
_MAX_QUERY_WORDS = 8
_POSTING_CAP = 400  # entries read per matched word (posting lists are ordered best entries first)
_POSTING_CAP_NEAR = 120  # ... per word that only starts like the query word or is a typo away
_SCORED = 150  # candidates scored word against word
#: How long a step of ``_candidating`` may run before it stops (seconds): the event loop is given back
#: about this often (an autocomplete over 100,000 cards: a millisecond or a few in all).
STEP_SECONDS = 0.0003
_LISTS_TIMED = 8  # posting lists read between two looks at the clock
_SCORED_AT_ONCE = 50  # candidates scored between two looks at the clock
_CHOICES = 25  # Discord's cap on autocomplete choices and select options
#: Autocomplete answers each index remembers (the least recently asked dropped first).
SUGGESTIONS_KEPT = 512

_EMPTY_REASON = "Type a term to look up."
NO_MATCH_REASON = "No card matches that term."
NOTHING_CLOSE_REASON = "No card matches that term, nor anything close."


def _finish(steps: Generator[None, None, T]) -> T:
    """Run ``steps`` to the end without stopping; its result."""
    while True:
        try:
            next(steps)
        except StopIteration as done:
            return done.value


#: Terms compared at once by the did-you-mean scan (``nearest_keys``): about half a millisecond of work.
NEAREST_SLICE = 4096
_NEAREST_CUTOFF = 50
#: The ``fuzz.ratio`` a term needs, with the query's first character, to be a close name (``nearest_terms``).
CLOSE_NAME_MIN = 65.0


def close_lengths(length: int, cutoff: float = CLOSE_NAME_MIN) -> tuple[int, int]:
    """The shortest and longest keys whose ``fuzz.ratio`` with a query of ``length`` characters may reach
    ``cutoff`` (``200 * common / (length + len(key))``, and they have no more in common than the shorter)."""
    return math.ceil(length * cutoff / (200 - cutoff) - 1e-9), math.floor(length * (200 - cutoff) / cutoff + 1e-9)


def nearest_keys(
    q: str, keys: Sequence[str], limit: int, *, piece: int = NEAREST_SLICE, cutoff: float = _NEAREST_CUTOFF
) -> Generator[None, None, list[tuple[str, float, int]]]:
    """The ``limit`` keys most similar to ``q`` (``fuzz.ratio``, at least ``cutoff``): (key, score, index)
    best first, ties by index; exactly what one ``process.extract`` over all of ``keys`` returns, worked out
    ``piece`` keys at a time with a stop (``yield``) between pieces.

    ``process.extract`` holds the interpreter lock from start to end (a worker thread would stall the
    event loop as much), so the scan is cut up instead. Its order is total (score, then index: see
    rapidfuzz's ``ExtractComp``), so every one of the best ``limit`` overall is among the best ``limit``
    of its own piece, and sorting the pieces' best by that order gives the single scan's answer.
    """
    found: list[tuple[str, float, int]] = []
    for start in range(0, len(keys), piece):
        if start:
            yield
        got = process.extract(
            q, keys[start : start + piece], scorer=fuzz.ratio, limit=limit, score_cutoff=cutoff
        )
        found += [(key, score, start + i) for key, score, i in got]
    found.sort(key=lambda hit: (-hit[1], hit[2]))
    return found[:limit]


@dataclass(slots=True)
class _Scored:
    score: float
    eid: int
    card: int


class TermIndex:
    """Terms, aliases, acronyms and questions of a set of cards, for autocomplete and /define."""

    def __init__(self, cards: Iterable[Card], acronyms: Mapping[str, Sequence[str]] | None = None) -> None:
        """Index ``cards``; ``acronyms`` (acronym -> expansions) defaults to the shipped list."""
        self._t = Tables(cards, acronyms)
        self.cards: list[Card] = self._t.cards
        self.by_key: dict[str, int] = self._t.by_key
        self._suggested: OrderedDict[tuple[str, int], tuple[tuple[str, str], ...]] = OrderedDict()
        #: The cards' searchable text /search looks inside for Chinese, Japanese and Korean words, made at the
        #: first such search (``LookupService``) and kept with the index (the cards never change).
        self.unspaced: UnspacedText | None = None

    # -- sizes ---------------------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.cards)

    @property
    def entries(self) -> int:
        """How many names, acronyms and questions the index holds."""
        return len(self._t.keys)

    @property
    def vocabulary(self) -> int:
        """How many distinct words the index holds."""
        return len(self._t.vocab)

    def forget(self) -> None:
        """Drop what the index remembers of recent queries (benchmarks time the full search with it)."""
        self._t.typos.forget()
        self._suggested.clear()

    def card(self, key: str) -> Card | None:
        """The indexed card with this key, if any."""
        ci = self.by_key.get(key)
        return None if ci is None else self.cards[ci]

    def named(self, name: str) -> list[Card]:
        """The cards whose term or one of whose aliases is ``name`` (as folded): those of one name."""
        t = self._t
        return [t.cards[t.owner[e]] for e in t.exact_entries(fold(name)) if t.kinds[e] in (TERM, ALIAS)]

    # -- matching ------------------------------------------------------------------------------------
    def _split_compounds(self, words: list[str]) -> list[str]:
        """A word the index does not know that some name writes as two ("multihead" for "multi-head
        attention") becomes those two words. Only splits a name really has count, so a typo is not cut
        into two unrelated words."""
        out: list[str] = []
        postings, keys = self._t.postings, self._t.keys
        for w in words:
            if len(w) >= 6 and w not in postings:
                split = None
                for k in sorted(range(3, len(w) - 2), key=lambda k: abs(len(w) - 2 * k)):
                    a, b = w[:k], w[k:]
                    pa, pb = postings.get(a), postings.get(b)
                    if not pa or not pb:
                        continue
                    pair = f"{a} {b}"
                    if any(pair in keys[e] for e in (pa if len(pa) <= len(pb) else pb)[:2000]):
                        split = [a, b]
                        break
                if split:
                    out += split
                    continue
            out.append(w)
        return out

    def _query(self, query: str) -> str:
        """The query as a lookup key (folded, capped)."""
        return fold(query[: _MAX_QUERY_CHARS * 4])[:_MAX_QUERY_CHARS]

    def _query_words(self, q: str) -> list[str]:
        """The words of a folded query that are looked up: filler words dropped (unless there is nothing
        else), compounds split, each once, at most eight."""
        words = [w for w in q.split() if w not in STOPWORDS] or q.split()
        return list(dict.fromkeys(self._split_compounds(words)))[:_MAX_QUERY_WORDS]

    def _rank(self, query: str, *, limit: int, typing: bool, whole: bool = False) -> list[_Scored]:
        """The best entry per card for ``query``, best first (scores 0-100).

        With ``whole``, only entries the query names whole count: the key itself, or every word of the
        key written (or misspelt) in the query. A key the query only starts, or shares a word with, is
        left out: "LLM" does not name "LLM temperature".
        """
        return _finish(self._ranking(query, limit=limit, typing=typing, whole=whole))

    def _ranking(
        self, query: str, *, limit: int, typing: bool, whole: bool = False
    ) -> Generator[None, None, list[_Scored]]:
        """``_rank`` in steps (see ``suggesting``)."""
        q = self._query(query)
        if not q:
            return []
        best: dict[int, float] = {}

        def offer(eid: int, score: float) -> None:
            if score > best.get(eid, -1.0):
                best[eid] = score

        t = self._t
        keys, kinds = t.keys, t.kinds
        for eid in t.exact_entries(q):
            offer(eid, _EXACT_SCORE[kinds[eid]])
        lo = bisect_left(t.named, q, key=keys.__getitem__)
        for eid in t.named[lo : lo + 60] if not whole else ():
            key = keys[eid]
            if not key.startswith(q):
                break
            if key != q:
                offer(eid, (85.0 + 11.0 * len(q) / len(key)) * _KIND_WEIGHT[kinds[eid]])

        words = self._query_words(q)
        n = len(words)
        prefix_last = (typing or n == 1) and not whole
        looked_up = [QueryWord(t, word, prefix=prefix_last and i == n - 1) for i, word in enumerate(words)]
        yield
        candidates = yield from self._candidating(looked_up)
        if candidates:
            yield
            # The posting lists found the candidates; score the best of them word against word (a part at a
            # time, stopping once a step has run ``STEP_SECONDS``: each is scored on its own).
            until = perf_counter() + STEP_SECONDS
            coverage_of = Coverage(words, prefix_last, [qw.similarities(t) for qw in looked_up])
            scored: list[tuple[float, float]] = []
            for start in range(0, len(candidates), _SCORED_AT_ONCE):
                if perf_counter() >= until:
                    yield
                    until = perf_counter() + STEP_SECONDS
                part = candidates[start : start + _SCORED_AT_ONCE]
                scored += coverage_of.many(map(keys.__getitem__, part), map(t.sizes.__getitem__, part))
            yield
            for eid, (sim, coverage) in zip(candidates, scored, strict=True):
                if whole and coverage < 1.0:
                    continue
                score = min(100.0 * sim * (0.85 + 0.15 * coverage) * _KIND_WEIGHT[kinds[eid]], 96.0)
                if score > best.get(eid, -1.0):  # (offer, inlined: this is hot)
                    best[eid] = score

        return self._best_per_card(best, limit)

    def _best_per_card(self, best: dict[int, float], limit: int) -> list[_Scored]:
        """The best entry per card of the scored entries, best first (an incomplete card loses a tie
        with a complete one; then the better kind of entry, the shorter key, the card first indexed)."""
        t = self._t
        keys, kinds, owner, askable = t.keys, t.kinds, t.owner, t.askable
        per_card: dict[int, tuple[float, int]] = {}
        for eid, score in best.items():
            ci = owner[eid]
            if not askable[ci]:
                score *= 0.95
            cur = per_card.get(ci)
            if cur is None or score > cur[0] or (score == cur[0] and kinds[eid] < kinds[cur[1]]):
                per_card[ci] = (score, eid)
        ranked = sorted([(-score, kinds[eid], len(keys[eid]), ci, eid) for ci, (score, eid) in per_card.items()])
        return [_Scored(-neg, eid, ci) for neg, _, _, ci, eid in ranked[:limit]]

    def _candidates(self, looked_up: list[QueryWord]) -> list[int]:
        """The entries worth scoring word against word (see ``_candidating``)."""
        return _finish(self._candidating(looked_up))

    def _candidating(self, looked_up: list[QueryWord]) -> Generator[None, None, list[int]]:
        """The entries worth scoring word against word: the ``_SCORED`` entries whose query words' best
        similarities add up to the most (ties: the entry a posting list names first).

        Each word's entries come from the posting lists of the vocabulary words it matches (read best
        entries first, capped), each entry with the best similarity of the words that hold it. Everything
        here runs over whole lists at once (dict and map operations): the lists are long, a loop over
        their entries would be slow. A word that matches many (a short prefix, two or three letters
        long) reads hundreds of lists: the work stops (``yield``) once it has run ``STEP_SECONDS``, and
        goes on where it stood."""
        t = self._t
        lists: list[Sequence[int]] = []
        total: dict[int, float] = {}
        until = perf_counter() + STEP_SECONDS
        for qw in looked_up:
            mine = [
                (t.postings[w][: _POSTING_CAP if sim == 1.0 else _POSTING_CAP_NEAR], sim)
                for w, sim in qw.matches(t).items()
            ]
            # Each entry of the word's lists with its best similarity (the best lists written last).
            tok_best: dict[int, float] = {}
            for n, (ids, sim) in enumerate(sorted(mine, key=itemgetter(1)), 1):
                tok_best.update(zip(ids, repeat(sim)))
                if n % _LISTS_TIMED == 0 and perf_counter() >= until:
                    yield
                    until = perf_counter() + STEP_SECONDS
            if not tok_best:
                continue
            lists += [ids for ids, _ in mine]
            if total:
                # Added word after word: an entry's sum so far plus this word's similarity.
                for eid in total.keys() & tok_best.keys():
                    tok_best[eid] = total[eid] + tok_best[eid]
            total.update(tok_best)
            if perf_counter() >= until:
                yield
                until = perf_counter() + STEP_SECONDS
        if not total:
            return []
        # The entries in the order the posting lists first name them (which wins a tie).
        order = dict.fromkeys(chain.from_iterable(lists))
        if len(total) <= _SCORED:
            chosen = list(order)
        else:
            # Every entry above the ``_SCORED``-th largest sum, then those equal to it, first named first.
            last = sorted(total.values(), reverse=True)[_SCORED - 1]
            sums = total.__getitem__
            chosen = list(compress(order, map(last.__lt__, map(sums, order))))
            chosen += islice(compress(order, map(last.__eq__, map(sums, order))), _SCORED - len(chosen))
        chosen.sort(key=total.__getitem__, reverse=True)  # (stable: ties stay first named first)
        return chosen

    def _match(self, s: _Scored) -> Match:
        card = self.cards[s.card]
        kind = self._t.kinds[s.eid]
        key = self._t.keys[s.eid]
        if kind == TERM and card.term:
            matched = card.term
        elif kind == ALIAS:
            # (an alias, or a name less its article: ``words.bare_name``)
            matched = next((a for a in card.aliases if fold(a) == key), None) or next(
                (n for n in card.names if bare_name(fold(n)) == key), key
            )
        elif kind == QUESTION:
            matched = card.question
        else:
            matched = key.upper() if " " not in key else key
        return Match(card=card, score=round(s.score, 1), matched=matched, kind=KIND_NAMES[kind])

    def matches(self, query: str, limit: int = _CHOICES, *, typing: bool = True) -> list[Match]:
        """The cards that match ``query``, best first."""
        return [self._match(s) for s in self._rank(query, limit=limit, typing=typing)]

    def suggest(self, query: str, limit: int = _CHOICES) -> list[tuple[str, str]]:
        """Autocomplete: up to ``limit`` (label, card key) pairs; the first terms A-Z for an empty query."""
        return _finish(self.suggesting(query, limit))

    def suggesting(self, query: str, limit: int = _CHOICES) -> Generator[None, None, list[tuple[str, str]]]:
        """``suggest`` in steps: a generator that stops (``yield``) where the caller may let other work run,
        and returns the same list as ``suggest`` (a remembered answer at once)."""
        limit = max(1, min(limit, _CHOICES))
        remembered = self._suggested.get((query, limit))
        if remembered is not None:
            self._suggested.move_to_end((query, limit))
            return list(remembered)
        if not fold(query):
            out = []
            for ci in self._t.alphabetical[:limit]:
                card = self.cards[ci]
                out.append((card.term or plain_question(card), card.key))
            return out
        ranked = yield from self._ranking(query, limit=limit, typing=True)
        if ranked:
            matches = list(map(self._match, ranked))
        else:
            # Nothing starts like the query nor is a typo of it, word by word: the names /define would
            # suggest ("tokenize" for "tokenization", "学習" for "過学習").
            yield
            matches = yield from self._nearest(query, limit)
        out = [(m.label, m.card.key) for m in matches]
        self._suggested[(query, limit)] = tuple(out)
        while len(self._suggested) > SUGGESTIONS_KEPT:
            self._suggested.popitem(last=False)
        return out

    def nearest_terms(self, query: str, limit: int = 5) -> list[Match]:
        """Did-you-mean for a query that matched nothing word by word: the terms spelt close to it as a whole
        (the same first character and a ``fuzz.ratio`` of ``CLOSE_NAME_MIN`` or more: "tokenize" for
        "tokenization", "sotfmxa" for "softmax"; never a name that only ends alike), and, for a query in a
        script without spaces, the terms that hold it ("学習" in "過学習"); best first."""
        return _finish(self._nearest(query, limit))

    def _nearest(self, query: str, limit: int) -> Generator[None, None, list[Match]]:
        """``nearest_terms`` in steps: the terms of the query's first character and of a length that can
        reach the cut-off (``close_lengths``) are scanned ``NEAREST_SLICE`` at a time (see ``nearest_keys``),
        stopping (``yield``) between slices. A query in any other first character, or of a length no term
        has, compares nothing; the terms holding a query are found by one search of their joined keys."""
        q = fold(query)[:_MAX_QUERY_CHARS]
        if not q:
            return []
        t = self._t
        found: dict[int, float] = {}
        group = t.terms_by_initial.get(q[0])
        if group is not None:
            keys, positions = group
            shortest, longest = close_lengths(len(q))
            lo = bisect_left(keys, shortest, key=len)
            hi = bisect_right(keys, longest, lo=lo, key=len)
            if lo < hi:
                near = yield from nearest_keys(q, keys[lo:hi], limit * 2, cutoff=CLOSE_NAME_MIN)
                found.update((positions[lo + i], score) for _, score, i in near)
        if unspaced_script(query):
            for pos in t.terms_holding(q, limit * 2):
                if pos not in found:
                    found[pos] = fuzz.ratio(q, t.term_keys[pos])
        out: list[Match] = []
        seen: set[int] = set()
        for pos, score in sorted(found.items(), key=lambda hit: (-hit[1], hit[0])):
            ci = t.term_owner[pos]
            if ci not in seen:
                seen.add(ci)
                card = self.cards[ci]
                out.append(Match(card=card, score=round(score * 0.7, 1), matched=card.term or "", kind="term"))
        return out[:limit]

    def define(self, query: str, *, see_also: int = 6) -> DefineResult:
        """Resolve a /define query: the card it names, close rivals, or a reason and did-you-mean list.

        A card answers only when the query names one of its names whole (its term, an alias, an acronym
        or expansion, or its question; typos allowed). A name the query only starts or shares a word with
        is a rival ("other close matches") or, when nothing is named whole, a suggestion. ``corrected``
        says the card was found despite a spelling that differs from its name.
        """
        return _finish(self.defining(query, see_also=see_also))

    def defining(self, query: str, *, see_also: int = 6) -> Generator[None, None, DefineResult]:
        """``define`` in steps: a generator that stops (``yield``) where the caller may let other work run
        (between the rankings, between slices of the did-you-mean scan), and returns what ``define``
        returns (``LookupService.define_async``)."""
        text = (query or "").strip()
        if not fold(text):
            return DefineResult(query=text, reason=_EMPTY_REASON, code=DEFINE_EMPTY)
        direct = self.card(text)
        if direct is not None:
            return self._found(text, direct, 100.0, direct.term or direct.question, (), see_also)
        named = yield from self._ranking(text, limit=1, typing=False, whole=True)
        yield
        ranked = yield from self._ranking(text, limit=_CHOICES + 1, typing=False)
        if not named or named[0].score < DEFINE_MIN:
            near = [self._match(s) for s in ranked if s.score >= SUGGEST_MIN][:5]
            if not near:
                yield
                near = yield from self._nearest(text, 5)
            if near:
                return DefineResult(
                    query=text, suggestions=tuple(near), reason=NO_MATCH_REASON, code=DEFINE_NO_MATCH
                )
            return DefineResult(query=text, reason=NOTHING_CLOSE_REASON, code=DEFINE_NOTHING_CLOSE)
        top = named[0]
        floor = max(DEFINE_MIN, top.score - OTHERS_MARGIN)
        others = tuple(self._match(s) for s in ranked if s.card != top.card and s.score >= floor)[: _CHOICES - 1]
        best = self._match(top)
        corrected = not self._as_written(text, top.eid)
        yield
        return self._found(text, best.card, best.score, best.matched, others, see_also, corrected=corrected)

    def _as_written(self, query: str, eid: int) -> bool:
        """Whether the query writes the entry's name as it is (case, punctuation, filler words, word
        order and compounds aside), rather than misspelt."""
        q = self._query(query)
        key = self._t.keys[eid]
        if q == key or q.replace(" ", "") == key.replace(" ", ""):
            return True
        return set(self._query_words(q)) == set(content_words(key))

    def _found(
        self,
        query: str,
        card: Card,
        score: float,
        matched: str,
        others: tuple[Match, ...],
        limit: int,
        *,
        corrected: bool = False,
    ) -> DefineResult:
        return DefineResult(
            query=query,
            card=card,
            explanation=explanation(card),
            score=score,
            matched=matched,
            corrected=corrected,
            others=others,
            see_also=tuple(self.see_also(card, limit, exclude=[m.card.key for m in others])),
        )

    def see_also(self, card: Card, limit: int = 6, *, exclude: Iterable[str] = ()) -> list[Card]:
        """Related cards: terms this card mentions, cards whose name or question mentions its term, then
        cards sharing the most tags. Incomplete cards, cards of the same name and the cards whose keys
        are in ``exclude`` (shown elsewhere already) are left out."""
        return related.see_also(self._t, card, limit, exclude=exclude)



def misspelt_name(result: DefineResult) -> bool:
    """Whether ``result`` shows a card for a query that spells one of its names (its term, an alias) otherwise:
    a typo of it, or another thing spelt close to it ("underfitting" for "overfitting"), which the grader tells
    apart (``LookupService.define`` and ``define_async`` ask it: ``another_thing``)."""
    if not result.corrected or result.card is None or result.matched is None:
        return False
    return fold(result.matched) in {fold(n) for n in result.card.names}


def another_thing(result: DefineResult, name_right: bool) -> DefineResult:
    """``result`` for a query the grader, recalling the card's term, finds wrong (an opposite, a name the card
    rejects, another known term): the card becomes a did-you-mean. ``name_right``: the grader takes the name the
    query was matched to (a name the card both lists and rejects is left to the spelling)."""
    if not name_right:
        return result
    assert result.card is not None
    near = (Match(card=result.card, score=result.score, matched=result.matched or "", kind="term"), *result.others)
    return DefineResult(query=result.query, suggestions=near[:5], reason=NO_MATCH_REASON, code=DEFINE_NO_MATCH)
