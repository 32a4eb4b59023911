"""Shard plans: which servers a shard process looks after, and the settings that choose them."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from pg_support import pg_schema  # noqa: F401  (the ``pg`` fixture)

from bot.core.shards import ShardPlan, parse_shards, shard_of


def guild_on(shard: int, count: int, n: int = 0) -> int:
    """A guild id (snowflake) that Discord routes to ``shard`` of ``count``."""
    return ((n * count + shard) << 22) | 12345


def test_unset_means_one_process_owning_everything() -> None:
    plan = parse_shards(None, None)
    assert plan == ShardPlan()
    assert not plan.sharded and plan.syncs_commands
    assert plan.owns(guild_on(3, 4)) and plan.owns(None)
    assert plan.describe() == "all shards"


def test_discords_routing_rule() -> None:
    # the documented formula: (guild_id >> 22) % shard_count
    assert shard_of(81384788765712384, 2) == (81384788765712384 >> 22) % 2
    for shard in range(4):
        assert shard_of(guild_on(shard, 4, n=7), 4) == shard


def test_a_process_owns_only_its_shards_servers() -> None:
    first, second = parse_shards("4", "0,1"), parse_shards("4", "2, 3")
    guilds = [guild_on(s, 4, n) for s in range(4) for n in range(3)]
    mine, theirs = first.owned(guilds), second.owned(guilds)
    assert mine and theirs
    assert sorted(mine + theirs) == sorted(guilds)  # every server has exactly one owner
    assert not set(mine) & set(theirs)
    assert first.syncs_commands and not second.syncs_commands  # one process syncs the commands
    assert first.describe() == "shards 0,1 of 4"
    assert first.owns(None) and not second.owns(None)  # direct messages go to shard 0


def test_count_alone_holds_every_shard() -> None:
    plan = parse_shards("3", "")
    assert plan.sharded and plan.ids is None
    assert all(plan.owns(guild_on(s, 3)) for s in range(3))
    assert plan.syncs_commands


@pytest.mark.parametrize(
    ("count", "ids", "named"),
    [
        ("two", None, "'two'"),
        ("0", None, "'0'"),
        ("4", "0,x", "'0,x'"),
        ("4", "4", "shard 4"),
        (None, "0,1", "'0,1'"),
    ],
)
def test_bad_settings_name_the_bad_value(count: str | None, ids: str | None, named: str) -> None:
    with pytest.raises(ValueError) as caught:
        parse_shards(count, ids)
    assert named in str(caught.value)
    assert "TUTOR_SHARD" in str(caught.value)


def test_duplicate_ids_are_held_once() -> None:
    assert parse_shards("4", "1,1,0").ids == (0, 1)


async def test_the_bot_holds_its_shards_and_only_shard_zero_syncs_commands(tmp_path) -> None:
    from discord.ext import commands

    from bot.config import Settings
    from bot.runner import TutorBot, bot_class

    settings = Settings(token="not-used", db_path=tmp_path / "t.sqlite3")
    plan = parse_shards("4", "2,3")
    bot = bot_class(plan)(settings, shards=plan)
    assert isinstance(bot, commands.AutoShardedBot)
    assert (bot.shard_count, bot.shard_ids) == (4, [2, 3])

    synced: list[object] = []

    async def sync(*args: object, **kwargs: object) -> list[object]:
        synced.append(kwargs)
        return []

    bot.tree.sync = sync  # type: ignore[method-assign]
    await bot.sync_commands()
    assert synced == []  # shards 2,3: another process syncs

    plain = bot_class(ShardPlan())(settings)
    assert type(plain) is TutorBot and not isinstance(plain, commands.AutoShardedBot)
    first = bot_class(parse_shards("4", "0"))(settings, shards=parse_shards("4", "0"))
    first.tree.sync = sync  # type: ignore[method-assign]
    first.tree.fetch_commands = sync  # type: ignore[method-assign]
    await first.sync_commands()
    assert synced  # the process holding shard 0 syncs


# -- shard processes on one database: each looks after its own servers only -----------------------------------
def settings_for(settings, count: str | None, ids: str | None, database_url: str | None = None):
    from bot.config import Settings

    env = {"TUTOR_DB_PATH": str(settings.db_path), "TUTOR_CARDS_DIR": str(settings.cards_dir)}
    if database_url:
        env["TUTOR_DATABASE_URL"] = database_url
    if count is not None:
        env["TUTOR_SHARD_COUNT"] = count
    if ids is not None:
        env["TUTOR_SHARD_IDS"] = ids
    return Settings.from_env(env, dotenv=None)


def test_shard_settings_are_read_and_bad_ones_name_the_value(settings) -> None:
    from bot.config import ConfigError

    assert settings_for(settings, "2", "1").core.shards == ShardPlan(count=2, ids=(1,))
    assert settings_for(settings, None, None).core.shards == ShardPlan()
    with pytest.raises(ConfigError, match="shard 3"):
        settings_for(settings, "2", "3")


@pytest.fixture(params=["sqlite", "postgresql"])
def shared_database(request: pytest.FixtureRequest) -> str | None:
    """The database both processes share: None for the SQLite file, else a PostgreSQL schema's URL."""
    return None if request.param == "sqlite" else request.getfixturevalue("pg").url_with_schema()


