"""The grader's entry points: ``grade`` (one typed answer) and ``grade_card`` (a card, either direction)."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from bot.core.grading.keypoints import keypoint_verdict
from bot.core.grading.normalise import normalise
from bot.core.grading.tables import tables
from bot.core.grading.tokens import analyse, hedge_items
from bot.core.grading.variants import Rival, Variant, compile_answer, phrase_stems
from bot.core.grading.verdicts import Context, free_words, judge, no_answer, not_quite, rank, second_look
from bot.core.models import Card, Verdict, VerdictKind, VerdictReason

log = logging.getLogger(__name__)


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
    resp = analyse(response)
    all_stop = all(t.stop for t in resp)
    for a in accept:
        # Answers made only of little words ("no", "it") are compared whole.
        if (all_stop or not compile_answer(a)) and normalise(response) == normalise(a) != "":
            return Verdict(VerdictKind.CORRECT, 1.0, VerdictReason.CORRECT, matched=a.strip())
    if not resp or all_stop:
        return no_answer()

    known = tables().known | free_words(question, term, *aliases, *accept, *reject)
    rejects = tuple(
        Rival(phrase_stems(r), r.strip(), accept[0].strip() if accept else "", "")
        for r in reject
        if r and r.strip() and phrase_stems(r)
    )
    free = free_words(question, term, *aliases, *accept)
    asked = free_words(question)

    if not accept:
        ctx = Context(free, asked, rejects, known)
        return keypoint_verdict(keypoints, resp, ctx)

    hedges = hedge_items(response)
    best: Verdict | None = None
    variants: list[Variant] = []
    for a in accept:
        # Words of the other accepted answers are free; those of this one must match.
        ctx = Context(free, asked, rejects, known)
        for v in compile_answer(a):
            variants.append(v)
            verdict = judge(v, resp, hedges, ctx)
            if best is None or rank(verdict) > rank(best):
                best = verdict
            if best.kind is VerdictKind.CORRECT and best.score == 1.0:
                return best
    if best is None:
        return not_quite()
    if best.reason is VerdictReason.NOT_QUITE:
        return second_look(resp, variants) or best
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
