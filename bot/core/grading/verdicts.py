"""Verdicts on accepted answers: rivals, hedges, keyword dumps, partial lists, typos and did-you-mean."""

from __future__ import annotations

import difflib
import functools
import logging
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Container, Sequence
from dataclasses import dataclass, field
from typing import Final, NamedTuple

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from bot.core.grading.alignment import REALWORD, TYPO, Match, align, has_run, one_root, reach
from bot.core.grading.normalise import formula_signs, normalise
from bot.core.grading.numbers import same_number
from bot.core.grading.response import Response
from bot.core.grading.support import Support, credited_names, flips_card_text, swaps_relation, unsupported
from bot.core.grading.tables import tables
from bot.core.grading.terms import (
    NAME_PARTICLES,
    deck_terms,
    glued_term,
    known_words,
    misspelt_term,
    misspelt_word,
    named_terms,
)
from bot.core.grading.tokens import SHORT_FORMS, Tok, analyse_cached, analyse_denying, stem
from bot.core.grading.typos import fuzzy
from bot.core.grading.variants import Rival, Variant, table_rivals
from bot.core.grading.vocabulary import (
    ARTICLES,
    DENY_VERBS,
    GENERIC,
    MAYBE_WORDS,
    NAMING_WORDS,
    NEGATING_PREFIXES,
    NEGATORS,
    OBJECT_NEGATORS,
    OFFER_WORDS,
    STOP,
)
from bot.core.models import Verdict, VerdictKind, VerdictReason

log = logging.getLogger(__name__)


def no_answer() -> Verdict:
    """Nothing left to grade once chat junk is removed."""
    return _NO_ANSWER


def not_quite() -> Verdict:
    """Wrong, with nothing more to say."""
    return _NOT_QUITE


# (A verdict is immutable: these two, without parameters, are built once.)
_NO_ANSWER: Final = Verdict(VerdictKind.EMPTY, 0.0, VerdictReason.EMPTY)
_NOT_QUITE: Final = Verdict(VerdictKind.WRONG, 0.0, VerdictReason.NOT_QUITE)


@functools.lru_cache(maxsize=4096)
def wrong(
    reason: VerdictReason, typed: str | None = None, expected: str | None = None, aka: str | None = None
) -> Verdict:
    """A wrong answer for ``reason``, quoting ``typed`` and naming ``expected`` (``aka``: another name of
    ``typed``). Built once for the same parameters (``right``)."""
    return Verdict(VerdictKind.WRONG, 0.0, reason, typed=typed, expected=expected, aka=aka)


@functools.lru_cache(maxsize=4096)
def right(matched: str | None, score: float = 1.0, reason: VerdictReason = VerdictReason.CORRECT) -> Verdict:
    """A right answer matching ``matched``. A verdict is immutable, and building one costs more than
    finding it again: it is built once for the same parameters (``verdicts_cache_clear``)."""
    return Verdict(VerdictKind.CORRECT, score, reason, matched=matched)


@functools.lru_cache(maxsize=4096)
def counted(
    kind: VerdictKind,
    score: float,
    reason: VerdictReason,
    matched: str | None = None,
    missing: tuple[str, ...] = (),
    expected: str | None = None,
    found: int = 0,
    total: int = 0,
) -> Verdict:
    """A verdict on the key points or items of an answer (``found`` of ``total``), built once for the same
    parameters (``right``)."""
    return Verdict(kind, score, reason, matched=matched, missing=missing, expected=expected, found=found, total=total)


def verdicts_cache_clear() -> None:
    """Forget the verdicts built so far (``right``, ``wrong``, ``counted``)."""
    right.cache_clear()
    wrong.cache_clear()
    counted.cache_clear()


_ORDER: Final = {
    VerdictKind.CORRECT: 4,
    VerdictKind.ALMOST: 3,
    VerdictKind.PARTIAL: 2,
    VerdictKind.WRONG: 1,
    VerdictKind.EMPTY: 0,
}


def rank(v: Verdict) -> tuple[int, float]:
    """Order verdicts from the best for the player: kind first, then score."""
    return _ORDER[v.kind], v.score


def _is_termlike(t: Tok, glossary: frozenset[str]) -> bool:
    return t.num or t.stem in glossary or t.word in glossary


class Claims(NamedTuple):
    """What the question asserts: numbers said plainly and negated ("without making them zero"), and
    the rivals of its terms."""

    said: frozenset[str]
    negated: frozenset[str]
    rivals: tuple[Rival, ...]
    words: tuple[tuple[str, bool], ...] = ()  # the question's content stems in order, with their polarity
    items: tuple[int, ...] = ()  # the clause of each of ``words`` (``question_claims``)
    #: phrases the question denies ("without subtracting the mean"), as facts a remark may not assert
    denied: tuple[tuple[tuple[str, ...], bool], ...] = ()
    #: opposites whose words the question ties together part by part the same way: (group, True when always
    #: on the same side, False when always on opposite sides) — "small batches with a smaller one, large
    #: batches with a larger one" ties size to size on the same side
    ties: tuple[tuple[int, bool], ...] = ()
    #: the stems of ``words`` (``explained_claims``: a remark that says none of them cannot contradict it)
    stems: frozenset[str] = frozenset()
    #: the content words the question denies alone ("the default claim of no effect or no difference": effect,
    #: difference), as stems: a remark that says the answer has or claims one contradicts it (``_asserts_denied_word``)
    denied_words: frozenset[str] = frozenset()
    #: (qualifier, the stem of the noun right after it) of each thing the question qualifies with a word of
    #: ``qualifiers`` in ``data/forms.yaml`` ("negative cycles": ("negative", "cycl")): a remark that gives the noun
    #: an opposite qualifier contradicts it (``_turns_qualifier``)
    qualified: frozenset[tuple[str, str]] = frozenset()


NO_CLAIMS: Final = Claims(frozenset(), frozenset(), ())


def explained_claims(explanation: str) -> Claims:
    """The claims of a card's explanation (its answer text) a remark after the answer may contradict, as
    ``question_claims`` reads a question's, without its terms' rivals."""
    # What it is compared with is not denied ("faster than a Boltzmann machine"): the comparison is left out.
    claims = question_claims(_COMPARED_RE.sub(" ", explanation), rivals=False)
    return claims._replace(stems=frozenset(s for s, _neg in claims.words))


class Roles(NamedTuple):
    """What a card's explanation says of each of the things it sets in bold ("the **key** represents the
    relevance to the query; the **value** represents the actual contents"): a remark that gives one of them
    what the explanation says of another swaps their roles."""

    #: the content stems of each thing set in bold (the answer among them)
    names: tuple[tuple[str, ...], ...]
    #: the index in ``names`` of the answer
    answer: int
    #: stem -> the one thing whose sentences alone say it (a sentence that names two or more says it of none)
    marks: dict[str, int]


NO_ROLES: Final = Roles((), -1, {})
#: A thing set in bold has at most this many content words to be read as one whose role a remark may swap.
_ROLE_WORDS: Final = 3
_SENTENCE_RE: Final = re.compile(r"[.;!?]\s+|\n+")


def explained_roles(
    explanation: str, emphasis: Sequence[str], question: str | None, accepted: Sequence[str], rivals: Sequence[str]
) -> Roles:
    """The ``Roles`` of a card's explanation: the things it sets in bold (``emphasis``), one of them an
    accepted answer and others that the question or the card's rejected answers (``rivals``) name, and per
    stem the one thing whose sentences alone say it; the question's sentence is the answer's. NO_ROLES when
    the explanation sets fewer than two such things apart."""

    def content(text: str) -> tuple[str, ...]:
        return tuple(t.stem for t in analyse_cached(text) if not t.stop and not t.num)

    answers = {content(a) for a in accepted}
    answer_words = {st for a in answers for st in a}
    rivals_said = {content(r) for r in rivals}
    asked = content(question or "")
    choices = any(a and has_run(list(asked), a) for a in answers)
    names: list[tuple[str, ...]] = []
    answer = -1
    for phrase in emphasis:
        stems = content(phrase)
        if not stems or len(stems) > _ROLE_WORDS or stems in names:
            continue
        if stems in answers:
            if answer < 0:
                answer = len(names)
                names.append(stems)
        elif all(st in answer_words for st in stems):
            continue  # what the answer is a kind of ("sparse mixture of experts"): no rival
        elif stems in rivals_said or (has_run(list(asked), stems) and choices):
            # a rival of the answer: one of the card's rejected answers, or a thing the question names
            # beside the answer, as a choice ("which of query, key and value ...?")
            names.append(stems)
    if answer < 0 or len(names) < 2:
        return NO_ROLES
    said: dict[str, set[int]] = {}
    sentences = [(question or "", answer), *((text, -1) for text in _SENTENCE_RE.split(explanation))]
    for text, given in sentences:
        toks = [t for t in analyse_cached(text) if not t.stop and not t.num]
        named = [given] if given >= 0 else _subjects([t.stem for t in toks], names)
        for t in toks:
            if any(t.stem in n for n in names) or t.word in GENERIC or t.stem in GENERIC or t.word in _WH:
                continue
            # a sentence that names no such thing, or two alike, says its words of none of them alone
            said.setdefault(t.stem, set()).update(named if len(named) == 1 else (-1, -2))
    marks = {st: next(iter(ks)) for st, ks in said.items() if len(ks) == 1}
    if not any(k != answer for k in marks.values()):
        return NO_ROLES
    return Roles(tuple(names), answer, marks)


def _subjects(stems: Sequence[str], names: Sequence[tuple[str, ...]]) -> list[int]:
    """The things of ``names`` a sentence (its content ``stems``) speaks of: those it names, or the first
    alone when it opens the sentence and the next comes three words or more after it ("the key represents
    the relevance to the query"; not "query, key and value each get their own weights")."""
    at: list[tuple[int, int]] = []
    for k, n in enumerate(names):
        where = [i for i, st in enumerate(stems) if st == n[0] and tuple(stems[i : i + len(n)]) == n]
        if where:
            at.append((where[0], k))
    at.sort()
    if len(at) > 1 and at[0][0] <= 1 and at[1][0] - at[0][0] >= 3:
        return [at[0][1]]
    return [k for _i, k in at]


def _swaps_roles(resp: Sequence[Tok], after: int, roles: Roles) -> bool:
    """A remark after the answer (from ``after``) that gives the answer, or another thing the explanation
    sets in bold, what the explanation says of another of them alone ("query, while the value holds the
    relevance" where it says "the key represents the relevance"; "the query, the one the softmaxed weights
    are applied to" where it applies them to the values). A part of the remark that names two of them
    compares them, and one with a denial says what is not: neither is read."""
    items: dict[int, list[Tok]] = {}
    for r in resp[after:]:
        items.setdefault(r.item, []).append(r)
    for toks in items.values():
        if any(r.neg for r in toks):
            continue
        stems = [r.stem for r in toks if not r.stop]
        named = [k for k, n in enumerate(roles.names) if all(st in stems for st in n)]
        if len(named) > 1:
            continue
        # a thing named after what is said of the subject is its object ("compared with the keys")
        first = next((i for i, st in enumerate(stems) if st in roles.marks), len(stems))
        subject = named[0] if named and stems.index(roles.names[named[0]][0]) < first else roles.answer
        others = 0
        for st in stems:
            k = roles.marks.get(st, -1)
            if k == subject:
                break
            if k >= 0:
                others += 1
        else:
            if others:
                return True
    return False


#: "than" and what follows it up to a mark, but "rather than" (which denies).
_COMPARED_RE: Final = re.compile(r"(?<!rather)\s+than\b(?:[^.,;:()\n]|[.,](?=\d))*", re.IGNORECASE)


def question_claims(question: str | None, *, rivals: bool = True) -> Claims:
    """The claims of ``question`` a trailing remark may contradict ("without making them zero"); with
    ``rivals``, the rivals of its terms too."""
    if not question:
        return NO_CLAIMS
    # (Its denying verbs read as negators, as a remark's are: "ignoring their magnitude" denies magnitude.)
    analysed = analyse_denying(question)
    toks = [t for t in analysed if not t.stop]
    nums = [t for t in toks if t.num]
    said = frozenset(t.stem for t in nums if not t.neg)
    negated = frozenset(t.stem for t in nums if t.neg)
    stems = [t.stem for t in toks]
    tabs = tables()
    sides = tabs.claim_sides
    kept = [t for t in analysed if not t.stop or t.stem in sides]
    # (an adverb made of a word of an opposite, itself not listed, takes no side: "conditionally
    # independent" says nothing of conditional models)
    words = tuple(
        (t.word if t.word.endswith("ly") and t.stem in sides and t.word not in tabs.claim_side_words else t.stem, t.neg)
        for t in kept
    )
    # Clauses: a list item follows the one before, while ", and" (two items at once) starts a new clause.
    items: list[int] = []
    clause = 0
    for k, t in enumerate(kept):
        if k and t.item - kept[k - 1].item >= 2:
            clause += 1
        items.append(clause)
    plain = tables().plain_rivals
    found = tuple(
        rv
        for rv in (table_rivals(stems, set(stems) | {t.word for t in toks}) if rivals else ())
        if not (len(rv.stems) == 1 and rv.stems[0] in plain)
    )
    return Claims(
        said, negated, found, words, tuple(items), _denied_phrases(analysed), _ties(kept, sides),
        denied_words=_denied_words(analysed),
        qualified=_qualified(analysed),
    )


def _ties(kept: Sequence[Tok], sides: dict[str, tuple[int, int]]) -> tuple[tuple[int, bool], ...]:
    """``Claims.ties`` of the question's words ``kept``: per list item (a comma starts the next), each
    opposite named twice or more, on one side or on both; an opposite counts when every item agrees."""
    marked: dict[tuple[int, int], list[int]] = {}
    for t in kept:
        side = sides.get(t.stem)
        if side is not None and not t.neg:
            marked.setdefault((t.item, side[0]), []).append(side[1])
    ways: dict[int, set[bool]] = {}
    for (_item, group), ks in marked.items():
        if len(ks) >= 2:
            ways.setdefault(group, set()).add(len(set(ks)) == 1)
    return tuple((group, way.pop()) for group, way in sorted(ways.items()) if len(way) == 1)


def _denied_phrases(toks: Sequence[Tok]) -> tuple[tuple[tuple[str, ...], bool], ...]:
    """The runs of words the question says negated ("without subtracting the mean": subtract, mean), of
    at least ``_DENIED_PHRASE`` words, each as (stems, False): a phrase a remark may not assert."""
    out: list[tuple[tuple[str, ...], bool]] = []
    run: list[str] = []
    for t in (*toks, None):
        if t is not None and (t.neg or (t.stop and run)):
            if not t.stop:
                run.append(t.stem)
            continue
        if len(run) >= _DENIED_PHRASE:
            out.append((tuple(run), False))
        run = []
    return tuple(out)


def _qualified(toks: Sequence[Tok]) -> frozenset[tuple[str, str]]:
    """``Claims.qualified`` of the question's tokens: a qualifier said plainly right before a content word."""
    opposite = tables().opposites
    return frozenset(
        (a.word, b.stem)
        for a, b in zip(toks, toks[1:], strict=False)
        if a.word in opposite and not a.neg and not b.stop and not b.num and not b.neg and b.item == a.item
        and b.word not in opposite
    )


def _denied_words(toks: Sequence[Tok]) -> frozenset[str]:
    """The content words the question says negated each on its own ("no effect or no difference"), as stems:
    runs of one word (``_denied_phrases`` holds the longer ones), and none the question also says plainly."""
    out: set[str] = set()
    run: list[str] = []
    item = -1
    for t in (*toks, None):
        # (a run ends where a list item does: "no effect or no difference" denies two things)
        if t is not None and (t.neg or (t.stop and run)) and (not run or t.item == item) and t.word not in ("or", "and"):
            if not t.stop:
                run.append(t.stem)
                item = t.item
            continue
        if len(run) == 1:
            out.add(run[0])
        run = []
        if t is not None and t.neg and not t.stop:
            run, item = [t.stem], t.item
    plain = {t.stem for t in toks if not t.neg and not t.stop}
    return frozenset(out - plain)


#: Question words: "which" in a remark is no claim about the question's "which".
_WH: Final = frozenset("which what who whom whose when where why how".split())
#: Words that say how much or how, not what: never tied to a side of an opposite ("set low").
_DEGREE: Final = frozenset(
    {"more", "less", "most", "least", "very", "much", "quit", "quite", "too", "so", "set"}
)
#: A phrase the question denies ("without subtracting the mean") has at least this many words: a remark
#: that asserts it all ("which subtracts the mean") contradicts the question.
_DENIED_PHRASE: Final = 2
#: A question's word is tied to the nearest opposite within this many words ("set low, produces repetitive").
_TIE_GAP: Final = 4


#: Words that make a remark set things against each other or weigh a case: its qualifiers may name the other thing.
_SETS_AGAINST: Final = frozenset(
    """than unlike instead rather whereas while versus vs opposed but except also too both either nor neither
    when if unless whenever minus complement inverse otherwise""".split()
)
_BE: Final = frozenset({"is", "are", "was", "were", "be", "being", "been", "stay", "stays", "remain", "remains"})


def _turns_qualifier(remark: Sequence[Tok], claims: Claims, question: frozenset[str], v: Variant) -> bool:
    """A remark after the answer that says a thing the question qualifies ("negative cycles") is of the opposite
    qualifier ("because the cycles are positive"), where the question says that qualifier nowhere and qualifies the
    thing only with the opposite one. A remark that denies, compares or weighs a case is not read."""
    if any(r.neg or r.word in _SETS_AGAINST or r.word in NEGATORS for r in remark):
        return False
    opposite = tables().opposites
    for k, r in enumerate(remark):
        others = opposite.get(r.word)
        if not others or r.word in question or r.stem in v.stems:
            continue
        # Said of the thing ("the cycles are positive"), not a thing named ("the backward pass" beside the
        # question's "forward pass" is another thing, which a right remark may well name).
        if k >= 2 and remark[k - 1].word in _BE and remark[k - 2].item == r.item and not remark[k - 2].stop:
            noun = remark[k - 2].stem
            said = {q for q, n in claims.qualified if n == noun}
            if said and said <= others:
                return True
    return False


#: Verbs by which a remark says the answer has, needs or claims a thing (stems).
_ASSERTING: Final = frozenset(
    stem(w) for w in "needs uses requires relies claims assumes states says has have with".split()
)
#: Words between such a verb and what it asserts ("claims there is an effect", "relies on a reward model").
_ASSERTED_GAP: Final = frozenset("there is are a an the some on upon its their of".split())
#: The thing asserted is at most this many places after the verb ("claims there is an effect": 4).
_ASSERTED_WITHIN: Final = 4
#: Words that make a remark weigh the thing as one case or set it against another: not an assertion of it.
_NOT_ASSERTING: Final = frozenset(
    """when if unless only whenever until than unlike instead rather whereas while versus vs opposed alternative
    otherwise except but zero 0 nil null none nothing absent same equal""".split()
)


def _asserts_denied_word(remark: Sequence[Tok], claims: Claims, v: Variant) -> bool:
    """A remark after the answer that says the answer has, needs or claims a thing the question denies in one word
    ("the null hypothesis, which claims there is an effect" for "... the default claim of no effect?"; "zero-shot
    prompting, which uses examples" for "... with no examples in the prompt?"): the verb, then the word, with at
    most a few little words between. A word the question also says plainly, or the answer says, is not denied;
    a remark that denies, weighs a case, compares anything or says the thing is zero ("which says the effect is
    zero") is not read."""
    denied = claims.denied_words - v.stems
    if not denied or any(r.neg or r.word in _NOT_ASSERTING for r in remark):
        return False
    for k, r in enumerate(remark):
        if r.stem not in _ASSERTING and r.word not in _ASSERTING:
            continue
        j = k + 1
        while j < len(remark) and j - k < _ASSERTED_WITHIN and remark[j].word in _ASSERTED_GAP:
            j += 1
        if j < len(remark) and remark[j].stem in denied:
            return True
    return False


def _denied_with_another_qualifier(r: Tok, claim: list[Tok], polarity: dict[str, set[bool]], answer: frozenset[str]) -> bool:
    """The denied word ``r`` comes right after a denied word of how it is that the question does not say: the
    remark denies a narrower thing ("not the true motion field" where the question asks about "apparent
    motion")."""
    k = next((i for i, t in enumerate(claim) if t is r), -1)
    if k <= 0:
        return False
    before = claim[k - 1]
    return (
        before.neg
        and before.item == r.item
        and not before.stop
        and before.stem not in polarity
        and before.stem not in answer
        and before.word.isalpha()
        and before.word in _QUALIFYING
    )


#: Words that narrow what they stand before ("the true motion", "the exact value").
_QUALIFYING: Final = frozenset("true real actual exact precise physical full whole entire only sole".split())


def _contradicts(claim: list[Tok], claims: Claims, v: Variant, offered: frozenset[str], *, denials: bool = True) -> bool:
    """A remark after the answer that says the opposite of the question: it denies what the question
    asserts ("softmax, which need not sum to one"; not one of the options it offers: "sparse, not
    dense"), or ties the question's words to the other side of an opposite ("a higher value makes it
    more repetitive" when the question pairs low with repetitive), or puts the answer itself on the
    other side ("decoder-only, with bidirectional attention")."""
    if not claim:
        return False
    answer = v.stems
    sides = tables().claim_sides
    q = _question_of(claims, v, sides)
    polarity = q.polarity
    agree = clash = 0
    for r in claim:
        if r.stem in answer or r.stem in sides or r.stem in offered or r.stem in _WH:
            continue
        seen = polarity.get(r.stem)
        if seen is None or len(seen) > 1:
            continue
        if r.neg in seen:
            agree += 1
        elif r.neg and not _denied_with_another_qualifier(r, claim, polarity, answer):
            clash += 1  # denies what the question asserts (asserting what it denies is too often a mere mention)
    if denials and clash > agree:
        return True
    # Each word of an opposite the remark says either keeps to the question's side or turns it over;
    # two turned over in one clause ("lower values make it more deterministic") keep to it.
    if _crosses_within(claim, claims, sides):
        return True
    paired = _paired_sides(claim, claims, sides)
    if paired is not None:
        return not paired
    turned: set[tuple[int, int]] = set()
    for r in claim:
        side = sides.get(r.stem)
        if side is None or r.stem in answer or r.neg in polarity.get(r.stem, ()):
            continue  # not an opposite, or the question's own word
        if _turns(r, side, claim, claims, q, answer):
            turned.add((r.item, side[0]))
    if not turned:
        return False
    counts: dict[int, int] = {}
    for item, _group in turned:
        counts[item] = counts.get(item, 0) + 1
    return any(n % 2 for n in counts.values())


class _Question(NamedTuple):
    """What ``_contradicts`` reads of a question's (or an explanation's) claims and one form of the answer,
    whatever the response: built once per pair (``_question_of``)."""

    #: the claims' words, then the form's (the answer asserts its own side too), each with its polarity
    qwords: tuple[tuple[str, bool], ...]
    polarity: dict[str, set[bool]]  # stem -> the polarities ``qwords`` says it with
    #: group of an opposite -> where ``qwords`` says a word of it: (index, (side, negated)), in order
    marks: dict[int, list[tuple[int, tuple[int, bool]]]]
    at: dict[str, list[int]]  # stem -> its indices in ``qwords``, in order


#: (id of claims, id of form) -> (claims, form, sides, their ``_Question``): the objects are kept, so their
#: ids are not reused while the entry lives.
_questions: dict[tuple[int, int], tuple[Claims, Variant, dict[str, tuple[int, int]], _Question]] = {}
#: Entries kept at most (a compiled card holds a few forms and two sets of claims).
_MEMO_SIZE: Final = 8192


def _question_of(claims: Claims, v: Variant, sides: dict[str, tuple[int, int]]) -> _Question:
    """The ``_Question`` of ``claims`` and the form ``v`` (found again for the same objects)."""
    key = (id(claims), id(v))
    hit = _questions.get(key)
    if hit is not None and hit[0] is claims and hit[1] is v and hit[2] is sides:
        return hit[3]
    qwords = claims.words + tuple((t.stem, False) for t in v.toks)
    polarity: dict[str, set[bool]] = {}
    marks: dict[int, list[tuple[int, tuple[int, bool]]]] = {}
    at: dict[str, list[int]] = {}
    for i, (s, neg) in enumerate(qwords):
        polarity.setdefault(s, set()).add(neg)
        at.setdefault(s, []).append(i)
        side = sides.get(s)
        if side is not None:
            marks.setdefault(side[0], []).append((i, (side[1], neg)))
    found = _Question(qwords, polarity, marks, at)
    if len(_questions) >= _MEMO_SIZE:
        _questions.clear()
    _questions[key] = (claims, v, sides, found)
    return found


#: id of claims -> (claims, sides, the pairs and groups ``_paired_sides`` reads of them, or None when they
#: pair no sides): the claims are kept, so their id is not reused while the entry lives.
_pairings: dict[
    int, tuple[Claims, dict[str, tuple[int, int]], tuple[set[tuple[int, int, int, int]], set[int]] | None]
] = {}


def _pairing_of(
    claims: Claims, sides: dict[str, tuple[int, int]]
) -> tuple[set[tuple[int, int, int, int]], set[int]] | None:
    """The pairs of sides ``claims`` ties clause by clause and their groups (``_paired_sides``), or None when
    fewer than two clauses name a side; found again for the same claims."""
    hit = _pairings.get(id(claims))
    if hit is not None and hit[0] is claims and hit[1] is sides:
        return hit[2]
    pairs: set[tuple[int, int, int, int]] = set()
    by_clause: dict[int, set[tuple[int, int]]] = {}
    for (s, neg), clause in zip(claims.words, claims.items, strict=False):
        side = sides.get(s)
        if side is not None and not neg:
            by_clause.setdefault(clause, set()).add(side)
    found: tuple[set[tuple[int, int, int, int]], set[int]] | None = None
    if len(by_clause) >= 2:
        for marked in by_clause.values():
            for a in marked:
                for b in marked:
                    if a[0] != b[0]:
                        pairs.add((*a, *b))
        groups = {g for g, _k in (side for marked in by_clause.values() for side in marked)}
        found = (pairs, groups)
    if len(_pairings) >= _MEMO_SIZE:
        _pairings.clear()
    _pairings[id(claims)] = (claims, sides, found)
    return found


def claims_cache_clear() -> None:
    """Forget what was found of claims and forms (``_question_of``, ``_pairing_of``)."""
    _questions.clear()
    _pairings.clear()


def _crosses_within(claim: list[Tok], claims: Claims, sides: dict[str, tuple[int, int]]) -> bool:
    """A question that ties two words of one opposite together part by part, always on the same side
    ("small batches with a smaller one, large batches with a larger one") or always on opposite sides, and
    a remark that ties them the other way ("smaller for larger batches")."""
    ways = dict(claims.ties)
    if not ways:
        return False
    said: dict[tuple[int, int], list[int]] = {}
    for r in claim:
        side = sides.get(r.stem)
        if side is not None and not r.neg and side[0] in ways:
            said.setdefault((r.item, side[0]), []).append(side[1])
    return any(len(ks) >= 2 and (len(set(ks)) == 1) != ways[g] for (_item, g), ks in said.items())


