"""/review across a restart, on both engines (a SQLite file, a PostgreSQL schema; migration 0027): the card on show
of an open review is kept when it is shown, and the process after a restart (another service on the same database)
takes the review up again from it: the answer is rated once however often it is sent, the review goes on, and once
stopped it is not taken up again."""

from __future__ import annotations

import pytest
from pg_support import Engine, both_engines  # noqa: F401  (the ``engine`` fixture)
from play_support import MINI_RIGHT
from review_store_support import ALICE, G1, mini_decks, review_clock, service, synced_store  # noqa: F401

from bot.core.errors import Closed, UserError
from bot.core.review import Rating, Shown


async def test_the_next_process_takes_up_the_card_on_show_and_rates_it_once(engine: Engine, store, decks, clock) -> None:
    first = service(store, decks, clock)
    session, shown = await first.start_session(guild_id=G1, user_id=ALICE, user_name="alice", channel_id=5)
    assert isinstance(shown, Shown)
    # The card on show is written in the background (the member does not wait for the disk); a restart before
    # that write lands ends the review, as the service says. The restart here comes after it.
    await first.shown_kept()
    clock.tick(seconds=12)
    later = service(await engine.open(), decks, clock)  # the process after a restart, on the same database
    answered = await later.answer(session.id, user_id=ALICE, number=shown.number, response=MINI_RIGHT[shown.card.key])
    assert answered.verdict.correct and answered.rating is Rating.Good and not answered.earlier
    after = service(await engine.open(), decks, clock)  # sent again after another restart: its result, not rated
    again = await after.answer(session.id, user_id=ALICE, number=shown.number, response=MINI_RIGHT[shown.card.key])
    assert again.earlier and again.rating is Rating.Good
    async with store.read() as db:
        logs = [tuple(r) for r in await db.execute_fetchall("SELECT card_key, rating, duration_ms FROM review_logs")]
    assert logs == [(shown.card.key, 3, 12000)]
    nxt = await after.next(session.id, user_id=ALICE, number=shown.number)
    assert isinstance(nxt, Shown) and nxt.number == 2 and nxt.card.key != shown.card.key
    summary = await after.stop(session.id, user_id=ALICE)
    assert (summary.reviewed, summary.right, summary.learned) == (1, 1, 1)
    with pytest.raises(Closed) as ended:  # stopped: not taken up again
        await service(await engine.open(), decks, clock).next(session.id, user_id=ALICE, number=2)
    assert ended.value.code == "review.ended"


async def test_an_answer_saved_before_a_restart_is_not_shown_while_its_card_is_asked(
    engine: Engine, store, decks, clock
) -> None:
    """alice's answer was saved, then the bot restarted; meanwhile a question on that card opened in the server.
    Sending the answer again tells her it is saved, but not the card's answer, until the question closes."""
    first = service(store, decks, clock)
    session, shown = await first.start_session(guild_id=G1, user_id=ALICE, user_name="alice", channel_id=5)
    assert isinstance(shown, Shown)
    await first.shown_kept()
    right = MINI_RIGHT[shown.card.key]
    await first.answer(session.id, user_id=ALICE, number=shown.number, response=right)
    later = service(await engine.open(), decks, clock)
    asked: set[str] = {shown.card.key}

    async def hidden(guild_id: int | None, *, user_id: int | None = None) -> frozenset[str]:
        return frozenset(asked)

    later.hidden = hidden
    with pytest.raises(UserError) as held:
        await later.answer(session.id, user_id=ALICE, number=shown.number, response=right)
    assert held.value.code == "review.held_saved" and right.lower() not in str(held.value).lower()
    asked.clear()  # the question closed
    again = await later.answer(session.id, user_id=ALICE, number=shown.number, response=right)
    assert again.earlier and again.rating is Rating.Good
