"""Tokens that remember their polarity ("not X"), their list item ("L1 or L2") and their stem."""

from __future__ import annotations

import functools
import logging
import re
from bisect import bisect_left
from collections.abc import Iterable
from typing import Final, NamedTuple

import Stemmer

from bot.core import shipped
from bot.core.grading.normalise import GREEK_NAMES, MAX_TOKENS, TOKEN_RE, clean, found_tokens
from bot.core.grading.numbers import (
    NUMBER_WORDS,
    ORDINAL_STEMS,
    SLIPPABLE,
    SLIPPABLE_ORDINALS,
    SPELLED_SMALL,
    numberise,
    plain_raw,
    plain_words,
)
from bot.core.grading.vocabulary import (
    ALWAYS_PREFIX,
    CLAUSE_MARKS,
    DENY_SCOPE_ENDS,
    DENY_VERBS,
    HEDGE_MARKS,
    HEDGE_WORDS,
    HYPHEN_PREFIX,
    LIST_MARKS,
    MAYBE_WORDS,
    NAMING_WORDS,
    NEG_BIGRAMS,
    NEG_END_WORDS,
    NEGATORS,
    OBJECT_NEGATORS,
    OFFER_WORDS,
    SEPARATOR_WORDS,
    STOP,
)

log = logging.getLogger(__name__)

#: No cache of its own (``stem`` has one): PyStemmer's keeps a list per word it has seen, which costs more
#: than stemming a new word and leaves the garbage collector more to walk.
_STEMMER: Final = Stemmer.Stemmer("english", 0)


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
    """The English (Snowball) stem of a folded word; a short form has the stem of the word it stands for
    ("temp" that of "temperature"), so it matches it while keeping its own spelling (for "soft max")."""
    ordinal = ORDINAL_STEMS.get(word)
    if ordinal is not None:
        return ordinal
    full = _SHORT_ONE.get(word)
    if full is None and word[-1:] == "s" and word[:-1] in SPELLED_SMALL:
        full = SPELLED_SMALL[word[:-1]] + "s"  # "2's complement" is "two's complement"
    if full is None and len(word) > 5 and word.startswith(_PREFIXES):
        full = _prefixed_short_form(word)  # "nonmax" is "nonmaximum"
    if full is None and len(word) >= 4 and word[-1] == "s" and word[:-1].isalpha() and _VOWELS.isdisjoint(word[:-1]):
        return word[:-1]  # an acronym's plural: "RNNs", "LLMs", "LSTMs" (the stemmer keeps their "s")
    return _STEMMER.stemWord(american(full if full is not None else word))


_VOWELS: Final = frozenset("aeiouy")
#: Longest first: "uni" is tried before "un".
_PREFIXES: Final = tuple(sorted(ALWAYS_PREFIX, key=lambda p: (-len(p), p)))


def _prefixed_short_form(word: str) -> str | None:
    """The word a prefix and a short form run together stand for ("nonmax": "nonmaximum"), or None. Only
    when ``word`` is no word of its own ("interval" is not "inter" + "val", "internet" not "inter" + "net")
    and the word it would stand for is one the field writes (``_prefixed_stems``): "intervalidation" is
    no word, "nonmaximum" is (non-maximum suppression)."""
    if word in _ordinary_words():
        return None
    for prefix in _PREFIXES:
        if word.startswith(prefix):
            rest = _SHORT_ONE.get(word[len(prefix) :])
            if rest is not None and _STEMMER.stemWord(prefix + rest) in _prefixed_stems():
                return prefix + rest
    return None


@functools.cache
def _ordinary_words() -> frozenset[str]:
    """The shipped word lists (``data/words.txt``, ``glossary.txt``, ``terms.txt``, ``prefix_words.txt``):
    words of their own, never a prefix and a short form run together."""
    return shipped.words() | shipped.glossary() | shipped.terms() | shipped.prefix_words()


#: The shipped data that says the field's words (its names, expansions, short forms and facts).
_VOCABULARY_FILES: Final = (
    "terms.txt",
    "glossary.txt",
    "acronyms.yaml",
    "forms.yaml",
    "synonyms.yaml",
    "confusables.yaml",
    "facts.yaml",
)
_WORD_RE: Final = re.compile(r"[a-z]+(?:-[a-z]+)*")


@functools.cache
def _prefixed_stems() -> frozenset[str]:
    """Stems of the words of the shipped data that begin with a prefix of ``ALWAYS_PREFIX``, hyphenated ones
    run together as ``raw_tokens`` reads them ("non-maximum" is "nonmaximum")."""
    found: set[str] = set()
    for name in _VOCABULARY_FILES:
        try:
            text = shipped.data_text(name).lower()
        except OSError:  # pragma: no cover - shipped with the package
            continue
        for found_word in _WORD_RE.findall(text):
            parts = found_word.split("-")
            for w in (*parts, *(a + b for a, b in zip(parts, parts[1:], strict=False))):
                if len(w) > 5 and w.startswith(_PREFIXES):
                    found.add(_STEMMER.stemWord(american(w)))
    return frozenset(found)



#: British spellings folded to American ones before stemming: "neighbour", "normalisation", "analyse",
#: "centre", "modelling" (a fold of both sides: what it does to other words changes no match).
_BRITISH: Final = (
    (re.compile(r"(?<=\w{2})our(s?)$"), r"or\1"),
    (re.compile(r"(?<=\w{3})is(ation|ations|e|es|ed|ing|er|ers)$"), r"iz\1"),
    (re.compile(r"(?<=\w{3})ys(e|es|ed|ing)$"), r"yz\1"),
    (re.compile(r"(?<=\w{3})tre(s?)$"), r"ter\1"),
    (re.compile(r"(?<=\w{3}[aeiou])ll(ing|ed|er|ers)$"), r"l\1"),
    (re.compile(r"(?<=\w{4})ogue(s?)$"), r"og\1"),
)


_BRITISH_ENDINGS: Final = tuple(
    """our ours isation isations ise ises ised ising iser isers yse yses ysed ysing tre tres lling lled
    ller llers ogue ogues""".split()
)


