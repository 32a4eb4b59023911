"""The attempts table learns the ``review`` source (migration 0007): a database holding answers upgrades
losing nothing, the leaderboard trigger keeps firing, and review answers never score."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from old_schema_support import answers_as_before_0017, answers_as_now

from bot.core.catalog import Catalog
from bot.core.decks import load_decks
from bot.core.models import Attempt, Deck, Source, VerdictKind
from bot.core.review import ReviewService
from bot.core.storage import Store
from bot.core.storage import store as store_module
from bot.core.storage.attempts import AttemptWriter

ROOT = Path(__file__).resolve().parents[1]
G1 = 1001
ALICE, BOB = 11, 12
START = datetime(2026, 3, 18, 15, 30, tzinfo=UTC)
#: The last schema before attempts could hold review answers.
BEFORE = 6
SUMMARIES = ("board_scores", "user_card_stats", "stats_members", "stats_quiz_players")
ATTEMPT_COLUMNS = (
    "id, guild_id, channel_id, user_id, user_name, card_key, source, response, verdict, points, session_id, created_at"
)


@pytest.fixture
def decks() -> list[Deck]:
    return load_decks(ROOT / "tests" / "data" / "decks")


def attempt(user: int, key: str, source: Source, points: int, at: datetime, *, right: bool = True) -> Attempt:
    return Attempt(
        guild_id=G1, channel_id=5, user_id=user, user_name=f"user{user}", card_key=key, source=source,
        response="answer", verdict=VerdictKind.CORRECT if right else VerdictKind.WRONG, points=points,
        created_at=at, session_id="q1" if source is Source.QUIZ else None,
    )


def snapshot(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of the attempts, their review logs and the leaderboard summaries, in a stable order."""
    con = sqlite3.connect(path)
    try:
        found = {t: sorted(con.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in ("review_logs", *SUMMARIES)}
        found["attempts"] = con.execute(f"SELECT {ATTEMPT_COLUMNS} FROM attempts ORDER BY id").fetchall()
        return found
    finally:
        con.close()


def schema_of_attempts(path: Path) -> tuple[set[str], dict[str, str]]:
    """The names of the indexes on attempts, and its triggers with their SQL (spacing folded)."""
    con = sqlite3.connect(path)
    try:
        rows = con.execute("SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'attempts' AND sql IS NOT NULL")
        found = rows.fetchall()
    finally:
        con.close()
    return {n for t, n, _ in found if t == "index"}, {n: " ".join(sql.split()) for t, n, sql in found if t == "trigger"}


async def old_deck_sync(store: Store, decks: list[Deck]) -> None:
    """The decks as the deck sync of that version stored them (its rows, written directly: today's sync
    needs tables of later versions)."""
    at = int((START - timedelta(days=30)).timestamp() * 1000)
    async with store.transaction() as db:
        for deck in decks:
            await db.execute("INSERT INTO decks (id, title, updated_at) VALUES (?, ?, ?)", (deck.id, deck.title, at))
            for card in deck.cards:
                await db.execute(
                    "INSERT INTO cards (key, deck_id, card_id, term, question, status, data, updated_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, '{}', ?)",
                    (card.key, deck.id, card.id, card.term, card.question, card.status, at),
                )
                await db.executemany(
                    "INSERT INTO card_tags (card_key, tag) VALUES (?, ?)",
                    [(card.key, tag) for tag in (*card.tags, deck.id)],
                )


async def write(store: Store, writer: AttemptWriter, *attempts: Attempt) -> None:
    async with store.transaction() as db:
        for a in attempts:
            await writer.add(db, a)


async def test_a_database_with_answers_upgrades_losing_nothing_and_its_trigger_still_fires(
    tmp_path: Path, decks: list[Deck], monkeypatch: pytest.MonkeyPatch, clock
) -> None:
    path = tmp_path / "old.sqlite3"
    everything = store_module.migrations()
    monkeypatch.setattr(store_module, "migrations", lambda: [m for m in everything if m[0] <= BEFORE])
    old = await Store.open(path)
    assert await old.user_version() == BEFORE
    await old_deck_sync(old, decks)
    review = ReviewService(store=old, catalog=Catalog(decks), clock=clock)
    writer = AttemptWriter()
    writer.subscribe(review.on_attempt)
    with pytest.MonkeyPatch.context() as mp:
        answers_as_before_0017(mp)
        await write(
            old, writer,
            attempt(ALICE, "mini:bert", Source.QUIZ, 10, START - timedelta(days=3)),
            attempt(BOB, "mini:bert", Source.QUIZ, 0, START - timedelta(days=3), right=False),
            attempt(ALICE, "mini:temperature", Source.DAILY, 10, START - timedelta(days=2)),
            attempt(BOB, "mini:temperature", Source.PRACTICE, 0, START - timedelta(days=1)),
        )
        with pytest.raises(sqlite3.IntegrityError):  # the old schema refuses review answers
            await write(old, AttemptWriter(), attempt(ALICE, "mini:bert", Source.REVIEW, 0, START))
    answers_as_now()
    indexes, triggers = schema_of_attempts(path)
    await old.close()
    before = snapshot(path)
    assert len(before["attempts"]) == 4 and len(before["review_logs"]) == 4

    # The rebuild itself: the same rows, the same index names, the same trigger.
    monkeypatch.setattr(store_module, "migrations", lambda: [m for m in everything if m[0] <= BEFORE + 1])
    await (await Store.open(path)).close()
    assert snapshot(path) == before  # every answer with its id, every review log, every summary row
    assert schema_of_attempts(path) == (indexes, triggers) and set(triggers) == {"stats_attempt_added"}

    # And on to the newest schema.
    monkeypatch.setattr(store_module, "migrations", lambda: everything)
    store = await Store.open(path)
    try:
        assert await store.user_version() == store_module.schema_version()
        assert snapshot(path)["attempts"] == before["attempts"]
        async with store.read() as db:
            assert [tuple(r) for r in await db.execute_fetchall("PRAGMA integrity_check")] == [("ok",)]
            assert list(await db.execute_fetchall("PRAGMA foreign_key_check")) == []

        # The summary trigger fires on the rebuilt table: a quiz answer scores; a review answer does not
        # (it counts among the member's answers, as practice does).
        writer = AttemptWriter()
        await write(
            store, writer,
            attempt(BOB, "mini:bert", Source.QUIZ, 5, START),
            attempt(ALICE, "mini:bert", Source.REVIEW, 0, START + timedelta(minutes=1)),
        )
        after = snapshot(path)
        con = sqlite3.connect(path)
        try:
            boards = con.execute(
                "SELECT user_id, points, answers FROM board_scores WHERE scope = 'all' AND topic = '' ORDER BY user_id"
            ).fetchall()
            bert = con.execute(
                "SELECT user_id, answers, correct, points FROM user_card_stats WHERE card_key = 'mini:bert'"
                " ORDER BY user_id"
            ).fetchall()
        finally:
            con.close()
        assert boards == [(ALICE, 20, 2), (BOB, 5, 2)]
        assert bert == [(ALICE, 2, 2, 10), (BOB, 2, 1, 5)]
        assert len(after["attempts"]) == 6 and after["attempts"][:4] == before["attempts"]
        with pytest.raises(sqlite3.IntegrityError):  # the CHECK still guards the column
            async with store.transaction() as db:
                await db.execute(
                    "INSERT INTO attempts (user_id, user_name, card_key, source, response, verdict, created_at)"
                    " VALUES (1, 'x', 'mini:bert', 'bogus', '', 'wrong', 0)"
                )
    finally:
        await store.close()
