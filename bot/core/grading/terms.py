"""Known terms of the field: the shipped vocabulary (``data/terms.txt``, the acronym tables) and the names
of every loaded deck (``register_deck_terms``), and what the grader reads from an answer's shape.

A typo that spells a known term is another answer, not a misspelling ("GeLU" is not "ReLU"), and an answer
that names a longer known term around the accepted one names that term ("root mean squared error" for
"mean squared error").
"""

from __future__ import annotations

import functools
import logging
import re
import threading
from collections.abc import Iterable, Sequence
from typing import Final, NamedTuple

from bot.core.grading.normalise import normalise
from bot.core.grading.pause import let_others_run
from bot.core.grading.tables import tables
from bot.core.grading.tokens import analyse_cached
from bot.core.grading.typos import fuzzy
from bot.core.grading.vocabulary import GENERIC, SEPARATOR_WORDS, STOP
from bot.core.models import Card
from bot.core.shipped import forms as tables_forms

log = logging.getLogger(__name__)

#: A deck name with more words than this is a sentence, not a term.
MAX_TERM_WORDS: Final = 12

_lock = threading.Lock()
_deck_terms: frozenset[str] = frozenset()
#: Bumped each time the registered names change: what was compiled against older names is not reused.
_generation = 0


def terms_generation() -> int:
    """How many times the registered deck names have changed (part of every compiled card's cache key)."""
    return _generation


def deck_terms() -> frozenset[str]:
    """The names (terms, aliases, accepted answers; lower case) of the decks registered last."""
    return _deck_terms


def names_of(cards: Iterable[Card]) -> frozenset[str]:
    """The short names of ``cards`` (lower case): their terms, aliases and accepted answers."""
    out: set[str] = set()
    for card in cards:
        let_others_run()
        for text in (*card.names, *card.accept):
            term = " ".join(text.lower().split())
            if term and len(term.split()) <= MAX_TERM_WORDS:
                out.add(term)
    return frozenset(out)


class TermTables(NamedTuple):
    """Registered deck names and what the grader derives from them, built off the event loop
    (``build_term_tables``) and swapped in on it (``install_term_tables``)."""

    terms: frozenset[str]
    #: real words and names: the shipped ones and every word of a deck name
    known: frozenset[str]
    #: known terms of two words or more, as content stems, by their last stem
    phrases: dict[str, tuple[tuple[str, ...], ...]]
    #: the registered names these were built against, and whether ``terms`` differ from them
    base: frozenset[str]
    changed: bool
    #: every known term (shipped and registered) as a response's words read it (``named_terms``)
    named: frozenset[str] = frozenset()
    #: known terms of two words or more, as content stems, by their first stem
    firsts: dict[str, tuple[tuple[str, ...], ...]] = {}  # noqa: RUF012 (never changed)
    #: known terms of one word of five letters or more, by their first letter and length (``misspelt_word``)
    singles: dict[tuple[str, int], tuple[str, ...]] = {}  # noqa: RUF012 (never changed)
    #: known terms of two words or more, as their letters and digits run together, to their content stems
    #: ("promptinjection": a term typed with a space in the wrong place, "promp tinjection")
    spaceless: dict[str, tuple[str, ...]] = {}  # noqa: RUF012 (never changed)


#: What the grader derives from ``_deck_terms``; None until first needed.
_tables: TermTables | None = None


