"""A member's schedule of a card when a new version of its deck comes in: a card whose question changed, or
that no longer takes an answer it took, is due again at once (the member meets the new version now, not in
months) and says it changed; a version only re-tagged, or one that takes one more answer, leaves the schedule
as it was."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from deck_versions_support import ANN, FRANCE, GUILD, SPAIN, capital_key, import_deck
from pg_support import Engine, both_engines  # noqa: F401  (the ``engine`` fixture)

from bot.core.catalog import Catalog
from bot.core.models import Attempt, Card, Deck, Source, VerdictKind
from bot.core.review import ReviewService, Shown
from bot.core.service import Services
from bot.core.storage import DeckQueries
from bot.core.storage.attempts import AttemptWriter
from cogs.review import render

START = datetime(2026, 3, 18, 15, 30, tzinfo=UTC)
RETAGGED = FRANCE.replace(b"    status: ok\n", b"    status: ok\n    tags: [europe]\n    note: checked\n")
MORE_ANSWERS = FRANCE.replace(b"accept: [Paris]", b"accept: [Paris, Paname]")
FEWER_ANSWERS = FRANCE.replace(b"accept: [Paris]", b"accept: [Paris, Lutece]")
REWORDED = MORE_ANSWERS.replace(b"answer: Paris is the capital of France.", b"answer: Paris has been France's capital since 987.")


async def learned(s: Services, clock) -> timedelta:
    """Ann answers the capital card right in /review until it is weeks away; how far away it then is."""
    session, step = await s.review.start_session(guild_id=GUILD, user_id=ANN, user_name="ann")
    for _ in range(12):
        assert isinstance(step, Shown), step
        answered = await s.review.answer(session.id, user_id=ANN, number=step.number, response=step.prompt.answer)
        assert answered.verdict.correct
        if answered.interval > timedelta(days=20):
            await s.review.stop(session.id, user_id=ANN)
            return answered.interval
        clock.now = answered.next_due + timedelta(seconds=1)
        session, step = await s.review.start_session(guild_id=GUILD, user_id=ANN, user_name="ann")
    raise AssertionError("the card never got weeks away")


async def due_now(s: Services) -> int:
    return (await s.review.members.status(GUILD, ANN)).due_now


async def test_a_card_whose_question_changed_is_due_at_once_and_says_so(core_services: Services, clock) -> None:
    s = core_services
    await import_deck(s, FRANCE)
    await learned(s, clock)
    clock.tick(days=2)
    assert await due_now(s) == 0

    await import_deck(s, SPAIN)  # the same card id, another question and answer
    assert await due_now(s) == 1, "the new question waits weeks behind the old one's schedule"
    _, step = await s.review.start_session(guild_id=GUILD, user_id=ANN, user_name="ann")
    assert isinstance(step, Shown) and step.card.key == capital_key(s)
    assert "Spain" in step.prompt.text or "Madrid" in step.prompt.text
    assert step.changed, "the card does not say it changed since Ann last reviewed it"
    assert any("changed" in str(f.value) for f in render.card_embed(step).fields)


async def test_a_card_that_no_longer_takes_an_answer_is_due_at_once(core_services: Services, clock) -> None:
    s = core_services
    await import_deck(s, FEWER_ANSWERS)
    await learned(s, clock)
    clock.tick(days=1)
    await import_deck(s, FRANCE)  # "Lutece" is no longer right
    assert await due_now(s) == 1


async def test_a_card_only_retagged_reworded_or_taking_one_more_answer_keeps_its_schedule(
    core_services: Services, clock
) -> None:
    s = core_services
    await import_deck(s, FRANCE)
    await learned(s, clock)
    clock.tick(days=1)
    before = await s.review.members.status(GUILD, ANN)

    await import_deck(s, RETAGGED)
    clock.tick(hours=1)
    await import_deck(s, MORE_ANSWERS)
    clock.tick(hours=1)
    await import_deck(s, REWORDED)  # (its explanation reworded: "Paris" is still what it takes)
    after = await s.review.members.status(GUILD, ANN)
    assert after.due_now == 0 and after.next_due == before.next_due

    clock.now = before.next_due
    _, step = await s.review.start_session(guild_id=GUILD, user_id=ANN, user_name="ann")
    assert isinstance(step, Shown) and not step.changed, "a card that asks as it did says it changed"


async def test_a_card_removed_and_restored_unchanged_does_not_say_it_changed(core_services: Services, clock) -> None:
    s = core_services
    await import_deck(s, FRANCE)
    await learned(s, clock)
    next_due = (await s.review.members.status(GUILD, ANN)).next_due
    assert next_due is not None
    clock.tick(days=1)
    await s.decks.remove(GUILD, "capitals")
    assert await due_now(s) == 0
    clock.tick(days=1)
    await import_deck(s, FRANCE)
    assert (await s.review.members.status(GUILD, ANN)).next_due == next_due
    clock.now = next_due
    _, step = await s.review.start_session(guild_id=GUILD, user_id=ANN, user_name="ann")
    assert isinstance(step, Shown) and not step.changed


# -- the deck files, on both engines ------------------------------------------------------------------
def capitals(question: str, accept: tuple[str, ...], tags: tuple[str, ...] = ()) -> Deck:
    card = Card(deck="caps", id="capital", question=question, answer=f"{accept[0]}.", accept=accept, tags=tags)
    return Deck(id="caps", title="Capitals", cards=(card,))


async def test_the_deck_files_bring_a_changed_card_back_on_both_engines(engine: Engine) -> None:
    store = await engine.open()
    try:
        first = capitals("What is the capital of France?", ("Paris",))
        queries = DeckQueries(store)
        await queries.sync_decks([first], now=START - timedelta(days=1))
        review = ReviewService(store=store, catalog=Catalog([first]), clock=lambda: START)
        attempt = Attempt(
            guild_id=GUILD, channel_id=5, user_id=ANN, user_name="ann", card_key="caps:capital", source=Source.QUIZ,
            response="Paris", verdict=VerdictKind.CORRECT, points=1, created_at=START,
        )
        writer = AttemptWriter()
        writer.subscribe(review.on_attempt)
        async with store.transaction() as db:
            await writer.add(db, attempt)
        later = START + timedelta(minutes=1)  # (the card is next due 10 minutes after its first answer)

        await queries.sync_decks([capitals("What is the capital of France?", ("Paris",), ("europe",))], now=later)
        assert await review.queries.count_due(GUILD, ANN, later) == 0, "a re-tagged card is due again"

        changed = START + timedelta(minutes=2)
        await queries.sync_decks([capitals("What is the capital of Spain?", ("Madrid",))], now=changed)
        assert await review.queries.count_due(GUILD, ANN, changed) == 1, "the changed card waits behind its schedule"
        async with store.read() as db:
            stored = await review.queries.state(db, GUILD, ANN, "caps:capital")
            assert stored is not None and await review.queries.relearning(db, "caps:capital", stored.memory)
    finally:
        await store.close()


async def test_a_server_deck_brings_a_changed_card_back_on_both_engines(engine: Engine) -> None:
    """The same through a server's own deck imported again (its update reads that server's schedules only)."""
    store = await engine.open()
    try:
        queries = DeckQueries(store)
        first, _ = await queries.save_server_deck(
            GUILD, "capitals", capitals("What is the capital of France?", ("Paris",)), now=START - timedelta(days=1)
        )
        key = first.cards[0].key
        review = ReviewService(store=store, catalog=Catalog([first]), clock=lambda: START)
        attempt = Attempt(
            guild_id=GUILD, channel_id=5, user_id=ANN, user_name="ann", card_key=key, source=Source.QUIZ,
            response="Paris", verdict=VerdictKind.CORRECT, points=1, created_at=START,
        )
        writer = AttemptWriter()
        writer.subscribe(review.on_attempt)
        async with store.transaction() as db:
            await writer.add(db, attempt)
        changed = START + timedelta(minutes=2)
        await queries.save_server_deck(GUILD, "capitals", capitals("What is the capital of Spain?", ("Madrid",)), now=changed)
        assert await review.queries.count_due(GUILD, ANN, changed) == 1, "the changed card waits behind its schedule"
    finally:
        await store.close()
