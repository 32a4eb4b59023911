"""Verdicts on accepted answers: rivals, hedges, keyword dumps, partial lists, typos and did-you-mean."""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Container, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from rapidfuzz import fuzz, process

from bot.core.grading.alignment import REALWORD, TYPO, Match, align
from bot.core.grading.numbers import same_number
from bot.core.grading.response import Response
from bot.core.grading.tables import tables
from bot.core.grading.terms import deck_terms
from bot.core.grading.tokens import Tok, analyse_cached
from bot.core.grading.variants import Rival, Variant, table_rivals
from bot.core.grading.vocabulary import GENERIC, NEGATORS
from bot.core.models import Verdict, VerdictKind, VerdictReason

log = logging.getLogger(__name__)


def no_answer() -> Verdict:
    """Nothing left to grade once chat junk is removed."""
    return Verdict(VerdictKind.EMPTY, 0.0, VerdictReason.EMPTY)


def not_quite() -> Verdict:
    """Wrong, with nothing more to say."""
    return Verdict(VerdictKind.WRONG, 0.0, VerdictReason.NOT_QUITE)


def wrong(reason: VerdictReason, typed: str | None = None, expected: str | None = None) -> Verdict:
    """A wrong answer for ``reason``, quoting ``typed`` and naming ``expected``."""
    return Verdict(VerdictKind.WRONG, 0.0, reason, typed=typed, expected=expected)


