"""Moderator insight from a server's answers: per card, how often it is missed, the most common wrong
answers (grouped after normalisation, so "Top-K" and "top k" count together), its disputes; and a CSV."""

from __future__ import annotations

import csv
import io
import logging
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation

from bot.core.catalog import Catalog
from bot.core.disputes.models import CardInsight, Insight, WrongAnswer
from bot.core.grading import normalise
from bot.core.grading.alignment import _ENDLESS_CHARS
from bot.core.grading.normalise import _operand_after, _operand_before, formula_signs
from bot.core.grading.numbers import _ORDINALS as ORDINAL_WORDS
from bot.core.grading.numbers import plain_words, rounded_same
from bot.core.grading.tokens import analyse
from bot.core.storage.dispute_queries import StoredCardName
from bot.core.text import fold, formula_guard, han, one_line

log = logging.getLogger(__name__)

#: Wrong answers kept per card.
TOP_WRONG = 5
CSV_COLUMNS = (
    "card",
    "question",
    "answers",
    "right",
    "accuracy",
    "missed",
    "open disputes",
    "accepted disputes",
    "rejected disputes",
    "common wrong answers",
)


#: The comparisons normalising drops but the grader keeps ("x < 0" is not "x = 0"), each as one spelling ("≤" is "<=").
_COMPARISONS = re.compile(r"<=|>=|!=|==|[<>=≤≥≠]")
_COMPARISON_NAMES = {"≤": "<=", "≥": ">=", "≠": "!=", "==": "="}
#: The marks of a formula's order normalising drops but the grader keeps: "a/b" is not "a*b", "2^n" not "2*n".
_ORDER_MARKS = re.compile(r"[/^*×·|]")
_ORDER_NAMES = {"×": "*", "·": "*"}


def _signature(text: str) -> str:
    """What the grader reads in a formula that normalising drops: its comparisons, the plus and minus signs that
    join its terms (``formula_signs``: "n-1" and "n - 1" have one minus, "n+1" a plus, "k-means" none) and its
    marks of order, in order."""
    marks = [_COMPARISON_NAMES.get(m, m) for m in _COMPARISONS.findall(text)]
    marks += formula_signs(text)
    marks += [
        _ORDER_NAMES.get(m.group(), m.group())
        for m in _ORDER_MARKS.finditer(text)
        # (between two terms of a formula: the slash of a name, "TCP/IP", "input/output", is no mark the grader reads)
        if _operand_before(text, m.start()) and _operand_after(text, m.start())
    ]
    return " ".join(marks)


#: The longest answer read as one number ("one hundred and seventy-five thousand" has 37 characters).
_NUMBER_CHARS = 40


def _number_key(text: str) -> str | None:
    """The value of an answer that is one number in any form the grader reads as that number ("0.5", "1/2", "half",
    "50%"; "50k", "fifty thousand"), a share as its fraction; None for any other answer, and for a number with a
    comparison ("< 2" is not "2")."""
    if len(text) > _NUMBER_CHARS or _COMPARISONS.search(text):
        return None
    toks = analyse(text)
    if len(toks) != 1 or not toks[0].num:
        return None
    word = toks[0].word
    try:
        value = Decimal(word[:-1]) / 100 if word.endswith("%") else Decimal(word)
    except InvalidOperation:
        return None  # (a number with a unit, "3x", "44.1khz": its own words)
    return "= " + format(value.normalize(), "f")


def answer_key(text: str) -> str:
    """What answers typed alike share: their normalised words and the signs between them the grader reads ("" for
    an answer of nothing); for an answer of one number, its value ("0.5", "1/2" and "50%" are one). An answer of
    signs alone ("^", "->") is its own, spaces and case aside."""
    words = normalise(text) or fold(text) or " ".join(text.split()).casefold()
    if not words:
        return ""
    ideographs = han(text)
    if ideographs:
        return f"{ideographs} {words}"  # ("妈" and "骂" both read "ma"; "東京" is "东京")
    if words in ORDINAL_WORDS:
        return f"= {ORDINAL_WORDS[words]}"  # ("fifth" is "5th", as the grader takes them)
    # (only an answer with a word that may start a number is read as one: most are not, and reading costs)
    number = None if plain_words(words.split()) else _number_key(text)
    if number is not None:
        return number
    signs = _signature(text)
    return words + " " + signs if signs else words


def ranked_wrong_answers(
    rows: Sequence[tuple[str, int]], keys: Mapping[str, str] | None = None
) -> list[tuple[WrongAnswer, str]]:
    """(answer as typed, times) grouped by their normalised words and the signs between them, the biggest groups
    first: each group shown by its most frequent spelling, with that spelling as typed (for the grader). An
    answer of signs only ("^", "->") is grouped by itself, spaces and case aside. ``keys``: the ``answer_key`` of
    texts, worked out already."""
    totals: Counter[str] = Counter()
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    typed: dict[tuple[str, str], str] = {}
    for text, times in rows:
        key = keys[text] if keys is not None and text in keys else answer_key(text)
        if not key:
            continue
        totals[key] += times
        shown = one_line(text.strip(), 80)
        spellings[key][shown] += times
        typed.setdefault((key, shown), text)
    _join_rounded(totals, spellings, typed)
    ranked = sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))
    found = []
    for key, n in ranked:
        shown = _spelling(key, spellings[key])
        found.append((WrongAnswer(shown, n), typed[key, shown]))
    return found


