"""The grader's entry points: ``grade`` (one typed answer), ``grade_card`` (a card, either direction) and
``grade_card_async`` (the same for the event loop: long work is sliced so the loop never stalls)."""

from __future__ import annotations

import asyncio
import dataclasses
import functools
import logging
import math
import re
import unicodedata
from collections.abc import Generator, Sequence
from typing import Final

from rapidfuzz.distance import OSA

from bot.core.grading.compiled import (
    Answer,
    CompiledCard,
    cached_card,
    compact_unit,
    compile_card,
    compile_card_steps,
    compile_grading,
    emphasis_of,
    essay_explanation,
    explanation_of,
    extra_answers,
    joined,
)
from bot.core.grading.keypoints import keypoint_verdict
from bot.core.grading.normalise import (
    COMPARE_WORDS,
    FORMULA_LONGEST,
    FUNCTIONS,
    GREEK_NAMES,
    SUPERSCRIPTS,
    clean,
    comparisons,
    formula_pairs,
    formula_signs,
    more_words_than,
    normalise,
)
from bot.core.grading.pause import let_others_run
from bot.core.grading.response import Response
from bot.core.grading.tables import tables
from bot.core.grading.terms import (
    MAX_TERM_WORDS,
    abbreviates,
    acronym_like,
    bare_complexity,
    camel_parts,
    complexities,
    deck_terms,
    is_acronym_of,
)
from bot.core.grading.tokens import (
    Tok,
    accented_slips,
    analyse_cached,
    hedge_items,
    number_slip_in,
    numbered,
    raw_tokens,
    read_tokens,
    tokens_of,
)
from bot.core.grading.typos import fuzzy
from bot.core.grading.variants import phrase_stems
from bot.core.grading.verdicts import (
    SHORT_ANSWER,
    article_slip,
    did_you_mean_verdict,
    judge,
    kind_word,
    may_pass,
    no_answer,
    not_quite,
    rank,
    right,
    second_look,
    side_said,
    without_unsure,
    wrong,
    yes_no_verdict,
)
from bot.core.grading.vocabulary import GENERIC, SAYING_LITTLE, STOP
from bot.core.models import Card, Verdict, VerdictKind, VerdictReason
from bot.core.text import fold, han

log = logging.getLogger(__name__)

#: Answers longer than this are graded in slices by ``grade_card_async`` (a 4,000-character answer takes
#: a few milliseconds; one under 300 characters a few hundred microseconds at most).
SLICE_FROM: Final = 300


#: The longest response compared with the answers' bare names (``CompiledCard.bare``) or read a second time
#: (``_graded``): such answers are a few words.
_BARE_LONGEST: Final = 80


#: Little words that may open an answer made only of little words, or be left off it: the "to" of a verb
#: ("be" for "to be", "be called" for "to be called") and an article ("the one" for "one").
_LEADING_LITTLE: Final = frozenset({"to", "the", "a", "an"})


def _led_alike(said: str, answer: str) -> bool:
    """Whether ``said`` and ``answer`` (normalised, made only of little words) are the same words but for a
    leading "to" or article on either."""
    a, b = said.split(), answer.split()
    if len(a) + 1 == len(b):
        return b[0] in _LEADING_LITTLE and a == b[1:]
    return len(b) + 1 == len(a) and a[0] in _LEADING_LITTLE and a[1:] == b


def _little_only(answer: Answer) -> bool:
    """Whether ``answer`` is made only of little words ("to be called")."""
    return all(t.stop for v in answer.forms for t in v.toks)


def _some_words_of(said: str, answer: str) -> bool:
    """Whether ``said`` (normalised) is some of the words of ``answer``, more than a leading "to" or article."""
    words = set(said.split())
    return bool(words - _LEADING_LITTLE) and words <= set(answer.split())


def _little_said(toks: Sequence[Tok], answers: Sequence[Answer]) -> str:
    """The accepted answer a response made only of little words says by the stems of its words ("thanks" for
    "thank you", whose "thank" is its one word that is no little word), the little words of the answer and a
    leading "to" or article aside; "" for none."""
    for a in answers:
        own = _LEADING_LITTLE.union(a.norm.split())
        said = {t.stem for t in toks if t.word not in own}
        if said and any(said == {t.stem for t in v.toks if not t.stop} for v in a.forms):
            return a.display
    return ""


def _saying_little(toks: Sequence[Tok]) -> bool:
    """Whether a response made only of little words says something alone (``SAYING_LITTLE``: "being",
    "pretty", "very pretty", "to being"), where other little words are talk ("um", "the", "it is")."""
    return any(t.word in SAYING_LITTLE for t in toks) and all(
        t.word in SAYING_LITTLE or t.word in _LEADING_LITTLE for t in toks
    )


def _tuple(value: Sequence[str] | str) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


def grade(
    response: str,
    *,
    accept: Sequence[str] = (),
    reject: Sequence[str] = (),
    keypoints: Sequence[str] = (),
    aliases: Sequence[str] = (),
    term: str | None = None,
    question: str | None = None,
    answer: str | None = None,
) -> Verdict:
    """Judge one typed answer against a card's accepted answers (or key points for an essay card).

    ``accept``: accepted answers (any one is right). ``reject``: known wrong answers. ``keypoints``:
    for essay cards, points with " | "-separated synonyms. ``term``/``aliases``: the card's names; they
    are accepted when ``accept`` is empty or names the term, and are never held against the player,
    nor are words from ``question``. ``answer``: the card's answer text as the deck writes it (markdown
    allowed), graded as ``grade_card`` grades a card's: without ``accept`` and ``keypoints`` it is the
    accepted answer; beside accepted answers it explains them, and a remark after a right answer may not
    contradict it ("a Bayesian network, whose edges are undirected" where it speaks of directed edges).
    Raises ``ValueError`` when there is nothing to grade against. What does not depend on the response
    is compiled once and cached (``compile_grading``).
    """
    accepted, points = _tuple(accept), _tuple(keypoints)
    explanation = None
    emphasis: tuple[str, ...] = ()
    if answer and answer.strip() and not points:
        accepted = accepted or (answer,)
        explanation = explanation_of(answer, accepted)
        emphasis = emphasis_of(answer) if explanation else ()
    elif answer and answer.strip():
        explanation = essay_explanation(answer, points)  # what a claim beside the key points may not contradict
    compiled = compile_grading(
        accepted, _tuple(reject), points, _tuple(aliases), term, question, explanation, emphasis
    )
    return grade_compiled(compiled, response)


def grade_compiled(compiled: CompiledCard, response: str) -> Verdict:
    """Judge one typed answer against compiled grading data."""
    # (Without extra answers, ``_grading`` only passes ``_graded`` on: the generator is run directly.)
    steps = _graded(compiled, response, sliced=False) if compiled.extra is None else _grading(compiled, response, sliced=False)
    try:
        next(steps)
    except StopIteration as done:
        verdict: Verdict = done.value
        return _noted(compiled, response, verdict)
    raise RuntimeError("grading paused without being sliced")  # pragma: no cover


def _other_ideographs(compiled: CompiledCard, response: str, verdict: Verdict) -> bool:
    """A right answer written in Han ideographs that writes none of the answers written in them: another word read
    the same way ("死" for "四", "妈" for "马": the grader reads ideographs by their sound, without tones). A
    traditional form is its simplified one ("東京" for "东京"); a reading typed in Latin letters is not looked at."""
    said = han(response)
    if not said or compiled.keypoints:
        return False
    if verdict.matched:
        # (the answer it matched, when written in ideographs; one in Latin letters, "Transformer" of "Transformer
        # 模型", says nothing of them)
        meant = han(verdict.matched)
        return bool(meant) and meant not in said
    answers = (*compiled.answers, *(compiled.extra.answers if compiled.extra is not None else ()))
    found = {han(a.display) for a in answers} - {""}
    return bool(found) and not any(m in said for m in found)


#: A response of more words than this is not searched for the words a verdict quotes as typed (``_as_typed``).
_QUOTED_FROM_WORDS: Final = 80


def _as_typed(response: str, typed: str) -> str:
    """The words of ``response`` a verdict quotes (``typed``: the grader's folded reading of them), as the player
    typed them: "العربية", not the "rbyh" it is read as. ``typed`` itself when no run of the response's words reads
    so (or the response is long)."""
    words = response.split()
    if len(words) > _QUOTED_FROM_WORDS:
        return typed
    wanted = fold(typed)
    if not wanted:
        return typed
    parts = wanted.split()
    found = ""
    for size in range(1, len(words) + 1):
        for start in range(len(words) - size + 1):
            read = fold(" ".join(words[start : start + size]))
            if read == wanted:
                return " ".join(words[start : start + size]).strip(" ,;:.!?()[]{}\"'")
            # (or the fewest words whose reading holds it: "العربية" is read "l rbyh", quoted "rbyh")
            said = read.split()
            if not found and any(said[k : k + len(parts)] == parts for k in range(len(said) - len(parts) + 1)):
                found = " ".join(words[start : start + size]).strip(" ,;:.!?()[]{}\"'")
    return found or typed


def _noted(compiled: CompiledCard, response: str, verdict: Verdict) -> Verdict:
    """``_noted_verdict``, quoting what the player typed in their own script (``_as_typed``)."""
    verdict = _noted_verdict(compiled, response, verdict)
    if verdict.typed and not response.isascii():
        typed = _as_typed(response, verdict.typed)
        if typed != verdict.typed:
            verdict = dataclasses.replace(verdict, typed=typed)
    return verdict


def _noted_verdict(compiled: CompiledCard, response: str, verdict: Verdict) -> Verdict:
    """``verdict``, but a right answer that misspells a number word ("ninty-five percent") is right with its
    spelling noted, as a typo of another word is (in an answer of up to ``_CORRECTED_LONGEST`` characters:
    a long one is not read again for a note); and a right answer whose formula joins its terms with other
    signs than the answer's is wrong ("n + 1" for "n - 1": the words and numbers are the same)."""
    if _other_signs(compiled, response, verdict):
        return not_quite()
    if verdict.kind is VerdictKind.CORRECT and _other_ideographs(compiled, response, verdict):
        return not_quite()  # "死" for "四": another word, though both are read "si"
    if verdict.reason is VerdictReason.PARTIAL_LIST and not compiled.keypoints and (
        _formula_answers(compiled) or _joined_names(compiled)
    ):
        return not_quite()  # "n" for "n - 1": a formula's terms are no items of a list; nor the parts of one name
    if verdict.kind is not VerdictKind.CORRECT and not compiled.keypoints and _THAN_RE.search(response):
        compared = _compared_in_words(compiled, response)
        if compared is not None:
            return compared
    timed = _same_time(compiled, response, verdict)
    if timed is not None:
        return timed
    if (
        verdict.reason is VerdictReason.CORRECT
        and len(response) <= _CORRECTED_LONGEST
        and not compiled.keypoints
        and number_slip_in(response, compiled.slips)
    ):
        return right(verdict.matched, 0.9, VerdictReason.SPELLING)
    return verdict


