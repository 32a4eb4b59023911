"""Typed-answer grader: tolerant of spelling, never fooled by a near-miss.

The grader works on tokens, never on a whole-string similarity score (a whole-string ``WRatio`` accepts
"dense, not sparse" for "sparse" and "L1 or L2" for "L2"):

1. ``normalise`` folds chat junk away: Discord mentions, markdown, spoilers, code spans, emoji,
   full-width letters, subscripts, zero-width characters, accents and homoglyphs.
2. The answer is cut into tokens that remember their *polarity* ("not temperature" is a negated
   token), which *list item* they sit in ("L1 or L2" is two items) and their stem (plurals).
   Numbers are canonical ("fifty thousand" == "50k" == "50,000"; "seven times" == "7x").
3. Each accepted answer (and its acronym/expansion variants) is aligned token by token. A token
   matches exactly (same word, stem, number or compound), or as a typo (OSA distance within a
   tolerance that grows with word length; never for short words or anything with a digit).
4. Near-misses are caught before typos: the card's ``reject`` list, a shipped table of confusable
   terms (``data/confusables.yaml``) and a rule for antonym prefixes (un-, non-, self-, over/under,
   en/de ...). A typo that spells another real word gets "almost — did you mean ...?".
5. Meaning traps: a negated answer, a competing item ("L1 or L2") and a keyword dump are wrong.

Essay cards are graded by key points ("hybrid | mixed approach" lists synonyms) with partial credit.
"""

from __future__ import annotations

import functools
import logging
import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import NamedTuple

import Stemmer
import yaml
from anyascii import anyascii
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from bot.core.models import Card, Verdict, VerdictKind

log = logging.getLogger(__name__)

__all__ = ["grade", "grade_card", "normalise", "escape_markdown"]

#: Work is capped so that a 4,000-character answer (or a Zalgo string) is graded quickly.
MAX_CHARS = 8000
MAX_TOKENS = 800

# --------------------------------------------------------------------------------------------------
# Chat-junk folding
# --------------------------------------------------------------------------------------------------

_DISCORD_RE = re.compile(
    r"<a?:\w{1,64}:\d{5,25}>"  # custom emoji
    r"|<[@#][!&]?\d{5,25}>"  # user, role and channel mentions
    r"|</[\w -]{1,100}:\d{5,25}>"  # slash-command mentions
    r"|<t:-?\d{1,15}(?::[tTdDfFR])?>"  # timestamps
    r"|@(?:everyone|here)\b"
    r"|<?https?://\S+>?"
    r"|:[a-z0-9_+-]{1,40}:",  # :shortcode: emoji
    re.IGNORECASE,
)
_FENCE_RE = re.compile(r"```(?:[A-Za-z0-9_+.-]{1,20}\n)?")
_SKIP_CATEGORIES = frozenset({"Cc", "Cf", "Co", "Cs", "Cn", "So", "Sk", "Mn", "Me", "Mc"})
_TOKEN_RE = re.compile(
    r"[a-z0-9]+(?:[.,][0-9]+)*%?(?:-[a-z0-9]+(?:[.,][0-9]+)*%?)*"
    r"|[,;/&+|.!?:()\[\]{}\n-]"
)


# Cyrillic and Greek letters that look like Latin ones. anyascii transliterates by sound ("р" -> "r"),
# so a word that mixes scripts (a homoglyph trick or a keyboard slip) is first mapped by shape.
_HOMOGLYPHS = str.maketrans(
    "авсдеёһіјкмнорѕтуххԁԛԝӏАВСЕНІЈКМОРЅТХУαβεικνορτυχΑΒΕΖΗΙΚΜΝΟΡΤΥΧ",
    "abcdeehijkmhopstyxxdqwlABCEHIJKMOPSTXYabeiknoptuxABEZHIKMNOPTYX",
)
_COMBINING_RE = re.compile(
    "[\u0300-\u036f\u0483-\u0489\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+"
)
_MIXED_RE = re.compile(r"\w*[a-zA-Z]\w*")


def _unmix(match: re.Match[str]) -> str:
    word = match.group(0)
    return word if word.isascii() else word.translate(_HOMOGLYPHS)


def _fold(text: str) -> str:
    """Unicode to plain lower-case ASCII: NFKC (full-width, subscripts), drop marks/emoji, anyascii."""
    if not text.isascii():
        # Combining marks go first: NFKC is slow on long runs of them (Zalgo text), and
        # anyascii would drop them anyway.
        text = _COMBINING_RE.sub("", text)
        text = unicodedata.normalize("NFKC", text)
        text = _MIXED_RE.sub(_unmix, text)
        kept = []
        for ch in text:
            if ch < "\x80" or unicodedata.category(ch) not in _SKIP_CATEGORIES:
                kept.append(ch)
        text = anyascii("".join(kept))
    return text.lower()


@functools.lru_cache(maxsize=512)
def _clean(text: str) -> str:
    """Strip Discord syntax and fold to lower-case ASCII (punctuation kept for the tokeniser)."""
    text = text[:MAX_CHARS]
    text = _DISCORD_RE.sub(" ", text)
    text = _FENCE_RE.sub(" ", text).replace("||", " ").replace("`", " ")
    text = _fold(text)
    # A URL or mention spelled with homoglyphs shows up only after folding.
    text = _DISCORD_RE.sub(" ", text)
    return text.replace("'", "").replace('"', " ")


def normalise(text: str) -> str:
    """Fold a chat message to the words the grader judges: lower-case ASCII, single spaces.

    Discord mentions, ``@everyone``, spoilers, markdown, code fences, emoji, zero-width characters,
    accents, full-width letters, subscripts and homoglyphs are folded or removed; punctuation becomes
    a space (hyphenated words are split). The result is reusable as a lookup key.
    """
    words = [t for t in _TOKEN_RE.findall(_clean(text)) if t[0].isalnum()]
    out: list[str] = []
    for w in words:
        out.extend(p for p in w.split("-") if p)
    return " ".join(out)


