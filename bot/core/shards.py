"""Which servers this process looks after when the bot runs as several shard processes.

Discord splits a bot's servers into shards by ``(guild_id >> 22) % shard_count``; a process started with
``TUTOR_SHARD_COUNT`` and ``TUTOR_SHARD_IDS`` holds those shards and only those servers' events reach it.
The background work that is not started by an event (the daily post, recovering quizzes after a restart,
review reminders) must follow the same rule, or two processes would both do it: ``ShardPlan.owns`` says
whether a server is this process's. One process, the one holding shard 0, syncs the slash commands.

Unset, one process holds every shard and owns every server, as a single bot always did.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

#: Discord's own ceiling is far lower; this only keeps a typo ("10000000") from allocating a huge plan.
MAX_SHARDS = 65_536


def shard_of(guild_id: int, shard_count: int) -> int:
    """The shard Discord sends a server's events to."""
    return (guild_id >> 22) % shard_count


@dataclass(frozen=True, slots=True)
class ShardPlan:
    """This process's shards: ``count`` in all, of which it holds ``ids`` (None: one process, every shard)."""

    count: int | None = None
    ids: tuple[int, ...] | None = None

    @property
    def sharded(self) -> bool:
        """Whether the bot is split across processes (or at least told its shard count)."""
        return self.count is not None

    def owns(self, guild_id: int | None) -> bool:
        """Whether this process looks after the server; direct messages (None) belong to shard 0, where
        Discord sends them."""
        if self.count is None or self.ids is None:
            return True
        return shard_of(guild_id, self.count) in self.ids if guild_id is not None else 0 in self.ids

    def owned(self, guild_ids: Iterable[int]) -> list[int]:
        """The servers among ``guild_ids`` that are this process's, in order."""
        return [g for g in guild_ids if self.owns(g)]

    @property
    def syncs_commands(self) -> bool:
        """Whether this process syncs the slash commands (the one holding shard 0, or the only one)."""
        return self.ids is None or 0 in self.ids

    def describe(self) -> str:
        """For the log: "shards 0,1 of 4" or "all shards"."""
        if self.count is None:
            return "all shards"
        held = ",".join(map(str, self.ids)) if self.ids is not None else "all"
        return f"shards {held} of {self.count}"


def parse_shards(count_text: str | None, ids_text: str | None) -> ShardPlan:
    """The plan from ``TUTOR_SHARD_COUNT`` and ``TUTOR_SHARD_IDS`` (``"0,1"``); raises ``ValueError`` naming
    the setting and the bad value. Ids without a count are refused (the count decides who owns a server)."""
    count_text = (count_text or "").strip()
    ids_text = (ids_text or "").strip()
    if not count_text:
        if ids_text:
            raise ValueError(
                f"TUTOR_SHARD_IDS is {ids_text!r} but TUTOR_SHARD_COUNT is not set: set the total number of shards too"
            )
        return ShardPlan()
    try:
        count = int(count_text)
    except ValueError:
        raise ValueError(f"TUTOR_SHARD_COUNT must be a whole number, not {count_text!r}") from None
    if not 1 <= count <= MAX_SHARDS:
        raise ValueError(f"TUTOR_SHARD_COUNT must be between 1 and {MAX_SHARDS}, not {count_text!r}")
    if not ids_text:
        return ShardPlan(count=count)
    ids: list[int] = []
    for part in ids_text.split(","):
        part = part.strip()
        try:
            shard = int(part)
        except ValueError:
            raise ValueError(f"TUTOR_SHARD_IDS must list shard numbers like '0,1', not {ids_text!r}") from None
        if not 0 <= shard < count:
            raise ValueError(
                f"TUTOR_SHARD_IDS has shard {shard}, but with TUTOR_SHARD_COUNT={count} shards are numbered 0 to {count - 1}"
            )
        if shard not in ids:
            ids.append(shard)
    return ShardPlan(count=count, ids=tuple(sorted(ids)))