#: A span of time: a number and its unit ("100 ms", "3 days", "5 μs").
_TIME_RE: Final = re.compile(
    r"(?<![\w.])(\d+(?:\.\d+)?)\s*(ns|nanoseconds?|[μµu]s|microseconds?|ms|milliseconds?|s|secs?|seconds?|mins?|minutes?"
    r"|h|hrs?|hours?|days?|weeks?|years?)(?![\w])",
    re.IGNORECASE,
)
#: A response that is a span of time and nothing else ("72 hours", "about 3 days").
_TIME_ALONE_RE: Final = re.compile(
    r"^\s*(?:(?:about|around|roughly|approximately|~)\s*)?" + _TIME_RE.pattern + r"\s*[.!]?\s*$", re.IGNORECASE
)
#: Seconds per unit of time, by the unit's first letters as ``_TIME_RE`` finds them (lower case).
_SECONDS: Final = {
    "ns": 1e-9, "nanosecond": 1e-9, "nanoseconds": 1e-9, "μs": 1e-6, "µs": 1e-6, "us": 1e-6, "microsecond": 1e-6,
    "microseconds": 1e-6, "ms": 1e-3, "millisecond": 1e-3, "milliseconds": 1e-3, "s": 1.0, "sec": 1.0, "secs": 1.0,
    "second": 1.0, "seconds": 1.0, "min": 60.0, "mins": 60.0, "minute": 60.0, "minutes": 60.0, "h": 3600.0,
    "hr": 3600.0, "hrs": 3600.0, "hour": 3600.0, "hours": 3600.0, "day": 86400.0, "days": 86400.0,
    "week": 604800.0, "weeks": 604800.0, "year": 31557600.0, "years": 31557600.0,
}  # fmt: skip
#: A response of up to this many characters has its span of time weighed (``_same_time``).
_TIMED_LONGEST: Final = 40


def _time_of(text: str) -> tuple[str, float] | None:
    """The one span of time ``text`` says, as (its number as written, in seconds), or None (none, or more than
    one)."""
    found = _TIME_RE.findall(text)
    if len(found) != 1:
        return None
    number, unit = found[0]
    return number, float(number) * _SECONDS[unit.lower()]


def _same_time(compiled: CompiledCard, response: str, verdict: Verdict) -> Verdict | None:
    """A span of time said in another unit than the answer's: right when it is the same span ("72 hours" for
    "3 days"), wrong when it is the answer's number of another unit ("100 s" for "100 ms", "5 ns" for "5 ms");
    None when the response says no span of time, or the verdict stands (a number rounded where the card asks
    for a rough one is weighed as numbers are)."""
    if len(response) > _TIMED_LONGEST or compiled.keypoints or verdict.kind is VerdictKind.EMPTY:
        return None
    said = _time_of(response)
    if said is None:
        return None
    for a in compiled.answers:
        asked = _time_of(a.display)
        if asked is None:
            continue
        if math.isclose(said[1], asked[1], rel_tol=1e-9):
            # (right when the span is all the response says: "72 hours", not "72 hours or a week"; and not the
            # question's own span, "3 days" for "How many hours are in 3 days?")
            alone = _TIME_ALONE_RE.match(response) is not None and said[0] not in compiled.ctx.question
            return verdict if verdict.kind is VerdictKind.CORRECT or not alone else right(a.display)
        if verdict.kind is VerdictKind.CORRECT and verdict.matched == a.display and float(said[0]) == float(asked[0]):
            return not_quite()  # the same number of another unit
    return None


#: A mark or a word of a formula: a text without one joins no terms (``_other_signs``).
_FORMULA_RE: Final = re.compile(
    r"[-+/^|<>=≤≥≠−–×·⋅]|(?<=[\w)])\s*\*(?!\*)|minus|plus|over|than|times|divided|squared|cubed|power", re.IGNORECASE
)
#: A product's mark between two terms ("n × d", "a·b", "n * d", "n times d"; not markdown's "**bold**").
_PRODUCT_RE: Final = re.compile(r"[×·⋅∙]|(?<=[\w)])\s*\*(?!\*)\s*(?=[\w(])|\btimes\b", re.IGNORECASE)
#: A response of up to this many characters has the signs of its formula weighed (``_other_signs``).
_SIGNED_LONGEST: Final = 120


def _other_signs(compiled: CompiledCard, response: str, verdict: Verdict) -> bool:
    """Whether a right ``verdict`` joins the terms of a formula with other plus and minus signs than the
    answer it matched ("n + 1", "1 + tanh^2 x", "p(1+p)" for "n - 1", "1 - tanh^2 x", "p(1 - p)";
    ``formula_signs``), and no other accepted answer has the signs said. Both must have signs: a response
    with none leaves one out or writes the formula otherwise, and so may an answer."""
    if verdict.kind is not VerdictKind.CORRECT or not verdict.matched or compiled.keypoints:
        return False
    if len(response) > _SIGNED_LONGEST or len(verdict.matched) > _SIGNED_LONGEST:
        return False
    if _factors_turned(compiled, response):
        return True
    if not _FORMULA_RE.search(verdict.matched):
        return False  # (an answer with no mark nor word of a formula: nothing to weigh)
    if _terms_turned(verdict.matched, response) or _power_left_out(verdict.matched, response):
        return True
    if _compared_otherwise(verdict.matched, response):
        return True
    said = sorted(formula_signs(response))
    want = sorted(formula_signs(verdict.matched))
    if said and not want and _PRODUCT_RE.search(verdict.matched) and not _PRODUCT_RE.search(response):
        # "n + d" or "n - d" for "n × d": the terms added where the answer multiplies them (the words of both,
        # without their marks, are the same)
        return not any(sorted(formula_signs(a.display)) == said for a in compiled.answers)
    if want and not said and not _SIGN_SAID_RE.search(response):
        return not any(not formula_signs(a.display) for a in compiled.answers)  # "n 1" for "n - 1": no sign at all
    if not said or not want or said == want or len(said) > len(want):
        # (a hyphen read as a sign: "L-2", "b-e-r-t", is no other sign; the terms in another order,
        # "V + F - E = 2", have the same signs; more signs than the answer's say more than it)
        return False
    return not any(sorted(formula_signs(a.display)) == said for a in compiled.answers)


#: Numbers multiplied, once ``clean`` has read the product's mark ("1920x1080", "1920 × 1080": "1920 * 1080").
_NUMBER_PRODUCT_RE: Final = re.compile(r"(?<![\w.])\d+(?:\.\d+)?(?:\s*\*\s*\d+(?:\.\d+)?)+(?![\w.^])")
_TIMES_RE: Final = re.compile(r"\s*\*\s*")


def _number_products(text: str) -> set[tuple[str, ...]]:
    """The factors of each product of numbers in ``text`` ("1920x1080": {("1920", "1080")})."""
    return {tuple(_TIMES_RE.split(m.group())) for m in _NUMBER_PRODUCT_RE.finditer(clean(text))}


def _factors_turned(compiled: CompiledCard, response: str) -> bool:
    """Whether ``response`` multiplies the numbers an accepted answer multiplies in another order, as no accepted
    answer does ("1080x1920", "5 x 3" for "1920x1080", "3 × 5"): the sides of a resolution or a shape, like
    "C x H x W" for "H x W x C", are not each other's."""
    if "*" not in clean(response):
        return False
    said = _number_products(response)
    if not said:
        return False
    answers: set[tuple[str, ...]] = set()
    for a in compiled.answers:
        answers |= _number_products(a.display)
    return any(
        factors not in answers and any(sorted(factors) == sorted(a) for a in answers) for factors in said
    )


#: A plus or minus sign, or a word that says one: a response with none leaves the answer's signs out.
_SIGN_SAID_RE: Final = re.compile(r"[-+\u2212\u2013\u2014]|\b(?:minus|plus|negative|less|more|subtract|add)", re.IGNORECASE)
#: A power of a letter, a Greek letter or a bracket: "^" or "**", a superscript, "squared", "cubed", a root.
_POWER_OF_TERM_RE: Final = re.compile(
    r"[A-Za-z\u0370-\u03ff)]\s*(?:\^|\*\*|[\u00b2\u00b3\u2074-\u2079])|\b(?:squared|cubed|sqrt|root)|\bpower|\u221a",
    re.IGNORECASE,
)
#: A power written without its mark: a number right after a letter ("πr2", "x 2").
_BARE_POWER_RE: Final = re.compile(r"[A-Za-z\u0370-\u03ff)]\s?\d")


def _power_left_out(answer: str, response: str) -> bool:
    """Whether ``answer``, a formula, raises a term to a power ("πr^2", "x²") and ``response`` says no power at
    all but has the power's number as a factor ("2πr", "2 pi r"): the same letters and numbers, another
    formula. A number written right after a letter ("πr2") is the power without its mark."""
    if len(answer) > FORMULA_LONGEST or not _POWER_MARK_RE.search(answer):
        return False  # (not "R squared", a name)
    if not all(_formula_term(w.lower()) for w in _WORD_RE.findall(answer)):
        return False  # a name with a power in it
    if _POWER_OF_TERM_RE.search(response) or _BARE_POWER_RE.search(response):
        return False
    # the power's number said as a factor ("2πr"): a response that leaves it out says less, which the words weigh
    powers = {(mark or high).translate(SUPERSCRIPTS) for mark, high in _POWER_NUMBER_RE.findall(answer)}
    return any(re.search(rf"(?<![\d.]){p}(?![\d.])", response) for p in powers)


#: The whole number a power raises to ("^2", "**3", "²"), and superscript digits as digits.
_POWER_NUMBER_RE: Final = re.compile(r"(?:\^|\*\*)\s*(\d+)(?![\d./])|([\u00b2\u00b3\u2074-\u2079]+)")


#: A power's mark after a letter, a Greek letter or a bracket, a whole number after it: "^2", "**3", "²" (not
#: "^0.5", a root).
_POWER_MARK_RE: Final = re.compile(r"[A-Za-z\u0370-\u03ff)]\s*(?:(?:\^|\*\*)\s*\d(?![\d./])|[\u00b2\u00b3\u2074-\u2079])")
#: The word of a comparison said in words ("greater than", "less than").
_THAN_RE: Final = re.compile(r"\bthan\b", re.IGNORECASE)
#: What a comparison said in words may have around it: "when x is greater than 0", "for x greater than 0".
_COMPARED_AROUND_RE: Final = re.compile(r"^(?:\s|\b(?:when|whenever|if|for|where|is|its|it is|all|any)\b|[.,!])*$", re.IGNORECASE)
#: A response of up to this many characters may say a comparison in words (``_compared_in_words``).
_COMPARED_LONGEST: Final = 60


#: A name whose parts marks join inside a word: a dotted name in code ("tf.train.Checkpoint"), or two words joined
#: by a slash before the noun they both qualify ("key/value cache").
_JOINED_NAME_RE: Final = re.compile(r"[^\W\d_]{2}\.[^\W\d_]{2}|[^\W\d_]/[^\W\d_]+\s+[^\W\d_]")
#: What a list answer is written with, besides a slash: a comma, a semicolon, "&", "and", "or", a spaced mark.
_LIST_RE: Final = re.compile(r"[,;&+|]|\s[-/+]\s|\s(?:and|or|plus|vs\.?|versus)\s", re.IGNORECASE)


def _joined_names(compiled: CompiledCard) -> bool:
    """Whether the card's answers that the words read as lists are all one name whose parts marks join inside a
    word ("tf.train.Checkpoint", "key/value cache"), and none is a list: "training" for "checkpoint" is not one
    of three parts of the answer (its aliases' dotted name)."""
    return any(_JOINED_NAME_RE.search(a.display) for a in compiled.answers) and not any(
        _LIST_RE.search(a.display) for a in compiled.answers
    )


def _formula_answers(compiled: CompiledCard) -> bool:
    """Whether every accepted answer is a formula whose terms a sign or a division joins ("n - 1", "1 - p",
    "sigma / sqrt(n)"): its terms, which the words read as a list's items, are none."""
    return all(len(a.display) <= FORMULA_LONGEST and _joins_terms(a.display) for a in compiled.answers)


def _joins_terms(text: str) -> bool:
    """Whether ``text`` is a formula that joins its terms with a sign or divides them ("n - 1", "sigma / sqrt(n)";
    not "TCP/IP", whose words are names)."""
    if formula_signs(text):
        return True
    return any(
        mark == "/" and _formula_term(first) and _formula_term(second) for first, mark, second in formula_pairs(text)
    )


