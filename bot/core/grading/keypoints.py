"""Essay cards graded by key points, with partial credit ("hybrid | mixed approach" lists synonyms)."""

from __future__ import annotations

import functools
import logging
import math
import re
from collections.abc import Container, Generator, Sequence
from typing import Final

from rapidfuzz.distance import OSA

from bot.core.grading.alignment import TYPO, Match, Reach, align, reach
from bot.core.grading.normalise import normalise
from bot.core.grading.response import Response
from bot.core.grading.support import (
    Support,
    essay_claim_possible,
    flipped_word,
    owners,
    swapped_owner,
    turned_polarity,
    unsupported,
)
from bot.core.grading.tables import tables
from bot.core.grading.tokens import Tok, analyse_cached, stem
from bot.core.grading.variants import Variant, prefix_rivals
from bot.core.grading.verdicts import Context, counted, facts_of, not_quite, wrong
from bot.core.grading.vocabulary import NEGATORS
from bot.core.models import Verdict, VerdictKind, VerdictReason

log = logging.getLogger(__name__)


#: One key point compiled: its name (the first synonym) and the forms of each synonym.
KeyPoint = tuple[str, tuple[tuple[Variant, ...], ...]]


def keypoint_verdict(
    keypoints: Sequence[KeyPoint], resp: Response, ctx: Context, *, sliced: bool = False
) -> Generator[None, None, Verdict]:
    """Grade an essay answer: each key point (synonyms split by "|") is made, missing or contradicted.

    A generator returning the verdict; with ``sliced`` it pauses (``yield``) between key points.
    """
    question = ctx.question
    if ctx.asks and _retold(resp, question, keypoints):
        # Nothing but the question's own words ("the Stanford Question Answering Dataset", "the LLM does
        # reasoning with it"): the question typed back makes no point, whichever words the points share with it.
        return counted(VerdictKind.WRONG, 0.0, VerdictReason.NO_KEYPOINTS, missing=tuple(k[0] for k in keypoints), total=len(keypoints))
    kept = _undismissed(resp.text, ctx)
    if kept is not None:
        # A clause said to be untrue makes no point ("It is a common misconception that ...", "..., but that is a
        # myth"): the answer is graded without it.
        if not kept.strip():
            return counted(VerdictKind.WRONG, 0.0, VerdictReason.NO_KEYPOINTS, missing=tuple(k[0] for k in keypoints), total=len(keypoints))
        return (yield from keypoint_verdict(keypoints, Response(kept, resp.targets), ctx, sliced=sliced))
    covered: list[str] = []
    missing: list[str] = []
    #: the points of ``missing`` the response nearly makes (``_NEARLY``): partial credit, never a whole answer
    nearly: list[str] = []
    contradicted: str | None = None
    #: per key point made, its index and the stems of the words that made it
    made: list[tuple[int, frozenset[str]]] = []
    for n, (name, synonyms) in enumerate(keypoints):
        index = n
        if n and sliced:
            yield
        hit = turned = near = sided = False
        before = contradicted
        for forms in synonyms:
            for v in forms:
                n = len(v.toks)
                need = n if n <= 2 else math.ceil(_MADE * n)
                if not resp.indexed and not _reaches(resp, reach(resp, ctx.known), v, _least(n, need)):
                    # Fewer tokens the response can reach than the point needs: neither made nor contradicted.
                    resp.narrowed = True
                    continue
                m = align(v, resp, (), ctx.known, rivals=False)  # a key point reads no rival
                resp.narrowed = True
                got = sum(1 for c in m.covered if c >= TYPO)
                flipped = sum(1 for i in range(n) if m.flipped[i] and m.covered[i] == 0)
                if n > 4 and not flipped and got >= math.ceil(_NEARLY * n) and (m.covered[0] >= TYPO or not _headed(v)):
                    near = True
                if got >= need and (m.covered[0] >= TYPO or not _headed(v)):
                    if v.denied and not _denies(resp, v.denied):
                        continue  # ("question answering" for "questions with no answer")
                    if flipped:
                        # The point's other words, with one of its words denied ("examples of the reasoning
                        # process; the LLM does not imitate them"): not made by this synonym.
                        if contradicted is None:
                            contradicted = name
                        continue
                    if _denied_after(m, resp, synonyms, ctx.question) or _disowned(m, resp, synonyms) or _dispensed(m, resp, ctx):
                        # ... or denied after it ("the resolution can't be scaled", "hidden size isn't one of
                        # them"): said to be no point, not made.
                        if contradicted is None:
                            contradicted = name
                        turned = True
                        break
                    if _turned(v, m, resp):
                        # ... or said the other way ("connections between layers are directed" for "undirected
                        # connections between layers"): another form of this synonym is no better, but another
                        # synonym made with words of its own makes the point ("boosting trains them one after
                        # another" for "boosting trains models sequentially | one after another", where "in
                        # parallel" is said of bagging just before).
                        if contradicted is None:
                            contradicted = name
                        sided = True
                        break
                    hit = True
                    made.append((index, frozenset(resp.toks[j].stem for j in m.used if not resp.toks[j].stop)))
                    break
                if flipped >= need and contradicted is None:
                    contradicted = name
            if hit or turned:
                break
        if hit and sided:
            contradicted = before
        (covered if hit else missing).append(name)
        if near and not hit and not turned:
            nearly.append(name)
    total = len(covered) + len(missing)
    positive_stems = {r.stem for r in resp.positive}
    for rv in ctx.rejects:
        if rv.stems and all(s in positive_stems for s in rv.stems):
            return wrong(VerdictReason.REJECTED, rv.shown)
    if contradicted is not None and contradicted in missing:
        if covered:
            # Some points made, another contradicted: part of an answer, not a wrong one. (``missing``: the
            # points not addressed at all; the one contradicted is ``expected``.)
            return counted(
                VerdictKind.PARTIAL,
                round(len(covered) / total, 3),
                VerdictReason.CONTRADICTS,
                expected=contradicted,
                matched="; ".join(covered),
                missing=tuple(m for m in missing if m != contradicted),
                found=len(covered),
                total=total,
            )
        return counted(VerdictKind.WRONG, 0.0, VerdictReason.CONTRADICTS, expected=contradicted, total=total)
    if total == 0:
        return not_quite()
    claim = (yield from _unsupported_claim(resp, ctx, sliced=sliced, keypoints=keypoints)) if not missing else ""
    if not claim and not missing and len(made) >= 2 and _in_order(ctx):
        claim = _reordered(resp, _step_words(keypoints, made))
    if claim:
        # Every point made, and a claim the card does not back: part of an answer (the claim is quoted).
        return Verdict(
            VerdictKind.PARTIAL,
            round(max(total - 1, 0.5) / total, 3),
            VerdictReason.UNSUPPORTED_CLAIM,
            matched="; ".join(covered),
            typed=claim,
            found=total,
            total=total,
        )
    if not missing:
        return counted(
            VerdictKind.CORRECT,
            1.0,
            VerdictReason.ALL_KEYPOINTS,
            matched="; ".join(covered),
            found=total,
            total=total,
        )
    if nearly and contradicted is None:
        # Points nearly made count towards a part of the answer, never towards a whole one: a point said in
        # other words may as well be said wrongly.
        covered = covered + nearly
        missing = [m for m in missing if m not in nearly]
        if not missing:
            missing = [nearly[-1]]
            covered = covered[:-1]
    if not covered:
        return counted(
            VerdictKind.WRONG, 0.0, VerdictReason.NO_KEYPOINTS, missing=tuple(missing), total=total
        )
    return counted(
        VerdictKind.PARTIAL,
        round(len(covered) / total, 3),
        VerdictReason.PARTIAL,
        matched="; ".join(covered),
        missing=tuple(missing),
        found=len(covered),
        total=total,
    )


