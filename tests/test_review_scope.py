"""/review keeps to the decks a server sees, on both engines: a deck the server turned off, or another server's
deck stored earlier, never takes the place of the server's own due and new cards, and the due counts (the
card's footer, /review status, the reminder, the summary's next due time) leave those decks out. Two clicks on
one card (a double-click on Don't know, Answer and Don't know together, Next twice) store one answer and show
one next card; the second click is refused."""

from __future__ import annotations

import asyncio
import random
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from pg_support import Engine, both_engines  # noqa: F401  (the ``engine`` fixture)

from bot.core.catalog import Catalog
from bot.core.errors import Closed, UserError
from bot.core.models import Attempt, Card, Deck, Source, VerdictKind
from bot.core.review import Answered, ReviewService, SessionSummary, Shown
from bot.core.storage import DeckQueries, Store
from bot.core.storage.attempts import AttemptWriter

G1, G2 = 1001, 2002
ALICE = 11
# Wednesday 18 March 2026, 15:30 UTC.
START = datetime(2026, 3, 18, 15, 30, tzinfo=UTC)


@pytest.fixture
def clock_start() -> datetime:
    return START


def fruit_deck(deck_id: str, words: list[str]) -> Deck:
    """A deck with one card per word (its term, and the only answer)."""
    cards = tuple(
        Card(deck=deck_id, id=word, question=f"Which fruit is called {word} in the {deck_id} deck?",
             answer=f"The **{word}**.", term=word, accept=(word,), tags=(f"{deck_id}-fruit",))
        for word in words
    )  # fmt: skip
    return Deck(id=deck_id, title=f"{deck_id.title()} deck", cards=cards)


WORDS = ["apple", "banana", "cherry", "dates", "elder", "figs", "grape", "honeydew", "kiwi", "lemon", "mango",
         "nectarine", "olive", "papaya", "quince"]  # fmt: skip
#: Two global decks, stored in this order: alpha (12 cards), then beta (3 cards).
ALPHA = fruit_deck("alpha", WORDS[:12])
BETA = fruit_deck("beta", WORDS[12:])


def keys(deck: Deck) -> list[str]:
    return [card.key for card in deck.cards]


@pytest.fixture
async def store(engine: Engine) -> Store:
    store = await engine.open()
    await DeckQueries(store).sync_decks([ALPHA, BETA], now=START - timedelta(days=30))
    return store


@pytest.fixture
def review(store: Store, clock) -> ReviewService:
    return ReviewService(store=store, catalog=Catalog([ALPHA, BETA]), clock=clock, rng=random.Random(3))


async def graded(store: Store, review: ReviewService, key: str, verdict: VerdictKind, at: datetime) -> None:
    """One quiz answer of Alice in G1, written the way every feature writes it (the hook rates the card)."""
    attempt = Attempt(
        guild_id=G1, channel_id=5, user_id=ALICE, user_name="alice", card_key=key, source=Source.QUIZ,
        response="…", verdict=verdict, points=0, created_at=at,
    )
    writer = AttemptWriter()
    writer.subscribe(review.on_attempt)
    async with store.transaction() as db:
        await writer.add(db, attempt)


async def count(store: Store, sql: str) -> int:
    async with store.read() as db:
        row = await (await db.execute(sql)).fetchone()
    assert row is not None
    return int(row[0])


# -- the decks a server sees ---------------------------------------------------------------------------
async def test_a_deck_turned_off_leaves_the_new_cards_of_the_servers_other_decks(store, review) -> None:
    review.catalog.set_enabled(G1, "alpha", False)
    session, step = await review.start_session(guild_id=G1, user_id=ALICE, user_name="alice")
    assert isinstance(step, Shown), step  # not "nothing else is due": beta's 3 cards are new
    assert step.number == 1 and step.is_new and step.card.key == "beta:olive"
    assert await review.queries.new_cards(G1, ALICE, decks=["beta"], limit=10) == keys(BETA)
    assert await review.queries.new_cards(G1, ALICE, decks=[], limit=10) == []
    assert await review.queries.new_cards(G1, ALICE, limit=3) == keys(ALPHA)[:3]  # every deck: the store's order
    # The other server still sees alpha.
    _, other = await review.start_session(guild_id=G2, user_id=ALICE, user_name="alice")
    assert isinstance(other, Shown) and other.card.key == "alpha:apple"


async def test_another_servers_deck_stored_first_leaves_the_servers_own_cards(engine) -> None:
    store = await engine.open()
    decks = DeckQueries(store)
    theirs, _ = await decks.save_server_deck(G2, "fruit", fruit_deck("fruit", WORDS[:12]), now=START)
    ours, _ = await decks.save_server_deck(G1, "fruit", fruit_deck("fruit", WORDS[12:]), now=START)
    catalog = Catalog([])
    catalog.put_deck(theirs, G2, "fruit")
    catalog.put_deck(ours, G1, "fruit")
    review = ReviewService(store=store, catalog=catalog, clock=lambda: START, rng=random.Random(3))
    _, step = await review.start_session(guild_id=G1, user_id=ALICE, user_name="alice")
    assert isinstance(step, Shown), step
    assert step.card.deck == ours.id and step.card.id == "olive"


