"""A review answer is saved before its verdict is shown. When Discord fails to show it (a server error or a
rate limit on the reply), the member still sees their verdict and the Next button, never the catch-all
"Something went wrong" over an answer that counted, and the answer is stored once."""

from __future__ import annotations

import pytest
from faultkit import message_text
from modal_support import text_box


@pytest.fixture
async def world(env):
    guild = env.create_guild()
    channel = guild.create_text_channel("study")
    alice = guild.add_member(env.create_user("alice"))
    yield channel, alice
    await env.bot.close()



def labels(message) -> list[str]:
    return [getattr(c, "label", None) or c.get("label") for row in message.components
            for c in (getattr(row, "children", None) or row.get("components", []))]  # fmt: skip


@pytest.mark.parametrize("status", [500, 503, 429])
@pytest.mark.parametrize("how", ["typed", "idk"])
async def test_a_review_verdict_discord_failed_to_show_is_shown_all_the_same(
    env, world, fail_route, db_query, status, how
) -> None:
    channel, alice = world
    start = await alice.slash(channel, "review start")
    if how == "typed":
        shown = await alice.click(start.response, label="Answer")
        fault = fail_route(env, "POST", fail_route.CALLBACK, status, retry_after=1.0)
        result = await alice.submit_modal(shown, {text_box(shown)["custom_id"]: "no idea at all"})
    else:
        fault = fail_route(env, "POST", fail_route.CALLBACK, status, retry_after=1.0)
        result = await alice.click(start.response, label="Don't know")
    await env.advance_time(5)
    assert fault.hits
    every = [m for m in [result.response, *result.followups] if m is not None]
    said = "\n".join(message_text(m) for m in every)
    assert "Something went wrong" not in said, said
    verdict = every[-1]
    assert verdict.ephemeral and "Next" in labels(verdict), said
    assert db_query("SELECT COUNT(*) FROM attempts WHERE source = 'review'") == [(1,)]
