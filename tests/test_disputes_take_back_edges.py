"""Taking back an accept with its deck removed, and a moderator taking back an accept where it would raise their own
points."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import deck_versions_support as one_card
import pytest
from deck_versions_support import ANN, BOB, GUILD, MOD, answered, import_deck, verdict_of
from disputes_support import started_services
from pg_support import Engine, both_engines  # noqa: F401  (the ``engine`` fixture)
from quiz_support import answered_in_turn, quiz_asking

from bot.core.errors import Conflict, UserError
from bot.core.scoring import FIRST_POINTS, WINDOW_POINTS
from bot.core.service import Services
from tests import test_disputes_core as core
from tests.test_disputes_core import (
    DAN,
    EVE,
    PROMPT,
    TEMPERATURE,
    G,
    attempt_id,
    dispute_bobs_answer,
    rows,
    temperature_quiz,
)
from tests.test_disputes_take_back_more import two_accepted_one_after_the_other

FRANCE = one_card.FRANCE + b"\n" + one_card.RIVER
MIGRATIONS = Path(__file__).resolve().parents[1] / "bot" / "core" / "storage"


async def test_with_the_deck_removed_an_answer_another_accept_makes_right_stays_right(
    core_services: Services, clock: Any
) -> None:
    """bob's "Lutetia Parisiorum" is accepted, then ann's "Lutetia" (which makes bob's right too). With the deck
    removed, taking back bob's accept keeps his answer right by ann's, as with the deck in (the card as last stored)."""
    s = core_services
    await import_deck(s, FRANCE)
    quiz_id, stored = await answered(s, clock, {BOB: "Lutetia Parisiorum", ANN: "Lutetia"})
    await s.quiz.finish(quiz_id)
    bobs = await s.disputes.open_dispute(guild_id=GUILD, user_id=BOB, user_name="bob", attempt_id=stored[BOB])
    anns = await s.disputes.open_dispute(guild_id=GUILD, user_id=ANN, user_name="ann", attempt_id=stored[ANN])
    clock.tick(5)
    await s.disputes.accept(bobs.id, guild_id=GUILD, moderator_id=MOD)
    clock.tick(5)
    await s.disputes.accept(anns.id, guild_id=GUILD, moderator_id=MOD)
    clock.tick(60)
    await s.decks.remove(GUILD, "capitals")
    clock.tick(60)

    done = await s.disputes.take_back(bobs.id, guild_id=GUILD, moderator_id=MOD)

    assert (await verdict_of(s, stored[BOB]))[0] == "correct", "ann's accepted 'Lutetia' still makes it right"
    assert done.kept == 1 and done.reverted == () and not done.player_told


async def test_a_moderator_does_not_take_back_an_accept_to_raise_their_own_points(
    core_services: Services, clock: Any
) -> None:
    """As an accept corrects no answer of the moderator deciding it (``corrects_own``), a take-back should not
    raise the taking moderator's own points: eve (a moderator) takes back bob's accept, and her own accepted answer
    goes from a later right answer to the first, winning her the quiz."""
    s = core_services
    _, bobs = await two_accepted_one_after_the_other(s, clock)

    with pytest.raises(UserError) as e:
        await s.disputes.take_back(bobs.id, guild_id=G, moderator_id=EVE)
    assert e.value.code == "dispute.takes_back_for_self"
    assert (await s.stats.stats(G, EVE)).points_total == WINDOW_POINTS
    assert (await s.stats.stats(G, 2)).points_total > 0  # (nothing changed)
    done = await s.disputes.take_back(bobs.id, guild_id=G, moderator_id=EVE, owner=True)  # (the server's owner may)
    assert [r.points for r in done.rescored] == [FIRST_POINTS - WINDOW_POINTS]


async def test_an_accept_whose_player_deleted_their_data_can_still_be_taken_back(core_services: Services, clock: Any) -> None:
    """bob's accept corrected dan's answer (dan never disputed); bob deletes his data. The accept stays, without
    his name, and taken back, dan's points go."""
    s = core_services
    await temperature_quiz(s, clock)
    bobs = await dispute_bobs_answer(s, s.disputes)
    await s.disputes.accept(bobs.id, guild_id=G, moderator_id=99)
    assert (await s.stats.stats(G, DAN)).points_total > 0
    await s.forget.forget_member(G, core.BOB)
    assert await rows(s, "SELECT id FROM disputes WHERE user_id = ? OR user_name = 'bob'", (core.BOB,)) == []
    [(listed, _)] = await s.disputes.accepted(G)
    assert listed.id == bobs.id and listed.response == "softmax divisor"
    await s.disputes.take_back(bobs.id, guild_id=G, moderator_id=99)
    assert (await s.stats.stats(G, DAN)).points_total == 0
    assert s.disputes.overlay_accepts(G, TEMPERATURE) == ()


async def test_a_taken_back_dispute_is_called_so_when_its_answer_is_disputed_again(core_services: Services, clock) -> None:
    s = core_services
    await temperature_quiz(s, clock)
    bobs = await dispute_bobs_answer(s, s.disputes)
    await s.disputes.accept(bobs.id, guild_id=G, moderator_id=99)
    await s.disputes.take_back(bobs.id, guild_id=G, moderator_id=99)
    with pytest.raises(Conflict) as e:
        await s.disputes.open_dispute(
            guild_id=G, user_id=core.BOB, user_name="bob", attempt_id=await attempt_id(s, core.BOB, "softmax divisor")
        )
    assert "accepted, then taken back" in str(e.value) and "rejected" not in str(e.value)


async def test_disputes_settled_before_it_was_recorded_are_found_as_settled(engine: Engine, clock: Any) -> None:
    """A database of the version before: an accept settled dan's dispute with nothing recording it. The upgrade
    records it, so that dan's is taken back with bob's, not listed as an accept of its own."""
    s = await started_services(await engine.open(), clock)
    try:
        await temperature_quiz(s, clock)
        bobs = await dispute_bobs_answer(s, s.disputes)
        dans = await s.disputes.open_dispute(
            guild_id=G, user_id=DAN, user_name="dan", attempt_id=await attempt_id(s, DAN, "Softmax divisor!"),
            prompt=PROMPT,
        )  # fmt: skip
        await s.disputes.accept(bobs.id, guild_id=G, moderator_id=99)
        async with s.store.transaction() as db:  # (as the version before left it: dan's answer not its own accept's;
            # and the moderator who accepted deleted their data since)
            await db.execute("UPDATE disputes SET settled_by = NULL, decided_by = NULL")
            await db.execute("DELETE FROM attempt_corrections WHERE attempt_id = (SELECT attempt_id FROM disputes WHERE id = ?)", (dans.id,))
        folder = MIGRATIONS / ("pg/migrations" if engine.name == "postgresql" else "migrations")
        upgrade = (folder / "0032_dispute_taken_back.sql").read_text()
        async with s.store.transaction() as db:
            await db.execute(upgrade[upgrade.index("UPDATE disputes SET settled_by") :])
        found = await rows(s, "SELECT id, settled_by FROM disputes ORDER BY id")
        assert [(r["id"], r["settled_by"]) for r in found] == [(bobs.id, None), (dans.id, bobs.id)]
        assert [d.id for d, _ in await s.disputes.accepted(G)] == [bobs.id]
    finally:
        await s.close()


async def _kept_dispute_of_bobs_last_answer(s: Services, clock: Any) -> Any:
    """dan then bob type "softmax divisor" (bob's is the newest answer stored); bob's dispute is accepted (it adds
    the answer and corrects dan's); bob deletes his data: the dispute stays, without his name."""
    quiz, _ = await quiz_asking(s, TEMPERATURE, user_id=core.ALICE, user_name="alice", guild_id=G, channel_id=core.CH,
                                topic="sampling", seconds=60)  # fmt: skip
    await answered_in_turn(s, quiz.id, clock, [(DAN, "dan", "softmax divisor"), (core.BOB, "bob", "softmax divisor")])
    await s.quiz.close_question(quiz.id, 1)
    await s.quiz.finish(quiz.id)
    bobs = await s.disputes.open_dispute(
        guild_id=G, user_id=core.BOB, user_name="bob", attempt_id=await attempt_id(s, core.BOB, "softmax divisor"), prompt=PROMPT
    )
    await s.disputes.accept(bobs.id, guild_id=G, moderator_id=core.MOD)
    await s.forget.forget_member(G, core.BOB)
    assert [tuple(r) for r in await rows(s, "SELECT user_id FROM disputes WHERE id = ?", (bobs.id,))] == [(0,)]
    return bobs


async def test_a_kept_disputes_answer_id_is_not_given_to_the_next_answer(core_services: Services, clock: Any) -> None:
    """SQLite gives a new answer the highest id there is plus one: with bob's answers deleted, eve's next answer
    may take the id of bob's disputed answer. The dispute kept without his name names no answer: eve's disputes hers
    as any answer."""
    s = core_services
    await _kept_dispute_of_bobs_last_answer(s, clock)
    clock.tick(120)
    quiz, _ = await quiz_asking(s, TEMPERATURE, user_id=core.ALICE, user_name="alice", guild_id=G, channel_id=core.CH + 1,
                                topic="sampling", seconds=60)  # fmt: skip
    await answered_in_turn(s, quiz.id, clock, [(EVE, "eve", "randomness")])
    await s.quiz.close_question(quiz.id, 1)
    eves = await attempt_id(s, EVE, "randomness")
    # (eves == bobs.attempt_id here: refused with "disputed already, and the dispute was accepted")
    opened = await s.disputes.open_dispute(guild_id=G, user_id=EVE, user_name="eve", attempt_id=eves, prompt=PROMPT)
    assert opened.status == "open"