async def test_due_cards_and_every_due_count_leave_out_a_deck_turned_off(store, review, clock) -> None:
    for key in keys(ALPHA):  # the most overdue cards, more of them than a pick reads at once
        await graded(store, review, key, VerdictKind.WRONG, START - timedelta(hours=2))
    await graded(store, review, "beta:olive", VerdictKind.WRONG, START - timedelta(hours=1))
    assert (await review.members.status(G1, ALICE)).due_now == 13
    review.catalog.set_enabled(G1, "alpha", False)

    status = await review.members.status(G1, ALICE)
    assert (status.due_now, status.learning) == (1, 1)
    session, step = await review.start_session(guild_id=G1, user_id=ALICE, user_name="alice")
    assert isinstance(step, Shown) and step.card.key == "beta:olive" and not step.is_new
    assert step.due == 1  # the footer: "1 card due"
    done = await review.answer(session.id, user_id=ALICE, number=1, response="olive")
    assert done.verdict.correct
    await review.stop(session.id, user_id=ALICE)
    _, step = await review.start_session(guild_id=G1, user_id=ALICE, user_name="alice")
    assert isinstance(step, Shown) and step.card.key == "beta:papaya" and step.due == 0  # beta's new cards next
    await review.members.update(G1, ALICE, new_per_day=0)
    _, summary = await review.start_session(guild_id=G1, user_id=ALICE, user_name="alice")
    assert isinstance(summary, SessionSummary)
    assert summary.next_due == done.after.due  # olive's, not the alpha cards' (overdue, and never shown here)

    # The reminder counts what the member can review in the server: olive, nothing from alpha.
    await review.members.set_reminder(G1, ALICE, "18:00")
    clock.now = START.replace(hour=18, minute=0, second=5)
    assert [(r.guild_id, r.due) for r in await review.members.claim_reminders()] == [(G1, 1)]
    review.catalog.set_enabled(G1, "alpha", True)
    assert (await review.members.status(G1, ALICE)).due_now == 13  # alpha back: its 12 cards, and olive


# -- two clicks on one card ----------------------------------------------------------------------------
def slow_hidden(review: ReviewService, hidden: set[str] | None = None) -> None:
    """The server's hidden cards read from the database (as after the cache expired): every click waits on it."""
    shown_hidden = hidden if hidden is not None else set()

    async def read(guild_id: int | None, *, user_id: int | None = None) -> frozenset[str]:
        await asyncio.sleep(0)
        return frozenset(shown_hidden)

    review.hidden = read


Click = Callable[[ReviewService, str, int], Awaitable[Answered]]


def dont_know(review: ReviewService, session_id: str, number: int) -> Awaitable[Answered]:
    return review.give_up(session_id, user_id=ALICE, number=number)


def answer_it(review: ReviewService, session_id: str, number: int) -> Awaitable[Answered]:
    return review.answer(session_id, user_id=ALICE, number=number, response="apple")


@pytest.mark.parametrize(
    ("first", "second"),
    [(dont_know, dont_know), (answer_it, dont_know), (answer_it, answer_it)],
    ids=["dont-know-twice", "answer-then-dont-know", "answer-twice"],
)
async def test_two_clicks_on_one_card_store_one_answer(store, review, first: Click, second: Click) -> None:
    slow_hidden(review)
    session, step = await review.start_session(guild_id=G1, user_id=ALICE, user_name="alice")
    assert isinstance(step, Shown) and step.card.key == "alpha:apple"
    results: list[Any] = await asyncio.gather(
        first(review, session.id, 1), second(review, session.id, 1), return_exceptions=True
    )
    assert isinstance(results[0], Answered), results
    assert isinstance(results[1], UserError) and results[1].code == "review.answered", results
    assert await count(store, "SELECT COUNT(*) FROM attempts") == 1
    assert len(await review.queries.logs(G1, ALICE)) == 1
    summary = await review.stop(session.id, user_id=ALICE)
    assert summary.reviewed == 1


async def test_next_clicked_twice_shows_one_next_card(store, review) -> None:
    slow_hidden(review)
    session, step = await review.start_session(guild_id=G1, user_id=ALICE, user_name="alice")
    await review.give_up(session.id, user_id=ALICE, number=1)
    results: list[Any] = await asyncio.gather(
        review.next(session.id, user_id=ALICE, number=1),
        review.next(session.id, user_id=ALICE, number=1),
        return_exceptions=True,
    )
    shown = [r for r in results if isinstance(r, Shown)]
    assert [(s.number, s.card.key) for s in shown] == [(2, "alpha:banana")], results
    refused = [r for r in results if not isinstance(r, Shown)]
    assert len(refused) == 1 and isinstance(refused[0], Closed) and refused[0].code == "review.moved_on"
    answered = await review.give_up(session.id, user_id=ALICE, number=2)
    assert answered.shown.card.key == "alpha:banana"
    third = await review.next(session.id, user_id=ALICE, number=2)
    assert isinstance(third, Shown) and (third.number, third.card.key) == (3, "alpha:cherry")


async def test_a_refused_click_leaves_the_card_to_answer(store, review, monkeypatch) -> None:
    hidden: set[str] = {"alpha:apple"}
    slow_hidden(review, hidden)
    session, step = await review.start_session(guild_id=G2, user_id=ALICE, user_name="alice")
    assert isinstance(step, Shown) and step.card.key == "alpha:banana"  # apple is asked in the server
    hidden.add("alpha:banana")  # ... and now banana too: its answer stays hidden
    with pytest.raises(UserError, match="being asked in a server"):
        await review.give_up(session.id, user_id=ALICE, number=1)
    hidden.clear()
    assert (await review.give_up(session.id, user_id=ALICE, number=1)).shown.card.key == "alpha:banana"

    real = review.queries.due_cards
    failing = True

    async def due_cards(*args: Any, **kwargs: Any) -> list[str]:
        if failing:
            raise RuntimeError("the database is gone")
        return await real(*args, **kwargs)

    monkeypatch.setattr(review.queries, "due_cards", due_cards)
    with pytest.raises(RuntimeError):
        await review.next(session.id, user_id=ALICE, number=1)
    failing = False
    step = await review.next(session.id, user_id=ALICE, number=1)
    assert isinstance(step, Shown) and step.number == 2