def _retold(resp: Response, question: Container[str], keypoints: Sequence[KeyPoint]) -> bool:
    """Whether ``resp`` says nothing but words of the question (its words and stems ``question``), perhaps
    after "because", and denies nothing: the question typed back. Not when it is a
    key point form word for word ("saved model" for "What does saving a TensorFlow model mean?")."""
    if not resp.positive:
        return False
    said: set[str] = set()
    for r in resp.toks:
        if r.stop or r.word in _BECAUSE or r.word in _SAYS_NOTHING:
            continue
        if r.stem not in question and r.word not in question:
            return False
        said.add(r.stem)
    if not _DENIERS.isdisjoint(resp.raw):
        return False  # ("questions with no answer" for "... the Stanford Question Answering Dataset")
    return not any({t.stem for t in v.toks} == said for _, synonyms in keypoints for forms in synonyms for v in forms)


#: Words that tie the question's words to themselves and add nothing ("k-nearest neighbors is when k-nearest
#: neighbors", "..., which means ...").
_SAYS_NOTHING: Final = frozenset(
    {"when", "which", "where", "means", "mean", "meaning", "happens", "happen", "refers", "refer", "simply", "defined"}
)
#: Negators that deny what follows them (not those that compare or set apart: "than", "unlike", "except").
_DENIERS: Final = NEGATORS - {"than", "unlike", "except", "excluding", "nor", "neither"}
#: Words that start a reason, said before the question typed back ("because ViTs need more data").
_BECAUSE: Final = frozenset({"because", "since", "cause", "cuz", "coz", "bc"})
#: A key point form is made when the response says this share of its words (all of a form of two words or less).
_MADE: Final = 0.6
#: ... and nearly made (a form of five words or more) when it says this share: partial credit only.
_NEARLY: Final = 0.5


def _least(n: int, need: int) -> int:
    """The fewest words of a key point form of ``n`` words that make it or nearly make it."""
    return min(need, math.ceil(_NEARLY * n)) if n > 4 else need


#: A key point named by a noun and what it is of ("examples of the reasoning process"): the noun is its
#: head, and a response that says only what follows "of" does not make it.
_HEADED_RE: Final = re.compile(r"\s*(?:(?:the|a|an)\s+)?([\w-]+)\s+of\s", re.IGNORECASE)


def _headed(v: Variant) -> bool:
    """Whether the key point form ``v`` is a noun of something ("examples of the reasoning process"), its
    first word being that noun."""
    head = _HEADED_RE.match(v.display)
    return head is not None and len(v.toks) >= 2 and head.group(1).lower() == v.toks[0].word