async def test_each_process_posts_the_daily_question_and_recovers_quizzes_of_its_own_servers(
    settings, clock, shared_database: str | None
) -> None:
    from bot.core.service import Services

    url = shared_database
    even, odd = guild_on(0, 2, n=5), guild_on(1, 2, n=5)
    first = await Services.create(settings_for(settings, None, None, url).core, clock=clock)
    try:
        for guild in (even, odd):
            at = (clock() + timedelta(hours=1)).strftime("%H:%M")
            await first.daily.set_schedule(guild, guild + 1, at, "UTC")
            await first.quiz.start_quiz(user_id=7, user_name="pat", guild_id=guild, channel_id=guild + 2)
    finally:
        await first.close()  # the process dies with two quizzes running
    clock.tick(hours=1, minutes=1)

    zero = await Services.create(settings_for(settings, "2", "0", url).core, clock=clock)
    try:
        assert [q.guild_id for q in zero.quiz.take_interrupted()] == [even]
        assert [w.guild_id for w in await zero.daily.due_work(clock())] == [even]
        one = await Services.create(settings_for(settings, "2", "1", url).core, clock=clock)
        try:
            # the odd server's quiz was left for its own process, which closes it now
            assert [q.guild_id for q in one.quiz.take_interrupted()] == [odd]
            assert [w.guild_id for w in await one.daily.due_work(clock())] == [odd]
            # both processes claim at once: each server's question is claimed exactly once, by its own process
            work = [(s, w.guild_id) for s in (zero, one) for w in await s.daily.due_work(clock())]
            work += [(zero, odd), (one, even)]  # a stray claim for the other's server, at the same time
            claims = await asyncio.gather(*(s.daily.claim_due(guild) for s, guild in work))
            assert sorted(c.guild_id for c in claims if c is not None) == sorted([even, odd])
        finally:
            await one.close()
    finally:
        await zero.close()


# -- one running quiz per channel and one first correct answer per question, across processes ------------------
async def test_a_quiz_started_by_one_process_holds_its_channel_against_another(
    settings, clock, shared_database: str | None
) -> None:
    from bot.core.quiz import QuizRunning
    from bot.core.service import Services

    guild = guild_on(0, 2, n=3)
    channel = guild + 2
    # An old and a new process both holding the server's shard, as during a rolling restart.
    old = await Services.create(settings_for(settings, "2", "0", shared_database).core, clock=clock)
    new = await Services.create(settings_for(settings, "2", "0", shared_database).core, clock=clock)
    try:
        quiz = await old.quiz.start_quiz(user_id=7, user_name="pat", guild_id=guild, channel_id=channel)
        with pytest.raises(QuizRunning) as err:
            await new.quiz.start_quiz(user_id=8, user_name="sam", guild_id=guild, channel_id=channel)
        assert str(err.value) == "A quiz is already running in this channel."
        assert err.value.quiz.id == quiz.id
        await old.quiz.finish(quiz.id, status="stopped")
        # both at once in a free channel: one of them starts it
        other = channel + 1
        started = await asyncio.gather(
            old.quiz.start_quiz(user_id=17, user_name="kim", guild_id=guild, channel_id=other),
            new.quiz.start_quiz(user_id=18, user_name="lee", guild_id=guild, channel_id=other),
            return_exceptions=True,
        )
        assert sorted(type(s).__name__ for s in started) == ["LiveQuiz", "QuizRunning"]
        # once the first has ended, the other process may start one where it ran
        again = await new.quiz.start_quiz(user_id=19, user_name="max", guild_id=guild, channel_id=channel)
        assert again.channel_id == channel
    finally:
        await new.close()
        await old.close()


