"""`tutorbot grade`: grade typed answers from scripts (``--jsonl``) or try one card of a deck.

``tutorbot grade --jsonl`` reads JSON lines on stdin, each
``{"accept": [...], "response": "...", "question": "..."}`` with optional ``"reject"``, ``"keypoints"``,
``"aliases"``, ``"term"`` and ``"answer"`` (the card's answer text as a deck writes it: without ``"accept"``
it is the accepted answer; beside accepted answers it explains them, and a remark after a right answer
that contradicts it is wrong, as the bot grades a deck card), and writes one JSON line per input line, in order:
``{"verdict": "...", "correct": true|false, "score": 0.0-1.0, "reason": "...", "feedback": "..."}``
(``reason`` is the grader's stable reason code, ``feedback`` the full plain-text feedback). A malformed line
gives ``{"error": "...", "line": N}`` (N: its number in the input, blank lines counted) and the rest still run;
blank lines are skipped. The exit code is 0.

``tutorbot grade --deck cards/genai-basics.yaml --card ID "typed answer"`` prints the verdict for a
deck author trying a card.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from typing import Any, TextIO

from bot.cli.render import one_line, verdict_text
from bot.core.decks import keypoint_has_words
from bot.core.grading import grade, grade_card, register_deck_terms
from bot.core.text import storable

_LIST_FIELDS = ("accept", "reject", "keypoints", "aliases")
_TEXT_FIELDS = ("question", "term", "answer")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "grade",
        help="grade typed answers (JSON lines on stdin, or one card of a deck)",
        description="Grade typed answers with the same grader the bot uses.",
    )
    p.add_argument(
        "--jsonl",
        action="store_true",
        help='read JSON lines on stdin ("response" and "accept", "keypoints", "term" or "answer", the card\'s '
        'answer text; optional "question", "reject", "aliases"), write one verdict line each',
    )
    p.add_argument("--deck", metavar="FILE", help="deck file (YAML) holding the card to try")
    p.add_argument("--card", metavar="ID", help="card id within --deck")
    p.add_argument(
        "--direction",
        choices=("question", "term"),
        default="question",
        help="answer the question (default) or recall the card's term from its answer",
    )
    p.add_argument("response", nargs="?", help="the typed answer (with --deck/--card)")
    p.set_defaults(func=handler)


def handler(args: argparse.Namespace) -> int:
    if args.jsonl:
        if args.deck or args.card or args.response is not None:
            print("tutorbot grade: --jsonl takes no deck, card or answer", file=sys.stderr)
            return 2
        if sys.stdin is None:  # (started with its input closed)
            print("tutorbot grade: --jsonl reads the cases on stdin, which is closed", file=sys.stderr)
            return 2
        if sys.stdin.isatty():  # (typed at a terminal: say what it waits for, on stderr, away from the results)
            print("tutorbot grade: reading JSON lines from stdin, one case a line; Ctrl-D to end", file=sys.stderr)
        return run_jsonl(sys.stdin, sys.stdout)
    if args.deck and args.card and args.response is not None:
        return run_card(args.deck, args.card, args.response, args.direction)
    if args.deck or args.card:
        missing = [name for name, given in (("--deck FILE", args.deck), ("--card ID", args.card),
                                            ('the typed answer ("...")', args.response is not None)) if not given]
        print(f"tutorbot grade: trying a card needs {' and '.join(missing)} too", file=sys.stderr)
    print(
        "usage: tutorbot grade --jsonl < cases.jsonl\n"
        '       tutorbot grade --deck FILE --card ID "typed answer"',
        file=sys.stderr,
    )
    return 2


def _json_type(value: Any) -> str:
    """What a JSON value is, in JSON's words (for a message about a field of the wrong type)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    return "a list" if isinstance(value, list) else "an object"