def american(word: str) -> str:
    """``word`` with a British ending spelt the American way ("neighbour" -> "neighbor")."""
    if len(word) < 6 or not word.endswith(_BRITISH_ENDINGS) or not word.isalpha():
        return word
    for pattern, repl in _BRITISH:
        word = pattern.sub(repl, word)
    return word


def stem_words(words: list[str]) -> list[str]:
    """``stem`` of each word, in one call (for the many words of a long answer)."""
    stems = _STEMMER.stemWords([american(_SHORT_ONE.get(w, w)) for w in words])
    return [ORDINAL_STEMS.get(w) or s for w, s in zip(words, stems, strict=True)]


#: The last group of a number written with thousands separators, with decimals after it ("234.5" of "1,234.5").
_GROUP_DECIMALS_RE: Final = re.compile(r"\d{3}\.\d+%?")


def _split_number_commas(w: str) -> list[str]:
    """ "500,000" -> ["500000"]; "1,2" -> ["1", ",", "2"]."""
    head, *rest = w.split(",")
    if head.isdigit() and len(rest) == 1 and rest[0].rstrip("%").isdigit() and (head == "0" or len(rest[0].rstrip("%")) != 3):
        return [f"{head}.{rest[0]}"]  # "0,001", "3,14": a decimal comma
    if all(len(g.rstrip("%")) == 3 and g.rstrip("%").isdigit() for g in rest) and head.isdigit():
        return ["".join([head, *rest])]
    if head.isdigit() and rest and _GROUP_DECIMALS_RE.fullmatch(rest[-1]) and all(
        len(g) == 3 and g.isdigit() for g in rest[:-1]
    ):
        return ["".join([head, *rest])]  # "50,000.0", "1,234.5": thousands, then decimals
    out = [head]
    for g in rest:
        out += [",", g]
    return out


@functools.cache
def short_forms() -> tuple[dict[str, tuple[str, ...]], dict[tuple[str, str], tuple[str, ...]]]:
    """``data/forms.yaml`` short forms: one word -> the words it stands for, and two words -> the same."""
    one: dict[str, tuple[str, ...]] = {}
    two: dict[tuple[str, str], tuple[str, ...]] = {}
    for short, full in (shipped.forms().get("short_forms") or {}).items():
        key = TOKEN_RE.findall(clean(str(short)))
        words = tuple(w for w in TOKEN_RE.findall(clean(str(full))) if w[0].isalnum())
        if not words or not all(k[0].isalnum() for k in key):
            continue
        if len(key) == 1:
            one[key[0]] = words
        elif len(key) == 2:
            two[key[0], key[1]] = words
    return one, two


def _expand_short_forms(toks: list[str]) -> list[str]:
    """Short forms written out ("std dev" -> "standard deviation"); two-word ones first."""
    one, two = short_forms()
    out: list[str] = []
    i = 0
    n = len(toks)
    while i < n:
        t = toks[i]
        if i + 1 < n:
            full = two.get((t, toks[i + 1]))
            if full is None and toks[i + 1] == "." and i + 2 < n:
                full = two.get((t, toks[i + 2]))  # "std. dev."
                if full is not None:
                    i += 1
            if full is not None:
                out.extend(full)
                i += 2
                continue
        full = one.get(t) if t in _SHORT_MANY else None
        if full is None:
            out.append(t)
        else:
            out.extend(full)
            if i + 1 < n and toks[i + 1] == ".":
                i += 1  # "approx." is one word, not the end of a clause
        i += 1
    return out


#: A capital letter with a full stop between two capitalised words: a name's initial ("Leslie N. Smith").
_INITIAL_RE: Final = re.compile(r"([A-Z])(?<=[A-Za-z] [A-Z])\.(?= [A-Z][a-z])")
#: In a short answer, also a name typed all in capitals or all in small letters ("LESLIE N. SMITH", "leslie n.
#: smith"; a small "a" or "i" may end a sentence): ``_initial`` decides.
_ANY_INITIAL_RE: Final = re.compile(r"(?<=[A-Za-z] )([A-Za-z])\.(?= [A-Za-z])")
#: "i.e." ("that is"), read as one word.
_THAT_IS_RE: Final = re.compile(r"\bi\.e\.?(?!\w)", re.IGNORECASE)
#: The longest answer read for initials in capitals or small letters (a long one keeps its full stops).
_ANY_INITIAL_LONGEST: Final = 200


#: A name of three words with an initial in the middle stands alone: between the start or a separator ("," ";"
#: "(" "and" "or" "&") and the end or one ("leslie n. smith", "precision, LESLIE N. SMITH and ...").
_NAME_BEFORE_RE: Final = re.compile(r"(?:^|[,;(&]\s*|\s(?:and|or)\s+)[A-Za-z'-]+$", re.IGNORECASE)
_NAME_AFTER_RE: Final = re.compile(r"[A-Za-z'-]+(?:\s*$|\s*[,;)!?.]|\s+(?:and|or|&)\b)", re.IGNORECASE)


def _initial(m: re.Match[str]) -> str:
    """The initial ``m`` found, without its full stop when it is one; else as it was."""
    text, letter = m.string, m.group(1)
    at, end = m.start(), m.end()
    before = text[max(0, at - 3) : at - 1]  # the last two letters of the word before
    after = text[end + 1 : end + 3]  # the first two of the word after
    if letter.isupper() and after[:1].isupper() and after[1:2].islower():
        return letter  # "Leslie N. Smith"
    typed = (
        letter.isupper() and after[:1].isupper() and before.isupper() and after.isupper()  # "LESLIE N. SMITH"
        or letter not in "ai" and before.islower() and after.islower() and before.isalpha() and after.isalpha()
    )
    # (typed in one case, a letter and a full stop may end a sentence: "not vitamin c. vitamin d")
    if typed and _NAME_BEFORE_RE.search(text, 0, at - 1) and _NAME_AFTER_RE.match(text, end + 1):
        return letter
    return m.group(0)