def _paired_sides(claim: list[Tok], claims: Claims, sides: dict[str, tuple[int, int]]) -> bool | None:
    """A question that pairs sides of two opposites clause by clause ("repetitive ... when set low, and
    creative ... when increased") and a remark that pairs two of them: True when the remark keeps a pair
    of the question ("low ... deterministic"), False when it crosses them ("a low value makes it more
    creative"), None when it pairs none of them."""
    pairing = _pairing_of(claims, sides)
    if pairing is None:
        return None
    pairs, groups = pairing
    said: dict[int, list[tuple[int, int]]] = {}
    for r in claim:
        side = sides.get(r.stem)
        if side is not None and side[0] in groups and not r.neg:
            said.setdefault(r.item, []).append(side)
    verdict: bool | None = None
    for told in said.values():
        for a in told:
            for b in told:
                if a[0] >= b[0]:
                    continue
                if (*a, *b) in pairs:
                    verdict = True if verdict is None else verdict
                elif any((a[0], k, b[0], j) in pairs for k in (0, 1) for j in (0, 1)):
                    return False
    return verdict


def _turns(
    r: Tok,
    side: tuple[int, int],
    claim: list[Tok],
    claims: Claims,
    q: _Question,
    answer: frozenset[str],
) -> bool:
    """The remark's word ``r`` (on ``side`` of an opposite) says the other side than the question or
    the answer ties it to (``q``: the question's words, then the answer's, ``_question_of``)."""
    sides = tables().claim_sides
    polarity = q.polarity
    group, mine = side
    if any(sides.get(p.stem, (-1, mine))[0] == group and sides[p.stem][1] != mine for p in claim):
        return False  # the remark weighs both sides ("at inference, once the model is trained")
    # Where the question (then the answer) says a word of this group, and which side.
    marks = q.marks.get(group, [])
    if not marks:
        return False
    if all(i >= len(claims.words) for i, _m in marks):
        # Only the answer names this group: the remark must keep to the answer's side.
        return len({k for _, (k, _n) in marks}) == 1 and (marks[0][1][0] != mine) != r.neg
    said = {k for _, (k, neg) in marks if not neg}
    if len(said) == 1 and len({k for _, (k, _n) in marks}) == 1:
        ref = next(iter(said))
        pairs = [
            p
            for p in claim
            if p is not r and p.item == r.item and p.stem in polarity and sides.get(p.stem, (-1,))[0] != group
        ]
        if not pairs:
            return (mine != ref) != r.neg
    # The side the question ties each of the remark's other words to is the opposite nearest to it.
    for p in claim:
        if p is r or p.item != r.item or p.stem in answer or p.stem not in polarity:
            continue
        if sides.get(p.stem, (-1,))[0] == group:
            continue
        if p.stem in _DEGREE:
            continue  # "more", "very": they say how much, not what
        tied: set[tuple[int, bool]] = set()
        clauses = claims.items
        for i in q.at.get(p.stem, ()):
            # The opposite of the word's own clause ("repetitive responses when set low, and creative
            # ones when increased"), else the nearest.
            own = [(at, m) for at, m in marks if i < len(clauses) and at < len(clauses) and clauses[at] == clauses[i]]
            if len({m for _at, m in own}) == 1:
                tied.add(own[0][1])
                continue
            gap = min(abs(at - i) for at, _m in marks)
            if gap <= _TIE_GAP:
                nearest = [(at, m) for at, m in marks if abs(at - i) == gap]
                # Equally near on both sides: the one after ("creative responses when increased").
                tied.add(max(nearest)[1])
        if len(tied) != 1:
            continue  # not tied to one side, or to both
        k, neg = next(iter(tied))
        if (k == mine) != (neg == r.neg):
            return True
    return False
    return False


#: Words besides ``_TITLES`` that may stand before a surname in place of the given name ("Madame Curie").
_NAME_TITLES: Final = frozenset("miss madame monsieur mme mlle herr frau physicist chemist mathematician scientist".split())


def _other_given_name(resp: Sequence[Tok], given: tuple[str, ...], family: str) -> bool:
    """Whether the player named the asked person's surname after a given name that is none of theirs
    ("Pierre Curie" for "Marie Curie"), and none of their given names anywhere. An initial, a short form
    ("Geoff" for "Geoffrey") or a misspelling of a given name is theirs; so is a title ("Madame Curie")."""
    words = [r.word for r in resp]
    if any(_same_given(w, g) for w in words for g in given):
        return False
    for k, r in enumerate(resp):
        if k and r.word == family:
            # (an initial's full stop may part it from the name: "F. Roosevelt" reads as two items)
            j = k - 1
            while j > 0 and _initial(resp[j]):
                j -= 1  # past middle initials: "Robert F. Kennedy" names Robert
            before = resp[j]
            if _initial(before):
                return not any(g.startswith(before.word) for g in given)  # "F. Roosevelt" for Theodore
            same = before.item == r.item or (j < k - 1 and before.item == resp[j + 1].item)
            return (
                same
                and not before.stop
                and not before.num
                and before.word.isalpha()
                and len(before.word) >= 2
                and before.word not in _TITLES
                and before.word not in _NAME_TITLES
                and before.word not in NAME_PARTICLES
            )
    return False


def _claim_word(t: Tok) -> bool:
    """A word that says something of the field or takes a side ("closed-source", "alone", "first"): not one a
    remark of what a person is credited with may add unweighed."""
    tabs = tables()
    return (
        t.word in tabs.glossary or t.stem in tabs.glossary or t.word in tabs.opposites
        or t.stem in tabs.claim_sides or t.word in _ALONE_WORDS
    )


#: Words that say a person did a thing by themselves or first: a claim the table of credits cannot back.
_ALONE_WORDS: Final = frozenset("alone solely single-handedly singlehandedly only sole first".split())


def _credited_remark(remark: Sequence[Tok], family: str, capitalised: frozenset[str], ctx: Context) -> frozenset[str]:
    """The words a remark after the person asked for may say besides the card's, when it names something
    ``data/people.yaml`` credits to that person (``family``: their surname): that thing's words and those of the
    people credited with it ("Kingma, who also co-wrote the Adam paper"; "Hebb, hence the name Hebbian learning").
    Empty when it names none, or denies anything, or names with a capital a word neither the card nor those
    names say (a second person, a place: "Torvalds, who created Git at Microsoft")."""
    if not family or not remark or any(r.neg for r in remark):
        return frozenset()
    stems = frozenset(r.stem for r in remark if not r.stop)
    found = credited_names(stems, family)
    if not found:
        return frozenset()
    allowed = frozenset().union(*found)
    for r in remark:
        if r.word in capitalised and r.stem not in allowed and r.word not in allowed and not _in(r.word, r.stem, ctx.free):
            return frozenset()
    return allowed


def _initial(t: Tok) -> bool:
    """A one-letter word: an initial of a name ("F" of "John F. Kennedy")."""
    return len(t.word) == 1 and t.word.isalpha() and not t.num


def _same_given(word: str, name: str) -> bool:
    if word == name or (len(word) <= 3 and word[:1] == name[:1]):
        return True  # initials ("D. P." reads "dp"), a short form ("Joe" for "Joseph")
    if len(word) >= 3 and (name.startswith(word) or word.startswith(name)):
        return True  # "Geoff" for "Geoffrey"
    return len(word) >= 4 and fuzz.ratio(word, name) >= 80


#: What terms are and are not (``facts_of``) by the first stem of each phrase (``facts_index``).
FactIndex = dict[str, tuple[tuple[tuple[str, ...], bool], ...]]


class FormCheck(NamedTuple):
    """What is checked besides the alignment for one form of an accepted answer."""

    echo: bool  # the answer is not in the question: the question's words typed back are no answer
    ordered: bool  # a fixed name: its words in another order name nothing ("short long-term memory")
    longer: tuple[tuple[str, ...], ...]  # longer known terms around the form ("root mean squared error")
    alone: bool = False  # one person asked for by "who": another name beside it is a second answer
    expansion: bool = False  # the question asks what an acronym of the form stands for
    surname: str = ""  # a person's surname that is also a little word ("Kaiming He"): it must be typed
    #: what the answer is (``data/facts.yaml``): (phrase stems, True) a remark may not deny, (phrase stems,
    #: False) a remark may not assert
    facts: tuple[tuple[tuple[str, ...], bool], ...] = ()
    #: a fixed name's words, little ones too ("you only look once"): all typed, they must come in this order
    order: tuple[str, ...] = ()
    tight: bool = False  # a name of two to four words with no little word between ("mode collapse")
    #: the acronym the question asks to spell out, when the answer's words give its letters in order: the
    #: player's words for them must come in that order ("variance of analysis" is no "ANOVA")
    initials: str = ""
    #: the card's other names of two to four words with no little word between (``compiled._tight_names``):
    #: their words side by side in another order are no answer, whichever form matched
    names: tuple[Variant, ...] = ()
    #: the card's other fixed names (``order`` of the other forms), each with its words but the little ones:
    #: their words all said in another order are no answer, whichever form matched
    orders: tuple[tuple[tuple[str, ...], frozenset[str]], ...] = ()
    #: ``facts`` by the first stem of each phrase (``facts_index``), built with the card
    by_first: FactIndex | None = None
    #: per rival of the answer (the card's reject list, the confusable table): what it is that the answer is
    #: not known to be (``sibling_facts``): a remark that says it describes the rival
    siblings: tuple[tuple[tuple[str, ...], ...], ...] = ()
    #: a person's given names and surname when "who" asks for one ("Marie Curie": ("marie",), "curie"):
    #: another given name before the surname names someone else ("Pierre Curie")
    given: tuple[str, ...] = ()
    family: str = ""
    #: the words after the form that make another known term of it ("tree" of "binary search tree")
    followed: tuple[tuple[str, ...], ...] = ()
    #: the question says every word of the form, but not side by side ("residual network" of "... residual
    #: connections to train networks ..."): a part of the form that is a run of the question's words is an echo
    apart: bool = False


@dataclass(frozen=True, slots=True)
class Context:
    """What a response is judged against besides the answer."""

    free: frozenset[str]  # stems the player may say without penalty (question, term, other answers)
    question: frozenset[str]  # words and stems of the question alone
    rejects: tuple[Rival, ...]
    known: Container[str]
    names: frozenset[str] = frozenset()  # words and stems of the card's answers and names
    claims: Claims = field(default=NO_CLAIMS)
    options: tuple[frozenset[str], ...] = ()  # stems around each "or" of the question (the options it offers)
    #: the words (and stems) on either side of each "or" of the question, one set a side ("first" and "second"
    #: in "... (first or second)?"): the options themselves (``compiled._option_words``)
    option_words: tuple[frozenset[str], ...] = ()
    facts: tuple[tuple[tuple[str, ...], bool], ...] = ()  # what the terms the question names are (``facts_of``)
    approx: bool = False  # the question or an answer asks for a rough number ("about", "roughly")
    explained: Claims = field(default=NO_CLAIMS)  # what the card's explanation says (``explained_claims``)
    #: the antonym-prefix forms of the words the question asserts ("undirected" for its "directed"), but
    #: words the question or the card's names say: a remark that asserts one turns the question over
    turned: frozenset[str] = frozenset()
    #: what the card's question and explanation support (``support.card_support``)
    support: Support | None = None
    #: the card is asked by a question ("…?"): a response made of its words alone retells it. (In the term
    #: direction the "question" is the answer text, which names the term.)
    asks: bool = False
    #: what the explanation says of each thing it sets in bold (``explained_roles``)
    roles: Roles = field(default=NO_ROLES)
    #: the card's names of two words or more, as stems, little words left out (what an acronym of it
    #: stands for: ``_misexpands``)
    spelled_names: tuple[tuple[str, ...], ...] = ()
    #: the content stems of each accepted answer's forms, in order (a remark may not set the answer against one)
    accepted_names: tuple[tuple[str, ...], ...] = ()
    #: the words (and stems) right after a number in an accepted answer ("75 words"), and those after "per"
    #: there ("20 tokens per parameter"): ``unit_words``; not ``CompiledCard.units``, the unit the question asks in
    answer_units: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())
    #: (name, number) of each name the question writes with a number in it ("ResNet-50", "GPT-3"): the number
    #: said only as part of that name is the question's name typed back, no number given (``named_numbers``)
    named_numbers: frozenset[tuple[str, str]] = frozenset()
    #: the content stems of the card's term and of each of its aliases: what the tables of who introduced a thing,
    #: when and where (``support.unsupported``) look up when they do not know the answer's form
    term_names: tuple[frozenset[str], ...] = ()

#: The score of a right answer that leaves out words the answer may do without ("Adam" for "Adam
#: optimizer"): below a form said whole, above a misspelt one.
LEFT_OUT: Final = 0.95

#: Answers of up to this many words are short: a question's word offered with "or" is a second answer.
SHORT_ANSWER: Final = 12
#: A remark after the answer is read as a claim in answers of up to this many words (a longer one is an
#: explanation, which may well weigh what the question rules out).
CLAIM_WORDS: Final = 16
#: What the answer's facts say it is not (``data/facts.yaml``) is weighed in a remark of a response of up to
#: this many words: its phrases are ones only a wrong remark says, even in a longer one ("a directed graphical
#: model, where the joint is a product of clique potentials normalised by a partition function").
FACT_WORDS: Final = 24
#: A remark that types a sentence of the card back with a word turned (``support.flips_card_text``) is weighed in
#: a response of up to this many words: the question typed back whole runs to about 30.
FLIP_WORDS: Final = 48
#: A response of more words than ``CLAIM_WORDS`` and up to this many has its remark weighed against the card's
#: text (``support.unsupported``) only: "t-SNE, which uses a Gaussian in the low-dimensional map and a
#: Student-t in the original space".
REMARK_WORDS: Final = 24


def _rival_verdict(v: Variant, rival: Rival, said: str, full: bool) -> Verdict:
    """The player asserted a rival of the answer (``said``: their words for it)."""
    if len(v.items) > 1:
        return wrong(VerdictReason.NOT_ONE_OF, said)
    reason = VerdictReason.PICK_ONE if full else VerdictReason.NEAR_MISS
    return wrong(reason, said, rival.accepted, rival.aka or None)


def judge(
    v: Variant,
    response: Response,
    ctx: Context,
    optional: frozenset[int] = frozenset(),
    check: FormCheck | None = None,
    kinds: frozenset[int] = frozenset(),
) -> Verdict:
    """The verdict of a response against one form of one accepted answer.

    ``optional``: the form's tokens the player may leave out (``optional_tokens``); ``kinds``: those that
    say what kind of thing the answer is, which the player may leave out too (``kind_tokens``: scored a
    little lower, so that a form said whole is preferred); ``check``: what else
    makes a full match wrong (``FormCheck``: an echo of the question, a fixed name reordered, a longer
    known term), besides a trailing claim that contradicts the question.
    """
    m = align(v, response, ctx.rejects, ctx.known, ctx.approx)
    resp = response.toks
    covered = m.covered
    n = len(covered)
    if optional and (len(optional) == n or not any(covered[i] > 0 for i in range(n) if i not in optional)):
        optional = frozenset()
    full = all(c > 0 or i in optional for i, c in enumerate(covered)) if optional else 0 not in covered
    left_out = False
    if not full and kinds and all(c > 0 or i in optional or i in kinds for i, c in enumerate(covered)):
        full = left_out = any(covered[i] > 0 for i in range(n) if i not in kinds)
        if full and v.nums:
            # "16" for "16 bits", but not "16 bytes": no other word in the place of the one left out
            # nor the question's own number typed back ("16" for "What is the 16 in FP16?")
            full = left_out = all(
                r.stop or r.num or j in m.used or _in(r.word, r.stem, ctx.free) for j, r in enumerate(resp)
            ) and not any(resp[j].num and resp[j].word in ctx.question for j in m.used)

    if m.rival is not None and not (full and _mentioned_rival(m.rival, response, m, ctx)):
        return _rival_verdict(v, m.rival, m.rival.shown or m.rival_said, full)
    if not full and _binary_choice(v, resp, ctx):
        return right(v.display)
    if not full:
        if True in m.flipped and any(m.flipped[i] and covered[i] == 0 and i not in optional for i in range(n)):
            return wrong(VerdictReason.NEGATED, expected=v.display)
        if len(v.items) > 1:
            done = [it for it in v.items if all(m.covered[i] > 0 for i in it)]
            if done:
                written = _written_items(v)
                missing = [
                    written[k] if written else " ".join(v.toks[i].word for i in it)
                    for k, it in enumerate(v.items)
                    if it not in done
                ]
                extra = _competing(v, response, m, ctx, tables().glossary)
                if extra:
                    return wrong(VerdictReason.NOT_ONE_OF, extra)
                return Verdict(
                    VerdictKind.PARTIAL,
                    round(len(done) / len(v.items), 3),
                    VerdictReason.PARTIAL_LIST,
                    missing=tuple(missing),
                    found=len(done),
                    total=len(v.items),
                )
        return not_quite()

    if v.nums and _sign_turned(v, resp, m):
        return not_quite()  # "-5" for 5: another number
    if v.nums and _numbers_short(v, resp):
        return not_quite()  # "1/e" for "1 - 1/e": a formula's number said fewer times, a term of it left out
    if v.nums and full and _bounded(v, response.text, ctx):
        return not_quite()  # "before 2017", "at least 15%" for 2017, 15%: a bound, not the number
    if v.nums and full:
        other = _range_around(v, response.text)
        if other:
            return wrong(VerdictReason.HEDGED, other)  # "12-24" or "between 10 and 12" for 12: a range, no answer
    if (
        not v.nums
        and len(resp) <= _FORMULA_LONGEST
        and ("minus" in v.words or any(t.word == "minus" for t in resp))
        and _minus_words(resp) != _minus_words(v.toks)
    ):
        return not_quite()  # "-cos x" for cos x, "e^x" for e^-x: the other sign
    if _dangling(v, resp, m):
        return not_quite()  # "analysis variance of": the name's words in another order, its little word left hanging
    glossary = tables().glossary
    extra = _competing(v, response, m, ctx, glossary)
    if extra:
        return wrong(VerdictReason.NOT_ONE_OF if len(v.items) > 1 else VerdictReason.HEDGED, extra)
    if _is_dump(v, resp, m, ctx, glossary):
        return wrong(VerdictReason.KEYWORD_LIST)
    beside = _term_beside(v, resp, m, ctx)
    if beside:
        return wrong(VerdictReason.NOT_ONE_OF, beside)  # "top-p temperature", "temperature beam search"
    if check is not None:
        bad = _checked(v, response, m, ctx, check)
        if bad is not None:
            return bad
    if REALWORD in covered:
        return did_you_mean_verdict(v.display)
    if TYPO in covered:
        if any(_glued_term(said, v) for said, _meant in m.typos):
            return not_quite()  # "ptuning" for "pruning": "P-tuning" run together, another term
        return right(v.display, 0.9 - left_out * 0.05, VerdictReason.SPELLING)
    if left_out:
        # Right, with words left out ("Adam" for "Adam optimizer"): another form said whole ranks first.
        return right(v.display, LEFT_OUT)
    return right(v.display)


#: Little words that join the words of a name ("law of large numbers") and cannot end it, nor open it but for
#: the articles.
_JOINING: Final = frozenset({"of", "the", "a", "an", "and", "to", "for", "in", "on", "with", "by", "from", "at"})


#: Little words that open no name ("of large numbers law"); "in 1989", "at least 23" open answers.
_OPENS_NO_NAME: Final = frozenset({"of", "and"})


#: Where a list answer's items part, as written ("C++, C# and Python", "A; B or C").
_ITEM_SPLIT_RE: Final = re.compile(r"\s*,\s+(?:and\s+|or\s+)?|\s*;\s*|\s+(?:and|or)\s+")


def _written_items(v: Variant) -> tuple[str, ...]:
    """The items of a list answer as its text writes them ("C++", not the grader's "c plusplus"), one per item of
    ``v``; () when the text does not part into as many."""
    parts = tuple(p.strip() for p in _ITEM_SPLIT_RE.split(v.display.strip()) if p.strip())
    return parts if len(parts) == len(v.items) else ()


@functools.lru_cache(maxsize=1024)
def _display_words(display: str) -> tuple[str, ...]:
    """The words of an answer as written, folded."""
    return tuple(normalise(display).split())


def _dangling(v: Variant, resp: Sequence[Tok], m: Match) -> bool:
    """The item the answer is said in ends with a little word that joins words of a name ("analysis variance
    of", "Bastille the") or opens with one that is no article ("of large numbers law"), where the answer's
    form does not: its words said in another order, no name."""
    if not m.used or v.nums:
        return False  # (a range's "to" before a "+5" is no name's word)
    item = resp[min(m.used)].item
    said = [r for r in resp if r.item == item]
    if len(said) < 2:
        return False
    last, first = said[-1], said[0]
    words = _display_words(v.display)
    if not words or len(said) > len(words) + 1:
        return False  # (a sentence around the answer, "what does BERT stand for", is no name reordered)
    if last.word in _JOINING and last.stop and words[-1] != last.word:
        return True
    return first.word in _OPENS_NO_NAME and first.stop and words[0] != first.word


#: The longest response (in words) whose minus signs are weighed against a formula's: a longer one may say a
#: sign elsewhere ("sin x, because sin(-x) = -sin x").
_FORMULA_LONGEST: Final = 8


def _minus_words(toks: Sequence[Tok]) -> int:
    """How many of ``toks`` are a minus sign before a word, not a number (``normalise`` reads one as the word
    "minus"; ``_sign_turned`` weighs those before a number)."""
    return sum(t.word == "minus" and (k + 1 == len(toks) or not toks[k + 1].num) for k, t in enumerate(toks))


def _operand(t: Tok) -> bool:
    """``t`` is a term a minus after it subtracts from: a number, or a variable of a letter or two ("n", "xy")."""
    return t.num or (len(t.word) <= 2 and t.word.isalpha() and not t.stop)


def _sign_turned(v: Variant, resp: Sequence[Tok], m: Match) -> bool:
    """A number of the answer said with a minus the answer does not give it ("-5" for 5): ``normalise`` reads a
    minus sign as the word "minus", which a number the answer gives without one leaves over."""
    if any(t.word == "minus" for t in v.toks):
        return False  # (a range of both signs: "-1 to 1", whose "-1" a remark may say again)
    said = Counter(
        resp[j].word
        for j in m.used
        if j and resp[j].num and resp[j - 1].word == "minus" and not (j > 1 and _operand(resp[j - 2]))
    )  # (not "n minus 1": a difference, whose signs ``formula_signs`` weighs)
    if not said:
        return False
    given = Counter(t.word for i, t in enumerate(v.toks) if i and t.num and v.toks[i - 1].word == "minus")
    return bool(said - given)


def may_pass(
    v: Variant,
    response: Response,
    ctx: Context,
    optional: frozenset[int] = frozenset(),
    kinds: frozenset[int] = frozenset(),
    *,
    spelt_right: bool = False,
) -> bool:
    """False when ``judge`` (with the same arguments) is sure to find the response wrong against ``v``:
    no ruled-out option answers it (``_binary_choice``), and the words of the response cannot cover the
    form (every token it may not leave out, ``optional`` or ``kinds``, and one token at least) nor one
    item of a list answer whole (``alignment.Reach``). With ``spelt_right``, False also when the response
    cannot be right against ``v`` without a typo (a verdict no better than a misspelt right answer).
    Cheap: no alignment."""
    n = len(v.toks)
    if n == 1 and _binary_choice(v, response.toks, ctx):
        return True
    coverable = reach(response, ctx.known).coverable
    some = False
    for i in range(n):
        if optional and i in optional or kinds and i in kinds:
            continue
        if not coverable(response, v, i, spelt_right):
            break
        some = True
    else:
        if some or any(coverable(response, v, i, spelt_right) for i in range(n)):
            return True
    if spelt_right:
        return False  # (a partial list is no better)
    return len(v.items) > 1 and any(all(coverable(response, v, i) for i in item) for item in v.items)


#: Who a name is said to be given by ("what people call Y", "which we also call Y").
_CALLERS: Final = (
    r"(?:people|we|we'd|we would|they|you|some|many|most|everyone|everybody|folks|researchers|others"
    r"|(?:some|many|most) people)"
    r"(?: (?:usually|often|sometimes|also|now|just|commonly))?"
)
#: "X, also called Y", "X (what people call Y)", "X, short for Y": the answer given another name. (Not "in other
#: words", "meaning" or "which means": they as often say a broader kind or a case, "k-means, in other words
#: clustering", "temperature (at 0, meaning greedy decoding)".)
_APPOSITIVE_RE: Final = re.compile(
    r"(?:\balso (?:called|known as)|\bknown as|\bcalled|\baka|\ba\.k\.a\.?|\bi\.?e\.?|\bthat is(?: to say)?"
    r"|\bnamely|\bnicknamed|\babbreviated(?: as| to)?|\bshort for|\breferred to as"
    r"|\bsometimes written(?: as)?|\b(?:which|that|it|this) stands for"
    r"|\b(?:what|which|that) " + _CALLERS + r" calls?)[\s,:]+(.+)$",
    re.IGNORECASE,
)
#: "X, Y for short": another name given before what says it is one.
_FOR_SHORT_RE: Final = re.compile(r"[,;(\u2013\u2014]\s*(?:or\s+)?([^,;()\u2013\u2014]+?)\s+for short\b", re.IGNORECASE)


def _other_name(v: Variant, response: Response, ctx: Context) -> str:
    """ "binary cross-entropy, also called hinge loss": another known term given as the answer's name
    (not one of the card's names, nor a name of the answer's side in the rival table); the term, or ""."""
    text = response.text
    found = _APPOSITIVE_RE.search(text) or (_FOR_SHORT_RE.search(text) if "for short" in text.lower() else None)
    if found is None:
        return ""
    tail = found.group(1).strip(" .!?)]")
    toks = [t for t in analyse_cached(tail) if not t.stop]
    if not toks or len(toks) > 4 or any(t.neg for t in toks):
        return ""
    if all(_in(t.word, t.stem, ctx.names) for t in toks):
        return ""
    name = " ".join(t.word for t in toks)
    tabs = tables()
    known = name in tabs.term_words or tail.lower() in tabs.terms or tail.lower() in deck_terms()
    if not known:
        stems = tuple(t.stem for t in toks)
        known = any(stems in side.phrases for group in tabs.groups for side in group)
    if not known or _same_side(v, tuple(t.stem for t in toks)):
        return ""
    return tail


def _same_side(v: Variant, stems: tuple[str, ...]) -> bool:
    """Whether ``stems`` names the answer's own side of a group of rivals ("high variance" for "overfitting")."""
    tabs = tables()
    own = [t.stem for t in v.toks]
    for g in {g for st in own for g in tabs.groups_by_stem.get(st, ())}:
        for side in tabs.groups[g]:
            if stems in side.phrases and any(has_run(own, p) for p in side.phrases):
                return True
    return False