def _parse(line: str) -> dict[str, Any]:
    """Validate one input line; raises ValueError with a message for the player of the script."""
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"invalid JSON: {exc.msg} (column {exc.colno})") from None
    except RecursionError:
        raise ValueError("invalid JSON: nested too deeply") from None
    if not isinstance(data, dict):
        raise ValueError(f"each line must be a JSON object, not {_json_type(data)}")
    if "response" not in data:
        raise ValueError('"response" is missing: give what the player typed')
    response = data.get("response")
    if not isinstance(response, str):
        raise ValueError(f'"response" must be a string, not {_json_type(response)}')
    kwargs: dict[str, Any] = {}
    for name in _LIST_FIELDS:
        value = data.get(name)
        if value is None:
            continue
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            raise ValueError(f'"{name}" must be a list of strings, not {_json_type(value)}')
        wrong = [v for v in value if not isinstance(v, str)]
        if wrong:
            raise ValueError(f'"{name}" must be a list of strings, but it holds {_json_type(wrong[0])}')
        kwargs[name] = tuple(value)
    for name in _TEXT_FIELDS:
        value = data.get(name)
        if value is not None and not isinstance(value, str):
            raise ValueError(f'"{name}" must be a string, not {_json_type(value)}')
        kwargs[name] = value
    empty = next((n for n, point in enumerate(kwargs.get("keypoints") or (), start=1) if not keypoint_has_words(point)), 0)
    if empty:
        raise ValueError(f'"keypoints" item {empty} has no words to look for')
    if not any(kwargs.get(name) for name in ("accept", "keypoints", "term")) and not (kwargs.get("answer") or "").strip():
        raise ValueError('give "accept", "keypoints", "term" or "answer" to grade against')
    return {"response": response, **kwargs}


def _lines(stdin: TextIO) -> Iterator[str | UnicodeDecodeError]:
    """The input's lines, each decoded on its own as UTF-8 (a line that is not: its error, and the next lines
    still come); a stream with no bytes beneath (a test's StringIO) as it is."""
    raw = getattr(stdin, "buffer", None)
    if raw is None:
        yield from stdin
        return
    for data in raw:
        try:
            yield data.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield exc


def run_jsonl(stdin: TextIO, stdout: TextIO) -> int:
    ascii_only = (getattr(stdout, "encoding", None) or "utf-8").lower().replace("-", "") != "utf8"
    for number, line in enumerate(_lines(stdin), start=1):
        if isinstance(line, UnicodeDecodeError):
            out: dict[str, Any] = {
                "error": f"the line is not UTF-8 text (byte 0x{line.object[line.start]:02x})", "line": number
            }
            stdout.write(json.dumps(out) + "\n")
            stdout.flush()
            continue
        if not line.strip():
            continue
        try:
            case = _parse(line)
            verdict = grade(case.pop("response"), **case)
            out = {
                "verdict": verdict.kind.value,
                "correct": verdict.correct,
                "score": round(float(verdict.score), 4),
                "reason": verdict.reason.value,
                "feedback": verdict_text(verdict),
            }
        except ValueError as exc:
            out = {"error": str(exc), "line": number}
        except Exception as exc:  # one bad line must not stop the others
            out = {"error": f"internal error: {type(exc).__name__}", "line": number}
        # (a lone surrogate quoted: dropped; on a terminal that is not UTF-8, every character escaped: still JSON)
        stdout.write(storable(json.dumps(out, ensure_ascii=ascii_only)) + "\n")
        stdout.flush()
    return 0


def run_card(deck_path: str, card_id: str, response: str, direction: str) -> int:
    from bot.core.decks import DeckError, load_deck

    try:
        deck = load_deck(deck_path)
    except DeckError as exc:
        print(f"{deck_path}: invalid deck\n{exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"{deck_path}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    card = deck.card(card_id)
    if card is None:
        ids = ", ".join(c.id for c in deck.cards[:20])
        more = " ..." if len(deck.cards) > 20 else ""
        print(f"no card {card_id!r} in {deck_path} (cards: {ids}{more})", file=sys.stderr)
        return 2
    if direction == "term" and not card.names:
        print(f"card {card_id!r} has no term: only --direction question can be tried on it", file=sys.stderr)
        return 2
    register_deck_terms([deck])  # as the bot does for its loaded decks
    verdict = grade_card(card, response, direction=direction)
    print(verdict_text(verdict))
    print(f"verdict: {verdict.kind.value}  score: {verdict.score:.2f}  reason: {verdict.reason.value}")
    if verdict.matched:
        print(f"matched: {one_line(verdict.matched)}")
    if verdict.missing:
        print(f"missing: {'; '.join(one_line(m) for m in verdict.missing)}")
    return 0
