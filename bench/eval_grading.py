"""How often the grader is right on the labelled answers of ``tests/data/labelled``, per failure class.

Run: ``.venv/bin/python bench/eval_grading.py [--split tune|heldout|fresh|fresh-tune|fresh-heldout|both]
[--mode accept-only|deck|both] [--show-misses N]``. Prints tables; asserts nothing
(``tests/test_labelled_grading.py`` checks the set). ``both`` (the default) is every part there is: the tune
and held-out parts, and, when its file exists, the fresh part whole and its two halves.

The fresh part is split by card into two halves by a rule fixed before any of its cases was read: a card
is in ``fresh-tune`` when ``int(sha1(card id).hexdigest(), 16) % 2 == 0``, else in ``fresh-heldout``.
``--show-misses`` lists cases of the tune part and of ``fresh-tune`` only, and refuses the others: they
are measured, never read.

Each case is graded by ``grade_card`` (the call the quiz, the daily question and /review make) on a card
built from the case's fields:

- **accept-only** mode: the card has only its question and accepted answers, as a deck imported from
  Quizlet or a CSV file has them (no reject list, aliases, term or key points);
- **deck** mode: the card as written in ``cards/genai-basics.yaml`` (reject list, aliases, term, key points,
  and its explanation: the answer text the reveal and /define show, read from the deck file by card id; the
  fresh part's new cards carry theirs in each case, ``explanation``).

As in the bot, the names of every loaded deck are known terms (``register_deck_terms``): the decks of
``cards/`` and the set's own cards of the mode graded (as an imported deck has them: no responses, no labels).

Next to the grader, the same cases judged by a plain whole-string similarity: correct when
``rapidfuzz.fuzz.WRatio(response, accepted) >= 85`` for any accepted answer (rapidfuzz's default
processing); for an essay card, partial when some key points reach 85 and correct when all do.

Columns: ``n`` cases; ``acc`` the share judged as labelled; ``FA`` false accepts (a wrong or partial answer
judged correct) and, in the ``all`` row, their share of the cases that are not right; ``FR`` false
rejects (a right answer refused); ``miss`` the other mistakes (an answer treated as empty, a partial
answer judged wrong).
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rapidfuzz import fuzz, utils  # noqa: E402

from bot.core.decks import load_decks  # noqa: E402
from bot.core.grading import grade_card, register_deck_terms  # noqa: E402
from bot.core.models import Card, Deck, VerdictKind  # noqa: E402

LABELLED = ROOT / "tests" / "data" / "labelled"
MODES = ("accept-only", "deck")
SPLITS = ("tune", "heldout")
#: A third part, written later by someone who never saw the grader: measured, never read case by case but
#: in its first half. Cards may be new or the set's own; a card's part is not its hash here. In deck mode
#: its cards are new ones, each case carrying its card's explanation (``explanation``).
FRESH = "fresh"
#: The fresh part's two halves, by a hash of the card id (``fresh_half_of``): misses of the first may be read.
FRESH_HALVES = ("fresh-tune", "fresh-heldout")
#: The parts whose misses ``--show-misses`` may list: every other part is only ever measured.
READABLE = ("tune", "fresh-tune")
EXPECTED = ("right", "wrong", "partial", "empty")
#: The failure classes of the grading issue, then the ordinary answers.
CLASSES = (
    "echo",
    "trailing_claim",
    "qualifier",
    "known_term_slip",
    "word_order",
    "wrong_expansion",
    "two_answers",
    "yes_no",
    "short_form",
    "number_form",
    "surname",
    "spaced_letters",
    "right",
    "typo",
    "wrong",
    "essay",
)
#: The fields a case carries in each mode (besides its label): what ``tutorbot grade --jsonl`` reads.
CARD_FIELDS = {
    "accept-only": ("question", "accept"),
    "deck": ("question", "accept", "reject", "aliases", "term", "keypoints"),
}
WRATIO_CUTOFF = 85

Case = dict[str, Any]
Judge = Callable[[Case], VerdictKind]


def split_of(card: str) -> str:
    """Which part a card's cases belong to: half the cards, by a hash of the card id, are held out."""
    return "heldout" if int(hashlib.sha256(card.encode("utf-8")).hexdigest(), 16) % 2 == 0 else "tune"


