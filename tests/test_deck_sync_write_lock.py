"""A deck sync holds the database's write lock only for its own work, never while it waits behind a build.

The sync compares the decks with the stored cards in a worker thread while its write transaction is open.
Builds off the event loop (a term index, a deck read from an upload, a large structure being taken apart)
run one at a time; had the comparison waited for its turn behind them, the write lock would have waited
too, and so would every other writer of the file: another shard process's answers, refused after the
busy timeout. Here a build blocks the queue while the deck files change, and another process writes.
"""

from __future__ import annotations

import asyncio
import textwrap
import threading
from datetime import UTC, datetime
from pathlib import Path

from bot.core.decks import load_decks_with_digest
from bot.core.lookup.offloop import off_loop
from bot.core.service import deck_queries
from bot.core.storage.store import Store

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


def deck_file(folder: Path, cards: int) -> Path:
    body = "".join(
        textwrap.indent(
            textwrap.dedent(
                f"""\
                - id: card{n}
                  question: What is thing number {n}?
                  answer: Thing {n}.
                  accept: [thing {n}]
                """
            ),
            "  ",
        )
        for n in range(cards)
    )
    path = folder / "sync.yaml"
    path.write_text(f"deck: sync\ntitle: Sync deck\ncards:\n{body}", encoding="utf-8")
    return folder


async def cards_stored(store: Store) -> int:
    async with store.read() as db:
        return int((await db.execute_fetchall("SELECT COUNT(*) FROM cards WHERE retired = 0"))[0][0])


async def test_a_sync_writes_while_a_build_holds_the_queue_and_another_process_can_write(tmp_path: Path) -> None:
    path = tmp_path / "tutor.sqlite3"
    store = await Store.open(path)
    other = await Store.open(path)  # another shard process's connections to the same file
    gate = threading.Event()
    build = asyncio.create_task(off_loop(lambda: gate.wait(30)))  # a long build, in the queue's one slot
    try:
        await asyncio.sleep(0.05)
        decks, digest = load_decks_with_digest(deck_file(tmp_path, 40))
        sync = asyncio.create_task(deck_queries(store).sync_decks(decks, now=NOW, digest=digest))
        for _ in range(500):  # up to 10 s: the sync's commit is seen on another connection
            if await cards_stored(store) == 40:
                break
            await asyncio.sleep(0.02)
        assert await cards_stored(store) == 40, "the sync's transaction waited for the build"
        assert not build.done()  # ... which still runs
        # The write lock is free: the other process writes at once, without waiting for the build either.
        async with other.transaction() as db:
            await db.execute("INSERT INTO guild_settings (guild_id, timezone, updated_at) VALUES (1, 'UTC', 0)")
        gate.set()
        report = await asyncio.wait_for(sync, 30)
        assert len(report.added) == 40
    finally:
        gate.set()
        await build
        await other.close()
        await store.close()