def _capitalised(text: str) -> frozenset[str]:
    """The words of ``text`` written with a capital first letter, lower case."""
    return frozenset(w.lower() for w in _CAPITALISED_RE.findall(text))


_CAPITALISED_RE: Final = re.compile(r"\b[A-Z][a-z]+")


def _initial_inside(t: Tok, toks: Sequence[Tok]) -> bool:
    """``t`` is one letter between two words of a name: an initial ("Leslie N. Smith")."""
    return len(t.word) == 1 and t.word.isalpha() and len(toks) >= 3 and t is not toks[0] and t is not toks[-1]


def _title_cased(resp: Sequence[Tok], item: int, text: str) -> bool:
    """List item ``item`` is a name written in capitals, word after word: three words or more, most of its words
    (little ones aside) written with a capital, the first of them too ("Grade School Math", not "which Google
    built")."""
    said = [r for r in resp if r.item == item and not r.stop and not r.num]
    while said and (said[0].word in _OFFERING or said[0].word == "also"):
        said = said[1:]  # the words that offer it ("though maybe Grade School Math")
    if len(said) < 3:
        return False
    named = _named_later(text)
    if resp[0].item == item and said[0] is resp[0]:
        said = said[1:]  # the first word of the text has its capital anyway: the words after it say
        if len(said) < 3:
            return False
    capitals = sum(r.word in named for r in said)
    return said[0].word in named and capitals >= 3 and capitals * 5 >= len(said) * 4


def _named_later(text: str, *, first: bool = False) -> frozenset[str]:
    """The words of ``text`` but its first written with a capital first letter (and a small one after it),
    lower case: names ("MapReduce and Bigtable"), though their ending may be an adjective's. With ``first``,
    its first word too."""
    return frozenset(w.lower() for w in _NAMED_RE.findall(text, 0 if first else 1) if not w.isupper())


_NAMED_RE: Final = re.compile(r"\b[A-Z][\w-]*[a-z][\w-]*")


def _named_first(text: str, resp: Sequence[Tok], item: int) -> frozenset[str]:
    """The first word of ``text``, lower case, when list item ``item`` opens the response, the answer follows it
    after a comma as the last item, and it is written with a capital but no ending of an adverb or a
    participle: "Bigtable, backpropagation", "Sparse Transformer, mean squared error" (a first word's capital
    names it as a later word's would; "Honestly, ...", "Interesting, ..." are talk)."""
    if not resp or resp[0].item != item or resp[-1].item != item + 1:
        return frozenset()
    first = _NAMED_RE.match(text.lstrip())
    if first is None or first.group(0).lower().endswith(("ly", "ing", "ed")):
        return frozenset()
    return frozenset({first.group(0).lower()})


_ARTICLES: Final = frozenset({"a", "an", "the"})
#: Titles before a person's name.
_TITLES: Final = frozenset("rev reverend sir dame lord lady dr doctor prof professor mr mrs ms st saint".split())
#: A qualifier of the answer may follow it by this many words ("learning rate set too low").
_AFTER_QUALIFIER: Final = 3
#: ... or in the response's last part, right after the answer's, of at most this many words ("learning rate, too low").
_QUALIFIER_PART: Final = 2


def _only_qualifiers(resp: Sequence[Tok], item: int) -> bool:
    """Whether part ``item`` of the response says at most ``_QUALIFIER_PART`` words besides little ones, each a
    qualifier or a word of degree ("too low", "(low)", "way too high"), and no noun ("small weights")."""
    said = [t for t in resp if t.item == item and not t.stop]
    opposite = tables().opposites
    return 0 < len(said) <= _QUALIFIER_PART and all(t.word in opposite or t.word in _DEGREE_WORDS for t in said)


#: Words of degree before a qualifier ("too low", "way too high").
_DEGREE_WORDS: Final = frozenset("too very way quite rather overly extremely really much far slightly bit".split())


def _rivals_word(t: Tok, ctx: Context) -> bool:
    """``t``, said just before the answer, is a word of a wrong answer the card names that no name of the card
    nor its question says: it makes the answer that other thing ("a convolutional vision transformer" where
    "convolutional neural network" is a rejected answer)."""
    if t.num or len(t.word) < 3 or t.word in GENERIC or t.stem in GENERIC or _in(t.word, t.stem, ctx.free):
        return False
    if ctx.support is not None and (t.stem in ctx.support.contrasted or t.stem in ctx.support.contrast_words):
        return True  # "greedy simulated annealing", where the card says "unlike greedy hill climbing"
    return any(t.stem in rv.stems or t.word in rv.stems for rv in ctx.rejects)


def _in(word: str, word_stem: str, words: frozenset[str]) -> bool:
    """``word`` (or its stem, or itself without a plural "s": "SVMs") is one of ``words``."""
    return word in words or word_stem in words or (word.endswith("s") and word[:-1] in words)


def _misspelt_from(word: str, m: Match, question: frozenset[str]) -> bool:
    """Whether ``word`` is a misspelling, in the match ``m``, of one of the question's words (the acronym asked
    about with two letters swapped: "RLIAF" for "What does RLAIF stand for?")."""
    return any(said == word and meant in question for said, meant in m.typos)


def _checked(v: Variant, response: Response, m: Match, ctx: Context, check: FormCheck) -> Verdict | None:
    """A full match that is still wrong: an echo of the question, a fixed name in another order, a
    longer known term, or a trailing claim that contradicts the question."""
    resp = response.toks
    question = ctx.question
    # Words the alignment did not use: the checks below look at them (none left, nothing to check).
    rest = [r for j, r in enumerate(resp) if j not in m.used and not r.stop]
    if v.nums and ctx.answer_units[0] and any(resp[j].num and _other_unit(resp, j, ctx) for j in m.used):
        return not_quite()  # "75 characters" for "How many words do 100 tokens make? 75 words"
    if (
        v.nums
        and any(resp[j].num and resp[j].word.endswith("%") for j in m.used)
        and all(_whole_count(t.word) for t in v.toks if t.num)  # (0.9 is 90%)
        and not ctx.question & _SHARE_WORDS
    ):
        return not_quite()  # "50%" for "How many layers does ResNet-50 have? 50": a share, where a count is asked
    if (
        check.echo
        and m.used
        and not all(resp[j].num for j in m.used)  # the number the question quotes may be the answer
        and (
            all(_in(resp[j].word, resp[j].stem, question) or _misspelt_from(resp[j].word, m, question) for j in m.used)
            # the question's acronym typed in pieces ("rl hf" for "What does RLHF stand for?")
            or (len(resp) <= _PIECES and len(m.used) >= 2 and "".join(resp[j].word for j in sorted(m.used)) in question)
        )
    ):
        return not_quite()
    if check.apart and m.used and not all(resp[j].num for j in m.used) and _echoes_part(resp, m, v, ctx):
        return not_quite()  # "residual" for "Which architecture introduced residual connections to train networks?"
    if ctx.options and rest and m.used and any(v.stems <= option for option in ctx.options):
        # "sparse, or both", "sparse, maybe either" for "... sparse or dense?": no option picked
        answer_items = {resp[j].item for j in m.used}
        for r in resp:
            if r.word in _EVERY_OPTION and not r.neg and r.item not in answer_items:
                besides = [x for x in resp if x.item == r.item and x is not r and not x.stop and x.word not in MAYBE_WORDS]
                if not besides or (r.word == "both" and r.item in response.hedges):
                    return wrong(VerdictReason.PICK_ONE, r.word, v.display)
    if ctx.named_numbers and m.used and all(resp[j].num for j in m.used):
        numbers = {resp[j].word for j in m.used}
        if all(
            k > 0 and (resp[k - 1].word, r.word) in ctx.named_numbers and resp[k - 1].item == r.item
            for k, r in enumerate(resp) if r.word in numbers
        ):
            return not_quite()  # "ResNet-50 model" for "How many layers does ResNet-50 have?"
    if (
        check.echo
        and len(rest) >= 2
        and any(resp[j].num for j in m.used)
        and all(_in(resp[j].word, resp[j].stem, question) for j in m.used)
        and _quotes_question(resp, m, ctx, len(resp))
    ):
        return not_quite()  # "many times does one epoch pass" for "How many times does one epoch pass ...?"
    if not check.echo and rest and not ctx.options and (
        _quotes_question(resp, m, ctx)
        or (
            len(rest) >= _RETOLD_WORDS
            and ctx.support is not None
            and (ctx.support.explained or ctx.asks)
            and _retells_question(resp, m, ctx)
        )
    ):
        return not_quite()  # "the L1 norm" for "Which regularization adds the L1 norm ...?", though "L1" is an answer
    if ctx.options and rest and _quotes_question(resp, m, ctx, len(resp)) and _said_words(resp) >= _OPTIONS_QUOTED:
        return not_quite()  # "... the second, third or fourth?" typed back: every option offered, none chosen
    if check.ordered:
        # "experts, mixture of" is an index entry, not a reordering: only words of one item count.
        last = -1
        for i, t in enumerate(v.toks):
            j = m.pos[i]
            if j < 0 or t.word in GENERIC or t.stem in GENERIC or len(v.by_word.get(t.word, ())) > 1:
                continue  # a word the name says twice may be matched at either place
            if j < last and resp[j].item == resp[last].item:
                return not_quite()
            last = j
    if check.order and _reordered([t.word for t in resp if not t.neg], check.order):
        return not_quite()
    if check.tight:
        if v.stems <= response.pos_stems:
            if _swapped_run(resp, [t.stem for t in v.toks], [t.word for t in v.toks]):
                return not_quite()  # "collapse mode" for "mode collapse", "forcing teacher" for "teacher forcing"
        else:
            # The words that say what kind of thing it is left out: the rest of the name, in its order
            # ("lookup string" for "string lookup layer").
            kept = [t.stem for i, t in enumerate(v.toks) if m.pos[i] >= 0]
            kept_words = [t.word for i, t in enumerate(v.toks) if m.pos[i] >= 0]
            if len(kept) >= 2 and kept == [t.stem for t in v.toks[: len(kept)]] and _swapped_run(resp, kept, kept_words):
                return not_quite()
    if check.initials:
        # (A word the name says twice may be matched at either place: "term frequency-inverse document frequency".)
        at = [j for i, j in enumerate(m.pos) if j >= 0 and len(v.by_word.get(v.toks[i].word, ())) <= 1]
        # ("experts, mixture of" is an index entry: the name turned about once, at a new item.)
        turns = [k for k in range(len(at) - 1) if at[k + 1] < at[k]]
        entry = len(turns) == 1 and at[-1] < at[0] and resp[at[turns[0]]].item != resp[at[turns[0] + 1]].item
        if turns and not entry:
            return not_quite()  # "uniform manifold projection and approximation" for "What does UMAP stand for?"
    if check.surname and not any(
        r.word.startswith(check.surname) and len(r.word) <= len(check.surname) + 1 for r in resp
    ):
        return not_quite()  # "Kaiming" for "Kaiming He": a first name alone names nobody
    if check.given and _other_given_name(resp, check.given, check.family):
        return not_quite()  # "Pierre Curie" for "Marie Curie": the surname, but someone else
    for order, words in check.orders:
        if len(resp) <= len(order) + _NAME_SLACK and words <= response.pos_stems:
            if _reordered([t.word for t in resp], order):
                return not_quite()  # "experts of mixture", though "MoE model" is an answer
    # (Another name's words said in another order need words besides the form's, but where the form matched
    # them as other words of its own: "dioxide carbon" matched as "CO2", "cache KV" as "key-value cache".)
    if (rest or not check.tight) and _names_reordered(resp, response, check.names):
        return not_quite()  # "similarity cosine", though "cosine" alone is an answer
    if not rest:
        return None
    if m.used:
        # The word just before the answer qualifies it: the opposite of the question's word names
        # something else ("low temperature" for "A high ___ makes sampling more random").
        j = min(m.used) - 1
        while j >= 0 and resp[j].word in _ARTICLES and resp[j].item == resp[j + 1].item:
            j -= 1
        if j >= 0 and not resp[j].neg and not resp[j].stop and resp[j].item == resp[min(m.used)].item:
            if resp[j].word not in question and _qualifier_clash(resp[j].word, question):
                return not_quite()
            # (or the word before it, where the two qualify the answer together: "minimum-margin SVM")
            k = j - 1
            if (
                k >= 0 and resp[k].item == resp[j].item and not (resp[k].neg or resp[k].stop)
                and resp[k].word not in question and _qualifier_clash(resp[k].word, question)
            ):
                return not_quite()
            if resp[j].word not in ctx.names and _qualifier_clash(resp[j].word, ctx.names):
                return not_quite()  # "divisive hierarchical clustering" where an answer is "agglomerative ..."
            if (
                ctx.support is not None
                and ctx.support.explained
                and not _said_in(resp[j], ctx.support.words, ctx.support.stems)
                and not _gradable(resp[j].word)
                and _qualifier_clash(resp[j].word, ctx.support.words)
            ):
                return not_quite()  # "stochastic beam search" where the card says "it is deterministic" only
            if _rivals_word(resp[j], ctx):
                return not_quite()  # "a convolutional vision transformer" where "convolutional neural network" is wrong
            if (
                check.expansion
                and not resp[j].num
                and not _in(resp[j].word, resp[j].stem, ctx.free)
                and not _links_acronym(resp, j, question)
            ):
                return not_quite()  # "conditional generative adversarial network" for "What does GAN stand for?"
            if check.facts and resp[j].word not in question and any(
                not is_ and phrase == (resp[j].stem,) for phrase, is_ in check.facts
            ):
                return not_quite()  # "supervised k-means": what the answer is not, said of it
            if all(resp[k].stop for k in range(j) if resp[k].item == resp[j].item) and _foreign_modifier(resp[j], v, check, ctx):
                return not_quite()  # "null pointer", "greedy simulated annealing": a word no name of the card has
            k = j - 1
            if (
                k >= 0 and resp[k].item == resp[j].item and not (resp[k].stop or resp[k].neg or resp[j].num)
                and all(resp[i].stop for i in range(k) if resp[i].item == resp[k].item)
                and _foreign_modifier(resp[k], v, check, ctx)
                and resp[j].word in tables().kind_words
            ):
                return not_quite()  # "contrastive loss temperature": another kind of thing named before it
        # ... or a word just after it ("learning rate too low", "temperature set low"), in the item it is
        # first said in (not after a word of it said again later: the "t" of "Student-t" for "t-SNE").
        # Little words do not count ("learning rate that is too low"), and a short part of the response right after
        # the answer's says it of the answer too ("learning rate, too low", "learning rate (too low)").
        said_in = resp[min(m.used)].item
        last = max(j for j in m.used if resp[j].item == said_in)
        part = said_in
        seen = 0
        for k in range(last + 1, len(resp)):
            r = resp[k]
            if r.item != part:
                if (
                    r.item != part + 1 or part != said_in or resp[-1].item != r.item
                    or not _only_qualifiers(resp, r.item)
                ):
                    # (only the response's last part, and one that says nothing but how: "a stack (last in, first
                    # out)" describes it, "weight decay (small weights)" says what it does)
                    break
                part = r.item
            if r.neg:
                break
            if r.stop or r.word in question:
                continue
            if _qualifier_clash(r.word, question):
                return not_quite()
            seen += 1
            if seen >= _AFTER_QUALIFIER:
                break
        end = _answer_end(resp, m)
        if _foreign_head(resp, end, resp[end].item, v, check, ctx):
            return not_quite()  # "temperature contrastive loss": the answer names a kind of another thing
    if check.followed and m.used and _followed_by(resp, m, check.followed):
        return not_quite()  # "binary search tree" for "binary search": another term the answer starts
    credited: frozenset[str] = frozenset()
    if check.alone:
        # Another person beside the one asked for: a word of another item that the card does not say, or
        # a capitalised name (one the question mentions: "Hinton and Bengio").
        items = {resp[j].item for j in m.used}
        names = _capitalised(response.text)
        after = _remark_start(resp, m)
        credited = _credited_remark(resp[after:], check.family, names, ctx)
        for j, r in enumerate(resp):
            if r.stop or r.neg or len(r.word) < 2 or _in(r.word, r.stem, ctx.names):
                continue
            if r.item in items and not (credited and j >= after):
                continue  # (a remark that says the name again is read whole: "Kolmogorov, ... Kolmogorov complexity alone")
            if r.word in _TITLES:
                continue  # "Rev. Thomas Bayes", "Sir Isaac Newton": a title, not another person
            if r.stem in credited or (credited and r.word not in names and not r.num and not _claim_word(r)):
                continue  # a remark of what the table credits them with: "Torvalds, who also created Git"
            if not _in(r.word, r.stem, ctx.free) or r.word in names:
                return not_quite()
    for longer in check.longer:
        if all(s in response.pos_stems for s in longer) and not (credited and all(s in credited for s in longer)):
            return not_quite()  # (not the name of what the person is credited with: "Kolmogorov complexity")
    if len(resp) <= CLAIM_WORDS and m.used and _inside_other_term(v, resp, m, ctx):
        return not_quite()
    if len(resp) <= CLAIM_WORDS:
        other = _other_name(v, response, ctx)
        if other:
            return wrong(VerdictReason.NEAR_MISS, other, v.display)
    if m.used and _explanation_phrase(resp, m, ctx):
        return not_quite()  # "truncated normal distribution" for "truncation trick": another thing the card names
    if m.used and ctx.support is not None and ctx.support.runs and len(resp) <= FLIP_WORDS:
        after = _remark_start(resp, m)
        if after < len(resp) and flips_card_text(resp[after:], ctx.support):
            return not_quite()  # "beam search, which keeps the k least probable sequences" for "... most probable ..."
    if m.used and ctx.support is not None and ctx.support.relations and len(resp) <= FLIP_WORDS:
        if swaps_relation(response.text, ctx.support):
            return not_quite()  # "Jensen's inequality, which says E[f(X)] ≤ f(E[X])" for "... f(E[X]) ≤ E[f(X)] ...?"
    claims = ctx.claims
    # The remark is weighed with its denying verbs read as negators ("Adam, which skips momentum").
    plain = resp
    resp = response.denying if len(resp) <= FACT_WORDS else resp
    if resp is not plain:
        rest = [r for j, r in enumerate(resp) if j not in m.used and not r.stop]
    if check.facts and len(resp) <= FACT_WORDS and m.used:
        # After the answer said first ("gradient clipping, a fix for vanishing gradients" says it once). A
        # word of a later item that the alignment took as the answer's last word is the remark's ("policy
        # gradient, a value-based method" for "policy gradient methods"): the remark starts after the item.
        after = _remark_start(resp, m)
        remark = resp[after:]
        if remark and _denies_facts(remark, check.facts, plain[after:] if resp is not plain else None, check.by_first):
            return not_quite()
    if len(resp) <= CLAIM_WORDS and m.used and True in (r.neg for r in resp):
        after = _remark_start(resp, m)
        if _denies_itself(v, resp[after:]):
            return not_quite()  # "reinforcement learning from human feedback, with no humans involved"
    if check.siblings and len(resp) <= CLAIM_WORDS and m.used:
        after = _remark_start(resp, m)
        if after < len(resp) and _describes_sibling(resp[after:], check.siblings, plain[after:] if resp is not plain else None):
            return not_quite()  # "masking, which randomly zeroes units during training": dropout, not masking
    if claims.denied and len(resp) <= CLAIM_WORDS and m.used:
        after = _remark_start(resp, m)
        remark = resp[after:]
        if remark and _denies_facts(remark, claims.denied, plain[after:] if resp is not plain else None):
            return not_quite()  # "RMSNorm, which subtracts the mean" for "... without subtracting the mean?"
    if claims.qualified and len(resp) <= CLAIM_WORDS and m.used:
        after = _remark_start(plain, m)
        if after < len(plain) and _turns_qualifier(plain[after:], claims, ctx.question, v):
            return not_quite()  # "Bellman-Ford, because the cycles are positive" for "... detects negative cycles?"
    if claims.denied_words and len(resp) <= CLAIM_WORDS and m.used:
        after = _remark_start(plain, m)
        if after < len(plain) and _asserts_denied_word(plain[after:], claims, v):
            return not_quite()  # "the null hypothesis, which claims there is an effect" for "... claim of no effect ...?"
    if len(resp) <= CLAIM_WORDS and m.used:
        # (Where the answer said first ends: a word the alignment took from the remark is the remark's,
        # "a text embedding model, which maps similar texts to ...".)
        last = _remark_start(resp, m) - 1
        sides = tables().claim_sides
        # A denying verb turns a side of an opposite ("skipped at inference" keeps to training), but not a
        # word of the question ("which ignores vector length" weighs the vectors, it does not deny them).
        claim = [
            r if r.stem in sides else p
            for j, (p, r) in enumerate(zip(plain, resp, strict=True))
            if j > last and (not r.stop or r.stem in sides) and not _named_side(resp, j, sides)
            and not (r.neg and _in_denied_term(resp, j, ctx.question))
        ]
        # Only a remark that says a word of the question or an opposite can contradict it.
        offered = frozenset().union(*ctx.options) | _denied_others(resp, last + 1, ctx)
        if any(r.stem in sides or r.stem in question for r in claim) and _contradicts(claim, claims, v, offered):
            return not_quite()
        if ctx.turned and any(not r.neg and r.word in ctx.turned and r.stem not in v.stems for r in claim):
            return not_quite()  # "a sigmoid belief net, whose variables are unobserved" for "... is observed?"
        if ctx.explained.stems and _contradicts_explanation(v, m, resp, plain, ctx.explained, offered):
            return not_quite()
        if ctx.roles.names and _swaps_roles(resp, last + 1, ctx.roles):
            return not_quite()
        if last + 1 < len(resp) and len(m.used) == 1 and _misexpands(plain[min(m.used)].word, plain[last + 1 :], ctx):
            return not_quite()  # "lasso, least angle shrinkage and smoothing operator"
        if ctx.accepted_names and last + 1 < len(resp) and _opposes_own_name(plain[last + 1 :], ctx):
            return not_quite()  # "discriminative model, the opposite of a conditional model"
        if ctx.support is not None and last + 1 < len(resp):
            # An absolute word, a year or share, an organisation, a mapping the card does not support
            # ("k-means, which always finds the global optimum", "transformers, introduced in 2014").
            if unsupported(response.text, plain[last + 1 :], ctx.support, ctx.names, check.facts, v.stems, terms=ctx.term_names):
                return not_quite()
    elif len(resp) <= REMARK_WORDS and m.used and ctx.support is not None:
        last = _remark_start(resp, m) - 1
        if last + 1 < len(resp) and unsupported(response.text, plain[last + 1 :], ctx.support, ctx.names, check.facts, v.stems, terms=ctx.term_names):
            return not_quite()
    if (claims.negated or claims.rivals) and len(resp) <= CLAIM_WORDS:
        for r in rest:
            if r.num and not r.neg and r.stem in claims.negated and r.stem not in claims.said:
                return not_quite()  # "..., which sets them to zero" for "... without making them zero"
        if claims.rivals and rest:
            # (A word that ends the name of a known term names that term: "like logistic regression".)
            said = {
                r.stem
                for j, r in enumerate(resp)
                if j not in m.used and not r.stop and not r.neg and not _named_side(resp, j, None)
            }
            for rv in claims.rivals:
                if rv.stems and all(s in said for s in rv.stems):
                    return wrong(VerdictReason.NEAR_MISS, rv.shown, rv.accepted)
    return None


_UNIT_RE: Final = re.compile(r"\d[\d.,]*%?\s+([a-z]+)")
_PER_RE: Final = re.compile(r"\b(?:per|every|each)\s+([a-z]+)")


def named_numbers(question: str | None) -> frozenset[tuple[str, str]]:
    """``Context.named_numbers`` of ``question``."""
    found = set()
    for m in _NAMED_NUMBER_RE.finditer(question or ""):
        toks = analyse_cached(m.group(0))
        if len(toks) == 2 and toks[1].num and not toks[0].num and not toks[0].stop:
            found.add((toks[0].word, toks[1].word))
    return frozenset(found)


#: A name written with a number in it: "ResNet-50", "GPT-3", "ImageNet-1k".
_NAMED_NUMBER_RE: Final = re.compile(r"\b[A-Za-z]+-?\d[\w.]*\b")


def unit_words(*accept: str) -> tuple[frozenset[str], frozenset[str]]:
    """``Context.answer_units`` of a card's accepted answers: the words right after a number in them, and the words
    after "per" in those that have one; each word with its stem."""
    units: set[str] = set()
    per: set[str] = set()
    for a in accept:
        text = a.lower()
        for found, rx in ((units, _UNIT_RE), (per, _PER_RE)):
            if rx is _PER_RE and not _UNIT_RE.search(text):
                continue
            for w in rx.findall(text):
                if w not in STOP:
                    found.update((w, stem(w)))
    return frozenset(units), frozenset(per)


def _other_unit(resp: Sequence[Tok], at: int, ctx: Context) -> bool:
    """The word right after a number said as the answer is another unit than the accepted answers give it:
    "75 characters" where an answer is "75 words" (not "75 wrods", "75 English words"), "20 parameters per
    token" where it is "20 tokens per parameter"."""
    units, per = ctx.answer_units
    k = at + 1
    if not units or k >= len(resp):
        return False
    r = resp[k]
    if (
        r.item != resp[at].item
        or r.stop
        or r.num
        or r.neg
        or len(r.word) < 3
        or r.word in _CONNECTIVES
        or _in(r.word, r.stem, units)
    ):
        return False
    if _in(r.word, r.stem, per):
        return True  # the rate the other way round
    if _in(r.word, r.stem, ctx.free):
        return False
    return not any(fuzz.ratio(r.word, w) >= _UNIT_SPELLING for w in units)


def _whole_count(word: str) -> bool:
    """``word`` is a whole number above 1, no percentage: a count, which a percentage is no form of."""
    return word.isdigit() and int(word) > 1


#: Words of a question that asks for a share, which a percentage answers.
_SHARE_WORDS: Final = frozenset(
    "percent percentage per cent share proportion fraction rate ratio probability chance odds likelihood much".split()
)
#: Words that start a clause after a number, not a unit ("15% because ...").
_CONNECTIVES: Final = frozenset(
    "because since although though while whereas unless until which who whose where when than roughly approx".split()
)
#: How close a word after a number must be to one the card says to be a misspelling of it ("wrods").
_UNIT_SPELLING: Final = 75


def _denied_others(resp: Sequence[Tok], start: int, ctx: Context) -> frozenset[str]:
    """The stems of each run of negated words from ``start`` on that names another thing whole: a rejected
    answer, or a known term of two words or more that the question does not say ("mode collapse, not model
    collapse", "the query, not the key"). The remark
    sets the answer against it; it does not deny the question's words it shares."""
    out: set[str] = set()
    run: list[Tok] = []
    for r in (*resp[start:], None):
        if r is not None and r.neg and (not run or r.item == run[-1].item):
            if not r.stop:
                run.append(r)
            continue
        if run:
            stems = {t.stem for t in run}
            if any(rv.stems and stems == set(rv.stems) for rv in ctx.rejects) or (
                # (a term the question says is the question's own: "..., not in attention" denies it)
                _known_phrase(run, plural=True) and not stems <= ctx.question
            ):
                out |= stems
        run = [r] if r is not None and r.neg and not r.stop else []
    # (what the question denies too agrees with it: "instead of batch monitoring" for "what replaces batch
    # monitoring?")
    return frozenset(out) - {stem for stem, neg in ctx.claims.words if neg}


