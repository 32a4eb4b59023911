"""Use-cases for the quiz feature (not written yet)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.core.service import Services


class QuizService:
    def __init__(self, services: Services) -> None:
        self.services = services
