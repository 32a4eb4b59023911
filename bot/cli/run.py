"""`tutorbot run`: start the Discord bot.

The decks and the database are opened first, so their problems are reported before any network call;
then the bot logs in. Anything that stops it from starting (no token, a bad setting, invalid decks, a
database it cannot use, a token Discord refuses, no network) is one paragraph on stderr and exit status 2.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from pathlib import Path

from bot.cli.startup import StartupError, invoked_as, open_services
from bot.config import ConfigError, Settings, no_token_help

log = logging.getLogger(__name__)


def register(sub: argparse._SubParsersAction) -> None:
    """Add `tutorbot run` to the command line."""
    p = sub.add_parser("run", help="start the Discord bot (needs DISCORD_TOKEN in .env)")
    p.add_argument("--env-file", default=None, help="the settings file to read (default: .env, when there is one)")
    p.set_defaults(func=handle)


def handle(args: argparse.Namespace) -> int:
    """Read the settings, then run the bot until it is stopped; 2 when it cannot start."""
    env_file = args.env_file or ".env"
    if args.env_file is not None and not Path(env_file).is_file():
        # (a file named on purpose and not there: a typo in its name, not a first run without .env)
        print(f"tutorbot: no settings file at {env_file} (given with --env-file)", file=sys.stderr)
        return 2
    from bot.cli import terminal_log

    try:
        with terminal_log():  # (a name in the file that is no setting: said before the bot's logging starts)
            settings = Settings.from_env(dotenv=env_file)
    except ConfigError as exc:
        print(f"tutorbot: bad setting: {exc}", file=sys.stderr)
        return 2
    if not settings.token:
        print(no_token_help(invoked_as(), env_file=env_file), file=sys.stderr)
        return 2
    from bot.runner import configure_logging

    configure_logging(settings.log_level)
    try:
        asyncio.run(start(settings))
    except StartupError as exc:
        print(f"tutorbot: cannot start: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:
        message = startup_failure(exc, settings)
        if message is None:
            raise
        log.debug("start-up failed", exc_info=True)
        print(f"tutorbot: cannot start: {message}", file=sys.stderr)
        return 2
    return 0


async def start(settings: Settings) -> None:
    """Open the decks and the database (``StartupError`` if they cannot be used), then run the bot."""
    from bot.runner import run_bot

    services = await open_services(settings)
    try:
        await run_bot(settings, services=services, shards=settings.shards)
    finally:
        if not services.store.closed:
            await services.close()


def startup_failure(exc: BaseException, settings: Settings) -> str | None:
    """What the operator reads when the bot cannot log in or connect, and what to do (None: unexpected)."""
    import aiohttp
    import discord

    if isinstance(exc, discord.LoginFailure):
        return (
            "Discord refused the token in DISCORD_TOKEN (it was reset, or not copied whole). Open "
            "https://discord.com/developers/applications, choose the app, Bot tab -> Reset Token, paste the new "
            "token after DISCORD_TOKEN= in .env, and start again."
        )
    if isinstance(exc, discord.PrivilegedIntentsRequired):
        return (
            "TUTOR_CHAT_ANSWERS needs the Message Content intent: turn it on in the developer portal"
            " (Bot tab), or set TUTOR_CHAT_ANSWERS=false."
        )
    if isinstance(exc, discord.DiscordServerError):
        return (
            f"Discord answered with an error ({exc.status} {exc.text or 'server error'}) while logging in: it is "
            "probably having trouble. Try again in a few minutes (https://discordstatus.com)."
        )
    if isinstance(exc, OSError | aiohttp.ClientError | asyncio.TimeoutError | discord.GatewayNotFound):
        detail = " ".join(str(exc).split()) or type(exc).__name__
        return (
            f"cannot reach Discord ({detail}). Check this computer's network connection (and any proxy or "
            "firewall: tutorbot needs HTTPS to discord.com and its gateway), then start again."
        )
    return None