#: Words that say a thing is there or needed, not what it is: "no humans involved", "no labels needed".
_PRESENCE: Final = frozenset(
    """involved involvement involve involves involving needed need needs required require requires requirement
    necessary used use uses using present given whatsoever real actual actually any at all ever""".split()
)


def _said_in_order(stems: Sequence[str], v: Variant) -> bool:
    """Whether ``stems`` are said in the order the answer ``v`` says them (gaps allowed)."""
    it = iter(t.stem for t in v.toks)
    return all(any(s == x for x in it) for s in stems)


def _in_denied_term(resp: Sequence[Tok], j: int, said: Container[str]) -> bool:
    """Whether the denied word at ``j`` is part of a known term of two or three words denied whole, one that
    ``said`` (the question's or the explanation's stems) does not say whole ("not k-nearest neighbours"
    denies that term, not the question's "nearest"; "doesn't depend on batch size" denies its "batch size")."""
    for lo in range(max(j - 2, 0), j + 1):
        for hi in range(max(lo + 2, j + 1), min(lo + 3, len(resp)) + 1):
            run = resp[lo:hi]
            if (
                all(t.neg and not t.stop and t.item == resp[j].item for t in run)
                and not all(t.stem in said for t in run)
                and _known_phrase(run, plural=True)
            ):
                return True
    return False


def _denies_itself(v: Variant, remark: Sequence[Tok]) -> bool:
    """A remark after the answer that denies a word of the answer itself, and nothing else ("reinforcement
    learning from human feedback, with no humans involved"; not "cosine similarity, not cosine distance",
    which denies another term that shares a word with it). The answer's generic words ("model", "learning")
    do not count: "in-context learning, no learning of the weights" may well be said of it."""
    run: list[Tok] = []
    said = {t.stem for t in v.toks if not t.neg}  # (a word the answer says negated may be denied after it)
    for r in (*remark, None):
        if r is not None and r.neg and (not run or r.item == run[-1].item):
            if r.word not in _ARTICLES:
                run.append(r)
            continue
        if run:
            own = [t for t in run if t.stem in said and t.word not in GENERIC and t.stem not in GENERIC]
            # (Every word of the run, little ones too: "not on-policy" denies another name than "off-policy".)
            # (Its words in another order name another thing: "LSTM, not long-term short memory".)
            if own and all(t.stem in v.stems or t.word in _PRESENCE for t in run) and _said_in_order([t.stem for t in own], v):
                return True
        run = []
        if r is not None and r.neg and r.word not in _ARTICLES:
            run.append(r)
    return False


#: A quote of the question around an answer it says is a short one: an answer with its own expansion
#: ("RLHF, reinforcement learning from human feedback") may well be said as the question says it.
_QUOTE_WORDS: Final = 3
#: A question that offers options, typed back with this many of its words or more, offers them all.
_OPTIONS_QUOTED: Final = 6


def _said_words(resp: Sequence[Tok]) -> int:
    """How many words of ``resp`` say something (not little words, not denied)."""
    return sum(1 for r in resp if not r.stop and not r.neg)



def _inside_other_term(v: Variant, resp: Sequence[Tok], m: Match, ctx: Context) -> bool:
    """Whether the words that matched a shortened form of the answer are part of another known term the
    response spells whole ("mel-frequency cepstral coefficients" is no "frequency penalty" said without
    "penalty"): the list item that holds them spells a known term with a word no name of the card says, and
    leaves out a word of the answer."""
    items = {resp[j].item for j in m.used}
    if len(items) != 1:
        return False
    item = items.pop()
    said = {r.stem for r in resp if r.item == item}
    if all(s in said for s in v.stems):
        return False  # the answer whole, in a longer term: ``FormCheck.longer`` weighs that
    if _known_item(resp, item):
        span = [j for j, r in enumerate(resp) if r.item == item]
    else:
        # a known term inside the item, around the words matched, with talk beside it ("gonna say mel-frequency
        # cepstral coefficients")
        span = _known_run(resp, item, min(m.used), max(m.used))
        if not span:
            return False
    return any(
        not resp[j].stop and not resp[j].num and j not in m.used and not _in(resp[j].word, resp[j].stem, ctx.names)
        for j in span
    )


def _known_run(resp: Sequence[Tok], item: int, first: int, last: int) -> list[int]:
    """The positions of the longest run of list item ``item``'s words, up to five, that holds positions ``first``
    to ``last`` and spells a known term of two words or more; [] if none does."""
    at = [j for j, r in enumerate(resp) if r.item == item]
    for size in range(min(5, len(at)), 1, -1):
        for start in range(len(at) - size + 1):
            run = at[start : start + size]
            if run[0] <= first and last <= run[-1] and _known_phrase([resp[j] for j in run]):
                return run
    return []


#: Sounds a player types while thinking that say nothing ("hmm adding the l1 norm ..." is the question's words
#: typed back all the same); not little words, as "HMM" may be an answer.
_FILLERS: Final = frozenset({"hmm", "hmmm", "hmmmm", "mmm", "mmmm", "uhh", "uhhh", "uhm", "ummm", "ehh", "err"})


def _echoes_part(resp: Sequence[Tok], m: Match, v: Variant, ctx: Context) -> bool:
    """A part of a name whose words the question says apart, typed as the question says it: the name's
    other words left out, the words typed a run of the question's ("residual" for "residual network" where the
    question asks for the architecture that "introduced residual connections to train networks"). The name
    said whole, or its words put together as the question does not ("Gaussian mixture" of "a mixture of
    Gaussians"), is an answer."""
    if not any(p < 0 for p, t in zip(m.pos, v.toks, strict=False) if not t.stop):
        return False
    said = [resp[j].stem for j in sorted(m.used) if not resp[j].stop]
    if any(set(said) <= option for option in ctx.options):
        return False  # "hinge" for "hinge loss" asked "Which loss, hinge or cross-entropy, ...?": the option picked
    k = len(said)
    words = [s for s, _neg in ctx.claims.words]
    return k >= 1 and any(words[i : i + k] == said for i in range(len(words) - k + 1))


def _quotes_question(resp: Sequence[Tok], m: Match, ctx: Context, longest: int = _QUOTE_WORDS) -> bool:
    """An answer the question says itself, typed back with the question's words around it, as the question
    says them ("the L1 norm" for "Which regularization adds the L1 norm of ...?"): a quote of the question,
    not an answer to it, of ``longest`` words at most."""
    said = [r.stem for r in resp if not r.stop and not r.neg and r.word not in _FILLERS]
    k = len(said)
    if not 2 <= k <= min(len(ctx.claims.words), longest) or not all(s in ctx.question for s in said):
        return False
    words = [s for s, neg in ctx.claims.words]
    return any(words[i : i + k] == said for i in range(len(words) - k + 1))


#: A rival named this many words after a word of ``_COMPARING`` is set beside the answer ("the same as the key").
_COMPARED_WITHIN: Final = 4
#: Words that set the answer beside a rival named after them ("compared to dense", "like RNNs").
_COMPARING: Final = frozenset(
    {"compared", "comparison", "like", "versus", "vs", "than", "relative", "over", "same", "equivalent", "identical", "similar"}
)


#: A rival the explanation names is mentioned in a remark, not offered, when the remark says this many words besides.
_CLAUSE_WORDS: Final = 3
#: Words that offer what follows as a guess ("though it might be ...").
_MIGHT: Final = frozenset({"might", "could", "possibly"})


def _mentioned_rival(rival: Rival, response: Response, m: Match, ctx: Context) -> bool:
    """A rejected rival the question names itself, said in a remark after the whole answer, in an item of its
    own that is neither offered nor joined ("the query; the keys are matched against it" for "which of
    query, key and value ...?"): a mention, weighed as a remark, not a second answer. So is one the card's
    explanation names, in a remark of three words or more besides it, not offered ("GRU - the LSTM came
    first")."""
    if not rival.stems or not m.used:
        return False
    resp = response.toks
    first = resp[min(m.used)].item
    asked = all(s in ctx.question for s in rival.stems)
    # (after the answer where it is first said, for one the explanation names: "GRU - the LSTM came first",
    # though "gate" in a remark matches a word of "gated recurrent unit")
    last = max(m.used) if asked else max(j for j in m.used if resp[j].item == first)
    at = [j for j, r in enumerate(resp) if r.stem in rival.stems and not r.neg]
    if not at or any(j <= last or resp[j].item == first for j in at):
        return False
    if any(resp[k].word in _COMPARING for j in at for k in range(max(j - _COMPARED_WITHIN, 0), j)):
        return False  # "sparse, but it loses accuracy compared to dense": a claim about the answer beside it
    if _equated(resp, at[0], max(m.used)):
        return False  # "sparse, which is dense", "query, i.e. the key": the answer said to be the rival
    items = {resp[j].item for j in at}
    if not asked:
        # one the card's explanation names, said in a remark of three words or more besides it ("GRU - it
        # merges the LSTM's forget and input gates into one update gate"), not offered with "or" nor alone
        support = ctx.support
        if support is None or not support.explained:
            return False
        # (a number the card says too: "60,000, plus 10,000 more in the test set" where it says "a separate
        # test set of 10,000")
        number = len(rival.stems) == 1 and rival.stems[0] in support.numbers
        if not number and not all(s in support.stems for s in rival.stems):
            return False
        if len(resp) > REMARK_WORDS:
            return False  # (a longer text, the card's explanation pasted whole, offers what it names)
        if any(r.item in items and (r.word in _OFFERING or r.word in MAYBE_WORDS or r.word in _MIGHT) for r in resp):
            return False  # "..., though it might be exchangeable", "..., else exchangeable"
        answer_items = {resp[j].item for j in m.used}
        besides = [r for r in resp if r.item not in answer_items and not r.stop and not r.num and r.stem not in rival.stems]
        if number:
            # (two words besides it, one of them the card's: what the card says of that number)
            return (
                len(besides) >= _CLAUSE_WORDS - 1
                and any(r.stem in support.stems for r in besides)
                and not items & response.hedges
            )
        return len(besides) >= _CLAUSE_WORDS and not items & response.hedges
    offered = response.hedges | response.joins
    if not (not (items & offered) and len(resp) > len(at) + len(m.used) + 1):
        return False
    # (a remark says something besides the rival's name: "sparse, dense MoE too" and "sparse, dense MoE, or
    # both" offer it, "MoE" being a word of its name)
    said = [r for r in resp if r.item != first]
    return any(
        not r.stop and not r.num and r.stem not in rival.stems and r.word not in _OFFERED_TOO and not _in(r.word, r.stem, ctx.names)
        for r in said
    )


def _equated(resp: Sequence[Tok], j: int, last: int) -> bool:
    """Whether the word at ``j`` (a rival's first) follows words that say the answer (its last word at
    ``last``) is it: "which is (the)", "i.e.", "meaning", "a form of", "called" ("sparse, which is dense",
    "masking (a form of padding)"); not what another thing is ("which timesteps are padding")."""
    k = j - 1
    while k >= 0 and resp[k].word in _ARTICLES:
        k -= 1
    if k < 0:
        return False
    word = resp[k].word
    if word == "of":
        if k == 0 or resp[k - 1].word not in _KIND_OF:
            return False
        g = k - 2
        while g > last and resp[g].word in _ARTICLES:
            g -= 1
        return g <= last or resp[g].word in _THE_ANSWER or resp[g].word in _COPULAS
    if word in _COPULAS:
        return k - 1 == last or (k > 0 and resp[k - 1].word in _THE_ANSWER)
    if k > 0 and (word, resp[k - 1].word) in _EQUATING_PAIRS:
        return True  # "just another name for dense", "the same thing as dense", "equivalent to dense"
    return word in _EQUATING


#: Words right before a rival that say the answer is that rival ("which is dense", "i.e. the key").
_EQUATING: Final = frozenset({"ie", "meaning", "means", "namely", "aka", "equals"}) | NAMING_WORDS
#: Two words right before a rival, the last first, that say the answer is that rival ("another name for dense").
_EQUATING_PAIRS: Final = frozenset(
    {("for", "name"), ("for", "word"), ("for", "term"), ("as", "same"), ("as", "thing"), ("to", "equivalent"),
     ("to", "identical"), ("to", "equal")}
)
#: ... and "is" or "are" after the answer or a word for it ("sparse, which is dense", "query - it's the key").
_COPULAS: Final = frozenset({"is", "are", "its"})
_THE_ANSWER: Final = frozenset({"which", "that", "it", "this", "its", "thats", "aka", "ie", "or"})
#: Words before "of" that say the answer is a kind of what follows ("a form of padding").
_KIND_OF: Final = frozenset({"form", "kind", "type", "sort", "version", "variant", "case", "flavour", "flavor"})


#: Words that offer a rival beside the answer after it: "sparse, dense too", "sparse, or both".
_OFFERED_TOO: Final = frozenset({"too", "both", "either"})


def _named_side(resp: Sequence[Tok], j: int, sides: dict[str, tuple[int, int]] | None) -> bool:
    """The word at ``j`` (a side of an opposite, when ``sides`` are given) ends the name of a known term of
    two words, after a word that is no side nor a little word: it names that term ("like logistic
    regression" names a classifier; it says nothing of regression)."""
    r = resp[j]
    if j == 0 or (sides is not None and r.stem not in sides):
        return False
    before = resp[j - 1]
    return (
        before.item == r.item
        and not before.stop
        and before.stem not in tables().claim_sides
        and f"{before.word} {r.word}" in tables().terms
    )


def _followed_by(resp: Sequence[Tok], m: Match, followed: tuple[tuple[str, ...], ...]) -> bool:
    """Whether the words right after the answer, in its item, are the rest of a longer known term that starts
    with it (``FormCheck.followed``)."""
    end = _answer_end(resp, m)
    item = resp[end].item
    after = tuple(t.stem for t in resp[end + 1 :] if t.item == item)
    return any(after[: len(rest)] == rest for rest in followed)


def _answer_end(resp: Sequence[Tok], m: Match) -> int:
    """The last word of the first unbroken run of the answer's words (``m.used``), little words inside it too:
    the answer's end, though its own "and" makes two items ("independent and identically distributed")."""
    end = min(m.used)
    while end + 1 < len(resp) and (end + 1 in m.used or (resp[end + 1].stop and end + 2 in m.used)):
        end += 1
    return end


def _remark_start(resp: Sequence[Tok], m: Match) -> int:
    """Where the remark after the answer starts: after the answer said first ("gradient clipping, a fix for
    vanishing gradients" says it once). A word of a later item that the alignment took as the answer's
    last word is the remark's ("policy gradient, a value-based method" for "policy gradient methods"):
    the remark starts after the item."""
    first = resp[min(m.used)].item
    if any(resp[j].item != first for j in m.used):
        return max(j for j in m.used if resp[j].item == first) + 1
    # (the answer's words said apart, content words of the remark between: the alignment took a later word of
    # the remark as the answer's last, "GRU with a separate cell state" matched as "GRU cell")
    end = _answer_end(resp, m)
    if end < max(m.used) and any(not resp[k].stop and k not in m.used for k in range(end + 1, max(m.used))):
        return end + 1
    return max(max(m.pos), 0) + 1


def _contradicts_explanation(
    v: Variant, m: Match, resp: Sequence[Tok], plain: Sequence[Tok], explained: Claims, offered: frozenset[str]
) -> bool:
    """A remark after the answer that contradicts the card's explanation (``explained_claims``) as
    ``_contradicts`` finds one contradicting the question: it asserts a phrase the explanation denies
    ("a kind of neural net" where it says "not a neural net"), pairs the answer's side of an opposite
    with the other side of another, or turns a side of an opposite ("whose edges are undirected" where
    it speaks of directed edges). A mere denial of a word it says is no contradiction: an explanation
    says many things of other things ("not an output layer" where it speaks of a hidden layer's output)."""
    after = _remark_start(resp, m)
    if after >= len(resp):
        return False
    sides = tables().claim_sides
    claim = [
        r if r.stem in sides else p
        for j, (p, r) in enumerate(zip(plain, resp, strict=True))
        if j >= after and (not r.stop or r.stem in sides) and not _named_side(resp, j, sides)
        and not (r.neg and _in_denied_term(resp, j, explained.stems))
    ]
    if not any(r.stem in sides or r.stem in explained.stems for r in claim):
        return False
    if explained.denied and _denies_facts(resp[after:], explained.denied, plain[after:] if resp is not plain else None):
        return True
    own = [t for t in v.toks if t.stem in sides]
    if own and claim:
        # The answer's own side of an opposite pairs with the remark's: the explanation that pairs "sparse"
        # with "a subset of experts" and "dense" with "all experts" is contradicted by "sparse, since all
        # experts run".
        items = {r.item for r in claim}
        paired = _paired_sides(
            claim + [t._replace(item=k) for k in items for t in own if not any(r.stem == t.stem for r in claim)],
            explained,
            sides,
        )
        if paired is False:
            return True
    return _contradicts(claim, explained, v, offered, denials=False)


Facts = tuple[tuple[tuple[str, ...], bool], ...]


@functools.lru_cache(maxsize=4096)
def facts_of(stems: tuple[str, ...]) -> Facts:
    """What the terms that ``stems`` name are and are not (``data/facts.yaml``: every entry one of whose
    names runs in ``stems``), as (phrase, True: it is so) and (phrase, False: it is not)."""
    out: dict[tuple[str, ...], bool] = {}
    by_first = _facts_by_first()
    entries = sorted({k for st in set(stems) for k in by_first.get(st, ())})
    facts = tables().facts
    for names, is_, not_ in (facts[k] for k in entries):
        if any(has_run(stems, name) for name in names):
            for p in is_:
                out.setdefault(p, True)
            for p in not_:
                out.setdefault(p, False)
    # A phrase that is one of the words naming it is no claim about it.
    return tuple((p, v) for p, v in out.items() if not (len(p) == 1 and p[0] in stems))


@functools.cache
def _facts_by_first() -> dict[str, tuple[int, ...]]:
    """The first stem of each name in ``data/facts.yaml`` -> the entries with such a name."""
    out: dict[str, list[int]] = {}
    for k, (names, _is, _not) in enumerate(tables().facts):
        for name in names:
            if k not in out.setdefault(name[0], []):
                out[name[0]].append(k)
    return {st: tuple(v) for st, v in out.items()}


#: In a phrase of ``data/facts.yaml``, at most this many words may come between two of its words.
_FACT_GAP: Final = 2
#: ... and this many in a phrase that opens with a number ("0 means identical").
_NUMBER_FACT_GAP: Final = 4


def _says(remark: Sequence[Tok], phrase: tuple[str, ...], plain: Sequence[Tok] | None = None) -> bool | None:
    """Whether ``remark`` says ``phrase`` (its words in order, at most ``_FACT_GAP`` words between two): None
    when it does not, else whether it says it negated ("no momentum", "without zeroing"). A phrase denied as
    part of a longer known term is not denied ("not gradient descent" says nothing of "gradient").

    ``remark`` may be read with its denying verbs as negators (``Response.denying``: "which skips
    momentum"); ``plain`` is then the same remark read plainly, whose polarity counts where the phrase
    names the verb itself ("ignores word order")."""
    n = len(remark)
    # (what a number means may take more words: "0 means identical" in "a value of 0 means the vectors are identical")
    number = phrase[0][:1].isdigit()
    gap = _NUMBER_FACT_GAP if number else _FACT_GAP
    for start in range(n):
        if remark[start].stem != phrase[0] and remark[start].word != phrase[0]:
            continue
        if number and start and remark[start - 1].word == "minus":
            continue  # "-1 means opposite directions" says nothing of 1
        at = start
        # (a number's phrase before another number said the same way: "1 means same direction, 0 means
        # orthogonal" does not say "1 means orthogonal")
        end = n if not number else next(
            (
                k
                for k in range(start + 1, n)
                if remark[k].num
                and k + 1 < n
                and len(phrase) > 1
                and remark[k].word != phrase[0]
                and phrase[1] in (remark[k + 1].stem, remark[k + 1].word)
            ),
            n,
        )
        for want in phrase[1:]:
            nxt = next(
                (k for k in range(at + 1, min(at + 2 + gap, end)) if remark[k].stem == want or remark[k].word == want),
                -1,
            )
            if nxt < 0:
                break
            at = nxt
        else:
            if remark[start].neg and (
                (at + 1 < n and not remark[at + 1].stop and _known_phrase(remark[start : at + 2]))
                or (start and not remark[start - 1].stop and _known_phrase(remark[start - 1 : at + 1]))
            ):
                continue  # denied as part of another term's name ("not gradient descent" denies no "gradient")
            said = remark
            if plain is not None and any(remark[k].word in DENY_VERBS for k in range(start, at + 1)):
                said = plain
            if all(said[k].neg == said[start].neg for k in range(start, at + 1)):
                return said[start].neg
    return None


def _denies_facts(
    remark: Sequence[Tok],
    facts: tuple[tuple[tuple[str, ...], bool], ...],
    plain: Sequence[Tok] | None = None,
    by_first: FactIndex | None = None,
) -> bool:
    """A remark after the answer that denies what the answer is ("Adam, which uses no momentum", "which
    skips momentum") or says what it is not ("ridge, which sets the weights to exactly zero"). ``plain``:
    the remark read plainly, when ``remark`` reads its denying verbs as negators (``_says``); ``by_first``:
    ``facts_index(facts)``, when built already."""
    if by_first is None:
        by_first = _facts_index(facts)
    if plain is not None and any(
        r.word in DENY_VERBS and ((r.stem,), True) in facts for r in plain
    ):
        # the answer is the skipping ("stochastic depth - it skips residual blocks"): its verb denies nothing
        remark, plain = plain, None
    seen: set[str] = set()
    for r in remark:
        for key in (r.stem, r.word):
            if key in seen:
                continue
            seen.add(key)
            for phrase, is_ in by_first.get(key, ()):
                neg = _says(remark, phrase, plain)
                if neg is not None and neg == is_:
                    return True
    return False


def _describes_sibling(
    remark: Sequence[Tok], siblings: tuple[tuple[tuple[str, ...], ...], ...], plain: Sequence[Tok] | None
) -> bool:
    """A remark after the answer that asserts what a rival of the answer is (``FormCheck.siblings``): one
    phrase of two words or more ("a limited variety" of mode collapse after "model collapse"), or two words
    ("randomly ... during training" of dropout after "masking")."""
    stems = {r.stem for r in remark} | {r.word for r in remark}
    for phrases in siblings:
        words = 0
        for phrase in phrases:
            if phrase[0] not in stems or _says(remark, phrase, plain) is not False:
                continue
            if len(phrase) > 1:
                return True
            words += 1
            if words >= 2:
                return True
    return False


def sibling_facts(
    rivals: Sequence[tuple[str, ...]], own: Facts, said: Container[str]
) -> tuple[tuple[tuple[str, ...], ...], ...]:
    """Per rival (its stems), what ``data/facts.yaml`` says it is, but what the answer's own facts ``own`` say
    either way and what ``said`` (the question's words, the card's names, its explanation's) says already:
    a remark that asserts it gives the rival's property to the answer."""
    known = {p for p, _is in own}
    out: list[tuple[tuple[str, ...], ...]] = []
    for stems in dict.fromkeys(rivals):
        if not stems:
            continue
        phrases = tuple(
            p
            for p, is_ in facts_of(stems)
            if is_ and p not in known and not all(s in said or s in _FILLER for s in p) and not any(c.isdigit() for c in p[0])
        )
        if phrases:
            out.append(phrases)
    return tuple(out)


#: Words a phrase may say without saying anything of its own ("the", "of").
_FILLER: Final = frozenset({"a", "an", "the", "of", "to", "in", "on", "for", "by", "with", "is", "are", "it"})


def facts_index(facts: Facts) -> FactIndex:
    """``facts`` by the first stem of each phrase (built once per form when a card is compiled)."""
    return _facts_index(facts)


@functools.lru_cache(maxsize=4096)
def _facts_index(facts: Facts) -> FactIndex:
    """``facts`` by the first stem of each phrase."""
    out: dict[str, list[tuple[tuple[str, ...], bool]]] = {}
    for phrase, is_ in facts:
        out.setdefault(phrase[0], []).append((phrase, is_))
    return {k: tuple(v) for k, v in out.items()}


def _swapped_run(resp: Sequence[Tok], want: list[str], words: list[str] | None = None) -> bool:
    """Whether the response says the words (stems ``want``) of a name of two to four words side by side in
    another order. A verb before its object says the name ("tuning hyperparameters"), but not in the name's
    very words (``words``): "smoothing label" for "label smoothing" is the name turned about."""
    if not SHORT_FORMS.isdisjoint([t.word for t in resp if words is None or t.word not in words]):
        return False  # short forms ("temp", "lr sched") come in any order players write them (not the name's own: "net elastic")
    k = len(want)
    wanted = set(want)
    need: list[str] | None = None  # (the name's stems in sorted order: the same words, found on first use)
    swapped = False
    for start in range(len(resp) - k + 1):
        if resp[start].stem not in wanted:
            continue  # (a run in another order has only the name's words)
        run = resp[start : start + k]
        if any(t.stop or t.num or t.neg for t in run) or run[0].item != run[-1].item:
            continue
        stems = [t.stem for t in run]
        if stems == want:
            continue
        if need is None:
            need = sorted(want)
        # "tuning hyperparameters" says "hyperparameter tuning": a verb and its object
        if sorted(stems) == need and (
            not _verb_first(run[0].word, run[1:])
            or (words is not None and sorted(t.word for t in run) == sorted(words))
        ):
            swapped = True
            break
    if not swapped:
        return False
    # Said in order too ("continual learning, continuous learning" runs names together): no reordering.
    at = 0
    for t in resp:
        if not t.stop and at < k and t.stem == want[at]:
            at += 1
    return at < k


#: Words that take every option a question offers ("sparse or dense?" answered "sparse, or both").
_EVERY_OPTION: Final = frozenset({"both", "either"})
#: The question's acronym typed in pieces ("rl hf") is a response of at most this many words.
_PIECES: Final = 4
#: A response says a name's words reordered when it has at most this many words besides them.
_NAME_SLACK: Final = 3


def _names_reordered(resp: Sequence[Tok], response: Response, names: tuple[Variant, ...]) -> bool:
    """Whether the response says one of the card's ``names`` with its words reordered: a short answer, the
    name and a word or two besides, no more."""
    return any(
        len(resp) <= len(name.toks) + _NAME_SLACK
        and name.stems <= response.pos_stems
        and _name_reordered(resp, name)
        and not _says_a_name(resp, name, names)
        for name in names
    )


