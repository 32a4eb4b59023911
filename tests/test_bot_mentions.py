"""A member mentions the bot with some text ("@tutorbot thanks!", "@tutorbot temperature"): the bot's only prefix
is its mention and it has no prefix command, so discord.py reports an unknown command. That is no error of the
bot: its log must not show an error with a traceback for every such message."""

from __future__ import annotations

import logging
from types import SimpleNamespace

import pytest
from discord.ext import commands

from bot.config import Settings
from bot.runner import TutorBot


async def test_a_mention_of_the_bot_with_text_logs_no_error(settings: Settings, caplog: pytest.LogCaptureFixture) -> None:
    bot = TutorBot(settings)
    context = SimpleNamespace(command=None, cog=None, invoked_with="thanks!")
    with caplog.at_level(logging.DEBUG):
        await bot.on_command_error(context, commands.CommandNotFound('Command "thanks!" is not found'))  # type: ignore[arg-type]
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]
    assert errors == [], [r.getMessage() for r in errors]


async def test_other_command_errors_are_still_logged(settings: Settings, caplog: pytest.LogCaptureFixture) -> None:
    bot = TutorBot(settings)
    context = SimpleNamespace(command=None, cog=None, invoked_with="x")
    with caplog.at_level(logging.ERROR):
        await bot.on_command_error(context, commands.CommandError("boom"))  # type: ignore[arg-type]
    assert any(r.levelno >= logging.ERROR for r in caplog.records)
