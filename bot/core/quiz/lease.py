"""Which process holds a running quiz, and whether it may still be running it.

A quiz lives in the memory of the process that started it. Its ``quizzes`` row names that process (``owner``) and
a lease (``lease_until``) the owner renews every ``RENEW_SECONDS`` while the quiz runs, or while its channel is
still to be told how it ended. Another process on the same database and shard (the new process of a rolling
restart, started before the old one exits; or two processes given the same shard by mistake) leaves such a quiz
alone while its lease holds: it neither marks it interrupted nor answers its buttons. It takes the quiz over (marks
it interrupted, tells its channel) once the lease has expired, or at once when the owner is certainly gone:

* the owner stopped cleanly: it gave its leases back as it closed (``release``);
* the owner ran on this machine and its process has exited (``Owner.gone``: the same boot and process namespace,
  and its process id no longer runs, or is this very process's and no longer keeps its leases), as after a crash
  and a restart of the only process: its quizzes end at the new start, as they always did.

Elsewhere (another machine or container, where a process id says nothing) only the lease tells, so a crashed
owner's quizzes are taken over at most ``LEASE_SECONDS`` after its last renewal.
"""

from __future__ import annotations

import hashlib
import logging
import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

#: How often the owner renews the leases of its quizzes (and another process looks for expired ones).
RENEW_SECONDS = 10.0
#: How long a lease holds after its last renewal: three renewals may fail (a database busy for a while) before
#: another process takes the quiz over.
LEASE_SECONDS = 30.0


#: The owners of this very process whose leases are being kept (``keeping``): several bots in one process (a host
#: running two, or the tests) each hold their own quizzes, under the same process id.
_KEPT: set[str] = set()


@contextmanager
def keeping(owner: Owner) -> Iterator[None]:
    """While the timer that renews ``owner``'s leases runs: no other owner of this process takes its quizzes."""
    _KEPT.add(owner.id)
    try:
        yield
    finally:
        _KEPT.discard(owner.id)


def machine_id() -> str:
    """This machine's boot and process namespace, as a short hex digest ("-" where they cannot be read): two
    processes with the same one see each other's process ids."""
    try:
        boot = Path("/proc/sys/kernel/random/boot_id").read_text(encoding="ascii").strip()
        namespace = os.readlink("/proc/self/ns/pid")
    except OSError:
        return "-"
    return hashlib.sha256(f"{boot}/{namespace}".encode()).hexdigest()[:12]


@dataclass(frozen=True, slots=True)
class Owner:
    """This process as the owner of its quizzes: ``<machine>:<pid>:<random>`` (a new one at every start)."""

    machine: str
    pid: int
    token: str

    @classmethod
    def here(cls) -> Owner:
        """A new owner for this process."""
        return cls(machine_id(), os.getpid(), secrets.token_hex(4))

    @property
    def id(self) -> str:
        """As stored in ``quizzes.owner``."""
        return f"{self.machine}:{self.pid}:{self.token}"

    def gone(self, other: str | None) -> bool:
        """Whether the owner ``other`` is certainly no longer running (see the module docstring); False when it
        may be (another machine, a process id that runs, or one that cannot be told)."""
        if not other:
            return True  # (a quiz started before owners were recorded)
        if other == self.id:
            return False
        machine, _, rest = other.partition(":")
        pid_text, _, _ = rest.partition(":")
        if machine == "-" or machine != self.machine or not pid_text.isdigit():
            return False
        pid = int(pid_text)
        if pid == self.pid:
            return other not in _KEPT  # this process: the one that held it has exited, unless its timer still runs
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        except (OSError, OverflowError, ValueError):
            return False  # it runs, under another user, or cannot be asked
        return False