def _name_reordered(resp: Sequence[Tok], name: Variant) -> bool:
    """Whether the response says the very words of ``name`` (a plural aside) side by side in another order
    ("similarity cosine"); other words of the same root say something else ("the initial weights" for
    "weight initialization")."""
    want = [t.word.removesuffix("s") for t in name.toks]
    need = sorted(want)
    k = len(want)
    for start in range(len(resp) - k + 1):
        run = resp[start : start + k]
        if run[0].word.removesuffix("s") not in want:
            continue
        if any(t.stop or t.num or t.neg for t in run) or run[0].item != run[-1].item:
            continue
        words = [t.word.removesuffix("s") for t in run]
        if words != want and sorted(words) == need and not _verb_first(run[0].word, run[1:]):
            return True
    return False


#: Words in "-ing" that name a field or a task, never a verb before its object: "learning transfer" is no
#: "transfer learning" ("tuning hyperparameters" says "hyperparameter tuning").
_ING_NOUNS: Final = frozenset({"learning", "mining", "computing", "engineering", "modeling", "modelling", "programming"})


def _verb_first(word: str, after: Sequence[Tok] = ()) -> bool:
    """A verb before its object ("tuning hyperparameters" for "hyperparameter tuning"): the same name. Words
    that say how (``after``: "forgetting catastrophic", "stopping early") are no object."""
    return (
        word.endswith("ing")
        and word not in _ING_NOUNS
        and not any(t.word.endswith(_HOW_ENDINGS) for t in after)
    )



def _says_a_name(resp: Sequence[Tok], name: Variant, names: tuple[Variant, ...]) -> bool:
    """Whether the response says one of ``names`` made of the words of ``name`` with its words side by side
    in order (two names of a card may be each other's words reordered: "temperature sampling", "sampling
    temperature")."""
    stems = [t.stem for t in resp]
    mine = Counter(name.stems)
    return any(Counter(v.stems) == mine and has_run(stems, tuple(t.stem for t in v.toks)) for v in names)


def _reordered(said: list[str], name: tuple[str, ...]) -> bool:
    """Whether every word of the fixed ``name`` is ``said``, but not in its order ("only you look once",
    "convolutional network neural"); "experts, mixture of" (an index entry: the name turned about once)
    keeps it."""
    words = set(name)
    if not words.issubset(said) or (len(words) < len(name) and not Counter(name) <= Counter(said)):
        return False
    seq = [w for w in said if w in words]
    at = 0
    for w in seq:
        if at < len(name) and w == name[at]:
            at += 1
    if at == len(name):
        return False
    n = len(name)
    return not (len(seq) == n and any(tuple(seq) == name[k:] + name[:k] for k in range(1, n)))


#: A response of at most this many content words may be a phrase of the card's explanation typed back.
_EXPLAINED_WORDS: Final = 6


def _explanation_phrase(resp: Sequence[Tok], m: Match, ctx: Context) -> bool:
    """Whether the response is a phrase of the card's explanation that names another thing than the answer,
    matched only in part ("truncated normal distribution", which the card says the truncation trick samples
    from): its content words run together in one of the card's sentences, the answer's words are not all
    said, and a word besides the answer's is none of the card's names."""
    if ctx.support is None or not ctx.support.explained or all(p >= 0 for p in m.pos):
        return False
    content = [t for t in resp if not t.stop and not t.neg]
    if not 2 <= len(content) <= _EXPLAINED_WORDS:
        return False
    if all(_in(t.word, t.stem, ctx.names) for j, t in enumerate(resp) if j not in m.used and not t.stop and not t.neg):
        return False
    stems = [t.stem for t in content]
    n = len(stems)
    for run in ctx.support.runs:
        said = [t.stem for t in run]
        if any(said[k : k + n] == stems for k in range(len(said) - n + 1)):
            return True
    return False


#: Words before an answer that say it is the plain one ("the standard dropout"), not another thing.
_NEUTRAL_MODIFIERS: Final = frozenset(
    """standard classic classical plain vanilla regular usual normal ordinary traditional original typical
    common basic simple general good old well-known famous popular so-called correct right proper actual
    real whole full entire main always often""".split()
)
#: Verbs that put the answer forward ("use dropout", "try beam search").
_TALK_VERBS: Final = frozenset(
    """use using try trying apply applying add adding pick choose chose call go going say saying need want
    prefer recommend suggest means mean get do does done doing its thats whats""".split()
)
_MONTHS: Final = frozenset(
    """january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec""".split()
)


def _foreign_modifier(r: Tok, v: Variant, check: FormCheck, ctx: Context) -> bool:
    """Whether ``r``, said just before the answer, makes it another thing: a word neither the card nor the
    field's tables know ("null pointer", "greedy simulated annealing", "Bayesian ridge regression"). Not a
    word that says it is the plain one, a person's title or given name, a month before a year, nor a word
    the card says (its question, names, or explanation)."""
    if r.num or len(r.word) < 3 or r.word in _NEUTRAL_MODIFIERS or r.word in tables().kind_words:
        return False
    if r.word.endswith("ly"):
        return False  # how or how often, not what it is: "usually streaming"
    if r.word in _TALK_VERBS:
        return False  # "use dropout"
    if check.alone or check.given or check.surname or any(t.num for t in v.toks):
        return False
    if r.word in _TITLES or r.word in _NAME_TITLES or r.word in _MONTHS:
        return False
    if r.word in tables().opposites or r.word in tables().term_words or r.stem in GENERIC or r.word in GENERIC:
        return False  # (a name of the field says where the answer is used: "GAN mode collapse")
    card = ctx.support.words if ctx.support is not None else frozenset()
    if _in(r.word, r.stem, ctx.free) or r.word in card or (ctx.support is not None and r.stem in ctx.support.stems):
        return False
    # (another form of a word of the card's, "automatic" where the question says "automated", or a
    # misspelling of one, "dnese MoE" for "dense MoE")
    return not any(
        one_root(r.word, w) or (len(r.word) >= _TYPO_LETTERS and fuzzy(r.word, w) is not None)
        for w in (*ctx.free, *card)
    )


#: This many words after the answer, to the end of its item, name the thing it qualifies (one word alone is
#: too often a plain noun of what the answer is: "the grokking phenomenon", "random forest classifier").
_HEAD_WORDS: Final = 2


def _foreign_head(resp: Sequence[Tok], last: int, item: int, v: Variant, check: FormCheck, ctx: Context) -> bool:
    """Whether the words after the answer, to the end of its item, name another thing the answer only
    qualifies: a word neither the card nor the field's tables know, then another or a word of a kind
    ("temperature contrastive loss", "k-means Kalman filter"). Not a remark: every word is such a word."""
    tail = [t for t in resp[last + 1 :] if t.item == item]
    while tail and tail[0].word in tables().kind_words:
        del tail[0]  # what the answer is ("k-means clustering triplet loss")
    if len(tail) != _HEAD_WORDS or any(t.stop or t.neg or t.num for t in tail):
        return False
    if not _foreign_modifier(tail[0], v, check, ctx):
        return False
    # (a word of a kind the card's names end with is the answer's own, a word put inside it: "Kruskal's MST
    # algorithm", "transformer-based models")
    return all(
        (t.word in tables().kind_words and not _in(t.word, t.stem, ctx.names)) or _foreign_modifier(t, v, check, ctx)
        for t in tail[1:]
    )


#: A word before the answer this long or longer may be a misspelling of a word of the card's.
_TYPO_LETTERS: Final = 5


def _said_in(t: Tok, words: frozenset[str], stems: frozenset[str]) -> bool:
    """Whether the card says the word ``t``, in any of its forms ("non-linear" as "nonlinear" or "non linear")."""
    parts = [p for p in re.split(r"[-‐–]", t.word) if p]
    return (
        t.word in words or t.stem in stems or "".join(parts) in words
        or (len(parts) > 1 and all(p in words for p in parts))
        # (a word the card writes in two: "nonlinear" where it says "non-linear", read as "non" and "linear")
        or any(t.word[:k] in words and t.word[k:] in words for k in range(2, len(t.word) - 1))
    )


def _gradable(word: str) -> bool:
    """Whether ``word`` is a qualifier of degree, one of a group with comparatives ("large", "dense", "early"):
    the card may say its opposite of another thing ("a smaller model") without making it a kind of the answer."""
    others = tables().opposites.get(word)
    if not others:
        return False
    own = {w for o in others for w in tables().opposites.get(o, ())}
    return any(w.endswith(("er", "est", "most")) for w in own | others)


def _qualifier_clash(word: str, question: frozenset[str]) -> bool:
    """Whether ``word`` is a qualifier whose opposite the question says, and the question says none of its
    own side ("small" for "A high ___ ..."; not for "... set low, and increased gives ...")."""
    opposite = tables().opposites
    others = opposite.get(word)
    if not others:
        return _prefix_clash(word, question)
    if not any(o in question for o in others):
        return False
    # (a word of the question on the word's own side: one not its opposite, with opposites of its own ("low" beside
    # "lower", which is also the opposite of "upper"))
    return not any(
        q != word and q in opposite and word not in opposite[q] and not opposite[q].isdisjoint(others) for q in question
    )


#: Prefixes of opposite sense: "unimodal" and "multimodal", "underfitting" and "overfitting".
_OPPOSITE_PREFIXES: Final = (
    ("uni", "multi"), ("mono", "multi"), ("mono", "poly"), ("uni", "bi"), ("under", "over"), ("intra", "inter"),
    ("pre", "post"), ("micro", "macro"), ("hypo", "hyper"), ("sub", "super"), ("min", "max"),
)


_PREFIX_STARTS: Final = tuple(dict.fromkeys(p for pair in _OPPOSITE_PREFIXES for p in pair))


def _prefix_clash(word: str, question: frozenset[str]) -> bool:
    """``word`` is a word of the question with its prefix turned to the opposite one ("unimodal alignment" for
    "In multimodal learning, ..."), and the question does not say ``word`` itself."""
    if word in question or not word.startswith(_PREFIX_STARTS):
        return False
    for a, b in _OPPOSITE_PREFIXES:
        for mine, theirs in ((a, b), (b, a)):
            rest = word[len(mine) :].lstrip("-")
            if word.startswith(mine) and len(rest) >= 4 and (theirs + rest in question or f"{theirs}-{rest}" in question):
                return True
    return False


def _polarity(words: list[str]) -> tuple[str, int]:
    """The first "yes" or "no" of ``words`` ("yep", "not at all") and where it ends; ("both", n) when
    both are said; ("", 0) when neither."""
    tabs = tables()
    found = ""
    end = 0
    i = 0
    n = len(words)
    while i < n:
        opinion = _opinion(words, i) if words[i] in _OPINION_FIRST else None
        for size in (opinion[1],) if opinion else (3, 2, 1):
            phrase = " ".join(words[i : i + size])
            if len(phrase.split()) < size:
                continue
            kind = opinion[0] if opinion else "yes" if phrase in tabs.yes else "no" if phrase in tabs.no else ""
            if kind == "yes" and i and words[i - 1] == "not":
                return "both", n  # "not sure" takes no side
            if kind == "yes" and i + size < n and words[i + size] == "not":
                kind, size = "no", size + 1  # "definitely not", "it does not"
            if kind:
                if found and kind != found:
                    # "yes and no", "yes or no": both sides; later, a remark ("no, it is unsupervised"), but
                    # one offered after a word that weighs it ("yes, though maybe no", "yes in some cases, no in
                    # others").
                    offered = not _BOTH_SIDES.isdisjoint(words[end:i])
                    return ("both", n) if i - end <= 1 or offered else (found, end)
                if not found:
                    found, end = kind, i + size
                i += size - 1
                break
        i += 1
    return found, end


#: What the player thinks, said as a side: "I think so" says yes, "I don't think so" and "I think not" say no
#: (normalised words; "i" may be left out: "don't think so").
_OPINIONS: Final = {
    **{
        (*who, verb, "so"): "yes"
        for who in ((), ("i",), ("i", "would"), ("id",), ("i", "do"))
        for verb in ("think", "believe", "guess", "suppose", "reckon")
    },
    **{("i", "would", "say", "so"): "yes", ("id", "say", "so"): "yes"},
    **{
        (*who, *neg, verb, "so"): "no"
        for who in ((), ("i",))
        for neg in (("dont",), ("do", "not"), ("wouldnt",), ("would", "not"))
        for verb in ("think", "believe", "suppose", "reckon")
    },
    **{(*who, verb, "not"): "no" for who in ((), ("i",)) for verb in ("think", "believe", "guess", "suppose")},
    **{("i", "doubt", "it"): "no", ("doubt", "it"): "no", ("i", "doubt", "that"): "no"},
}
_OPINION_FIRST: Final = frozenset(p[0] for p in _OPINIONS)
_OPINION_LONGEST: Final = max(map(len, _OPINIONS))


def _opinion(words: list[str], i: int) -> tuple[str, int] | None:
    """The side an opinion starting at ``words[i]`` says ("I don't think so": "no") and how many words it
    takes, the longest first; None if none starts there."""
    for size in range(min(_OPINION_LONGEST, len(words) - i), 1, -1):
        side = _OPINIONS.get(tuple(words[i : i + size]))
        if side:
            return side, size
    return None


#: Words between a "yes" and a "no" that offer the second beside the first, or say each holds at times.
_BOTH_SIDES: Final = frozenset(
    """or maybe perhaps possibly probably though although could might else otherwise alternatively either some
    sometimes depends depending""".split()
)


#: Talk that says only that the player does not know, a denial in it ("I don't know", "no idea"): it takes no
#: side of a yes-or-no question (``without_unsure``). Normalised words, longest first.
_UNSURE_SIDES: Final = tuple(
    sorted(
        (
            ("i", "dont", "know"), ("i", "do", "not", "know"), ("dont", "know"), ("do", "not", "know"),
            ("i", "have", "no", "idea"), ("ive", "no", "idea"), ("no", "idea"), ("i", "have", "no", "clue"),
            ("no", "clue"), ("not", "a", "clue"), ("idk",), ("dunno",), ("i", "dunno"), ("im", "not", "sure"),
            ("i", "am", "not", "sure"), ("not", "sure"), ("not", "certain"), ("i", "cant", "remember"),
            ("cant", "remember"), ("i", "dont", "remember"), ("dont", "remember"),
        ),
        key=len,
        reverse=True,
    )
)  # fmt: skip


def without_unsure(words: list[str]) -> list[str]:
    """``words`` without talk that says only that the player does not know (``_UNSURE_SIDES``): "no idea, no"
    says no; "no idea" alone says nothing."""
    if not any(w in _UNSURE_FIRST for w in words):
        return words
    out: list[str] = []
    i, n = 0, len(words)
    while i < n:
        hit = next((p for p in _UNSURE_SIDES if tuple(words[i : i + len(p)]) == p), None) if words[i] in _UNSURE_FIRST else None
        if hit is None:
            out.append(words[i])
            i += 1
        else:
            i += len(hit)
    return out


_UNSURE_FIRST: Final = frozenset(p[0] for p in _UNSURE_SIDES)


def without_confidence(words: list[str]) -> list[str]:
    """``words`` without talk that says how sure the player is ("pretty sure", "I'm fairly certain"): not a yes
    ("pretty sure they don't" says no)."""
    if not any(w in _CONFIDENT for w in words):
        return words
    out: list[str] = []
    for i, w in enumerate(words):
        if w in _CONFIDENT and i and words[i - 1] in _HOW_SURE and i > 1 and words[i - 2] == "not":
            out[-1] = w  # ("not very sure" is "not sure": unsure talk, ``without_unsure``)
            continue
        if w in _CONFIDENT and i and words[i - 1] in _HOW_SURE:
            out.pop()  # (its "pretty", and an "I'm" before that)
            if out and out[-1] in ("im", "am", "i"):
                out.pop()
                if out and out[-1] == "i":
                    out.pop()
            continue
        out.append(w)
    return out


#: Words that say how sure a player is after one of ``_HOW_SURE``.
_CONFIDENT: Final = frozenset({"sure", "certain", "confident"})
_HOW_SURE: Final = frozenset({"pretty", "fairly", "quite", "very", "im", "am", "totally", "completely"})


def side_said(words: list[str]) -> str:
    """The side ``words`` take: "yes", "no", "both" ("yes or no"), or "" when they say neither ("no idea")."""
    side = _polarity(without_unsure(without_confidence(words)))[0]
    return side or _polarity(without_unsure(words))[0]


def yes_no_verdict(expected: str, response: Response, ctx: Context) -> Verdict:
    """A yes-or-no card: "yep", "nah", "it can't" count; "yes and no" does not; a "no" that goes on to
    assert what the question asked ("no, it always finds the global optimum") is wrong."""
    typed = response.norm.split()
    words = without_confidence(typed)
    if not _polarity(without_unsure(words))[0] and not any(w in NEGATORS for w in words) and not any(
        t.neg for t in response.toks
    ):
        words = typed  # ("I'm sure" alone, "honestly, pretty sure": a yes; not "pretty sure they don't")
    if not words:
        return no_answer()
    sure = without_unsure(words)
    if len(sure) < len(words):
        # "I don't know", "no idea" say no side, though a denial is in them; what the player says beside them
        # is their answer ("no idea, no" says no)
        if _polarity(sure)[0] in ("", "both"):
            return not_quite()
        words = sure
    said, end = _polarity(words)
    if not said:
        # A denial says "no" ("not more expressive"), but not one the question itself makes, typed back
        # ("without activations" for "Is a stack of layers without activations more expressive?"), nor a
        # "without" that denies nothing.
        negated = [t for t in response.toks if t.neg and not t.stop]
        denied = {s for s, neg in ctx.claims.words if neg}
        retold = (
            all(t.stem in denied for t in negated)
            and all(w in OBJECT_NEGATORS for w in words if w in NEGATORS)  # "without ...", not "not ..."
        )
        # (or the question itself typed back, its denial with it: "plain self-attention without any positional
        # information sensitive to the order" for "Is plain self-attention, without any positional information,
        # sensitive to the order of the tokens?")
        retold = retold or (
            all(w in OBJECT_NEGATORS and _denied_next(words, k, denied) for k, w in enumerate(words) if w in NEGATORS)
            and all(t.stem in ctx.question or t.word in ctx.question for t in response.toks if not t.stop)
        )
        denies = any(t.neg for t in response.toks) or any(w in NEGATORS for w in words)
        said = "no" if denies and not retold else ""
    if said != expected:
        return not_quite()
    if end and ctx.support is not None and ctx.support.relations and swaps_relation(response.text, ctx.support):
        return not_quite()  # "yes, since E[f(X)] ≤ f(E[X])" where the question says f(E[X]) ≤ E[f(X)]
    if end:
        text = " ".join(words[end:])
        remark = analyse_denying(text) if not DENY_VERBS.isdisjoint(words[end:]) else analyse_cached(text)
        rest = [t for t in remark if not t.stop and not t.num and not t.neg]
        if expected == "no" and sum(1 for t in rest if t.stem in ctx.question) >= 2:
            return not_quite()
        if expected == "no" and _restates_question(remark, ctx):
            return not_quite()  # "no, it is supervised" for "Is PCA supervised?"
        if expected == "yes" and _denies_question(remark, words[end:], ctx):
            return not_quite()  # "yes, it is not used during training" for "Is dropout used only during training?"
        # A side of an opposite the question names: "no, it needs labels" for "Is PCA supervised?" says
        # the question is right after all; "yes, it is unsupervised" for "Is k-means unsupervised?" does not.
        sides = tables().claim_sides
        marked = {sides[s] for s, _neg in ctx.claims.words if s in sides}
        # Only groups the question takes one side of.
        asked = {(g, k) for g, k in marked if sum(1 for h, _k in marked if h == g) == 1}
        asked &= {sides[s] for s, neg in ctx.claims.words if s in sides and not neg}
        for t in remark:
            side = sides.get(t.stem)
            if side is None or t.stem in ctx.question:
                continue
            for group, k in asked:
                if group == side[0] and ((k == side[1]) != t.neg) == (expected == "no"):
                    return not_quite()
        # A reason that says what the terms named (in the reason, or else the question's) are not: "no,
        # because XOR is linearly separable".
        # (Both, when the reason speaks of the question's term: "yes, it predicts a continuous target like
        # linear regression" says what it is not, though it names another; "no, XOR is not linearly
        # separable" speaks of XOR.)
        named = facts_of(tuple(t.stem for t in remark if not t.stop))
        itself = bool(remark) and remark[0].word in _PRONOUNS
        for facts in ((named, ctx.facts) if itself else (named,)) if named else (ctx.facts,):
            if facts and remark and _denies_facts(remark, facts, analyse_cached(text)):
                return not_quite()
    return right(expected)


def _denied_next(words: Sequence[str], k: int, denied: Container[str]) -> bool:
    """Whether the first word after ``words[k]`` that is not a little one is one the question denies."""
    return next((stem(w) in denied for w in words[k + 1 :] if w not in STOP), False)


def _restates_question(remark: Sequence[Tok], ctx: Context) -> bool:
    """Whether a remark after a "no" says what the question asks as a claim of its own: a clause about the
    question's term ("it", "they", or the term itself, with a verb), no word of it denied, every word of it the
    question's, the question's last one among them ("no, it is supervised" for "Is PCA supervised?", "no, it can
    learn XOR" for "Can a perceptron learn XOR?"). A word of the question's subject alone says nothing of what it
    asks ("no, it's linear" for "Can a linear model learn XOR?"), nor does a word the question does not say ("no,
    it's unsupervised", "no, it's still linear")."""
    if any(t.neg or t.word in NEGATORS for t in remark):
        return False
    return _tells_question(remark, ctx)


def _denies_question(remark: Sequence[Tok], words: Sequence[str], ctx: Context) -> bool:
    """Whether a remark after a "yes" (its normalised ``words``) denies what the question asks, as
    ``_restates_question`` finds a "no" taken back: the same clause about the question's term, every word of it
    the question's, but denied ("yes, it is not used during training", "yes, it's not only during training" for
    "Is dropout used only during training?"). A question that denies something itself is left alone (a "not"
    in the remark may say it back), and so is a remark that denies a word the question does not say ("yes, it
    isn't used at inference") or rules out something beside it ("without", "except", "than")."""
    if any(neg for _s, neg in ctx.claims.words) or not ctx.question.isdisjoint(_DENYING_WORDS):
        return False
    denials = [i for i, w in enumerate(words) if w in NEGATORS and w not in OBJECT_NEGATORS]
    # (a word denied, or a word of the question's right after the denial: "not only" is read as "not only ...
    # but also", which denies nothing in the tokens, though here it denies the question's "only")
    if not denials or not (
        any(t.neg for t in remark) or any(i + 1 < len(words) and words[i + 1] in ctx.question for i in denials)
    ):
        return False
    return _tells_question([t for t in remark if t.word not in NEGATORS], ctx)


def _tells_question(remark: Sequence[Tok], ctx: Context) -> bool:
    """Whether ``remark`` is a clause about the question's term ("it", "they", or the term itself, with a verb)
    whose every word is the question's, the question's last claim word among them."""
    if len(remark) < 2 or not ctx.claims.words:
        return False
    said = [t for t in remark if not t.stop and not t.num]
    if not said or any(t.stem not in ctx.question and t.word not in ctx.question for t in said):
        return False
    last = ctx.claims.words[-1][0]
    if not any(t.stem == last or t.word == last for t in said):
        return False
    return remark[0].word in _SUBJECT_PRONOUNS or any(t.word in _CLAUSE_VERBS for t in remark)


#: Words by which a question asks of a denial itself ("Is a perceptron unable to learn XOR?": "yes, it cannot
#: learn XOR" agrees with it).
_DENYING_WORDS: Final = NEGATORS | frozenset(
    "unable incapable impossible fail fails failed failing useless nothing none lack lacks".split()
)
#: Words that open a clause about the question's term ("no, it is ...", "no, they're ...").
_SUBJECT_PRONOUNS: Final = frozenset({"it", "its", "they", "theyre", "this", "thats"})
#: Verbs that make a remark a clause ("PCA is supervised", "a perceptron can learn XOR").
_CLAUSE_VERBS: Final = frozenset({"is", "are", "was", "were", "does", "do", "can", "could", "will", "would", "has", "have"})


#: A reason that starts with one of these speaks of the question's term ("yes, it predicts ...").
_PRONOUNS: Final = frozenset({"it", "its", "they", "their", "this"})


#: Two numbers said as a range: "12-24", "12 to 24", "between 12 and 24" (a number: digits, a point, commas).
_RANGE_RE: Final = re.compile(
    r"(?<![\w.,])(?:between\s+)?(\d[\d,]*(?:\.\d+)?)(?: ?%)? ?(?:[-\u2010-\u2015]|\s(?:to|through|and)\s) ?"
    r"(\d[\d,]*(?:\.\d+)?)(?![\w.,])",
    re.IGNORECASE,
)


#: A bound in time said of a number, before it ("before 2017", "pre-2017", "no later than 2017") or after it ("2017
#: or later", "2017 at the latest"): a year asked for is not given so. (A bound on a count or a share may be how a
#: round number is said, "over 50,000", and is weighed as before.)
_BOUND_BEFORE_RE: Final = re.compile(
    r"\b(?:before|after|since|until|till|pre|post|(?:no|not)\s+(?:later|earlier|sooner)\s+than) ?[-\u2010-\u2015]? ?$",
    re.IGNORECASE,
)
_BOUND_AFTER_RE: Final = re.compile(
    r" ?(?:or\s+(?:later|earlier|after|before)\b|at\s+the\s+(?:latest|earliest)\b|and\s+(?:later|earlier|after)\b|onwards?\b)",
    re.IGNORECASE,
)
#: How many characters before a number a bound is looked for in.
_BOUND_REACH: Final = 24
#: A number as typed (digits, with a point or commas).
_TYPED_NUMBER_RE: Final = re.compile(r"(?<![\w.,])\d[\d,]*(?:\.\d+)?(?![\d,.]*\d)")


def _plain(number: str) -> str:
    """A number as typed without its thousands' commas ("1,000" is "1000"), as the tokens read it."""
    return number.replace(",", "")


def _value(number: str) -> float:
    try:
        return float(number)
    except ValueError:
        return 0.0


def _bounded(v: Variant, text: str, ctx: Context) -> bool:
    """Whether the response bounds the answer's number in time rather than giving it: a bound word before or after
    the number typed ("before 2017", "2017 or later"), where neither the answer nor the question says one ("Before
    which year …?")."""
    nums = [t.word for t in v.toks if t.num]
    if len(nums) != 1 or _BOUND_ANY_RE.search(v.display) or any(w in ctx.question for w in _BOUND_WORDS):
        return False
    for m in _TYPED_NUMBER_RE.finditer(text):
        if not same_number(_plain(m.group()), nums[0]):
            continue
        bound = _BOUND_BEFORE_RE.search(text[max(0, m.start() - _BOUND_REACH) : m.start()]) or _BOUND_AFTER_RE.match(
            text, m.end()
        )
        words = re.findall(r"[a-z]+", bound.group().lower()) if bound else []
        if bound and not (words and all(w in ctx.question for w in words)):
            return True  # (the question's own bound typed back is none: "up to 7x" asked "up to how big …?")
    return False


#: Words of a bound in time (an answer or a question that says one asks for it: "Before which year …?").
_BOUND_WORDS: Final = frozenset("before after since until till later earlier latest earliest onward onwards".split())
_BOUND_ANY_RE: Final = re.compile(rf"\b(?:{'|'.join(sorted(_BOUND_WORDS))})\b", re.IGNORECASE)


