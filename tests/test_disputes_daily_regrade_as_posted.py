"""A daily question keeps the card as it was posted (schema 20), and so does a moderator's decision on one of its
disputes: accepting a player's answer after the deck had a new version imported (the same card id, another
question and answer) restores the points of the answers it makes right to the question as posted, never those
of answers that are right only to the new version, which nobody was asked."""

from __future__ import annotations

from datetime import timedelta

from deck_versions_support import ANN, BOB, CAT, FRANCE, GUILD, MOD, SPAIN, daily_posted, import_deck
from disputes_support import started_services
from pg_support import Engine, both_engines  # noqa: F401  (the ``engine`` fixture: SQLite and PostgreSQL)

from bot.core.service import Services


async def verdicts(s: Services) -> dict[str, tuple[str, int]]:
    async with s.store.read() as db:
        rows = await db.execute_fetchall("SELECT user_name, verdict, points FROM attempts WHERE source = 'daily'")
    return {r[0]: (r[1], r[2]) for r in rows}


async def test_accepting_a_daily_dispute_after_a_new_deck_version_rights_no_answer_to_the_new_question(
    engine: Engine, clock
) -> None:
    s = await started_services(await engine.open(), clock)
    try:
        await import_deck(s, FRANCE)
        claim = await daily_posted(s, clock)
        assert (await s.daily.answer(claim.post_id, ANN, "ann", "Paris")).verdict.correct
        assert not (await s.daily.answer(claim.post_id, BOB, "bob", "Madrid")).verdict.correct
        assert not (await s.daily.answer(claim.post_id, CAT, "cat", "Lutetia")).verdict.correct

        await import_deck(s, SPAIN)  # a new version while the question is open
        clock.now = claim.closes_at + timedelta(seconds=1)
        assert await s.daily.claim_reveal(claim.post_id) is not None

        attempt_id = await s.disputes.daily_attempt(claim.post_id, CAT)
        assert attempt_id is not None
        dispute = await s.disputes.open_dispute(guild_id=GUILD, user_id=CAT, user_name="cat", attempt_id=attempt_id)
        await s.disputes.accept(dispute.id, guild_id=GUILD, moderator_id=MOD)

        shown = await verdicts(s)
        assert shown["cat"][0] == "correct", "the accepted answer was not made right"
        assert shown["bob"] == ("wrong", 0), (
            "accepting cat's answer gave bob points for 'Madrid', the answer to a question nobody was asked"
        )
    finally:
        await s.close()
