"""Accepted answers compiled once: their acronym/expansion variants, list items and rivals."""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Final, NamedTuple

from bot.core.grading.numbers import SPELLED_SMALL
from bot.core.grading.response import Words
from bot.core.grading.tables import tables
from bot.core.grading.tokens import Tok, analyse, content, stem
from bot.core.grading.vocabulary import NEGATING_PREFIXES, SWAP_PREFIXES

log = logging.getLogger(__name__)


class Rival(NamedTuple):
    """A wrong answer close to an accepted one: from the card's reject list, the rival table or a prefix."""

    stems: tuple[str, ...]  # tokens that must appear (stems)
    shown: str  # what the player said, as a name
    accepted: str  # the accepted name it was confused with
    aka: str  # another name of the rival ("lasso" for "L1") or ""


#: One object for each rival and each token of an accepted answer: the same ones come up in many forms of
#: many cards, and each object is one more for the garbage collector to walk (a table is forgotten when it
#: grows past ``_SHARED``).
_RIVALS: Final[dict[Rival, Rival]] = {}
_TOKS: Final[dict[Tok, Tok]] = {}
_SHARED: Final = 100_000


def _rival(stems: tuple[str, ...], shown: str, accepted: str, aka: str) -> Rival:
    """``Rival(stems, shown, accepted, aka)``, shared with every equal one."""
    rv = Rival(stems, shown, accepted, aka)
    if len(_RIVALS) >= _SHARED:
        _RIVALS.clear()
    return _RIVALS.setdefault(rv, rv)


def shared_clear() -> None:
    """Forget the shared rivals and tokens (what is compiled keeps its own)."""
    _RIVALS.clear()
    _TOKS.clear()


def _tok(t: Tok) -> Tok:
    """``t``, shared with every equal token of an accepted answer."""
    if len(_TOKS) >= _SHARED:
        _TOKS.clear()
    return _TOKS.setdefault(t, t)


@dataclass(frozen=True, slots=True)
class Variant:
    """One form of an accepted answer, ready to align a response with."""

    display: str
    toks: tuple[Tok, ...]  # content tokens of the accepted answer
    stems: frozenset[str]
    words: frozenset[str]
    pairs: dict[str, tuple[int, int]]  # "pretrained" -> covers tokens i, i+1
    items: tuple[tuple[int, ...], ...]  # token indices per list item
    rivals: tuple[Rival, ...]
    rival_words: dict[str, Rival]  # single-token rivals by surface and stem (prefix rivals)
    rival_stems: frozenset[str]  # every word of a table rival (never read as a typo of the answer)
    norm: str  # normalised form for "did you mean"
    # Indexes read by the alignment, built here once instead of for every response.
    by_word: dict[str, tuple[int, ...]]  # surface word -> token indices
    by_stem: dict[str, tuple[int, ...]]  # stem -> token indices
    nums: tuple[int, ...]  # indices of number tokens
    fuzzy_targets: tuple[str, ...]  # words a typo may stand for, in token order
    fuzzy_rank: dict[str, int]  # fuzzy target -> first position (ties go to the first)
    keys: frozenset[str]  # every word, stem and run-together pair a response token can hit exactly
    rival_keys: tuple[str, ...]  # alphabetic keys of ``rival_words``, in order
    rival_rank: dict[str, int]  # rival key -> position
    typo_rivals: tuple[tuple[Rival, str], ...]  # one-word table rivals a typo may spell, with their stem
    rival_firsts: frozenset[str]  # the first stem of every table rival (a response without one has none)
    #: per token: the run-together pairs it is part of ("pretrained" for "pre" and "trained")
    pair_keys: tuple[tuple[str, ...], ...] = ()
    #: ``rival_keys`` for near-spellings (a typo of an antonym-prefix rival: "unsupervized")
    rival_index: Words = field(default_factory=lambda: Words(()))
    #: the first letters of ``by_stem``'s stems: two words run together that start with none of them have no
    #: stem there (``tokens.stem`` keeps a word's first letter but for ``STEM_RESPELT``)
    stem_initials: frozenset[str] = frozenset()
    #: the token indices of each word the form says more than once ("frequency" in "term frequency-inverse
    #: document frequency"), which a response covers only as often as it types it
    repeats: tuple[tuple[int, ...], ...] = ()
    #: a key point form whose denial is all filler words ("questions with no answer"): the word it denies
    #: ("answer"), which the response must deny too for the form to be made
    denied: str = ""