_DIGIT_RE: Final = re.compile(r"\d")
#: A third number joined on: "68-95-99.7", a name; "2017-06-12", a date.
_CHAINED_RE: Final = re.compile(r"\s*%?\s*[-\u2010-\u2015/]\s*\d")


def _range_around(v: Variant, text: str) -> str:
    """The other end of a range the response gives where the answer is one number and one end of the range
    ("24" of "12-24" for 12), or "": a range hedges between the numbers in it. Not where the answer has two
    numbers itself ("3.5-2.5"), a ratio ("20 to 1"), a chain ("68-95-99.7") or a range in a remark after the
    answer ("95%, by the 68-95-99.7 rule"): the range is the response's first number; "and" only after
    "between"."""
    nums = [t.word for t in v.toks if t.num]
    if len(nums) != 1 or formula_signs(v.display):
        return ""
    first = _DIGIT_RE.search(text)
    m = _RANGE_RE.search(text)
    if m is not None and first is not None and m.start(1) == first.start() and not _CHAINED_RE.match(text, m.end()):
        low, high = m.group(1), m.group(2)
        said = m.group(0).lower()
        low, high = _plain(low), _plain(high)
        if _value(low) >= _value(high) and not said.startswith("between") and not re.search(r"\s(?:to|through)\s", said):
            # A high number before a lower one after a dash: a year's last digits ("2017-18"), else no range ("7-1", a
            # score; "2017-06", a month; "32 - 4 bytes", a remark).
            if not (len(low) == 4 and len(high) == 2 and high.isdigit() and int(high) > 12):
                return ""
            high = low[:2] + high
        low_same, high_same = same_number(low, nums[0]), same_number(high, nums[0])
        if (" and " not in said or said.startswith("between")) and not ("1" in (low, high) and " to " in said):
            if low_same != high_same:  # (a ratio, "20 to 1", is none)
                return high if low_same else low
    return ""


def _glued_term(said: str, v: Variant) -> bool:
    """Whether ``said``, a word read as a misspelling of a word of ``v``, is a known term of two words or more
    run together ("ptuning" is "P-tuning", "transformerxl" "Transformer-XL") that ``v`` is not."""
    spelt = glued_term(said)
    return bool(spelt) and spelt != tuple(t.stem for t in v.toks if not t.stop)


def _numbers_short(v: Variant, resp: Sequence[Tok]) -> bool:
    """Whether ``v`` is a formula ("1 - 1/e", "n - 1") one of whose numbers ``resp`` says fewer times than it
    does: one word of the response covers each of a form's repeated words, but a formula's terms count."""
    if not formula_signs(v.display):
        return False
    need = Counter(t.word for t in v.toks if t.num)
    have = Counter(t.word for t in resp if t.num)
    return any(have[word] < count for word, count in need.items() if count > 1)


def optional_tokens(v: Variant, question: frozenset[str]) -> frozenset[int]:
    """The tokens of ``v`` a player may leave out: generic head nouns the ``question`` already says (or a
    word of the same meaning: "learning" where it says "training")."""
    same = tables().same_words
    found = [
        i
        for i, t in enumerate(v.toks)
        if (t.word in GENERIC or t.stem in GENERIC)
        and (t.word in question or t.stem in question or any(w in question for w in _same_as(t.word, same)))
    ]
    # (only after the name's own words: "R" is no name of "Algorithm R", "large numbers" none of "law of large
    # numbers", "Transformer" none of "Set Transformer")
    first = next((i for i, t in enumerate(v.toks) if i not in found and not t.stop), len(v.toks))
    return frozenset(i for i in found if i > first)


def _same_as(word: str, same: dict[str, str]) -> list[str]:
    """The words of ``word``'s group in ``same_words`` (``word`` too), or []."""
    first = same.get(word, word)
    group = [w for w, f in same.items() if f == first]
    return [first, *group] if group else []


def kind_tokens(v: Variant) -> frozenset[int]:
    """The tokens at the end of ``v`` that say what kind of thing it is, when the words before them are a
    known term of their own ("optimizer" in "Adam optimizer"), or what a number counts ("bits" in "16
    bits", "p" in "p = 0.5"): a player may leave them out."""
    toks = v.toks
    nums = [i for i, t in enumerate(toks) if t.num]
    # (A number written in digits: "zero-shot embedding" counts nothing; nor does a formula's, "n - 1".)
    if nums and len(v.items) == 1 and any(ch.isdigit() for ch in v.display) and not formula_signs(v.display):
        last = nums[-1]
        after = [i for i in range(last + 1, len(toks))]
        # (a letter before it, "p" of "p = 0.5", or its sign, "minus" of "-40")
        before = [i for i in range(nums[0]) if len(toks[i].word) == 1 and toks[i].word.isalpha()]
        sign = [i for i in range(nums[0]) if toks[i].word == "minus"]
        if len(before) + len(sign) == nums[0] and sign:
            before = [i for i in before if i not in sign]
            if len(after) <= 2 and all(toks[i].word.isalpha() for i in after) and after:
                return frozenset(after + before)
        if len(after) <= 2 and all(toks[i].word.isalpha() for i in after) and len(before) == nums[0]:
            return frozenset(after + before)
    return frozenset(range(kind_end(v), len(v.toks)))


def kind_end(v: Variant) -> int:
    """Where the words that say what kind of thing ``v`` is begin at its end ("optimizer" in "Adam
    optimizer"; ``kind_words`` of ``data/forms.yaml``) when the words before them are a known term of
    their own; else the length of ``v``."""
    kinds = tables().kind_words
    n = len(v.toks)
    end = n
    while end > 1 and v.toks[end - 1].word in kinds and not v.toks[end - 1].num:
        end -= 1
    if end == n or len(v.items) > 1:
        return n
    rest = " ".join(t.word for t in v.toks[:end])
    if rest in named_terms() or rest in tables().term_words:
        return end
    # One distinctive word before one kind word names the thing too ("elbow" for "elbow method",
    # "Zipf" for "Zipf's law"): a word of the field, not a little or common one.
    first = v.toks[0]
    if end == 1 == n - 1 and first.word.isalpha() and len(first.word) >= _NAMING_CHARS and not first.stop:
        return end
    return n


#: A word before a kind word names the thing alone when it has at least this many letters.
_NAMING_CHARS: Final = 4


def did_you_mean_verdict(suggestion: str) -> Verdict:
    """Almost: the response spells another real word close to ``suggestion``."""
    return Verdict(VerdictKind.ALMOST, 0.5, VerdictReason.DID_YOU_MEAN, suggestion=suggestion)


def _binary_choice(v: Variant, resp: Sequence[Tok], ctx: Context) -> bool:
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


def _short_beside_a_name(resp: Sequence[Tok], m: Match, text: str) -> bool:
    """Whether a response longer than ``SHORT_ANSWER`` words is a short answer beside a long name: at most
    three list items, one of them not the answer's a known term or a name written in capitals, and the rest
    short ("k-fold cross-validation or maybe Efficiently Learning an Encoder that Classifies Token Replacements
    Accurately")."""
    if len(resp) > 3 * SHORT_ANSWER or not m.used:
        return False
    items = {r.item for r in resp}
    if len(items) > 3:
        return False
    answer_items = {resp[j].item for j in m.used}
    for item in items - answer_items:
        said = sum(r.item == item for r in resp)
        if len(resp) - said <= SHORT_ANSWER and (_known_item(resp, item) or _title_cased(resp, item, text)):
            return True
    return False


@functools.lru_cache(maxsize=4096)
def _one_name(stems: tuple[str, ...], display: str) -> bool:
    """Whether an answer of two list items or more (its ``stems``, its text ``display``) is one name of the field
    with "and" inside, not a list: an acronym's expansion or a term of the shipped vocabulary ("simultaneous
    localization and mapping", "independent and identically distributed")."""
    tabs = tables()
    return stems in tabs.expansions or display.lower() in tabs.terms


#: Little words that make a list item a clause or a phrase rather than a name ("stream the data through Kafka",
#: "tagging text as positive"); "of" is in names ("mixture of experts").
_PHRASE_WORDS: Final = frozenset(
    "it its which that who they is are was were be been can could has have as through by with when where because "
    "since so while into from for on at".split()
)


def _hedged_in_a_remark(resp: Sequence[Tok], item: int, answer_items: set[int], ctx: Context) -> bool:
    """Whether list item ``item``, opened by "or", "vs" or "/", weighs two things inside a remark after the
    answer ("real-time monitoring; stream the click data through Kafka or Kinesis") rather than offers a second
    answer beside it: no item next to it is the answer's, nothing in it offers it ("maybe"), and an item
    after the answer up to it (not one of the card's names: "MoE (mixture of experts) or boosting") says more
    than a name (a little word of a clause in it, or more than three words). A formula's "/" is no hedge
    weighed here ("(b − a)/2")."""
    if not answer_items or item + 1 in answer_items or len(resp) > REMARK_WORDS:
        return False  # (a longer text offers what it weighs: a card's answer pasted beside another's question)
    if item - 1 in answer_items or _item_before(resp, item) in answer_items:
        # The remark right after the answer, weighing two things after it says more than a name ("..., it
        # recommends items liked by users whose past ratings or clicks resemble yours"), not "Adam, SGD or ...".
        said = [r for r in resp if r.item == item and not r.stop and not _in(r.word, r.stem, ctx.names)]
        return (
            item == max(answer_items) + 1
            and any(r.item == item + 1 for r in resp)
            and any(r.item == item and r.word in _PHRASE_WORDS for r in resp)
            and len(said) > 3
            and not any(r.item in (item, item + 1) and _offers(r) for r in resp)
        )
    last = max(answer_items)
    first = next((r for r in resp if r.item == item), None)
    if item < last or first is None or first.num or len(first.word) == 1:
        return False  # (nor a formula: "with mean (b − a)/2", "1 − 1/e")
    if any(r.item == item and _offers(r) for r in resp):
        return False  # ("..., or maybe L1")
    # (the items after the answer up to it, itself too: "tagging text as positive" before "negative or neutral")
    between = [r for r in resp if last < r.item <= item]
    for k in {r.item for r in between}:
        said = [r for r in between if r.item == k]
        if all(r.stop or _in(r.word, r.stem, ctx.names) for r in said):
            continue
        if len(said) > 3 or any(r.word in _PHRASE_WORDS for r in said):
            return True
    return False


#: Two numbers written as a ratio or a fraction ("20:1", "1/2").
_RATIO_RE: Final = re.compile(r"\d\s*[:/]\s*\d")


def _competing(v: Variant, response: Response, m: Match, ctx: Context, glossary: frozenset[str]) -> str:
    """An item the player offered beside the answer ("L1 or L2", "knowledge-based, ..., neural", "dropout
    and L2")."""
    resp: Sequence[Tok] = response.toks
    hedges = response.hedges
    joins = response.joins
    strict = bool(ctx.names) and (len(resp) <= SHORT_ANSWER or _short_beside_a_name(resp, m, response.text))
    if strict and resp[-1].item >= len({r.item for r in resp}):
        # An item with no word (a parenthesis closed: "PCA (principal component analysis), KL divergence"): in
        # a short answer the items are counted without it, so that the ones on either side of it are next to
        # each other.
        resp, hedges, joins = _closed_items(resp, hedges, joins)
    answer_items = {resp[j].item for j in m.used}
    list_answer = len(v.items) > 1 and not _one_name(tuple(t.stem for t in v.toks), v.display)
    # Examples given after the answer ("a tokenizer, e.g. BPE or WordPiece") are no second answer.
    after = max(m.used, default=-1)
    examples = next((j for j in range(after + 1, len(resp)) if resp[j].word in _EXAMPLE_WORDS), len(resp))
    # So are names inside a clause after it, from its verb on ("StringLookup, output_mode can also be one_hot or
    # tf_idf", "discriminative model; logistic regression and SVMs are examples"), but not a verb right after
    # "or" ("or is it ...").
    if not v.nums:
        verb = next(
            (
                j
                for j in range(after + 1, examples)
                if resp[j].word in _REMARK_VERBS and resp[j].item not in answer_items
                and resp[j - 1].word not in _OFFERING
            ),
            examples,
        )
        if verb < examples and not _asked_after_or(response.text):
            examples = verb
    by_item: dict[int, list[Tok]] = {}
    for j, r in enumerate(resp):
        if r.neg or r.stop or j in m.used or j >= examples or r.word in _OFFERING or r.word in _OFFERED_AFTER:
            continue  # ("both", "too": words that offer a thing, naming none)
        if r.item in answer_items and r.item not in hedges and not list_answer:
            continue
        # Words of the question are free to say, but not as a second answer offered with "or" (in a
        # short answer: an explanation may weigh the options the question names).
        free = ctx.names if strict and (r.item in hedges or r.item in joins) else ctx.free
        if r.stem in free or r.word in free:
            continue
        by_item.setdefault(r.item, []).append(r)
    terms = tables().term_words
    if v.nums and len(v.toks) == 1 and m.used and len({r.item for r in resp}) > 1 and not _RATIO_RE.search(response.text):
        # Numbers alone, one per item, where one number is asked ("8%, 10%"; not a ratio, "20:1"): another
        # one offered.
        numbers = [r for r in resp if not r.stop]
        if all(r.num and not r.neg for r in numbers) and len({r.word for r in numbers}) > 1:
            offered = next((r.word for j, r in enumerate(resp) if r.num and j not in m.used and r.item not in answer_items), "")
            if offered:
                return offered
    if strict and m.used:
        named = _joined_term(v, resp, m, joins, ctx) or (
            "" if list_answer else _split_answer_term(v, resp, m, ctx)
        )
        if named:
            return named
    for item, toks in by_item.items():
        # A long name offered with "or" or "and" is a second answer when it is a known term, little words and
        # all ("GPT's expansion or t-distributed stochastic neighbor embedding", "IoU or reinforcement
        # learning from human feedback").
        if (
            strict
            and len(toks) >= 2
            and (item in hedges or item in joins or (len(toks) > 4 and not list_answer))
            # beside the answer, not in a remark after it ("MCMC, which includes Gibbs sampling and ...")
            and (_item_before(resp, item) in answer_items or item + 1 in answer_items)
        ):
            if _whole_item(resp, item, toks) and _known_phrase(toks):
                return " ".join(t.word for t in toks)
            known = _known_item(resp, item) or _misspelt_item(v, toks, ctx)
            if known:
                return known
            if item in hedges:
                # ... and, offered with "or", with a word or two of talk around it ("or even proximal policy
                # optimization", "or redundant array of independent disks, whichever", "or is it ...?")
                known = _known_run_in(resp, item, ctx)
                if known:
                    return known
        # "k-fold cross-validation, Efficiently Learning an Encoder that Classifies Token Replacements Accurately": a
        # long name written with capitals beside the answer, known term or not
        if (
            strict
            and not list_answer
            and len(toks) >= 3
            and item not in answer_items
            and (_item_before(resp, item) in answer_items or item + 1 in answer_items)
            and _title_cased(resp, item, response.text)
        ):
            return " ".join(r.word for r in resp if r.item == item and r.word not in _OFFERING and r.word not in MAYBE_WORDS)
        if len(toks) > 4:
            continue
        if (
            item in hedges
            and (len(toks) <= 3 or _known_phrase(toks) or _known_item(resp, item) or _misspelt_item(v, toks, ctx))
            and not _hedged_in_a_remark(resp, item, answer_items, ctx)
        ):
            return " ".join(t.word for t in toks)
        if list_answer and all(_is_termlike(t, glossary) for t in toks):
            return " ".join(t.word for t in toks)
        # "image encoders and decoders, playground": a known term beside the items of a list answer, all the
        # response says besides them.
        if (
            strict
            and list_answer
            and item not in answer_items
            and (_item_before(resp, item) in answer_items or item + 1 in answer_items)
            and all(r.item in answer_items or r.item == item or r.stop or _offers(r) for r in resp)
            and 0 not in m.covered
        ):
            named = _comma_term(v, resp, item, toks, ctx)
            if named:
                return named
            # "Kingma, Ba and Hinton", "image encoders and decoders, Kaiming": a name typed with capitals
            if (
                len(toks) <= 3
                and _whole_item(resp, item, toks)
                and all(t.word in _named_later(response.text, first=True) for t in toks)
                and not any(_in(t.word, t.stem, ctx.names) or _in(t.word, t.stem, ctx.question) for t in toks)
                # (not a name the card says: "image encoders and decoders (Carnegie Mellon)")
                and not (ctx.support is not None and any(t.stem in ctx.support.stems for t in toks))
            ):
                return " ".join(t.word for t in toks)
        # "MLM and next-token prediction" for "MLM or next-token prediction?": the other option too.
        if strict and ctx.options and item in joins:
            if any(all(t.stem in option for t in toks) for option in ctx.options):
                return " ".join(t.word for t in toks)
        # "dropout and L2": another term of the field beside a one-item answer, in a short answer; or a
        # known term with little words ("word error rate and topological sort": "sort" is one).
        if (
            strict
            and not list_answer
            and item in joins
            and (item - 1 in answer_items or _item_before(resp, item) in answer_items)
        ):
            if (
                len(toks) <= 3
                and not any((t.num and not _numbered_name(toks)) or _in(t.word, t.stem, ctx.names) for t in toks)
                and (all(t.word in terms for t in toks) or _known_phrase(toks, single=True, plural=True))
            ):
                return " ".join(t.word for t in toks)
            named = _comma_term(v, resp, item, toks, ctx)  # ("dropout and lemmatization model")
            if named:
                return named
        # "dropout, maybe weight noise": whatever is offered after "maybe" beside the answer is a second
        # answer, known term or not (not a word that says how it is: "temperature, probably lower"); so is
        # what the answer is offered after ("k-medians, maybe k-means"). A number beside a number answer
        # too ("15, maybe 20%").
        if (
            strict
            and not list_answer
            and item not in answer_items
            and (len(toks) <= 3 or _known_item(resp, item) or _misspelt_item(v, toks, ctx))
            and (
                (item in joins and _offered(resp, item))
                or any(j in joins and _offered(resp, j) for j in answer_items)
            )
            and not any((t.num and not (v.nums and all(r.num for r in toks))) or _in(t.word, t.stem, ctx.names) for t in toks)
            and not all(_describes(t) for t in toks)
            and not any(t.word.endswith("ed") and not _known_phrase([t], single=True) for t in toks)
        ):
            return " ".join(t.word for t in toks)
        # "L2 and dropout": the same term before the answer, the answer joined to it; or a long known term, or
        # one with little words or a word of the question ("in-context learning and teacher forcing",
        # "reinforcement learning from human feedback and lasso").
        if (
            strict
            and not list_answer
            and item + 1 in answer_items
            and item + 1 in joins
            and min(answer_items) == item + 1
        ):
            if (
                len(toks) <= 3
                and _whole_item(resp, item, toks)
                and not any((t.num and not _numbered_name(toks)) or _in(t.word, t.stem, ctx.names) for t in toks)
                and (all(t.word in terms for t in toks) or _known_phrase(toks, single=True, plural=True))
                and not _same_side(v, tuple(t.stem for t in toks))
            ):
                return " ".join(t.word for t in toks)
            named = _comma_term(v, resp, item, toks, ctx)  # ("dropout and lemmatization model")
            if named:
                return named
        # "dropout, L2", "temperature, top-k": a known term of the field alone after a comma, in a short
        # answer; "L2, dropout": the same before the answer (``_comma_term``: not a word of the question, nor
        # a name of the answer or of its side of a rivalry, nor a word that says what kind of thing the answer
        # is: "optimizer, Adam").
        after_comma = (
            (item - 1 in answer_items or _item_before(resp, item) in answer_items)
            and item not in hedges
            and item not in joins
        )
        before_comma = (
            item + 1 in answer_items
            and min(answer_items) == item + 1
            and item not in hedges
            and item + 1 not in hedges
            and item + 1 not in joins
            and not (len(toks) == 1 and len(toks[0].word) < 2)  # an initial: "T. Mikolov"
            and not (len(toks) == 1 and _initials(toks[0].word, [r.word for r in resp if r.item == item + 1]))
        )
        if (
            strict
            and not list_answer
            and (after_comma or before_comma)
            # (the answer's initials after it: "sentiment analysis (SA)", "restricted Boltzmann machines, RBMs")
            and not (
                after_comma
                and len(toks) == 1
                and any(_initials(toks[0].word, [r.word for r in resp if r.item == i and not r.stop]) for i in answer_items)
            )
        ):
            named = _comma_term(v, resp, item, toks, ctx)
            if named:
                return named
        # "Mercury and Venus", "haiku and tanka", "deadlock, race condition": in an answer of a few words,
        # made of the answer and one more name beside it, each a whole item, the other is a second answer,
        # known term or not.
        if (
            strict
            and not list_answer
            and item not in answer_items
            # (a few words besides the answer's item, however long the answer's name)
            and (
                len(resp) <= _TWO_NAMES_WORDS
                or (len(answer_items) == 1 and sum(r.item not in answer_items for r in resp) <= _TWO_NAMES_WORDS - 2)
            )
            and len(toks) <= 3
            and len(by_item) == 1
            and _whole_item(resp, item, toks)
            and all(_name_word(t) and t.word not in _TITLES for t in toks if not _initial_inside(t, toks))  # ("Rev. Thomas Bayes")
            # (the answer's initials: "RBMs - restricted Boltzmann machines")
            and not (len(toks) == 1 and any(_initials(toks[0].word, [r.word for r in resp if r.item == i]) for i in answer_items))
            and not any(r.item == item and r.stop for r in resp)  # "a lazy learner", "which returns ..."
            and not any(_in(t.word, t.stem, ctx.names) or _turns_question_word(t.word, ctx) for t in toks)
            # (a word for its kind may end a name of two words or more: "triplet loss", "Kalman filter")
            # (and a name of two words or more typed with capitals is a name: "Sparse Transformer")
            and not any(
                _describes(t)
                and not (len(toks) > 1 and t is toks[-1] and kind_word(t))
                and not (len(toks) > 1 and all(x.word in _named_later(response.text) or x.word in _named_first(response.text, resp, item) for x in toks))
                and not (len(toks) == 2 and t is toks[0] and _other_kind(toks[-1], ctx))
                for t in toks
            )
            # (a word typed with a capital after the first is a name, whatever its ending: "Bigtable"; so is the
            # first word, typed with a capital, where the answer is joined to it: "Kaiming and standard deviation")
            and not any(
                _describing_ending(t.word)
                and t.word not in _named_later(response.text, first=item + 1 in joins)
                and t.word not in _named_first(response.text, resp, item)
                and not _kind_named(toks, t, item in joins or item in hedges or item + 1 in joins)
                and not (len(toks) == 2 and t is toks[0] and _other_kind(toks[-1], ctx))
                for t in toks
            )
            # (the answer's item may hold words of the card's names or question that the match did not need,
            # little words and a word for its kind: "k-means clustering", "analysis of variance")
            and all(
                _whole_item(resp, i, [
                    r for j, r in enumerate(resp)
                    if r.item == i
                    and (j in m.used or r.stop or kind_word(r) or _in(r.word, r.stem, ctx.names) or _in(r.word, r.stem, ctx.question))
                    and not (r.word in _ARTICLES or r.word in _BOTH)
                ])
                for i in answer_items
            )
            and not _same_side(v, tuple(t.stem for t in toks))
        ):
            return " ".join(t.word for t in toks)
    if strict and not list_answer and m.used:
        other = _variant_name(v, resp, m, ctx)
        if other:
            return other
    if strict and not list_answer and m.used and joins:
        offered = _offered_before(v, resp, m, joins, ctx)
        if offered:
            return offered
    if strict and not list_answer and m.used and len(m.used) < len(resp):
        first = resp[min(m.used)].item
        if resp[-1].item > first:
            shared = _shared_word_term(v, resp, first, ctx) or (
                _misnamed(v, resp, m, ctx) if response.says_any(_NAMING) else ""
            )
            if shared:
                return shared
    if strict and len(v.items) == 1 and ctx.rejects and m.used and resp[-1].item > resp[0].item:
        inner = _rejected_item(v, resp, ctx) or _misspelt_reject(v, resp, m, ctx)
        if inner:
            return inner
    if strict and not list_answer and m.used and (hedges or resp[0].neg or resp[0].word in _UNSURE_WORDS or resp[0].word in MAYBE_WORDS):
        other = _hedged_sibling(v, resp, hedges) if hedges else _unsure_list(v, resp, m, ctx)
        if other:
            return other
    if strict and ctx.options and (hedges or joins):
        # "off-policy or on-policy" for "on-policy or off-policy?": the question's other option offered too,
        # even when a little word is all that tells it from the answer; so is "both model-based and
        # model-free" (the two options the question offers, joined).
        mine = [t.word for t in v.toks]
        for item in hedges if not joins else {r.item for r in resp}:
            said = [r.word for r in resp if r.item == item and not r.neg and r.word not in _BOTH]
            if not said or Counter(mine) <= Counter(said):
                continue  # the answer itself
            if any(not r.stop for r in resp if r.item == item) and any(
                all(w in option for w in said) for option in ctx.options
            ):
                return " ".join(said)
    if strict and ctx.options and m.used and len(resp) <= _LISTED_OPTIONS and not list_answer:
        # "first, second" or "off-policy on-policy" for "... the first or the second?": the question's options
        # listed, with no "or" (handled above): none picked.
        other = _listed_option(v, resp, m, ctx)
        if other:
            return other
    return ""


#: The most words a response of options listed has ("model-free, model-based").
_LISTED_OPTIONS: Final = 6


def _listed_option(v: Variant, resp: Sequence[Tok], m: Match, ctx: Context) -> str:
    """Words besides the answer's, in its item or another, that are all words beside an "or" of the question
    (``Context.option_words``: "first" in "first, second" for "... (first or second)?"), asserted, at least one
    of them a word of another option than the answer's, no word of the answer nor a word for a kind of thing
    ("off-policy algorithm" lists nothing; "second AI winter" says what the question says of both)."""
    mine = {t.stem for t in v.toks} | {t.word for t in v.toks}
    besides = [r for j, r in enumerate(resp) if j not in m.used]
    if not besides or any(r.neg for r in besides):
        return ""
    sides = ctx.option_words
    # the sides that say a word of the answer the others do not ("free" of "model-free", beside "model-based")
    own = [t for t in v.toks if not t.stop and not all(t.word in side or t.stem in side for side in sides)]
    mine_sides = [side for side in sides if any(t.word in side or t.stem in side for t in own)]
    if not mine_sides:
        return ""  # the answer is none of the options ("weight pruning" for "... weights or neurons ...?")
    others = frozenset().union(*(side for side in sides if side not in mine_sides))
    if not any(
        r.word in others
        and (not r.stop or r.word in _OPTION_MARKERS)
        and r.word not in mine
        and r.stem not in mine
        and not kind_word(r)
        and r.word not in GENERIC
        for r in besides
    ):
        return ""  # ("by streaming data" for "... by streaming data or by batch uploads?")
    heads = frozenset().union(*sides)
    if all((r.stop and r.word not in _OPTION_MARKERS) or r.word in heads or r.stem in heads for r in besides):
        return " ".join(r.word for r in besides)
    return ""