#: The most groups of numbers (the biggest) compared with each other for ``_join_rounded``: 1,770 pairs at most, a few
#: microseconds each, where only the biggest groups are shown.
_ROUNDED_COMPARED = 60


def _rounds(a: str, b: str) -> bool:
    """Whether the grader takes one of two numbers (their values written out) for the other rounded: only where one
    is written long enough to be a value worked out ("0.333333" for "1/3", not "123456" for "120000")."""
    return (len(a) > _ENDLESS_CHARS or len(b) > _ENDLESS_CHARS) and rounded_same(a, b)


def _join_rounded(
    totals: Counter[str], spellings: dict[str, Counter[str]], typed: dict[tuple[str, str], str]
) -> None:
    """Join each group of a number into the bigger group of a number it is the other rounded, as the grader takes
    them ("0.33" and "1/3", "33%" and "one third"): in place."""
    numbers = sorted((k for k in totals if k.startswith("= ")), key=lambda k: (-totals[k], k))[:_ROUNDED_COMPARED]
    for i, small in enumerate(numbers):
        into = next((big for big in numbers[:i] if big in totals and _rounds(big[2:], small[2:])), None)
        if into is None:
            continue
        totals[into] += totals.pop(small)
        for shown, times in spellings.pop(small).items():
            spellings[into][shown] += times
            typed.setdefault((into, shown), typed[small, shown])


def group_wrong_answers(rows: Sequence[tuple[str, int]], limit: int = TOP_WRONG) -> tuple[WrongAnswer, ...]:
    """The ``limit`` biggest groups of ``ranked_wrong_answers``."""
    return tuple(w for w, _ in ranked_wrong_answers(rows)[:limit])


def _spelling(norm: str, spellings: Counter[str]) -> str:
    """The most frequent spelling of a group; on a tie, the plainest (the one equal to its folded words)."""
    return min(spellings.items(), key=lambda kv: (-kv[1], kv[0] != norm, kv[0]))[0]


def build_insight(
    guild_id: int,
    deck: str | None,
    totals: Sequence[tuple[str, int, int]],
    wrong: Sequence[tuple[str, str, int]],
    disputes: Sequence[tuple[str, str, int]],
    catalog: Catalog,
    stored: Mapping[str, StoredCardName] | None = None,
    grouped: Mapping[str, tuple[WrongAnswer, ...]] | None = None,
) -> Insight:
    """One ``CardInsight`` per card answered or disputed, most missed first (then least accurate). Each is named
    by its deck's name as the server knows it (``biology (shared):cell`` beside the server's own ``biology:cell``);
    a card no longer in the catalog by ``stored`` (its deck's name and
    its question as last stored: a retired card, a removed deck's). ``grouped``: each card's common wrong answers
    as already chosen (then ``wrong`` is not read)."""
    per_card_wrong: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for key, text, times in wrong:
        per_card_wrong[key].append((text, times))
    per_card_disputes: dict[str, dict[str, int]] = defaultdict(dict)
    for key, status, n in disputes:
        per_card_disputes[key][status] = n
    counts = {key: (answers, correct) for key, answers, correct in totals}
    cards = []
    for key in sorted(set(counts) | set(per_card_disputes)):
        answers, correct = counts.get(key, (0, 0))
        card = catalog.card(key)
        known = stored.get(key) if card is None and stored is not None else None
        if card is not None:  # (named as this server knows its deck: two decks of one name are told apart)
            question, label, retired = card.question, catalog.label(card, guild_id), False
        elif known is not None:  # a card no longer in its deck: its question and deck as last stored
            label = catalog.stored_label(guild_id, known.deck_name, known.card_id, shared=known.shared)
            question, retired = known.question, known.retired
        else:
            question, label, retired = "", "", False
        cards.append(
            CardInsight(
                card_key=key,
                question=question,
                answers=answers,
                correct=correct,
                wrong_answers=(
                    grouped.get(key, ()) if grouped is not None else group_wrong_answers(per_card_wrong.get(key, ()))
                ),
                disputes=per_card_disputes.get(key, {}),
                label=label,
                retired=retired,
            )
        )
    cards.sort(key=lambda c: (-c.missed, c.accuracy, c.name))
    return Insight(guild_id=guild_id, deck=deck, cards=tuple(cards))


def insight_csv(insight: Insight) -> str:
    """The insight as CSV (a header row, then one row per card, most missed first)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for c in insight.cards:
        writer.writerow(
            [
                c.name, _safe(c.question), c.answers, c.correct, f"{c.accuracy:.3f}", c.missed,
                c.disputes.get("open", 0), c.disputes.get("accepted", 0), c.disputes.get("rejected", 0),
                "; ".join(f"{_safe(w.text)} ({w.times})" for w in c.wrong_answers),
            ]
        )  # fmt: skip
    return out.getvalue()


def _safe(text: str) -> str:
    """A cell no spreadsheet runs as a formula."""
    return formula_guard(" ".join(text.split()))