async def test_right_answers_graded_by_two_processes_give_one_first_correct(
    settings, clock, shared_database: str | None
) -> None:
    import copy

    from bot.core.service import Services

    guild = guild_on(1, 2, n=4)
    one = await Services.create(settings_for(settings, "2", "1", shared_database).core, clock=clock)
    two = await Services.create(settings_for(settings, "2", "1", shared_database).core, clock=clock)
    try:
        quiz = await one.quiz.start_quiz(user_id=7, user_name="pat", guild_id=guild, channel_id=guild + 2, topic="llms")
        # (three cards: a quiz does not ask again a card whose answer its reveal showed)
        cards = [one.catalog.card(f"mini:{c}") for c in ("temperature", "attention-mechanism", "mixture-of-experts")]
        quiz.plan = [(card, "question") for card in cards if card is not None]
        assert len(quiz.plan) == 3
        # Both processes hold the quiz and take answers to its questions: the bot never gives one quiz to two
        # processes (it lives in the one that started it), so this is the worst case, for the database's guarantee.
        two.quiz.registry.add(copy.deepcopy(quiz))
        for number in (1, 2, 3):
            one.quiz.open_question(quiz.id)
            two.quiz.open_question(quiz.id)
            right = quiz.plan[number - 1][0].accept[0]
            results = await asyncio.gather(*(
                s.quiz.answer(quiz.id, user_id=u, user_name=f"p{u}", response=right)
                for u in (10, 11, 12) for s in (one, two)
            ))  # fmt: skip
            assert sum(r.first for r in results) == 1, number
            assert sorted(r.points for r in results) == [5, 5, 5, 5, 5, 10]
            for s in (one, two):
                await s.quiz.close_question(quiz.id, number)
        firsts = await one.quiz.queries.first_correct(quiz.id)
        assert sorted(firsts) == [1, 2, 3]
        async with one.store.read() as db:
            rows = await db.execute_fetchall(
                "SELECT user_id, SUM(points) AS points, COUNT(*) AS n FROM attempts GROUP BY user_id ORDER BY user_id"
            )
        won = {u: sum(1 for w in firsts.values() if w == u) for u in (10, 11, 12)}
        # every stored point is what the answers were told: 10 for each question a player won, 5 otherwise
        assert [(r["user_id"], r["points"], r["n"]) for r in rows] == [
            (u, 10 * won[u] + 5 * (6 - won[u]), 6) for u in (10, 11, 12)
        ]
        board = await one.stats.leaderboard(guild, period="all")  # the summary tables agree with the attempts
        assert {e.user_id: e.points for e in board.rows} == {r["user_id"]: r["points"] for r in rows}
    finally:
        await two.close()
        await one.close()


#: bob, a member who plays in server G (an answer stored there), in the two-process tests below.
BOB = 2


@pytest.fixture
async def two_processes(settings, clock, shared_database: str | None, monkeypatch: pytest.MonkeyPatch):
    """Two shard processes on one database, G's on process one and HALL's on process two; bob has played in G.
    What other processes show is read again at every lookup (no waiting seconds). ``(one, two, g, hall)``."""
    from quiz_support import quiz_asking

    import bot.core.quiz.service as quiz_service
    from bot.core.service import Services

    monkeypatch.setattr(quiz_service, "OPEN_READ_TTL", 0.0, raising=False)
    g, hall = guild_on(1, 2, n=6), guild_on(0, 2, n=6)
    one = await Services.create(settings_for(settings, "2", "1", shared_database).core, clock=clock)
    two = await Services.create(settings_for(settings, "2", "0", shared_database).core, clock=clock)
    try:
        played, _ = await quiz_asking(one, "mini:bert", user_id=7, user_name="dan", guild_id=g, channel_id=g + 1)
        await one.quiz.answer(played.id, user_id=BOB, user_name="bob", response="bert")
        await one.quiz.finish(played.id)
        yield one, two, g, hall
    finally:
        await two.close()
        await one.close()