def raw_tokens(text: str) -> list[str]:
    """Words (hyphen prefixes merged, numbers split sanely, short forms written out) and separator marks. The
    full stop of a name's initial ("Leslie N. Smith") ends no sentence."""
    if ".e." in text or ".E." in text:
        text = _THAT_IS_RE.sub(" ie ", text)  # ("query i.e. key": no roman "i" after a word)
    if ". " in text:
        text = _INITIAL_RE.sub(r"\1 ", text) if len(text) > _ANY_INITIAL_LONGEST else _ANY_INITIAL_RE.sub(_initial, text)
    cleaned = clean(text)
    every = found_tokens(cleaned)
    found = list(every[: MAX_TOKENS * 2] if len(every) > MAX_TOKENS * 2 else every)
    if "-" not in cleaned and "," not in cleaned:
        out = found  # nothing to split or merge
        found = []
    else:
        out = []
    for t in found:
        if not t[0].isalnum() or ("-" not in t and "," not in t):
            out.append(t)  # a mark, or a word with nothing to split or merge
            continue
        parts = [p for p in t.split("-") if p]
        if len(parts) >= 2 and parts[0].isalpha() and all(len(p) == 1 for p in parts):
            out.append("".join(parts))  # letters typed one by one: "g-p-u"
            continue
        merged: list[str] = []
        i = 0
        while i < len(parts):
            p = parts[i]
            if p in HYPHEN_PREFIX and i + 1 < len(parts) and parts[i + 1][0].isalpha() and parts[i + 1] not in STOP:
                parts[i + 1] = p + parts[i + 1]
            else:
                merged.append(p)
            i += 1
        for p in merged:
            if "," in p:
                out.extend(_split_number_commas(p))
            else:
                out.append(p)
    if "i" in out:
        _roman_one(out)
    # Free-standing prefixes: "self supervised" == "self-supervised".
    if ALWAYS_PREFIX.isdisjoint(out) and _ONE_CHARACTER.isdisjoint(out):
        joined = out  # no prefix to join, no letters typed one by one
        i = len(out)
    else:
        joined = []
        i = 0
    while i < len(out):
        t = out[i]
        if len(t) == 1 and t.isalnum():
            run = _letters(out, i)
            if run is not None and run[0]:
                out[run[1]] = run[0]  # "p.c.a.", "a t t e n t i o n": one word
                i = run[1]
                continue
            if run is not None:
                # digits one by one ("7 7 7 ..."): each as it is, the run passed over once (not again from each)
                joined.extend(out[i : run[1] + 1])
                i = run[1] + 1
                continue
        if t in ALWAYS_PREFIX and i + 1 < len(out) and out[i + 1][:1].isalpha() and out[i + 1] not in STOP:
            out[i + 1] = t + out[i + 1]
        else:
            joined.append(t)
        i += 1
    if not _OFFER_KEYS.isdisjoint(joined):
        joined = _offer_phrases(joined)
    if not _HEDGE_KEYS.isdisjoint(joined):
        joined = _hedge_phrases(joined)
    if not _NAMEABLE.isdisjoint(joined):
        _name_separators(joined)
    if not _SHORT_KEYS.isdisjoint(joined):
        return _expand_short_forms(joined)
    return joined


#: Words a Roman "I" numbers wherever it stands after them ("Type I error", "Phase I trial").
_NUMBERED_BY_I: Final = frozenset(
    "type phase class stage part chapter grade level title act book volume war category article".split()
)
#: What may follow a Roman "I" after any word: the end, a mark, or a word that joins another item.
_AFTER_ROMAN_I: Final = frozenset({"and", "or", "vs", "versus", "&"})


def _roman_one(toks: list[str]) -> None:
    """Read a lone "i" as the Roman numeral 1 where a name ends with it ("World War I", "John Paul I",
    "Type I error"), not as the pronoun: after a word, and at the end, before a mark or "and"/"or", or after a
    word that numbers things. Without it "World War II" was right for "World War I" (the pronoun is ignored)."""
    for k in range(1, len(toks)):
        if toks[k] != "i":
            continue
        before = toks[k - 1]
        if len(before) < 2 or not before.isalpha() or before in STOP:
            continue  # ("a t t e n t i o n", "and i")
        after = toks[k + 1] if k + 1 < len(toks) else ""
        if before in _NUMBERED_BY_I or not after or not after[0].isalnum() or after in _AFTER_ROMAN_I:
            toks[k] = "1"


#: The words ``_offer_phrases`` reads.
#: Phrases that join a second thing to what was said before them, and the word they are read as.
_JOINED_AS: Final = {
    ("combined", "with"): "and",
    ("together", "with"): "and",
    ("along", "with"): "and",
    ("coupled", "with"): "and",
    ("alongside",): "and",
    ("followed", "by"): "then",
    ("slash",): "/",  # "Adam slash AdamW": the mark said as a word
}
#: ``_JOINED_AS`` by first word.
_JOIN_LEADS: Final = {w: tuple(p for p in _JOINED_AS if p[0] == w) for w in {p[0] for p in _JOINED_AS}}
_OFFER_KEYS: Final = frozenset({"might", "could", "may", "well"}) | frozenset(_JOIN_LEADS)
#: Verbs that offer what follows, with "be", as "maybe" does ("it might be L2").
_OFFER_VERBS: Final = frozenset({"might", "could", "may"})
#: Little words before such a verb that go with it ("it might be").
_OFFER_SUBJECTS: Final = frozenset({"it", "that", "this"})
#: Words after which such a verb offers another answer ("dropout, though it might be L2", "or it could be");
#: at the start of the text it offers the only one ("could be dropout").
_OFFER_AFTER: Final = frozenset({"though", "or", "but"})


