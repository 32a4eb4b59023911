"""Tokens that remember their polarity ("not X"), their list item ("L1 or L2") and their stem."""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterable
from typing import NamedTuple

import Stemmer

from bot.core.grading.normalise import MAX_TOKENS, TOKEN_RE, clean
from bot.core.grading.numbers import numberise
from bot.core.grading.vocabulary import (
    ALWAYS_PREFIX,
    CLAUSE_MARKS,
    HEDGE_MARKS,
    HEDGE_WORDS,
    HYPHEN_PREFIX,
    LIST_MARKS,
    MAYBE_WORDS,
    NEG_BIGRAMS,
    NEG_END_WORDS,
    NEGATORS,
    SEPARATOR_WORDS,
    STOP,
)

log = logging.getLogger(__name__)

_STEMMER = Stemmer.Stemmer("english")


class Tok(NamedTuple):
    """One word of an answer, with what the grader knows about it."""

    word: str  # folded surface form (or canonical number)
    stem: str
    neg: bool  # inside the scope of a negation
    item: int  # list item index ("L1 or L2" -> two items)
    stop: bool  # filler / function word
    num: bool  # a canonical number


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The English (Snowball) stem of a folded word."""
    return _STEMMER.stemWord(word)


def stem_words(words: list[str]) -> list[str]:
    """``stem`` of each word, in one call (for the many words of a long answer)."""
    return list(_STEMMER.stemWords(words))


def _split_number_commas(w: str) -> list[str]:
    """ "500,000" -> ["500000"]; "1,2" -> ["1", ",", "2"]."""
    head, *rest = w.split(",")
    if all(len(g.rstrip("%")) == 3 and g.rstrip("%").isdigit() for g in rest) and head.isdigit():
        return ["".join([head, *rest])]
    out = [head]
    for g in rest:
        out += [",", g]
    return out


def raw_tokens(text: str) -> list[str]:
    """Words (hyphen prefixes merged, numbers split sanely) and separator marks."""
    out: list[str] = []
    for t in TOKEN_RE.findall(clean(text))[: MAX_TOKENS * 2]:
        if not t[0].isalnum() or ("-" not in t and "," not in t):
            out.append(t)  # a mark, or a word with nothing to split or merge
            continue
        parts = [p for p in t.split("-") if p]
        merged: list[str] = []
        i = 0
        while i < len(parts):
            p = parts[i]
            if p in HYPHEN_PREFIX and i + 1 < len(parts) and parts[i + 1][0].isalpha():
                parts[i + 1] = p + parts[i + 1]
            else:
                merged.append(p)
            i += 1
        for p in merged:
            if "," in p:
                out.extend(_split_number_commas(p))
            else:
                out.append(p)
    # Free-standing prefixes: "self supervised" == "self-supervised".
    joined: list[str] = []
    i = 0
    while i < len(out):
        t = out[i]
        if t in ALWAYS_PREFIX and i + 1 < len(out) and out[i + 1][:1].isalpha() and out[i + 1] not in STOP:
            out[i + 1] = t + out[i + 1]
        else:
            joined.append(t)
        i += 1
    return joined


@functools.lru_cache(maxsize=8192)
def analyse_cached(text: str) -> tuple[Tok, ...]:
    """``analyse`` for texts that recur (questions, accepted answers)."""
    return analyse(text)


def analyse(text: str) -> tuple[Tok, ...]:
    """Tokens with polarity and list-item index."""
    return analyse_raw(raw_tokens(text))


def analyse_raw(raw: list[str]) -> tuple[Tok, ...]:
    """``analyse`` on the output of ``raw_tokens`` (shared with ``hedges_raw``)."""
    # Numbers work on the word runs between marks.
    stream: list[tuple[str, bool]] = []
    run: list[str] = []
    for t in raw:
        if t[0].isalnum():
            run.append(t)
        else:
            if run:
                stream.extend(numberise(run))
                run = []
            stream.append((t, False))
    if run:
        stream.extend(numberise(run))

    toks: list[Tok] = []
    neg = False
    item = 0
    count = 0
    i = 0
    n = len(stream)
    while i < n and count < MAX_TOKENS:
        w, is_num = stream[i]
        nxt = stream[i + 1][0] if i + 1 < n else ""
        if not w[0].isalnum():
            if w in CLAUSE_MARKS:
                neg = False
            if w in LIST_MARKS or w in CLAUSE_MARKS:
                item += 1
            i += 1
            continue
        if not is_num:
            if (w, nxt) in NEG_BIGRAMS:
                neg = True
                item += 1
                i += 2
                continue
            if w == "not" and nxt == "only":
                i += 2
                continue
            if w in NEGATORS:
                if w in ("nor", "neither", "than", "except"):
                    item += 1
                neg = True
                i += 1
                continue
            if w in NEG_END_WORDS:
                neg = False
            if w in SEPARATOR_WORDS:
                item += 1
                i += 1
                continue
        stop = (not is_num) and w in STOP
        toks.append(Tok(w, w if is_num else stem(w), neg, item, stop, is_num))
        count += 1
        i += 1
    return tuple(toks)


def content(toks: Iterable[Tok]) -> list[Tok]:
    """The tokens that carry meaning (filler dropped)."""
    return [t for t in toks if not t.stop]


def hedge_items(text: str) -> frozenset[int]:
    """Item indices that were opened by an explicit hedge ("or", "/", "vs")."""
    return hedges_raw(raw_tokens(text))


def hedges_raw(raw: list[str]) -> frozenset[int]:
    """``hedge_items`` on the output of ``raw_tokens``: item numbering mirrors ``analyse_raw``."""
    items: set[int] = set()
    maybes: set[int] = set()
    item = 0
    i = 0
    while i < len(raw):
        w = raw[i]
        nxt = raw[i + 1] if i + 1 < len(raw) else ""
        if not w[0].isalnum():
            if w in LIST_MARKS or w in CLAUSE_MARKS:
                item += 1
                if w in HEDGE_MARKS:
                    items.update((item - 1, item))
        elif (w, nxt) in NEG_BIGRAMS:
            item += 1
            i += 1
        elif w in ("nor", "neither", "than", "except"):
            item += 1
        elif w in SEPARATOR_WORDS:
            item += 1
            if w in HEDGE_WORDS:
                items.update((item - 1, item))
        elif w in MAYBE_WORDS:
            maybes.add(item)
        i += 1
    if len(maybes) > 1:
        items.update(maybes)
    return frozenset(items)
