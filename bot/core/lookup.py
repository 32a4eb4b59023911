"""The deck as a glossary: an in-memory term index for /define and autocomplete, and full-text search.

``TermIndex`` is built once from the cards (terms, aliases, acronyms and their expansions, questions) and
answers every keystroke from memory:

1. the whole query as a key: exact (dict) and prefix (bisect over the sorted keys);
2. word by word: each query word is matched to the index's vocabulary exactly, as the prefix of a word
   (for the word being typed) or as a typo (``rapidfuzz.process.extract`` with ``fuzz.ratio`` over the
   vocabulary, a few tens of thousands of short strings, never over the 100,000 keys);
3. the entries holding the matched words (posting lists, best entries first, capped) are scored by how
   well and how much of them the query covers, and the best entry per card wins.

``LookupService`` wraps the index for the cogs and the CLI, and keeps the SQLite FTS5 table ``cards_fts``
(migration 0003) in step with the deck for ``search``: it is rebuilt in one transaction at start-up when
the searchable text of the deck changed (a fingerprint is stored), so retired cards never appear.
"""

from __future__ import annotations

import asyncio
import hashlib
import heapq
import logging
import re
import unicodedata
from array import array
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

import yaml
from anyascii import anyascii
from rapidfuzz import fuzz, process

from bot.core.models import Card

if TYPE_CHECKING:
    from bot.core.catalog import Catalog
    from bot.core.clock import Clock
    from bot.core.storage.store import Store

log = logging.getLogger(__name__)

__all__ = [
    "DefineResult",
    "LookupService",
    "Match",
    "SearchHit",
    "TermIndex",
    "build_fts_query",
    "explanation",
    "fold",
]

# Entry kinds, best first (also the tie-break order).
TERM, ALIAS, ACRONYM, QUESTION = 0, 1, 2, 3
KIND_NAMES = ("term", "alias", "acronym", "question")
_KIND_WEIGHT = (1.0, 0.99, 0.97, 0.8)
_EXACT_SCORE = (100.0, 99.0, 97.0, 90.0)

#: /define answers with a card at this score or more; below it, "did you mean".
DEFINE_MIN = 72.0
#: Other cards within this many points of the best one are offered in a select menu.
OTHERS_MARGIN = 10.0
#: Did-you-mean suggestions need at least this score.
SUGGEST_MIN = 40.0

_MAX_QUERY_CHARS = 200
_MAX_QUERY_WORDS = 8
_POSTING_CAP = 400  # entries read per matched word (posting lists are ordered best entries first)
_POSTING_CAP_NEAR = 120  # ... per word that only starts like the query word or is a typo away
_PREFIX_WORDS = 24  # vocabulary words tried for the word being typed
_PREFIX_SCAN = 400  # words looked at to pick those (the most frequent win)
_FUZZY_WORDS = 8  # vocabulary words tried per typo'd query word
_SCORED = 150  # candidates scored word against word

STOPWORDS = frozenset(
    "a an the of to in on for and or is are was were be been what which who whom how why does do did with by as "
    "at from that this these those it its can when where into than then vs versus s".split()
)

_SKIP_CATEGORIES = frozenset({"Cc", "Cf", "Co", "Cs", "Cn", "So", "Sk", "Mn", "Me", "Mc"})
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_BLANKS = re.compile(r"_{3,}")


def fold(text: str) -> str:
    """Fold text to a lookup key: lower-case ASCII words separated by single spaces.

    Accents, full-width letters and homoglyphs are folded; emoji, marks and punctuation dropped. Fast on
    plain ASCII (the index folds every term, alias and question of a 100,000-card deck with it).
    """
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
        text = anyascii("".join(ch for ch in text if ch < "\x80" or unicodedata.category(ch) not in _SKIP_CATEGORIES))
    return _NON_ALNUM.sub(" ", text.lower()).strip()


def _content_words(key: str) -> list[str]:
    words = key.split()
    return [w for w in words if w not in STOPWORDS] or words


def _typo_cutoff(length: int) -> int:
    return 75 if length >= 8 else 78 if length >= 6 else 75