def _turned(v: Variant, m: Match, resp: Response) -> bool:
    """Whether a word of the key point form ``v`` the alignment ``m`` left uncovered is said the other way
    right beside the words that made it on either side of it (within ``_TURNED_NEAR`` words, in their list
    item), asserted: its antonym-prefix form ("directed" for "undirected", "spherical" for "non-spherical") or
    the other side of an opposite of ``data/forms.yaml`` ("lower" for "higher"). (A long answer says the
    point's words in many places: an opposite said elsewhere in it, "the covariance shrinks" in the next step,
    turns nothing.)"""
    toks = resp.toks
    sides = tables().claim_sides
    opposites = tables().opposites
    n = len(v.toks)
    for i, t in enumerate(v.toks):
        if t.stop or t.num or t.neg or m.covered[i]:
            continue
        wanted = set(prefix_rivals(t.word)) | set(opposites.get(t.word, ()))
        side = sides.get(t.stem)
        if not wanted and side is None:
            continue
        anchors = []
        for step in (-1, 1):
            # the run of the point's words said on this side of it ("connections between layers" beside
            # "undirected")
            k = i + step
            while 0 <= k < n and (v.toks[k].stop or not m.covered[k]):
                k += step
            while 0 <= k < n and (v.toks[k].stop or m.covered[k]):
                if m.covered[k] and m.pos[k] >= 0:
                    anchors.append(m.pos[k])
                k += step
        for a in anchors:
            for j in range(max(a - _TURNED_NEAR, 0), min(a + _TURNED_NEAR + 1, len(toks))):
                r = toks[j]
                if r.neg or r.stop or j in m.used or r.item != toks[a].item:
                    continue
                if r.word in wanted:
                    return True
                other = sides.get(r.stem)
                if side is not None and other is not None and other[0] == side[0] and other[1] != side[1]:
                    return True
    return False


#: How many words from the words that made a point an opposite turns it.
_TURNED_NEAR: Final = 3


#: A verb denied after its subject ("the resolution can't be scaled", "hidden size isn't one of them").
_DENIED_AFTER_RE: Final = re.compile(
    r"\b(?:isn't|isnt|is not|aren't|arent|are not|can't|cant|cannot|can not|doesn't|doesnt|does not|don't|dont|do not"
    r"|won't|wont|will not|wasn't|weren't)\b",
    re.IGNORECASE,
)
#: Words that may come between the words that made a point and the denial after them ("size", "itself").
_DENIED_GAP: Final = 2


def _denied_after(m: Match, resp: Response, synonyms: Sequence[Sequence[Variant]], question: Container[str]) -> bool:
    """Whether the words that made a key point (``m``) are the subject of a denied verb right after them, in
    their clause, one that says what the question asks or what the point says, or that the thing is there at
    all ("the resolution can't be scaled", "hidden size isn't one of them", "the model doesn't imitate it"):
    the point said to be no point. Not another thing denied of it ("the resolution is not fixed either"),
    nor when the point is a denial itself ("unanswerable questions", "questions with no answer": "questions
    can't be answered" makes it)."""
    toks = resp.toks
    if not m.used or not _has_denial(resp.text):
        return False
    last = max(m.used)
    item = toks[last].item
    if any(toks[j].neg for j in m.used):
        return False
    for k in range(last + 1, min(last + 2 + _DENIED_GAP, len(toks))):
        if toks[k].item != item or toks[k].word in _RELATIVE:
            return False  # ("questions that can't be answered": what they are, not a denial of them)
        if toks[k].neg:
            denied = {t.stem for t in toks[k:] if t.neg and t.item == item}
            points = {t.stem for forms in synonyms for v in forms for t in v.toks}
            if not any(d in question or d in points or d in _THERE for d in denied):
                return False
            return not any(_negative(t, denied) for forms in synonyms for v in forms for t in v.toks)
    return False


#: A question that asks for steps, or how a thing works: its key points are in the order the thing does them.
_STEPS_RE: Final = re.compile(r"\b(?:steps?|stages?|workflow|procedure|pipeline|in what order)\b|^\W*how (?:does|do)\b(?!.*\b(?:differ|difference|compare|versus|vs)\b)")


def _in_order(ctx: Context) -> bool:
    """Whether the card's key points are steps in order: its question asks for steps or how a thing works
    ("What are the steps of ...", "How does RANSAC fit a model ...?"), or its explanation numbers them."""
    support = ctx.support
    if support is None or not support.statement_texts:
        return False
    question = " ".join(support.statement_texts[: support.asked_statements])
    return _STEPS_RE.search(question) is not None or support.numbered


#: Words that set one step before another: "A before B", "A, then B", "A precedes B" ...
_BEFORE_WORDS: Final = frozenset({"before", "then", "precedes", "precede", "prior"})
#: ... and after: "A after B", "A follows B", "A comes only once B is done".
_AFTER_WORDS: Final = frozenset({"after", "afterwards", "once"})


def _step_words(keypoints: Sequence[KeyPoint], made: Sequence[tuple[int, frozenset[str]]]) -> list[tuple[int, frozenset[str]]]:
    """Per key point made (in the card's order), the stems that say it: those of its forms and those the
    answer made it with, but stems another key point says too ("model" of two steps names neither)."""
    words = [
        frozenset(t.stem for forms in synonyms for v in forms for t in v.toks if not t.stop and not t.num) for _name, synonyms in keypoints
    ]
    out = []
    for index, stems in made:
        mine = words[index] | stems
        others = frozenset().union(*(w for k, w in enumerate(words) if k != index), *(st for k, st in made if k != index))
        if mine - others:
            out.append((index, frozenset(mine - others)))
    return sorted(out)