def _contains(seq: Sequence[str], sub: Sequence[str]) -> bool:
    k = len(sub)
    return k > 0 and any(tuple(seq[i : i + k]) == tuple(sub) for i in range(len(seq) - k + 1))


def _prefix_rivals(word: str) -> set[str]:
    """Words that an antonym prefix makes out of ``word`` ("supervised" -> "unsupervised", ...)."""
    out: set[str] = set()
    if not word.isalpha() or len(word) < 4:
        return out
    for p in NEGATING_PREFIXES:
        out.add(p + word)
        if word.startswith(p) and len(word) - len(p) >= 4:
            out.add(word[len(p) :])
    for p, q in SWAP_PREFIXES:
        if word.startswith(p) and len(word) - len(p) >= 4:
            out.add(q + word[len(p) :])
    out.discard(word)
    return out


@functools.lru_cache(maxsize=4096)
def prefix_rivals(word: str) -> frozenset[str]:
    """``_prefix_rivals`` of ``word``, cached (a key point's words, weighed against each response)."""
    return frozenset(_prefix_rivals(word))


def table_rivals(stems: Sequence[str], own: set[str] | frozenset[str]) -> list[Rival]:
    """The rivals (``data/confusables.yaml``) of the names ``stems`` spells, except words in ``own``."""
    tabs = tables()
    rivals: list[Rival] = []
    # Only a group naming one of the stems can hold it (a name is found by its first stem).
    for g in sorted({g for st in stems for g in tabs.groups_by_stem.get(st, ())}):
        group = tabs.groups[g]
        mine = [s for s in group if any(_contains(stems, p) for p in s.phrases)]
        if not mine:
            continue
        accepted_name = next(n for n, p in zip(mine[0].names, mine[0].phrases, strict=True) if _contains(stems, p))
        for side in group:
            if side in mine:
                continue
            for name, phrase in zip(side.names, side.phrases, strict=True):
                aka = next((x for x in side.names if x != name), "")
                if phrase and not all(s in own for s in phrase):
                    rivals.append(_rival(phrase, name, accepted_name, aka))
    return rivals


def _inner_rivals(word: str) -> set[str]:
    """Words made by swapping a rival inside a compound ("autoencoder" -> "autodecoder")."""
    out: set[str] = set()
    word_rivals = tables().word_rivals
    if len(word) < 7 or not word.isalpha() or word in word_rivals:
        return out
    for size in range(4, len(word)):
        for name in (word[:size], word[-size:]):
            rivals = word_rivals.get(name)
            if rivals:
                out.update(word.replace(name, r) for r in rivals)
    return out


def _expand_variants(text: str) -> list[str]:
    """The accepted text plus its acronym <-> expansion forms."""
    tabs = tables()
    toks = content(analyse(text))
    words = [t.word for t in toks]
    stems = [t.stem for t in toks]
    out = [text]
    equation = _EQUATION_RE.match(text)
    if equation and _FORMULA_SIDE_RE.search(equation.group(1)):
        out.append(equation.group(1))  # "mc^2" for "E = mc^2": the formula the letter stands for
    for i, w in enumerate(words):
        for exp in tabs.acronyms.get(w, ()):
            out.append(" ".join(words[:i] + list(exp) + words[i + 1 :]))
    all_words, all_stems = list(words), list(stems)
    # Only expansions whose first stem the answer has can match (in table order, as they always were).
    found = {e[0]: e for st in stems for e in tabs.expansions_by_first.get(st, ())}
    for _, exp_stems, acr in (found[n] for n in sorted(found)):
        k = len(exp_stems)
        for i in range(len(stems) - k + 1):
            if tuple(stems[i : i + k]) == exp_stems:
                out.append(" ".join(words[:i] + [acr] + words[i + k :]))
                break
        for i in range(len(all_stems) - k + 1):
            if tuple(all_stems[i : i + k]) == exp_stems:
                all_words[i : i + k] = [acr]
                all_stems[i : i + k] = [acr]
                break
    if all_words != words:
        out.append(" ".join(all_words))
    if len(words) >= 2 and words[-1] in _CLIPPED_LAST and words[-2].isalpha() and words[-2] not in _NORMS:
        # "spectral norm" for "spectral normalization" (but "norm" alone is a norm, and "L2 norm" the vector's)
        out.append(" ".join([*words[:-1], _CLIPPED_LAST[words[-1]]]))
    out.extend(respellings(text))
    return out + _synonym_forms(out)