def _word_sim(q: str, w: str, prefix: bool) -> float:
    """How well query word ``q`` stands for key word ``w``: 1 the same, less for a prefix or a typo, else 0."""
    if q == w:
        return 1.0
    if prefix and w.startswith(q):
        return 0.75 + 0.2 * len(q) / len(w)
    if len(q) >= 4 and abs(len(q) - len(w)) <= 2 and not any(ch.isdigit() for ch in q + w):
        r = fuzz.ratio(q, w, score_cutoff=_typo_cutoff(len(q)))
        if r:
            return 0.95 * r / 100
    return 0.0


def _cover(words: Sequence[str], key: str, prefix_last: bool) -> tuple[float, float]:
    """(mean similarity of the query words to their best key word, share of the key's words covered)."""
    kw = _content_words(key)
    covered: set[int] = set()
    total = 0.0
    last = len(words) - 1
    for i, q in enumerate(words):
        best, at = 0.0, ()
        for j, w in enumerate(kw):
            s = _word_sim(q, w, prefix_last and i == last)
            if s < 1.0 and j + 1 < len(kw) and q == w + kw[j + 1]:
                best, at = 1.0, (j, j + 1)
                break
            if s > best:
                best, at = s, (j,)
                if s == 1.0:
                    break
        total += best
        covered.update(at)
    return total / max(1, len(words)), len(covered) / max(1, len(kw))


def explanation(card: Card) -> str:
    """The card's explanation, with the term written in where an imported answer still has ``___`` blanks."""
    text = card.answer.strip()
    if card.term and _BLANKS.search(text):
        text = _BLANKS.sub(lambda _: f"**{card.term}**", text)
    return text


@lru_cache(maxsize=1)
def shipped_acronyms() -> dict[str, tuple[str, ...]]:
    """``data/acronyms.yaml``: acronym -> expansions (shared with the grader)."""
    try:
        text = (resources.files("bot.core") / "data" / "acronyms.yaml").read_text(encoding="utf-8")
        data = yaml.safe_load(text) or {}
    except (OSError, yaml.YAMLError):  # pragma: no cover - shipped with the package
        log.warning("could not read data/acronyms.yaml; acronyms come from the decks only")
        return {}
    out: dict[str, tuple[str, ...]] = {}
    for short, longs in data.items():
        if isinstance(longs, str):
            longs = [longs]
        out[str(short)] = tuple(str(x) for x in longs or ())
    return out


def _initials(key: str) -> list[str]:
    """Acronyms a multi-word term may be known by: "mixture of experts" -> "moe" (and "me", too short)."""
    words = key.split()
    if len(words) < 2:
        return []
    out = []
    for ws in (words, [w for w in words if w not in STOPWORDS]):
        if len(ws) >= 2 and all(w[0].isalpha() for w in ws):
            acro = "".join(w[0] for w in ws)
            if len(acro) >= 3 and acro not in out:
                out.append(acro)
    return out


# --------------------------------------------------------------------------------------------------
# Results
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Match:
    """A card that matched a query: its score (0-100) and the name or question that matched."""

    card: Card
    score: float
    matched: str
    kind: str

    @property
    def label(self) -> str:
        """A one-line label: the term, with the alias or question that matched when it differs."""
        name = self.card.term or self.card.question
        if self.kind == "question" and self.card.term:
            return f"{self.card.term} — {self.card.question}"
        if self.kind in ("alias", "acronym") and fold(self.matched) != fold(name):
            return f"{self.matched} → {name}"
        return name


@dataclass(frozen=True, slots=True)
class DefineResult:
    """What /define shows: the best card and its close rivals, or why nothing was found and what is near."""

    query: str
    card: Card | None = None
    explanation: str = ""
    score: float = 0.0
    matched: str | None = None
    others: tuple[Match, ...] = ()
    see_also: tuple[Card, ...] = ()
    suggestions: tuple[Match, ...] = ()
    reason: str | None = None

    @property
    def found(self) -> bool:
        return self.card is not None