def _reordered(resp: Response, made: Sequence[tuple[int, frozenset[str]]]) -> str:
    """The clause of an answer that sets two steps in the other order than the card's key points ("you have to
    deploy the training routine before the EDA" where EDA is the first step, "the EDA only happens after the
    prototype"): a step's words, a word of ``_BEFORE_WORDS`` or ``_AFTER_WORDS`` after them in their clause,
    then another step's words. "" where none does."""
    toks = resp.toks
    # (a step's words are read only a few words before a word that orders: most answers have none)
    marks = [k for k, w in enumerate(toks) if w.word in _ORDER_WORDS]
    if not marks:
        return ""
    near = _near_marks(marks, _ORDER_REACH, 0, len(toks))
    for a, (_first, first_stems) in enumerate(made):
        for _second, second_stems in made[a + 1 :]:
            # (the card's order: ``first`` comes before ``second``)
            for x_stems, y_stems, late in ((first_stems, second_stems, False), (second_stems, first_stems, True)):
                for i in near:
                    t = toks[i]
                    if t.stem not in x_stems or t.stop:
                        continue
                    for k in range(i + 1, min(i + 1 + _ORDER_REACH, len(toks))):
                        w = toks[k]
                        if w.item != t.item and w.word not in _ORDER_WORDS:
                            break
                        if w.stem in y_stems and not w.stop:
                            break  # (the other step said first, no order word between)
                        if w.word in _BEFORE_WORDS or w.word in _AFTER_WORDS:
                            said_first = w.word in _BEFORE_WORDS
                            rest = toks[k + 1 : k + 1 + _ORDER_REACH]
                            if w.neg or not any(r.stem in y_stems and not r.stop for r in rest):
                                break
                            # "X before Y": X first; "X after Y": Y first. The card puts ``first`` first.
                            if said_first == late:
                                clause = _CLAUSE_RE.split(resp.text)
                                return next((c.strip() for c in clause if t.word in normalise(c).split() and w.word in normalise(c).split()), resp.text.strip())
                            break
    return ""


def _near_marks(marks: Sequence[int], before: int, after: int, n: int) -> list[int]:
    """The places of ``n`` words up to ``before`` words before one of ``marks`` (not the mark itself, where
    ``after`` is 0) or up to ``after`` words after one, in order."""
    return sorted({j for k in marks for j in range(max(0, k - before), min(n, k + after + 1) if after else k)})


#: How many words apart a step, the word that orders it and the other step may be.
_ORDER_REACH: Final = 6
_ORDER_WORDS: Final = _BEFORE_WORDS | _AFTER_WORDS


def _dispensed(m: Match, resp: Response, ctx: Context) -> bool:
    """Whether the words that made a key point (``m``) are said to be something one can do without, right
    after them ("the EDA is optional", "prototype creation can be skipped", "the EDA isn't necessary") or
    right before them ("you can skip the EDA", "omit the prototype"): a key point is what the answer needs.
    Not a word the card says itself ("optionally activations")."""
    if not m.used:
        return False
    toks = resp.toks
    card = ctx.support.stems if ctx.support is not None else frozenset()
    said = {toks[j].stem for j in m.used}
    # (only the words near one that says a thing can be done without can be said to be: a long answer is
    # read there alone)
    marks = [k for k, t in enumerate(toks) if t.word in _DISPENSABLE or t.word in _DISPENSING_VERBS]
    if not marks:
        return False
    near = _near_marks(marks, _NEAR_MARK, _NEAR_MARK, len(toks))
    # (each place the point's words are said: "EDA, a prototype ...; you can skip the EDA" says it twice)
    runs: list[list[int]] = []
    for j in near:
        t = toks[j]
        if t.stem in said and not t.stop:
            if runs and runs[-1][1] >= j - 2 and toks[runs[-1][1]].item == t.item:
                runs[-1][1] = j
            else:
                runs.append([j, j])
    return any(_dispensed_at(toks, first, last, card) for first, last in runs)


def _dispensed_at(toks: Sequence[Tok], first: int, last: int, card: frozenset[str]) -> bool:
    """``_dispensed`` of the words of a point said from ``first`` to ``last``."""
    for k in range(max(0, first - _DISMISS_REACH), first):
        t = toks[k]
        if t.word in _DISPENSING_VERBS and not t.neg and t.stem not in card and all(
            x.stop or x.word in _CLAIM_FILLER for x in toks[k + 1 : first]
        ) and not any(x.item == t.item and x.word in _SKIP_FORBIDDING for x in toks[max(0, k - _FORBIDDING_REACH) : k]):
            return True  # "you can skip the EDA" (not "it's wrong to skip the residual check")
    for k in range(last + 1, min(last + 1 + _DISOWN_REACH, len(toks))):
        t = toks[k]
        if t.item != toks[last].item:
            return False
        if t.word in _DISPENSABLE or (t.word in _DISPENSING_VERBS and t.word.endswith("ed")):
            # "is optional", "can be skipped"; "isn't necessary" (the denial reads "necessary" denied)
            if t.stem in card or toks[last].neg:
                return False  # (a point that is a denial itself: "no read locks needed")
            return not t.neg if t.word not in _NEEDED else t.neg
        if t.stop or t.word in _CLAIM_FILLER or t.word in _DISPENSE_FILLER:
            continue
        return False
    return False