_MD_SPECIAL = re.compile(r"([\\*_~`|>#\-\[\]()<@:])")


def escape_markdown(text: str) -> str:
    """Escape Discord markdown and neutralise mentions in text taken from a player."""
    text = _MD_SPECIAL.sub(r"\\\1", text.replace("\n", " "))
    return text.replace("everyone", "every\u200bone").replace("here", "he\u200bre")


# --------------------------------------------------------------------------------------------------
# Vocabulary: stop words, filler, negation, prefixes, numbers
# --------------------------------------------------------------------------------------------------

_STEMMER = Stemmer.Stemmer("english")

# Words that carry no answer: articles, filler, hedging chatter. Dropped from content.
_STOP = frozenset(
    """a an the of to for in on at by with from into via as is are was were be been being it its
    this that these those there their they them thats i im ive id me my we our you your he she
    think believe guess suppose maybe perhaps probably possibly prob likely presumably sure pretty
    answer um uh umm erm hm ok okay well so like lol haha pls please idk dunno just basically
    called known named would could should might must can will do does did also very really
    kinda sort kind of thing something guessing reckon hey yeah yep""".split()
)
# Head nouns a player may leave out when the question already says them ("conditional" for
# "conditional models" when asked "Discriminative models ... what else are they known as?").
_GENERIC = frozenset(
    """model models method methods algorithm algorithms network networks layer layers approach technique
    type types kind representation representations function functions learning system systems""".split()
)
_MAYBE_WORDS = frozenset({"maybe", "perhaps", "possibly", "probably"})
_SEPARATOR_WORDS = frozenset({"or", "and", "vs", "versus", "either", "nor", "but", "plus", "then", "also"})
_HEDGE_WORDS = frozenset({"or", "vs", "versus", "either", "nor"})
_HEDGE_MARKS = frozenset({"/", "|"})
_LIST_MARKS = frozenset({",", ";", "/", "&", "+", "|", "\n", "-"})
_CLAUSE_MARKS = frozenset({".", "!", "?", ":", ";", "(", ")", "[", "]", "{", "}", "\n", ",", "-"})
_NEGATORS = frozenset(
    """not no never isnt arent wasnt werent dont doesnt didnt cannot cant wont without neither nor
    than except excluding aint""".split()
)
_NEG_BIGRAMS = frozenset({("instead", "of"), ("rather", "than"), ("other", "than"), ("as", "opposed")})
_NEG_END_WORDS = frozenset(
    """but its it rather instead however actually though although yet whereas while so thats
    correct right answer i""".split()
)
_ALWAYS_PREFIX = frozenset(
    "non semi self pre post multi uni bi anti un de sub co inter intra hyper mono".split()
)
_HYPHEN_PREFIX = _ALWAYS_PREFIX | frozenset(
    {"over", "under", "re", "counter", "cross", "auto", "out", "up", "down"}
)
# Prefixes that turn a word into its rival when added ("supervised" -> "unsupervised").
_NEGATING_PREFIXES = (
    "self",
    "semi",
    "non",
    "un",
    "de",
    "dis",
    "anti",
    "mis",
    "over",
    "under",
    "hyper",
    "in",
    "im",
    "ir",
    "il",
)
# Prefix swaps that make rivals ("encoder" / "decoder", "overfitting" / "underfitting").
_SWAP_PREFIXES = (
    ("en", "de"),
    ("de", "en"),
    ("in", "de"),
    ("de", "in"),
    ("over", "under"),
    ("under", "over"),
    ("pre", "post"),
    ("post", "pre"),
    ("up", "down"),
    ("down", "up"),
    ("in", "out"),
    ("out", "in"),
    ("uni", "bi"),
    ("bi", "uni"),
    ("uni", "multi"),
    ("multi", "uni"),
    ("mono", "multi"),
    ("multi", "mono"),
    ("inter", "intra"),
    ("intra", "inter"),
    ("min", "max"),
    ("max", "min"),
    ("im", "ex"),
    ("ex", "im"),
    ("in", "ex"),
    ("ex", "in"),
    ("self", "semi"),
    ("semi", "self"),
    ("un", "semi"),
    ("semi", "un"),
    ("un", "self"),
    ("self", "un"),
    ("non", "semi"),
    ("semi", "non"),
    ("en", "dis"),
    ("dis", "en"),
)

_ONES = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_SCALES = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000, "trillion": 10**12}
_SUFFIX_SCALES = {"k": 1_000, "m": 1_000_000, "mn": 1_000_000, "b": 1_000_000_000, "bn": 1_000_000_000}
_PERCENT_WORDS = frozenset({"percent", "pct", "percentage"})
_TIMES_WORDS = frozenset({"times", "x", "fold"})
_NUM_RE = re.compile(r"^(\d+(?:\.\d+)?)(k|m|mn|b|bn|x|%)?$")
_XNUM_RE = re.compile(r"^x(\d+(?:\.\d+)?)$")


def _fmt_number(value: float) -> str:
    if value == int(value):
        return str(int(value))
    return f"{value:.6g}"


# --------------------------------------------------------------------------------------------------
# Shipped data
# --------------------------------------------------------------------------------------------------


def _data_text(name: str) -> str:
    return (resources.files("bot.core") / "data" / name).read_text(encoding="utf-8")


def _word_list(name: str) -> frozenset[str]:
    words = set()
    for line in _data_text(name).splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            words.add(line.lower())
    return frozenset(words)


@dataclass(frozen=True, slots=True)
class _Side:
    names: tuple[str, ...]  # display names, first is the main one
    phrases: tuple[tuple[str, ...], ...]  # token stems of each name


@dataclass(frozen=True, slots=True)
class _Tables:
    groups: tuple[tuple[_Side, ...], ...]
    acronyms: dict[str, tuple[tuple[str, ...], ...]]  # acronym token -> expansions (surface tokens)
    expansions: dict[tuple[str, ...], str]  # expansion stems -> acronym token
    glossary: frozenset[str]  # stems of domain terms
    known: frozenset[str]  # surface words that are real words (typo that spells one -> "almost")


