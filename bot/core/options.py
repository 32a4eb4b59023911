"""What the core is given from the settings: paths and switches, never the bot token."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class CoreOptions:
    """The core's share of the settings."""

    db_path: Path
    cards_dir: Path
    chat_answers: bool = False