def _compared_in_words(compiled: CompiledCard, response: str) -> Verdict | None:
    """A comparison said in words that the answer makes with marks, and nothing else: "x is greater than or equal
    to 0" for "x >= 0" is right (the words are not the answer's, the comparison is). None when it is not one."""
    if len(response) > _COMPARED_LONGEST:
        return None
    said = comparisons(response)
    if not said:
        return None
    rest = _COMPARE_SAID_RE.sub(" ", _COMPARE_IN_WORDS_RE.sub(" ", response))
    if not _COMPARED_AROUND_RE.match(rest):
        return None  # (more than the comparison: "x greater than 0, or equal to 1")
    for a in compiled.answers:
        if comparisons(a.display) == said:
            return right(a.display)
    return None


#: A comparison in words, and the two terms it compares (``comparisons`` reads them).
_COMPARE_IN_WORDS_RE: Final = re.compile(r"[\w.^()]+\s+(?:is\s+)?(?:" + COMPARE_WORDS + r")\s+-?[\w.()]+", re.IGNORECASE)
_COMPARE_SAID_RE: Final = re.compile(r"[\w.^()]+\s*(?:<=|>=|!=|<|>|=|\u2264|\u2265|\u2260)\s*-?[\w.()]+")


def _compared_otherwise(answer: str, response: str) -> bool:
    """Whether ``response`` compares two terms ``answer`` compares, the other way ("x <= 0" or "x < 0" for
    "x >= 0"; ``comparisons``), and never as the answer does."""
    said = comparisons(response)
    if not said:
        return False
    for smaller, mark, larger in comparisons(answer):
        if (smaller, mark, larger) in said:
            continue
        for a, other, b in said:
            if {a, b} != {smaller, larger}:
                continue
            # ("n >= 30" for "n > 30" compares the same way; "x <= 0" for "x >= 0", "x = 0" for "x != 0" do not)
            same_way = (a, b) == (smaller, larger) and _COMPARED_WAY.get(other) == _COMPARED_WAY.get(mark)
            if not same_way:
                return True
    return False


#: Comparisons that say the same way round, strict or not.
_COMPARED_WAY: Final = {"<": "<", "<=": "<", "=": "=", "!=": "!="}


def _terms_turned(answer: str, response: str) -> bool:
    """Whether ``response`` joins two terms that ``answer`` (a formula with "/" or "^") divides or raises the
    other way round ("b/a" for "a/b", "n^2" for "2^n", "(1-p)/p" for "p/(1-p)"), or multiplies two it divides
    ("sigma*sqrt(n)", "sigma sqrt n" for "sigma/sqrt(n)"), or conditions them the other way round ("P(B|A)" for
    "P(A|B)"), and never as the answer does."""
    if len(answer) > FORMULA_LONGEST or ("/" not in answer and "^" not in answer and "|" not in answer):
        return False
    if not all(_formula_term(w.lower()) for w in _WORD_RE.findall(answer)):
        return False  # a name with a formula in it ("A/B testing"): its words are said any way
    said = formula_pairs(response)
    if not said:
        return False
    pairs = formula_pairs(answer)
    for first, mark, second in pairs:
        if mark == "*" or (first, mark, second) in said or (second, mark, first) in pairs:
            continue  # (Bayes' theorem holds "P(A|B)" and "P(B|A)" both)
        if not (_formula_term(first) and _formula_term(second)):
            continue  # words: "TCP IP" for "TCP/IP", "precision recall"
        if (second, mark, first) in said or (mark == "/" and (first, "*", second) in said):
            return True
    return False


#: A word of three letters or more.
_WORD_RE: Final = re.compile(r"[A-Za-z]{3,}")


def _formula_term(term: str) -> bool:
    """Whether a term of ``formula_pairs`` is a formula's (a number, a variable of a letter or two, a Greek
    letter, a function of something, a bracket with marks), not a word ("tcp", "precision")."""
    return (
        len(term) <= 2
        or term.replace(".", "").isdigit()
        or term in GREEK_NAMES
        or any(term.startswith(f) for f in FUNCTIONS)
        or any(c in term for c in "+-*/^|")
    )


def _grading(compiled: CompiledCard, response: str, *, sliced: bool) -> Generator[None, None, Verdict]:
    """``_graded``, then a server's extra answers of an essay card when the key points fell short."""
    verdict = yield from _graded(compiled, response, sliced=sliced)
    if compiled.extra is not None and verdict.kind is not VerdictKind.CORRECT:
        other = yield from _graded(compiled.extra, response, sliced=sliced)
        if other.kind is VerdictKind.CORRECT:
            return other
    return verdict


def _graded(compiled: CompiledCard, response: str, *, sliced: bool) -> Generator[None, None, Verdict]:
    """``_read``, but a right answer offered beside another name made on its words or letters is a hedge
    (``_second_answer``)."""
    verdict = yield from _read(compiled, response, sliced=sliced)
    if verdict.kind is VerdictKind.CORRECT and not compiled.keypoints and not compiled.polar and len(response) <= _LISTED_LONGEST:
        other = yield from _second_answer(compiled, response, sliced=sliced)
        if other:
            return wrong(VerdictReason.HEDGED, other)
        same = yield from _said_the_same(compiled, response, sliced=sliced)
        if same:
            return wrong(VerdictReason.NEAR_MISS, same, verdict.matched)
    return verdict


def _read(compiled: CompiledCard, response: str, *, sliced: bool) -> Generator[None, None, Verdict]:
    """``_judged``, then, for a response it does not find right, three second readings: an accepted
    answer typed with other breaks between the same letters ("word 2 vec", "A U" for "Au"), two accepted names
    of the answer offered together ("average pooling / mean pooling": the second is no other answer when
    it is right alone too), and a number followed by the unit the question asks it in ("9.81 m/s²" asked
    "…, in m/s²?"), graded without the unit."""
    if not compiled.keypoints and len(response) <= _CORRECTED_LONGEST:
        taken_back, hedged = _retraction(response)
        if taken_back and compiled.polar and _STATEMENT_JUDGED_RE.match(response):
            taken_back = ""  # ("no, that's not right": the statement asked is judged, not the "no" taken back)
        if taken_back:
            # "lasso is wrong", "lasso... just kidding", "anything but lasso", "lasso, or not": the answer taken
            # back (or left open) is not given
            said = yield from _judged(compiled, taken_back, sliced=sliced)
            if said.kind is VerdictKind.CORRECT:
                if hedged:
                    return wrong(VerdictReason.HEDGED, typed=response.strip())
                return wrong(VerdictReason.NEGATED, expected=said.matched)
        against = _set_against(compiled, response)
        if against:
            # "random forest, not bagged decision trees", "t-SNE, unlike SNE": the answer set against a rejected
            # one, by name and nothing more
            said = yield from _judged(compiled, against, sliced=sliced)
            if said.kind is VerdictKind.CORRECT:
                return said
        corrected, remark = _correction(response)
        if corrected:
            # "RMSProp - actually Adam", "Adam (I mean skip-gram)": the answer the player corrected to is theirs
            other = yield from _judged(compiled, corrected, sliced=sliced)
            if (
                other.kind is VerdictKind.CORRECT
                or (
                    not remark
                    and (other.reason in _NAMING_REASONS or _names_a_term(corrected) or _says_another_thing(compiled, corrected))
                )
                # "yes, I mean no", "no but actually yes": the side corrected to
                or (compiled.polar and _a_side(corrected))
            ):
                return other
    verdict = yield from _judged(compiled, response, sliced=sliced)
    if verdict.kind is not VerdictKind.CORRECT and not compiled.keypoints and len(response) <= _CORRECTED_LONGEST:
        plain = without_chatter(response, polar=bool(compiled.polar or compiled.side))
        if plain != response:
            # "Hmm, mode collapse", "Oh I know this one, Adam", "yes, no doubt": the answer without the talk
            other = yield from _judged(compiled, plain, sliced=sliced)
            if other.kind is VerdictKind.CORRECT:
                return other
    if verdict.kind is VerdictKind.CORRECT or len(response) > _BARE_LONGEST:
        return verdict
    if (
        verdict.kind is not VerdictKind.EMPTY
        # (a name run together, not a number without its sign: "273.15" is no "-273.15")
        and ("minus" in normalise(response).split() or not any("minus" in a.norm.split() for a in compiled.answers))
        and joined(response.strip().rstrip(".!")) in compiled.joined
    ):
        return right(_joined_answer(compiled, response), 1.0, VerdictReason.SPELLING)
    if verdict.reason in _TWO_NAMES and verdict.typed and not compiled.polar:
        other = yield from _judged(compiled, verdict.typed, sliced=sliced)
        if other.kind is VerdictKind.CORRECT:
            return other
    parts = _NAMES_SPLIT_RE.split(response.strip())
    if (
        len(parts) == 2
        and all(parts)
        and all(len(part.split()) <= _NAME_WORDS for part in parts)
        and all(joined(_ARTICLE_RE.sub("", part)) in compiled.joined for part in parts)  # (each said as written)
        and not _NEGATED_RE.search(response)  # ("not directed or undirected" is neither)
        and not compiled.polar
        and verdict.kind is not VerdictKind.EMPTY
    ):
        # two names of the answer, each written as the card writes it and right alone ("belief network / bayes net")
        first = yield from _judged(compiled, parts[0], sliced=sliced)
        if first.kind is VerdictKind.CORRECT:
            second = yield from _judged(compiled, parts[1], sliced=sliced)
            if second.kind is VerdictKind.CORRECT:
                return first
    if compiled.units:
        number = _without_unit(response, compiled.units, compiled.ctx.question)
        if number:
            other = yield from _judged(compiled, number, sliced=sliced)
            if other.kind is VerdictKind.CORRECT:
                return other
    return verdict


#: Where the items of a short response part: a comma, a slash, "&", "+", and the words that join a second thing
#: to the first. (Not a semicolon nor a dash: in answers they set a remark after the answer far more often than
#: a second answer.)
_ITEMS_RE: Final = re.compile(
    r"(\s*(?:,(?!\d{3}\b)|&|(?<=[^\W\d_]{2})[/+](?=[^\W\d_]{2})"
    r"|\s[/+]\s)\s*|\s+(?:and|or|plus|as\s+well\s+as|vs\.?|versus)\s+)",
    re.IGNORECASE,
)
#: What offers an item as an alternative to another: "or", "/", "vs", "maybe", "it might be".
_ALTERNATIVE_RE: Final = re.compile(
    r"\bor\b|/|\bvs\b|\bversus\b|\bmaybe\b|\bperhaps\b|\bpossibly\b|\bprobably\b|\beither\b|\belse\b"
    r"|\balternatively\b|\botherwise\b|\b(?:might|could|may) be\b",
    re.IGNORECASE,
)
#: Words that offer an item, before it ("or else X", "maybe X", "though it might be X", "also X").
_OFFERING_LEAD_RE: Final = re.compile(
    r"^(?:(?:and|or|maybe|perhaps|possibly|probably|else|either|even|alternatively|otherwise|though|although"
    r"|also(?!\s+(?:called|known|named|termed)))\b[\s,]*)+(?:(?:it|that)\s+(?:might|could|may)\s+be\s+)?",
    re.IGNORECASE,
)
#: Words that make an item a remark about the answer, not a second name offered beside it ("which ...", "it
#: is ...", "a cheaper ...", "only ...", "e.g. ...").
_REMARK_WORDS: Final = frozenset(
    """which that who whose where when while it its it's is are was were be been has have had does do did can
    cannot could will would should may might must uses use used using gives makes make helps help because since
    so as than not no never but like such eg ie e.g i.e called known aka without only just usually often
    typically mostly mainly generally always bigger smaller larger higher lower stronger weaker more less fewer
    faster slower cheaper better worse you we they i he she them us your our their""".split()
)
#: Words an item may not open with to be a name: an article of a description, a preposition.
_REMARK_FIRST: Final = frozenset(
    """a an to for in on at by from into via against over under per after before during through about within
    between toward towards with until unless if then""".split()
)


