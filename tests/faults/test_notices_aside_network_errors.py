"""The moderators' decisions on a player's disputes are told in a private message of their own after a /define
card (``tell_notices_aside``). When that message fails on the way (a timeout, a dropped connection, a rate limit
longer than the client waits) rather than by Discord's answer, the decisions must be kept for next time as after
a refused send, and the card the player asked for must not be followed by "Something went wrong". Before, they
were marked as told and never heard of."""

from __future__ import annotations

import aiohttp
import pytest
from quiz_support import quiz_asking


def failure(kind: str):
    def fail() -> None:
        if kind == "timeout":
            raise TimeoutError
        if kind == "reset":
            raise ConnectionResetError(104, "Connection reset by peer")
        raise aiohttp.ServerDisconnectedError()

    return fail


async def bobs_accepted_dispute(services, guild, bob, m_id: int) -> None:
    """bob typed "randomness dial" to the temperature card in a private quiz, disputed it, and it was accepted."""
    quiz, _ = await quiz_asking(
        services, "mini:temperature",
        user_id=bob.id, user_name="bob", guild_id=guild.id, channel_id=1, private=True, card_keys=["mini:temperature"]
    )
    said = await services.quiz.answer(quiz.id, user_id=bob.id, user_name="bob", response="randomness dial")
    await services.quiz.stop(quiz.id, user_id=bob.id)
    dispute = await services.disputes.open_dispute(
        guild_id=guild.id, user_id=bob.id, user_name="bob", attempt_id=said.attempt_id, direction="question"
    )
    await services.disputes.accept(dispute.id, guild_id=guild.id, moderator_id=m_id)


@pytest.mark.parametrize("kind", ["timeout", "reset", "server-disconnected", "rate-limited"])
async def test_decisions_told_aside_are_kept_when_their_message_fails_on_the_way(
    env, world, services, fail_route, ui, kind
) -> None:
    guild, channel, m = world
    bob = m["bob"]
    await bobs_accepted_dispute(services, guild, bob, m["mod"].id)
    if kind == "rate-limited":
        fault = fail_route(env, "POST", fail_route.FOLLOWUP, 429, rate_limited=True, retry_after=60.0)
    else:
        fault = fail_route.on(env, "POST", fail_route.FOLLOWUP, failure(kind))
    first = await bob.slash(channel, "define", term="BERT", private=True)
    assert fault.hits, "the decision was not told aside: adapt the test"
    seen = ui.seen_by(first)
    assert any("BERT" in text for text in seen), seen
    assert not any("Something went wrong" in text for text in seen), seen
    assert not any("randomness dial" in text for text in seen), seen  # (its message failed)
    again = await bob.slash(channel, "define", term="BERT", private=True)
    told = [text for text in ui.seen_by(again) if "randomness dial" in text]
    assert told and "📬" in told[0], f"the moderators' decision was lost: {ui.seen_by(again)}"