#: How far from a word that says a thing can be done without the point's words are looked for.
_NEAR_MARK: Final = 12
#: Words that may come between a point and the word that says it can be done without ("is usually skipped").
_DISPENSE_FILLER: Final = frozenset({"and", "usually", "often", "generally", "mostly", "totally", "entirely", "completely"})
#: Words that say a thing can be done without ("optional", "unnecessary"), and words that say it is needed
#: (said denied: "isn't necessary"), as stems.
_NEEDED: Final = frozenset("necessary essential mandatory compulsory required needed".split())
_DISPENSABLE: Final = frozenset("optional unnecessary needless superfluous dispensable skippable".split()) | _NEEDED
#: Words before such a verb that say leaving the thing out is a mistake ("it's wrong to skip the residual"),
#: at most this many words before it.
_SKIP_FORBIDDING: Final = frozenset(
    "wrong mistake mistaken bad error never dont shouldnt mustnt cant cannot avoid careful risky dangerous".split()
)
_FORBIDDING_REACH: Final = 3
#: Verbs that leave a thing out ("skip the EDA", "the EDA is skipped"), as typed.
_DISPENSING_VERBS: Final = frozenset("skip skips skipping skipped omit omits omitting omitted".split())


def _disowned(m: Match, resp: Response, synonyms: Sequence[Sequence[Variant]]) -> bool:
    """Whether the words that made a key point (``m``) are called false right after them ("the XOR limitation
    is a myth", "the claim that it uses stochastic latent variables is false", "some say checkpoints but
    that's wrong"): a few little words, words for a claim or words of the point's other forms between ("a
    seasonal component is false" where "seasonal" made "seasonality"), "false", "wrong", "a myth" asserted."""
    if not m.used:
        return False
    toks = resp.toks
    if _SAID_THEN_DENIED_KEYS.search(resp.text):
        # "some say FPR, but actually no", "I used to think FPR but it is not": the point is said only inside
        # what the answer then denies (the little words that deny it leave no word to read after it)
        for found in _SAID_THEN_DENIED_RE.finditer(resp.text):
            said = set(normalise(found.group("said")).split())
            if said and all(toks[j].word in said for j in m.used):
                return True
    first = min(m.used)
    for k in range(max(0, first - _DISMISS_REACH), first):
        # "forget schema-on-write", "jk about readers don't block writers", "ignore the variance part"
        if toks[k].word in _DISMISSING and not toks[k].neg and all(
            t.stop or t.word in _CLAIM_FILLER for t in toks[k + 1 : first]
        ):
            return True
    last = max(m.used)
    point: set[str] | None = None
    for k in range(last + 1, min(last + 1 + _DISOWN_REACH, len(toks))):
        t = toks[k]
        if t.word in _FALSE_WORDS:
            return not t.neg
        if t.neg and (t.word in _MATTERS or t.word == "really" and k == len(toks) - 1):
            return True  # "sorted doesn't really matter here", "hinge loss, though not really"
        if t.word == "do" and t.neg and k > 0 and toks[k - 1].word in _HAS:
            return True  # "hinge loss has nothing to do with it"
        if t.stop or t.word in _CLAIM_FILLER:
            continue
        if point is None:
            point = {x.stem for forms in synonyms for v in forms for x in v.toks}
        if t.stem not in point:
            return False
    return False


#: What some say, or the player once thought, then denied ("some say X, but actually no"): ``said`` holds it.
_SAID_THEN_DENIED_RE: Final = re.compile(
    r"\b(?:some(?: people)? (?:say|think|claim)|people (?:say|think)|i used to think|i thought|you might think)\b"
    r"(?P<said>[^.;!?]*?),?\s+(?:but|though|although)\s+(?:actually\s+|really\s+)?"
    r"(?:no|nope|not really|it'?s not|it is not|it isn'?t|that'?s not (?:it|true|right)|not true)\b\s*(?:[.;!?]|$)",
    re.IGNORECASE,
)
#: The words that open such a phrase, looked for first.
_SAID_THEN_DENIED_KEYS: Final = re.compile(r"\b(?:say|think|thought|claim)\b", re.IGNORECASE)
#: Words that call what was said before them false.
_FALSE_WORDS: Final = frozenset(
    {"false", "wrong", "myth", "untrue", "incorrect", "misconception", "nonsense", "bogus", "irrelevant", "jk", "nope"}
)
#: Words that, denied after a point, dismiss it ("... doesn't matter", "... isn't relevant").
_MATTERS: Final = frozenset({"matter", "matters", "relevant"})
#: "has" of "... has nothing to do with it" (read as a denied "do").
_HAS: Final = frozenset({"has", "have", "had"})
#: Words that dismiss the point said right after them ("forget X", "jk about X").
_DISMISSING: Final = frozenset({"forget", "ignore", "disregard", "jk", "scratch"})
#: How many words before a point such a word may come (little words between: "forget about the").
_DISMISS_REACH: Final = 3
#: Words that may come between a point and the word that calls it false ("the ... claim is a myth").
_CLAIM_FILLER: Final = frozenset(
    {"claim", "claims", "thing", "idea", "part", "bit", "stuff", "thats", "totally", "completely", "just", "actually", "simply", "also", "but",
     "has", "have", "had", "though", "tho", "here"}
)
#: How many words after a point the word that calls it false may come.
_DISOWN_REACH: Final = 6