#: Little words that tell one option from another ("on-policy" and "off-policy").
_OPTION_MARKERS: Final = frozenset({"on", "off", "in", "out", "up", "down", "pre", "post"})


def _closed_items(
    resp: Sequence[Tok], hedges: frozenset[int], joins: frozenset[int]
) -> tuple[list[Tok], frozenset[int], frozenset[int]]:
    """``resp`` with its items counted again without those that hold no word, and the items offered
    (``hedges``: those on either side of an "or") or joined (``joins``: those after an "and") counted so
    too: an empty item offered gives its mark to the item before it ("PCA (principal component analysis) or
    KL divergence"); an empty item joined ("the weights and") joins nothing."""
    said = sorted({r.item for r in resp})
    at = {item: k for k, item in enumerate(said)}
    offered: set[int] = set()
    for item in hedges:
        if item in at:
            offered.add(at[item])
        else:
            before = [k for k, it in enumerate(said) if it < item]
            if before:
                offered.add(before[-1])
    joined = frozenset(at[item] for item in joins if item in at)
    return [r._replace(item=at[r.item]) for r in resp], frozenset(offered), joined


def _joined_term(v: Variant, resp: Sequence[Tok], m: Match, joins: frozenset[int], ctx: Context) -> str:
    """A known term with "and" inside ("image encoders and decoders") that two list items joined by it spell
    beside the answer, before or after it ("backpropagation, image encoders and decoders"): the response's
    items split at "and", so no one of them names it. Not a name of the card. "" if there is none."""
    answer_items = {resp[j].item for j in m.used}
    for item in sorted({r.item for r in resp}):
        if item + 1 not in joins or item in answer_items or item + 1 in answer_items:
            continue
        if not (_item_before(resp, item) in answer_items or min(answer_items) == item + 2):
            continue
        first = [r for r in resp if r.item == item]
        while first and (first[0].word in _ARTICLES or first[0].word in MAYBE_WORDS or first[0].word in _OFFERING):
            first = first[1:]
        second = [r for r in resp if r.item == item + 1]
        while second and second[-1].word in _OFFERED_AFTER:
            second = second[:-1]  # "backpropagation, image encoders and decoders too"
        if not first or not second or any(r.neg for r in first + second):
            continue
        phrase = " ".join(r.word for r in first) + " and " + " ".join(r.word for r in second)
        if not _known_phrase_text(phrase, False):
            continue
        toks = tuple(r for r in first + second if not r.stop)
        if all(_in(t.word, t.stem, ctx.names) for t in toks if not t.num) or _same_side(v, tuple(t.stem for t in toks)):
            continue
        return phrase
    return ""


def _split_answer_term(v: Variant, resp: Sequence[Tok], m: Match, ctx: Context) -> str:
    """A known term in a list item beside the answer's that lent the answer a word ("model collapse,
    transformers" for "transformer models": the alignment takes "model" from the first item): the item the
    answer takes fewer words from names something else, when it says a word the answer does not use. ""
    if none does."""
    counts = Counter(resp[j].item for j in m.used)
    if len(counts) < 2:
        return ""
    # (The item the answer takes the most words from is its own; of two that lend it as many, either may
    # name another term: "transformers, the model collapse".)
    most = max(counts.values())
    tied = [it for it, c in counts.items() if c == most]
    main = tied[0] if len(tied) == 1 else -1
    for item in sorted(counts):
        if item == main:
            continue
        toks = [r for j, r in enumerate(resp) if r.item == item and not r.stop and not r.neg]
        if not any(j not in m.used for j, r in enumerate(resp) if r.item == item and not r.stop and not r.neg):
            continue
        named = _other_known_item(v, resp, item, toks, ctx)
        if named:
            return named
    return ""


def _bare_known_term(v: Variant, resp: Sequence[Tok], item: int, toks: Sequence[Tok], ctx: Context) -> bool:
    """Whether ``toks``, all of list item ``item``, are a known term of up to three words (and words that say
    what kind of thing it is) that could be a second answer beside ``v``: no number, no name of the answer, not the answer's side of a rivalry, not
    only words that say what kind of thing the answer is, and, beside an answer that is a number
    (``_a_number``), a name of a loaded deck."""
    if not _whole_item(resp, item, toks):
        # a word of the question after it that says what kind of thing it is, left out of ``toks`` as a word the
        # player may say ("masking, lasso model" where the question says "model")
        said = [r for r in resp if r.item == item and r.word not in _ARTICLES]
        if not (
            toks
            and len(said) > len(toks)
            and all(a is b for a, b in zip(said, toks, strict=False))
            and all(r.word in GENERIC or r.stem in GENERIC for r in said[len(toks) :])
        ):
            return False
        toks = said
    # a known term with a word after it that says what kind of thing it is ("RMSNorm model", "k-means
    # algorithm") names the term; with an article, it says what kind of thing the answer is ("a
    # decoder-only model")
    k = len(toks)
    while k > 1 and (toks[k - 1].word in GENERIC or toks[k - 1].stem in GENERIC):
        k -= 1
    if k < len(toks) and any(r.item == item and r.word in _ARTICLES for r in resp):
        k = len(toks)
    toks = toks[:k]
    return (
        len(toks) <= 3
        and not any((t.num and not _numbered_name(toks)) or _in(t.word, t.stem, ctx.names) for t in toks)
        and (_known_phrase(toks, single=True, plural=True) or _misspelt_term_word(toks, ctx))
        # beside a number, a name of a loaded deck, but not a word that says how the answer is ("12, stemming";
        # "7, neutral" stays right)
        and (not _a_number(v) or (" ".join(t.word for t in toks) in deck_terms() and not any(_describes(t) for t in toks)))
        # a word that says how the answer is ("7, neutral") is no second answer, unless another card of a
        # loaded deck has it for its answer ("learning rate schedule, overfitting")
        and (not all(_describes(t) for t in toks) or " ".join(t.word for t in toks) in deck_terms())
        and not _same_side(v, tuple(t.stem for t in toks))
    )


def _a_number(v: Variant) -> bool:
    """Whether the answer is a number ("15%", "110 million", "about 30,000"): it holds one and at most one
    other word that says something (a unit); "You Only Look Once" holds "once" but is a name."""
    return bool(v.nums) and sum(1 for t in v.toks if not t.num and not t.stop) <= 1


def _comma_term(v: Variant, resp: Sequence[Tok], item: int, toks: Sequence[Tok], ctx: Context) -> str:
    """The second answer list item ``item`` names beside the answer (after a comma, "and" ...): a known term of
    up to three words (``_bare_known_term``), or one with little words or words of the question
    ("reinforcement learning from human feedback", "model collapse" where the question says "model") that
    names something else than the answer (``_other_known_item``). "" if it names none."""
    if _bare_known_term(v, resp, item, toks, ctx):
        return " ".join(t.word for t in toks)
    return _other_known_item(v, resp, item, toks, ctx)


def _other_known_item(v: Variant, resp: Sequence[Tok], item: int, toks: Sequence[Tok], ctx: Context) -> str:
    """The known term list item ``item`` spells, little words and words of the question too, when it names
    something else than the answer: a word of it that no name of the card says, not the answer's side of a
    rivalry. A number may be a word of it ("two-phase commit"), but not all of it; beside an answer that is a
    number ("k-means, 50,257") the term holds none. "" if none."""
    if (
        (_a_number(v) and any(t.num for t in toks))
        or all(t.num for t in toks)
        or all(_in(t.word, t.stem, ctx.names) for t in toks if not t.num)
        or _same_side(v, tuple(t.stem for t in toks))
    ):
        return ""
    said = [r for r in resp if r.item == item]
    if any(r.word in ("a", "an") for r in said) and (said[-1].word in GENERIC or said[-1].stem in GENERIC):
        return ""  # "GELU, an activation function": what kind of thing the answer is ("the ..." names one)
    named = _known_item(resp, item) or _misspelt_item(v, toks, ctx)
    if named:
        return named
    # a misspelt term with a word the player may say ("transformers, model colalpse" where the question says
    # "model"): ``toks`` leave that word out, the term is looked up with it
    whole = [r for r in said if not r.stop and not r.neg and r.word not in _OFFERING and r.word not in _OFFERED_AFTER]
    return _misspelt_item(v, whole, ctx) if len(whole) > len(toks) else ""


def _misspelt_term_word(toks: Sequence[Tok], ctx: Context) -> bool:
    """``toks`` are one word that is no real word and spells a known term of one word with a typo
    ("perpleixty"), which is no name of the card nor a word that says how the answer is."""
    if len(toks) != 1 or toks[0].word in known_words():
        return False
    known = misspelt_word(toks[0].word)
    if not known:
        return False
    t = analyse_cached(known)
    # (a word that says how the answer is, unless another card of a loaded deck has it for its answer, as
    # ``_bare_known_term`` has it: "learning rate schedule, oevrfitting")
    return len(t) == 1 and not _in(t[0].word, t[0].stem, ctx.names) and (not _describes(t[0]) or known in deck_terms())


def _numbered_name(toks: Sequence[Tok]) -> bool:
    """Whether ``toks`` are a known term with a number in it ("type I error", read as "type 1 error"): a name,
    not a number offered beside the answer."""
    return len(toks) >= 2 and not all(t.num for t in toks) and _known_phrase(toks)


def _misspelt_item(v: Variant, toks: Sequence[Tok], ctx: Context) -> str:
    """The known term of two words or more that ``toks`` (a list item's words but its little ones) spell with a
    typo in a word that is no real word ("markov cahin monte carlo", "one-hot necoding"), when it names something else than the
    answer: a word of it that no name of the card says. "" if none."""
    # (a number may be a word of it, "two-hpase commit", but not all of it)
    if len(toks) < 2 or any(t.neg for t in toks) or all(t.num or t.word in known_words() for t in toks):
        return ""
    term = misspelt_term(tuple(t.stem for t in toks), tuple(t.word for t in toks))
    if not term or all(st in ctx.names for st in term) or _same_side(v, term):
        return ""
    return " ".join(t.word for t in toks)


def _initials(word: str, words: Sequence[str]) -> bool:
    """Whether ``word`` is made of the initials of ``words`` ("rbms" of "restricted boltzmann machines"):
    the short form of the name beside it, not a second answer."""
    letters = "".join(w[:1] for w in words)
    return len(letters) > 1 and (word == letters or word.rstrip("s") == letters.rstrip("s"))


#: Words that only announce two answers joined ("both model-based and model-free").
_BOTH: Final = frozenset({"both", "either"})


def _rejected_item(v: Variant, resp: Sequence[Tok], ctx: Context) -> str:
    """A rejected answer made of the answer's own words, given whole as an item of its own beside an item
    that says the answer ("t-SNE, or SNE", "SNE (or t-SNE)"): the alignment may take its words for the
    answer's, so the rule for a rival leaves it; asserted, it is a second answer."""
    items: dict[int, list[str]] = {}
    for r in resp:
        if not r.stop:
            items.setdefault(r.item, []).append(r.stem)
    negated = {r.item for r in resp if r.neg}
    own = [t.stem for t in v.toks if not t.stop]
    if not any(all(st in said for st in own) for said in items.values()):
        return ""
    for rv in ctx.rejects:
        if not rv.stems or not all(st in v.stems for st in rv.stems):
            continue  # (a rival with words of its own is the alignment's: ``Match.rival``)
        for item, said in items.items():
            if tuple(said) == rv.stems and item not in negated and not all(st in said for st in own):
                return rv.shown
    return ""


#: Little words that join the items of a response ("A or B", "A and/or B").
_JOINERS: Final = frozenset({"or", "and", "either", "nor", "then", "else"})


#: Words that set an item against the answer or weigh it ("unlike", "rather than", "vs"): what follows
#: them is no second answer.
_SETS_APART: Final = frozenset({"unlike", "than", "instead", "opposed", "vs", "versus", "not", "no", "nor"})


def _misspelt_reject(v: Variant, resp: Sequence[Tok], m: Match, ctx: Context) -> str:
    """One of the card's rejected answers, misspelt, given whole as an item of its own beside the answer
    ("cosine similarity and Euclidaen distance", "naive Bayes or Bayes potimal classifier"): the alignment
    finds a rejected answer only as written, and a word that is no real word names no other term, so the
    other rules leave it; it is a second answer. Not an item that spells one of the answer's own forms as
    nearly, nor one set against the answer ("..., unlike Euclidaen distance"). "" if none."""
    # the item the answer's first word is in (the alignment may take later ones from the item beside it:
    # "classifier" of "Bayes potimal classifier" for "naive Bayes classifier")
    at = next((j for j in m.pos if j >= 0), min(m.used))
    answer_item = resp[at].item
    items: dict[int, list[Tok]] = {}
    for r in resp:
        if r.item != answer_item and r.word not in _ARTICLES and r.word not in _JOINERS and not _offers(r) and r.word not in MAYBE_WORDS:
            items.setdefault(r.item, []).append(r)
    apart = {r.item for r in resp if r.neg or r.word in _SETS_APART}
    own = [t.word for t in v.toks if not t.stop]
    for item, toks in items.items():
        if item in apart or any(t.num for t in toks):
            continue
        said = [t.word for t in toks]
        if len(said) == len(own) and all(a == b or fuzzy(a, b) is not None for a, b in zip(said, own, strict=True)):
            continue  # (the answer itself, misspelt)
        for rv in ctx.rejects:
            words = [t.word for t in analyse_cached(rv.shown) if t.word not in _ARTICLES]
            if said == words:
                continue
            if len(words) == len(said):
                if all(a == b or fuzzy(a, b) is not None for a, b in zip(said, words, strict=True)):
                    return " ".join(said)
            elif len(said) < len(words) and _run_together("".join(said).replace("-", ""), "".join(words).replace("-", "")):
                return " ".join(said)  # its words run together ("averagepooling"), or so with a typo
    return ""


def _run_together(word: str, joined: str) -> bool:
    """Whether ``word`` is ``joined`` (a name's words run together), or one typo from it."""
    return word == joined or (len(joined) >= 8 and OSA.distance(word, joined, score_cutoff=1) <= 1)


def _shared_word_term(v: Variant, resp: Sequence[Tok], first: int, ctx: Context) -> str:
    """A known term of two words or more (or a name made like the answer's: ``_parallel_name``) given as a
    second item beside the answer, one that shares a word with the answer's names ("continual learning and
    transfer learning", "prompt tuning, prefix tuning"): the words of the answer's names are free to say,
    so the rule for a bare term leaves it with a single word that names nothing (and the alignment may
    take the shared word there). Not a name of the answer itself, nor its own side of a rivalry, nor a
    term with an article (what kind of thing the answer is: "Boltzmann machines, an energy-based model").
    ``first``: the item the answer starts in."""
    by_item: dict[int, list[Tok]] = {}
    described: set[int] = set()
    for r in resp:
        if r.item > first:
            if r.word in _ARTICLES:
                described.add(r.item)
            elif r.word not in _OFFERING and r.word not in MAYBE_WORDS:
                by_item.setdefault(r.item, []).append(r)
    for item, toks in by_item.items():
        if item in described:
            continue
        if not 2 <= len(toks) <= 4 or toks[0].stop or toks[-1].stop or any(t.neg or t.num for t in toks):
            continue
        if not (item - 1 == first or _item_before(resp, item) == first):
            continue
        if all(t.stop or _in(t.word, t.stem, ctx.names) for t in toks):
            continue
        if not _known_phrase(toks, plural=True) and not _parallel_name(v, toks):
            continue
        if _same_side(v, tuple(t.stem for t in toks if not t.stop)):
            continue
        return " ".join(t.word for t in toks)
    return ""


def _parallel_name(v: Variant, toks: Sequence[Tok]) -> bool:
    """A name made like the answer's, word for word, with its first or last word the same and another in
    place of the rest ("multitask learning" beside "transfer learning", "Big Omega" beside "Big O"): another
    thing of the same kind, known term or not. Not when a word put in place says how the thing is
    ("Adam optimizer, adaptive optimizer")."""
    mine = [t for t in v.toks if not t.stop]
    if not 2 <= len(mine) <= 4 or len(toks) != len(mine):
        return False
    same = [a.stem == b.stem or a.word == b.word for a, b in zip(mine, toks, strict=True)]
    if all(same) or not (same[0] or same[-1]):
        return False
    other = [b for b, kept in zip(toks, same, strict=True) if not kept]
    return all(
        b.word.isalpha() and len(b.word) > 1 and not _describes(b) and not _describing_ending(b.word)
        for b in other
    )


def _misnamed(v: Variant, resp: Sequence[Tok], m: Match, ctx: Context) -> str:
    """Another term of the field given as the answer's other name ("Boltzmann machines, also called
    Hopfield networks"): after "called", "known as", "aka" or "the same as", a term ``data/facts.yaml`` knows
    that no entry names together with the answer ("ridge, also called Tikhonov regularization" is one
    entry), and that is not a name of the card; after "the same as", any other known term too."""
    if not m.used:
        return ""
    for j in range(max(m.used) + 1, len(resp) - 1):
        r = resp[j]
        lead = (
            next((w for w in _SAME_AS if tuple(t.word for t in resp[j : j + len(w)]) == w), None)
            if r.word in _SAME_FIRST
            else None
        )
        if r.word in ("aka", "ie"):
            start = j + 1
        elif r.word in NAMING_WORDS:
            start = j + 1
            while start < len(resp) and resp[start].word in ("as", "to"):
                start += 1  # "known as", "referred to as"
        elif lead is not None:
            start = j + len(lead)  # "..., the same thing as next-token prediction"
        else:
            continue
        if start >= len(resp):
            return ""
        named = [t for t in resp[start:] if t.item == resp[start].item and t.word not in _ARTICLES]
        if not named or len(named) > 4 or all(t.stop or _in(t.word, t.stem, ctx.names) for t in named):
            return ""
        stems = tuple(t.stem for t in named)
        entries = _facts_by_name().get(stems)
        if not entries:
            if lead is not None and not any(t.neg for t in named) and _known_phrase(named, single=True, plural=True):
                return " ".join(t.word for t in named)  # a known term no fact names: another thing all the same
            return ""
        own = tuple(t.stem for t in v.toks)
        facts = tables().facts
        if any(has_run(own, name) for k in entries for name in facts[k][0]):
            return ""
        return " ".join(t.word for t in named)
    return ""


#: What says that the answer is the same thing as what follows ("the same as", "another name for").
_SAME_AS: Final = (
    ("same", "thing", "as"), ("same", "as"), ("another", "name", "for"), ("equivalent", "to"), ("synonym", "for"),
    ("identical", "to"), ("same", "class", "as"), ("same", "kind", "as"), ("same", "type", "as"),
    ("same", "concept", "as"), ("same", "idea", "as"), ("same", "method", "as"), ("same", "technique", "as"),
)
_SAME_FIRST: Final = frozenset(w[0] for w in _SAME_AS)
#: The words ``_misnamed`` looks for.
_NAMING: Final = NAMING_WORDS | {"aka", "same", "another", "equivalent", "synonym", "identical"}


@functools.cache
def _facts_by_name() -> dict[tuple[str, ...], tuple[int, ...]]:
    """Each name of ``data/facts.yaml`` (its stems) -> the entries it names."""
    out: dict[tuple[str, ...], list[int]] = {}
    for k, (names, _is, _not) in enumerate(tables().facts):
        for name in names:
            out.setdefault(name, []).append(k)
    return {name: tuple(ks) for name, ks in out.items()}


#: Words that only offer what follows ("dropout, alternatively L2", "dropout, though maybe L2").
_OFFERING: Final = OFFER_WORDS | {"though"}


#: Words that start examples of the answer: "e.g.", "such as", "for example", "including".
_EXAMPLE_WORDS: Final = frozenset({"eg", "such", "example", "instance", "including", "incl"})
#: "or" before a verb: a second answer asked about ("RLHF, or is it DPO"), not a clause said of the answer.
_ASKED_AFTER_OR_RE: Final = re.compile(r"\b(?:or|and)\s+(?:is|are|was|were|can|could|has|have|had|does)\b", re.IGNORECASE)


@functools.lru_cache(maxsize=64)
def _asked_after_or(text: str) -> bool:
    """Whether ``text`` has "or" before a verb (``_ASKED_AFTER_OR_RE``): read once per response, not per answer."""
    return _ASKED_AFTER_OR_RE.search(text) is not None
#: Verbs that open a clause after the answer: what it names from there on is said of the answer, not offered.
_REMARK_VERBS: Final = frozenset({"is", "are", "was", "were", "can", "could", "has", "have", "had", "does", "used", "uses"})


#: Words of an item that only says how sure the player is ("dropout, not sure, maybe L2").
_UNSURE_WORDS: Final = frozenset({"sure", "unsure", "certain", "think", "guess", "idk", "hmm", "know"})


def _offered_before(v: Variant, resp: Sequence[Tok], m: Match, joins: frozenset[int], ctx: Context) -> str:
    """What the answer is offered after, with "maybe" ("k-medians, maybe k-means", "language model, maybe an
    embedding model"): the item before the one that holds most of the answer's words (the alignment may
    take a shared word from the first: "k", "model"), when it says a word that is none of the card's."""
    counts = Counter(resp[j].item for j in m.used)
    main = max(counts, key=lambda it: (counts[it], it))
    if main not in joins or not _offered(resp, main):
        return ""
    for item in sorted({r.item for r in resp if r.item < main}, reverse=True):
        toks = [r for r in resp if r.item == item and not r.stop and not r.neg and r.word not in _UNSURE_WORDS]
        if not toks:
            continue
        if (
            len(toks) <= 3
            and any(not _in(t.word, t.stem, ctx.names) and not _in(t.word, t.stem, ctx.free) for t in toks)
            and not any(t.num and not v.nums for t in toks)
            and not all(_describes(t) for t in toks)
            and not any(t.word.endswith("ed") and not _known_phrase([t], single=True) for t in toks)
        ):
            return " ".join(t.word for t in toks)
        return ""
    return ""


def _offered(resp: Sequence[Tok], item: int) -> bool:
    """Whether list item ``item`` is offered with "maybe", "perhaps", "alternatively" ... ("dropout, maybe
    L2"), its words all content words after that but little ones ("maybe a noisy weight", not "maybe with
    k = 3")."""
    said = [r for r in resp if r.item == item]
    k = next((i for i, r in enumerate(said) if r.word in MAYBE_WORDS or r.word in OFFER_WORDS), -1)
    if k < 0:
        return False
    rest = [r for r in said[k + 1 :] if r.word not in _ARTICLES]
    return bool(rest) and not any(r.stop for r in rest)


def _item_before(resp: Sequence[Tok], item: int) -> int:
    """The last item before ``item`` that says something: items of little words alone ("and also") or of
    how sure the player is ("not sure") are skipped; -1 when there is none."""
    # (items never go down along a response: the words before the first of ``item`` are those of the items before;
    # a long one is cut there by halves)
    end = bisect_left(resp, item, key=_item_of) if len(resp) > _LONG_SCAN else len(resp)
    for k in range(end - 1, -1, -1):
        r = resp[k]
        if r.item < item and not (r.stop or r.neg or r.word in _UNSURE_WORDS):
            return r.item
    return -1


#: Words of a response past which ``_item_before`` finds its place by halves.
_LONG_SCAN: Final = 64


def _item_of(r: Tok) -> int:
    return r.item


def _known_phrase(toks: Sequence[Tok], *, single: bool = False, plural: bool = False) -> bool:
    """Whether ``toks`` spell a known term of two words or more ("batch normalization"), or with
    ``single`` of one word too ("l2", a deck's "privategpt"); with ``plural``, its plural too ("diffusion
    models")."""
    if len(toks) < (1 if single else 2):
        return False
    phrase = " ".join(t.word for t in toks)
    if plural and phrase.endswith("s") and _known_phrase_text(phrase[:-1], single):
        return True
    if len(toks) > 1 and any(t.word == "1" for t in toks):
        # (a Roman I read as 1: "type 1 error" is the term "type I error")
        roman = " ".join("i" if t.word == "1" else t.word for t in toks)
        if _known_phrase_text(roman, single):
            return True
    return _known_phrase_text(phrase, single) or (
        len(toks) > 1 and (phrase in _hyphened_terms() or phrase in named_terms())
    )


def _known_phrase_text(phrase: str, single: bool) -> bool:
    """``_known_phrase`` of a phrase's text, but the hyphened terms."""
    return (
        phrase in tables().terms
        or phrase in deck_terms()
        or (single and phrase in tables().term_words)
    )


def _offers(t: Tok) -> bool:
    """A word that only offers a thing beside the answer ("maybe", "also", "both", "too")."""
    return t.word in MAYBE_WORDS or t.word in _OFFERING or t.word in _BOTH or t.word in _OFFERED_AFTER


@functools.cache
def _hyphened_terms() -> frozenset[str]:
    """Known terms written with hyphens, as their words ("fine tuning" for "fine-tuning": a response's
    words lose the hyphens)."""
    return frozenset(t.replace("-", " ") for t in tables().terms if "-" in t)


#: Answers of at most this many words may name a second answer by a bare name, known term or not.
_TWO_NAMES_WORDS: Final = 6
#: Endings of words that say how the answer is rather than name another thing ("dropout, randomly applied").
_DESCRIBING_ENDINGS: Final = ("ed", "ly", "ing", "ive", "al", "ous", "ful", "less", "able", "ible")


def _describing_ending(word: str) -> bool:
    """Whether ``word`` ends as a word that says how a thing is ("supervised", "adaptive"), not as a noun
    whose letters end so: a known term ("seed" of a random seed, "speed") is a name."""
    return word.endswith(_DESCRIBING_ENDINGS) and not (
        (word.endswith("eed") or (word.endswith("ed") and len(word) <= 4)) and _known_phrase_text(word, True)
    )
#: The endings of adjectives and adverbs: "catastrophic", "early", "global" (not of participles: "stopping").
_HOW_ENDINGS: Final = ("ic", *(e for e in _DESCRIBING_ENDINGS if e not in ("ed", "ing")))


def _kind_named(toks: Sequence[Tok], t: Tok, offered: bool) -> bool:
    """Whether ``t`` is an adjective inside a name that ends in a word for its kind, the name offered with
    "and" or "or" ("focal loss", "contrastive loss", "convolutional layer"): a name, not how the answer is."""
    return (
        offered
        and len(toks) > 1
        and t is not toks[-1]
        and kind_word(toks[-1])
        and not _describes(t)
        and t.word.endswith(_ADJECTIVE_ENDINGS)
    )


#: The endings of adjectives (not of participles nor adverbs: "weighted", "stopping", "early").
_ADJECTIVE_ENDINGS: Final = tuple(e for e in _HOW_ENDINGS if e != "ly")


def _turns_question_word(word: str, ctx: Context) -> bool:
    """``word`` is a word of the question with an antonym prefix ("asymmetric" for "not symmetric"): it says
    how the answer is, it names nothing."""
    return any(word.startswith(p) and word[len(p) :] in ctx.question for p in (*NEGATING_PREFIXES, "a"))