_ORDER = {
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


NO_CLAIMS = Claims(frozenset(), frozenset(), ())


def question_claims(question: str | None) -> Claims:
    """The claims of ``question`` a trailing remark may contradict ("without making them zero")."""
    if not question:
        return NO_CLAIMS
    toks = [t for t in analyse_cached(question) if not t.stop]
    nums = [t for t in toks if t.num]
    said = frozenset(t.stem for t in nums if not t.neg)
    negated = frozenset(t.stem for t in nums if t.neg)
    stems = [t.stem for t in toks]
    sides = tables().claim_sides
    words = tuple((t.stem, t.neg) for t in analyse_cached(question) if not t.stop or t.stem in sides)
    return Claims(said, negated, tuple(table_rivals(stems, set(stems) | {t.word for t in toks})), words)


#: Question words: "which" in a remark is no claim about the question's "which".
_WH = frozenset("which what who whom whose when where why how".split())
#: A question's word is tied to the nearest opposite within this many words ("set low, produces repetitive").
_TIE_GAP = 4


def _contradicts(claim: list[Tok], claims: Claims, v: Variant, offered: frozenset[str]) -> bool:
    """A remark after the answer that says the opposite of the question: it denies what the question
    asserts ("softmax, which need not sum to one"; not one of the options it offers: "sparse, not
    dense"), or ties the question's words to the other side of an opposite ("a higher value makes it
    more repetitive" when the question pairs low with repetitive), or puts the answer itself on the
    other side ("decoder-only, with bidirectional attention")."""
    if not claim:
        return False
    answer = v.stems
    # The answer asserts its own side too ("decoder-only, with bidirectional attention").
    qwords = claims.words + tuple((t.stem, False) for t in v.toks)
    polarity: dict[str, set[bool]] = {}
    for s, neg in qwords:
        polarity.setdefault(s, set()).add(neg)
    sides = tables().claim_sides
    agree = clash = 0
    for r in claim:
        if r.stem in answer or r.stem in sides or r.stem in offered or r.stem in _WH:
            continue
        seen = polarity.get(r.stem)
        if seen is None or len(seen) > 1:
            continue
        if r.neg in seen:
            agree += 1
        elif r.neg:
            clash += 1  # denies what the question asserts (asserting what it denies is too often a mere mention)
    if clash > agree:
        return True
    # Each word of an opposite the remark says either keeps to the question's side or turns it over;
    # two turned over in one clause ("lower values make it more deterministic") keep to it.
    turned: set[tuple[int, int]] = set()
    for r in claim:
        side = sides.get(r.stem)
        if side is None or r.stem in answer or r.neg in polarity.get(r.stem, ()):
            continue  # not an opposite, or the question's own word
        if _turns(r, side, claim, claims, qwords, polarity, answer):
            turned.add((r.item, side[0]))
    counts = Counter(item for item, _group in turned)
    return any(n % 2 for n in counts.values())


def _turns(
    r: Tok,
    side: tuple[int, int],
    claim: list[Tok],
    claims: Claims,
    qwords: tuple[tuple[str, bool], ...],
    polarity: dict[str, set[bool]],
    answer: frozenset[str],
) -> bool:
    """The remark's word ``r`` (on ``side`` of an opposite) says the other side than the question or
    the answer ties it to."""
    sides = tables().claim_sides
    group, mine = side
    if any(sides.get(p.stem, (-1, mine))[0] == group and sides[p.stem][1] != mine for p in claim):
        return False  # the remark weighs both sides ("at inference, once the model is trained")
    # Where the question (then the answer) says a word of this group, and which side.
    marks = [(i, (sides[s][1], neg)) for i, (s, neg) in enumerate(qwords) if s in sides and sides[s][0] == group]
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
        tied: set[tuple[int, bool]] = set()
        for i, (s, _n) in enumerate(qwords):
            if s != p.stem:
                continue
            gap = min(abs(at - i) for at, _m in marks)
            if gap <= _TIE_GAP:
                tied.update(m for at, m in marks if abs(at - i) == gap)
        if len(tied) != 1:
            continue  # not tied to one side, or to both
        k, neg = next(iter(tied))
        if (k == mine) != (neg == r.neg):
            return True
    return False
    return False


class FormCheck(NamedTuple):
    """What is checked besides the alignment for one form of an accepted answer."""

    echo: bool  # the answer is not in the question: the question's words typed back are no answer
    ordered: bool  # a fixed name: its words in another order name nothing ("short long-term memory")
    longer: tuple[tuple[str, ...], ...]  # longer known terms around the form ("root mean squared error")
    alone: bool = False  # one person asked for by "who": another name beside it is a second answer
    expansion: bool = False  # the question asks what an acronym of the form stands for
    surname: str = ""  # a person's surname that is also a little word ("Kaiming He"): it must be typed


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

#: Answers of up to this many words are short: a question's word offered with "or" is a second answer.
SHORT_ANSWER = 12
#: A remark after the answer is read as a claim in answers of up to this many words (a longer one is an
#: explanation, which may well weigh what the question rules out).
CLAIM_WORDS = 16


def _rival_verdict(v: Variant, rival: Rival, said: str, full: bool) -> Verdict:
    """The player asserted a rival of the answer (``said``: their words for it)."""
    if len(v.items) > 1:
        return wrong(VerdictReason.NOT_ONE_OF, said)
    reason = VerdictReason.PICK_ONE if full else VerdictReason.NEAR_MISS
    return Verdict(VerdictKind.WRONG, 0.0, reason, typed=said, expected=rival.accepted, aka=rival.aka or None)


def judge(
    v: Variant,
    response: Response,
    ctx: Context,
    optional: frozenset[int] = frozenset(),
    check: FormCheck | None = None,
) -> Verdict:
    """The verdict of a response against one form of one accepted answer.

    ``optional``: the form's tokens the player may leave out (``optional_tokens``); ``check``: what else
    makes a full match wrong (``FormCheck``: an echo of the question, a fixed name reordered, a longer
    known term), besides a trailing claim that contradicts the question.
    """
    m = align(v, response, ctx.rejects, ctx.known)
    resp = response.toks
    covered = m.covered
    n = len(covered)
    if optional and (len(optional) == n or not any(covered[i] > 0 for i in range(n) if i not in optional)):
        optional = frozenset()
    full = all(c > 0 or i in optional for i, c in enumerate(covered)) if optional else 0 not in covered

    if m.rival is not None:
        return _rival_verdict(v, m.rival, m.rival.shown or m.rival_said, full)
    if not full and _binary_choice(v, resp, ctx):
        return Verdict(VerdictKind.CORRECT, 1.0, VerdictReason.CORRECT, matched=v.display)
    if not full:
        if True in m.flipped and any(m.flipped[i] and covered[i] == 0 and i not in optional for i in range(n)):
            return wrong(VerdictReason.NEGATED, expected=v.display)
        if len(v.items) > 1:
            done = [it for it in v.items if all(m.covered[i] > 0 for i in it)]
            if done:
                missing = [" ".join(v.toks[i].word for i in it) for it in v.items if it not in done]
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

    glossary = tables().glossary
    extra = _competing(v, response, m, ctx, glossary)
    if extra:
        return wrong(VerdictReason.NOT_ONE_OF if len(v.items) > 1 else VerdictReason.HEDGED, extra)
    if _is_dump(v, resp, m, ctx, glossary):
        return wrong(VerdictReason.KEYWORD_LIST)
    if check is not None:
        bad = _checked(v, response, m, ctx, check)
        if bad is not None:
            return bad
    if REALWORD in covered:
        return did_you_mean_verdict(v.display)
    if TYPO in covered:
        return Verdict(VerdictKind.CORRECT, 0.9, VerdictReason.SPELLING, matched=v.display)
    return Verdict(VerdictKind.CORRECT, 1.0, VerdictReason.CORRECT, matched=v.display)


#: "X, also called Y": the answer given another name.
_APPOSITIVE_RE = re.compile(
    r"(?:\balso (?:called|known as)|\bknown as|\bcalled|\baka|\ba\.k\.a\.?|\bi\.?e\.?|\bthat is|\bnamely)[\s,:]+(.+)$",
    re.IGNORECASE,
)


def _other_name(v: Variant, response: Response, ctx: Context) -> str:
    """ "binary cross-entropy, also called hinge loss": another known term given as the answer's name
    (not one of the card's names, nor a name of the answer's side in the rival table); the term, or ""."""
    found = _APPOSITIVE_RE.search(response.text)
    if found is None:
        return ""
    tail = found.group(1).strip(" .!?")
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
            if stems in side.phrases and any(_contains_seq(own, p) for p in side.phrases):
                return True
    return False


def _contains_seq(seq: list[str], sub: tuple[str, ...]) -> bool:
    k = len(sub)
    return k > 0 and any(tuple(seq[i : i + k]) == sub for i in range(len(seq) - k + 1))


def _capitalised(text: str) -> frozenset[str]:
    """The words of ``text`` written with a capital first letter, lower case."""
    return frozenset(w.lower() for w in _CAPITALISED_RE.findall(text))


_CAPITALISED_RE = re.compile(r"\b[A-Z][a-z]+")


_ARTICLES = frozenset({"a", "an", "the"})


def _in(word: str, word_stem: str, words: frozenset[str]) -> bool:
    """``word`` (or its stem, or itself without a plural "s": "SVMs") is one of ``words``."""
    return word in words or word_stem in words or (word.endswith("s") and word[:-1] in words)


def _checked(v: Variant, response: Response, m: Match, ctx: Context, check: FormCheck) -> Verdict | None:
    """A full match that is still wrong: an echo of the question, a fixed name in another order, a
    longer known term, or a trailing claim that contradicts the question."""
    resp = response.toks
    question = ctx.question
    # Words the alignment did not use: the checks below look at them (none left, nothing to check).
    rest = [r for j, r in enumerate(resp) if j not in m.used and not r.stop]
    if (
        check.echo
        and m.used
        and not all(resp[j].num for j in m.used)  # the number the question quotes may be the answer
        and all(_in(resp[j].word, resp[j].stem, question) for j in m.used)
    ):
        return not_quite()
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
    if check.surname and not any(
        r.word.startswith(check.surname) and len(r.word) <= len(check.surname) + 1 for r in resp
    ):
        return not_quite()  # "Kaiming" for "Kaiming He": a first name alone names nobody
    if not rest:
        return None
    if m.used:
        # The word just before the answer qualifies it: the opposite of the question's word names
        # something else ("low temperature" for "A high ___ makes sampling more random").
        j = min(m.used) - 1
        while j >= 0 and resp[j].word in _ARTICLES and resp[j].item == resp[j + 1].item:
            j -= 1
        if j >= 0 and not resp[j].neg and not resp[j].stop and resp[j].item == resp[min(m.used)].item:
            opposites = tables().opposites.get(resp[j].word)
            if opposites and resp[j].word not in question and any(o in question for o in opposites):
                return not_quite()
            if check.expansion and not resp[j].num and not _in(resp[j].word, resp[j].stem, ctx.free):
                return not_quite()  # "conditional generative adversarial network" for "What does GAN stand for?"
    if check.alone:
        # Another person beside the one asked for: a word of another item that the card does not say, or
        # a capitalised name (one the question mentions: "Hinton and Bengio").
        items = {resp[j].item for j in m.used}
        names = _capitalised(response.text)
        for r in resp:
            if r.stop or r.neg or len(r.word) < 2 or r.item in items or _in(r.word, r.stem, ctx.names):
                continue
            if not _in(r.word, r.stem, ctx.free) or r.word in names:
                return not_quite()
    for longer in check.longer:
        if all(s in response.pos_stems for s in longer):
            return not_quite()
    if len(resp) <= CLAIM_WORDS:
        other = _other_name(v, response, ctx)
        if other:
            return Verdict(VerdictKind.WRONG, 0.0, VerdictReason.NEAR_MISS, typed=other, expected=v.display)
    claims = ctx.claims
    if len(resp) <= CLAIM_WORDS and m.used:
        last = max(m.used)
        sides = tables().claim_sides
        claim = [r for j, r in enumerate(resp) if j > last and (not r.stop or r.stem in sides)]
        # Only a remark that says a word of the question or an opposite can contradict it.
        if any(r.stem in sides or r.stem in question for r in claim) and _contradicts(
            claim, claims, v, frozenset().union(*ctx.options)
        ):
            return not_quite()
    if (claims.negated or claims.rivals) and len(resp) <= CLAIM_WORDS:
        for r in rest:
            if r.num and not r.neg and r.stem in claims.negated and r.stem not in claims.said:
                return not_quite()  # "..., which sets them to zero" for "... without making them zero"
        if claims.rivals and rest:
            said = {r.stem for r in rest if not r.neg}
            for rv in claims.rivals:
                if rv.stems and all(s in said for s in rv.stems):
                    return Verdict(VerdictKind.WRONG, 0.0, VerdictReason.NEAR_MISS, typed=rv.shown, expected=rv.accepted)
    return None


def _polarity(words: list[str]) -> tuple[str, int]:
    """The first "yes" or "no" of ``words`` ("yep", "not at all") and where it ends; ("both", n) when
    both are said; ("", 0) when neither."""
    tabs = tables()
    found = ""
    end = 0
    i = 0
    n = len(words)
    while i < n:
        for size in (3, 2, 1):
            phrase = " ".join(words[i : i + size])
            if len(phrase.split()) < size:
                continue
            kind = "yes" if phrase in tabs.yes else "no" if phrase in tabs.no else ""
            if kind == "yes" and i and words[i - 1] == "not":
                return "both", n  # "not sure" takes no side
            if kind == "yes" and i + size < n and words[i + size] == "not":
                kind, size = "no", size + 1  # "definitely not", "it does not"
            if kind:
                if found and kind != found:
                    # "yes and no", "yes or no": both sides; later, a remark ("no, it is unsupervised").
                    return ("both", n) if i - end <= 1 else (found, end)
                if not found:
                    found, end = kind, i + size
                i += size - 1
                break
        i += 1
    return found, end


def yes_no_verdict(expected: str, response: Response, ctx: Context) -> Verdict:
    """A yes-or-no card: "yep", "nah", "it can't" count; "yes and no" does not; a "no" that goes on to
    assert what the question asked ("no, it always finds the global optimum") is wrong."""
    words = response.norm.split()
    if not words:
        return no_answer()
    said, end = _polarity(words)
    if not said:
        said = "no" if any(t.neg for t in response.toks) or any(w in NEGATORS for w in words) else ""
    if said != expected:
        return not_quite()
    if end:
        remark = analyse_cached(" ".join(words[end:]))
        rest = [t for t in remark if not t.stop and not t.num and not t.neg]
        if expected == "no" and sum(1 for t in rest if t.stem in ctx.question) >= 2:
            return not_quite()
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
    return Verdict(VerdictKind.CORRECT, 1.0, VerdictReason.CORRECT, matched=expected)


def optional_tokens(v: Variant, question: frozenset[str]) -> frozenset[int]:
    """The tokens of ``v`` a player may leave out: generic head nouns the ``question`` already says."""
    return frozenset(
        i
        for i, t in enumerate(v.toks)
        if (t.word in GENERIC or t.stem in GENERIC) and (t.word in question or t.stem in question)
    )


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


def _competing(v: Variant, response: Response, m: Match, ctx: Context, glossary: frozenset[str]) -> str:
    """An item the player offered beside the answer ("L1 or L2", "knowledge-based, ..., neural", "dropout
    and L2")."""
    resp = response.toks
    hedges = response.hedges
    answer_items = {resp[j].item for j in m.used}
    list_answer = len(v.items) > 1
    strict = bool(ctx.names) and len(resp) <= SHORT_ANSWER
    by_item: dict[int, list[Tok]] = {}
    for j, r in enumerate(resp):
        if r.neg or r.stop or j in m.used:
            continue
        if r.item in answer_items and r.item not in hedges and not list_answer:
            continue
        # Words of the question are free to say, but not as a second answer offered with "or" (in a
        # short answer: an explanation may weigh the options the question names).
        free = ctx.names if strict and (r.item in hedges or r.item in response.joins) else ctx.free
        if r.stem in free or r.word in free:
            continue
        by_item.setdefault(r.item, []).append(r)
    terms = tables().term_words
    for item, toks in by_item.items():
        if len(toks) > 4:
            continue
        if item in hedges and len(toks) <= 3:
            return " ".join(t.word for t in toks)
        if list_answer and all(_is_termlike(t, glossary) for t in toks):
            return " ".join(t.word for t in toks)
        # "MLM and next-token prediction" for "MLM or next-token prediction?": the other option too.
        if strict and ctx.options and item in response.joins:
            if any(all(t.stem in option for t in toks) for option in ctx.options):
                return " ".join(t.word for t in toks)
        # "dropout and L2": another term of the field beside a one-item answer, in a short answer.
        if (
            strict
            and not list_answer
            and item - 1 in answer_items
            and item in response.joins
            and len(toks) <= 2
            and all(not t.num and t.word in terms and not _in(t.word, t.stem, ctx.names) for t in toks)
        ):
            return " ".join(t.word for t in toks)
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


def _digit_clash(resp: Sequence[Tok], variants: Sequence[Variant]) -> tuple[str, str] | None:
    """ "AlphaFold3" for "AlphaFold2", "51%" for "15%": same letters, other digits."""
    for v in variants:
        for a in v.toks:
            if not any(ch.isdigit() for ch in a.word):
                continue
            letters = a.word.strip("0123456789.%x")
            for r in resp:
                if r.neg or r.stop or r.word == a.word or not any(ch.isdigit() for ch in r.word):
                    continue
                if r.num and a.num and same_number(a.word, r.word):
                    continue
                if r.word.strip("0123456789.%x") == letters:
                    return r.word, v.display
    return None


def _did_you_mean(resp: Sequence[Tok], variants: Sequence[Variant]) -> str | None:
    content = [r for r in resp if not r.stop]
    if not content or any(r.neg for r in content) or any(r.num for r in content):
        return None
    said = " ".join(r.word for r in content)
    if any(v.norm == said for v in variants):
        return None  # the answer itself, refused for a reason (an echo of the question)
    choices = {v.norm: v.display for v in variants if len(content) <= len(v.toks) + 1}
    if not choices:
        return None
    best = process.extractOne(said, list(choices), scorer=fuzz.ratio, score_cutoff=80)
    if best is None or any(ch.isdigit() for ch in best[0]):
        return None
    return choices[best[0]]


def second_look(resp: Sequence[Tok], variants: Sequence[Variant]) -> Verdict | None:
    """A plain "not quite" looked at again: the answer with other digits, or a close misspelling of it."""
    clash = _digit_clash(resp, variants)
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
