"""A member's schedule and settings are kept per server (the same deck in two servers is learned twice, each
with its own new cards a day): /review status and /review settings say so, rather than leave a member in two
servers wondering why the counts differ."""

from __future__ import annotations


async def test_status_and_settings_say_they_hold_for_this_server_only(env) -> None:
    guild = env.create_guild()
    channel = guild.create_text_channel("study")
    alice = guild.add_member(env.create_user("alice"))
    try:
        for command in ("review status", "review settings"):
            shown = await alice.slash(channel, command)
            footer = shown.response.embeds[0].footer.text or ""
            assert "this server only" in footer, f"/{command} does not say it holds for this server only: {footer!r}"
    finally:
        await env.bot.close()
