"""Verdicts on accepted answers: rivals, hedges, keyword dumps, partial lists, typos and did-you-mean."""

from __future__ import annotations

import logging
from collections.abc import Container, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from bot.core.grading.alignment import REALWORD, TYPO, Match, align
from bot.core.grading.numbers import same_number
from bot.core.grading.response import Response
from bot.core.grading.tables import tables
from bot.core.grading.tokens import Tok, analyse_cached
from bot.core.grading.variants import Rival, Variant
from bot.core.grading.vocabulary import GENERIC
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


@dataclass(frozen=True, slots=True)
class Context:
    """What a response is judged against besides the answer."""

    free: frozenset[str]  # stems the player may say without penalty (question, term, other answers)
    question: frozenset[str]  # words and stems of the question alone
    rejects: tuple[Rival, ...]
    known: Container[str]


def _rival_verdict(v: Variant, rival: Rival, said: str, full: bool) -> Verdict:
    """The player asserted a rival of the answer (``said``: their words for it)."""
    if len(v.items) > 1:
        return wrong(VerdictReason.NOT_ONE_OF, said)
    reason = VerdictReason.PICK_ONE if full else VerdictReason.NEAR_MISS
    return Verdict(VerdictKind.WRONG, 0.0, reason, typed=said, expected=rival.accepted, aka=rival.aka or None)


def judge(v: Variant, response: Response, ctx: Context, optional: frozenset[int] = frozenset()) -> Verdict:
    """The verdict of a response against one form of one accepted answer.

    ``optional``: the form's tokens the player may leave out (``optional_tokens``).
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
                extra = _competing(v, resp, m, response.hedges, ctx, tables().glossary)
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
    extra = _competing(v, resp, m, response.hedges, ctx, glossary)
    if extra:
        return wrong(VerdictReason.NOT_ONE_OF if len(v.items) > 1 else VerdictReason.HEDGED, extra)
    if _is_dump(v, resp, m, ctx, glossary):
        return wrong(VerdictReason.KEYWORD_LIST)
    if REALWORD in covered:
        return did_you_mean_verdict(v.display)
    if TYPO in covered:
        return Verdict(VerdictKind.CORRECT, 0.9, VerdictReason.SPELLING, matched=v.display)
    return Verdict(VerdictKind.CORRECT, 1.0, VerdictReason.CORRECT, matched=v.display)


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


def _competing(
    v: Variant,
    resp: Sequence[Tok],
    m: Match,
    hedges: frozenset[int],
    ctx: Context,
    glossary: frozenset[str],
) -> str:
    """An item the player offered beside the answer ("L1 or L2", "knowledge-based, ..., neural")."""
    answer_items = {resp[j].item for j in m.used}
    list_answer = len(v.items) > 1
    by_item: dict[int, list[Tok]] = {}
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