def _offer_phrases(toks: list[str]) -> list[str]:
    """Phrases written as the words the item rules read: "(it) might be X", "could be X", "may be X" after
    "though", "or" or "but", or first in the text, offer X as "maybe X" does ("dropout, though it might be
    L2"); "X as well as Y" joins Y as "X and Y" does, and so do "combined with", "together with", "along with" and
    "followed by" ("X then Y"); "slash" is "/"."""
    out: list[str] = []
    n = len(toks)
    i = 0
    while i < n:
        t = toks[i]
        if t in _OFFER_VERBS and i + 2 < n and toks[i + 1] == "also" and toks[i + 2] == "be" and out and _plain_word(out[-1]):
            out.append("maybe")  # "dropout could also be L2"
            i += 3
            continue
        if t in _OFFER_VERBS and i + 1 < n and toks[i + 1] == "be":
            k = len(out) - 1 if out and out[-1] in _OFFER_SUBJECTS else len(out)
            # (or right after a word of the answer, with no subject: "dropout could be L2")
            # (or after a comma, no subject, a plain word after "be": "dropout, could be L2"; not "ICL, could be
            # the cheapest way")
            if (
                k == 0
                or out[k - 1] in _OFFER_AFTER
                or (k == len(out) and (_plain_word(out[k - 1]) or out[k - 1] == "," and i + 2 < n and _plain_word(toks[i + 2])))
            ):  # not a remark: "ICL, it might be the cheapest way"
                del out[k:]
                out.append("maybe")
                i += 2
                continue
        if t == "as" and i + 2 < n and toks[i + 1] == "well" and toks[i + 2] == "as" and out:
            out.append("and")
            i += 3
            continue
        if t in _JOIN_LEADS and out:
            phrase = next((p for p in _JOIN_LEADS[t] if tuple(toks[i : i + len(p)]) == p), None)
            if phrase is not None:
                out.append(_JOINED_AS[phrase])  # "X combined with Y" offers Y as "X and Y" does
                i += len(phrase)
                continue
        out.append(t)
        i += 1
    return out


def _plain_word(t: str) -> bool:
    """A word that may end an answer: letters or digits, no little word, no joining or offering word."""
    return (
        t[:1].isalnum() and t not in STOP and t not in SEPARATOR_WORDS and t not in MAYBE_WORDS and t not in OFFER_WORDS
        and t not in _REFERRING and t not in NEGATORS
    )


#: Words that start a remark about the answer, not a word of it ("ridge, which maybe shrinks the weights").
_REFERRING: Final = frozenset(
    {"which", "that", "who", "whom", "whose", "where", "when", "what", "it", "this", "they", "though", "tho", "although", "yet"}
)
#: Unsure talk that offers nothing ("ridge, if I'm not mistaken"): dropped.
_UNSURE_ONLY: Final = (
    ("if", "im", "not", "mistaken"), ("if", "i", "am", "not", "mistaken"), ("if", "not", "mistaken"),
    ("unless", "im", "mistaken"), ("if", "i", "remember", "right"), ("if", "i", "remember", "correctly"),
)


#: Talk that says the player is unsure, a negator in it ("not sure", "no idea", "if not"): it offers what
#: follows as "maybe" does, and denies nothing ("ridge not sure maybe lasso", "ridge if not lasso").
_UNSURE_TALK: Final = (
    ("im", "not", "entirely", "sure"), ("im", "not", "really", "sure"), ("im", "not", "sure"),
    ("not", "entirely", "sure"), ("not", "really", "sure"), ("not", "100%", "sure"), ("not", "sure"),
    ("not", "certain"), ("no", "idea"), ("cant", "remember"), ("cannot", "remember"), ("dont", "remember"),
    ("dont", "know"), ("idk",), ("if", "its", "not"), ("if", "it", "is", "not"), ("if", "thats", "not", "it", "then"),
    ("if", "thats", "not", "it"), ("if", "not", "then"), ("unless", "its"), ("unless", "it", "is"),
)
#: Talk after a second thing that offers it beside the answer, read as "too" ("ridge, lasso is also possible").
_ALSO_TALK: Final = (
    ("is", "also", "possible"), ("also", "possible"), ("also", "works"), ("works", "too"), ("works", "as", "well"),
    ("would", "also", "work"), ("also", "fits"),
)
_HEDGE_KEYS: Final = (
    frozenset({"not", "no", "cant", "cannot", "dont", "idk", "im", "if", "unless", "also", "works", "would"}) | MAYBE_WORDS | OFFER_WORDS
)


#: The first words of the phrases ``_hedge_phrases`` reads (a word that starts none is passed over at once).
_HEDGE_FIRST: Final = frozenset(p[0] for p in (*_UNSURE_ONLY, *_ALSO_TALK, *_UNSURE_TALK)) | {"if"}


def _hedge_phrases(toks: list[str]) -> list[str]:
    """Unsure talk (``_UNSURE_TALK``) and "if not" before a word are read as "maybe"; and "maybe", "perhaps",
    "otherwise", "else" (``MAYBE_WORDS``, ``OFFER_WORDS``) right after a word of the answer and before another
    word open an item, as after a comma ("ridge maybe lasso" is "ridge, maybe lasso"; "ridge, which maybe
    helps" stays a remark: no answer's word before it)."""
    out: list[str] = []
    n = len(toks)
    i = 0
    while i < n:
        t = toks[i]
        if t not in _HEDGE_FIRST:
            if not (t in MAYBE_WORDS and out and out[-1] == "maybe"):
                out.append(t)
            i += 1
            continue
        quiet = next((p for p in _UNSURE_ONLY if tuple(toks[i : i + len(p)]) == p), None)
        if quiet is not None:
            i += len(quiet)
            continue
        also = next((p for p in _ALSO_TALK if tuple(toks[i : i + len(p)]) == p), None)
        if also is not None and out and _plain_word(out[-1]):
            out.append("too")
            i += len(also)
            continue
        phrase = next((p for p in _UNSURE_TALK if tuple(toks[i : i + len(p)]) == p), None)
        if phrase is not None and not any(
            t[:1].isalnum() and t not in STOP for k, t in enumerate(toks) if not i <= k < i + len(phrase)
        ):
            phrase = None  # the whole answer ("no idea", "I don't know"): said as it is
        if phrase is None and toks[i] == "if" and i + 2 < n and toks[i + 1] == "not" and _plain_word(toks[i + 2]) and out:
            phrase = ("if", "not")  # "ridge if not lasso": an offer, not a denial of lasso
        if phrase is not None:
            if out and out[-1] == "(" and i + len(phrase) < n and toks[i + len(phrase)] == ")":
                out.pop()  # "(not sure)" alone in brackets: talk, and the brackets with it
                i += len(phrase) + 1
                continue
            if not out or out[-1] != "maybe":
                out.append("maybe")
            i += len(phrase)
            continue
        if not (toks[i] in MAYBE_WORDS and out and out[-1] == "maybe"):
            out.append(toks[i])  # ("not sure maybe": one "maybe")
        i += 1
    # "maybe" right after a word of the answer and before another word opens an item
    k = 1
    while k < len(out) - 1:
        if (out[k] in MAYBE_WORDS or out[k] in OFFER_WORDS) and _plain_word(out[k - 1]) and _plain_word(out[k + 1]):
            out.insert(k, ",")
            k += 1
        k += 1
    return out


