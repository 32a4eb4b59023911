"""What the core is given from the settings: paths, switches and limits, never the bot token."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

#: Defaults of the limits on quizzes (``TUTOR_QUIZ_*`` settings).
QUIZ_MAX_PER_MEMBER = 1
QUIZ_MAX_PER_SERVER = 5
QUIZ_COOLDOWN_SECONDS = 20


@dataclass(frozen=True, slots=True)
class CoreOptions:
    """The core's share of the settings.

    ``quiz_max_per_member``: channel quizzes one member may have running at once (across channels and
    threads); ``quiz_max_per_server``: channel quizzes running at once in one server;
    ``quiz_cooldown_seconds``: how long a member waits after starting a quiz before starting another.
    """

    db_path: Path
    cards_dir: Path
    chat_answers: bool = False
    quiz_max_per_member: int = QUIZ_MAX_PER_MEMBER
    quiz_max_per_server: int = QUIZ_MAX_PER_SERVER
    quiz_cooldown_seconds: int = QUIZ_COOLDOWN_SECONDS