@functools.cache
def _tables() -> _Tables:
    raw = yaml.safe_load(_data_text("confusables.yaml")) or {}
    groups = []
    glossary_words = set(_word_list("glossary.txt"))
    known = set(glossary_words) | _word_list("words.txt")
    for group in raw.get("groups", []):
        sides = []
        for side in group:
            names = tuple(str(n) for n in side)
            phrases = tuple(tuple(t.stem for t in _content(_analyse(n))) for n in names)
            for n in names:
                known.update(w for w in normalise(n).split() if w.isalpha())
            sides.append(_Side(names, phrases))
        groups.append(tuple(sides))
    acr_raw = yaml.safe_load(_data_text("acronyms.yaml")) or {}
    acronyms: dict[str, tuple[tuple[str, ...], ...]] = {}
    expansions: dict[tuple[str, ...], str] = {}
    for acr, exps in acr_raw.items():
        key = normalise(str(acr))
        forms = []
        for e in exps:
            toks = tuple(t.word for t in _content(_analyse(str(e))))
            forms.append(toks)
            expansions[tuple(t.stem for t in _content(_analyse(str(e))))] = key
            known.update(toks)
        acronyms[key] = tuple(forms)
        glossary_words.add(key)
        known.add(key)
    glossary = frozenset(_stem(w) for w in glossary_words) | frozenset(glossary_words)
    return _Tables(tuple(groups), acronyms, expansions, glossary, frozenset(known))


# --------------------------------------------------------------------------------------------------
# Tokens
# --------------------------------------------------------------------------------------------------


class _Tok(NamedTuple):
    word: str  # folded surface form (or canonical number)
    stem: str
    neg: bool  # inside the scope of a negation
    item: int  # list item index ("L1 or L2" -> two items)
    stop: bool  # filler / function word
    num: bool  # a canonical number


@functools.lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    return _STEMMER.stemWord(word)


def _split_number_commas(w: str) -> list[str]:
    """ "500,000" -> ["500000"]; "1,2" -> ["1", ",", "2"]."""
    head, *rest = w.split(",")
    if all(len(g.rstrip("%")) == 3 and g.rstrip("%").isdigit() for g in rest) and head.isdigit():
        return ["".join([head, *rest])]
    out = [head]
    for g in rest:
        out += [",", g]
    return out


def _raw_tokens(text: str) -> list[str]:
    """Words (hyphen prefixes merged, numbers split sanely) and separator marks."""
    out: list[str] = []
    for t in _TOKEN_RE.findall(_clean(text))[: MAX_TOKENS * 2]:
        if not t[0].isalnum():
            out.append(t)
            continue
        parts = [p for p in t.split("-") if p]
        merged: list[str] = []
        i = 0
        while i < len(parts):
            p = parts[i]
            if p in _HYPHEN_PREFIX and i + 1 < len(parts) and parts[i + 1][0].isalpha():
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
        if t in _ALWAYS_PREFIX and i + 1 < len(out) and out[i + 1][:1].isalpha() and out[i + 1] not in _STOP:
            out[i + 1] = t + out[i + 1]
        else:
            joined.append(t)
        i += 1
    return joined


def _number_words(words: list[str], i: int) -> tuple[float, int] | None:
    """Parse number words starting at words[i] ("fifty thousand") -> (value, tokens used)."""
    total = 0.0
    current = 0.0
    j = i
    seen = False
    while j < len(words):
        w = words[j]
        if w in _ONES:
            current += _ONES[w]
        elif w in _TENS:
            current += _TENS[w]
        elif w == "hundred" and seen:
            current *= 100
        elif w in _SCALES and seen:
            total += current * _SCALES[w]
            current = 0
        elif w == "and" and seen and j + 1 < len(words) and (words[j + 1] in _ONES or words[j + 1] in _TENS):
            pass
        else:
            break
        seen = True
        j += 1
    if not seen:
        return None
    return total + current, j - i


def _numberise(words: list[str]) -> list[tuple[str, bool]]:
    """Canonical numbers: "50k", "fifty thousand", "50 thousand" -> "50000"; "7x", "x7", "seven times"
    -> "7x"; "15%", "15 percent" -> "15%". Returns (token, is_number)."""
    out: list[tuple[str, bool]] = []
    i = 0
    n = len(words)
    while i < n:
        w = words[i]
        value: float | None = None
        unit = ""
        used = 1
        while (
            w.isdigit()
            and len(w) <= 3
            and i + 1 < n
            and len(words[i + 1].rstrip("%")) == 3
            and words[i + 1].rstrip("%").isdigit()
        ):
            w = w + words[i + 1]  # "50 000"
            i += 1
        m = _NUM_RE.match(w)
        if m:
            value = float(m.group(1))
            suffix = m.group(2) or ""
            if suffix in _SUFFIX_SCALES:
                value *= _SUFFIX_SCALES[suffix]
            elif suffix == "x":
                unit = "x"
            elif suffix == "%":
                unit = "%"
        elif (m := _XNUM_RE.match(w)) is not None:
            value, unit = float(m.group(1)), "x"
        elif w.endswith("fold") and w[:-4] in _ONES:
            value, unit = float(_ONES[w[:-4]]), "x"
        elif w in _ONES or w in _TENS:
            parsed = _number_words(words, i)
            if parsed:
                value, used = parsed
        if value is None:
            out.append((w, False))
            i += 1
            continue
        j = i + used
        if not unit and j < n:
            nxt = words[j]
            if nxt in _SCALES:
                value *= _SCALES[nxt]
                j += 1
                nxt = words[j] if j < n else ""
            if nxt in _PERCENT_WORDS:
                unit, j = "%", j + 1
            elif nxt == "per" and j + 1 < n and words[j + 1] == "cent":
                unit, j = "%", j + 2
            elif nxt in _TIMES_WORDS:
                unit, j = "x", j + 1
        out.append((_fmt_number(value) + unit, True))
        i = j
    return out


@functools.lru_cache(maxsize=8192)
def _analyse_cached(text: str) -> tuple[_Tok, ...]:
    return _analyse(text)