def _asked_acronyms(compiled: CompiledCard) -> tuple[str, ...]:
    """The acronyms the question or the accepted answers say ("What does CNN stand for?"): words of the question
    the shipped table knows as acronyms or that abbreviate an accepted answer, and answers written as one."""
    answers = tuple(a.norm for a in compiled.answers if a.forms)
    written = tuple(a.norm for a in compiled.answers if acronym_like(a.display))
    return _acronyms_of(compiled.ctx.question, answers, written)


@functools.lru_cache(maxsize=4096)
def _acronyms_of(question: frozenset[str], answers: tuple[str, ...], written: tuple[str, ...]) -> tuple[str, ...]:
    """``_asked_acronyms`` of a question's words, the accepted answers and those written as acronyms."""
    known = tables().acronyms
    found = {
        w
        for w in question
        if w in known or (w.isalpha() and 2 <= len(w) <= 8 and any(is_acronym_of(w, a) for a in answers))
    }
    return tuple(sorted(found | set(written)))


#: Examples, glosses, denials and corrections: "e.g.", "i.e.", "etc.", "a.k.a.", "not ...", "the opposite of",
#: "sorry, ..."; and "one" standing for the answer ("the L2 one").
_EXAMPLE_RE: Final = re.compile(
    r"\b(?:e\.\s?g|i\.\s?e|etc|a\.k\.a|viz|not|no|never|nor|neither|unlike|instead|rather|named (?:after|by|for)"
    r"|(?:kind|type|form|sort|version|variant|example|instance|case|opposite) of|sorry|actually|i mean|oops|correction"
    r"|scratch that|wait|in contrast|compared|contrary)\b|n't\b|\bones?\b(?!-)",
    re.IGNORECASE,
)
#: The longest response read for names listed beside the answer (``_second_answer``): four names of six words.
_LISTED_LONGEST: Final = 160
#: An item that offers every other one ("..., SNE or both").
_ALL_OF_THEM: Final = frozenset(
    {"both", "either", "all", "any", "both of them", "all of them", "either one", "any of them"}
)
#: The most words of an item read as a second name offered beside the answer.
_SECOND_NAME_WORDS: Final = 6


@functools.lru_cache(maxsize=4096)
def _parted(answer: str) -> bool:
    """Whether an accepted answer has two parts of words where ``_ITEMS_RE`` parts a response ("encoders and
    decoders", "independent and identically distributed"; not "CLIP ViT-L/14")."""
    return sum(bool(re.search(r"[^\W\d_]{2}", p)) for p in _ITEMS_RE.split(answer)[::2]) > 1


@functools.lru_cache(maxsize=4096)
def _initials_of(text: str) -> frozenset[str]:
    """The first letters of the words of ``text``, with and without its little words ("cable news network":
    cnn; "contrastive learning for image prediction": clip, clfip), for two words or more."""
    toks = [t for t in analyse_cached(text) if t.word[:1].isalpha()]
    if len(toks) < 2:
        return frozenset()
    return frozenset({"".join(t.word[0] for t in toks), "".join(t.word[0] for t in toks if not t.stop)})


def _sub_name(compiled: CompiledCard, part: str) -> bool:
    """Whether ``part`` is a known term of the field written inside an accepted answer's name, not that name
    ("Adam" in "AdamW", "MSE" in "RMSE", "GAN" in "Wasserstein GAN")."""
    said = joined(part)
    return (
        len(said) >= 2
        and normalise(part) in compiled.ctx.known
        and not all(w in compiled.ctx.question for w in normalise(part).split())  # ("PCA" of "What does PCA ...")
        and any(said in a and said != a for a in compiled.joined)
    )


def _second_answer(compiled: CompiledCard, response: str, *, sliced: bool) -> Generator[None, None, str]:
    """A second name offered beside a right answer in a short response, made on the words of one of the answer's
    forms but naming something else ("k-means, c-means", "ridge and bridge regression", "PPO or policy proximal
    optimization", "analysis of variance and analysis of covariance"): the player listed variants, one of which
    is right. The item as typed, or "". Not where a card's answer is itself a list, nor where an item reads as a
    remark ("sparse, only a few experts", "a checkpoint, to resume training").
    """
    parts = _listed_items(without_chatter(response))
    if not 2 <= len(parts) <= 4 or any(_parted(a.display) for a in compiled.answers):
        return ""  # (a list answer, "encoders and decoders"; a name with "and" in it, "independent and identically ...")
    items = _named_items(compiled, parts)
    if not items:
        return ""
    verdicts = []
    for part, _alternative, _stems in items:
        alone = yield from _judged(compiled, part, sliced=sliced)
        verdicts.append(alone.kind)
    rights = [k for k, kind in enumerate(verdicts) if kind is VerdictKind.CORRECT]
    if not rights:
        return ""
    for k, (part, alternative, stems) in enumerate(items):
        if verdicts[k] in (VerdictKind.CORRECT, VerdictKind.EMPTY) or not stems or _own_names(compiled, stems):
            continue
        # offered in place of a right one: "adamw, or Adam", "Adam or adamw", "t-SNE, SNE or both"
        beside = (alternative and k - 1 in rights) or (k + 1 < len(items) and items[k + 1][1] and k + 1 in rights)
        if beside or _another_thing(compiled, part, stems, verdicts[k]):
            return part
    return ""


def _own_names(compiled: CompiledCard, stems: list[str]) -> bool:
    """A person's names in another order, where "who" asks for one ("Hinton, Geoffrey or Prof. Hinton")."""
    return "who" in compiled.ctx.question and all(s in compiled.ctx.names or s in compiled.ctx.question for s in stems)


def _another_thing(
    compiled: CompiledCard, part: str, stems: list[str], kind: VerdictKind, *, reworded: bool = True
) -> bool:
    """Whether ``part`` (not right alone: ``kind``; its content ``stems``) names a thing the answer is confused
    with: a rejected answer of the card named and nothing more ("t-SNE, SNE"); a known term inside the answer's
    name ("Adam" for "AdamW", "MSE" for "RMSE", "GAN" for "Wasserstein GAN"); else, where it says a word of neither
    the card's names nor its question, another expansion of the asked acronym ("cable news network"); with
    ``reworded``, the answer's words, one changed or all reordered ("bridge regression")."""
    named = {t.stem for t in analyse_cached(part) if not t.stop}
    if any(set(r.stems) == named for r in compiled.ctx.rejects):
        return True
    if kind is not VerdictKind.PARTIAL and _sub_name(compiled, part):
        return True
    own = compiled.ctx.names | compiled.ctx.question
    if all(s in own for s in stems):
        return False  # (the card's own words: "alignment (multimodal)")
    if _initials_of(part) & set(_asked_acronyms(compiled)):
        return True
    forms = [
        form
        for a in compiled.answers
        for f in a.forms
        if (form := [t.stem for t in f.toks if not t.stop and t.stem not in GENERIC])
    ]
    return reworded and _variant(stems, forms, own)


#: A remark that says the answer is the same thing as another: "ridge, same as lasso", "k-means, aka c-means",
#: "AdamW, which is Adam", "RMSE = MSE".
_SAME_AS_RE: Final = re.compile(
    r"^(?P<answer>.+?)(?:\s*,\s*|\s+)(?:(?:also\s+)?(?:called|known\s+as)|aka|a\.k\.a\.?|i\.\s?e\.?|that\s+is"
    r"|(?:the\s+)?same(?:\s+thing)?\s+as|identical\s+to|equivalent\s+to|in\s+other\s+words"
    r"|which\s+is(?:\s+(?:just|basically|essentially|simply|really))?|basically|essentially|=)[\s,:]+"
    r"(?P<other>.+?)[\s.!?]*$",
    re.IGNORECASE,
)
#: An answer with another name in brackets after it: "k-means (c-means)".
_BRACKETED_RE: Final = re.compile(r"^(?P<answer>[^()]+?)\s*\((?P<other>[^()]+)\)[\s.!?]*$")


def _said_the_same(compiled: CompiledCard, response: str, *, sliced: bool) -> Generator[None, None, str]:
    """The thing a right answer is said to be the same as, where it is one the answer is confused with
    (``_another_thing``): "ridge, same as lasso", "k-means, aka c-means", "t-SNE (SNE)". Or "". Not "a ..." (what
    kind of thing the answer is: "WGAN, which is a GAN") nor what reads as a remark (``_named_items``)."""
    found = _SAME_AS_RE.match(response.strip()) or _BRACKETED_RE.match(response.strip())
    if found is None:
        return ""
    other = found.group("other").strip()
    if re.match(r"(?:a|an|or|maybe|perhaps)\s", other, re.IGNORECASE):
        return ""  # (what kind of thing it is, "a GAN"; another name offered, "(or Jaccard similarity)")
    other = re.sub(r"^the\s+", "", other, flags=re.IGNORECASE)
    items = _named_items(compiled, [(found.group("answer").strip(" ,"), False), (other, False)])
    if len(items) != 2 or not items[1][2] or _own_names(compiled, items[1][2]):
        return ""
    said = yield from _judged(compiled, items[0][0], sliced=sliced)
    if said.kind is not VerdictKind.CORRECT:
        return ""
    typed = normalise(other)
    rival = any(set(r.stems) == {t.stem for t in analyse_cached(other) if not t.stop} for r in compiled.ctx.rejects)
    if not rival and any(typed in a.norm.split() or is_acronym_of(typed, a.norm) for a in compiled.answers):
        return ""  # (a word or the letters of the answer's own name: "Kullback-Leibler divergence (KL)")
    alone = yield from _judged(compiled, other, sliced=sliced)
    if alone.kind in (VerdictKind.CORRECT, VerdictKind.EMPTY):
        return ""
    # (not the answer's words with one changed: a synonym, "Jaccard index (Jaccard similarity)")
    return other if _another_thing(compiled, other, items[1][2], alone.kind, reworded=False) else ""


def _variant(stems: list[str], forms: list[list[str]], own: frozenset[str]) -> bool:
    """Whether ``stems`` (an item's) are a form's (``forms``) of two words or more in another order, or all but one of them with a word
    of neither the card's names nor its question (``own``) in the place of the other."""
    foreign = any(s not in own for s in stems)
    for form in forms:
        shared = sum(s in form for s in stems)
        reordered = len(stems) > 1 and sorted(stems) == sorted(form)
        if reordered or (foreign and len(stems) == len(form) and shared == len(form) - 1 and shared):
            return True
    return False


def _listed_items(response: str) -> list[tuple[str, bool]]:
    """The items of ``response`` as ``_ITEMS_RE`` parts it, the words that offer each taken off ("or else X"),
    each with whether it is offered as an alternative to the one before ("or", "maybe", "or both")."""
    pieces = _ITEMS_RE.split(response.strip())
    parts: list[tuple[str, bool]] = []  # each item, and whether it is offered as an alternative ("or ...")
    before = ""
    each = False  # "t-SNE, SNE or both", "both X and Y": each item offered
    for k, piece in enumerate(pieces):
        if k % 2:
            before = piece
            continue
        text = piece.strip(" !?()[]\"'-\u2013\u2014")
        if not k and text[:5].lower() == "both ":
            text, each = text[5:], True  # "both X and Y"
        lead = _OFFERING_LEAD_RE.match(text)
        said = lead.group(0) if lead else ""
        text = text[len(said) :].strip()
        if text.lower() in _ALL_OF_THEM:
            each = True
        elif text:
            parts.append((text, bool(_ALTERNATIVE_RE.search(before + " " + said))))
        before = ""
    return [(t, True) for t, _ in parts] if each else parts


