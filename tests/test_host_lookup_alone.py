"""README: each cog loads into someone else's bot, alone too (``cogs.lookup`` for a host that only wants
/define). Its card then must not offer a button nobody answers: "Quiz me" is handled by ``cogs.quiz``."""

from __future__ import annotations

from typing import Any

import simcord
from host_support import HostBot, buttons, host_env  # noqa: F401


async def test_quiz_me_on_a_define_card_answers_when_only_lookup_is_loaded(host_env: Any) -> None:  # noqa: F811
    bot = HostBot(["cogs.lookup"])
    async with simcord.run(bot) as env:
        guild = env.create_guild()
        channel = guild.create_text_channel("study")
        alice = guild.add_member(env.create_user("alice"))
        r = await alice.slash(channel, "define", term="BERT")
        assert r.response.embeds[0].title == "BERT"
        if "Quiz me" not in buttons(r.response):
            return  # not offered where nothing handles it: fine
        clicked = await alice.click(r.response, label="Quiz me")
        # Discord shows "This interaction failed" to a click the bot never acknowledges.
        assert clicked.acknowledged, "'Quiz me' is shown but nothing answers it: the click fails"
        assert clicked.ephemeral
    await bot.close()
