"""Starting up from the command line: opening the decks and the database, and saying plainly why not.

Every command that opens the store goes through ``open_services``: a deck folder with no decks, invalid
decks, or a database that is damaged, read-only, locked or on a full disk becomes a ``StartupError`` with one
message for the operator (the file, the problem, what to do), never a traceback, and nothing is left
running (the store closes its connections on every failure).
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import sqlite3
import sys
from pathlib import Path

import bot
from bot.config import Settings
from bot.core.clock import Clock, utc_now
from bot.core.decks import DeckError, deck_files
from bot.core.service import Services
from bot.core.shards import ShardPlan
from bot.core.storage import StoreError, database_error

#: What a terminal command (``tutorbot quiz``, ``review``) looks after: no server. It runs beside the bot, on the
#: same database: the quizzes running there are the bot's, not quizzes a previous process left behind (a
#: terminal practice left running is closed at the bot's next start).
NO_SERVERS = ShardPlan(count=1, ids=())


class StartupError(Exception):
    """The command cannot start; ``str()`` is the message for the operator."""


def invoked_as() -> str:
    """How to run tutorbot again from here: ``tutorbot`` when it is on the PATH (the virtual environment
    is activated), else the script's path (``.venv/bin/tutorbot``), or ``python -m bot``."""
    script = Path(sys.argv[0]) if sys.argv and sys.argv[0] else None
    if script is not None and script.name == "tutorbot":
        found = shutil.which("tutorbot")
        if found and _same_file(Path(found), script):
            return "tutorbot"
        return _relative(script)
    return f"{_relative(Path(sys.executable))} -m bot"


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def _relative(path: Path) -> str:
    """``path`` relative to the current folder when it is inside it (``.venv/bin/tutorbot``)."""
    try:
        inside = path.absolute().relative_to(Path.cwd())
    except ValueError:
        return str(path)
    return f"./{inside}" if inside.parent == Path(".") else str(inside)


def shipped_cards() -> Path | None:
    """The deck folder of the tutorbot checkout this program runs from, if it has one."""
    folder = Path(bot.__file__).resolve().parent.parent / "cards"
    return folder if deck_files(folder) else None


def decks_problem(folder: Path, exc: DeckError, *, option: str | None = None, given: bool = False) -> str:
    """Why the decks in ``folder`` cannot be used; when there are none, where tutorbot looked and how to point
    it elsewhere (``option``: the command's own option for a deck folder, if it has one; ``given``: the folder
    came from that option)."""
    folder = Path(folder)
    if deck_files(folder):
        return f"the decks in {folder} are not valid (`{invoked_as()} validate {folder}` lists the problems):\n{exc}"
    if given and option:
        source = f"{option} {folder}"
    elif os.environ.get("TUTOR_CARDS_DIR"):
        source = f"TUTOR_CARDS_DIR={folder}"
    else:
        source = "the default: cards, in the folder you are in"
    elsewhere = "TUTOR_CARDS_DIR=/path/to/cards, in the environment or in .env"
    if option:
        elsewhere += f", or {option} /path/to/cards"
    lines = [
        f"found no decks: tutorbot looked for deck files (*.yaml) in {folder.absolute()} ({source}).",
        "Run it from the project folder (it reads .env and cards/ from the folder you are in), or point it at a "
        f"deck folder: {elsewhere}.",
    ]
    shipped = shipped_cards()
    if shipped is not None and shipped.resolve() != Path(folder).resolve():
        lines.append(f"The decks that come with tutorbot are in {shipped}.")
    return "\n".join(lines)


def startup_problem(exc: BaseException, settings: Settings) -> str | None:
    """The operator's message for a failure to open the decks or the database (None: not one of those)."""
    if isinstance(exc, DeckError):
        return decks_problem(settings.cards_dir, exc)
    if isinstance(exc, StoreError):
        return str(exc)
    if isinstance(exc, sqlite3.Error):  # damaged pages found past the store's own checks (e.g. in the deck sync)
        return str(database_error(settings.db_path, exc))
    return None


async def open_services(settings: Settings, *, clock: Clock = utc_now, terminal: bool = False) -> Services:
    """The services on the configured decks and database; ``StartupError`` with one clear message if not.
    ``terminal``: for a command run beside the bot, which takes over none of its servers' work (``NO_SERVERS``)
    and takes away none of its decks (``CoreOptions.beside_bot``: its deck folder may not be the bot's)."""
    options = dataclasses.replace(settings.core, shards=NO_SERVERS, beside_bot=True) if terminal else settings.core
    new_file = _missing_database(settings) if terminal else None
    try:
        services = await Services.create(options, clock=clock)
    except (DeckError, StoreError, sqlite3.Error) as exc:
        raise StartupError(startup_problem(exc, settings)) from exc
    if new_file is not None:  # (from another folder, a relative TUTOR_DB_PATH is a new file: progress looks lost)
        print(
            f"tutorbot: started a new, empty database at {new_file} (there was none). To use the bot's, run "
            "this from the bot's folder, or set TUTOR_DB_PATH to its database file.",
            file=sys.stderr,
        )
    return services


def _missing_database(settings: Settings) -> Path | None:
    """The SQLite file the settings name, in full, when there is none yet (opening it makes a new one)."""
    if settings.database_url or str(settings.db_path) == ":memory:":
        return None
    path = Path(settings.db_path)
    return None if path.exists() else path.absolute()