def _named_items(compiled: CompiledCard, parts: list[tuple[str, bool]]) -> list[tuple[str, bool, list[str]]]:
    """``parts`` (``_listed_items``), each with the stems of its content words, when every one reads as a name:
    none says more than ``_SECOND_NAME_WORDS`` words, opens with a preposition or says a word of a remark
    ("which", "it", "only", "e.g.", "not"; a word of the card's own names is no remark: "you only look once").
    Else []."""
    items = []
    for k, (part, alternative) in enumerate(parts):
        toks = [t for t in analyse_cached(part) if t.word[:1].isalnum()]
        if toks and toks[0].word in _ARTICLES and (alternative or not k):
            toks = toks[1:]  # ("a CNN, maybe a cable news network")
        if (
            not toks
            or len(toks) > _SECOND_NAME_WORDS
            or toks[0].word in _REMARK_FIRST
            or any(t.word in _REMARK_WORDS and t.word not in compiled.ctx.names for t in toks)
            or _EXAMPLE_RE.search(part)
        ):
            return []
        items.append((part, alternative, [t.stem for t in toks if not t.stop and t.stem not in GENERIC]))
    return items


#: Talk before an answer that says nothing of it: sounds ("hmm", "ooh"), "I know this one", "easy:", "I'd say",
#: "definitely". Each but the sounds and the ways of saying "I pick" ends in a mark ("Easy: ..."), so that a word
#: of an answer is never taken for talk ("easy negatives").
_CHATTER_START_RE: Final = re.compile(
    r"^\s*(?:(?:"
    r"(?:a+h+|o+h+|hm+|u+m+|u+h+m*|e+r+m+|eh|aha+|oh+\s+wait|wait)\b(?![-'])"
    r"|(?:i'?d|i\s+would|i'?ll)\s+(?:say|guess|go\s+with)\b|(?:i'?m\s+)?going\s+with\b|my\s+guess\s+is\b"
    r"|(?:i'?m\s+)?(?:gonna|going\s+to)\s+(?:say|go\s+with)\b|(?:i'?ll\s+)?go\s+with\b|the\s+term\s+is\b"
    r"|(?:i'?m\s+)?not\s+sure,?\s+but\b|idk,?\s+but\b|of\s+course(?=\s*[,:;.!\u2026\u2013\u2014-])"
    r"|(?:(?:the\s+)?(?:correct\s+|right\s+|my\s+)?answer|ans|a)\s*(?=:)"
    r"|(?:yes|yeah|yep|ya)(?=\s*[,:;.!\u2026\u2013\u2014-]?\s+\w)"
    r"|(?:definitely|surely|certainly|obviously|clearly)\b"
    r"|(?:i'?m\s+|i\s+am\s+)?(?:pretty|fairly|quite|very)\s+(?:sure|certain|confident)(?:\s+(?:it'?s|that'?s|that))?\b"
    r"|(?:right|alright|all\s+right|okay|ok|well|so|honestly|basically|classic)(?=\s*[,:;.!\u2026\u2013\u2014-])"
    r"|(?:(?:oh+\s+)?i\s+know\s+(?:this(?:\s+one)?|it|that(?:\s+one)?)|(?:that'?s|this\s+is)\s+(?:an?\s+)?easy(?:\s+one)?"
    r"|easy(?:\s+one)?|let\s+me\s+think|let'?s\s+see|lemme\s+think|my\s+guess|final\s+answer)(?=\s*[,:;.!?\u2026\u2013\u2014-])"
    r")[\s,:;.!?\u2026\u2013\u2014-]*)+",
    re.IGNORECASE,
)
#: Talk after an answer that says nothing of it: ", right?", ", final answer", "no doubt", "for sure", "duh".
_CHATTER_END_RE: Final = re.compile(
    r"(?:\s*[,;:.!?\u2026\u2013\u2014(-]*\s*(?<![A-Za-z0-9'])(?:"
    r"right\s*\?|final\s+answer|no\s+doubt(?:\s+about\s+it)?|for\s+sure|duh|obviously"
    r"|(?<=[,;:!?\u2013\u2014-])\s*easy|i'?m\s+(?:pretty\s+|fairly\s+|quite\s+)?(?:sure|certain|confident)"
    r"|pretty\s+sure|iirc|if\s+i\s+remember(?:\s+(?:correctly|right(?:ly)?))?|i\s+hope|hopefully"
    r"|lol|haha+|i\s+(?:think|guess|believe)(?:\s+so)?"
    r"|(?<=[,;:!?\u2013\u2014-])\s*yes\s*\?|correct\s*\?|ofc|tbh|imo|imho|lmao|lmk|ig|fr|xd|:d|:p|\(?(?:i'?m\s+)?not\s+sure\)?"
    r"|of\s+course|for\s+the\s+win|ftw|is\s+(?:my\s+answer|the\s+(?:term|answer)|what\s+it'?s\s+called)"
    r")(?![a-z])\)?)+[\s.!?)]*$",
    re.IGNORECASE,
)
#: Words of talk that may answer a yes-or-no question themselves ("certainly", "of course", "no doubt").
_SIDED_TALK_RE: Final = re.compile(
    r"\b(?:definitely|certainly|surely|obviously|clearly|course|(?<!not )(?<!pretty )(?<!fairly )(?<!quite )(?<!very )sure"
    r"|doubt|(?<!pretty )(?<!fairly )(?<!quite )(?<!very )(?:certain|confident)|right(?!\s+answer)|easy|yes|yeah|yep|ya"
    r"|correct(?!\s+answer)|ofc)\b",
    re.IGNORECASE,
)
#: What a bare answer left once its talk is taken off does not hold: a mark that sets a remark or a second
#: item beside it: a comma (not inside a number: "60,000"), a semicolon or colon, a dash set apart by spaces,
#: a full stop after a word (not after an initial: "Emily M. Bender"), brackets around more than a short name.
_BARE_ANSWER_RE: Final = re.compile(
    r",(?!\d{3}\b)|[;:]|\s[-\u2013\u2014]\s|\u2014|(?<![A-Z])\.\s|[(\[](?:[^)\]]*\s){4}"
)
#: The first word of a response.
_FIRST_WORD_RE: Final = re.compile(r"\s*([A-Za-z']+)")
#: First words talk before an answer may start with (besides the sounds of ``_SOUND_RE``).
_TALK_FIRST: Final = frozenset(
    "eh wait i i'd id i'll ill i'm im going gonna my definitely surely certainly obviously clearly that's thats "
    "pretty fairly quite very "
    "this easy let let's lets lemme final not idk yes yeah yep ya of go the correct right answer ans a "
    "alright all okay ok well so honestly basically classic".split()
)
_SOUND_RE: Final = re.compile(r"a+h+|o+h+|hm+|u+m+|u+h+m*|e+r+m+|aha+")
#: Last words talk after an answer may end with (besides laughter: ``_LAUGH_RE``).
_TALK_LAST: Final = frozenset(
    "right answer doubt it sure duh obviously course easy certain confident iirc correctly rightly remember hope "
    "hopefully lol think guess believe so yes correct ofc tbh imo imho lmao lmk ig fr xd d p win ftw term called".split()
)
_LAUGH_RE: Final = re.compile(r"(?:ha)+h?|lo+l")
#: How many characters at the end of a response talk after its answer is looked for in.
_TALK_TAIL: Final = 48
#: A bare answer left once its talk is taken off has at most this many words.
_BARE_ANSWER_WORDS: Final = 10
#: A word a response may not end in once its talk is taken off: it was offering something more.
_JOINING_END_RE: Final = re.compile(r"\b(?:or|and|nor|vs|versus|either|but|plus)\s*$", re.IGNORECASE)


def _other_side_said(compiled: CompiledCard, words: list[str]) -> bool:
    """Whether ``words`` take the other side of a card one of whose accepted answers is yes (or no), or both
    sides: "no" or "yes or no" where "Yes" and "quadratic" are right ("no" alone was no answer at all, a try
    kept). Not where the words saying it belong to another accepted answer ("not linearly separable"), but the
    "not" of unsure talk is none of them ("not sure, I think so")."""
    said = side_said(words)
    if not said or said == compiled.side:
        return False
    polar, side_words = _side_words()
    sided = side_words & set(without_unsure(words))
    return not any(sided & set(a.norm.split()) for a in compiled.answers if a.norm not in polar)


@functools.cache
def _side_words() -> tuple[frozenset[str], frozenset[str]]:
    """The normalised ways of saying yes or no, and every word of them."""
    tabs = tables()
    polar = tabs.yes | tabs.no
    return polar, frozenset(w for phrase in polar for w in phrase.split())


def without_chatter(response: str, *, polar: bool = False) -> str:
    """``response`` without the talk before and after its answer ("Hmm, Adam", "Adam, final answer"), or
    ``response`` itself when it has none, or when what is left is empty or ends in a word that joins (it
    was offering more). Talk typed in capitals is left: it may be an acronym ("HMM, ..."). With ``polar``
    (a yes-or-no card), talk that may say yes or no ("certainly", "of course", "no doubt") is left too."""
    text = response
    first = _FIRST_WORD_RE.match(text)
    if first and (first.group(1).lower() in _TALK_FIRST or _SOUND_RE.fullmatch(first.group(1).lower())):
        start = _CHATTER_START_RE.match(text)
        if start and start.end() < len(text.rstrip()) and not _acronym_like(start.group()):
            if polar and _SIDED_TALK_RE.search(start.group()):
                return response
            text = text[start.end() :]
    words = text.rstrip(" .!?)").rsplit(None, 1)
    last = words[-1].lower().lstrip("(:") if words else ""
    if last in _TALK_LAST or _LAUGH_RE.fullmatch(last):
        # (talk after an answer is a few words: it is looked for in the last ones only)
        cut = max(0, len(text) - _TALK_TAIL)
        end = _CHATTER_END_RE.search(text, cut)
        if end and end.start() > 0:
            if polar and _SIDED_TALK_RE.search(end.group()):
                return response
            text = text[: end.start()]
    text = text.strip(" ,;:-\u2013\u2014")
    if not text or text == response.strip(" ,;:-\u2013\u2014") or _JOINING_END_RE.search(text):
        return response
    if _BARE_ANSWER_RE.search(text) or len(text.split()) > _BARE_ANSWER_WORDS:
        return response  # talk around more than a bare answer ("X, which ..., final answer"): read as typed
    return text


def _acronym_like(talk: str) -> bool:
    """Whether ``talk`` has a word of two letters or more typed in capitals ("HMM")."""
    return any(len(w) >= 2 and w.isupper() for w in re.findall(r"[A-Za-z]+", talk))


#: What may join two names of the answer offered together ("belief network / bayes net", "ViT or vision
#: transformer").
_NAMES_SPLIT_RE: Final = re.compile(r"\s*(?:/|\||\bor\b|\baka\b|\ba\.k\.a\.)\s*", re.IGNORECASE)
_NEGATED_RE: Final = re.compile(r"\b(?:not|no|never|neither|nor|without)\b|n't\b", re.IGNORECASE)
_ARTICLE_RE: Final = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
#: A name offered beside another has at most this many words.
_NAME_WORDS: Final = 5
#: Verdicts of an answer offered with another name beside it (``Verdict.typed``).
_TWO_NAMES: Final = frozenset({VerdictReason.PICK_ONE, VerdictReason.HEDGED})
_NUMBER_AND_UNIT_RE: Final = re.compile(
    r"^\s*((?:about|approx\.?|approximately|around|roughly|~|≈)\s*)?([-+−]?\d[\d,]*(?:\.\d+)?)\s*([^\d\s].*?)\s*$",
    re.IGNORECASE,
)