#: Joining words that are also names when they join nothing ("AND gate", "OR gate", "NOR").
_NAMEABLE: Final = frozenset({"and", "or", "nor"})
#: What ``_name_separators`` writes for one of ``_NAMEABLE`` read as a name: a plain word ("and" followed by
#: a modifier letter prime) that no separator list holds and no typed word spells.
NAMED_MARK: Final = "\u02b9"
#: Little words that may stand before such a name ("the OR gate").
_ARTICLES: Final = frozenset({"a", "an", "the"})


def _name_separators(toks: list[str]) -> None:
    """Read "and", "or" or "nor" as a word where it joins nothing: first in the text or right after another
    joining word (perhaps after an article), and followed by a word that is not filler, or the whole text
    ("AND gate", "the OR gate", "AND gate or OR gate", "NOR"). "X or Y" is two answers as before; "OR gate"
    for "AND gate" is another gate, not the right one with a joining word dropped. Changed in place."""
    n = len(toks)
    for i, t in enumerate(toks):
        if t not in _NAMEABLE:
            continue
        j = i - 1
        if j >= 0 and toks[j] in _ARTICLES:
            j -= 1
        if j >= 0 and toks[j] not in SEPARATOR_WORDS:
            continue  # it joins what stands before it (", and more", "X or Y")
        if t == "or" and j == i - 1 and toks[j] == "and" and j >= 1 and toks[j - 1][:1].isalnum() and toks[j - 1] not in SEPARATOR_WORDS:
            continue  # "X and or Y": "and/or" typed with a space, a joining word still
        nxt = toks[i + 1] if i + 1 < n else ""
        if n == 1 or (
            nxt[:1].isalnum()
            and nxt not in STOP
            and nxt not in SEPARATOR_WORDS
            and nxt not in NEGATORS
            and nxt not in MAYBE_WORDS
            and nxt not in OFFER_WORDS
            and nxt not in _NAMEABLE
        ):
            toks[i] = t + NAMED_MARK


#: Every word of one letter or digit (perhaps the first of letters typed one by one).
_ONE_CHARACTER: Final = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")


def _letters(toks: list[str], i: int) -> tuple[str, int] | None:
    """Letters typed one by one from ``toks[i]``: "p.c.a." (two or more, dotted) or "b e r t" (three or
    more, with a letter). Returns the word and the index of the last token it takes, or None; ("", index of
    the run's last token) for a run of three or more with no letter ("7 7 7"): nor does any run that starts
    inside it have one."""
    n = len(toks)
    if i + 2 < n and toks[i + 1] == "." and toks[i].isalpha() and len(toks[i + 2]) == 1 and toks[i + 2].isalnum():
        letters = [toks[i]]
        j = i
        while j + 2 < n and toks[j + 1] == "." and len(toks[j + 2]) == 1 and toks[j + 2].isalnum():
            letters.append(toks[j + 2])
            j += 2
        if j + 1 < n and toks[j + 1] == ".":
            j += 1
        return "".join(letters), j
    j = i
    while j + 1 < n and len(toks[j + 1]) == 1 and toks[j + 1].isalnum():
        j += 1
    if j - i >= 2:
        word = "".join(toks[i : j + 1])
        return (word, j) if any(ch.isalpha() for ch in word) else ("", j)
    return None


#: Short forms of one word for one word ("temp"): read through ``stem``; the others are written out.
_SHORT_ONE: Final = {k: v[0] for k, v in short_forms()[0].items() if len(v) == 1}
_SHORT_MANY: Final = frozenset(k for k, v in short_forms()[0].items() if len(v) > 1)
_TWO_FIRST: Final = frozenset(k[0] for k in short_forms()[1])
_SHORT_KEYS: Final = _SHORT_MANY | _TWO_FIRST
#: Every one-word short form of the table ("temp", "net"): a word read as the word it stands for.
SHORT_FORMS: Final = frozenset(short_forms()[0])
#: The words whose stem may start with another letter than they do: short forms read as the word they stand
#: for ("temp"), ordinals ("first" is "1"). The stemmer keeps a word's first letter, as ``american`` does.
STEM_RESPELT: Final = frozenset(_SHORT_ONE) | frozenset(ORDINAL_STEMS)


_LETTERS: Final = "abcdefghijklmnopqrstuvwxyz"


def _slips(word: str) -> set[str]:
    """Every way of typing ``word`` with one slip past its first letter: a letter left out, added or
    changed, or two side by side swapped ("ninty", "thousnad"). A player rarely misses the first letter."""
    out: set[str] = set()
    for i in range(1, len(word) + 1):
        head, tail = word[:i], word[i:]
        out.update(head + c + tail for c in _LETTERS)
        if tail:
            out.add(head + tail[1:])
            out.update(head + c + tail[1:] for c in _LETTERS)
            if len(tail) > 1:
                out.add(head + tail[1] + tail[0] + tail[2:])
    out.discard(word)
    return out


def number_slips() -> dict[str, str]:
    """Misspelt number words, and scales and units said with a number, each to the word it misspells:
    "ninty" -> "ninety", "thosand" -> "thousand", "kiloherz" -> "kilohertz", "eigth" -> "eight". A slip
    that spells a word of its own (``not_number_slips`` of ``data/forms.yaml``: "tree", "forth"; a word of
    the shipped word lists; a plural: "thousands") is that word. A slip of two words that say different
    numbers is read as the ordinal when it ends in "th" ("nineth" is "ninth", not "ninety") and as the
    other ("fourty" is "forty", not "fourth"); of two other words, as neither."""
    words = frozenset(str(w).lower() for w in shipped.forms().get("not_number_slips") or ()) | _ordinary_words()
    found: dict[str, set[str]] = {}
    for target in SLIPPABLE:
        for slip in _slips(target):
            if len(slip) >= 4 and slip not in NUMBER_WORDS and slip != target + "s" and slip not in words:
                found.setdefault(slip, set()).add(target)
    out: dict[str, str] = {}
    for slip, targets in found.items():
        if len({SLIPPABLE[t] for t in targets}) > 1:
            ordinal = slip.endswith("th")
            targets = {t for t in targets if (t in SLIPPABLE_ORDINALS) == ordinal}
            if len({SLIPPABLE[t] for t in targets}) != 1:
                continue
        out[slip] = min(targets, key=lambda t: (t in SLIPPABLE_ORDINALS, t))
    return out