def _analyse(text: str) -> tuple[_Tok, ...]:
    """Tokens with polarity and list-item index."""
    raw = _raw_tokens(text)
    # Numbers work on the word runs between marks.
    stream: list[tuple[str, bool]] = []
    run: list[str] = []
    for t in raw:
        if t[0].isalnum():
            run.append(t)
        else:
            if run:
                stream.extend(_numberise(run))
                run = []
            stream.append((t, False))
    if run:
        stream.extend(_numberise(run))

    toks: list[_Tok] = []
    neg = False
    item = 0
    count = 0
    i = 0
    n = len(stream)
    while i < n and count < MAX_TOKENS:
        w, is_num = stream[i]
        nxt = stream[i + 1][0] if i + 1 < n else ""
        if not w[0].isalnum():
            if w in _CLAUSE_MARKS:
                neg = False
            if w in _LIST_MARKS or w in _CLAUSE_MARKS:
                item += 1
            i += 1
            continue
        if not is_num:
            if (w, nxt) in _NEG_BIGRAMS:
                neg = True
                item += 1
                i += 2
                continue
            if w == "not" and nxt == "only":
                i += 2
                continue
            if w in _NEGATORS:
                if w in ("nor", "neither", "than", "except"):
                    item += 1
                neg = True
                i += 1
                continue
            if w in _NEG_END_WORDS:
                neg = False
            if w in _SEPARATOR_WORDS:
                item += 1
                i += 1
                continue
        stop = (not is_num) and w in _STOP
        toks.append(_Tok(w, w if is_num else _stem(w), neg, item, stop, is_num))
        count += 1
        i += 1
    return tuple(toks)


def _content(toks: Iterable[_Tok]) -> list[_Tok]:
    return [t for t in toks if not t.stop]


def _hedge_items(text: str) -> frozenset[int]:
    """Item indices that were opened by an explicit hedge ("or", "/", "vs")."""
    # Recomputed cheaply from the raw tokens: item numbering mirrors _analyse.
    items: set[int] = set()
    maybes: set[int] = set()
    raw = _raw_tokens(text)
    item = 0
    i = 0
    while i < len(raw):
        w = raw[i]
        nxt = raw[i + 1] if i + 1 < len(raw) else ""
        if not w[0].isalnum():
            if w in _LIST_MARKS or w in _CLAUSE_MARKS:
                item += 1
                if w in _HEDGE_MARKS:
                    items.update((item - 1, item))
        elif (w, nxt) in _NEG_BIGRAMS:
            item += 1
            i += 1
        elif w in ("nor", "neither", "than", "except"):
            item += 1
        elif w in _SEPARATOR_WORDS:
            item += 1
            if w in _HEDGE_WORDS:
                items.update((item - 1, item))
        elif w in _MAYBE_WORDS:
            maybes.add(item)
        i += 1
    if len(maybes) > 1:
        items.update(maybes)
    return frozenset(items)


def _tolerance(length: int) -> int:
    """Edits allowed for a word of this length: none for three letters or less."""
    if length <= 3:
        return 0
    if length <= 8:
        return 1
    if length <= 12:
        return 2
    return 3


_DIGITS_RE = re.compile(r"[^0-9]+")
_LETTERS_RE = re.compile(r"[0-9]+")


def _fuzzy(a: str, b: str) -> int | None:
    """OSA distance between two words when within tolerance, else None. Digits never fuzzy."""
    if not a.isalpha() or not b.isalpha():
        # "AlpahFold2" for "AlphaFold2": letters may have a typo, digits never.
        if _DIGITS_RE.sub("", a) != _DIGITS_RE.sub("", b) or not a.isalnum() or not b.isalnum():
            return None
        a, b = _LETTERS_RE.sub("", a), _LETTERS_RE.sub("", b)
        if not a.isalpha() or not b.isalpha():
            return None
    tol = _tolerance(min(len(a), len(b)))
    if tol == 0 or abs(len(a) - len(b)) > tol:
        return None
    d = OSA.distance(a, b, score_cutoff=tol)
    return d if d <= tol else None


# --------------------------------------------------------------------------------------------------
# Compiled accepted answers
# --------------------------------------------------------------------------------------------------


class _Rival(NamedTuple):
    stems: tuple[str, ...]  # tokens that must appear (stems)
    shown: str  # what the player said, as a name
    accepted: str  # the accepted name it was confused with
    gloss: str  # "L1 is lasso" or ""


@dataclass(frozen=True, slots=True)
class _Variant:
    display: str
    toks: tuple[_Tok, ...]  # content tokens of the accepted answer
    stems: frozenset[str]
    words: frozenset[str]
    pairs: dict[str, tuple[int, int]]  # "pretrained" -> covers tokens i, i+1
    items: tuple[tuple[int, ...], ...]  # token indices per list item
    rivals: tuple[_Rival, ...]
    rival_words: dict[str, _Rival]  # single-token rivals by surface and stem (prefix rivals)
    rival_stems: frozenset[str]  # every word of a table rival (never read as a typo of the answer)
    norm: str  # normalised form for "did you mean"


def _contains(seq: Sequence[str], sub: Sequence[str]) -> bool:
    k = len(sub)
    return k > 0 and any(tuple(seq[i : i + k]) == tuple(sub) for i in range(len(seq) - k + 1))


def _prefix_rivals(word: str) -> set[str]:
    """Words that an antonym prefix makes out of ``word`` ("supervised" -> "unsupervised", ...)."""
    out: set[str] = set()
    if not word.isalpha() or len(word) < 4:
        return out
    for p in _NEGATING_PREFIXES:
        out.add(p + word)
        if word.startswith(p) and len(word) - len(p) >= 4:
            out.add(word[len(p) :])
    for p, q in _SWAP_PREFIXES:
        if word.startswith(p) and len(word) - len(p) >= 4:
            out.add(q + word[len(p) :])
    out.discard(word)
    return out


