"""The injected clock, and the small start/close protocol every feature service follows."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Protocol

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    """The real clock: now, aware, in UTC."""
    return datetime.now(UTC)


class Lifecycle(Protocol):
    """A feature service that has work to do when the bot starts and when it stops."""

    async def start(self) -> None: ...

    async def close(self) -> None: ...
