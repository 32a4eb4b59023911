"""What reading deck text for Discord costs (``cogs._format.card_text``: code spans and blocks kept, mentions and
markup escaped outside them), on the shipped deck's explanations and on texts made to be slow to read.

Run: ``.venv/bin/python bench/bench_escape.py [--runs 3]``. Prints numbers; asserts nothing.

Every card shown by ``/define``, a reveal or ``/deck info`` goes through it on the event loop. The adversarial
texts are of about 8,000 characters (a long imported explanation), each with a mention so that it is read: runs
of newlines after a code fence, unclosed strikethrough, backslashes between fences, marks nested thousands deep,
thousands of italic stars, backtick runs that close nowhere, one run of ten thousand backticks.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import CARDS, Table  # noqa: E402

from bot.core.decks import load_decks  # noqa: E402
from cogs._format import card_text  # noqa: E402

ADVERSARIAL = {
    "newlines after a fence": "```a" + "\n" * 8000 + "a < b",
    "newlines, no language": "```" + "\n" * 7990 + "@everyone",
    "unclosed strikethrough": "~_~" * 2666 + "<",
    "backslashes between fences": "```\\" * 2000 + "<",
    "marks nested deep": "**__~~||" * 500 + "@here" + "||~~__**" * 500,
    "italic stars": "*a" * 4000 + "@here",
    "backtick runs": "`a" * 4000 + "@here",
    "one long backtick run": "`" * 9995 + "@here",
    "a long run after an escape": "\\" + "`" * 9995 + "@here",
    "underscores": "_a " * 2660 + "@here",
    "links with backticks": "http://a.co/` " * 570 + "@here",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    texts = [c.answer + " @here" for deck in load_decks(CARDS) for c in deck.cards]
    table = Table("deck text read for Discord (card_text)")
    for _run in range(args.runs):
        began = time.perf_counter()
        for text in texts:
            card_text(text)
        table.add(f"shipped deck, {len(texts)} explanations, each", (time.perf_counter() - began) / len(texts), "us")
        for name, text in ADVERSARIAL.items():
            began = time.perf_counter()
            card_text(text)
            table.add(f"{name} ({len(text):,} chars)", time.perf_counter() - began, "ms", "< 20 ms")
    table.print()


if __name__ == "__main__":
    main()
