"""What can be wrong with the database, in one clear message for the operator.

``StoreError`` is raised when the database cannot be used; ``database_error(path, exc)`` turns what SQLite or
the operating system raised into one naming the file and the problem (damaged, locked, disk full,
read-only, cannot be opened) and what to do about it.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path


class StoreError(RuntimeError):
    """The database cannot be used (a clear message for the operator)."""


#: What a write raises when the database refuses it (disk full, read-only, locked, gone): a feature reports it
#: as not saved. Anything else is a bug and is left to propagate.
STORAGE_ERRORS: tuple[type[BaseException], ...] = (sqlite3.Error, StoreError, OSError)


class BotRunning(StoreError):
    """A bot process is serving Discord on the database (``PgCompatStore.not_running``): what it holds in memory
    would be written back over a deletion."""


class CommitUnconfirmed(StoreError):
    """The connection to the database was lost while it committed a unit of work, and whether the commit
    landed could not be found out (the server could not be reached to ask): the write may be there or not.
    A feature tells the member so, not that nothing was saved, and lets a retry count at most once.

    ``xid`` and ``pid``: the transaction and the server process that held it, so that the outcome can be settled
    later, once the server can be reached (``settle`` on the store). ``key``: the key the write stored its answer
    with (``attempts.attempt_key``), so that the outcome can be settled by looking the answer up once nothing
    can commit it any more (the writer process that held it has ended)."""

    def __init__(
        self, message: str, *, xid: int | None = None, pid: int | None = None, key: str | None = None
    ) -> None:
        super().__init__(message)
        self.xid = xid
        self.pid = pid
        self.key = key


def unconfirmed_commit(exc: BaseException | None) -> CommitUnconfirmed | None:
    """The ``CommitUnconfirmed`` that ``exc`` is (or was raised from), if any."""
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, CommitUnconfirmed):
            return exc
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return None


def commit_unconfirmed(exc: BaseException | None) -> bool:
    """Whether ``exc`` (or an error it was raised from) is ``CommitUnconfirmed``."""
    return unconfirmed_commit(exc) is not None


class SchemaTooNewError(StoreError):
    """The database was written by a newer version of tutorbot (its schema is unknown here)."""


def writable(path: Path) -> bool:
    """Whether ``path`` (and its folder, where SQLite keeps its -wal and -shm files) can be written."""
    folder = path.parent if str(path.parent) else Path(".")
    if path.exists() and not os.access(path, os.W_OK):
        return False
    return os.access(folder, os.W_OK) if folder.exists() else True


def _file_in_the_way(path: Path) -> Path | None:
    """The nearest folder of ``path`` that is a file (or anything but a folder) instead, if there is one."""
    for parent in Path(path).parents:
        if str(parent) in ("", ".") or parent == parent.parent:
            return None
        try:
            if parent.exists() or parent.is_symlink():
                return None if parent.is_dir() else parent
        except OSError:
            return None
    return None


_DAMAGED = ("malformed", "not a database", "corrupt", "disk image", "unsupported file format", "encrypted")
_LOCKED = ("database is locked", "database table is locked", "busy")
_FULL = ("database or disk is full", "disk is full", "no space left")


def damaged(path: Path, detail: str) -> StoreError:
    """The database file is damaged (``detail``: what SQLite found)."""
    return StoreError(
        f"the database {path} is damaged ({detail}): tutorbot cannot use it. Stop every program that uses it, "
        f"then restore it from a backup, or move it aside and tutorbot starts a new, empty one "
        f"(`sqlite3 {path} .recover` may save what is left in it)."
    )


def database_error(path: Path, exc: BaseException) -> StoreError:
    """One clear message for the operator about a database that cannot be used: the file and the problem."""
    if isinstance(exc, StoreError):
        return exc
    detail = " ".join(str(exc).split()) or type(exc).__name__
    if isinstance(exc, OSError) and exc.strerror:
        detail = exc.strerror
    lower = detail.lower()
    if any(word in lower for word in _DAMAGED):
        return damaged(path, detail)
    if any(word in lower for word in _LOCKED):
        return StoreError(
            f"the database {path} is locked by another program ({detail}): another tutorbot on the same "
            f"file, or a tool holding it open. Stop that program and start again."
        )
    if any(word in lower for word in _FULL):
        return StoreError(f"the disk holding the database {path} is full ({detail}). Free some space and start again.")
    if (blocker := _file_in_the_way(path)) is not None:
        return StoreError(
            f"cannot open the database {path}: {blocker} is a file, not a folder, so the database cannot be made "
            f"inside it. Point TUTOR_DB_PATH at another place, or move {blocker} aside."
        )
    if "readonly" in lower or "read-only" in lower or not writable(path):
        return StoreError(
            f"the database {path} is read-only ({detail}): tutorbot needs to write to the file and to its "
            f"folder, where SQLite keeps the -wal and -shm files next to it. Make both writable, or point "
            f"TUTOR_DB_PATH at a writable place."
        )
    if "unable to open" in lower or isinstance(exc, OSError):
        return StoreError(
            f"cannot open the database {path} ({detail}). Check that its folder exists and can be written, "
            f"or point TUTOR_DB_PATH at another file."
        )
    return StoreError(f"the database {path} cannot be used ({detail}).")


#: Where SQLite's unix VFS keeps its "dead man switch" lock in a WAL database's ``-shm`` file: every connection
#: that has the database open holds a shared lock on this byte until it closes (``UNIX_SHM_DMS`` in
#: ``os_unix.c``: 120 + 8 locks).
_SHM_DMS_BYTE = 128
#: ``struct flock`` as ``fcntl(F_GETLK)`` fills it: (format, index of ``l_type``, index of ``l_pid``).
_FLOCK_LAYOUTS = {
    "linux": ("hhqqi", 0, 4),  # l_type, l_whence, l_start, l_len, l_pid
    "darwin": ("qqihh", 3, 2),  # l_start, l_len, l_pid, l_type, l_whence (and the BSDs)
    "freebsd": ("qqihhi", 3, 2),
    "openbsd": ("qqihh", 3, 2),
    "netbsd": ("qqihh", 3, 2),
}


def process_using(path: Path) -> int | None:
    """The id of another process that has the WAL database ``path`` open (a running bot, ``tutorbot quiz``,
    the ``sqlite3`` shell; 0 when the system does not say which), or None when no other process has it open
    or it cannot be told (not a POSIX system, no ``-shm`` file, a file this user may not read).

    It only asks the operating system which process holds SQLite's lock on the ``-shm`` file; nothing is
    locked. Ask before this process opens the database itself: closing the descriptor used here ends the
    POSIX locks this process holds on the file, which would be its own connections' locks.
    """
    import fcntl
    import struct
    import sys

    layout = next((v for k, v in _FLOCK_LAYOUTS.items() if sys.platform.startswith(k)), None)
    if layout is None or not hasattr(fcntl, "F_GETLK"):
        return None
    fmt, type_at, pid_at = layout
    try:
        fd = os.open(f"{path}-shm", os.O_RDONLY)
    except OSError:
        return None
    try:
        fields: list[int] = [0] * len(fmt)
        fields[type_at] = fcntl.F_WRLCK
        if fmt.startswith("hh"):
            fields[1], fields[2], fields[3] = os.SEEK_SET, _SHM_DMS_BYTE, 1
        else:
            fields[0], fields[1], fields[type_at + 1] = _SHM_DMS_BYTE, 1, os.SEEK_SET
        found = struct.unpack(fmt, fcntl.fcntl(fd, fcntl.F_GETLK, struct.pack(fmt, *fields)))
    except (OSError, struct.error):
        return None
    finally:
        os.close(fd)
    if found[type_at] == fcntl.F_UNLCK:
        return None
    return max(int(found[pid_at]), 0)