#: How every denied verb of ``_DENIED_AFTER_RE`` ends ("n't", "nt", "not"): found fast, then the verb is
#: checked in the few characters before it.
_DENIAL_END_RE: Final = re.compile(r"n'?t\b|not\b", re.IGNORECASE)


@functools.lru_cache(maxsize=64)
def _has_denial(text: str) -> bool:
    """Whether ``text`` holds a denied verb at all (searched once per answer, not once per key point). The
    whole pattern tried at every place of a 4,000-character answer costs about 260 µs; tried only where a
    word ends as a denial does, about 40 µs, with the same answer."""
    return any(
        _DENIED_AFTER_RE.search(text, max(0, end.start() - 5), end.end() + 1) is not None
        for end in _DENIAL_END_RE.finditer(text)
    )


def _denies(resp: Response, denied: str) -> bool:
    """Whether ``resp`` denies the word ``denied`` (or a misspelling of it, one slip away): a negator at most
    ``_DENIAL_REACH`` words before it ("no answer", "can't be answered") or a negative prefix on it
    ("unanswerable")."""
    raw = resp.raw
    for i, w in enumerate(raw):
        if stem(w) == stem(denied) or (len(denied) > 4 and OSA.distance(w, denied, score_cutoff=1) <= 1):
            if not NEGATORS.isdisjoint(raw[max(0, i - _DENIAL_REACH) : i]):
                return True
        elif any(w.startswith(p) and len(w) > len(p) + 3 and stem(w[len(p) :]) == stem(denied) for p in _NEGATIVE_PREFIXES):
            return True
    return False


#: How many words before a denied word its negator may come ("can't be answered": two).
_DENIAL_REACH: Final = 3


def _negative(t: Tok, denied: set[str]) -> bool:
    """A word of a key point that denies (a negated one, "no answer"), or one with a negative prefix whose
    rest is a word ``denied`` ("unanswerable" for "answered")."""
    if t.neg:
        return True
    for prefix in _NEGATIVE_PREFIXES:
        if t.word.startswith(prefix) and len(t.word) > len(prefix) + 3 and stem(t.word[len(prefix) :]) in denied:
            return True
    return False


_NEGATIVE_PREFIXES: Final = ("un", "non", "in", "im", "ir", "il", "dis")


_RELATIVE: Final = frozenset({"that", "which", "who", "whose", "where", "whom"})
#: Stems that say a thing is there or counts at all ("isn't one of them", "is not needed").
_THERE: Final = frozenset(stem(w) for w in "one part among include included count counted need needed require required use used".split()) | {
    "1"  # ("isn't one of them": "one" is read as a number)
}


def _reaches(resp: Response, found: Reach, v: Variant, need: int) -> bool:
    """Whether ``resp`` may cover ``need`` tokens of ``v`` (``Reach.coverable``)."""
    n = len(v.toks)
    got = 0
    for i in range(n):
        if found.coverable(resp, v, i):
            got += 1
            if got >= need:
                return True
        elif n - i - 1 + got < need:
            return False
    return got >= need


#: Where an essay answer's claims part: sentences, clauses after a semicolon or a dash, and "but".
_CLAUSE_RE: Final = re.compile(r"[.;!?]\s+|\s+[-–—]\s+|,?\s+but\s+|,\s+(?:and|so)\s+|,\s+(?=which\s|though\s|although\s)|\n+")
#: An essay answer of more words is an explanation, whose clauses weigh things against others: its claims are
#: not read one by one (as a remark after a short answer is read only in a short response, ``CLAIM_WORDS``).
_CLAIMS_WORDS: Final = 80


#: Where an essay answer's clauses part (``_undismissed``).
_SENTENCES_RE: Final = re.compile(r"[.;!?]+\s+|[.;!?]+$|\n+")
_PARTS_RE: Final = re.compile(r"\s+[-–—]+\s+|,?\s+but\s+|,\s+(?:and|so|though)\s+")
#: A clause that says what it opens is untrue ("It is false that ...", "It is a common misconception that
#: ...", "Wrong: ..."), read normalised.
_DISMISSING_LEAD_RE: Final = re.compile(
    r"(?:(?:it is|its|it s) (?:false|not true|untrue|wrong|a myth) that"
    r"|(?:it is |its )?a (?:common )?(?:misconception|myth) that"
    r"|nobody (?:seriously |serious )?(?:believes|thinks|claims)"
    r"|forget the (?:claim|idea|notion)"
    r"|(?:a|the) wrong answer (?:would be|is)"
    r"|(?:the )?exact opposite of)\b"
)
#: ... or typed as a label before it.
_DISMISSING_LABEL_RE: Final = re.compile(r"\s*(?:wrong|false|incorrect|not true|untrue|definitely not)\s*:", re.IGNORECASE)
#: A clause that says the one before it is untrue ("..., but that is a myth", "... - though none of that is
#: true", "... Just kidding"), read normalised.
_DISMISSING_AFTER_RE: Final = re.compile(
    r"\b(?:(?:(?:that|this|which|all of which|all of that|all this|all that|it all)"
    r" (?:is|was|s|has been|have been|turned out to be|is just|is all|was all)|thats|thats all|thats just) (?:(?:totally|completely|all|just|simply) )?"
    r"(?:false|wrong|incorrect|untrue|a myth|not true|debunked|disproven|disproved|outdated|nonsense|made up)"
    r"|none of (?:that|this|these|it|them|those)(?: is| are| was| were)? (?:true|right|correct|holds?|applies|apply|real)"
    r"|just kidding|turned out (?:to be )?(?:false|wrong|untrue|incorrect)"
    r"|(?:the )?opposite is true|(?:works|goes|is) the other way (?:a)?round"
    r"|(?:they|you|people|beginners) (?:are|were) (?:mistaken|wrong)|theyre (?:mistaken|wrong)"
    r"|(?:does|do) not (?:hold|apply)|(?:doesnt|dont) (?:hold|apply))\b"
)
#: A word one of those phrases holds, looked for in the text as typed (lower case) before anything else is read.
_DISMISSING_HINTS: Final = (
    "false", "wrong", "incorrect", "untrue", "not true", "myth", "misconception", "debunk", "disprov", "outdated",
    "nonsense", "made up", "mistaken", "opposite", "other way", "kidding", "nobody", "forget the", "none of",
    "t hold", "t apply", "definitely not",
)


