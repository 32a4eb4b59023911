"""The quiz extension: ``await bot.load_extension("cogs.quiz")``.

- ``cog``: ``QuizCog`` — /quiz, chat answers, deleted messages, housekeeping on a timer;
- ``play``: the buttons and the answer box (kept nowhere: a submission is answered by its custom id, also
  after a restart), each checked against where it is used; private practice;
- ``runner``: the channel quizzes' timers (post, wait, reveal, summary), never silent;
- ``delivery``: Discord calls retried when worth it, and the truth told after a committed answer;
- ``views``: the restart-safe buttons and their custom-id specs (``practice_button`` for any cog);
- ``render``: the embeds and reply lines.
"""

from __future__ import annotations

from discord.ext import commands

from cogs._shared import acquire_services, add_cog, release_services
from cogs.quiz.cog import QuizCog
from cogs.quiz.views import PRACTICE, OptionButton, PracticeButton, QuizButton, practice_button


async def setup(bot: commands.Bot) -> None:
    """Add the quiz cog (building the services from the environment if the bot has none)."""
    await acquire_services(bot, __name__)
    await add_cog(bot, QuizCog(bot), __name__)


async def teardown(bot: commands.Bot) -> None:
    """Release the services (closed here when the cogs built them and this is the last cog)."""
    await release_services(bot, __name__)


__all__ = ["PRACTICE", "OptionButton", "PracticeButton", "QuizButton", "QuizCog", "practice_button", "setup", "teardown"]