def respellings(text: str) -> list[str]:
    """``text`` written as a keyboard without its marks writes it: an umlaut as the two letters German writes
    for it ("Maedchen" for "Mädchen", "Goedel" for "Gödel"), a long vowel of romanised Japanese without its
    macron as kana spell it or as the vowel twice ("Toukyou" or "Tookyoo" for "Tōkyō")."""
    out = []
    if _UMLAUT_RE.search(text):
        out.append(_UMLAUT_RE.sub(lambda m: _UMLAUTS[m.group()], text))
    if _MACRON_RE.search(text):
        out.append(_MACRON_RE.sub(_long_vowel_kana, text))
        out.append(_MACRON_RE.sub(_long_vowel_twice, text))
    return out


#: Vowels written long with a macron, and each as its vowel twice.
_MACRONS: Final = {"ā": "aa", "ē": "ee", "ī": "ii", "ō": "oo", "ū": "uu", "Ā": "Aa", "Ē": "Ee", "Ī": "Ii", "Ō": "Oo", "Ū": "Uu"}
_MACRON_RE: Final = re.compile("[" + "".join(_MACRONS) + "]")


def _long_vowel_kana(m: re.Match[str]) -> str:
    """A vowel written with a macron as kana spell it: "ō" as "ou", any other twice."""
    vowel = m.group()
    return vowel.translate(_PLAIN_O) + "u" if vowel in "ōŌ" else _MACRONS[vowel]


def _long_vowel_twice(m: re.Match[str]) -> str:
    """A vowel written with a macron as the vowel twice: "ō" as "oo"."""
    return _MACRONS[m.group()]


_PLAIN_O: Final = str.maketrans("ōŌ", "oO")