def _expand_variants(text: str) -> list[str]:
    """The accepted text plus its acronym <-> expansion forms."""
    tables = _tables()
    toks = _content(_analyse(text))
    words = [t.word for t in toks]
    stems = [t.stem for t in toks]
    out = [text]
    for i, w in enumerate(words):
        for exp in tables.acronyms.get(w, ()):
            out.append(" ".join(words[:i] + list(exp) + words[i + 1 :]))
    all_words, all_stems = list(words), list(stems)
    for exp_stems, acr in tables.expansions.items():
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
    return out


@functools.lru_cache(maxsize=4096)
def _compile(text: str) -> tuple[_Variant, ...]:
    tables = _tables()
    variants = []
    seen: set[tuple[str, ...]] = set()
    for form in _expand_variants(text):
        toks = _analyse(form)
        content = tuple(_content(toks)) or tuple(toks)
        key = tuple(t.stem for t in content)
        if not content or key in seen:
            continue
        seen.add(key)
        stems = [t.stem for t in content]
        words = [t.word for t in content]
        pairs = {words[i] + words[i + 1]: (i, i + 1) for i in range(len(words) - 1)}
        items: dict[int, list[int]] = {}
        for idx, t in enumerate(content):
            items.setdefault(t.item, []).append(idx)
        own = set(stems) | set(words)
        rivals: list[_Rival] = []
        for group in tables.groups:
            mine = [s for s in group if any(_contains(stems, p) for p in s.phrases)]
            if not mine:
                continue
            accepted_name = next(
                n for n, p in zip(mine[0].names, mine[0].phrases, strict=True) if _contains(stems, p)
            )
            for side in group:
                if side in mine:
                    continue
                for name, phrase in zip(side.names, side.phrases, strict=True):
                    other = next((x for x in side.names if x != name), "")
                    gloss = f"{name} is {other}" if other else ""
                    if phrase and not all(s in own for s in phrase):
                        rivals.append(_Rival(phrase, name, accepted_name, gloss))
        rival_words: dict[str, _Rival] = {}
        for t in content:
            if t.num:
                continue
            for r in _prefix_rivals(t.word):
                if r not in own:
                    rv = _Rival((_stem(r),), r, t.word, "")
                    rival_words.setdefault(r, rv)
                    rival_words.setdefault(_stem(r), rv)
        variants.append(
            _Variant(
                display=text.strip(),
                toks=content,
                stems=frozenset(stems),
                words=frozenset(words),
                pairs=pairs,
                items=tuple(tuple(v) for v in items.values()),
                rivals=tuple(rivals),
                rival_words=rival_words,
                rival_stems=frozenset(st for rv in rivals for st in rv.stems if st not in own),
                norm=" ".join(words),
            )
        )
    return tuple(variants)


@functools.lru_cache(maxsize=4096)
def _phrase_stems(text: str) -> tuple[str, ...]:
    return tuple(t.stem for t in _content(_analyse(text)))


# --------------------------------------------------------------------------------------------------
# Alignment
# --------------------------------------------------------------------------------------------------

_EXACT, _TYPO, _REALWORD = 3, 2, 1


@dataclass(slots=True)
class _Match:
    covered: list[int]  # per accepted token: best quality with the right polarity (0 = none)
    flipped: list[bool]  # accepted token found only with the opposite polarity
    used: set[int]  # response token indices explaining the answer
    typos: list[tuple[str, str]]  # (said, meant)
    realwords: list[tuple[str, str]]
    rival: _Rival | None
    rival_said: str


def _same_number(a: str, b: str) -> bool:
    if a == b:
        return True
    # A bare number matches the same number with a unit ("15" for "15%", "7" for "7x").
    return a.rstrip("x%") == b.rstrip("x%") and (a[-1:].isdigit() or b[-1:].isdigit())


def _align(v: _Variant, resp: Sequence[_Tok], rejects: Sequence[_Rival], known: frozenset[str]) -> _Match:
    acc = v.toks
    covered = [0] * len(acc)
    flipped = [False] * len(acc)
    used: set[int] = set()
    typos: list[tuple[str, str]] = []
    realwords: list[tuple[str, str]] = []
    by_stem: dict[str, list[int]] = {}
    by_word: dict[str, list[int]] = {}
    for i, t in enumerate(acc):
        by_stem.setdefault(t.stem, []).append(i)
        by_word.setdefault(t.word, []).append(i)
    acc_nums = [i for i, t in enumerate(acc) if t.num]
    fuzzy_targets = [t.word for t in acc if not t.num and t.word.isalnum() and len(t.word) > 3]

    def cover(i: int, r: _Tok, quality: int, j: int) -> None:
        if r.neg == acc[i].neg:
            if quality > covered[i]:
                covered[i] = quality
            used.add(j)
        else:
            flipped[i] = True

    skip = -1
    for j, r in enumerate(resp):
        if j == skip or r.stop:
            continue
        if r.num:
            for i in acc_nums:
                if _same_number(acc[i].word, r.word):
                    cover(i, r, _EXACT, j)
            continue
        hits = by_word.get(r.word) or by_stem.get(r.stem)
        if not hits and r.word.endswith("s"):
            hits = by_word.get(r.word[:-1])  # "HMMs": the stemmer leaves vowel-less plurals alone
        if hits:
            for i in hits:
                cover(i, r, _EXACT, j)
            continue
        pair = v.pairs.get(r.word)
        if pair:
            cover(pair[0], r, _EXACT, j)
            cover(pair[1], r, _EXACT, j)
            continue
        if j + 1 < len(resp) and not resp[j + 1].stop:
            joined = r.word + resp[j + 1].word
            hits = by_word.get(joined) or by_stem.get(_stem(joined))
            if hits:
                for i in hits:
                    cover(i, r, _EXACT, j)
                used.add(j + 1)
                skip = j + 1
                continue
        if r.word in v.rival_words or r.stem in v.rival_words or r.stem in v.rival_stems:
            continue
        if not fuzzy_targets or len(r.word) <= 3 or not r.word.isalnum():
            continue
        best = process.extractOne(
            r.word, fuzzy_targets, scorer=OSA.distance, score_cutoff=_tolerance(len(r.word))
        )
        if best is None:
            continue
        target = best[0]
        if _fuzzy(r.word, target) is None:
            continue
        if r.word in known:
            for i in by_word[target]:
                cover(i, r, _REALWORD, j)
            if r.neg == acc[by_word[target][0]].neg:
                realwords.append((r.word, target))
        else:
            for i in by_word[target]:
                cover(i, r, _TYPO, j)
            typos.append((r.word, target))

    rival, said = _find_rival(v, resp, rejects)
    return _Match(covered, flipped, used, typos, realwords, rival, said)


