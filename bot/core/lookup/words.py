"""Word-level matching for the term index: filler words, typo tolerance, how well a query covers a name."""

from __future__ import annotations

from collections.abc import Sequence

from rapidfuzz import fuzz

STOPWORDS = frozenset(
    "a an the of to in on for and or is are was were be been what which who whom how why does do did with by as "
    "at from that this these those it its can when where into than then vs versus s".split()
)


def content_words(key: str) -> list[str]:
    """The words of a folded key that carry meaning (all of them when every one is a filler word)."""
    words = key.split()
    return [w for w in words if w not in STOPWORDS] or words


def typo_cutoff(length: int) -> int:
    """The ``fuzz.ratio`` a word of ``length`` letters needs to count as a typo of another."""
    return 75 if length >= 8 else 78 if length >= 6 else 75


def word_sim(q: str, w: str, prefix: bool) -> float:
    """How well query word ``q`` stands for key word ``w``: 1 the same, less for a prefix or a typo, else 0."""
    if q == w:
        return 1.0
    if prefix and w.startswith(q):
        return 0.75 + 0.2 * len(q) / len(w)
    if len(q) >= 4 and abs(len(q) - len(w)) <= 2 and not any(ch.isdigit() for ch in q + w):
        r = fuzz.ratio(q, w, score_cutoff=typo_cutoff(len(q)))
        if r:
            return 0.95 * r / 100
    return 0.0


def cover(words: Sequence[str], key: str, prefix_last: bool) -> tuple[float, float]:
    """(mean similarity of the query words to their best key word, share of the key's words covered)."""
    kw = content_words(key)
    covered: set[int] = set()
    total = 0.0
    last = len(words) - 1
    for i, q in enumerate(words):
        best = 0.0
        at: tuple[int, ...] = ()
        for j, w in enumerate(kw):
            s = word_sim(q, w, prefix_last and i == last)
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