def build_term_tables(terms: frozenset[str]) -> TermTables:
    """Everything the grader derives from deck names ``terms``: safe to run in a worker thread (with a
    100,000-card deck of two-word terms it took 4-5 s here). The names already in use give the tables in use
    (a deck reloaded with the same names costs one comparison of the names)."""
    base = _deck_terms
    current = _tables
    if current is not None and current.terms is base and terms == base:
        return current._replace(base=base, changed=False)
    words: set[str] = set()
    for t in terms:
        let_others_run()
        words.update(w for w in normalise(t).split() if len(w) > 2 and w.isalnum())
    by_last: dict[str, set[tuple[str, ...]]] = {}
    by_first: dict[str, set[tuple[str, ...]]] = {}
    singles: dict[tuple[str, int], set[str]] = {}
    spaceless: dict[str, tuple[str, ...]] = {}
    for term in tables().terms | terms:
        let_others_run()
        stems = _stems(term)
        if len(stems) >= 2:
            by_last.setdefault(stems[-1], set()).add(stems)
            by_first.setdefault(stems[0], set()).add(stems)
            spaceless.setdefault(_run_together(normalise(term)), stems)
            if "1" in stems and " i " in f" {term} ":
                # Its Roman I read as a number ("type I error": type 1 error), the term is found without it too,
                # as a misspelling that hides the word numbering it says it ("tpye I error": the I a pronoun).
                bare = tuple(st for st in stems if st != "1")
                if len(bare) >= 2:
                    by_last.setdefault(bare[-1], set()).add(bare)
                    by_first.setdefault(bare[0], set()).add(bare)
    for word in tables().term_words | frozenset(t for t in terms if " " not in t):
        if len(word) >= 5 and word.isalpha():
            singles.setdefault((word[0], len(word)), set()).add(word)
    phrases = {k: tuple(sorted(v)) for k, v in by_last.items()}
    firsts = {k: tuple(sorted(v)) for k, v in by_first.items()}
    return TermTables(
        terms, tables().known | frozenset(words), phrases, base, terms != base, _named(terms), firsts,
        {k: tuple(sorted(v)) for k, v in singles.items()}, spaceless,
    )  # fmt: skip


def _run_together(text: str) -> str:
    """``text``'s letters and digits, run together."""
    return "".join(ch for ch in text if ch.isalnum())


#: Number words a term may hold ("two-phase commit"), which a response's words read as digits.
_NUMBER_WORD_RE: Final = re.compile(
    r"\b(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|first|second|third|once|twice)\b", re.IGNORECASE
)


#: A Roman numeral in a name ("Louis XIV"), which a response's words read as digits (a deck's names are kept
#: in lower case; a word of those letters alone, "civil", is read as itself).
_ROMAN_RE: Final = re.compile(r"\b[ivxlc]{2,7}\b", re.IGNORECASE)


def _named(registered: frozenset[str]) -> frozenset[str]:
    """The known terms (shipped and ``registered``), normalised ("k-means" is "k means"), and as a response's
    words read them when a hyphen joins a prefix ("selfsupervised learning", "k fold crossvalidation"), a number
    is written in words ("2 phase commit") or in Roman numerals ("louis 14"), and without the article a name
    starts with ("square root of d k")."""
    out: set[str] = set()
    for t in tables().terms | registered:
        let_others_run()
        said = normalise(t)
        out.add(said)
        first, _, rest = said.partition(" ")
        if first in ("the", "a", "an") and " " in rest:
            out.add(rest)  # "square root of d k" for a deck's "the square root of d_k"
        if "-" in t:
            out.add(normalise(t.replace("-", "")))
        if "-" in t or _NUMBER_WORD_RE.search(t) or _ROMAN_RE.search(t):
            # as the response's words read it: one hyphen splits, another joins ("k fold crossvalidation")
            out.add(" ".join(k.word for k in analyse_cached(t)))
    return frozenset(out)


def named_terms() -> frozenset[str]:
    """Every known term, shipped and of the registered decks, as a response's words read it (built with the
    registered names, off the event loop when they are prepared in a thread)."""
    return _current().named


def install_term_tables(built: TermTables) -> bool:
    """Make ``built`` the registered deck names (a pointer swap when nothing was registered since it was
    built); True when the names changed."""
    global _deck_terms, _tables, _generation
    with _lock:
        changed = built.changed if built.base is _deck_terms else built.terms != _deck_terms
        if not changed:
            if _tables is None:
                _deck_terms, _tables = built.terms, built
            return False
        _deck_terms, _tables = built.terms, built
        _generation += 1
    return True