#: ``number_slips``, read before numbers are: "ninty-five percent" is 95%.
NUMBER_SLIPS: Final = number_slips()
_SLIP_KEYS: Final = frozenset(NUMBER_SLIPS)
_LETTERS_RE: Final = re.compile(r"[a-z]+")
#: An apostrophe, which ``clean`` drops, running an elided word into the next ("l'élève").
_ELISION_RE: Final = re.compile("['\u2019`]")
#: A word as written, in any letters.
_WRITTEN_WORD_RE: Final = re.compile(r"[^\W\d_]+")


def number_slip_in(text: str, kept: frozenset[str] = frozenset()) -> bool:
    """Whether ``text`` misspells a number word ``numbered`` reads as the word it misspells ("ninty"), but for
    the words ``kept`` as written."""
    words = _LETTERS_RE.findall(text.lower())
    return any(w in _SLIP_KEYS and w not in kept for w in words)


def slips_of(text: str) -> frozenset[str]:
    """The words of ``text`` (folded, apart at every mark: "l'élève" is "l" and "eleve") that ``numbered`` would
    read as a misspelt number word: a card's own words, to be read as written ("élève" is no "eleven")."""
    return _SLIP_KEYS.intersection(_LETTERS_RE.findall(clean(_ELISION_RE.sub(" ", text))))


def accented_slips(text: str, raw: list[str]) -> frozenset[str]:
    """The words of ``raw`` (``raw_tokens(text)``) that ``numbered`` would read as a misspelt number word but
    that ``text`` writes with an accent: a word of another language, no slip of an English one ("élève" is no
    "eleven")."""
    if _SLIP_KEYS.isdisjoint(raw) or text.isascii():
        return frozenset()
    return _SLIP_KEYS.intersection(clean(w) for w in _WRITTEN_WORD_RE.findall(text) if not w.isascii())


def read_tokens(text: str, raw: list[str], kept: frozenset[str] = frozenset()) -> tuple[Tok, ...]:
    """``analyse_raw(raw)`` for ``raw = raw_tokens(text)``, but with the words ``kept`` and the words ``text``
    writes with an accent read as written, never as a misspelt number word (``numbered``)."""
    return tokens_of(*numbered(raw, kept | accented_slips(text, raw)))


@functools.lru_cache(maxsize=8192)
def analyse_cached(text: str) -> tuple[Tok, ...]:
    """``analyse`` for texts that recur (questions, accepted answers)."""
    return analyse(text)


def analyse(text: str) -> tuple[Tok, ...]:
    """Tokens with polarity and list-item index."""
    return read_tokens(text, raw_tokens(text))


def analyse_raw(raw: list[str]) -> tuple[Tok, ...]:
    """``analyse`` on the output of ``raw_tokens`` (shared with ``hedges_raw``)."""
    return tokens_of(*numbered(raw))


def numbered(raw: list[str], kept: frozenset[str] = frozenset()) -> tuple[list[str], set[int]]:
    """The first half of ``analyse_raw``: ``raw`` with its numbers canonical (``numberise`` on the word runs
    between marks; a run of plain words is left as it is), and where the numbers are. A misspelt number word
    is read as the word it misspells, but for the words ``kept`` as written (``slips_of``)."""
    if not _SLIP_KEYS.isdisjoint(raw):
        raw = [w if w in kept else NUMBER_SLIPS.get(w, w) for w in raw]  # "ninty" is "ninety"
    if plain_raw(raw):
        return list(raw), set()  # (most answers: no word that can start a number)
    stream: list[str] = []
    numbers: set[int] = set()
    run: list[str] = []
    for t in raw:
        if t[0].isalnum():
            run.append(t)
            continue
        if run:
            _numberise_into(run, stream, numbers)
            run = []
        stream.append(t)
    if run:
        _numberise_into(run, stream, numbers)
    return stream, numbers


def tokens_of(stream: list[str], numbers: set[int], *, denying: bool = False) -> tuple[Tok, ...]:
    """The second half of ``analyse_raw``: the tokens of ``numbered`` words, with their polarity, list item
    and stem. With ``denying``, a verb of ``DENY_VERBS`` turns the polarity of the words after it, as a
    negator does, and stays a word itself (``analyse_denying``): of its object ("skips momentum during
    training": up to a preposition), or of the rest of its clause when it is a participle ("skipped at
    inference": the thing denied comes before it)."""
    special = _SPECIAL_DENYING if denying else _SPECIAL
    toks: list[Tok] = []
    add = toks.append
    new = tuple.__new__
    neg = False
    verb = False  # (denying) inside the object of a denying verb: a preposition ends it
    #: the negation is a "no" after a verb ("uses no labels") or "without": it denies that verb's object, and "and"
    #: then starts what else is said ("uses no labels and learns from raw text", "without labels and learns")
    object_no = False
    item = 0
    i = 0
    n = len(stream)
    capped = n > MAX_TOKENS  # (a token takes a word at least: fewer words cannot reach the cap)
    while i < n and (not capped or len(toks) < MAX_TOKENS):
        w = stream[i]
        if numbers and i in numbers:
            add(new(Tok, (w, w, neg, item, False, True)))
            i += 1
            continue
        if w not in special:
            # A plain word (most of them): no mark, negator or separator.
            add(new(Tok, (w, stem(w), neg, item, w in STOP, False)))
            i += 1
            continue
        nxt = stream[i + 1] if i + 1 < n else ""
        if not w[0].isalnum():
            if w in CLAUSE_MARKS and not (neg and w in _EXAMPLE_MARKS and _examples_follow(stream, i)):
                neg = verb = object_no = False
            if w in LIST_MARKS or w in CLAUSE_MARKS:
                item += 1
            i += 1
            continue
        if (w, nxt) in NEG_BIGRAMS:
            neg = True
            verb = False
            item += 1
            i += 2
            continue
        if w == "not" and nxt == "only":
            i += 2
            continue
        if w in NEGATORS:
            if w in ("nor", "neither", "than", "except", "unlike"):
                item += 1
            neg = True
            verb = False
            object_no = w == "without" or (w == "no" and i > 0 and _object_no(stream[i - 1]))
            i += 1
            continue
        if (
            w in NEG_END_WORDS
            and not (w == "its" and _possessive_its(stream, i))
            and not (w == "correct" and i and stream[i - 1] in _DO_NOT)  # "doesn't correct the bias": a verb
        ):
            neg = verb = False  # ("not X, its Y"); "without its weights" is the possessive, still denied
        if w in SEPARATOR_WORDS:
            if object_no and w == "and" and nxt not in NEGATORS:
                neg = object_no = False
            item += 1
            i += 1
            continue
        if verb and w in DENY_SCOPE_ENDS:
            neg = not neg  # "skips momentum during training": the object ends, the rest is said
            verb = False
        add(new(Tok, (w, stem(w), neg, item, w in STOP, False)))
        if denying and w in DENY_VERBS:
            neg = not neg  # ("never skips the mean": what follows is said after all)
            verb = not w.endswith("ed")
        i += 1
    if "a" in stream:
        _letter_a(toks)
    return tuple(toks)