def fresh_half_of(card: str) -> str:
    """Which half of the fresh part a card's cases belong to (a rule fixed before the part was read)."""
    return "fresh-tune" if int(hashlib.sha1(card.encode("utf-8")).hexdigest(), 16) % 2 == 0 else "fresh-heldout"


def path_of(mode: str, split: str) -> Path:
    """The file holding a part (the fresh halves sit in the fresh part's file)."""
    return LABELLED / f"{mode}.{FRESH if split in FRESH_HALVES else split}.jsonl"


def load(mode: str, split: str) -> list[Case]:
    """The cases of one mode and part, in file order."""
    with open(path_of(mode, split), encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    if split in FRESH_HALVES:
        rows = [row for row in rows if fresh_half_of(row["card"]) == split]
    return rows


def splits_of(mode: str) -> tuple[str, ...]:
    """The files there are for ``mode``: tune and held-out, and the fresh part when its file exists."""
    fresh = (FRESH,) if path_of(mode, FRESH).exists() else ()
    return (*SPLITS, *fresh)


def parts_of(mode: str) -> tuple[str, ...]:
    """The parts measured for ``mode``: its files, and the fresh part's two halves when it exists."""
    files = splits_of(mode)
    return (*files, *FRESH_HALVES) if FRESH in files else files


@functools.cache
def shipped_answers() -> dict[str, str]:
    """The explanation (answer text) of every card of ``cards/``, by ``deck:card`` id."""
    return {f"{card.deck}:{card.id}": card.answer for deck in load_decks(ROOT / "cards") for card in deck.cards}


def card_of(case: Case, mode: str) -> Card:
    """The card a case is graded on, with only the fields its mode allows."""
    deck, _, card_id = case["card"].partition(":")
    fields = CARD_FIELDS[mode]
    return Card(
        deck=deck,
        id=card_id,
        question=case["question"],
        answer=(case.get("explanation") or shipped_answers().get(case["card"], "")) if mode == "deck" else "",
        term=case.get("term") if "term" in fields else None,
        aliases=tuple(case.get("aliases") or ()) if "aliases" in fields else (),
        accept=tuple(case.get("accept") or ()),
        reject=tuple(case.get("reject") or ()) if "reject" in fields else (),
        keypoints=tuple(case.get("keypoints") or ()) if "keypoints" in fields else (),
    )


def loaded_decks(mode: str) -> list[Deck]:
    """The decks loaded while grading ``mode``: ``cards/`` and the set's cards of that mode, as one deck."""
    cards = {(c["card"], c["question"]): card_of(c, mode) for split in splits_of(mode) for c in load(mode, split)}
    return [*load_decks(ROOT / "cards"), Deck(id=f"labelled-{mode}", title=mode, cards=tuple(cards.values()))]


def grader(mode: str) -> Judge:
    """The bot's grader, through ``grade_card``, with the decks of ``mode`` loaded."""
    register_deck_terms(loaded_decks(mode))

    def judge(case: Case) -> VerdictKind:
        return grade_card(card_of(case, mode), case["response"]).kind

    return judge


def wratio(case: Case) -> VerdictKind:
    """Plain whole-string similarity: ``fuzz.WRatio >= 85`` against any accepted answer (or each key point)."""
    said = utils.default_process(case["response"])
    if not said:
        return VerdictKind.EMPTY
    accept = case.get("accept") or ()
    if accept:
        hit = any(fuzz.WRatio(said, a, processor=utils.default_process) >= WRATIO_CUTOFF for a in accept)
        return VerdictKind.CORRECT if hit else VerdictKind.WRONG
    points = [k.split("|")[0].strip() for k in case.get("keypoints") or ()]
    made = sum(fuzz.WRatio(said, p, processor=utils.default_process) >= WRATIO_CUTOFF for p in points)
    if points and made == len(points):
        return VerdictKind.CORRECT
    return VerdictKind.PARTIAL if made else VerdictKind.WRONG


def outcome(expected: str, kind: VerdictKind) -> str:
    """``ok``, ``false_accept``, ``false_reject`` or ``miss`` for one judged case."""
    accepted = kind is VerdictKind.CORRECT
    if expected == "right":
        return "ok" if accepted else "false_reject"
    if accepted:
        return "false_accept"
    if expected == "wrong":
        return "ok" if kind in (VerdictKind.WRONG, VerdictKind.ALMOST, VerdictKind.PARTIAL) else "miss"
    if expected == "partial":
        return "ok" if kind is VerdictKind.PARTIAL else "miss"
    return "ok" if kind is VerdictKind.EMPTY else "miss"


def score(cases: Iterable[Case], judge: Judge) -> dict[str, Counter[str]]:
    """Per class and ``all``: ``n``, ``ok``, ``false_accept``, ``false_reject``, ``miss``, ``not_right``."""
    table: dict[str, Counter[str]] = defaultdict(Counter)
    for case in cases:
        result = outcome(case["expected"], judge(case))
        for key in (case["class"], "all"):
            row = table[key]
            row["n"] += 1
            row[result] += 1
            row["not_right"] += case["expected"] != "right"
    return table


def misses(cases: Iterable[Case], judge: Judge) -> list[tuple[str, Case, VerdictKind]]:
    """Every case judged otherwise than labelled, with its outcome and the verdict."""
    found = []
    for case in cases:
        kind = judge(case)
        result = outcome(case["expected"], kind)
        if result != "ok":
            found.append((result, case, kind))
    return found


def _cells(row: Counter[str], *, share: bool) -> str:
    n = row["n"]
    fa = f"{row['false_accept']:>4}"
    if share:
        rate = row["false_accept"] / row["not_right"] if row["not_right"] else 0.0
        fa = f"{row['false_accept']:>4} ({rate:5.1%})"
    else:
        fa = f"{fa:>12}"
    return f"{n:>5} {row['ok'] / n:>7.1%} {fa} {row['false_reject']:>4} {row['miss']:>4}"


def format_table(title: str, ours: dict[str, Counter[str]], theirs: dict[str, Counter[str]]) -> str:
    """One table: the grader and the WRatio baseline side by side, one row per class, ``all`` last."""
    head = f"{'n':>5} {'acc':>7} {'FA':>12} {'FR':>4} {'miss':>4}"
    lines = [title, f"{'class':<16} {head}   | WRatio>={WRATIO_CUTOFF}: {head[6:]}"]
    keys = [c for c in CLASSES if c in ours] + sorted(k for k in ours if k not in CLASSES and k != "all")
    for key in [*keys, "all"]:
        share = key == "all"
        mine, base = _cells(ours[key], share=share), _cells(theirs[key], share=share)
        lines.append(f"{key:<16} {mine}   | {base[6:]}")
    return "\n".join(lines)


def evaluate(modes: Sequence[str], splits: Sequence[str]) -> dict[tuple[str, str], dict[str, Counter[str]]]:
    """Score the grader on each (mode, split); returns the tables (for callers that want the numbers)."""
    return {(m, s): score(load(m, s), grader(m)) for m in modes for s in splits}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mode", choices=(*MODES, "both"), default="both")
    parser.add_argument("--split", choices=(*SPLITS, FRESH, *FRESH_HALVES, "both"), default="both")
    parser.add_argument(
        "--show-misses",
        type=int,
        default=0,
        metavar="N",
        help=f"list N cases judged wrongly, of the parts {' and '.join(READABLE)} only",
    )
    args = parser.parse_args(argv)
    if args.show_misses and args.split not in (*READABLE, "both"):
        parser.error(f"--show-misses lists cases of {' and '.join(READABLE)} only: {args.split} is only measured")
    modes = MODES if args.mode == "both" else (args.mode,)
    for mode in modes:
        splits = parts_of(mode) if args.split == "both" else (args.split,)
        if args.split in (FRESH, *FRESH_HALVES) and FRESH not in splits_of(mode):
            print(f"\n== {mode} mode, {FRESH}: no cases ({path_of(mode, FRESH).name} is absent)")
            continue
        for split in splits:
            cases = load(mode, split)
            judge = grader(mode)
            cards = len({c["card"] for c in cases})
            title = f"\n== {mode} mode, {split} ({len(cases)} cases, {cards} cards)"
            print(format_table(title, score(cases, judge), score(cases, wratio)))
            if args.show_misses and split in READABLE:
                for result, case, kind in misses(cases, judge)[: args.show_misses]:
                    print(
                        f"  {result:<13} {case['class']:<16} {case['card']:<40} "
                        f"{case['response']!r} -> {kind.value}"
                    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
