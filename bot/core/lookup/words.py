"""Word-level matching for the term index: filler words, typo tolerance, how well a query covers a name."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from itertools import filterfalse, repeat

from rapidfuzz import fuzz

from bot.core.grading.vocabulary import ARTICLES as GRADER_ARTICLES

STOPWORDS = frozenset(
    "a an the of to in on for and or is are was were be been what which who whom how why does do did with by as "
    "at from that this these those it its can when where into than then vs versus s".split()
)

_is_stopword = STOPWORDS.__contains__

#: Articles a name in another language may start with (the grader's: Spanish, French, German, Italian, Dutch; and
#: "l" and "d" for "l'", "d'"): "la mémoire vive" is looked up as "mémoire vive" too, "der Tag" as "Tag", as "the
#: mitochondria" is as "mitochondria".
ARTICLES = GRADER_ARTICLES | frozenset({"l", "d"})


def bare_name(key: str) -> str | None:
    """A folded name without the article it starts with ("la memoire vive" -> "memoire vive"), when it has one
    and a word of letters follows; else None."""
    first, _, rest = key.partition(" ")
    if first in ARTICLES and rest and any(ch.isalpha() for ch in rest.split(" ", 1)[0]):
        return rest
    return None


def content_words(key: str) -> list[str]:
    """The words of a folded key that carry meaning (all of them when every one is a filler word)."""
    words = key.split()
    return [w for w in words if w not in STOPWORDS] or words


def typo_cutoff(length: int) -> int:
    """The ``fuzz.ratio`` a word of ``length`` letters needs to count as a typo of another."""
    return 75 if length >= 8 else 78 if length >= 6 else 75


def has_digit(text: str) -> bool:
    """Whether ``text`` holds a digit (letters only, the common case, is answered without a scan)."""
    return not text.isalpha() and any(ch.isdigit() for ch in text)


def word_sim(q: str, w: str, prefix: bool) -> float:
    """How well query word ``q`` stands for key word ``w``: 1 the same, less for a prefix or a typo, else 0."""
    if q == w:
        return 1.0
    if prefix and w.startswith(q):
        return 0.75 + 0.2 * len(q) / len(w)
    if len(q) >= 4 and abs(len(q) - len(w)) <= 2 and not (has_digit(q) or has_digit(w)):
        r = fuzz.ratio(q, w, score_cutoff=typo_cutoff(len(q)))
        if r:
            return 0.95 * r / 100
    return 0.0


class Coverage:
    """How well one query covers keys (see ``cover``).

    ``similarities`` (one mapping per query word, from ``query.QueryWord.similarities``) holds
    ``word_sim`` for every vocabulary word it is not 0 for, so scoring a candidate is a lookup per word
    pair; a key word that is no vocabulary word (a name made only of filler words) is compared as is.
    """

    __slots__ = ("_any_head", "_heads", "_prefix", "_similar", "_sims", "words")

    def __init__(
        self, words: Sequence[str], prefix_last: bool, similarities: Sequence[Mapping[str, float]] | None = None
    ) -> None:
        self.words = list(words)
        last = len(self.words) - 1
        self._prefix = [prefix_last and i == last for i in range(len(self.words))]
        self._sims: list[Mapping[str, float]] | None = list(similarities) if similarities is not None else None
        # The first halves of each query word cut in two: only a key word among them can start a
        # compound ("multi" + "head" for "multihead").
        self._heads = [frozenset(q[:k] for k in range(1, len(q))) for q in self.words]
        self._any_head: frozenset[str] = frozenset().union(*self._heads)
        # The words some query word is similar to, so a key's other words are skipped at once.
        self._similar: Collection[str] | None = None
        if self._sims is not None:
            sims = self._sims
            self._similar = sims[0].keys() if len(sims) == 1 else frozenset().union(*(t.keys() for t in sims))

    def many(self, keys: Iterable[str], sizes: Iterable[int]) -> list[tuple[float, float]]:
        """``self(key)`` for each of ``keys``, given how many content words each has (``content_words``),
        in one loop: the term index scores a hundred and fifty candidates a keystroke.

        The same figures, read more cheaply: no query word nor any word it is similar to is a filler word,
        so a key's filler words can stay in place (they match nothing); a key word's position only tells
        the words apart, so the words themselves do, and each query word's best key word is its best among
        the key words some query word is similar to (usually few), first written first.
        """
        tables, similar = self._sims, self._similar
        if tables is None or similar is None or not STOPWORDS.isdisjoint(self.words):
            return [self(key) for key in keys]
        heads = self._any_head - STOPWORDS
        count = max(1, len(self.words))
        is_similar = similar.__contains__
        out: list[tuple[float, float]] = []
        append = out.append
        for key, size in zip(keys, sizes, strict=True):
            split = key.split()
            if not size or not heads.isdisjoint(split):
                append(self(key))  # filler words only, or a compound to look for
                continue
            hits = list(filter(is_similar, split))
            if not hits:
                append((0.0, 0.0))
                continue
            covered: set[str] = set()
            total = 0.0
            for table in tables:
                best, at = 0.0, ""
                for w in hits:
                    s = table.get(w, 0.0)
                    if s > best:
                        best, at = s, w
                if best > 0.0:
                    total += best
                    covered.add(at)
            append((total / count, len(covered) / size))
        return out

    def __call__(self, key: str) -> tuple[float, float]:
        """(mean similarity of the query words to their best key word, share of the key's words covered)."""
        split = key.split()
        kw = list(filterfalse(_is_stopword, split)) or split  # (content_words, inlined: this is hot)
        n = len(kw)
        if not n:
            return 0.0, 0.0
        # A key's words are all vocabulary words, or (a name of filler words only) none is.
        tables = self._sims if self._sims is not None and kw[0] not in STOPWORDS else None
        covered: set[int] = set()
        total = 0.0
        for i, q in enumerate(self.words):
            if tables is not None:
                values = list(map(tables[i].get, kw, repeat(0.0)))
            else:
                prefix = self._prefix[i]
                values = [word_sim(q, w, prefix) for w in kw]
            if self._heads[i].isdisjoint(kw):
                # No compound: the best similarity, at the first key word that has it.
                best = max(values)
                if best > 0.0:
                    total += best
                    covered.add(values.index(best))
                continue
            best = 0.0
            at: tuple[int, ...] = ()
            for j, w in enumerate(kw):
                s = values[j]
                # A query word written as two key words run together ("multihead" for "multi head").
                if s < 1.0 and j + 1 < n and q.startswith(w) and q[len(w) :] == kw[j + 1]:
                    best, at = 1.0, (j, j + 1)
                    break
                if s > best:
                    best, at = s, (j,)
                    if s == 1.0:
                        break
            total += best
            covered.update(at)
        return total / max(1, len(self.words)), len(covered) / max(1, n)


def cover(words: Sequence[str], key: str, prefix_last: bool) -> tuple[float, float]:
    """(mean similarity of the query words to their best key word, share of the key's words covered)."""
    return Coverage(words, prefix_last)(key)


def initials(key: str) -> list[str]:
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