def _current() -> TermTables:
    global _tables
    built = _tables
    if built is None or built.terms is not _deck_terms:
        built = build_term_tables(_deck_terms)
        with _lock:
            if built.terms is _deck_terms:
                _tables = built
    return built


def known_words() -> frozenset[str]:
    """Real words and names: the shipped ones and every word of a registered deck name."""
    return _current().known


def _stems(text: str) -> tuple[str, ...]:
    return tuple(t.stem for t in analyse_cached(text) if not t.stop)


def longer_terms(stems: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """Known terms that end with ``stems`` and say more before them ("root mean squared error" for
    "mean squared error"): a qualifier that makes another term."""
    if not stems:
        return ()
    k = len(stems)
    return tuple(p for p in _current().phrases.get(stems[-1], ()) if len(p) > k and p[-k:] == stems)


def following_terms(stems: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """Known terms that start with ``stems`` and say more after them ("binary search tree" for "binary search",
    "Dirichlet process" for "Dirichlet"): a head that makes another term."""
    if not stems:
        return ()
    k = len(stems)
    return tuple(p for p in _current().firsts.get(stems[0], ()) if len(p) > k and p[:k] == stems)


def misspelt_term(stems: tuple[str, ...], words: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The known term of two words or more that ``stems`` spell with a typo or two ("markov cahin monte carlo",
    "markov chain monte carol"): its stems, or () when there is none. ``words``: the words the stems are of; a
    typo the stemmer reads as another stem ("opeartions", "retrieavl") is found by the word's start."""
    if len(stems) < 2:
        return ()
    k = len(stems)
    current = _current()
    spaced = spaced_term(words)
    if spaced and spaced != stems:
        return spaced  # "promp tinjection", "learnin gfrom": a space in the wrong place
    # (a typo in the last word: the term is found by its first)
    for found in (current.phrases.get(stems[-1], ()), current.firsts.get(stems[0], ())):
        for p in found:
            if len(p) != k or p == stems:
                continue
            slips = 0
            for n, (a, b) in enumerate(zip(stems, p, strict=True)):
                if a != b:
                    slips += 1
                    if slips > 2:
                        break
                    if fuzzy(a, b) is None and not (
                        len(words) == k
                        and (
                            len(b) >= 4 and fuzzy(words[n][: len(b)], b) is not None
                            or _swapped(words[n][: len(b)], b)
                            # (a stem whose last "y" the stemmer made an "i": "poliyc" of "polici", policy)
                            or b.endswith("i") and fuzzy(words[n], b[:-1] + "y") is not None
                        )
                    ):
                        break
            else:
                return p
    return ()


def spaced_term(words: Sequence[str]) -> tuple[str, ...]:
    """The known term of two words or more that ``words`` spell with its spaces in other places ("reinforcement
    learnin gfrom human feedback"): its content stems, or () when there is none."""
    return _current().spaceless.get(_run_together("".join(words)), ()) if len(words) >= 2 else ()


def glued_term(word: str) -> tuple[str, ...]:
    """The known term of two words or more that ``word`` spells run together ("ptuning" for "P-tuning"): its
    content stems, or ()."""
    return _current().spaceless.get(_run_together(word), ())


def _swapped(said: str, meant: str) -> bool:
    """Whether ``said`` is ``meant`` (three letters or more) with two letters next to each other swapped
    ("byaes" for "bayes", "grda" for "grad")."""
    if len(said) != len(meant) or len(meant) < 3 or said == meant:
        return False
    diff = [i for i in range(len(said)) if said[i] != meant[i]]
    return len(diff) == 2 and diff[1] == diff[0] + 1 and said[diff[0]] == meant[diff[1]] and said[diff[1]] == meant[diff[0]]


def misspelt_word(word: str) -> str:
    """The known term of one word (five letters or more) that ``word`` spells with a typo ("perpleixty"), or
    "" when there is none."""
    if len(word) < 5 or not word.isalpha():
        return ""
    singles = _current().singles
    for n in (len(word), len(word) - 1, len(word) + 1):
        for known in singles.get((word[0], n), ()):
            if known != word and fuzzy(word, known) is not None:
                return known
    return ""


#: Little words an acronym may leave out ("of", "with", "the").
_LITTLE: Final = STOP | SEPARATOR_WORDS

_PAREN_RE: Final = re.compile(r"^(.*?\S)\s*\(([^()]+)\)\s*$")


@functools.lru_cache(maxsize=4096)
def initials(text: str) -> tuple[str, str]:
    """The initials of every word of ``text`` and of its content words ("you only look once" -> "yolo")."""
    words = [w for w in normalise(text).split() if w]
    content = [t.word for t in analyse_cached(text) if not t.stop and not t.num]
    return "".join(w[0] for w in words), "".join(w[0] for w in content if w)


@functools.lru_cache(maxsize=4096)
def is_acronym_of(short: str, long: str) -> bool:
    """Whether ``short`` (one word) is the acronym of ``long`` (two words or more): "PCA" of "principal
    component analysis", "MAE" of "masked autoencoder", "DBSCAN" of "density-based spatial clustering of
    applications with noise"."""
    s = normalise(short).replace(" ", "")
    words = normalise(long).split()
    if not s.isalpha() or not 2 <= len(s) <= 8 or len(words) < 2:
        return False
    return abbreviates(s, tuple(words))


@functools.lru_cache(maxsize=4096)
def abbreviates(short: str, words: tuple[str, ...]) -> bool:
    """Whether ``short`` is made of the first letter of each of ``words`` (little words may be left out),
    each perhaps followed by more letters of the same word, in order."""
    if not words:
        return not short
    word, rest = words[0], words[1:]
    if word in _LITTLE and abbreviates(short, rest):
        return True
    if not short or not word or short[0] != word[0]:
        return False
    # The first letter, then k more letters found in order in the rest of the word.
    k = 0
    at = 1
    while True:
        if abbreviates(short[1 + k :], rest):
            return True
        if 1 + k >= len(short):
            return False
        at = word.find(short[1 + k], at) + 1
        if at == 0:
            return False
        k += 1


def split_parenthesis(text: str) -> tuple[str, str] | None:
    """ "PCA (principal component analysis)" -> ("PCA", "principal component analysis"); None for a name and
    its bracket written as one, a function of what it holds ("O(n^2)", "sqrt(d_k)", "P(x|y)"): a formula, whose
    name alone ("O") says nothing of it."""
    m = _PAREN_RE.match(text.strip())
    if m is None or _FORMULA_RE.match(text.strip()):
        return None
    return m.group(1).strip(), m.group(2).strip()


#: Asymptotic notation in a folded text: "o(n^2)", "th(n log n)" ("Θ"), "big o(n)"; the bracket's content.
_COMPLEXITY_RE: Final = re.compile(r"(?<![a-z0-9])(?:big[ -]?o|o|th|theta|omega)\s*\(([^()]{1,40})\)")
#: A letter and a digit right after it in a complexity: an exponent ("n2" of "n²" is n^2).
_POWER_AFTER_LETTER_RE: Final = re.compile(r"([a-z])(\d)")


def without_kind_words(name: str) -> str:
    """``name`` (folded) without the words at its ends that say what kind of thing it is ("text embedding
    model" is "text embedding", "coordinated representation" is "coordinated"), which the grader lets a
    player leave out; "" when nothing else is left, or only little words."""
    kinds = tables().kind_words
    words = normalise(name).split()
    while words and (words[-1] in kinds or words[-1] in GENERIC):
        words = words[:-1]
    while words and (words[0] in kinds or words[0] in GENERIC or words[0] in STOP):
        words = words[1:]
    if not words or all(w in STOP for w in words) or words == normalise(name).split():
        return ""
    return " ".join(words)


def complexities(cleaned: str) -> tuple[str, ...]:
    """The asymptotic complexities a folded text (``normalise.clean``) writes, each as a key that reads the
    same however it is spaced or written ("O(n^2)", "O(n²)", "O(n**2)" are "n^2"; "O(n log n)" and
    "O(nlogn)" are "nlogn"), in order."""
    if "(" not in cleaned:
        return ()
    return tuple(complexity_key(m.group(1)) for m in _COMPLEXITY_RE.finditer(cleaned))


#: Ways of writing a logarithm's base that change nothing asymptotically: "lg", "log2", "log_2", "ln".
_LOG_RE: Final = re.compile(r"\b(?:lg|ln|log_?\s*\d*)\s*")


def complexity_key(inner: str) -> str:
    """What a complexity's bracket holds, as one key however it is written: spaces, "*" and "·" dropped,
    "**" and a letter's digit read as powers ("n2" of "n²"), "n*n" and "n squared" as "n^2", a logarithm's
    base left out ("lg n", "log2 n" are "log n"), "|V|" as "v", and the terms of a sum in one order ("E + V"
    is "V + E")."""
    text = inner.lower().replace("|", "").replace("**", "^").replace(" squared", "^2").replace(" cubed", "^3")
    text = _LOG_RE.sub("log", text)
    terms = []
    for term in text.split("+"):
        term = re.sub(r"[\s*.\u00b7-]", "", term)
        term = re.sub(r"\b([a-z])\1\b", r"\1^2", term)  # "nn" of "n*n"
        terms.append(_POWER_AFTER_LETTER_RE.sub(r"\1^\2", term))
    return "+".join(sorted(t for t in terms if t))


#: Complexities said in words, as keys of ``complexities``.
_COMPLEXITY_WORDS: Final = {
    "constant": "1",
    "constant time": "1",
    "logarithmic": "logn",
    "logarithmic time": "logn",
    "linear": "n",
    "linear time": "n",
    "linearithmic": "nlogn",
    "log linear": "nlogn",
    "loglinear": "nlogn",
    "quadratic": "n^2",
    "quadratic time": "n^2",
    "cubic": "n^3",
    "cubic time": "n^3",
    "exponential": "2^n",
    "exponential time": "2^n",
}
#: A complexity written without its notation: "n^2", "n log n", "n squared".
_BARE_COMPLEXITY_RE: Final = re.compile(r"^(?:n|n\s*\^\s*\d|n\s*\*\*\s*\d|n\s*log\s*n|log\s*n|2\s*\^\s*n|n squared|n cubed)$")


def bare_complexity(cleaned: str) -> str:
    """The complexity a folded text says without its notation, as a key of ``complexities`` ("n^2", "n log n",
    "quadratic", "linear time"), or ""."""
    text = " ".join(cleaned.replace("-", " ").split()).strip(" .!")
    if text in _COMPLEXITY_WORDS:
        return _COMPLEXITY_WORDS[text]
    if not _BARE_COMPLEXITY_RE.match(text):
        return ""
    return complexity_key(text)


#: A function written with its argument: a name of one word right before the bracket, no space between.
_FORMULA_RE: Final = re.compile(r"^[^\s()]+\([^()]+\)\s*$")


#: Little words inside a person's surname ("Laurens van der Maaten", "Yann Le Cun").
NAME_PARTICLES: Final = frozenset("van von der den de del della di da du la le bin ibn al el y".split())


#: A ruler's numeral after the name ("Henry VIII", "Louis XIV").
_REGNAL_RE: Final = re.compile(r"^[IVXL]+$")


def looks_like_person(text: str) -> bool:
    """ "Ian Goodfellow", "Christopher J. Watkins", "Laurens van der Maaten": two to five words, one
    person (capitalised, but for the particles of a surname)."""
    words = text.split()
    if not 2 <= len(words) <= 5 or any(ch.isdigit() for ch in text) or not words[0][:1].isupper():
        return False
    if _REGNAL_RE.match(words[-1]):
        return False  # "Henry VIII": a ruler, whose numeral is no surname to be typed alone
    return all(w[:1].isupper() or w in NAME_PARTICLES for w in words) and words[-1][:1].isupper()


def surnames(text: str) -> tuple[str, ...]:
    """The surname of a person's name, with its particles and without ("van der Maaten", "Maaten"); none
    for a ruler named with a numeral ("Henry VIII")."""
    words = text.split()
    if words and _REGNAL_RE.match(words[-1]):
        return ()  # "Henry VIII": a ruler's numeral is no surname
    start = len(words) - 1
    while start > 1 and words[start - 1] in NAME_PARTICLES:
        start -= 1
    full = " ".join(words[start:])
    return (full, words[-1]) if start < len(words) - 1 else (full,)


@functools.lru_cache(maxsize=4096)
def asks_who(question: str | None) -> bool:
    """Whether ``question`` asks for a person ("Who introduced ...?", "Whose paper ...?", "Which researcher
    ...?", "Name the mathematician who ..."; ``person_words`` of ``data/forms.yaml``)."""
    words = normalise(question or "").split()
    if not words:
        return False
    # (the question's own question word, not a relative one: "what are the peaks called, whose two lowest
    # frequencies ..." asks for no person; "by whom" does, wherever it stands)
    first = next((w for w in words if w in _WH_WORDS), "")
    if first in _WHO or any(a in _BY and b in _WHO for a, b in zip(words, words[1:], strict=False)):
        return True
    people = _person_words()
    return any(w in ("which", "what", "name") and any(x in people for x in words[k + 1 : k + 4]) for k, w in enumerate(words))


_WHO: Final = frozenset({"who", "whom", "whose"})
#: Question words: the first of them in a question is the one it asks with.
_WH_WORDS: Final = _WHO | frozenset({"what", "which", "how", "when", "where", "why"})
#: Prepositions before "whom" that ask for a person wherever they stand ("invented by whom?").
_BY: Final = frozenset({"by", "to", "from", "with", "for"})


@functools.cache
def _person_words() -> frozenset[str]:
    return frozenset(normalise(str(w)) for w in tables_forms().get("person_words") or ())


def person_name(text: str, question: str | None) -> bool:
    """Whether ``text`` names a person: it looks like one ("Ian Goodfellow"), or the question asks for one
    and it is two to four plain words that are no words of the field ("geoffrey hinton")."""
    if looks_like_person(text):
        return True
    if not asks_who(question):
        return False
    words = normalise(text).split()
    known = tables().known
    return 2 <= len(words) <= 4 and all(w.isalpha() and w not in known and w not in STOP for w in words)


def people(text: str) -> tuple[str, ...] | None:
    """The persons a list of them names ("Marvin Minsky and Seymour Papert"), or None when it is not one."""
    parts = [p.strip() for p in re.split(r",\s*(?:and\s+)?|\s+and\s+|\s*&\s*", text.strip()) if p.strip()]
    if len(parts) < 2 or not all(looks_like_person(p) for p in parts):
        return None
    return tuple(parts)


def acronym_like(text: str) -> str:
    """The normalised acronym when ``text`` is one ("DBSCAN": 2 to 8 letters, capitals), else ""."""
    word = text.strip()
    letters = [ch for ch in word if ch.isalpha()]
    if not 2 <= len(word) <= 8 or not word.isalpha() or sum(ch.isupper() for ch in letters) < 2:
        return ""
    return word.lower()


#: The parts of a name run together with capitals ("CycleGAN", "ReAct", "MinMaxScaler").
_CAMEL_RE: Final = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+")


def camel_parts(text: str) -> tuple[str, ...]:
    """The capitalised parts of one word ("SwiGLU" -> swi, glu), lower case; () unless it has two or more,
    each of two letters or more."""
    if not text.isalpha() or not any(c.isupper() for c in text[1:]) or not any(c.islower() for c in text):
        return ()
    parts = tuple(p.lower() for p in _CAMEL_RE.findall(text))
    return parts if len(parts) >= 2 and all(len(p) >= 2 for p in parts) else ()
