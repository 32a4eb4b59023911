"""Settings from the environment (and a ``.env`` file), validated at start-up.

Every setting is listed, commented and with its default, in ``.env.example``. A bad value raises
``ConfigError`` naming the setting and the value.
"""

from __future__ import annotations

import difflib
import logging
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from bot.core.options import (
    DECK_MAX_BYTES,
    DECK_MAX_CARDS,
    DECK_MAX_PER_SERVER,
    QUIZ_COOLDOWN_SECONDS,
    QUIZ_MAX_PER_MEMBER,
    QUIZ_MAX_PER_SERVER,
    CoreOptions,
    WriterMode,
)
from bot.core.shards import ShardPlan, parse_shards

log = logging.getLogger(__name__)

LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
#: A setting's name in a ``.env`` file.
_ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
TRUE = {"1", "true", "yes", "on"}
FALSE = {"0", "false", "no", "off", ""}


def postgres_url_problem(url: str) -> str | None:
    """What is wrong with a postgresql:// address that its parser refuses (None: nothing), without its password:
    "has a port that is not a number", "is not a valid URL (Invalid IPv6 URL)"."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018  (reading it checks it)
    except ValueError as exc:
        if "port" in str(exc).lower():
            return "has a port that is not a number from 0 to 65535 (postgresql://user@host:5432/db)"
        return f"is not a valid address ({exc}): postgresql://user:password@host:5432/db"
    return None


def not_postgres_url(value: str) -> str:
    """What a database address that is not a postgresql:// URL is, for a message: its scheme (``'mysql'://…``),
    never the rest, which may hold a password (``host=db password=…``, ``user:password@host/db``)."""
    scheme, sep, _ = value.partition("://")
    if sep and re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*", scheme):
        return f"{scheme!r}://…"
    return "text without a postgresql:// at its start (not shown here: it may hold the password)"


class ConfigError(ValueError):
    """A setting has a bad value."""


def _user_path(name: str, raw: str) -> Path:
    """The path setting ``name`` as a shell reads it: ``~`` (or ``~user``) at its start is that home folder. A
    service manager's environment file, ``docker --env-file`` and ``.env`` keep it as it is written, which would
    make a folder named ``~`` in the folder the bot runs from."""
    if not raw.startswith("~"):
        return Path(raw)
    try:
        return Path(raw).expanduser()
    except RuntimeError:  # (no such user, or no home folder known)
        raise ConfigError(
            f"{name} starts with {raw.split('/', 1)[0]!r}, but that home folder is not known here, in {raw!r}: "
            "write the path in full"
        ) from None


#: Every setting the bot reads (each is in ``.env.example``).
SETTING_NAMES = (
    "DISCORD_TOKEN", "TUTOR_DB_PATH", "TUTOR_DATABASE_URL", "TUTOR_SHARD_COUNT", "TUTOR_SHARD_IDS",
    "TUTOR_WRITER_PROCESS", "TUTOR_CARDS_DIR", "TUTOR_DEV_GUILD_ID", "TUTOR_LOG_LEVEL", "TUTOR_CHAT_ANSWERS",
    "TUTOR_QUIZ_MAX_PER_MEMBER", "TUTOR_QUIZ_MAX_PER_SERVER", "TUTOR_QUIZ_COOLDOWN_SECONDS", "TUTOR_DECK_MAX_BYTES",
    "TUTOR_DECK_MAX_CARDS", "TUTOR_DECK_MAX_PER_SERVER",
)
#: Read from the environment only (the grader is chosen before the settings file is read).
ENVIRONMENT_ONLY = ("TUTORBOT_PURE_PYTHON",)
#: The beginnings of names meant for tutorbot: in a settings file, one it does not know is a typo.
_OURS = ("TUTOR_", "TUTORBOT_", "DISCORD_")


def _unknown_name(path: Path, line: int, name: str) -> None:
    """Warn that line ``line`` of the settings file sets ``name``, a name meant for tutorbot that it does not
    read (a typo would otherwise leave the setting meant at its default without a word)."""
    upper = name.upper()
    if upper in SETTING_NAMES:
        meant = f" (did you mean {upper}? names are case-sensitive)"
    elif name in ENVIRONMENT_ONLY:
        log.warning(
            "%s line %d: %s is read from the environment only, not from %s: it is ignored here "
            "(%s=1 tutorbot run)", path, line, name, path, name,
        )
        return
    else:
        close = difflib.get_close_matches(upper, SETTING_NAMES + ENVIRONMENT_ONLY, n=1, cutoff=0.75)
        meant = f" (did you mean {close[0]}?)" if close else ""
    log.warning(
        "%s line %d: %s is not a tutorbot setting, so it is ignored%s; every setting is listed in .env.example",
        path, line, name, meant,
    )


def _check_dotenv_lines(path: Path) -> None:
    """``ConfigError`` naming the first line of the settings file that is not ``NAME=value`` (a quote left open,
    a space in the name): python-dotenv would skip it with a warning, and the setting it holds would silently
    take its default (another database file, no token). The value is never shown: it may be the token.
    A name tutorbot does not read that looks meant for it (``TUTOR_…``) is warned about (``_unknown_name``)."""
    from dotenv.parser import parse_stream

    with path.open(encoding="utf-8") as stream:
        for binding in parse_stream(stream):
            key = binding.key
            if (
                not binding.error and key is not None and binding.value is not None
                and key.upper().startswith(_OURS) and key not in SETTING_NAMES
            ):
                _unknown_name(path, binding.original.line, key)
            # (A bare NAME with no = is valid, and sets nothing; a bare word that is no name is a pasted value.)
            bare = binding.key is not None and binding.value is None and not _ENV_NAME.fullmatch(binding.key)
            if not binding.error and not bare:
                continue
            text = binding.original.string.strip().splitlines()[0] if binding.original.string.strip() else ""
            name = text.split("=", 1)[0].strip()
            if bare:
                what = "it is not NAME=value (it has no =: a value pasted on a line of its own?)"
            elif "=" in text and name:
                what = f"its setting {name!r} is not NAME=value: a quote left open, or a space in the name?"
            else:
                what = "it is not NAME=value (no name before an =)"
            raise ConfigError(
                f"{path} line {binding.original.line} cannot be read: {what} Fix that line; a value with spaces "
                f"or # goes in quotes (NAME=\"a value\")."
            )


@dataclass(frozen=True, slots=True)
class Settings:
    """Every setting of the bot. The core is given ``core`` only: the token stays here."""

    token: str | None = None
    db_path: Path = Path("data/tutor.sqlite3")
    cards_dir: Path = Path("cards")
    dev_guild_id: int | None = None
    log_level: str = "INFO"
    chat_answers: bool = False
    quiz_max_per_member: int = QUIZ_MAX_PER_MEMBER
    quiz_max_per_server: int = QUIZ_MAX_PER_SERVER
    quiz_cooldown_seconds: int = QUIZ_COOLDOWN_SECONDS
    deck_max_bytes: int = DECK_MAX_BYTES
    deck_max_cards: int = DECK_MAX_CARDS
    deck_max_per_server: int = DECK_MAX_PER_SERVER
    shards: ShardPlan = field(default_factory=ShardPlan)
    database_url: str | None = None
    writer_process: WriterMode = "auto"

    @property
    def core(self) -> CoreOptions:
        """What the core is given (everything but the token and the Discord-only settings)."""
        return CoreOptions(
            db_path=self.db_path,
            cards_dir=self.cards_dir,
            chat_answers=self.chat_answers,
            quiz_max_per_member=self.quiz_max_per_member,
            quiz_max_per_server=self.quiz_max_per_server,
            quiz_cooldown_seconds=self.quiz_cooldown_seconds,
            deck_max_bytes=self.deck_max_bytes,
            deck_max_cards=self.deck_max_cards,
            deck_max_per_server=self.deck_max_per_server,
            shards=self.shards,
            database_url=self.database_url,
            writer_process=self.writer_process,
        )

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, *, dotenv: str | Path | None = ".env") -> Settings:
        """Read settings from ``env`` (default: ``os.environ``, after loading ``dotenv`` if it exists).

        Values already in the environment win over the file, but for one set empty there.
        """
        if env is None:
            if dotenv is not None and Path(dotenv).is_file():
                from dotenv import dotenv_values

                try:
                    _check_dotenv_lines(Path(dotenv))
                    found = dotenv_values(dotenv, encoding="utf-8")
                except UnicodeDecodeError as exc:
                    raise ConfigError(
                        f"{dotenv} is not UTF-8 text (byte 0x{exc.object[exc.start]:02x} at position {exc.start}): "
                        "save it as UTF-8"
                    ) from None
                except OSError as exc:
                    raise ConfigError(f"{dotenv} cannot be read ({exc.strerror or exc})") from None
                for key, value in found.items():
                    # The environment wins, but for a value it holds empty (``export DISCORD_TOKEN=``, a service
                    # file passing an unset variable): that would hide the file's, which is then used.
                    if value is not None and not (os.environ.get(key) or "").strip():
                        os.environ[key] = value
            env = os.environ

        def get(name: str) -> str:
            return (env.get(name) or "").strip()

        def whole(name: str, default: int, low: int, high: int, meaning: str) -> int:
            raw = get(name)
            if not raw:
                return default
            if not (raw.isascii() and raw.isdigit()) or not low <= int(raw) <= high:
                raise ConfigError(f"{name} must be a whole number from {low} to {high} ({meaning}), not {raw!r}")
            return int(raw)

        token = get("DISCORD_TOKEN") or None
        if token and (" " in token or token.lower() in {"your-token-here", "changeme", "xxx"}):
            raise ConfigError(f"DISCORD_TOKEN looks like a placeholder ({token[:12]!r}); paste the bot token")

        raw_guild = get("TUTOR_DEV_GUILD_ID")
        dev_guild: int | None = None
        if raw_guild:
            if not (raw_guild.isascii() and raw_guild.isdigit()) or not (17 <= len(raw_guild) <= 20):
                raise ConfigError(f"TUTOR_DEV_GUILD_ID must be a server id (17-20 digits), not {raw_guild!r}")
            dev_guild = int(raw_guild)

        level = (get("TUTOR_LOG_LEVEL") or "INFO").upper()
        if level not in LOG_LEVELS:
            raise ConfigError(f"TUTOR_LOG_LEVEL must be one of {', '.join(LOG_LEVELS)}, not {level!r}")

        raw_chat = get("TUTOR_CHAT_ANSWERS").lower()
        if raw_chat not in TRUE | FALSE:
            raise ConfigError(f"TUTOR_CHAT_ANSWERS must be true or false, not {raw_chat!r}")

        raw_writer = get("TUTOR_WRITER_PROCESS").lower() or "auto"
        if raw_writer not in TRUE | FALSE | {"auto"}:
            raise ConfigError(f"TUTOR_WRITER_PROCESS must be auto, true or false, not {raw_writer!r}")
        writer: WriterMode = "auto" if raw_writer == "auto" else raw_writer in TRUE

        raw_db = get("TUTOR_DB_PATH") or "data/tutor.sqlite3"
        if raw_db.endswith(("/", os.sep)):
            raise ConfigError(
                f"TUTOR_DB_PATH must name the database file, not a folder: {raw_db!r} ends with a slash "
                f"({raw_db.rstrip('/' + os.sep)}/tutor.sqlite3, say)"
            )
        db_path = _user_path("TUTOR_DB_PATH", raw_db)
        if db_path.exists() and db_path.is_dir():
            raise ConfigError(f"TUTOR_DB_PATH must be a file, but {str(db_path)!r} is a directory")
        cards_dir = _user_path("TUTOR_CARDS_DIR", get("TUTOR_CARDS_DIR") or "cards")
        database_url = get("TUTOR_DATABASE_URL") or None
        if database_url is not None and not database_url.startswith(("postgresql://", "postgres://")):
            raise ConfigError(
                f"TUTOR_DATABASE_URL must be a PostgreSQL URL (postgresql://user@host:5432/db), not "
                f"{not_postgres_url(database_url)}; leave it empty to use the SQLite file TUTOR_DB_PATH"
            )
        if database_url is not None and (problem := postgres_url_problem(database_url)):
            raise ConfigError(f"TUTOR_DATABASE_URL {problem}")

        per_member = whole(
            "TUTOR_QUIZ_MAX_PER_MEMBER", QUIZ_MAX_PER_MEMBER, 1, 50, "channel quizzes one member may run at once"
        )
        per_server = whole(
            "TUTOR_QUIZ_MAX_PER_SERVER", QUIZ_MAX_PER_SERVER, 1, 500, "channel quizzes running at once in a server"
        )
        cooldown = whole(
            "TUTOR_QUIZ_COOLDOWN_SECONDS", QUIZ_COOLDOWN_SECONDS, 0, 3600, "seconds between two quizzes a member starts"
        )

        deck_bytes = whole(
            "TUTOR_DECK_MAX_BYTES", DECK_MAX_BYTES, 1_000, 20_000_000, "the largest deck file /deck import takes, in bytes"
        )
        deck_cards = whole("TUTOR_DECK_MAX_CARDS", DECK_MAX_CARDS, 1, 100_000, "the most cards an imported deck may have")
        deck_count = whole("TUTOR_DECK_MAX_PER_SERVER", DECK_MAX_PER_SERVER, 1, 1_000, "the most decks a server may import")

        try:
            shards = parse_shards(get("TUTOR_SHARD_COUNT"), get("TUTOR_SHARD_IDS"))
        except ValueError as exc:
            raise ConfigError(str(exc)) from None

        return cls(
            token=token,
            shards=shards,
            db_path=db_path,
            database_url=database_url,
            cards_dir=cards_dir,
            dev_guild_id=dev_guild,
            log_level=level,
            chat_answers=raw_chat in TRUE,
            writer_process=writer,
            quiz_max_per_member=per_member,
            quiz_max_per_server=per_server,
            quiz_cooldown_seconds=cooldown,
            deck_max_bytes=deck_bytes,
            deck_max_cards=deck_cards,
            deck_max_per_server=deck_count,
        )


#: The permissions the bot asks for when it is invited: View Channels, Send Messages, Send Messages in Threads,
#: Embed Links, Attach Files and Read Message History (the daily question and a quiz's restart look back through
#: recent messages). The bot checks View Channels and Send Messages (in Threads, for a thread) before it posts: a
#: server whose @everyone role sees no channel (members see them through a role) gives the bot only these.
INVITE_PERMISSIONS = 274878024704


def no_token_help(command: str = "tutorbot", *, env_file: str | Path = ".env") -> str:
    """What ``tutorbot run`` prints without a token: where to get one, where to put it, how to invite the bot.

    ``command`` is how to run tutorbot from here (``.venv/bin/tutorbot`` when the virtual environment is not
    activated); the second step depends on whether ``env_file`` exists yet.
    """
    env_file = Path(env_file)
    if env_file.is_file():
        put = f"Open {env_file} and paste the token after DISCORD_TOKEN="
    else:
        put = f"Copy .env.example to {env_file} (cp .env.example {env_file}) and paste the token after DISCORD_TOKEN="
    return f"""\
tutorbot needs a Discord bot token, and DISCORD_TOKEN is not set.

  1. Create an application and a bot at https://discord.com/developers/applications
     (Bot tab -> Reset Token -> copy it). No privileged intents are needed; turn on
     "Message Content Intent" only if you set TUTOR_CHAT_ANSWERS=true.
  2. {put}
     (optionally set TUTOR_DEV_GUILD_ID to your test server's id for instant command sync).
  3. Invite the bot with the scopes "bot applications.commands" and the permissions View Channels,
     Send Messages, Send Messages in Threads, Embed Links, Attach Files, Read Message History:
     https://discord.com/oauth2/authorize?client_id=YOUR_APP_ID&scope=bot+applications.commands&permissions={INVITE_PERMISSIONS}
     (YOUR_APP_ID is the Application ID on the app's General Information page.)
  4. Run `{command} run` again.

Without a token you can still try the tutor in the terminal: `{command} quiz`."""


NO_TOKEN_HELP = no_token_help()
