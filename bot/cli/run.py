"""`tutorbot run`: start the Discord bot."""

from __future__ import annotations

import argparse
import asyncio
import sys

from bot.config import NO_TOKEN_HELP, ConfigError, Settings
from bot.core.decks import DeckError
from bot.core.storage import StoreError


def register(sub: argparse._SubParsersAction) -> None:
    """Add `tutorbot run` to the command line."""
    p = sub.add_parser("run", help="start the Discord bot (needs DISCORD_TOKEN in .env)")
    p.add_argument("--env-file", default=".env", help="the settings file to read (default: .env)")
    p.set_defaults(func=handle)


def handle(args: argparse.Namespace) -> int:
    """Read the settings, then run the bot until it is stopped; 2 when it cannot start."""
    try:
        settings = Settings.from_env(dotenv=args.env_file)
    except ConfigError as exc:
        print(f"tutorbot: bad setting: {exc}", file=sys.stderr)
        return 2
    if not settings.token:
        print(NO_TOKEN_HELP, file=sys.stderr)
        return 2
    import discord

    from bot.runner import configure_logging, run_bot

    configure_logging(settings.log_level)
    try:
        asyncio.run(run_bot(settings))
    except (DeckError, StoreError, discord.LoginFailure, discord.PrivilegedIntentsRequired) as exc:
        print(f"tutorbot: {startup_failure(exc, settings)}", file=sys.stderr)
        return 2
    return 0


def startup_failure(exc: Exception, settings: Settings) -> str:
    """What the operator reads when the bot cannot start, and what to do about it."""
    import discord

    if isinstance(exc, DeckError):
        return f"the decks in {settings.cards_dir} are not valid:\n{exc}"
    if isinstance(exc, discord.LoginFailure):
        return "Discord refused the token in DISCORD_TOKEN; reset it in the developer portal."
    if isinstance(exc, discord.PrivilegedIntentsRequired):
        return (
            "TUTOR_CHAT_ANSWERS needs the Message Content intent: turn it on in the developer portal"
            " (Bot tab), or set TUTOR_CHAT_ANSWERS=false."
        )
    return str(exc)  # StoreError: already says what is wrong with the database
