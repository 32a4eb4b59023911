"""`tutorbot forget`: delete what the bot keeps about a member, or about a server, on request.

``--member USER_ID`` deletes a member's data in every server (``--server GUILD_ID``: in that one only);
``--server GUILD_ID`` alone deletes everything of that server (its members' data, its settings, its daily schedule
and posts, its imported decks, its quizzes). What goes and what stays is ``bot.core.storage.forget_queries``'s;
a member can do the same in one server with ``/forget-me``.

The rows to delete are counted first (the same deletion, rolled back) and listed; then, unless ``--yes``, the
command asks before deleting them, all in one transaction. ``--dry-run`` only counts.

A running bot holds some of the data in memory (open quizzes, review sessions, cached settings) and would write
it back: the command refuses while a bot uses the database. On SQLite, while another program has the file open
(``process_using``, as ``tutorbot migrate`` asks); on PostgreSQL, while a bot process holds its mark
(``PgCompatStore.mark_running``; the deletion's transaction holds it meanwhile, so no bot starts in the middle).
Exit status: 0 when done (or nothing to delete, or a dry run), 1 when the operator said no, 2 when nothing could be
done (a bad option, a running bot, a database that cannot be opened).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path
from typing import Any

from bot.config import ConfigError, Settings
from bot.core.service import open_store, where_stored
from bot.core.storage import StoreError
from bot.core.storage.forget_queries import ForgetQueries, Forgotten
from bot.core.storage.problems import BotRunning, process_using

#: Answers that confirm the deletion.
YES = frozenset({"y", "yes"})


def register(sub: argparse._SubParsersAction) -> None:
    """Add `tutorbot forget` to the command line."""
    p = sub.add_parser(
        "forget",
        help="delete what the bot keeps about a member or a server (a member's data on request)",
        description="Delete everything the bot keeps about a member (--member, in every server or in --server "
        "only) or about a server (--server alone), in one transaction. The rows are counted and listed first, "
        "and the command asks before deleting them (--yes does not ask). Stop the bot first: a database a "
        "running bot uses is refused (members can delete their own data with /forget-me meanwhile).",
    )
    p.add_argument("--member", type=_snowflake, metavar="USER_ID", help="the member's Discord user id")
    p.add_argument("--server", type=_snowflake, metavar="GUILD_ID", help="the server's Discord id")
    p.add_argument("--dry-run", action="store_true", help="only count what would be deleted")
    p.add_argument("--yes", action="store_true", help="delete without asking")
    p.add_argument(
        "--env-file", default=None, help="the settings file to read (default: .env, when there is one)"
    )
    p.set_defaults(func=handle)


def _snowflake(text: str) -> int:
    try:
        value = int(text.strip())
    except ValueError:
        value = -1
    if not 0 < value < 2**63:
        raise argparse.ArgumentTypeError(f"not a Discord id: {text!r} (a number, like 123456789012345678)")
    return value


def handle(args: argparse.Namespace) -> int:
    """Count, ask, delete; the exit status."""
    if args.member is None and args.server is None:
        return _fail("tutorbot forget: name a member (--member USER_ID) or a server (--server GUILD_ID), or both")
    if args.env_file is not None and not Path(args.env_file).is_file():
        return _fail(f"tutorbot: no settings file at {args.env_file} (given with --env-file)")
    try:
        settings = Settings.from_env(dotenv=args.env_file or ".env")
    except ConfigError as exc:
        return _fail(f"tutorbot: bad setting: {exc}")
    if not settings.database_url:
        path = Path(settings.db_path)
        if str(path) == ":memory:" or not path.is_file():
            return _fail(f"tutorbot forget: there is no database at {path}: nothing to delete (TUTOR_DB_PATH names it)")
        holder = process_using(path)  # (asked before this process opens the file: see ``process_using``)
        if holder is not None:
            who = f"process {holder}" if holder else "another process"
            return _fail(_running(f"the database {path} is in use by another program ({who}: a running bot, "
                                  "`tutorbot quiz` or `review`, or a tool holding it open)"))  # fmt: skip
    return asyncio.run(forget(settings, args))


def _running(what: str) -> str:
    return (
        f"tutorbot forget: {what}. Stop it first, then run forget again: a running bot holds some of the data in "
        "memory and would write it back. (Members can delete their own data meanwhile with /forget-me.) "
        "Nothing was deleted."
    )


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return 2


def _what(args: argparse.Namespace) -> str:
    if args.member is not None and args.server is not None:
        return f"member {args.member} in server {args.server}"
    if args.member is not None:
        return f"member {args.member} in every server"
    return f"server {args.server} (every member's data there, its settings, decks and quizzes)"


async def forget(settings: Settings, args: argparse.Namespace, *, stdin: Any = None) -> int:
    """Open the database, count, ask, delete."""
    try:
        store = await open_store(settings.core)
    except StoreError as exc:
        return _fail(f"tutorbot: cannot start: {exc}")
    try:
        return await _forget(store, settings, args, stdin if stdin is not None else sys.stdin)
    finally:
        await store.close()


async def _forget(store: Any, settings: Settings, args: argparse.Namespace, stdin: Any) -> int:
    queries = ForgetQueries(store)
    guard = getattr(store, "not_running", None)  # PostgreSQL: refused while a bot holds its mark

    async def run(dry_run: bool) -> Forgotten:
        if args.member is not None:
            return await queries.forget_member(args.server, args.member, dry_run=dry_run, guard=guard)
        return await queries.forget_server(args.server, dry_run=dry_run, guard=guard)

    where = where_stored(settings.core)
    try:
        counted = await run(True)
        if counted.nothing:
            print(f"Nothing to delete: {where} keeps nothing about {_what(args)}.")
            return 0
        servers = await queries.servers_of(args.member) if args.server is None else []
        listed = f" ({len(servers)} server{'' if len(servers) == 1 else 's'}: {', '.join(map(str, servers))})"
        print(f"In {where}, about {_what(args)}{listed if servers else ''}:")
        print(render_counts(counted))
        if args.dry_run:
            print(f"Dry run: {counted.rows} rows would be deleted. Nothing was deleted.")
            return 0
        if not args.yes and not _confirmed(stdin, counted.rows):
            print("Nothing was deleted.", file=sys.stderr)
            return 1
        done = await run(False)
    except BotRunning:
        return _fail(_running(f"a running bot uses the database {where}"))
    except StoreError as exc:
        return _fail(f"tutorbot forget: {exc}. Nothing was deleted.")
    print(f"Deleted {done.rows} rows in one transaction.")
    return 0


def _confirmed(stdin: Any, rows: int) -> bool:
    """Whether the operator typed yes."""
    if stdin is None:
        print("tutorbot forget: stdin is closed, so I cannot ask: add --yes to delete.", file=sys.stderr)
        return False
    print(f"Delete these {rows} rows for good? Type yes to delete: ", end="", file=sys.stderr, flush=True)
    line = stdin.readline()
    if not _terminal(stdin):  # (what was typed is not on the screen: the next message starts a line of its own)
        print(file=sys.stderr)
    return line.strip().lower() in YES


def _terminal(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def render_counts(forgotten: Forgotten) -> str:
    """The rows to delete, table by table, and the rows that keep everything but the member's id."""
    deleted = [(table, n) for table, n in forgotten.deleted.items() if n]
    unlinked = [(what, n) for what, n in forgotten.unlinked.items() if n]
    width = max([len(name) for name, _ in deleted + unlinked] + [len("table")])
    lines = [f"{'table':<{width}}  {'rows':>7}"]
    lines += [f"{table:<{width}}  {n:>7}" for table, n in deleted]
    if unlinked:
        lines.append("kept, without the member's id (they are the server's or other members'):")
        lines += [f"{what:<{width}}  {n:>7}" for what, n in unlinked]
    return "\n".join(lines)