#: Marks after which examples of what was just said may follow, of its polarity ("cannot compute functions that
#: are not linearly separable, such as XOR": XOR is denied too; "no recurrent layers (e.g. LSTMs)").
_EXAMPLE_MARKS: Final = frozenset({",", "("})
_EXAMPLE_WORDS: Final = frozenset({"eg", "ie", "like", "including", "incl", "especially", "notably", "namely"})
_EXAMPLE_PAIRS: Final = frozenset({("such", "as"), ("for", "example"), ("for", "instance")})


def _examples_follow(stream: list[str], i: int) -> bool:
    """Whether the words after the mark at ``i`` give examples of what came before it ("..., such as XOR")."""
    nxt = stream[i + 1] if i + 1 < len(stream) else ""
    return nxt in _EXAMPLE_WORDS or (nxt, stream[i + 2] if i + 2 < len(stream) else "") in _EXAMPLE_PAIRS


def _object_no(before: str) -> bool:
    """Whether a "no" after ``before`` is the determiner of a verb's object ("uses no", "speaks no"): a plain
    word, not a stop word, joining word or negator ("there is no", "and no", "not no")."""
    return before[0].isalnum() and before not in STOP and before not in SEPARATOR_WORDS and before not in NEGATORS


def _letter_a(toks: list[Tok]) -> None:
    """An "a" that ends a list item right after a word names a letter ("vitamin A", "type A", "plan A"): a word
    of the answer, not an article (else "vitamin B" would say all "vitamin A" says)."""
    for k in range(1, len(toks)):
        t = toks[k]
        if t.word != "a" or not t.stop or (k + 1 < len(toks) and toks[k + 1].item == t.item):
            continue
        before = toks[k - 1]
        if before.item == t.item and not before.stop and not before.num:
            toks[k] = t._replace(stop=False)


def _possessive_its(stream: list[str], i: int) -> bool:
    """Whether "its" at ``i`` is the possessive, right after a negator that takes an object ("without its
    weights", "unlike its rivals", "instead of its own predictions", "as opposed to its outputs"): what
    follows is still denied. Elsewhere it may be "it's" opening a new claim ("not X, its Y")."""
    before = stream[i - 1] if i else ""
    if before in OBJECT_NEGATORS:
        return True
    if i >= 2 and (stream[i - 2], before) in NEG_BIGRAMS:
        return True
    return before == "to" and i >= 3 and (stream[i - 3], stream[i - 2]) in NEG_BIGRAMS


def _numberise_into(run: list[str], stream: list[str], numbers: set[int]) -> None:
    """``numberise`` a run of words onto ``stream``, noting where its numbers go in ``numbers``."""
    if plain_words(run):
        stream.extend(run)
        return
    for w, is_num in numberise(run):
        if is_num:
            numbers.add(len(stream))
        stream.append(w)


#: Every mark ``TOKEN_RE`` gives and every word ``analyse_raw`` reads more into than a plain word.
#: Negators a verb follows ("doesn't correct").
_DO_NOT: Final = frozenset({"dont", "doesnt", "didnt", "cant", "cannot", "wont", "never"})
_SPECIAL: Final = (
    frozenset(",;/&+|.!?:()[]{}\n-")
    | frozenset(w for w, _ in NEG_BIGRAMS)
    | {"not"}
    | NEGATORS
    | NEG_END_WORDS
    | SEPARATOR_WORDS
)
_SPECIAL_DENYING: Final = _SPECIAL | DENY_VERBS | DENY_SCOPE_ENDS


def analyse_denying(text: str) -> tuple[Tok, ...]:
    """``analyse`` with the verbs of ``DENY_VERBS`` read as negators of what follows them in their clause
    ("Adam, which skips momentum": momentum is denied): the same tokens, only their polarity may differ. For
    weighing a remark or a question's claims, never for matching an answer."""
    return tokens_of(*numbered(raw_tokens(text)), denying=True)


def content(toks: Iterable[Tok]) -> list[Tok]:
    """The tokens that carry meaning (filler dropped)."""
    return [t for t in toks if not t.stop]


def hedge_items(text: str) -> frozenset[int]:
    """Item indices that were opened by an explicit hedge ("or", "/", "vs")."""
    return hedges_raw(raw_tokens(text))


#: Words of a formula besides numbers, single letters and Greek letters' names ("sqrt(n)" reads "square root n").
_FORMULA_WORDS: Final = frozenset({"square", "root", "log", "exp", "ln", "sqrt", "sin", "cos", "tan", "max", "min"})
_FORMULA_MARKS: Final = frozenset({"(", ")", "[", "]", "-", "+", "*", "^"})


def _formula_token(w: str) -> bool:
    """A raw token that may stand in a formula: a number, a single letter, a Greek letter's name, a bracket."""
    return (
        w[:1].isdigit() or (len(w) == 1 and w.isalpha()) or w in GREEK_NAMES or w in _FORMULA_WORDS
        or w in _FORMULA_MARKS or (len(w) == 2 and w[0].isalpha() and w[1].isdigit())
    )