def _dismissing_hint(text: str) -> bool:
    """Whether ``text`` holds a word of ``_DISMISSING_HINTS`` (a plain search, fast on a long answer)."""
    low = text.lower()
    return any(h in low for h in _DISMISSING_HINTS)


#: The words of those phrases that a card may use itself ("a common misconception is that ..."): where the
#: card's text has one, a phrase with it dismisses nothing.
_DISMISSING_WORDS: Final = frozenset(
    "false wrong incorrect untrue myth misconception debunked disproven disproved outdated nonsense opposite mistaken"
    " hold apply kidding".split()
)


def _undismissed(text: str, ctx: Context) -> str | None:
    """The answer without the clauses it says are untrue ("It is false that ...", "..., but that is a myth",
    "... - though none of that is true"), or None where it says no clause is."""
    if not _dismissing_hint(text):
        return None  # (most answers: no word of a dismissal at all)
    parts: list[str] = []
    ends: list[int] = []  # per part, the index after the last part of its sentence
    for sentence in _SENTENCES_RE.split(text):
        pieces = [p for p in _PARTS_RE.split(sentence) if p and p.strip()]
        parts.extend(pieces)
        ends.extend([len(parts)] * len(pieces))
    card = ctx.support.words if ctx.support is not None else frozenset()
    dropped = [False] * len(parts)
    for i, part in enumerate(parts):
        if not _dismissing_hint(part):
            continue
        said = normalise(part)
        lead = _DISMISSING_LEAD_RE.match(said)
        after = None if lead else _DISMISSING_AFTER_RE.search(said)
        found = lead or after
        if found is None and _DISMISSING_LABEL_RE.match(part):
            dropped[i : ends[i]] = [True] * (ends[i] - i)  # "Wrong: ...": the rest of the sentence
            continue
        if found is None or any(w in card for w in found.group(0).split() if w in _DISMISSING_WORDS):
            continue
        if lead is not None:
            dropped[i : ends[i]] = [True] * (ends[i] - i)  # "It is false that ...": the rest of the sentence
            continue
        dropped[i] = True
        if after is None or not i or after.start() > _AFTER_AT:
            continue
        if _DISMISSING_ALL_RE.search(after.group(0)):
            dropped[:i] = [True] * i  # "none of that is true", "just kidding": all said before it
            continue
        # the clause before it ("people say X, but that is a myth"), back to the one that reports what was
        # said ("I used to think A, and B, but that turned out to be false")
        k = i - 1
        while k > 0 and not _REPORTING_RE.search(normalise(parts[k])) and i - k < _REPORTED_PARTS:
            k -= 1
        if not _REPORTING_RE.search(normalise(parts[k])):
            k = i - 1
        dropped[k:i] = [True] * (i - k)
    if not any(dropped):
        return None
    return ". ".join(p.strip() for p, d in zip(parts, dropped, strict=True) if not d)


#: Phrases of ``_DISMISSING_AFTER_RE`` that say all that was said before is untrue.
_DISMISSING_ALL_RE: Final = re.compile(r"\b(?:none of|all of|all this|all that|it all|just kidding|opposite is true)\b")
#: Words that report what someone says or thought ("people say", "I used to think"), opening what a later
#: clause calls untrue.
_REPORTING_RE: Final = re.compile(
    r"\b(?:say|says|said|claim|claims|claimed|think|thinks|thought|believe|believes|believed|would be|used to)\b"
)
#: A clause called untrue reaches back this many clauses at most to the one that reports it.
_REPORTED_PARTS: Final = 4


#: A clause that says the one before it is untrue says so within its first this many characters ("just
#: kidding, none of that is right").
_AFTER_AT: Final = 24


_COMMA_RE: Final = re.compile(r",\s*|\s+\(")
#: Words that open a clause about the things the answer named ("both are regression losses").
_ABOUT_THE_ANSWERS: Final = frozenset({"both", "they", "these", "those", "each", "all", "it", "its", "theyre"})
#: Words after them that say what those things are.
_ARE: Final = frozenset({"are", "is", "were", "was", "re", "s", "being"})
#: A clause about the answer's things is read this far for a word that turns the question's.
_TURN_WORDS: Final = 6