#: The umlauts and the two letters written for each where they cannot be typed.
_UMLAUTS: Final = {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"}
_UMLAUT_RE: Final = re.compile("[" + "".join(_UMLAUTS) + "]")
#: An equation that gives one letter a formula ("E = mc^2", "F = ma"): the formula alone says it.
_EQUATION_RE: Final = re.compile(r"^\s*(?:[A-Za-z]|[\u0370-\u03ff])\s*=\s*(\S.*?)\s*$")
#: The side of an equation that is a formula: a mark or a digit in it, or a product of two or three small
#: letters ("ma"); "P = NP" says no formula of P, nor "y = x" a line named "x".
_FORMULA_SIDE_RE: Final = re.compile(r"[\^*/+\-()\d]|^[a-z]{2,3}$")
#: The last word of a name of two words or more, and the clipped word the field says it with instead ("batch norm").
_CLIPPED_LAST: Final = {"normalization": "norm", "normalisation": "norm"}
#: Words before "norm" that name a norm of their own ("L2 norm" is a length, not "L2 normalization").
_NORMS: Final = frozenset({"frobenius", "nuclear", "euclidean", "max", "maximum", "infinity", "vector", "matrix", "operator"})


def _synonym_forms(forms: Sequence[str]) -> list[str]:
    """Each form with a name of ``data/synonyms.yaml`` in it said with each other name of its group
    ("greedy decoding" -> "argmax decoding"; the first place a name is found, one name per form)."""
    by_first = tables().synonyms_by_first
    out: list[str] = []
    for form in forms:
        toks = content(analyse(form))
        words = [t.word for t in toks]
        stems = [t.stem for t in toks]
        for i, first in enumerate(stems):
            for name, others in by_first.get(first, ()):
                if tuple(stems[i : i + len(name)]) == name:
                    out.extend(" ".join([*words[:i], *other, *words[i + len(name) :]]) for other in others)
    return out


def _more_pairs(toks: Sequence[Tok], kept: Sequence[Tok], pairs: dict[str, tuple[int, int]]) -> None:
    """Run-together forms beyond two kept words: a number word spelled out ("onehot" for "one-hot", read as
    "1 hot"), and a word run into the filler word after it ("mergesort" for "merge sort", whose "sort" is
    filler), which stands for that word alone."""
    words = [SPELLED_SMALL.get(t.word, t.word) if t.num else t.word for t in kept]
    for i in range(len(words) - 1):
        pairs.setdefault(words[i] + words[i + 1], (i, i + 1))
    if len(kept) == len(toks):
        return
    k = -1
    for a, b in zip(toks, toks[1:], strict=False):
        if a.stop:
            continue
        k += 1
        if b.stop and b.item == a.item and len(b.word) >= 3 and b.word.isalpha() and k < len(kept):
            pairs.setdefault(kept[k].word + b.word, (k, k))


@functools.lru_cache(maxsize=4096)
def compile_answer(text: str) -> tuple[Variant, ...]:
    """One accepted answer compiled for alignment: a ``Variant`` per distinct acronym/expansion form."""
    variants = []
    seen: set[tuple[str, ...]] = set()
    for form in _expand_variants(text):
        toks = analyse(form)
        kept = tuple(_tok(t) for t in (content(toks) or toks))
        key = tuple(t.stem for t in kept)
        if not kept or key in seen:
            continue
        seen.add(key)
        stems = [t.stem for t in kept]
        words = [t.word for t in kept]
        pairs = {words[i] + words[i + 1]: (i, i + 1) for i in range(len(words) - 1)}
        _more_pairs(toks, kept, pairs)
        items: dict[int, list[int]] = {}
        for idx, t in enumerate(kept):
            items.setdefault(t.item, []).append(idx)
        own = set(stems) | set(words)
        rivals = table_rivals(stems, own)
        rival_words: dict[str, Rival] = {}
        for t in kept:
            if t.num:
                continue
            for r in sorted(_prefix_rivals(t.word) | _inner_rivals(t.word)):  # sorted: the same in every process
                if r not in own:
                    rv = _rival((stem(r),), r, t.word, "")
                    rival_words.setdefault(r, rv)
                    rival_words.setdefault(stem(r), rv)
        variants.append(_variant(text.strip(), kept, pairs, items, rivals, rival_words, own))
    return tuple(variants)


def _variant(
    display: str,
    kept: tuple[Tok, ...],
    pairs: dict[str, tuple[int, int]],
    items: dict[int, list[int]],
    rivals: list[Rival],
    rival_words: dict[str, Rival],
    own: set[str],
) -> Variant:
    """A ``Variant`` with its indexes."""
    words = [t.word for t in kept]
    by_word: dict[str, list[int]] = {}
    by_stem: dict[str, list[int]] = {}
    for i, t in enumerate(kept):
        by_stem.setdefault(t.stem, []).append(i)
        by_word.setdefault(t.word, []).append(i)
    fuzzy_targets = tuple(t.word for t in kept if not t.num and t.word.isalnum() and len(t.word) > 3)
    rival_keys = tuple(k for k in rival_words if k.isalpha())
    typo_rivals = tuple(
        (rv, rv.stems[0]) for rv in rivals if len(rv.stems) == 1 and len(rv.stems[0]) > 4
    )
    return Variant(
        display=display,
        toks=kept,
        stems=frozenset(t.stem for t in kept),
        words=frozenset(words),
        pairs=pairs,
        items=tuple(tuple(v) for v in items.values()),
        rivals=tuple(rivals),
        rival_words=rival_words,
        rival_stems=frozenset(st for rv in rivals for st in rv.stems if st not in own),
        norm=" ".join(words),
        by_word={k: tuple(v) for k, v in by_word.items()},
        by_stem={k: tuple(v) for k, v in by_stem.items()},
        nums=tuple(i for i, t in enumerate(kept) if t.num or t.stem.isdigit()),  # "second" stems to "2"
        fuzzy_targets=fuzzy_targets,
        fuzzy_rank=_first_positions(fuzzy_targets),
        keys=frozenset(by_word) | frozenset(by_stem) | frozenset(pairs),
        rival_keys=rival_keys,
        rival_rank=_first_positions(rival_keys),
        typo_rivals=typo_rivals,
        rival_firsts=frozenset(rv.stems[0] for rv in rivals if rv.stems),
        pair_keys=tuple(tuple(k for k, at in pairs.items() if i in at) for i in range(len(kept))),
        rival_index=Words(rival_keys),
        stem_initials=frozenset(k[0] for k in by_stem if k),
        repeats=_repeats(by_word, kept, items),
    )


def _repeats(by_word: dict[str, list[int]], kept: Sequence[Tok], items: dict[int, list[int]]) -> tuple[tuple[int, ...], ...]:
    """``Variant.repeats``: the places of each word (no number) a form says more than once within one of its
    items; a word two items share is typed once for both ("batch and layer normalization")."""
    item_of = {i: k for k, at in items.items() for i in at}
    return tuple(
        tuple(at)
        for w, at in by_word.items()
        if len(at) > 1 and len(w) > 1 and not kept[at[0]].num and len({item_of.get(i) for i in at}) == 1
    )


def _first_positions(seq: Sequence[str]) -> dict[str, int]:
    out: dict[str, int] = {}
    for i, x in enumerate(seq):
        out.setdefault(x, i)
    return out


@functools.lru_cache(maxsize=4096)
def phrase_stems(text: str) -> tuple[str, ...]:
    """The stems of the words of ``text`` that carry meaning."""
    return tuple(t.stem for t in content(analyse(text)))