def _in_formula(raw: list[str], i: int, bars: list[int]) -> bool:
    """The "|" at ``i`` bounds an absolute value ("|X - μ| ≥ kσ"), offering no second answer: it pairs with another
    with only formula tokens between (``bars``: where the "|" of ``raw`` are). (A "/" between formula tokens,
    "1/λ", is left a hedge: read as a division it lets "1 - 1/e for any n" and "(b - a)/2" pass where the hedge
    happens to refuse them.)"""
    w = raw[i]
    if w == "|":
        if len(bars) % 2:
            return False
        at = bisect_left(bars, i)
        lo, hi = (bars[at], bars[at + 1]) if at % 2 == 0 else (bars[at - 1], bars[at])
        inner = raw[lo + 1 : hi]
        return bool(inner) and all(_formula_token(x) for x in inner)
    return False


def hedges_raw(raw: list[str]) -> frozenset[int]:
    """``hedge_items`` on the output of ``raw_tokens``: item numbering mirrors ``analyse_raw``."""
    items: set[int] = set()
    maybes: set[int] = set()
    asked: set[int] = set()  # items ended with "?" ("k-means? k-medians?": each offered, none chosen)
    item = 0
    said = -1  # the last item a word was said in ("fine-tuning? or ICL": "or" after a mark offers that one)
    bars: list[int] | None = None  # where the "|" are, found at the first one (``_in_formula``)
    i = 0
    while i < len(raw):
        w = raw[i]
        if w not in _ITEM_WORDS and w[0].isalnum():
            said = item
            i += 1  # a plain word: nothing below reads it
            continue
        nxt = raw[i + 1] if i + 1 < len(raw) else ""
        if not w[0].isalnum():
            if w == "?" and said == item:
                asked.add(item)
            if w in LIST_MARKS or w in CLAUSE_MARKS:
                item += 1
                if w == "|" and bars is None:
                    bars = [k for k, x in enumerate(raw) if x == "|"]
                if w in HEDGE_MARKS and not _in_formula(raw, i, bars or []):
                    items.update((item - 1, item))
        elif (w, nxt) in NEG_BIGRAMS:
            item += 1
            i += 1
        elif w in ("nor", "neither", "than", "except", "unlike"):
            item += 1
        elif w in SEPARATOR_WORDS:
            item += 1
            if w in HEDGE_WORDS:
                items.update((item - 1, item))
                if w == "or" and said >= 0 and i and raw[i - 1] in _ASKING and len(raw) <= _ASKED_WITHIN:
                    items.add(said)  # "fine-tuning? or in-context learning", "dropout. Or L2"
        elif w in MAYBE_WORDS:
            maybes.add(item)
            said = item
        else:
            said = item
        i += 1
    if len(maybes) > 1:
        items.update(maybes)
    if len(asked) > 1 and len(raw) <= _ASKED_WITHIN:
        items.update(asked)
    return frozenset(items)


#: A short answer (in words and marks) where "or" after one of ``_ASKING`` offers the item before the mark.
_ASKED_WITHIN: Final = 16
#: Marks after which "or" offers the item before them: "fine-tuning? or in-context learning".
_ASKING: Final = frozenset({"?", ".", "!", "...", ";"})


def _offers_after(raw: list[str], i: int) -> bool:
    """Whether the word at ``i`` ("maybe") opens what follows a comma, a bracket or ", though": a second
    answer offered ("dropout, maybe L2", "dropout (maybe L2)", "dropout, though maybe L2")."""
    before = raw[i - 1]
    return before in LIST_MARKS or before == "(" or (before == "though" and i > 1 and raw[i - 2] in LIST_MARKS)


#: The words ``hedges_raw`` and ``joins_raw`` read (every other word leaves the items as they are).
_ITEM_WORDS: Final = (
    frozenset(w for w, _ in NEG_BIGRAMS)
    | frozenset({"nor", "neither", "than", "except", "unlike"})
    | SEPARATOR_WORDS
    | MAYBE_WORDS
    | OFFER_WORDS
)

#: Words and marks that join a second answer to the first ("dropout and L2", "ReLU & tanh").
JOIN_WORDS: Final = frozenset({"and", "plus"})
JOIN_MARKS: Final = frozenset({"&", "+"})


def joins_raw(raw: list[str]) -> frozenset[int]:
    """Item indices opened by "and", "plus", "&" or "+", by "also" after one of them or a comma ("dropout,
    also L2"; not "also called"), or by "maybe", "alternatively" or "otherwise" after a comma ("dropout,
    maybe L2"; "maybe" also after a bracket or ", though") (numbering as in ``hedges_raw``)."""
    items: set[int] = set()
    item = 0
    i = 0
    while i < len(raw):
        w = raw[i]
        if w not in _ITEM_WORDS and w[0].isalnum():
            i += 1  # a plain word: nothing below reads it
            continue
        nxt = raw[i + 1] if i + 1 < len(raw) else ""
        if not w[0].isalnum():
            if w in LIST_MARKS or w in CLAUSE_MARKS:
                item += 1
                if w in JOIN_MARKS:
                    items.add(item)
        elif (w, nxt) in NEG_BIGRAMS:
            item += 1
            i += 1
        elif w in ("nor", "neither", "than", "except", "unlike"):
            item += 1
        elif w in SEPARATOR_WORDS:
            item += 1
            if w in JOIN_WORDS or (
                w == "also"
                and i
                and (raw[i - 1] in JOIN_WORDS or raw[i - 1] in JOIN_MARKS or raw[i - 1] in LIST_MARKS)
                and nxt not in NAMING_WORDS
            ):
                items.add(item)  # ("dropout and also L2", "dropout, also L2": "also" opens an item, joined too)
        elif w in MAYBE_WORDS and i and (_offers_after(raw, i) or raw[i - 1] in SEPARATOR_WORDS):
            items.add(item)  # "dropout, maybe L2": a second answer offered after the first
        elif w in OFFER_WORDS and i and raw[i - 1] in LIST_MARKS:
            items.add(item)  # "dropout, alternatively L2"
        i += 1
    return frozenset(items)