def _find_rival(v: _Variant, resp: Sequence[_Tok], rejects: Sequence[_Rival]) -> tuple[_Rival | None, str]:
    """A rival (reject list, confusable table, antonym prefix) the player asserted (not negated)."""
    positive = [r for r in resp if not r.neg and not r.stop]
    if not positive:
        return None, ""
    pos_stems = {r.stem for r in positive} | {r.word for r in positive}
    # Antonym prefixes, also with a typo ("unsupervized").
    rival_keys = [k for k in v.rival_words if k.isalpha()]
    for r in positive:
        if r.word in v.words or r.stem in v.stems:
            continue
        hit = v.rival_words.get(r.word) or v.rival_words.get(r.stem)
        if hit is None and r.word.isalpha() and len(r.word) > 4 and rival_keys:
            best = process.extractOne(
                r.word, rival_keys, scorer=OSA.distance, score_cutoff=_tolerance(len(r.word))
            )
            if best is not None and _fuzzy(r.word, best[0]) is not None:
                near = min((OSA.distance(r.word, w) for w in v.words), default=99)
                if best[1] < near:
                    hit = v.rival_words[best[0]]
        if hit is not None:
            return hit, r.word
    for rv in (*rejects, *v.rivals):
        # A reject spelt inside this accepted answer ("the last layer" in "the second-to-last layer") is
        # not a rival of it: whether the player said the whole answer decides.
        if rv.stems and all(s in pos_stems for s in rv.stems) and not v.stems.issuperset(rv.stems):
            return rv, rv.shown
    # Table rivals spelt with a typo ("retension" for "retention" when "attention" is accepted).
    for rv in v.rivals:
        if len(rv.stems) != 1:
            continue
        target = rv.stems[0]
        if len(target) <= 4:
            continue
        for r in positive:
            if r.word in v.words or r.stem in v.stems or not r.word.isalpha():
                continue
            d = _fuzzy(r.stem, target)
            if d is not None:
                near = min((OSA.distance(r.stem, s) for s in v.stems), default=99)
                if d < near:
                    return rv, r.word
    return None, ""


# --------------------------------------------------------------------------------------------------
# Verdicts
# --------------------------------------------------------------------------------------------------


def _b(text: str) -> str:
    """Italic name for feedback (escaped)."""
    return f"*{escape_markdown(text)}*"


def _empty() -> Verdict:
    return Verdict(VerdictKind.EMPTY, 0.0, "⚪ No answer — type your answer to have it graded")


def _rank(v: Verdict) -> tuple[int, float]:
    order = {
        VerdictKind.CORRECT: 4,
        VerdictKind.ALMOST: 3,
        VerdictKind.PARTIAL: 2,
        VerdictKind.WRONG: 1,
        VerdictKind.EMPTY: 0,
    }
    return order[v.kind], v.score


def _is_termlike(t: _Tok, glossary: frozenset[str]) -> bool:
    return t.num or t.stem in glossary or t.word in glossary


@dataclass(frozen=True, slots=True)
class _Context:
    free: frozenset[str]  # stems the player may say without penalty (question, term, other answers)
    question: frozenset[str]  # words and stems of the question alone
    rejects: tuple[_Rival, ...]
    known: frozenset[str]


def _judge(v: _Variant, resp: Sequence[_Tok], hedges: frozenset[int], ctx: _Context) -> Verdict:
    tables = _tables()
    m = _align(v, resp, ctx.rejects, ctx.known)
    n = len(v.toks)
    optional = {
        i
        for i, t in enumerate(v.toks)
        if (t.word in _GENERIC or t.stem in _GENERIC) and (t.word in ctx.question or t.stem in ctx.question)
    }
    if len(optional) == n or not any(m.covered[i] > 0 for i in range(n) if i not in optional):
        optional = set()
    full = all(c > 0 or i in optional for i, c in enumerate(m.covered))

    if m.rival is not None:
        rv = m.rival
        said = rv.shown if rv.shown else m.rival_said
        gloss = f" ({escape_markdown(rv.gloss)})" if rv.gloss else ""
        if len(v.items) > 1:
            text = f"❌ {_b(said)} is not one of them"
        elif full:
            text = f"❌ Pick one: {_b(said)} is not {_b(rv.accepted)}{gloss}"
        else:
            text = f"❌ {_b(said)} is not {_b(rv.accepted)}{gloss}"
        return Verdict(VerdictKind.WRONG, 0.0, text, matched=None)

    if not full and _binary_choice(v, resp, ctx):
        return Verdict(VerdictKind.CORRECT, 1.0, "✅ Correct", matched=v.display)
    if not full:
        if any(m.flipped[i] and m.covered[i] == 0 and i not in optional for i in range(n)):
            return Verdict(
                VerdictKind.WRONG,
                0.0,
                f"❌ You ruled out {_b(v.display)} — that was the answer",
            )
        if len(v.items) > 1:
            done = [it for it in v.items if all(m.covered[i] > 0 for i in it)]
            if done:
                missing = [" ".join(v.toks[i].word for i in it) for it in v.items if it not in done]
                extra = _competing(v, resp, m, hedges, ctx, tables.glossary)
                if extra:
                    return Verdict(
                        VerdictKind.WRONG,
                        0.0,
                        f"❌ {_b(extra)} is not one of them",
                    )
                score = round(len(done) / len(v.items), 3)
                return Verdict(
                    VerdictKind.PARTIAL,
                    score,
                    f"🟠 {len(done)} of {len(v.items)} — missing: {', '.join(_b(x) for x in missing)}",
                    missing=tuple(missing),
                )
        return Verdict(VerdictKind.WRONG, 0.0, "❌ Not quite")

    extra = _competing(v, resp, m, hedges, ctx, tables.glossary)
    if extra:
        if len(v.items) > 1:
            return Verdict(VerdictKind.WRONG, 0.0, f"❌ {_b(extra)} is not one of them")
        return Verdict(VerdictKind.WRONG, 0.0, f"❌ Pick one answer — {_b(extra)} hedges it")
    if _is_dump(v, resp, m, ctx, tables.glossary):
        return Verdict(VerdictKind.WRONG, 0.0, "❌ That's a list of terms, not an answer")
    if any(c == _REALWORD for c in m.covered):
        return Verdict(
            VerdictKind.ALMOST,
            0.5,
            f"🟡 Almost — did you mean {_b(v.display)}? Try again",
            suggestion=v.display,
        )
    if any(c == _TYPO for c in m.covered):
        return Verdict(VerdictKind.CORRECT, 0.9, f"✅ Correct — spelling: {_b(v.display)}", matched=v.display)
    return Verdict(VerdictKind.CORRECT, 1.0, "✅ Correct", matched=v.display)


