"""`/review status` says what to do next (simcord): a new member sees where their first cards come from rather
than a grid of zeros, and a member with cards due is pointed at `/review start`."""

from __future__ import annotations

from world_support import bot_closed_after, study_alice  # noqa: F401


def status_text(result) -> str:
    message = result.followups[-1] if result.followups else result.response
    (e,) = message.embeds
    return e.description or ""


async def test_a_new_member_is_told_where_the_first_cards_come_from(env, world) -> None:
    guild, channel, alice = world
    shown = status_text(await alice.slash(channel, "review status"))
    assert "/review start" in shown, shown


async def test_a_member_with_cards_due_is_pointed_at_review_start(env, world) -> None:
    """Alice learns a card, forgets it and comes back an hour later: it is due again, and the status says how to go on."""
    guild, channel, alice = world
    await alice.slash(channel, "review settings", new_per_day=1)
    first = await alice.slash(channel, "review start")
    card = first.followups[-1] if first.followups else first.response
    await alice.click(card.message, label="Don't know")
    await env.advance_time(3600)
    result = await alice.slash(channel, "review status")
    message = result.followups[-1] if result.followups else result.response
    fields = {f.name: f.value for f in message.embeds[0].fields}
    assert fields["Due now"] != "0", fields
    assert "/review start" in status_text(result)

