"""The daily question: a question a day per server at its local time (see :mod:`bot.core.daily.service`).

- :mod:`.models`: constants and the records handed to callers (``Claim``, ``Reveal``, ``DailyStatus`` ...)
- :mod:`.errors`: what the feature refuses (``TodayPosted``, ``AlreadyAnswered`` ...)
- :mod:`.service`: ``DailyService``, made of :mod:`.schedules`, :mod:`.posting` and :mod:`.answers`
- :mod:`.pool`: the bounded worker pool that drains due guilds
- ``storage_failed(exc)``: whether an error means the database could not be written (nothing was saved)
- ``commit_unconfirmed(exc)``: whether the connection was lost while a write committed and its outcome is unknown
"""

from bot.core.daily.base import DailyOrder
from bot.core.daily.errors import AlreadyAnswered, TodayPosted
from bot.core.daily.models import (
    DAILY_POINTS,
    MAX_REVEAL_TRIES,
    MAX_SEND_TRIES,
    MIN_OPEN,
    NO_CARDS_REASON,
    ON_TIME_GRACE,
    REVEAL_LEASE,
    REVEAL_NAMES,
    REVEAL_STREAKS,
    SEND_LEASE,
    AnswerResult,
    Claim,
    DailyStatus,
    GuildWork,
    Place,
    PostInfo,
    Reveal,
    ScheduleInfo,
    accepted_answer,
)
from bot.core.daily.pool import PoolStats, run_pool
from bot.core.daily.service import DailyService
from bot.core.storage.daily_queries import commit_unconfirmed, storage_failed

__all__ = [
    "DAILY_POINTS",
    "MAX_REVEAL_TRIES",
    "MAX_SEND_TRIES",
    "MIN_OPEN",
    "NO_CARDS_REASON",
    "ON_TIME_GRACE",
    "REVEAL_LEASE",
    "REVEAL_NAMES",
    "REVEAL_STREAKS",
    "SEND_LEASE",
    "AlreadyAnswered",
    "AnswerResult",
    "Claim",
    "DailyOrder",
    "DailyService",
    "DailyStatus",
    "GuildWork",
    "Place",
    "PoolStats",
    "PostInfo",
    "Reveal",
    "ScheduleInfo",
    "TodayPosted",
    "accepted_answer",
    "run_pool",
    "commit_unconfirmed",
    "storage_failed",
]