def _binary_choice(v: _Variant, resp: Sequence[_Tok], ctx: _Context) -> bool:
    """ "Directed or undirected?" answered "not directed": ruling out the other option is the answer."""
    if len(v.toks) != 1 or not ctx.question:
        return False
    a = v.toks[0]
    if a.stem not in ctx.question and a.word not in ctx.question:
        return False
    negated = [r for r in resp if r.neg and not r.stop]
    asserted = [r for r in resp if not r.neg and not r.stop and r.stem not in ctx.free]
    if not negated or asserted:
        return False
    for r in negated:
        rival = v.rival_words.get(r.word) or v.rival_words.get(r.stem) or (r.stem in v.rival_stems)
        if not rival or (r.stem not in ctx.question and r.word not in ctx.question):
            return False
    return True


def _competing(
    v: _Variant,
    resp: Sequence[_Tok],
    m: _Match,
    hedges: frozenset[int],
    ctx: _Context,
    glossary: frozenset[str],
) -> str:
    """An item the player offered beside the answer ("L1 or L2", "knowledge-based, ..., neural")."""
    answer_items = {resp[j].item for j in m.used}
    list_answer = len(v.items) > 1
    by_item: dict[int, list[_Tok]] = {}
    for j, r in enumerate(resp):
        if r.neg or r.stop or j in m.used:
            continue
        if r.item in answer_items and r.item not in hedges and not list_answer:
            continue
        if r.stem in ctx.free or r.word in ctx.free:
            continue
        by_item.setdefault(r.item, []).append(r)
    for item, toks in by_item.items():
        if len(toks) > 4:
            continue
        if item in hedges and len(toks) <= 3:
            return " ".join(t.word for t in toks)
        if list_answer and all(_is_termlike(t, glossary) for t in toks):
            return " ".join(t.word for t in toks)
    return ""


def _is_dump(v: _Variant, resp: Sequence[_Tok], m: _Match, ctx: _Context, glossary: frozenset[str]) -> bool:
    """Five glossary terms in a row is fishing, not an answer."""
    content = [r for j, r in enumerate(resp) if not r.stop and not r.neg and j not in m.used]
    extras = {r.stem for r in content if r.stem not in ctx.free and _is_termlike(r, glossary)}
    if len(extras) < 3:
        return False
    total = len(content) + len(m.used)
    termlike = len([r for r in content if _is_termlike(r, glossary)]) + len(m.used)
    return termlike / max(total, 1) >= 0.7


def _digit_clash(resp: Sequence[_Tok], variants: Sequence[_Variant]) -> tuple[str, str] | None:
    """ "AlphaFold3" for "AlphaFold2", "51%" for "15%": same letters, other digits."""
    for v in variants:
        for a in v.toks:
            if not any(ch.isdigit() for ch in a.word):
                continue
            letters = a.word.strip("0123456789.%x")
            for r in resp:
                if r.neg or r.stop or r.word == a.word or not any(ch.isdigit() for ch in r.word):
                    continue
                if r.num and a.num and _same_number(a.word, r.word):
                    continue
                if r.word.strip("0123456789.%x") == letters:
                    return r.word, v.display
    return None


def _did_you_mean(resp: Sequence[_Tok], variants: Sequence[_Variant]) -> str | None:
    content = [r for r in resp if not r.stop]
    if not content or any(r.neg for r in content) or any(r.num for r in content):
        return None
    said = " ".join(r.word for r in content)
    choices = {v.norm: v.display for v in variants if len(content) <= len(v.toks) + 1}
    if not choices:
        return None
    best = process.extractOne(said, list(choices), scorer=fuzz.ratio, score_cutoff=80)
    if best is None or any(ch.isdigit() for ch in best[0]):
        return None
    return choices[best[0]]


def _free_words(*texts: str | None) -> frozenset[str]:
    out: set[str] = set()
    for text in texts:
        if text:
            for t in _analyse_cached(text):
                out.add(t.stem)
                out.add(t.word)
    return frozenset(out)