HL_START = "\x02"
HL_END = "\x03"


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One full-text search result; ``snippet`` marks the matched words with ``HL_START``/``HL_END``."""

    card: Card
    snippet: str
    rank: float

    def segments(self) -> list[tuple[str, bool]]:
        """The snippet as (text, highlighted) pieces, for the cog (bold, escaped) and the CLI."""
        out: list[tuple[str, bool]] = []
        for i, part in enumerate(re.split(f"[{HL_START}{HL_END}]", self.snippet)):
            if part:
                out.append((part, i % 2 == 1))
        return out

    @property
    def plain_snippet(self) -> str:
        return self.snippet.replace(HL_START, "").replace(HL_END, "")


# --------------------------------------------------------------------------------------------------
# The in-memory index
# --------------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Scored:
    score: float
    eid: int
    card: int


class TermIndex:
    """Terms, aliases, acronyms and questions of a set of cards, for autocomplete and /define."""

    def __init__(self, cards: Iterable[Card], acronyms: Mapping[str, Sequence[str]] | None = None) -> None:
        self.cards: list[Card] = list(cards)
        self.by_key: dict[str, int] = {c.key: i for i, c in enumerate(self.cards)}
        if acronyms is None:
            acronyms = shipped_acronyms()
        short_to_long: dict[str, list[str]] = defaultdict(list)
        long_to_short: dict[str, list[str]] = defaultdict(list)
        for short, longs in acronyms.items():
            s = fold(short)
            for long in longs:
                lf = fold(long)
                if s and lf:
                    short_to_long[s].append(lf)
                    long_to_short[lf].append(s)

        # Entries, gathered per kind so that posting lists come out best kind first.
        raw: list[list[tuple[str, int]]] = [[], [], [], []]
        for ci, card in enumerate(self.cards):
            names: list[str] = []
            term_key = fold(card.term) if card.term else ""
            if term_key:
                raw[TERM].append((term_key, ci))
                names.append(term_key)
            for alias in card.aliases:
                a = fold(alias)
                if a and a not in names:
                    raw[ALIAS].append((a, ci))
                    names.append(a)
            extra: list[str] = []
            for name in names:
                for other in (*short_to_long.get(name, ()), *long_to_short.get(name, ()), *_initials(name)):
                    if other not in names and other not in extra:
                        extra.append(other)
            for other in extra:
                raw[ACRONYM].append((other, ci))
            q = fold(card.question)
            if q and q not in names:
                raw[QUESTION].append((q[:300], ci))

        keys: list[str] = []
        owner: list[int] = []
        kinds = bytearray()
        for kind, items in enumerate(raw):
            if kind != QUESTION:
                # Shorter keys first within a kind: they are the better answer to a word they hold.
                items.sort(key=lambda kc: len(kc[0]))
            for key, ci in items:
                keys.append(key)
                owner.append(ci)
                kinds.append(kind)
        self._keys = keys
        self._owner = owner
        self._kinds = bytes(kinds)

        exact: dict[str, int | list[int]] = {}
        postings: dict[str, list[int]] = defaultdict(list)
        name_words: set[str] = set()
        for eid, key in enumerate(keys):
            words = key.split()
            seen: set[str] = set()
            for w in words:
                if w not in seen and w not in STOPWORDS:
                    seen.add(w)
                    postings[w].append(eid)
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
        self._exact = exact
        self._postings: dict[str, array[int]] = {w: array("I", ids) for w, ids in postings.items()}
        del postings
        # Words for the word being typed (prefix, by bisect): every word of names and questions.
        self._vocab: list[str] = sorted(self._postings)
        # Words a typo is matched against: the words of names only, grouped by length (a typo changes the
        # length by at most 2 within the similarity cut-off that matters), digits left out.
        by_len: dict[int, list[str]] = defaultdict(list)
        for w in name_words:
            if len(w) >= 3 and not any(ch.isdigit() for ch in w):
                by_len[len(w)].append(w)
        self._fuzzy_by_len: dict[int, list[str]] = {n: sorted(ws) for n, ws in by_len.items()}
        # Names (not questions) sorted by key, for whole-query prefix matches.
        self._named: list[int] = sorted((e for e in range(len(keys)) if kinds[e] != QUESTION), key=keys.__getitem__)
        self._by_tag: dict[str, list[int]] = defaultdict(list)
        for ci, card in enumerate(self.cards):
            for tag in card.tags:
                self._by_tag[tag].append(ci)
        self._term_keys: list[str] = [keys[e] for e in range(len(keys)) if kinds[e] == TERM]
        self._term_owner: list[int] = [owner[e] for e in range(len(keys)) if kinds[e] == TERM]
        self._alphabetical: list[int] = sorted(
            range(len(self.cards)), key=lambda ci: fold(self.cards[ci].term or self.cards[ci].question)
        )

    # -- sizes ---------------------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.cards)

    @property
    def entries(self) -> int:
        return len(self._keys)

    @property
    def vocabulary(self) -> int:
        return len(self._vocab)

    def card(self, key: str) -> Card | None:
        ci = self.by_key.get(key)
        return None if ci is None else self.cards[ci]

    # -- matching ------------------------------------------------------------------------------------
    def _exact_entries(self, key: str) -> list[int]:
        found = self._exact.get(key)
        if found is None:
            return []
        return found if isinstance(found, list) else [found]

    def _word_matches(self, word: str, *, typing: bool) -> dict[str, float]:
        """Vocabulary words for one query word, with a similarity 0-1 (exact 1, prefix/typo less)."""
        out: dict[str, float] = {}
        if word in self._postings:
            out[word] = 1.0
        if typing and (len(word) >= 2 or not out):
            lo = bisect_left(self._vocab, word)
            hits: list[str] = []
            for w in self._vocab[lo : lo + _PREFIX_SCAN]:
                if not w.startswith(word):
                    break
                if w != word:
                    hits.append(w)
            if len(hits) > _PREFIX_WORDS:
                hits = heapq.nlargest(_PREFIX_WORDS, hits, key=lambda w: len(self._postings[w]))
            for w in hits:
                out[w] = max(out.get(w, 0.0), 0.75 + 0.2 * len(word) / len(w))
        if len(word) >= 4 and not any(ch.isdigit() for ch in word):
            cutoff = _typo_cutoff(len(word))
            near: list[tuple[float, str]] = []
            for size in range(len(word) - 2, len(word) + 3):
                bucket = self._fuzzy_by_len.get(size)
                if bucket:
                    near += [
                        (score, w)
                        for w, score, _ in process.extract(
                            word, bucket, scorer=fuzz.ratio, limit=_FUZZY_WORDS, score_cutoff=cutoff
                        )
                        if w != word
                    ]
            for score, w in heapq.nlargest(_FUZZY_WORDS, near):
                out[w] = max(out.get(w, 0.0), 0.95 * score / 100)
        return out

    def _split_compounds(self, words: list[str]) -> list[str]:
        """A word the index does not know that some name writes as two ("multihead" for "multi-head
        attention") becomes those two words. Only splits a name really has count, so a typo is not cut
        into two unrelated words."""
        out: list[str] = []
        postings, keys = self._postings, self._keys
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

    def _rank(self, query: str, *, limit: int, typing: bool) -> list[_Scored]:
        """The best entry per card for ``query``, best first (scores 0-100)."""
        q = fold(query[: _MAX_QUERY_CHARS * 4])[:_MAX_QUERY_CHARS]
        if not q:
            return []
        best: dict[int, float] = {}

        def offer(eid: int, score: float) -> None:
            if score > best.get(eid, -1.0):
                best[eid] = score

        keys, kinds = self._keys, self._kinds
        for eid in self._exact_entries(q):
            offer(eid, _EXACT_SCORE[kinds[eid]])
        lo = bisect_left(self._named, q, key=keys.__getitem__)
        for eid in self._named[lo : lo + 60]:
            key = keys[eid]
            if not key.startswith(q):
                break
            if key != q:
                offer(eid, (85.0 + 11.0 * len(q) / len(key)) * _KIND_WEIGHT[kinds[eid]])

        words = [w for w in q.split() if w not in STOPWORDS] or q.split()
        words = list(dict.fromkeys(self._split_compounds(words)))[:_MAX_QUERY_WORDS]
        n = len(words)
        total: dict[int, float] = defaultdict(float)
        for i, word in enumerate(words):
            last = i == n - 1 and (typing or n == 1)
            tok_best: dict[int, float] = {}
            for w, sim in self._word_matches(word, typing=last).items():
                for eid in self._postings[w][: _POSTING_CAP if sim == 1.0 else _POSTING_CAP_NEAR]:
                    if sim > tok_best.get(eid, 0.0):
                        tok_best[eid] = sim
            for eid, sim in tok_best.items():
                total[eid] += sim
        if total:
            # The posting lists found the candidates; score the best of them word against word.
            prefix_last = typing or n == 1
            for eid in heapq.nlargest(_SCORED, total, key=total.__getitem__):
                sim, coverage = _cover(words, keys[eid], prefix_last)
                score = 100.0 * sim * (0.85 + 0.15 * coverage) * _KIND_WEIGHT[kinds[eid]]
                offer(eid, min(score, 96.0))

        per_card: dict[int, _Scored] = {}
        owner, cards = self._owner, self.cards
        for eid, score in best.items():
            ci = owner[eid]
            if not cards[ci].askable:
                score *= 0.95  # an incomplete card loses a tie with a complete one
            cur = per_card.get(ci)
            if cur is None or score > cur.score or (score == cur.score and kinds[eid] < kinds[cur.eid]):
                per_card[ci] = _Scored(score, eid, ci)
        return heapq.nsmallest(
            limit, per_card.values(), key=lambda s: (-s.score, kinds[s.eid], len(keys[s.eid]), s.card)
        )

    def _match(self, s: _Scored) -> Match:
        card = self.cards[s.card]
        kind = self._kinds[s.eid]
        if kind == TERM and card.term:
            matched = card.term
        elif kind == ALIAS:
            matched = next((a for a in card.aliases if fold(a) == self._keys[s.eid]), self._keys[s.eid])
        elif kind == QUESTION:
            matched = card.question
        else:
            matched = self._keys[s.eid].upper() if " " not in self._keys[s.eid] else self._keys[s.eid]
        return Match(card=card, score=round(s.score, 1), matched=matched, kind=KIND_NAMES[kind])

    def matches(self, query: str, limit: int = 25, *, typing: bool = True) -> list[Match]:
        """The cards that match ``query``, best first."""
        return [self._match(s) for s in self._rank(query, limit=limit, typing=typing)]

    def suggest(self, query: str, limit: int = 25) -> list[tuple[str, str]]:
        """Autocomplete: up to ``limit`` (label, card key) pairs; the first terms A-Z for an empty query."""
        limit = max(1, min(limit, 25))
        if not fold(query):
            out = []
            for ci in self._alphabetical[:limit]:
                card = self.cards[ci]
                out.append((card.term or card.question, card.key))
            return out
        return [(m.label, m.card.key) for m in self.matches(query, limit)]

    def nearest_terms(self, query: str, limit: int = 5) -> list[Match]:
        """Did-you-mean for a query that matched nothing word by word: whole-string similarity to the terms."""
        q = fold(query)[:_MAX_QUERY_CHARS]
        if not q:
            return []
        out: list[Match] = []
        seen: set[int] = set()
        for _, score, i in process.extract(q, self._term_keys, scorer=fuzz.ratio, limit=limit * 2, score_cutoff=50):
            ci = self._term_owner[i]
            if ci not in seen:
                seen.add(ci)
                card = self.cards[ci]
                out.append(Match(card=card, score=round(score * 0.7, 1), matched=card.term or "", kind="term"))
        return out[:limit]

    def define(self, query: str, *, see_also: int = 6) -> DefineResult:
        """Resolve a /define query: the best card, close rivals, or a reason and did-you-mean list."""
        text = (query or "").strip()
        if not fold(text):
            return DefineResult(query=text, reason="Type a term to look up.")
        direct = self.card(text)
        if direct is not None:
            return self._found(text, direct, 100.0, direct.term or direct.question, (), see_also)
        ranked = self._rank(text, limit=26, typing=False)
        if not ranked or ranked[0].score < DEFINE_MIN:
            near = [self._match(s) for s in ranked if s.score >= SUGGEST_MIN][:5]
            if not near:
                near = self.nearest_terms(text, 5)
            return DefineResult(
                query=text,
                suggestions=tuple(near),
                reason="No card matches that term." if near else "No card matches that term, nor anything close.",
            )
        top = ranked[0]
        floor = max(DEFINE_MIN, top.score - OTHERS_MARGIN)
        others = tuple(self._match(s) for s in ranked[1:] if s.score >= floor)[:24]
        best = self._match(top)
        return self._found(text, best.card, best.score, best.matched, others, see_also)

    def _found(
        self, query: str, card: Card, score: float, matched: str, others: tuple[Match, ...], see_also: int
    ) -> DefineResult:
        return DefineResult(
            query=query,
            card=card,
            explanation=explanation(card),
            score=score,
            matched=matched,
            others=others,
            see_also=tuple(self.see_also(card, see_also)),
        )

    # -- see also ------------------------------------------------------------------------------------
    def see_also(self, card: Card, limit: int = 6) -> list[Card]:
        """Related cards: terms this card mentions, cards whose name or question mentions its term, then
        cards sharing the most tags. Incomplete cards and cards of the same name are left out."""
        me = self.by_key.get(card.key)
        own = {fold(n) for n in card.names}
        picked: list[int] = []
        seen: set[int] = {me} if me is not None else set()

        def take(ci: int) -> bool:
            if ci in seen:
                return False
            seen.add(ci)
            other = self.cards[ci]
            if not other.askable or (other.term and fold(other.term) in own):
                return False
            picked.append(ci)
            return len(picked) >= limit

        # 1. Terms written in this card's explanation and question (longest phrases first).
        words = fold(f"{card.answer} {card.question}").split()[:1500]
        found: list[tuple[int, int]] = []
        for size in (4, 3, 2, 1):
            for i in range(len(words) - size + 1):
                gram = " ".join(words[i : i + size])
                if size == 1 and (gram in STOPWORDS or len(gram) < 3):
                    continue
                for eid in self._exact_entries(gram):
                    found.append((i, self._owner[eid]))
        for _, ci in sorted(found):
            if take(ci):
                return [self.cards[c] for c in picked]

        # 2. Cards whose name or question mentions this card's term.
        for name in [fold(n) for n in card.names][:3]:
            name_words = _content_words(name)
            lists = [self._postings.get(w, []) for w in name_words]
            if not lists or not all(lists):
                continue
            needle = f" {name} "
            for eid in min(lists, key=len)[:3000]:
                if needle in f" {self._keys[eid]} " and take(self._owner[eid]):
                    return [self.cards[c] for c in picked]

        # 3. Cards sharing the most tags (rarer tags count more on a tie).
        shared: dict[int, float] = defaultdict(float)
        for tag in card.tags:
            bucket = self._by_tag.get(tag, [])
            weight = 1.0 + 1.0 / max(1, len(bucket))
            for ci in bucket[:3000]:
                if ci not in seen:
                    shared[ci] += weight
        for ci in sorted(shared, key=lambda c: (-shared[c], c)):
            if take(ci):
                break
        return [self.cards[c] for c in picked]


# --------------------------------------------------------------------------------------------------
# Full-text search
# --------------------------------------------------------------------------------------------------

_FTS_WORD = re.compile(r"\w+", re.UNICODE)
_MAX_FTS_TERMS = 16
_FTS_OPERATORS = frozenset({"AND", "OR", "NOT", "NEAR"})


def build_fts_query(text: str, *, any_word: bool = False) -> str | None:
    """A safe FTS5 MATCH expression from free text: each word quoted (so ``AND``, ``NEAR(``, ``*``, ``"``
    and ``-`` are never syntax), all required (or any, with ``any_word``); the last word also matches as a
    prefix. Bare operator words and filler ("what is") are dropped unless nothing else is left. None when
    the text has no words."""
    words = [w for w in _FTS_WORD.findall(text[:4000]) if w.strip("_")]
    # Operators and filler words are dropped when there is something else to look for.
    words = [w for w in words if w not in _FTS_OPERATORS and w.lower() not in STOPWORDS] or words
    words = list(dict.fromkeys(w.lower() for w in words))[:_MAX_FTS_TERMS]
    if not words:
        return None
    quoted = ['"' + w.replace('"', '""') + '"' for w in words]
    if len(words[-1]) >= 3:
        quoted[-1] += "*"
    return (" OR " if any_word else " ").join(quoted)


def _plain(text: str) -> str:
    """Card markdown reduced to plain text for the search table (snippets are rebuilt by the cog)."""
    text = re.sub(r"[*`#>|]+", "", text)
    text = re.sub(r"(?<!\w)_+|_+(?!\w)", "", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return re.sub(r"[ \t]+", " ", text).strip()


def _fingerprint(cards: Iterable[Card]) -> str:
    h = hashlib.sha256()
    for card in sorted(cards, key=lambda c: c.key):
        for part in (card.key, card.term or "", card.question, card.answer):
            h.update(part.encode("utf-8", "surrogatepass"))
            h.update(b"\x00")
    return h.hexdigest()


class LookupService:
    """/define, autocomplete and /search over the loaded decks."""

    def __init__(self, *, catalog: Catalog, store: Store | None = None, clock: Clock | None = None) -> None:
        """With no ``store`` (the CLI), define and suggest work and search does not."""
        self.catalog = catalog
        self.store = store
        self.clock = clock
        self._index: TermIndex | None = None

    @classmethod
    def from_catalog(cls, catalog: Catalog) -> LookupService:
        """A lookup with no database (the CLI): define and suggest work, search does not."""
        return cls(catalog=catalog)

    @property
    def index(self) -> TermIndex:
        """The term index (built on first use when ``start`` was not called)."""
        if self._index is None:
            self._index = TermIndex(self.catalog.cards.values())
        return self._index

    async def start(self) -> None:
        """Build the term index (off the event loop) and bring the search table in step with the deck."""
        cards = list(self.catalog.cards.values())
        if self._index is None:
            self._index = await asyncio.to_thread(TermIndex, cards)
        log.info(
            "lookup index: %d cards, %d names and questions, %d words",
            len(self._index), self._index.entries, self._index.vocabulary,
        )
        if self.store is not None:
            await self.sync_search(cards)

    async def close(self) -> None:
        """Nothing to close: the index lives in memory."""

    async def sync_search(self, cards: Sequence[Card]) -> bool:
        """Rebuild ``cards_fts`` for ``cards`` in one transaction, unless it already holds them. True if rebuilt."""
        from bot.core.storage.store import fetch_value, now_ms

        store = self.store
        if store is None:
            raise RuntimeError("search needs the database")
        digest = await asyncio.to_thread(_fingerprint, cards)
        async with store.read() as db:
            current = await fetch_value(db, "SELECT fingerprint FROM search_state WHERE id = 1")
        if current == digest:
            return False
        rows = [(c.key, c.term or "", _plain(c.question), _plain(explanation(c))) for c in cards]
        async with store.transaction() as db:
            await db.execute("DELETE FROM cards_fts")
            await db.executemany(
                "INSERT INTO cards_fts (card_key, term, question, answer) VALUES (?, ?, ?, ?)", rows
            )
            await db.execute(
                "INSERT INTO search_state (id, fingerprint, cards, updated_at) VALUES (1, ?, ?, ?)"
                " ON CONFLICT (id) DO UPDATE SET fingerprint = excluded.fingerprint, cards = excluded.cards,"
                " updated_at = excluded.updated_at",
                (digest, len(rows), now_ms(self.clock() if self.clock else None)),
            )
        log.info("search table rebuilt: %d cards", len(rows))
        return True

    # -- the glossary --------------------------------------------------------------------------------
    def suggest(self, query: str, limit: int = 25) -> list[tuple[str, str]]:
        """Autocomplete for /define: (label, card key) pairs, from memory."""
        return self.index.suggest(query, limit)

    def define(self, query: str) -> DefineResult:
        """The best card for a term (or a card key), its rivals, or a did-you-mean list."""
        return self.index.define(query)

    def card(self, key: str) -> Card | None:
        return self.catalog.card(key)

    def see_also(self, card: Card, limit: int = 6) -> list[Card]:
        return self.index.see_also(card, limit)

    def deck_title(self, card: Card) -> str:
        deck = self.catalog.decks.get(card.deck)
        return deck.title if deck is not None else card.deck

    # -- full-text search ----------------------------------------------------------------------------
    async def search(self, text: str, limit: int = 10) -> list[SearchHit]:
        """Questions and explanations matching every word of ``text`` (or, failing that, any word), best
        first by bm25 (term matches weigh most), with highlighted snippets. Never raises on odd input."""
        if self.store is None:
            raise RuntimeError("search needs the database")
        store = self.store
        limit = max(1, min(limit, 25))
        queries = [build_fts_query(text)]
        if queries[0] is not None and " " in queries[0]:
            queries.append(build_fts_query(text, any_word=True))
        for match in queries:
            if match is None:
                return []
            async with store.read() as db:
                # A cursor (not ``execute_fetchall``): aiosqlite's worker keeps its last call alive, and a
                # bound method of the connection there would keep an unclosed connection from being freed.
                async with db.execute(
                    "SELECT card_key, snippet(cards_fts, -1, ?, ?, '…', 14) AS snip,"
                    " bm25(cards_fts, 0.0, 10.0, 3.0, 1.0) AS rank"
                    " FROM cards_fts WHERE cards_fts MATCH ? ORDER BY rank LIMIT ?",
                    (HL_START, HL_END, match, limit * 2),
                ) as cursor:
                    rows = await cursor.fetchall()
            hits = []
            for row in rows:
                card = self.catalog.card(row["card_key"])
                if card is not None:
                    hits.append(SearchHit(card=card, snippet=row["snip"] or "", rank=float(row["rank"])))
            if hits:
                return hits[:limit]
        return []

