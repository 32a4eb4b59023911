"""The daily Answer button is answered only where its question was posted (issue 11, "every component checks
where it is used"): a button carrying another server's (or channel's, or message's) post id — copied, guessed
or enumerated — gets a clear refusal and changes nothing. Old buttons keep working in their own server."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from daily_support import World, answer, daily_deck, daily_world  # noqa: F401  (the ``cards_dir`` and ``world`` fixtures)

from bot.core.daily import Place
from bot.core.errors import NotFound
from cogs.daily.views import answer_view

ELSEWHERE = "This button does not belong to a question of the day here."


async def rows(services, sql: str) -> list[tuple]:
    async with services.store.read() as db:
        return [tuple(r) for r in await db.execute_fetchall(sql)]


async def button_for(env, channel: Any, post_id: int) -> Any:
    """A message in ``channel`` whose Answer button names post ``post_id`` (as a crafted interaction would)."""
    await env.bot.get_channel(channel.id).send("Answer here", view=answer_view(post_id))
    await env.settle()
    return channel.last_message


async def test_a_button_naming_another_servers_post_is_refused_and_changes_nothing(world: World, env, services) -> None:
    await world.set(answer_hours=2)
    await env.advance_time(10 * 60)
    [post] = world.posts()
    other = env.create_guild("Elsewhere")
    lobby = other.create_text_channel("lobby")
    mallory = other.add_member(env.create_user("mallory"))
    for post_id in (1, 2, 999):  # the real post's id, and ids of posts that do not exist
        crafted = await button_for(env, lobby, post_id)
        r = await mallory.click(crafted, label="Answer")
        assert r.modal is None and r.ephemeral, post_id
        text = r.response.content
        assert ELSEWHERE in text, text  # the same words whether the id is a real post or not
        assert "attention" not in text.lower()
    assert await rows(services, "SELECT * FROM attempts") == []
    # The post itself still works for its own server.
    r = await answer(world.alice, post, "attention")
    assert "+10 points" in r.response.content


async def test_a_button_moved_to_another_channel_or_message_of_the_server_is_refused(
    world: World, env, services
) -> None:
    await world.set(answer_hours=2)
    await env.advance_time(10 * 60)
    [post] = world.posts()
    elsewhere = world.guild.create_text_channel("elsewhere")
    r = await world.alice.click(await button_for(env, elsewhere, 1), label="Answer")
    assert r.modal is None and ELSEWHERE in r.response.content
    r = await world.alice.click(await button_for(env, world.channel, 1), label="Answer")  # same channel, a copy
    assert r.modal is None and ELSEWHERE in r.response.content
    assert await rows(services, "SELECT * FROM attempts") == []
    r = await answer(world.alice, post, "attention")
    assert "+10 points" in r.response.content


async def test_old_buttons_keep_their_format_and_work_in_their_own_server(world: World, env) -> None:
    await world.set(answer_hours=2)
    await env.advance_time(10 * 60)
    [post] = world.posts()
    [button] = post.components[0].children
    assert button.custom_id == "tutor:daily:1"
    r = await answer(world.bob, post, "attention")
    assert "+10 points" in r.response.content


async def test_the_core_checks_the_place_of_every_answer(core_services) -> None:
    """The daily service itself refuses an answer sent from another server, channel or message."""
    daily = core_services.daily
    await daily.set_schedule(10, 20, "09:00", "UTC", topic="sampling")
    core_services.clock.now = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)
    claim = await daily.claim_due(10)
    assert claim is not None
    await daily.mark_posted(claim.post_id, 30)
    for at in (Place(11, 20, 30), Place(10, 21, 30), Place(10, 20, 31), Place(None, 20, 30)):
        with pytest.raises(NotFound) as refused:
            await daily.check_can_answer(claim.post_id, 1, at=at)
        assert refused.value.code == "daily.elsewhere"
        with pytest.raises(NotFound):
            await daily.answer(claim.post_id, 1, "mallory", "temperature", at=at)
    assert await core_services.store.attempt_count() == 0
    await daily.check_can_answer(claim.post_id, 1, at=Place(10, 20, 30))
    result = await daily.answer(claim.post_id, 1, "alice", "temperature", at=Place(10, 20, None))
    assert result.counted