#: A player correcting themselves, at the start of a clause: "..., no wait, ...", "- actually ...", "(I mean ...)".
_CORRECTION_RE: Final = re.compile(
    r"(?:[,;:.!?(\u2013\u2014-]|\.\.\.|->|\s+but)\s*"
    r"(?:no\s*,?\s*wait|wait\s*,?\s*no|actually|sorry|scratch\s+that|correction|i\s+mean[t]?|or\s+rather|oops|my\s+bad)"
    r"\s*[,:!.]*\s+",
    re.IGNORECASE,
)
#: Words a remark starts with, not an answer ("- actually it's called ...", ", sorry if misspelt").
_REMARK_STARTS: Final = frozenset(
    "it it's its itself which that this they there is was are were if because since so but and as not no i i'm im "
    "you we he she when while though although unless for about".split()
)
#: The longest response read for a correction.
_CORRECTED_LONGEST: Final = 200
#: The most words an answer corrected to has, but a known term's full name (up to ``MAX_TERM_WORDS``: "...
#: actually Efficiently Learning an Encoder that Classifies Token Replacements Accurately").
_CORRECTED_WORDS: Final = 8
#: Verdicts that name what the player said as another thing than the answer.
_NAMING_REASONS: Final = frozenset(
    {VerdictReason.NEAR_MISS, VerdictReason.PICK_ONE, VerdictReason.HEDGED, VerdictReason.NOT_ONE_OF, VerdictReason.CLASH}
)


#: An answer taken back after it was typed, with nothing put in its place: "... is wrong", "... isn't the answer",
#: "... just kidding", "..., actually no", "... - scratch that", "...? no.", "... but it's really something else".
_RETRACTED_RE: Final = re.compile(
    r"^(?P<answer>.+?)(?:\s*[,;:.!?(\u2013\u2014-]+\s*|\s+)"
    r"(?:(?:it\s+)?(?:is|was|'s)\s+(?:wrong|incorrect|false|untrue|the\s+wrong\s+answer|an?\s+(?:wrong|incorrect)\s+answer"
    r"|not\s+(?:right|correct|true|used|the\s+answer|it|the\s+one)|never\s+used)"
    # (not "isn't it": typed without its question mark, a tag question keeps the answer, "Adam, isn't it")
    r"|(?:it\s+)?(?:isn'?t|wasn'?t)\s+(?:right|correct|true|used|the\s+answer|the\s+one)"
    r"|(?:is|'s)\s+not\s+the\s+(?:right|correct)\s+one|isn'?t\s+the\s+(?:right|correct)\s+one"
    r"|(?:would\s+not|wouldn'?t)\s+be\s+(?:right|correct)"
    r"|(?:but\s+)?i\s+doubt\s+(?:it|that)|has\s+nothing\s+to\s+do\s+with\s+(?:it|this|that)"
    r"|(?:just\s+)?(?:kidding|joking)|jk|j/k"
    r"|(?:actually|wait|hmm+)\s*,?\s*(?:no|nope|nah)|no\s*,?\s*wait|wait\s*,?\s*no|scratch\s+that|never\s*mind|nvm"
    r"|forget\s+(?:it|that)|ignore\s+that"
    r"|(?<=\?)\s*(?:no|nope|nah)"
    r"|but\s+(?:it'?s\s+|it\s+is\s+)?(?:really\s+|actually\s+|probably\s+)?(?:something\s+else|not(?:\s+really)?|no)"
    r"|(?P<open>or\s+not))"
    # (and a hedge after it: "lasso is wrong I think", "lasso is not right, probably")
    r"(?:\s*,?\s*(?:i\s+think|i\s+guess|i\s+believe|probably|i'?m\s+afraid|after\s+all))?"
    r"\s*[.!)]*\s*$",
    re.IGNORECASE,
)
#: A yes or no followed by a judgement of the statement asked, by a pronoun ("no, that's not right", "no - it is
#: wrong"): on a yes/no card, the side is given, not taken back.
_STATEMENT_JUDGED_RE: Final = re.compile(
    r"^\s*(?:yes|yeah|yep|no|nope|nah)\b[\s,;:.!\u2013\u2014-]*(?:it|that|this)(?:'s|\s+is|\s+was|\s+isn'?t|\s+wasn'?t)\b",
    re.IGNORECASE,
)
#: An answer ruled out before it is typed: "anything but lasso", "everything except ...".
_ALL_BUT_RE: Final = re.compile(
    r"^\s*(?:anything|everything|something|any\s+answer)\s+(?:but|except|other\s+than|besides)\s+(?P<answer>.+?)\s*[.!]*\s*$",
    re.IGNORECASE,
)
#: The last word of every retraction ``_RETRACTED_RE`` reads, and the first of every ``_ALL_BUT_RE`` does: a
#: response that ends and starts otherwise is not matched against them.
_RETRACTION_ENDS: Final = frozenset(
    "wrong incorrect false untrue answer right correct true used it that kidding joking jk j/k no nope nah wait "
    "mind nvm else not really this one think guess believe probably afraid all".split()
)
#: An answer denied as it is typed: "not O(log n)", "I don't think it's lasso", "nothing like lasso", "wrong: no".
_DENIED_FIRST_RE: Final = re.compile(
    r"^\s*(?:(?:definitely|certainly|surely|probably)\s+not|not|never|nothing\s+like|the\s+opposite\s+of"
    r"|wrong\s*[:,-]|i\s+(?:don'?t|do\s+not)\s+(?:think|believe)\s+(?:it'?s|it\s+is)"
    r"|i\s+doubt\s+(?:that\s+)?(?:it'?s|it\s+is)|i\s+(?:wouldn'?t|would\s+not)\s+say"
    r"|(?:it|that)(?:'s|\s+is)\s+not|(?:it|that)\s+isn'?t|i\s+would\s+never\s+say)\s+"
    # (one thing denied, nothing put after it: "not the last layer, the second-to-last", "not linear - O(log n)",
    # "not found (404)" or "not vitamin c. vitamin d" says the answer; nor "not sure: backprop", which offers it)
    r"(?!(?:sure|certain|100%)\b)(?P<answer>(?:(?!\bbut\b|[.!?:]\s|\s[-\u2013\u2014]+\s|->|\s\()[^,;\n\u2192])+?)\s*[.!]*\s*$",
    re.IGNORECASE,
)
_ALL_BUT_STARTS: Final = frozenset(
    {"anything", "everything", "something", "any", "not", "never", "nothing", "definitely", "certainly", "surely",
     "probably", "the", "wrong", "wrong:", "wrong,", "i", "it's", "it", "that's", "that"}
)  # fmt: skip
#: An answer part that ends with a denial of what follows ("lasso, no kidding", "lasso, not joking").
_NOT_END_RE: Final = re.compile(r"\b(?:no|not|never)$", re.IGNORECASE)
#: What may lead an answer that is then taken back ("I'd say lasso but ...").
_LEAD_RE: Final = re.compile(r"^\s*(?:i'?d\s+say|i\s+would\s+say|i\s+think|maybe|probably)\s+", re.IGNORECASE)


#: An answer set against another by name: "X, not Y", "X (not Y)", "X, which is not Y", "X, unlike Y".
_SET_AGAINST_RE: Final = re.compile(
    r"^(?P<answer>[^,;(]+?)\s*(?:[,;(\u2013\u2014-]\s*)?"
    r"(?:(?:which|that)\s+is\s+not|(?:and|but)\s+not|not|unlike|rather\s+than|as\s+opposed\s+to|instead\s+of)\s+"
    r"(?:the\s+|a\s+|an\s+)?(?P<other>[^,;]+?)\s*\)?\s*[.!]*\s*$",
    re.IGNORECASE,
)


#: Words of unsure talk after "not" ("not sure", "not certain"): what follows is offered, not set against.
_UNSURE_AFTER_NOT: Final = frozenset({"sure", "certain", "maybe", "perhaps", "possibly", "probably", "idea", "100%"})


def _set_against(compiled: CompiledCard, response: str) -> str:
    """The answer part of a response that sets it against one of the card's rejected answers, named whole and
    nothing more ("random forest, not bagged decision trees"); "" if it does not."""
    if not compiled.ctx.rejects or " " not in response:
        return ""
    low = response.lower()
    if "not " not in low and "unlike " not in low and " than " not in low and " to " not in low and " of " not in low:
        return ""  # (most answers: read no further)
    found = _SET_AGAINST_RE.match(response)
    if found is None:
        return ""
    if " if" in f" {found.group('answer').lower()}" or not _UNSURE_AFTER_NOT.isdisjoint(
        re.findall(r"[a-z0-9%]+", found.group("other").lower())
    ):
        return ""  # "ridge if not lasso", "ridge not sure maybe lasso": lasso offered, not set against
    other = phrase_stems(found.group("other"))
    if not other or not any(rv.stems == other for rv in compiled.ctx.rejects):
        return ""
    return found.group("answer").strip()


def _a_side(text: str) -> bool:
    """Whether ``text`` is a way of saying yes or no ("no", "nope", "not at all"), and nothing more."""
    said = normalise(text.strip(" .!?,"))
    return said in tables().yes or said in tables().no


def _retraction(response: str) -> tuple[str, bool]:
    """The answer a response types and then takes back ("lasso is wrong", "anything but lasso"), "" if it
    takes none back; and whether it only leaves it open ("lasso, or not")."""
    words = response.rstrip(" .!)").rsplit(None, 1)
    if not words or (
        words[-1].lower() not in _RETRACTION_ENDS and response.lstrip()[:10].split(" ", 1)[0].lower() not in _ALL_BUT_STARTS
    ):
        return "", False  # (most answers: read no further)
    found = _RETRACTED_RE.match(response) or _ALL_BUT_RE.match(response) or _DENIED_FIRST_RE.match(response)
    if found is None:
        return "", False
    said = _LEAD_RE.sub("", found.group("answer")).strip(" ,;:.!?(-")
    if " " in said and _NOT_END_RE.search(said):
        return "", False  # ("lasso, no kidding": said the more)
    return said, "open" in found.groupdict() and found.group("open") is not None


def _correction(response: str) -> tuple[str, bool]:
    """What the player corrected their answer to, after the last correction word at the start of a clause (a
    few words; "" if none), and whether it starts as a remark does ("it's ...", "if ..."): then it stands only
    if it is right alone."""
    last = None
    for found in _CORRECTION_RE.finditer(response):
        last = found
    if last is None or not response[: last.start()].strip(" ,;:.!?(-"):
        return "", False
    after = response[last.end() :].strip().rstrip(")!.?").strip()
    words = after.split()
    if not words or len(words) > MAX_TERM_WORDS or len(words) > _CORRECTED_WORDS and not _names_a_term(after):
        return "", False
    return after, words[0].lower().strip(",") in _REMARK_STARTS


def _says_another_thing(compiled: CompiledCard, text: str) -> bool:
    """``text`` holds a word that is none of the card's (question, names, answers), nor a word for a kind of thing
    ("I mean the algorithm" names nothing else)."""
    free = compiled.ctx.free
    return any(
        t.num or (not t.stop and not kind_word(t) and t.stem not in free and t.word not in free) for t in analyse_cached(text)
    )


def _names_a_term(text: str) -> bool:
    """``text`` (an article before it left out) is a known term of the field or of a loaded deck, not a word for a
    kind of thing."""
    said = _ARTICLE_RE.sub("", text).strip().lower()
    if said in GENERIC or said in tables().kind_words:
        return False  # "I mean the optimizer": what kind of thing the answer is
    return said in tables().terms or said in deck_terms()


def _joined_answer(compiled: CompiledCard, response: str) -> str:
    """The accepted answer ``response`` spells with other breaks between its letters (shown as its
    spelling: "word2vec" for "word 2 vec")."""
    want = joined(response.strip().rstrip(".!"))
    return next((a.display for a in compiled.answers if joined(a.display) == want), response.strip())


def _without_unit(response: str, units: tuple[str, ...], question: frozenset[str] = frozenset()) -> str:
    """``response`` without the unit after its number when it is one the question asks in; else "". A number of
    bytes where bits are asked is said in bits ("2 bytes" is 16 bits), and the other way when it comes out whole,
    but where the ``question`` (its words) names the unit said: what it gives ("How many bits are in a byte?":
    "1 byte" says it back)."""
    m = _NUMBER_AND_UNIT_RE.match(response)
    count: float
    if m is None:
        words = _COUNT_AND_UNIT_RE.match(response)
        if words is None:
            return ""
        count, unit, about = float(_SMALL_COUNTS[words.group(2).lower()]), compact_unit(words.group(3)), words.group(1) or ""
    else:
        unit, about = compact_unit(m.group(3)), m.group(1) or ""
        if unit in units:
            return about + m.group(2)
        try:
            count = float(m.group(2).replace(",", ""))
        except ValueError:
            return ""
    for asked, said, factor in _CONVERTED:
        if unit in said and asked & set(units) and said.isdisjoint(question):
            value = count * factor
            if value == int(value):
                return about + str(int(value))
    return ""