#: Kinds of a function of its own, which a describing word before them names ("contrastive loss"); a kind of
#: method ("stochastic regularization", "adaptive optimizer") says what the answer is.
_THING_KINDS: Final = frozenset({"loss", "losses"})


def _other_kind(t: Tok, ctx: Context) -> bool:
    """``t`` is a word for a kind of function (``_THING_KINDS``: "loss"; not "model" or "regularization") that
    neither the card's names nor its question nor its explanation say: a describing word before it names a
    thing of that kind ("contrastive loss" beside "knowledge distillation"), where it would say what the answer
    is if the card spoke of that kind ("LSTM, recurrent network" where the question asks for a network)."""
    if t.word not in _THING_KINDS:
        return False
    if _in(t.word, t.stem, ctx.names) or _in(t.word, t.stem, ctx.question):
        return False
    return ctx.support is None or not ctx.support.explained or t.stem not in ctx.support.stems


def kind_word(t: Tok) -> bool:
    """A word that says what kind of thing a name is ("clustering", "model", "layer", "optimizer")."""
    return t.word in GENERIC or t.stem in GENERIC or t.word in tables().kind_words


def _name_word(t: Tok) -> bool:
    """A word that may be a name: letters, or letters and digits after a letter ("wav2vec"), not a number."""
    return len(t.word) > 1 and not t.num and t.word[0].isalpha() and t.word.isalnum()


def _whole_item(resp: Sequence[Tok], item: int, toks: Sequence[Tok]) -> bool:
    """Whether ``toks`` are all of list item ``item`` but its articles and the words that offer it before it
    ("maybe", "also") ("dropout, an L2 penalty" is no bare term; "dropout, as in AlphaFold" is a remark)."""
    said = [r for r in resp if r.item == item and r.word not in _ARTICLES]
    while said and said[0] is not (toks[0] if toks else None) and (
        said[0].word in MAYBE_WORDS or said[0].word in _OFFERING or said[0].word in _BOTH or said[0].word == "also"
    ):
        said = said[1:]
    # (and the words that offer it after it: "dropout and L2 both", "dropout, L2 too")
    while said and said[-1] is not (toks[-1] if toks else None) and said[-1].word in _OFFERED_AFTER:
        said = said[:-1]
    return len(said) == len(toks) and all(a is b for a, b in zip(said, toks, strict=True))


#: Words after a second thing that offer it beside the answer: "dropout and L2 both", "dropout, L2 too".
_OFFERED_AFTER: Final = frozenset({"both", "too", "also", "either"})


#: Talk before a term that is no word of it ("ok mel-frequency cepstral coefficients", "I think it's ...").
_LEADING_TALK: Final = frozenset(
    "ok okay um uh umm uhh erm hm hmm hmmm ah ahh oh ooh well so just basically lol yeah yep sure surely definitely "
    "pretty think believe guess suppose say i im id ive its thats answer".split()
)
#: Talk after a term that is no word of it ("... lol", "... for sure", "... duh").
_TRAILING_TALK: Final = frozenset("lol haha duh obviously sure ofc tbh imo lmao xd i think guess believe for".split())


def _known_item(resp: Sequence[Tok], item: int) -> str:
    """The known term list item ``item`` spells with its little words ("reinforcement learning from human
    feedback", "maximum a posteriori"), but the articles and the words that offer it before it ("maybe",
    "also"); "" if it spells none."""
    said = [r for r in resp if r.item == item]
    article = False  # an article before the term's words
    while said and (
        said[0].word in _ARTICLES or said[0].word in MAYBE_WORDS or said[0].word in _OFFERING
        or said[0].word in _BOTH or said[0].word == "also" or said[0].word in _LEADING_TALK
    ):  # fmt: skip
        article = article or said[0].word in _ARTICLES
        said = said[1:]
    while said and (said[-1].word in _OFFERED_AFTER or said[-1].word in _TRAILING_TALK):
        said = said[:-1]
    if len(said) < 2 or any(r.neg for r in said):
        return ""
    for words in (said, [r for r in said if r.word not in _ARTICLES]):  # a deck's terms are kept without them
        if len(words) >= 2 and _known_phrase(words):
            return " ".join(r.word for r in words)
    # a known term and a word that says what kind of thing it is ("proximal policy optimization model"), no
    # article before them ("a decoder-only model" says what kind of thing the answer is; "area under the curve
    # model" holds one of its own)
    if article:
        return ""
    k = len(said)
    while k > 1 and (said[k - 1].word in GENERIC or said[k - 1].stem in GENERIC):
        k -= 1
        # (one word before it names a term of its own, not a word that says how the answer is: "lasso model",
        # not "sparse model")
        if k >= 2 and _known_phrase(said[:k]) or k == 1 and not _describes(said[0]) and _known_phrase(said[:1], single=True):
            return " ".join(r.word for r in said)
    return ""


def _describes(t: Tok) -> bool:
    """A word that says what kind of thing the answer is ("Adam, optimizer") or how it is ("7, neutral"),
    not another answer."""
    tabs = tables()
    if t.word in GENERIC or t.stem in GENERIC or t.word in tabs.kind_words or t.word in tabs.opposites:
        return True
    # a word of the opposites in another form ("higher", "adaptively"), not a thing named from its stem: a
    # plural ("adapters") or a doer ("adapter" beside "adaptive") says another answer
    return t.stem in tabs.claim_sides and (
        t.word in tabs.claim_side_words or not (t.word.endswith("s") or t.word.endswith(("er", "or")) and not t.stem.endswith(("er", "or")))
    )


def _term_beside(v: Variant, resp: Sequence[Tok], m: Match, ctx: Context) -> str:
    """A known term of two words or more written right before or after the answer with no mark between them
    ("temperature beam search", "nucleus sampling temperature"): a second answer offered beside it, as one
    after a comma is. Not words that say what kind of thing the answer is ("ReLU activation function"), nor a
    name of the card. "" if there is none."""
    if not m.used or len(resp) > SHORT_ANSWER:
        return ""
    first, last = min(m.used), max(m.used)
    item = resp[first].item
    runs = (
        [resp[j] for j in range(first - 1, -1, -1) if resp[j].item == item][::-1],
        [resp[j] for j in range(last + 1, len(resp)) if resp[j].item == item],
    )
    for side, run in enumerate(runs):
        named = _name_beside(run, side, ctx) or _lettered_join(run, side, ctx)
        if named:
            return named
        words = [t for t in run if not t.stop]
        if len(words) < 2 or any(t.neg or t.num for t in words):
            continue
        # past a word of the card's or of a kind next to the answer ("ridge [regression] decision tree", where
        # "ridge" is the form matched): the term beside starts after it
        near = words if side else words[::-1]
        while len(near) > 2 and (_in(near[0].word, near[0].stem, ctx.free) or near[0].word in tables().kind_words):
            near = near[1:]
        words = near if side else near[::-1]
        # the run next to the answer, up to four words, that is a known term (the nearest words first)
        for size in range(min(4, len(words)), 1, -1):
            toks = words[:size] if side else words[-size:]
            if not _known_phrase(toks, plural=True):
                continue
            if all(t.word in tables().kind_words or t.stem in GENERIC for t in toks) or any(
                _in(t.word, t.stem, ctx.free) for t in toks
            ):
                break  # words of a kind ("activation function"), or the card's or the question's
            return " ".join(t.word for t in toks)
    return ""


#: The most words besides a known term that an item offered with "or" or "and" may say for it to offer that
#: term (``_known_run_in``: "or even ...", "..., whichever").
_TALK_BESIDE: Final = 2


def _known_run_in(resp: Sequence[Tok], item: int, ctx: Context) -> str:
    """The longest known term of two words or more, little words inside it too, that list item ``item`` holds
    with at most ``_TALK_BESIDE`` other words of its own and no negator ("or even proximal policy optimization",
    "or redundant array of independent disks whichever"); no word of it the card's. "" if there is none."""
    said = [r for r in resp if r.item == item]
    if any(r.neg for r in said):
        return ""
    for size in range(min(len(said), 8), 1, -1):
        for at in range(len(said) - size + 1):
            run = said[at : at + size]
            if run[0].stop or run[-1].stop:
                continue
            rest = [r for r in said[:at] + said[at + size :] if not r.stop]
            if len(rest) > _TALK_BESIDE or any(r.num for r in rest):
                continue
            if any(not r.stop and _in(r.word, r.stem, ctx.names) for r in run):
                continue
            phrase = " ".join(r.word for r in run)
            content = " ".join(r.word for r in run if not r.stop)
            if (
                _known_phrase_text(phrase, False) or phrase in _hyphened_terms() or phrase in named_terms()
                or (len(content.split()) >= 2 and content != phrase and _known_phrase_text(content, False))
            ):
                if rest and all(r.word in tables().kind_words for r in rest):
                    return " ".join(r.word for r in said)  # the term and its kind, as said ("k-means clustering")
                return phrase
    return ""


#: The most words of a name ``_name_beside`` looks for beside the answer, little words inside it too.
_BESIDE_WORDS: Final = 6


def _variant_name(v: Variant, resp: Sequence[Tok], m: Match, ctx: Context) -> str:
    """An item right before or after the answer's that says the answer's name with a word of it put in another's
    place ("long short-term memory (long samuel memory)", "bilingual evaluation understudy, maybe binary
    evaluation understudy"), the name of three words or more: half its words or more, in its order, and in the
    place of the others words that neither the card's names nor its question say, that are no word for a kind
    of thing, no number and no slip of a word
    they stand for, and no little word of a clause ("which builds on first normal form"): another name, a
    second answer beside the answer. "" if there is none."""
    own = [t for t in v.toks if not t.stop]
    if len(own) < 3:
        return ""  # ("RBF kernel, an SVM kernel": a name of two words beside its kind, sharing its head word)
    # (the alignment may take a word the other item says again: the answer's item holds most of its words)
    counts = Counter(resp[j].item for j in m.used)
    main = max(counts, key=lambda it: (counts[it], -it))
    mine = [_root_key(t) for t in own]
    for item in (main - 1, main + 1):
        said = [r for r in resp if r.item == item and not r.stop and not _offers(r) and r.word not in _UNSURE_WORDS]
        if len(said) < 2 or any(r.neg or r.num for r in said):
            continue
        if any(r.item == item and r.word in _PHRASE_WORDS for r in resp):
            continue  # a remark that names another thing ("..., which builds on first normal form")
        ops = difflib.SequenceMatcher(None, mine, [_root_key(r) for r in said], autojunk=False).get_opcodes()
        kept = sum(i2 - i1 for tag, i1, i2, _j1, _j2 in ops if tag == "equal")
        swaps = [(own[i1:i2], said[j1:j2]) for tag, i1, i2, j1, j2 in ops if tag == "replace"]
        if not swaps or 2 * kept < len(own) or any(tag == "insert" for tag, *_ in ops):
            continue
        if all(
            not _in(r.word, r.stem, ctx.free)
            and not kind_word(r)
            and not any(OSA.distance(r.word, t.word) <= max(1, len(t.word) // 4) for t in gone)
            for gone, new in swaps
            for r in new
        ):
            return " ".join(r.word for r in resp if r.item == item and not r.stop)
    return ""


def _root_key(t: Tok) -> str:
    """A word's key for lining up two names: its first ``ROOT`` letters, or the word when shorter (two forms of
    one root, "estimation" and "estimate", line up)."""
    return t.word[:ROOT_KEY] if len(t.word) > ROOT_KEY else t.word


#: How many first letters ``_root_key`` keeps.
ROOT_KEY: Final = 5


def _links_acronym(resp: Sequence[Tok], j: int, question: frozenset[str]) -> bool:
    """Whether the word at ``j``, right before an expansion, only links it to the acronym the question asks
    about, typed first ("CNN means convolutional neural network", "RAG expands to ..."): the question's word
    opens the item, then this one word (and little ones), then the answer."""
    k = j - 1
    while k >= 0 and resp[k].stop and resp[k].item == resp[j].item:
        k -= 1
    return (
        k >= 0
        and resp[k].item == resp[j].item
        and not resp[k].num
        and resp[k].word in question
        and all(resp[i].stop for i in range(k) if resp[i].item == resp[k].item)
    )


def _lettered_join(run: Sequence[Tok], side: int, ctx: Context) -> str:
    """Another thing joined to the answer by a letter alone, as other languages write "or" and "and" ("ReLU o
    tanh", "ReLU y tanh", "ReLU e tanh", "ReLU n tanh"): right after the answer (``side`` 1) or right before it
    (``side`` 0), a letter that is no word of the card or of the question (nor "a", "i"), then words of two
    letters or more, not all of them the card's or the question's, nor all words for a kind of thing
    ("tanh o activation"), nor letters typed one by one ("attention q k v"). "" if there is none."""
    toks = list(run) if side else list(run)[::-1]
    while toks and len(toks[0].word) > 1 and (toks[0].stop or kind_word(toks[0]) or _in(toks[0].word, toks[0].stem, ctx.free)):
        toks = toks[1:]  # past words of the card's or of a kind next to the answer ("ridge [regression] o ReLU")
    if len(toks) < 2:
        return ""
    letter, rest = toks[0], toks[1:]
    if (
        len(letter.word) != 1
        or not letter.word.isalpha()
        or letter.word in ("a", "i")
        or letter.neg
        or _in(letter.word, letter.stem, ctx.free)
    ):
        return ""
    said = [t for t in rest if not t.stop]
    if not any(len(t.word) > 1 for t in said) or any(t.neg for t in said):
        return ""
    if all(_in(t.word, t.stem, ctx.free) or kind_word(t) for t in said):
        return ""
    return " ".join(t.word for t in (rest if side else rest[::-1]))


def _name_beside(run: Sequence[Tok], side: int, ctx: Context) -> str:
    """A known term with little words inside ("curse of dimensionality", "You Only Look Once") right beside the
    answer with no mark between (``run``: the words of the answer's item after it, ``side`` 1, or before it,
    ``side`` 0), that is all the run says but a word that offers it ("too", "lol"): no number, no word of the
    card or of the question in it. "" if there is none."""
    toks = list(run) if side else list(run)[::-1]
    while toks and (toks[-1].word in _OFFERED_AFTER or toks[-1].word in _TRAILING_TALK or toks[-1].word in _ARTICLES):
        toks.pop()  # ("... too", "... lol")
    if side == 0:
        toks = toks[::-1]
        while toks and toks[0].word in _ARTICLES:
            toks.pop(0)
    if not toks or len(toks) > _BESIDE_WORDS or toks[0].stop or toks[-1].stop or any(t.neg or t.num for t in toks):
        return ""
    content = [t for t in toks if not t.stop]
    if any(_in(t.word, t.stem, ctx.free) for t in content):
        return ""
    if len(toks) == 1:
        # (a name of one word beside the answer may say what it is or where it belongs: "encoder-only
        # transformer", "GAN mode collapse", "LLM watermarking")
        return ""
    if len(content) == len(toks):
        return ""  # (a known term of content words alone is the caller's to find)
    phrase = " ".join(t.word for t in toks)
    if _known_phrase_text(phrase, False) or phrase in _hyphened_terms() or phrase in named_terms():
        return phrase
    return ""


def _is_dump(v: Variant, resp: Sequence[Tok], m: Match, ctx: Context, glossary: frozenset[str]) -> bool:
    """Five glossary terms in a row is fishing, not an answer."""
    content = [r for j, r in enumerate(resp) if not r.stop and not r.neg and j not in m.used]
    extras = {r.stem for r in content if r.stem not in ctx.free and _is_termlike(r, glossary)}
    if len(extras) < 3:
        return False
    total = len(content) + len(m.used)
    termlike = len([r for r in content if _is_termlike(r, glossary)]) + len(m.used)
    return termlike / max(total, 1) >= 0.7


#: A token of an accepted answer written with digits: the token, its letters and the form's display.
DigitToken = tuple[Tok, str, str]


def digit_tokens(variants: Sequence[Variant]) -> tuple[DigitToken, ...]:
    """The tokens of ``variants`` written with digits, in order (``_digit_clash`` compares them)."""
    return tuple(
        (a, a.word.strip("0123456789.%x"), v.display)
        for v in variants
        for a in v.toks
        if any(ch.isdigit() for ch in a.word)
    )


def _digit_clash(resp: Sequence[Tok], digits: Sequence[DigitToken]) -> tuple[str, str] | None:
    """ "AlphaFold3" for "AlphaFold2", "51%" for "15%": same letters, other digits (``digit_tokens``)."""
    if not digits:
        return None
    for a, letters, display in digits:
        for r in resp:
            if r.neg or r.stop or r.word == a.word or not any(ch.isdigit() for ch in r.word):
                continue
            if r.num and a.num and same_number(a.word, r.word):
                continue
            if r.word.strip("0123456789.%x") == letters:
                return r.word, display
    return None


def _did_you_mean(resp: Sequence[Tok], variants: Sequence[Variant]) -> str | None:
    content = [r for r in resp if not r.stop]
    if not content or any(r.neg for r in content) or any(r.num for r in content):
        return None
    article = article_slip(content, variants)
    if article:
        return article
    said = " ".join(r.word for r in content)
    if any(v.norm == said for v in variants):
        return None  # the answer itself, refused for a reason (an echo of the question)
    # A wording is named by a name written that way, else by the first name that reads so: a form of another name
    # that reads the same (by a synonym, an expansion) would suggest that other name for what was nearly typed.
    choices: dict[str, str] = {}
    own: set[str] = set()
    for v in variants:
        if len(content) > len(v.toks) + 1 or v.norm in own:
            continue
        if normalise(v.display) == v.norm:
            choices[v.norm] = v.display
            own.add(v.norm)
        else:
            choices.setdefault(v.norm, v.display)
    if not choices:
        return None
    best = process.extractOne(said, list(choices), scorer=fuzz.ratio, score_cutoff=80)
    if best is None or any(ch.isdigit() for ch in best[0]):
        return None
    return choices[best[0]]


def article_slip(content: Sequence[Tok], variants: Sequence[Variant]) -> str | None:
    """The accepted answer a response names without its article, or with another one: "perro", "la perro" or
    "un perro" for "el perro", "Hund" or "das Hund" for "der Hund" (``ARTICLES``); None for any other response."""
    said = [r.word for r in content]
    # (the article "un" is run into its noun as the prefix "un-" is, "un supervised" being "unsupervised":
    # "un perro" is read "unperro")
    apart = _article_apart(said)
    for v in variants:
        words = [t.word for t in v.toks]
        if v.display.lstrip().lower().startswith(_UN_APART):
            words = _article_apart(words) or words  # (an answer that opens with "un": "un perro")
        if len(words) < 2 or words[0] not in ARTICLES:
            continue
        for typed in (said, apart):
            if typed and (
                typed == words[1:] or (len(typed) == len(words) and typed[0] in ARTICLES and typed[1:] == words[1:])
            ):
                return v.display
    return None


#: The article that ``tokens.raw_tokens`` runs into the word after it, as the prefix it also is, and it written
#: apart from its noun in an answer.
_UN: Final = "un"
_UN_APART: Final = _UN + " "


def _article_apart(words: list[str]) -> list[str]:
    """``words`` with the article "un" run into the first of them put apart ("unperro": "un", "perro"), or []
    when the first word does not begin with it."""
    if not words or len(words[0]) <= len(_UN) + 1 or not words[0].startswith(_UN):
        return []
    return [_UN, words[0][len(_UN) :], *words[1:]]


def second_look(
    resp: Sequence[Tok], variants: Sequence[Variant], digits: Sequence[DigitToken] | None = None
) -> Verdict | None:
    """A plain "not quite" looked at again: the answer with other digits, or a close misspelling of it.
    ``digits``: ``digit_tokens(variants)``, when compiled already."""
    clash = _digit_clash(resp, digit_tokens(variants) if digits is None else digits)
    if clash:
        return wrong(VerdictReason.CLASH, *clash)
    suggestion = _did_you_mean(resp, variants)
    if suggestion:
        return did_you_mean_verdict(suggestion)
    return None


def free_words(*texts: str | None) -> frozenset[str]:
    """Words and stems of ``texts`` (the question, the card's names): never held against the player."""
    out: set[str] = set()
    for text in texts:
        if text:
            for t in analyse_cached(text):
                out.add(t.stem)
                out.add(t.word)
    return frozenset(out)


def _hedged_sibling(v: Variant, resp: Sequence[Tok], hedges: frozenset[int]) -> str:
    """A name offered with "/" or "or" beside the answer's that is the answer's name with one word put in
    another's place ("teacher forcing / professor forcing", "retrieval augmented generation / retrieval
    augmented grounding"): another name made on the same pattern, not the answer's other spelling (a typo
    of the word, or the same stem, is no other word)."""
    mine = [t for t in v.toks if t.word not in _ARTICLES]
    if len(mine) < 2:
        return ""
    items: dict[int, list[Tok]] = {}
    for r in resp:
        if r.word not in _ARTICLES:
            items.setdefault(r.item, []).append(r)
    if not any(
        len(toks) == len(mine) and all(a.stem == b.stem for a, b in zip(toks, mine, strict=True)) for toks in items.values()
    ):
        return ""
    for item in hedges:
        toks = items.get(item, [])
        if len(toks) != len(mine) or any(r.neg or r.num for r in toks):
            continue
        other = [(r, t) for r, t in zip(toks, mine, strict=True) if r.stem != t.stem]
        if len(other) != 1:
            continue
        said, own = other[0][0].word, other[0][1].word
        if said.startswith(own) or own.startswith(said) or fuzzy(said, own) is not None:
            continue
        return " ".join(r.word for r in toks)
    return ""


def _unsure_list(v: Variant, resp: Sequence[Tok], m: Match, ctx: Context) -> str:
    """After a lead that says only how unsure the player is ("not sure:", "no idea,"), the items of a list
    are all offered: one beside the answer that says a word none of the card's names nor its question says
    is a second answer ("not sure: backprop, feedforward")."""
    lead = resp[0].item
    if not all(r.neg or r.stop or r.word in _UNSURE_WORDS or r.word in MAYBE_WORDS for r in resp if r.item == lead):
        return ""
    answer_items = {resp[j].item for j in m.used}
    if lead in answer_items:
        return ""
    items: dict[int, list[Tok]] = {}
    for r in resp:
        if r.item != lead and r.item not in answer_items:
            items.setdefault(r.item, []).append(r)
    for toks in items.values():
        said = [r for r in toks if not r.stop and r.word not in _ARTICLES]
        if (
            said
            and len(said) <= 3
            and not any(r.neg or r.num for r in said)
            and any(not _in(r.word, r.stem, ctx.names) and not _in(r.word, r.stem, ctx.free) for r in said)
            # (a word of the field's vocabulary alone is offered too: "not sure: alignment, representation")
            and not all(_describes(r) and r.word not in GENERIC for r in said)
            and not any(r.word.endswith("ed") and not _known_phrase([r], single=True) for r in said)
        ):
            return " ".join(r.word for r in said)
    return ""


#: A response that says this many content words of the question besides the answer, and no other, retells it.
_RETOLD_WORDS: Final = 3


def _retells_question(resp: Sequence[Tok], m: Match, ctx: Context) -> bool:
    """A response whose every content word is the question's, three of them or more besides the answer's
    (and but words that say what kind of thing it is): "adding the l1 norm of the coefficients to the cost"
    for "Which regularization adds the L1 norm of the coefficients to the cost?" is the question's
    description typed back, though it says a word that is an answer. (Weighed on a card with an explanation,
    or one asked by a question ending in "?": in the term direction the "question" is the answer text, which
    names the term.)"""
    said = [r for r in resp if not r.stop and not r.num and r.word not in _FILLERS]
    if not all(not r.neg and _in(r.word, r.stem, ctx.question) for r in said):
        return False
    # The answer named first, alone in its item, then the question's description ("a vector database, it
    # stores embeddings and finds the nearest ones"): an answer and a remark that agrees with the question.
    first = resp[min(m.used)].item if m.used else -1
    if first == resp[0].item and all(j in m.used or r.stop for j, r in enumerate(resp) if r.item == first):
        return False
    return sum(1 for j, r in enumerate(resp) if j not in m.used and not r.stop and not r.num and r.word not in GENERIC) >= _RETOLD_WORDS


#: Little words an expansion does without ("least absolute shrinkage and selection operator").
EXPANSION_LITTLE: Final = frozenset({"and", "of", "the", "a", "an", "for", "from", "with", "to", "in", "on", "by"})


def spelled_names(*names: str | None) -> tuple[tuple[str, ...], ...]:
    """``names`` of two words or more as ``Context.spelled_names`` keeps them."""
    out: list[tuple[str, ...]] = []
    for name in names:
        words = tuple(t.stem for t in analyse_cached(name or "") if t.word not in EXPANSION_LITTLE and not t.num)
        if len(words) >= 2 and words not in out:
            out.append(words)
    return tuple(out)


def _expansions_of(acronym: str, ctx: Context) -> list[tuple[str, ...]]:
    """What ``acronym`` stands for: the tables' expansions and the card's names whose words' initials spell
    it (stems, little words left out)."""
    out = [tuple(stem(w) for w in e if w not in EXPANSION_LITTLE) for e in tables().acronyms.get(acronym, ())]
    for name in ctx.spelled_names:
        if "".join(w[0] for w in name) == acronym:
            out.append(name)
    return out


def _misexpands(acronym: str, remark: Sequence[Tok], ctx: Context) -> bool:
    """A remark that spells the answer's acronym out as something else than it stands for ("lasso, least angle
    shrinkage and smoothing operator" for the least absolute shrinkage and selection operator): a run of
    its words whose initials spell ``acronym`` (the answer, said as one word of two to six letters), where
    the tables or the card's names know what it stands for and the run says another word in its place."""
    if not (acronym.isalpha() and 2 <= len(acronym) <= 6):
        return False
    words = [r for r in remark if r.word not in EXPANSION_LITTLE]
    n = len(acronym)
    if len(words) < n:
        return False
    for i in range(len(words) - n + 1):
        run = words[i : i + n]
        if "".join(r.word[0] for r in run) != acronym or any(r.num or r.neg for r in run):
            continue
        known = _expansions_of(acronym, ctx)
        if not known:
            return False
        stems = tuple(r.stem for r in run)
        if any(len(e) == n and all(a == b or fuzzy(a, b) is not None for a, b in zip(stems, e, strict=True)) for e in known):
            return False
        return True
    return False


def _opposes_own_name(remark: Sequence[Tok], ctx: Context) -> bool:
    """A remark that sets the answer against another of its own names ("discriminative model, the opposite of a
    conditional model", "..., unlike conditional models" where both are accepted): what it denies, but its
    little words, is all of one accepted name."""
    k = 0
    while k < len(remark):
        if not remark[k].neg:
            k += 1
            continue
        stems: list[str] = []
        while k < len(remark) and remark[k].neg:
            if not remark[k].stop:
                stems.append(remark[k].stem)
            k += 1
        # (in its order: "LSTM, not long-term short memory" denies another thing)
        if stems and tuple(stems) in ctx.accepted_names:
            return True
    return False