def _turns_the_question(clause: str, question: frozenset[str]) -> bool:
    """A clause about the things the answer named that says them the other side of one of the question's
    words ("both are regression losses" for "Name two loss functions used for classification problems"):
    it opens with "both", "they" or the like, and a word within its first few, not denied, is a qualifier
    whose opposite the question says."""
    toks = analyse_cached(clause)
    if len(toks) < 2 or toks[0].word not in _ABOUT_THE_ANSWERS:
        return False
    rest = toks[1:_TURN_WORDS]
    if rest[0].word not in _ARE and toks[0].word not in ("both", "all", "each"):
        return False
    tabs = tables()
    said = {side for q in question if q in tabs.claim_side_words and (side := tabs.claim_sides.get(stem(q)))}
    for t in rest:
        side = tabs.claim_sides.get(t.stem)
        if side is None or t.neg or t.word not in tabs.claim_side_words or side in said:
            continue
        if any(g == side[0] for g, _k in said):
            return True
    return False


def _qualifiers(question: frozenset[str], support: Support, found: Sequence[re.Pattern[str]]) -> frozenset[str]:
    """The words of the question that may qualify what it asks (``question``), but those of the names of the
    things the key points are said of and of hyphenated words ("training" of "post-training quantization")."""
    text = " ".join(support.statement_texts[: support.asked_statements])
    named: set[str] = set()
    for pattern in found:
        for m in pattern.finditer(text):
            named.update(re.findall(r"[a-z0-9]+", m.group(0)))
    for word in re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)+", text):
        named.update(word.split("-"))
    named |= {stem(w) for w in named}
    return frozenset(q for q in question if q not in named)


#: A clause about one of the answer's things, named, is read this far for a word that turns the question's.
_NAMED_TURN_WORDS: Final = 8


def _named_turns_the_question(clause: str, question: frozenset[str], found: Sequence[re.Pattern[str]]) -> bool:
    """``_turns_the_question`` of a clause that opens with the name of one of the things the key points are
    said of (``support.owners``) and says what it is ("hinge loss is mostly used for linear regression" for
    "Name two loss functions used for classification problems"). A side word that is part of a term the
    field's facts know is that term's side ("logistic regression" is a classification model)."""
    text = normalise(clause).lstrip()
    if text.startswith("the "):
        text = text[4:]
    head = next((m for pattern in found if (m := pattern.match(text)) is not None), None)
    if head is None:
        return False
    toks = analyse_cached(text[head.end() :])
    if not toks or toks[0].word not in _ARE:
        return False
    tabs = tables()
    said = {side for q in question if q in tabs.claim_side_words and (side := tabs.claim_sides.get(stem(q)))}
    asked = {q for q in question if q in tabs.claim_side_words}
    rest = toks[:_NAMED_TURN_WORDS]
    for k, t in enumerate(rest):
        side = tabs.claim_sides.get(t.stem)
        if side is None or t.neg or t.word not in tabs.claim_side_words or side in said:
            continue
        if not any(g == side[0] for g, _k in said):
            continue
        if k and not rest[k - 1].stop:
            # ("logistic regression": the term's facts say which side it is on)
            facts = facts_of((rest[k - 1].stem, t.stem))
            if any(is_ and len(p) == 1 and any(p[0] == stem(q) for q in asked) for p, is_ in facts):
                continue
        return True
    return False


def _unsupported_claim(
    resp: Response, ctx: Context, *, sliced: bool = False, keypoints: Sequence[KeyPoint] = ()
) -> Generator[None, None, str]:
    """The clause of an essay answer that says what the card does not support (``support.unsupported``), as
    typed; "" if none does. Only an answer of up to ``_CLAIMS_WORDS`` words is read, and in it only a clause
    that may say such a thing (``essay_claim_possible``); with ``sliced`` it pauses between the clauses it
    reads."""
    support = ctx.support
    if support is None or not support.explained:
        return ""
    if len(resp.toks) > _CLAIMS_WORDS:
        return ""
    # A sentence of the card typed back with one word turned ("..., and the covariance grows" where the card
    # says it shrinks): weighed across the clauses, which split its words apart; the clause that says it quoted.
    turned = flipped_word(resp.toks, support)
    if turned:
        return next((c.strip() for c in _CLAUSE_RE.split(resp.text) if turned in normalise(c).split()), resp.text.strip())
    found = owners(tuple(tuple(forms[0].display for forms in synonyms if forms) for _name, synonyms in keypoints), support)
    qualifiers = _qualifiers(ctx.question, support, found) if found else frozenset()
    points = tuple(v.display for _name, synonyms in keypoints for forms in synonyms for v in forms[:1])
    for clause in _CLAUSE_RE.split(resp.text):
        if found and swapped_owner(clause, support, found):
            return clause.strip()  # "bagging is inherently sequential" where the card says boosting is
        if any(
            _turns_the_question(part, ctx.question) or (found and _named_turns_the_question(part, qualifiers, found))
            for part in _COMMA_RE.split(clause)
        ):
            return clause.strip()
        if turned_polarity(clause, support, points, found):
            return clause.strip()  # "a SavedModel can't be served without the source code"
        if not essay_claim_possible(clause, support):
            continue
        if sliced:
            yield
        toks = analyse_cached(clause)
        if len(toks) >= 2 and unsupported(
            clause, toks, support, ctx.names, (), essay=True, subjects=ctx.spelled_names, terms=ctx.term_names
        ):
            return clause.strip()
    return ""