#: A small number in words and its unit ("two bytes", "a byte").
_SMALL_COUNTS: Final = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "sixteen": 16, "thirty-two": 32, "sixty-four": 64,
}
_COUNT_AND_UNIT_RE: Final = re.compile(
    r"^\s*((?:about|approximately|around|roughly)\s+)?(" + "|".join(_SMALL_COUNTS) + r")\s+(bytes?|bits?)\s*$",
    re.IGNORECASE,
)
#: Units said where another is asked: (the asked unit's forms, the said unit's forms, asked per said).
_CONVERTED: Final = (
    (frozenset({"bit", "bits"}), frozenset({"byte", "bytes"}), 8.0),
    (frozenset({"byte", "bytes"}), frozenset({"bit", "bits"}), 1 / 8),
)


def _judged(compiled: CompiledCard, response: str, *, sliced: bool) -> Generator[None, None, Verdict]:
    """The grading of one response, pausing (``yield``) between slices of work when ``sliced``: after the
    response's words are found, after its tokens, between the parts of its index (a long answer), between
    the forms of the accepted answers, between key points, before the second looks at a wrong answer.

    Only the first form's verdict is needed when the response is wrong: after it, a form is aligned only
    when the words of the response may cover it (``verdicts.may_pass``), or cover it without a typo once
    a form is right with one."""
    response = response if isinstance(response, str) else str(response)
    if sliced:
        clean(response)  # (cached: ``raw_tokens`` finds it folded)
        yield
        raw = raw_tokens(response)
        yield
        stream, numbers = numbered(raw, compiled.slips | accented_slips(response, raw))
        yield
        resp = Response(response, compiled.targets, raw, tokens_of(stream, numbers))
        yield
    else:
        # (a word of the answer's own that reads as a misspelt number word is the answer's word as typed: "l eleve"
        # for "l'élève" is no "l eleven")
        raw = raw_tokens(response)
        resp = Response(response, compiled.targets, raw, read_tokens(response, raw, compiled.slips))
    if compiled.polar:
        return yes_no_verdict(compiled.polar, resp, compiled.ctx)
    if compiled.side:
        if _other_side_said(compiled, resp.norm.split()):
            return not_quite()
        if side_said(resp.norm.split()) == compiled.side:
            # "nope", "lol no", "I don't think so" where "No" is one of the answers: said as on a yes-or-no card
            polar_verdict = yes_no_verdict(compiled.side, resp, compiled.ctx)
            if polar_verdict.kind is VerdictKind.CORRECT:
                return right(next(a.display for a in compiled.answers if a.norm in _side_words()[0]))
    toks = resp.toks
    if compiled.numbered and len(toks) == 1 and toks[0].word in _ONE_LETTER_NUMERALS and resp.norm == toks[0].word:
        # "I" alone for "first": a numeral, where the card's answer is a number
        resp = Response(_ONE_LETTER_NUMERALS[resp.norm], compiled.targets)
        toks = resp.toks
    all_stop = True
    for t in toks:
        if not t.stop:
            all_stop = False
            break
    if all_stop or compiled.whole:
        for a in compiled.answers:
            # Answers made only of little words ("no", "it") are compared whole.
            if (all_stop or not a.forms) and (resp.norm == a.norm != "" or _led_alike(resp.norm, a.norm)):
                return right(a.display)
    if all_stop and len(toks) == 1 and _symbol_like(response) and any(_symbol_like(a.display) for a in compiled.answers):
        return not_quite()  # "So" for the symbol "Na": a symbol, not a little word
    if not toks and compiled.whole and (symbols := _symbols(response)):
        # An answer that is a sign or an emoji ("≠", "→", "✅"), with no word to fold: compared as typed.
        signs = [a for a in compiled.answers if not a.norm and _symbols(a.display)]
        for a in signs:
            if _symbols(a.display) == symbols:
                return right(a.display)
        if signs:
            return not_quite()
    if all_stop and any(_little_only(a) and _some_words_of(resp.norm, a.norm) for a in compiled.answers):
        return not_quite()  # "called" for "to be called": a try at an answer made of little words, short of it
    if all_stop and toks:
        little = _little_said(toks, compiled.answers)
        if little:
            return right(little)  # "thanks" for "thank you": the answer's word, said as a little word
        if _saying_little(toks):
            return not_quite()  # "being" for "to be", "pretty" for "beautiful": a try, not talk
    if not toks or all_stop:
        return no_answer()
    if compiled.bare and len(response) <= _BARE_LONGEST:
        norm = resp.norm
        for bare, display in compiled.bare:
            if norm == bare:
                return right(display)

    if compiled.answers and "(" in response:
        said = complexities(clean(response))
        if said:
            # An asymptotic complexity is read as written: "O(n)" is no part of "O(n^2)", nor "O(log n)" of
            # "O(n log n)".
            asked = _complexities_of(compiled)
            if asked:
                found = [key for key in said if key in asked]
                if found and (len(found) == len(said) or _CASES_RE.search(response.lower())):
                    # (others said of other cases: "O(n log n) average, O(n^2) worst")
                    return right(asked[found[0]])
                return not_quite()
    elif compiled.answers and len(response) <= _BARE_COMPLEXITY_LONGEST and (bare := bare_complexity(clean(response))):
        # ... and said without its notation: "n^2" or "quadratic" for "O(n^2)".
        asked = _complexities_of(compiled)
        if asked:
            return right(asked[bare]) if bare in asked else not_quite()
    ctx = compiled.ctx
    if sliced and resp.indexed:
        yield
        yield from resp.build_index(rivals=bool(compiled.answers))
        yield
    if not compiled.answers:
        return (yield from keypoint_verdict(compiled.keypoints, resp, ctx, sliced=sliced))

    best: Verdict | None = None
    for n, v in enumerate(compiled.forms):
        optional = compiled.optional[n]
        kinds = compiled.kinds[n] if compiled.kinds else frozenset()
        if n:
            resp.narrowed = True
            # Once a first form is judged, a wrong verdict changes nothing (the first one stands), nor, once
            # a form is right with a typo, one that is not right without: a form the response cannot cover
            # so is not aligned.
            spelt_right = best is not None and best.kind is VerdictKind.CORRECT and best.score >= _SPELT_RIGHT
            if not resp.indexed and not may_pass(v, resp, ctx, optional, kinds, spelt_right=spelt_right):
                continue
            if sliced:
                yield
            else:
                let_others_run()  # in a worker thread, the event loop gets its turn between forms
        verdict = judge(v, resp, ctx, optional, compiled.checks[n] if compiled.checks else None, kinds)
        if best is None or rank(verdict) > rank(best):
            best = verdict
        if best.kind is VerdictKind.CORRECT and best.score == 1.0:
            return _offered_name(compiled, resp) or best
    if best is None:
        return not_quite()
    if best.kind is VerdictKind.CORRECT:
        return _offered_name(compiled, resp) or best
    if sliced:
        yield
    spelled = _acronym_verdict(compiled, toks, response) or _parts_verdict(compiled, toks, response)
    if spelled is None:
        if sliced:
            _ = resp.norm  # (folding a long answer again takes a slice of its own)
            yield
        spelled = _rephrased_verdict(compiled, resp) or _short_year_verdict(compiled, response)
    if spelled is not None:
        return spelled
    if compiled.bare and len(response) <= _BARE_LONGEST:
        bare = _misspelt_bare(compiled, resp)
        if bare:
            return right(bare, 0.9, VerdictReason.SPELLING)
    if best.reason is VerdictReason.NOT_QUITE:
        if sliced:
            yield
        return second_look(toks, compiled.forms, compiled.digits) or best
    if best.reason is VerdictReason.NEAR_MISS and (article := article_slip([t for t in toks if not t.stop], compiled.forms)):
        # "un perro" for "el perro": another article, not the antonym its prefix "un-" would make ("unperro")
        return did_you_mean_verdict(article)
    return best


#: Words that tie a complexity to a case: a second complexity beside them is no second answer.
_CASES_RE: Final = re.compile(r"\b(?:worst|best|average|amortized|amortised|expected|typical)\b")
#: A complexity said without its notation is looked for in answers of up to this many characters.
_BARE_COMPLEXITY_LONGEST: Final = 24


def _complexities_of(compiled: CompiledCard) -> dict[str, str]:
    """Each asymptotic complexity the card's accepted answers write ("O(n^2)"), as a key of ``complexities``,
    with the answer that writes it."""
    return _complexities_in(tuple(a.display for a in compiled.answers))


@functools.lru_cache(maxsize=4096)
def _complexities_in(displays: tuple[str, ...]) -> dict[str, str]:
    out: dict[str, str] = {}
    for display in displays:
        for key in complexities(clean(display)):
            out.setdefault(key, display)
    return out


def _misspelt_bare(compiled: CompiledCard, resp: Response) -> str:
    """The accepted answer whose name without its kind word (``CompiledCard.bare``) the response spells with a
    typo, word for word ("radial bassis function" for "radial basis function kernel" asked "Which SVM kernel
    ...?"): each word the same or a typo of it that is no known word. "" if none."""
    words = resp.norm.split()
    for bare, display in compiled.bare:
        target = bare.split()
        if len(target) != len(words) or words == target:
            continue
        slipped = False
        for said, meant in zip(words, target, strict=True):
            if said == meant:
                continue
            # (a slip inside a word of five letters or more, not its first letter: "formal" is no "normal",
            # "Mohr" no "Mohs", "EMNIST" no "MNIST")
            if said in compiled.ctx.known or said[:1] != meant[:1] or min(len(said), len(meant)) < 5:
                break
            if fuzzy(said, meant) is None:
                break
            slipped = True
        else:
            if slipped:
                return display
    return ""


def _offered_name(compiled: CompiledCard, resp: Response) -> Verdict | None:
    """A right answer offered with "or" (or joined with "and", "maybe") beside a known term made of the card's
    own words that is no answer of the card ("PrivateGPT or ChatGPT" where "private ChatGPT" is one of its
    names): a second answer. The words of the card's names are free to say, so ``verdicts`` leaves such an
    item alone; here each item offered is graded alone, and one that is wrong alone while another is right is
    a hedge. Not when an answer of the card is itself a list ("image encoders and decoders")."""
    toks = resp.toks
    if len(toks) > SHORT_ANSWER or not compiled.answers or not (resp.hedges or resp.joins):
        return None
    offered = resp.hedges
    if resp.joins and not any(len(v.items) > 1 or " and " in v.display for v in compiled.forms):
        # ("PrivateGPT and ChatGPT" too, unless an answer is a list: "image encoders and decoders")
        offered = offered | resp.joins | {t.item - 1 for t in toks if t.item in resp.joins}
    names = compiled.ctx.names
    items: dict[int, list[Tok]] = {}
    for t in toks:
        if t.item in offered and not t.stop and not t.neg:
            items.setdefault(t.item, []).append(t)
    if len(items) < 2:
        return None
    tabs = tables()
    suspects = [
        ws
        for ws in items.values()
        if len(ws) <= 3
        and all(t.word in names or t.stem in names for t in ws)
        and ((said := " ".join(t.word for t in ws)) in tabs.terms or said in tabs.term_words or said in deck_terms())
    ]
    if not suspects:
        return None
    rights = 0
    wrong_item = ""
    for ws in items.values():
        said = " ".join(t.word for t in ws)
        alone = grade_compiled(compiled, said)
        if alone.kind is VerdictKind.CORRECT:
            rights += 1
        elif any(ws is s for s in suspects):
            wrong_item = said
    if rights and wrong_item:
        return wrong(VerdictReason.HEDGED, wrong_item)
    return None