def _keypoint_verdict(keypoints: Sequence[str], resp: Sequence[_Tok], ctx: _Context) -> Verdict:
    covered: list[str] = []
    missing: list[str] = []
    contradicted: str | None = None
    for kp in keypoints:
        synonyms = [s.strip() for s in kp.split("|") if s.strip()]
        if not synonyms:
            continue
        hit = False
        for syn in synonyms:
            for v in _compile(syn):
                m = _align(v, resp, (), ctx.known)
                n = len(v.toks)
                need = n if n <= 2 else math.ceil(0.6 * n)
                got = sum(1 for c in m.covered if c >= _TYPO)
                flipped = sum(1 for i in range(n) if m.flipped[i] and m.covered[i] == 0)
                if got >= need:
                    hit = True
                    break
                if flipped >= need and contradicted is None:
                    contradicted = synonyms[0]
            if hit:
                break
        (covered if hit else missing).append(synonyms[0])
    total = len(covered) + len(missing)
    positive_stems = {r.stem for r in resp if not r.neg and not r.stop}
    for rv in ctx.rejects:
        if rv.stems and all(s in positive_stems for s in rv.stems):
            return Verdict(VerdictKind.WRONG, 0.0, f"❌ {_b(rv.shown)} is not right here")
    if contradicted is not None and contradicted in missing:
        return Verdict(VerdictKind.WRONG, 0.0, f"❌ That contradicts a key point: {_b(contradicted)}")
    if total == 0:
        return Verdict(VerdictKind.WRONG, 0.0, "❌ Not quite")
    if not missing:
        return Verdict(
            VerdictKind.CORRECT, 1.0, f"✅ Correct — all {total} key points", matched="; ".join(covered)
        )
    if not covered:
        return Verdict(VerdictKind.WRONG, 0.0, f"❌ None of the {total} key points", missing=tuple(missing))
    return Verdict(
        VerdictKind.PARTIAL,
        round(len(covered) / total, 3),
        f"🟠 {len(covered)} of {total} — missing: {', '.join(_b(x) for x in missing)}",
        matched="; ".join(covered),
        missing=tuple(missing),
    )


def grade(
    response: str,
    *,
    accept: Sequence[str] = (),
    reject: Sequence[str] = (),
    keypoints: Sequence[str] = (),
    aliases: Sequence[str] = (),
    term: str | None = None,
    question: str | None = None,
) -> Verdict:
    """Judge one typed answer against a card's accepted answers (or key points for an essay card).

    ``accept``: accepted answers (any one is right). ``reject``: known wrong answers. ``keypoints``:
    for essay cards, points with " | "-separated synonyms. ``term``/``aliases``: the card's names; they
    are accepted when ``accept`` is empty or names the term, and are never held against the player,
    nor are words from ``question``. Raises ``ValueError`` when there is nothing to grade against.
    """
    if isinstance(accept, str):
        accept = (accept,)
    if isinstance(reject, str):
        reject = (reject,)
    if isinstance(keypoints, str):
        keypoints = (keypoints,)
    if isinstance(aliases, str):
        aliases = (aliases,)
    accept = tuple(a for a in accept if a and a.strip())
    names = tuple(n for n in ((term,) if term else ()) + tuple(aliases) if n and n.strip())
    if not accept and not keypoints:
        accept = names
    elif accept and names:
        acc_norm = {normalise(a) for a in accept}
        if any(normalise(n) in acc_norm for n in names):
            accept = accept + tuple(n for n in names if normalise(n) not in acc_norm)
    keypoints = tuple(k for k in keypoints if k and k.strip())
    if not accept and not keypoints:
        raise ValueError("nothing to grade against: give accept, keypoints or term")

    response = response if isinstance(response, str) else str(response)
    resp = _analyse(response)
    all_stop = all(t.stop for t in resp)
    for a in accept:
        # Answers made only of little words ("no", "it") are compared whole.
        if (all_stop or not _compile(a)) and normalise(response) == normalise(a) != "":
            return Verdict(VerdictKind.CORRECT, 1.0, "✅ Correct", matched=a.strip())
    if not resp or all_stop:
        return _empty()

    known = _tables().known | _free_words(question, term, *aliases, *accept, *reject)
    rejects = tuple(
        _Rival(_phrase_stems(r), r.strip(), accept[0].strip() if accept else "the answer", "")
        for r in reject
        if r and r.strip() and _phrase_stems(r)
    )
    free = _free_words(question, term, *aliases, *accept)
    asked = _free_words(question)

    if not accept:
        ctx = _Context(free, asked, rejects, known)
        return _keypoint_verdict(keypoints, resp, ctx)

    hedges = _hedge_items(response)
    best: Verdict | None = None
    variants: list[_Variant] = []
    for a in accept:
        # Words of the other accepted answers are free; those of this one must match.
        ctx = _Context(free, asked, rejects, known)
        for v in _compile(a):
            variants.append(v)
            verdict = _judge(v, resp, hedges, ctx)
            if best is None or _rank(verdict) > _rank(best):
                best = verdict
            if best.kind is VerdictKind.CORRECT and best.score == 1.0:
                return best
    if best is None:
        return Verdict(VerdictKind.WRONG, 0.0, "❌ Not quite")
    if best.kind is VerdictKind.WRONG and best.feedback == "❌ Not quite":
        clash = _digit_clash(resp, variants)
        if clash:
            return Verdict(VerdictKind.WRONG, 0.0, f"❌ {_b(clash[0])} is not {_b(clash[1])}")
        suggestion = _did_you_mean(resp, variants)
        if suggestion:
            return Verdict(
                VerdictKind.ALMOST,
                0.5,
                f"🟡 Almost — did you mean {_b(suggestion)}? Try again",
                suggestion=suggestion,
            )
    return best


def grade_card(card: Card, response: str, *, direction: str = "question") -> Verdict:
    """Grade a typed answer to ``card``.

    ``direction="question"``: the player answers the question (accepted answers, or key points for an
    essay card; a card with neither is graded against its answer text). ``direction="term"``: the
    player is shown the answer and must recall the card's term or one of its aliases.
    """
    if direction == "term" and card.names:
        return grade(response, accept=card.names, reject=card.reject, question=card.answer)
    if direction not in ("question", "term"):
        raise ValueError(f"unknown direction {direction!r}")
    if card.is_essay:
        return grade(
            response,
            keypoints=card.keypoints,
            reject=card.reject,
            question=card.question,
            term=card.term,
            aliases=card.aliases,
        )
    accept = card.accept or (card.answer,)
    return grade(
        response,
        accept=accept,
        reject=card.reject,
        aliases=card.aliases,
        term=card.term,
        question=card.question,
    )
