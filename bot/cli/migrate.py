"""`tutorbot migrate --to postgresql://…`: copy the SQLite database into an empty PostgreSQL database.

The SQLite file (``TUTOR_DB_PATH``, or ``--db``) is only read, and only once no other program has it open
(a running bot would go on writing what the copy no longer sees). The target gets tutorbot's schema, then every
table is copied in one transaction and the rows are counted on both sides. Exit status: 0 when every row
arrived; 2 when nothing was written (the target is not empty, the SQLite file is in use, a database cannot be
opened or reached, or is newer than this tutorbot); 1 when the copy failed or the counts differ (rolled back:
the target holds the empty schema only, so the command can be run again); 130 when interrupted (Ctrl-C),
with what the target holds then.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from bot.config import ConfigError, Settings, not_postgres_url, postgres_url_problem
from bot.core.storage import Store, StoreError
from bot.core.storage.problems import process_using

if TYPE_CHECKING:  # imported when the command runs: the other commands never load the PostgreSQL driver
    from bot.core.storage.pg.copy import CopyReport


def register(sub: argparse._SubParsersAction) -> None:
    """Add `tutorbot migrate` to the command line."""
    p = sub.add_parser(
        "migrate",
        help="copy the SQLite database into an empty PostgreSQL database",
        description="Copy every table of the SQLite database (TUTOR_DB_PATH) into an empty PostgreSQL database, "
        "in one transaction, then compare the row counts of every table. The SQLite file is not changed. "
        "Stop the bot first: a file another program has open is refused.",
    )
    p.add_argument("--to", required=True, metavar="URL", help="the PostgreSQL database: postgresql://user@host:port/db")
    p.add_argument("--db", type=Path, help="the SQLite database to copy (default: TUTOR_DB_PATH)")
    p.add_argument(
        "--env-file", default=None, help="the settings file to read TUTOR_DB_PATH from (default: .env, when there is one)"
    )
    p.set_defaults(func=handle)


def handle(args: argparse.Namespace) -> int:
    """Copy the database; 0 when every row arrived, 2 when nothing was written, 1 when the copy was rolled back."""
    url: str = args.to
    try:
        from bot.core.storage.pg import safe_url
        from bot.core.storage.pg.copy import CopyFailed, CopyReport, TargetNotEmpty
    except ImportError as exc:
        print(f"tutorbot: migrate needs the asyncpg package ({exc}): pip install asyncpg", file=sys.stderr)
        return 2
    if not url.startswith(("postgresql://", "postgres://")):
        print(f"tutorbot: --to must be a postgresql:// URL, not {not_postgres_url(url)}", file=sys.stderr)
        return 2
    if problem := postgres_url_problem(url):
        print(f"tutorbot: --to {problem}", file=sys.stderr)
        return 2
    path: Path | None = args.db
    if path is None:
        if args.env_file is not None and not Path(args.env_file).is_file():
            # (a file named on purpose and not there: the default database would be copied in its stead)
            print(f"tutorbot: no settings file at {args.env_file} (given with --env-file)", file=sys.stderr)
            return 2
        try:
            path = Settings.from_env(dotenv=args.env_file or ".env").db_path
        except ConfigError as exc:
            print(f"tutorbot: bad setting: {exc}", file=sys.stderr)
            return 2
    if args.db is not None and _not_sqlite(path):
        # (a file named on purpose that is no database at all, a deck's YAML: not a damaged database to recover)
        print(
            f"tutorbot: {path} is not a SQLite database: --db names the database the bot writes (TUTOR_DB_PATH, "
            "data/tutor.sqlite3 by default). Nothing was written.",
            file=sys.stderr,
        )
        return 2
    holder = process_using(path)  # (asked before this process opens the file: see ``process_using``)
    if holder is not None:
        who = f"process {holder}" if holder else "another process"
        print(
            f"tutorbot: the database {path} is in use by another program ({who}: a running bot, `tutorbot quiz` "
            "or `review`, or a tool holding it open). Stop it first, then run migrate again: what it writes "
            "after the copy began would not reach PostgreSQL. Nothing was written.",
            file=sys.stderr,
        )
        return 2
    stage = _Stage()
    try:
        report = asyncio.run(migrate(path, url, stage))
    except KeyboardInterrupt:
        print(f"\ntutorbot: {stage.interrupted()}", file=sys.stderr)
        return 130
    except TargetNotEmpty as exc:
        print(f"tutorbot: {exc}", file=sys.stderr)
        return 2
    except CopyFailed as exc:
        print(f"tutorbot: {exc}", file=sys.stderr)
        counts = getattr(exc, "counts", ())
        if counts:
            print(render_counts(CopyReport(counts, ())), file=sys.stderr)
        return 1
    except StoreError as exc:
        print(f"tutorbot: {exc}", file=sys.stderr)
        return 2
    print(render_counts(report))
    print(f"Copied {report.rows} rows from {path} into {safe_url(url)}: every table's count matches.")
    return 0


#: How every SQLite database file begins.
SQLITE_HEADER = b"SQLite format 3\x00"


def _not_sqlite(path: Path) -> bool:
    """Whether ``path`` is a file with something in it that does not begin as a SQLite database does."""
    try:
        with path.open("rb") as f:
            head = f.read(len(SQLITE_HEADER))
    except OSError:
        return False  # (a folder, a missing or unreadable file: said when it is opened)
    return bool(head) and head != SQLITE_HEADER


class _Stage:
    """How far the copy went, to say what the target holds when it is interrupted."""

    def __init__(self) -> None:
        self.committed = False

    def commit(self) -> None:
        self.committed = True

    def interrupted(self) -> str:
        if self.committed:
            return (
                "migrate was interrupted after the copy was committed: every row arrived and every table's "
                "count matched. Only the planner statistics were not finished: run VACUUM ANALYZE in the "
                "database (or let autovacuum do it)."
            )
        return (
            "migrate was interrupted before the copy was committed: PostgreSQL kept none of its rows (the "
            "database holds tutorbot's empty tables at most), and the SQLite file is unchanged. Run the same "
            "command again."
        )


async def migrate(path: Path, url: str, stage: _Stage | None = None) -> CopyReport:
    """Open both databases (the SQLite one read-only), give the empty target the schema, copy, check counts."""
    from bot.core.storage.pg import PgStore, safe_url
    from bot.core.storage.pg.copy import TargetNotEmpty, copy_sqlite_to_pg, nonempty_tables

    source = await Store.open(path, read_only=True)
    try:
        target = await PgStore.open(url, min_size=1, max_size=2, migrate=False, setting="--to")
        try:
            busy = await nonempty_tables(target)
            if busy:
                raise TargetNotEmpty(safe_url(url), busy)
            await target.migrate()
            return await copy_sqlite_to_pg(
                source, target, progress=_progress, committed=stage.commit if stage is not None else None
            )
        finally:
            await target.close()
    finally:
        await source.close()


def _progress(table: str) -> None:
    print(f"copying {table}…", file=sys.stderr, flush=True)


def render_counts(report: CopyReport) -> str:
    """The row counts of every table, SQLite beside PostgreSQL, as an aligned text table."""
    width = max([len("table"), *(len(t.table) for t in report.tables)])
    lines = [f"{'table':<{width}}  {'sqlite':>9}  {'postgresql':>10}"]
    for t in report.tables:
        note = "  (search index rebuilt)" if t.rebuilt else ("" if t.ok else "  MISMATCH")
        lines.append(f"{t.table:<{width}}  {t.source:>9}  {t.target:>10}{note}")
    for name in report.target_only:
        lines.append(f"{name:<{width}}  {'-':>9}  {'-':>10}  (PostgreSQL only, left empty)")
    return "\n".join(lines)
