"""What hiding the cards asked in the other servers a member plays in costs a lookup of theirs.

Run: ``.venv/bin/python bench/bench_hidden_elsewhere.py [--servers 1,10,50] [--runs 3]``. Prints numbers;
asserts nothing.

A member's lookup in one server (``/define``, each autocomplete keystroke, ``/search``) leaves out the cards asked
in the other servers they have answered in (``QuizService.hidden_cards`` with ``user_id``). What that adds is read
from the store when what was read is old: the servers they play in (``stats_members``, a minute at most) and those
servers' unrevealed daily questions (30 seconds at most), in one statement. Each run measures, on a real
SQLite file with the shipped decks, for a member who plays in ``--servers`` servers, each with a daily question
open and a channel quiz asking a card:

- an autocomplete keystroke when both have to be read again (the first keystroke after they are old);
- a keystroke with both read (every other keystroke);
- the same keystroke of a member who plays in no other server (what a lookup cost before).
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import CARDS, Table  # noqa: E402

from bot.core import options as core_options  # noqa: E402
from bot.core.service import Services  # noqa: E402

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
HERE = 1
MEMBER, NEWCOMER = 7, 8
KEYSTROKES = 200


async def world(folder: Path, servers: int) -> Services:
    """The member has an answer in each of ``servers`` servers, each with a daily question open and a channel
    quiz asking a card."""
    options = core_options.CoreOptions(db_path=folder / "tutor.sqlite3", cards_dir=CARDS)
    services = await Services.create(options, clock=lambda: NOW, rng=random.Random(3))
    cards = [c for c in services.catalog.view(HERE).askable if not c.is_essay]
    async with services.store.transaction() as db:
        for n in range(servers):
            guild = 1000 + n
            await db.execute(
                "INSERT INTO stats_members (guild_id, user_id, user_name, updated_at) VALUES (?, ?, 'member', 1)",
                (guild, MEMBER),
            )
            post = await services.daily.queries.insert_claim(
                db, guild_id=guild, day=date(2026, 3, 2), zone="UTC", card_key=cards[n % len(cards)].key,
                channel_id=5, post_at=NOW, closes_at=NOW + timedelta(hours=6), now=NOW,
            )
            await db.execute("UPDATE daily_posts SET state = 'posted' WHERE id = ?", (post,))
    for n in range(servers):
        quiz = await services.quiz.start_quiz(
            user_id=100 + n, user_name="starter", guild_id=1000 + n, channel_id=10_000 + n
        )
        quiz.plan = [(cards[(n + 7) % len(cards)], "question")]
        services.quiz.open_question(quiz.id)
    return services


async def keystrokes(services: Services, user_id: int, *, stale: bool) -> list[float]:
    """Seconds per autocomplete keystroke of ``user_id`` (what was read made old before each one: ``stale``)."""
    took = []
    for i in range(KEYSTROKES):
        if stale:
            services.quiz._plays.clear()
            services.quiz._daily_hidden.clear()
        started = time.perf_counter()
        await services.lookup.suggest_async("att" if i % 2 else "temp", 25, guild_id=HERE, user_id=user_id)
        took.append(time.perf_counter() - started)
    return took


def p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * (len(ordered) - 1)))]


async def run(servers_list: list[int], runs: int) -> None:
    table = Table(f"a lookup's hidden cards, {KEYSTROKES} autocomplete keystrokes, SQLite")
    for _ in range(runs):
        for servers in servers_list:
            with tempfile.TemporaryDirectory() as folder:
                services = await world(Path(folder), servers)
                try:
                    await keystrokes(services, MEMBER, stale=False)  # (the index built, the tables warm)
                    stale = await keystrokes(services, MEMBER, stale=True)
                    warm = await keystrokes(services, MEMBER, stale=False)
                    alone = await keystrokes(services, NEWCOMER, stale=False)
                finally:
                    await services.close()
            table.add(f"{servers} servers: keystroke, read again, median", p(stale, 0.5), "ms")
            table.add(f"{servers} servers: keystroke, read again, p99", p(stale, 0.99), "ms")
            table.add(f"{servers} servers: keystroke, as read, median", p(warm, 0.5), "ms")
            table.add(f"{servers} servers: keystroke, as read, p99", p(warm, 0.99), "ms")
            table.add(f"{servers} servers: keystroke of a member of none, median", p(alone, 0.5), "ms")
    table.print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--servers", default="1,10,50")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    asyncio.run(run([int(n) for n in args.servers.split(",")], args.runs))


if __name__ == "__main__":
    main()
