"""The repositories on both engines: each test runs on a SQLite file and on PostgreSQL (its own schema).

The features are wired as ``Services.create`` wires them, on a ``Store`` or on a ``PgCompatStore``; what a
member sees (boards, stats, daily posts, review states, disputes) must be the same on both. On PostgreSQL a
"second process" is a second store on the same schema (its own pool).
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from pg_support import Engine, PgSchema, both_engines, pg_schema  # noqa: F401  (fixtures ``engine``, ``pg``)

from bot.config import ConfigError, Settings
from bot.core.catalog import Catalog
from bot.core.daily import AlreadyAnswered, Claim
from bot.core.decks import load_decks
from bot.core.disputes import DisputeService
from bot.core.errors import Conflict
from bot.core.lookup import HL_END, HL_START, LookupService
from bot.core.models import Attempt, Source, VerdictKind
from bot.core.review import Rating, SessionSummary, Shown
from bot.core.scoring import FIRST_POINTS, WINDOW_POINTS
from bot.core.service import DeckTerms, Services, load_server_decks
from bot.core.storage import DeckQueries, StoreError
from bot.core.storage.attempts import AttemptWriter
from bot.core.storage.pg.compat import PgCompatStore, translate
from bot.core.storage.search_queries import SearchDocument, SearchQueries

ROOT = Path(__file__).resolve().parents[1]
G, G2, CH = 100, 101, 200
ALICE, BOB, CAROL, DAN, EVE, MOD = 1, 2, 3, 4, 5, 99
TEMPERATURE = "mini:temperature"
#: Opens a store on the test's database.
Opener = Callable[[], Awaitable[Any]]
PROMPT = "Which sampling parameter makes an LLM's output more repetitive when low and more creative when high?"


@pytest.fixture
def opener(engine: Engine) -> Opener:
    """Opens stores on this test's database (a SQLite file, or a PostgreSQL schema): a second one is a second
    process on the same data."""
    return engine.open


async def make_services(store: Any, clock: Any, rng: random.Random | None = None) -> Services:
    """The features on ``store``, built and started as ``Services.create`` does."""
    decks = load_decks(ROOT / "tests" / "data" / "decks")
    queries = DeckQueries(store)
    await queries.sync_decks(decks, now=clock())
    catalog = Catalog(decks)
    await load_server_decks(queries, catalog)
    terms = DeckTerms(catalog)
    await terms.start()
    services = Services(store, catalog, clock=clock, rng=rng or random.Random(7), terms=terms)
    for feature in services._features:
        await feature.start()
    return services


@pytest.fixture
async def services(opener: Opener, clock: Any) -> AsyncIterator[Services]:
    store = await opener()
    s = await make_services(store, clock)
    yield s
    for feature in reversed(s._features):
        await feature.close()


async def rows(services: Services, sql: str, params: Any = ()) -> list[tuple[Any, ...]]:
    async with services.store.read() as db:
        return [tuple(r) for r in await db.execute_fetchall(sql, params)]


async def write(store: Any, attempts: list[Attempt]) -> None:
    async with store.transaction() as db:
        for a in attempts:
            await AttemptWriter().add(db, a)


def attempt(user: int, clock: Any, *, points: int = 10, verdict: VerdictKind = VerdictKind.CORRECT,
            card: str = "mini:bert", guild: int = G) -> Attempt:
    return Attempt(
        guild_id=guild, channel_id=CH, user_id=user, user_name=f"user{user}", card_key=card, source=Source.QUIZ,
        response="x", verdict=verdict, points=points, created_at=clock(),
    )


# -- the SQL translation ---------------------------------------------------------------------------
def test_sqlite_constructs_become_postgresql_ones() -> None:
    t = translate("UPDATE quizzes SET message_id = ?, asked = MAX(asked, ?) WHERE id = ?")
    assert t.sql == "UPDATE quizzes SET message_id = $1, asked = GREATEST(asked, $2) WHERE id = $3"
    t = translate("SELECT SUM(points), SUM(verdict = 'correct') FROM attempts WHERE user_id = :u AND guild_id = :g"
                  " AND x != ':u'")
    assert t.sql == (
        "SELECT SUM(points), SUM((verdict = 'correct')::int) FROM attempts WHERE user_id = $1 AND guild_id = $2"
        " AND x != ':u'"
    )
    assert t.names == ("u", "g")
    t = translate("INSERT OR IGNORE INTO card_tags (card_key, tag) VALUES (?, ?)")
    assert t.sql == "INSERT INTO card_tags (card_key, tag) VALUES ($1, $2) ON CONFLICT DO NOTHING"
    t = translate("INSERT OR REPLACE INTO board_windows (guild_id, period, zone, start_ms, end_ms) VALUES (?, ?, ?, ?, ?)")
    assert t.sql.endswith(
        "ON CONFLICT (guild_id, period) DO UPDATE SET zone = excluded.zone, start_ms = excluded.start_ms,"
        " end_ms = excluded.end_ms"
    )
    assert translate("INSERT INTO disputes (guild_id) VALUES (?)").sql.endswith("RETURNING id")
    assert translate("SELECT 1 WHERE (? IS NULL OR card_key = ?)").sql == "SELECT 1 WHERE ($1::text IS NULL OR card_key = $2)"
    # The database assigns ids: an insert naming one would collide with the ids it hands out later.
    with pytest.raises(StoreError, match="the database assigns it"):
        translate("INSERT INTO attempts (id, user_id) VALUES (?, ?)")


# -- attempts, leaderboards and stats ---------------------------------------------------------------
async def test_answers_from_two_processes_keep_board_and_stats_totals_exact(
    opener: Opener, services: Services, clock: Any
) -> None:
    other = await make_services(await opener(), clock)
    writers = [services.store, other.store]
    batches = [
        [attempt(user, clock, points=10 if (user + n) % 3 else 0,
                 verdict=VerdictKind.CORRECT if (user + n) % 3 else VerdictKind.WRONG) for user in (1, 2, 3, 4)]
        for n in range(12)
    ]
    await asyncio.gather(*(write(writers[i % 2], batch) for i, batch in enumerate(batches)))
    expected = {u: sum(a.points for b in batches for a in b if a.user_id == u) for u in (1, 2, 3, 4)}
    correct = {u: sum(a.points > 0 for b in batches for a in b if a.user_id == u) for u in (1, 2, 3, 4)}
    for period in ("all", "week", "month"):
        board = await services.stats.leaderboard(G, period)
        assert {r.user_id: r.points for r in board.rows} == expected, period
        assert {r.user_id: r.correct for r in board.rows} == correct, period
        assert [r.points for r in board.rows] == sorted(expected.values(), reverse=True)
    for u in (1, 2, 3, 4):
        mine = await other.stats.stats(G, u)
        assert (mine.points_total, mine.correct, mine.answers) == (expected[u], correct[u], 12)
    assert (await rows(services, "SELECT COUNT(*), SUM(points) FROM attempts"))[0] == (48, sum(expected.values()))
    # Members who left, and members left out by the caller, are not listed; the others keep their totals.
    await services.stats.mark_departed(G, [4])
    for period in ("all", "week"):
        board = await other.stats.leaderboard(G, period, caller_id=1, exclude_user_ids=[3])
        assert {r.user_id: r.points for r in board.rows} == {1: expected[1], 2: expected[2]}, period
        assert board.total == 2 and board.caller is not None and board.caller.points == expected[1]
    # A group commit (ids given by the writer) and a single answer after it both land, with new ids.
    async with services.store.transaction() as db:
        ids = await AttemptWriter().add_batch(db, [attempt(5, clock), attempt(6, clock)])
    async with services.store.transaction() as db:
        last = await AttemptWriter().add(db, attempt(5, clock))
    assert len(set(ids)) == 2 and last > max(ids)
    assert {r.user_id: r.points for r in (await services.stats.leaderboard(G, "all")).rows}[5] == 20


async def test_an_answer_with_text_no_store_holds_is_written_on_both_engines(services: Services, clock: Any) -> None:
    # A NUL (PostgreSQL's text refuses it) and half of a surrogate pair (no UTF-8 text holds it), typed in an
    # answer and a name: written without them, with the answer written beside it in the same transaction.
    odd = Attempt(
        guild_id=G, channel_id=CH, user_id=1, user_name="al\x00ice\ud800", card_key="mini:bert", source=Source.QUIZ,
        response="temp\x00erature \ud800", verdict=VerdictKind.WRONG, points=0, created_at=clock(),
    )
    await write(services.store, [odd, attempt(2, clock)])
    assert await rows(services, "SELECT user_id, user_name, response FROM attempts ORDER BY user_id") == [
        (1, "alice", "temperature "), (2, "user2", "x"),
    ]


# -- the daily question -----------------------------------------------------------------------------
async def test_two_processes_claiming_the_daily_post_make_one_and_each_member_counts_once(
    opener: Opener, services: Services, clock: Any
) -> None:
    await services.daily.set_schedule(G, CH, "09:00", "Europe/Paris", topic="sampling")
    clock.now = clock.now.replace(hour=8, minute=0, second=30)
    other = await make_services(await opener(), clock, random.Random(1))
    results = await asyncio.gather(
        services.daily.claim_due(G), other.daily.claim_due(G), services.daily.claim_now(G),
        other.daily.claim_now(G), return_exceptions=True,
    )
    claims = [r for r in results if isinstance(r, Claim)]
    assert len(claims) == 1, results
    # The others are told today's question exists (whether they lost the race or came after it).
    assert all(r is None or isinstance(r, Claim) or (isinstance(r, Conflict) and r.code == "daily.posted")
               for r in results), results
    posts = await rows(services, "SELECT guild_id, state FROM daily_posts")
    assert posts == [(G, "claimed")]
    claim = claims[0]
    await services.daily.mark_posted(claim.post_id, 555)
    both = await asyncio.gather(
        services.daily.answer(claim.post_id, DAN, "dan", "temperature"),
        other.daily.answer(claim.post_id, DAN, "dan", "temperature"),
        return_exceptions=True,
    )
    assert sum(1 for r in both if not isinstance(r, Exception)) == 1, both
    assert sum(1 for r in both if isinstance(r, AlreadyAnswered)) == 1, both
    wrong = await other.daily.answer(claim.post_id, CAROL, "carol", "top-k")
    assert wrong.counted and wrong.points == 0
    counted = await rows(services, "SELECT user_id, verdict, points FROM daily_answers ORDER BY user_id")
    assert counted == [(CAROL, "wrong", 0), (DAN, "correct", 10)]
    assert (await services.stats.stats(G, DAN)).points_total == 10


# -- quizzes, review states and disputes ------------------------------------------------------------
async def temperature_quiz(services: Services, clock: Any) -> Any:
    """Bob and dan type "softmax divisor" (wrong), carol is right first, eve is wrong; bob tries again."""
    quiz = await services.quiz.start_quiz(
        user_id=ALICE, user_name="alice", guild_id=G, channel_id=CH, topic="sampling", seconds=60
    )
    card = services.catalog.card(TEMPERATURE)
    assert card is not None
    quiz.plan = [(card, "question")]
    services.quiz.open_question(quiz.id)
    for user_id, name, text in [
        (BOB, "bob", "softmax divisor"), (CAROL, "carol", "temperature"), (DAN, "dan", "Softmax divisor!"),
        (EVE, "eve", "randomness"), (BOB, "bob", "the randomness"),
    ]:
        await services.quiz.answer(quiz.id, user_id=user_id, user_name=name, response=text)
        clock.tick(0.5)
    await services.quiz.close_question(quiz.id, 1)
    return quiz


async def test_a_quiz_its_review_states_and_an_accepted_dispute(services: Services, clock: Any) -> None:
    quiz = await temperature_quiz(services, clock)
    stored = await rows(services, "SELECT user_name, verdict, points FROM attempts ORDER BY id")
    assert stored == [
        ("bob", "wrong", 0), ("carol", "correct", FIRST_POINTS), ("dan", "wrong", 0), ("eve", "wrong", 0),
        ("bob", "wrong", 0),
    ]
    states = await services.review.queries.states(G, CAROL)
    assert list(states) == [TEMPERATURE]
    logs = await services.review.queries.logs(G, BOB)
    assert [log.card_key for log in logs] == [TEMPERATURE]  # the first graded answer rates the card
    summary = await services.quiz.finish(quiz.id)
    assert summary.saved and (summary.attempts, summary.correct) == (5, 1)
    assert [(p.user_id, p.points) for p in summary.ranking][:1] == [(CAROL, FIRST_POINTS)]
    assert {p.user_id for p in summary.ranking} == {BOB, CAROL, DAN, EVE}
    assert (await rows(services, "SELECT status, winner_id FROM quizzes"))[0] == ("finished", CAROL)

    disputes = DisputeService(store=services.store, catalog=services.catalog, clock=clock)
    await disputes.start()
    bobs = (await rows(services, "SELECT id FROM attempts WHERE user_id = ? ORDER BY id", (BOB,)))[0][0]
    dispute = await disputes.open_dispute(guild_id=G, user_id=BOB, user_name="bob", attempt_id=bobs, prompt=PROMPT)
    page = await disputes.page(G)
    assert page is not None and (page.dispute.id, page.place, page.total) == (dispute.id, 1, 1)
    assert await disputes.page(G2) is None
    decision = await disputes.accept(dispute.id, guild_id=G, moderator_id=MOD)
    assert decision.accepted and decision.points == FIRST_POINTS + WINDOW_POINTS
    for period in ("all", "week", "month"):
        board = await services.stats.leaderboard(G, period)
        assert [(r.name, r.points, r.correct) for r in board.rows] == [
            ("bob", 10, 1), ("carol", 10, 1), ("dan", 5, 1), ("eve", 0, 0),
        ], period
    assert (await services.stats.stats(G, BOB)).points_total == FIRST_POINTS
    assert disputes.overlay_accepts(G, TEMPERATURE) == ("softmax divisor",)
    # After a restart the accepted answer is still there.
    again = DisputeService(store=services.store, catalog=services.catalog, clock=clock)
    await again.start()
    assert again.overlay_accepts(G, TEMPERATURE) == ("softmax divisor",)


async def test_a_review_session_takes_due_cards_then_new_ones_in_deck_order(services: Services, clock: Any) -> None:
    review = services.review
    await review.members.update(G, ALICE, new_per_day=2)
    writer = AttemptWriter()
    writer.subscribe(review.on_attempt)
    async with services.store.transaction() as db:
        await writer.add(db, Attempt(
            guild_id=G, channel_id=CH, user_id=ALICE, user_name="alice", card_key=TEMPERATURE, source=Source.QUIZ,
            response="x", verdict=VerdictKind.WRONG, points=0, created_at=clock() - timedelta(minutes=5),
        ))  # fmt: skip
    session, step = await review.start_session(guild_id=G, user_id=ALICE, user_name="alice")
    assert isinstance(step, Shown) and step.card.key == TEMPERATURE and not step.is_new
    assert step.due == 1 and step.new_left == 2
    done = await review.answer(session.id, user_id=ALICE, number=1, response="temperature")
    assert done.verdict.correct and done.rating is Rating.Good
    seen = []
    for number in (2, 3):
        step = await review.next(session.id, user_id=ALICE, number=number - 1)
        assert isinstance(step, Shown) and step.is_new
        seen.append(step.card.key)
        await review.give_up(session.id, user_id=ALICE, number=number)
    assert seen == ["mini:bert", "mini:attention-mechanism"]
    summary = await review.next(session.id, user_id=ALICE, number=3)
    assert isinstance(summary, SessionSummary)
    assert (summary.reviewed, summary.right, summary.learned) == (3, 1, 2)
    status = await review.members.status(G, ALICE)
    assert (status.new_today, status.new_left, status.learning, status.learned) == (2, 0, 3, 0)
    logs = await review.queries.logs(G, ALICE)
    assert len(logs) == 4 and logs[0].card_key == TEMPERATURE


# -- full-text search -------------------------------------------------------------------------------
ODD_QUERIES = ['"', "'", "AND", "attention AND", "NOT attention", "*", "(", "-", "NEAR(attention, 2)", "term:softmax",
               "🙂 softmax 🙂", "x" * 4000, "attention " * 400, "\x00", 'a"b', "%", "\\", "' OR 1=1 --", "the"]


async def test_search_ranks_the_term_first_needs_every_word_then_any_and_never_errors(opener: Opener) -> None:
    store = await opener()
    lookup = LookupService(catalog=Catalog(load_decks(ROOT / "tests" / "data" / "decks_lookup")), store=store)
    await lookup.start()
    try:
        hits = await lookup.search("softmax")
        assert [h.card.key for h in hits][:1] == ["glossary:softmax"]  # the term itself ranks first
        assert {h.card.key for h in hits} == {"glossary:softmax", "glossary:attention-mechanism"}
        assert f"{HL_START}softmax{HL_END}" in hits[0].snippet.lower()
        assert [h.card.key for h in await lookup.search("generator discriminator")] == ["glossary:gan"]
        assert [h.card.key for h in await lookup.search("discriminator zzzunknownword")] == ["glossary:gan"]
        assert [h.card.key for h in await lookup.search("discriminators")] == ["glossary:gan"]  # stemming
        assert [h.card.key for h in await lookup.search("discrimi")] == ["glossary:gan"]  # the last word as a prefix
        for query in ODD_QUERIES:
            assert isinstance(await lookup.search(query), list), query
    finally:
        await lookup.close()


async def test_search_folds_accents_on_both_engines(opener: Opener) -> None:
    queries = SearchQueries(await opener())
    await queries.rebuild([
        SearchDocument("menu:cafe", "café", "Where does one drink an espresso?", "At a café, or a bar.", "menu"),
        SearchDocument("menu:creme", "creme brulee", "Which dessert has a burnt sugar top?", "Crème brûlée.", "menu"),
        SearchDocument("menu:tea", "tea", "What is brewed from dried leaves?", "Tea.", "menu"),
    ], fingerprint="menu", now=None)  # fmt: skip

    async def keys(*words: str) -> list[str]:
        return [row.card_key for row in await queries.match(words, limit=5, marks=("[", "]"))]

    found = await queries.match(["cafe"], limit=5, marks=("[", "]"))
    assert [row.card_key for row in found] == ["menu:cafe"]
    assert "[café]" in found[0].snippet  # highlighted as the card spells it
    assert await keys("café") == ["menu:cafe"]
    assert await keys("crème") == await keys("creme") == await keys("brûlée") == ["menu:creme"]
    assert await keys("dessert", "brul") == ["menu:creme"]  # the last word as a prefix, without its accent
    assert await keys("cafes") == ["menu:cafe"]  # and stemmed


# -- choosing the engine ----------------------------------------------------------------------------
def test_the_database_url_setting_selects_postgresql_and_refuses_other_urls(tmp_path: Path) -> None:
    env = {"TUTOR_DATABASE_URL": "postgresql://bot@db:5432/tutor"}
    settings = Settings.from_env(env, dotenv=None)
    assert settings.core.database_url == "postgresql://bot@db:5432/tutor"
    assert Settings.from_env({}, dotenv=None).core.database_url is None  # unset: the SQLite file
    with pytest.raises(ConfigError, match="TUTOR_DATABASE_URL must be a PostgreSQL URL"):
        Settings.from_env({"TUTOR_DATABASE_URL": "mysql://bot:secret@db/tutor"}, dotenv=None)


async def test_the_bot_runs_on_postgresql_when_the_url_is_set(pg: PgSchema, tmp_path: Path, clock: Any) -> None:
    options = Settings(db_path=tmp_path / "unused.sqlite3", cards_dir=ROOT / "tests" / "data" / "decks",
                       database_url=pg.url_with_schema()).core
    services = await Services.create(options, clock=clock, rng=random.Random(7))
    try:
        assert isinstance(services.store, PgCompatStore)
        await temperature_quiz(services, clock)
        assert (await services.stats.stats(G, CAROL)).points_total == FIRST_POINTS
    finally:
        await services.close()
    assert not (tmp_path / "unused.sqlite3").exists()  # nothing was written to SQLite
    conn = await pg.connect()
    try:
        assert await conn.fetchval("SELECT COUNT(*) FROM attempts") == 5
    finally:
        await conn.close()


async def test_group_commits_and_single_answers_from_two_processes_all_land_with_their_own_ids(
    opener: Opener, services: Services, clock: Any
) -> None:
    other = await make_services(await opener(), clock)
    seen: list[tuple[int, int]] = []  # (attempt id, user) as the hooks were told

    async def remember(db: Any, attempt: Attempt, attempt_id: int) -> None:
        seen.append((attempt_id, attempt.user_id))

    writer = AttemptWriter()
    writer.subscribe(remember)

    async def batch(store: Any, users: list[int]) -> None:
        async with store.transaction() as db:
            await writer.add_batch(db, [attempt(u, clock, points=1) for u in users])

    async def single(store: Any, user: int) -> None:
        async with store.transaction() as db:
            await writer.add(db, attempt(user, clock, points=1))

    work = []
    for n in range(8):
        work.append(batch(services.store, [10 + n, 20 + n, 30 + n]))
        work.append(single(other.store, 40 + n))
        work.append(batch(other.store, [50 + n, 60 + n]))
    await asyncio.gather(*work)
    stored = await rows(services, "SELECT id, user_id FROM attempts ORDER BY id")
    assert len(stored) == 8 * 6 and len({i for i, _ in stored}) == 48
    assert sorted(seen) == sorted(stored)  # every hook was given the id its attempt was stored under
    board = await services.stats.leaderboard(G, "all", page=0)
    assert board.total == 48
    assert (await rows(services, "SELECT COUNT(*), SUM(points) FROM board_scores WHERE scope = 'all' AND topic = ''"))[
        0
    ] == (48, 48)


async def test_an_unreachable_database_url_is_one_clear_error_without_the_password(tmp_path: Path) -> None:
    options = Settings(db_path=tmp_path / "unused.sqlite3", cards_dir=ROOT / "tests" / "data" / "decks",
                       database_url="postgresql://bot:hunter2@127.0.0.1:1/tutor").core
    with pytest.raises(StoreError) as caught:
        await Services.create(options)
    message = str(caught.value)
    assert "cannot connect to the database postgresql://bot@127.0.0.1:1/tutor" in message
    assert "hunter2" not in message and "TUTOR_DATABASE_URL" in message
    assert not (tmp_path / "unused.sqlite3").exists()