async def test_a_question_on_show_in_another_process_is_hidden_from_a_member_who_plays_there(two_processes) -> None:
    """Process one runs server G's channel quiz, process two serves HALL and direct messages. bob plays in G. While
    G's question on temperature is on show, bob finds nothing of that card in HALL or in a direct message on process
    two, as on process one; carol, who never played in G, does; and once its reveal is shown, bob finds it again."""
    from quiz_support import quiz_asking

    one, two, g, hall = two_processes
    carol = 3

    async def shown(services, guild: int | None, user: int) -> str | None:
        found = await services.lookup.define_async("temperature", guild_id=guild, user_id=user)
        return found.card.key if found.card is not None else None

    assert await shown(two, hall, BOB) == "mini:temperature"
    quiz, question = await quiz_asking(one, "mini:temperature", user_id=8, user_name="eve", guild_id=g, channel_id=g + 2)
    assert question is not None and question.card.key == "mini:temperature"
    await one.quiz.set_message(quiz.id, 4242)  # (the question's message is posted)
    assert await shown(one, hall, BOB) != "mini:temperature"
    assert await shown(two, hall, BOB) != "mini:temperature"
    assert await shown(two, None, BOB) != "mini:temperature"
    assert await shown(two, hall, carol) == "mini:temperature"

    await one.quiz.close_question(quiz.id, question.number)
    await one.quiz.forget_message(quiz.id)  # (its reveal is shown)
    assert await shown(two, hall, BOB) == "mini:temperature"
    assert await shown(two, None, BOB) == "mini:temperature"


async def test_a_reveal_keeps_back_a_card_another_process_shows_where_the_quizs_starter_plays(two_processes) -> None:
    """bob starts a channel quiz in HALL (process two) on temperature; then G's quiz on process one shows temperature
    too. The reveal in HALL keeps the answer back: bob could give it in G."""
    from quiz_support import quiz_asking

    one, two, g, hall = two_processes
    quiz, question = await quiz_asking(two, "mini:temperature", user_id=BOB, user_name="bob", guild_id=hall, channel_id=hall + 1)
    await two.quiz.answer(quiz.id, user_id=BOB, user_name="bob", response="no idea")
    other, _ = await quiz_asking(one, "mini:temperature", user_id=8, user_name="eve", guild_id=g, channel_id=g + 2)
    await one.quiz.set_message(other.id, 4242)
    reveal = await two.quiz.close_question(quiz.id, question.number)
    assert reveal is not None and reveal.withheld_elsewhere and reveal.answer == "", reveal


async def test_a_card_practised_in_another_process_is_kept_out_where_its_player_plays(two_processes) -> None:
    """bob plays in G (process one) and practises temperature in HALL on process two, its question on show. Process
    one keeps temperature out of G's daily question and of a channel quiz in G, as it does for its own practices:
    bob's hints and tries would tell him the answer. carol, who never played in G, practising it changes nothing for
    G; and once bob's practice ends, temperature may be asked in G again."""
    from quiz_support import quiz_asking

    one, two, g, hall = two_processes
    carol = 3
    practice, asked = await quiz_asking(
        two, "mini:temperature", user_id=BOB, user_name="bob", guild_id=hall, channel_id=hall + 1, private=True
    )
    assert asked is not None and asked.card.key == "mini:temperature"
    await two.quiz.practice_shown(practice.id)  # (the question is shown to bob)

    await one.quiz.read_in_play()
    assert "mini:temperature" in one.quiz.in_play(g)  # (G's daily question picks another card)
    quiz = await one.quiz.start_quiz(user_id=8, user_name="eve", guild_id=g, channel_id=g + 2)
    quiz.plan = [(one.catalog.card("mini:temperature"), "question"), (one.catalog.card("mini:bert"), "question")]
    question = one.quiz.open_question(quiz.id)
    assert question is not None and question.card.key != "mini:temperature"
    await one.quiz.finish(quiz.id)

    await two.quiz.finish(practice.id)
    other, _ = await quiz_asking(
        two, "mini:temperature", user_id=carol, user_name="carol", guild_id=hall, channel_id=hall + 2, private=True
    )
    await two.quiz.practice_shown(other.id)
    await one.quiz.read_in_play()
    assert "mini:temperature" not in one.quiz.in_play(g)


async def test_a_practice_read_from_another_process_counts_though_its_players_servers_cannot_be_read(
    two_processes,
) -> None:
    """bob practises temperature in G itself, on process two. Process one reads that practice, but not the servers
    bob plays in (the database refuses that read): the practice still keeps temperature out of G, its own server."""
    import sqlite3

    from quiz_support import quiz_asking

    one, two, g, _hall = two_processes
    practice, _ = await quiz_asking(
        two, "mini:temperature", user_id=9, user_name="fay", guild_id=g, channel_id=g + 3, private=True
    )
    await two.quiz.practice_shown(practice.id)

    async def refused(_user_ids):
        raise sqlite3.OperationalError("database is locked")

    one.quiz.servers_played_by = refused
    await one.quiz.read_in_play()
    assert "mini:temperature" in one.quiz.in_play(g)