def _symbol_like(text: str) -> bool:
    """Written as a chemical symbol is: a capital and one or two small letters ("Na", "So")."""
    return _SYMBOL_RE.fullmatch(text.strip()) is not None


_SYMBOL_RE: Final = re.compile(r"[A-Z][a-z]{1,2}")


#: Signs typed in ASCII for the sign they stand for ("->" for "→", "!=" for "≠").
_ASCII_SIGNS: Final = (
    ("<=>", "\u21d4"), ("<->", "\u2194"), ("->", "\u2192"), ("<-", "\u2190"), ("=>", "\u21d2"), ("!=", "\u2260"),
    ("<=", "\u2264"), (">=", "\u2265"), ("+-", "\u00b1"), ("+/-", "\u00b1"), ("~=", "\u2248"),
)
#: What a sign or an emoji may be typed with or without: presentation selectors, skin tones, joiners, and the
#: markdown a Discord message wraps it in.
_SIGN_NOISE_RE: Final = re.compile("[\\s\ufe0e\ufe0f\U0001f3fb-\U0001f3ff\u200b-\u200f\u2060\u202a-\u202e\u2066-\u2069]+")


@functools.lru_cache(maxsize=1024)
def _symbols(text: str) -> str:
    """``text`` as the signs and emoji it is made of, for an answer with no word in it: NFKC ("＋" is "+"), without
    spaces, selectors and skin tones ("❤️" is "❤"), ASCII spellings as their sign ("->" is "→"), and out of the
    markdown around it ("||✅||")."""
    text = _SIGN_NOISE_RE.sub("", unicodedata.normalize("NFKC", text[:_BARE_LONGEST]))
    text = text.strip("`|*_~") or text
    for typed, sign in _ASCII_SIGNS:
        text = text.replace(typed, sign)
    return text


#: The score of a right answer with a typo (``verdicts.judge``): one that scores more has none.
_SPELT_RIGHT: Final = 0.9


#: Roman numerals of one letter, read as numbers only when typed alone for a card whose answer is one.
_ONE_LETTER_NUMERALS: Final = {"i": "1", "v": "5", "x": "10"}


def _acronym_verdict(compiled: CompiledCard, toks: Sequence[Tok], response: str) -> Verdict | None:
    """Right when the response spells out an acronym the card accepts ("density-based spatial clustering
    of applications with noise" for "DBSCAN"), or is the acronym, in capitals, of an answer the card spells
    out ("HPO" for "hyperparameter optimization") without being a word of the question."""
    if compiled.spelled and len(toks) >= 2 and not any(t.neg or t.num for t in toks):
        letters = ("".join(t.word[0] for t in toks), "".join(t.word[0] for t in toks if not t.stop))
        for a in compiled.answers:
            # (not the acronym itself with other words after it: "CLS, label smoothing")
            if a.norm in compiled.spelled and a.norm in letters and not any(t.word == a.norm for t in toks):
                if all(t.stop or t.word in compiled.ctx.question or t.stem in compiled.ctx.question for t in toks):
                    return None  # (the words the question says, typed back: "consistency availability and
                    # partition" for "Which theorem says ... consistency, availability and partition tolerance ...?")
                return right(a.display)
    content = [t for t in toks if not t.stop]
    if len(content) != 1 or content[0].neg:
        return None
    word = content[0].word
    question = compiled.ctx.question
    if not word.isalpha() or not 2 <= len(word) <= 6 or word in question or (word[-1] == "s" and word[:-1] in question):
        return None  # (the question's own acronym typed back, perhaps as a plural: "MFCCs")
    if any(len(q) >= 3 and abs(len(q) - len(word)) <= 1 and OSA.distance(word, q, score_cutoff=1) <= 1 for q in question):
        return None  # (or one slip from it: "RLIAF", "RLAIFF" for "What does RLAIF stand for?", "PPCA" for PCA)
    if not _typed_as_acronym(word, response):
        return None
    named = tables().acronyms.get(word, ())
    for a in compiled.answers:
        full = tuple(t.word for t in a.forms[0].toks) if a.forms else ()
        if len(full) < 2 or word[0] != full[0][0]:
            continue
        if named and not _names_answer(word, named, full, a.norm):
            continue  # another term's acronym whose letters the answer happens to hold ("KLD", "CRF", "LR")
        # The little words may give a letter too ("DoF" for "degrees of freedom").
        if abbreviates(word, full) or abbreviates(word, tuple(a.norm.split())):
            return right(a.display)
    return None


def _names_answer(word: str, named: Sequence[tuple[str, ...]], full: tuple[str, ...], norm: str) -> bool:
    """Whether the acronym ``word``, which the tables give for ``named`` terms, may stand for the answer (its words
    ``full``, written ``norm``): it is one of them, or the answer's initials, those of the parts of its hyphenated
    words too ("SSL" for "semi-supervised learning", though the tables give self-supervised learning)."""
    if tuple(w for w in full if w not in STOP) in named:
        return True
    parts = [p for w in norm.split() if w not in STOP for p in w.split("-") if p[:1].isalnum()]
    return word in _initials_of(norm) or word == "".join(p[0] for p in parts)


_LETTERS_RE: Final = re.compile(r"[A-Za-z][A-Za-z.]*")


def _typed_as_acronym(word: str, response: str) -> bool:
    """``word`` is written as an acronym in ``response``: in capitals ("HPO"), with capitals inside ("DoF"),
    or a letter at a time with dots ("d.o.f.")."""
    if word.upper() in response:
        return True
    for raw in _LETTERS_RE.findall(response):
        plain = raw.replace(".", "")
        if plain.lower() != word:
            continue
        if sum(c.isupper() for c in plain[1:]) >= 1 and plain[0].isupper() or raw.count(".") >= len(plain) - 1 >= 1:
            return True
    return False


def _part_of(part: str, word: str) -> bool:
    """``word`` is written out from ``part`` ("re" -> "reasoning", "swi" -> "swish"), or the other way."""
    common = 0
    for x, y in zip(part, word, strict=False):
        if x != y:
            break
        common += 1
    return common == len(part) or common == len(word) >= 3 or common >= 4


def _parts_verdict(compiled: CompiledCard, toks: Sequence[Tok], response: str) -> Verdict | None:
    """Right when the response writes out the parts of a name the card runs together ("Cycle-GAN", "Style
    GAN", "Swish-GLU", "reasoning and acting" for "ReAct"), or runs together the words of an answer
    ("MinMaxScaler" for "min-max scaling"), one part for each word, in order."""
    content = [t.word for t in toks if not t.stop]
    if not content or any(t.neg or t.num for t in toks):
        return None
    typed = response.strip(" .!?")
    mine = camel_parts(typed) if len(content) == 1 else ()
    for a, theirs in zip(compiled.answers, compiled.camel, strict=True):
        if theirs and len(content) == len(theirs) >= 2:
            pairs = zip(theirs, content, strict=True)
        elif mine and a.forms and len(a.forms[0].toks) == len(mine):
            pairs = zip(mine, (t.word for t in a.forms[0].toks), strict=True)
        else:
            continue
        if all(_part_of(part, word) for part, word in pairs):
            if len(content) >= 2 and hedge_items(response):
                return None  # "privategpt or gpt4all": a second answer, not the parts of "PrivateGPT"
            return right(a.display)
    return None


def grade_card(
    card: Card, response: str, *, direction: str = "question", extra_accept: Sequence[str] = ()
) -> Verdict:
    """Grade a typed answer to ``card``.

    ``direction="question"``: the player answers the question (accepted answers, or key points for an
    essay card; a card with neither is graded against its answer text). ``direction="term"``: the
    player is shown the answer and must recall the card's term or one of its aliases.
    ``extra_accept``: answers a server accepted for this card (disputes); they are graded like accepted
    answers in the question direction and like the card's names in the term direction.
    The card's grading data is compiled on first use and cached (``compile_card``, ``prepare``).
    """
    return grade_compiled(compile_card(card, direction, extra_answers(extra_accept)), response)


async def grade_card_async(
    card: Card, response: str, *, direction: str = "question", extra_accept: Sequence[str] = ()
) -> Verdict:
    """``grade_card`` for code running on the event loop: the same verdict, and the loop never stalls.

    A short answer to a compiled card is graded at once (tens of microseconds). Longer work gives the
    loop back between slices of a millisecond at most: a card not compiled yet is compiled in steps
    (``compile_card_steps``: answer by answer, form by form), and an answer longer than ``SLICE_FROM``
    characters is read in steps (its words, their tokens, the parts of its index) and graded form by form.
    No thread is involved (a thread would hold the interpreter lock for as long as the loop waits).
    """
    extra = extra_answers(extra_accept)
    compiled = cached_card(card, direction, extra)
    if compiled is None:
        building = compile_card_steps(card, direction, extra)
        try:
            while True:
                next(building)
                await asyncio.sleep(0)
        except StopIteration as done:
            compiled = done.value
    if len(response) <= SLICE_FROM:
        return grade_compiled(compiled, response)
    steps = _grading(compiled, response, sliced=True)
    try:
        while True:
            next(steps)
            await asyncio.sleep(0)
    except StopIteration as done:
        verdict: Verdict = done.value
        return _noted(compiled, response, verdict)


#: A response of more words than this says no answer in other words (``_rephrased_verdict``).
_REPHRASED_WORDS: Final = 8
#: "lower bound on the evidence" for "evidence lower bound": a name said the other way round around these.
_INVERTING: Final = frozenset({"of", "on", "for", "in"})
_ARTICLES: Final = frozenset({"a", "an", "the"})


def _rephrased_verdict(compiled: CompiledCard, resp: Response) -> Verdict | None:
    """Right when the response says an answer of two or more words with a word that names the same thing
    ("federated training" for "federated learning": ``same_words``), or says a name of plain words the
    other way round around "of" or "on" ("lower bound on the evidence" for "evidence lower bound")."""
    if all(len(target) < 2 for target, _, _ in compiled.rephrased):
        return None  # no answer of two words or more (the response is not folded whole for nothing)
    if resp.indexed and more_words_than(resp.text, _REPHRASED_WORDS):
        return None  # (a long answer: not folded whole to count its words)
    words = tuple(resp.norm.split())
    if not 2 <= len(words) <= _REPHRASED_WORDS:
        return None
    same = tables().same_words
    said: tuple[str, ...] | None = None  # (the words, each of ``same_words`` in its group's place: when needed)
    turned: tuple[str, ...] = ()
    if not _INVERTING.isdisjoint(words):
        for k, w in enumerate(words):
            if w in _INVERTING and 0 < k < len(words) - 1:
                after = words[k + 1 :]
                while after and after[0] in _ARTICLES:
                    after = after[1:]
                turned = tuple(same.get(x, x) for x in after + words[:k])
                break
    for a, (target, theirs, plain) in zip(compiled.answers, compiled.rephrased, strict=True):
        if len(target) < 2:
            continue
        if len(theirs) == len(words) and words != target:
            if said is None:
                said = tuple(same.get(w, w) for w in words)
            if said == theirs:
                return right(a.display)
        if turned == theirs and plain:
            return right(a.display)
    return None


#: A year written with its century left out: "'89", "’45".
_SHORT_YEAR_RE: Final = re.compile(r"\s*['\u2018\u2019](\d\d)s?\s*")


def _short_year_verdict(compiled: CompiledCard, response: str) -> Verdict | None:
    """Right when the response is a year with its century left out ("'89") and an answer is that year."""
    m = _SHORT_YEAR_RE.fullmatch(response)
    if m is None:
        return None
    for a in compiled.answers:
        if len(a.norm) == 4 and a.norm.isdigit() and a.norm[2:] == m.group(1):
            return right(a.display)
    return None
