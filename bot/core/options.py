"""What the core is given from the settings: paths, switches and limits, never the bot token."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from bot.core.shards import ShardPlan

#: Defaults of the limits on quizzes (``TUTOR_QUIZ_*`` settings).
QUIZ_MAX_PER_MEMBER = 1
QUIZ_MAX_PER_SERVER = 5
QUIZ_COOLDOWN_SECONDS = 20
#: Defaults of the limits on decks servers import (``TUTOR_DECK_*`` settings).
DECK_MAX_BYTES = 2_000_000
DECK_MAX_CARDS = 5_000
DECK_MAX_PER_SERVER = 50

#: ``CoreOptions.writer_process``: True (from the start), False (never) or "auto" (once answers come fast).
WriterMode = bool | Literal["auto"]


@dataclass(frozen=True, slots=True)
class CoreOptions:
    """The core's share of the settings.

    ``quiz_max_per_member``: channel quizzes one member may have running at once (across channels and
    threads); ``quiz_max_per_server``: channel quizzes running at once in one server;
    ``quiz_cooldown_seconds``: how long a member waits after starting a quiz before starting another.
    ``deck_max_bytes``: the largest file ``/deck import`` takes (an Anki package may be ten times that, its
    media never unpacked); ``deck_max_cards``: the most cards one imported deck may have;
    ``deck_max_per_server``: the most decks one server may import. ``shards``: the servers this process
    looks after when the bot runs as several shard processes (every server by default). ``database_url``: a
    ``postgresql://`` URL to keep the data in PostgreSQL instead of the SQLite file at ``db_path``.
    ``writer_process``: write the quizzes' answers from a process of their own
    (``bot.core.quiz.writer_process``): True from the start, "auto" once 500 of them or more come in one second
    (``bot.core.quiz.commit.BUSY_RATE``), False never. ``beside_bot``: a command run beside the bot on its
    database (``tutorbot quiz``, ``review``), whose deck folder may not be the bot's: it adds the cards it asks
    and nothing more (``DeckQueries.add_missing_decks``), and leaves the search table to the bot.
    """

    db_path: Path
    cards_dir: Path
    chat_answers: bool = False
    quiz_max_per_member: int = QUIZ_MAX_PER_MEMBER
    quiz_max_per_server: int = QUIZ_MAX_PER_SERVER
    quiz_cooldown_seconds: int = QUIZ_COOLDOWN_SECONDS
    deck_max_bytes: int = DECK_MAX_BYTES
    deck_max_cards: int = DECK_MAX_CARDS
    deck_max_per_server: int = DECK_MAX_PER_SERVER
    shards: ShardPlan = field(default_factory=ShardPlan)
    database_url: str | None = None
    writer_process: WriterMode = False
    beside_bot: bool = False
