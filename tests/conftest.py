"""Shared fixtures: settings on a temporary database, the bot under simcord, and a virtual clock."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.config import Settings
from bot.core.service import Services
from bot.runner import TutorBot

ROOT = Path(__file__).resolve().parents[1]
CARDS = ROOT / "cards"
MINI_DECKS = ROOT / "tests" / "data" / "decks"


class VirtualClock:
    """The bot's clock in behaviour tests: simcord's virtual time once the env runs, else a fixed instant."""

    def __init__(self) -> None:
        self.env = None
        self.fixed = datetime(2026, 1, 1, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.env.now() if self.env is not None else self.fixed


@pytest.fixture
def cards_dir() -> Path:
    """The deck folder the bot under test loads (override in a test module to use the real cards/)."""
    return MINI_DECKS


@pytest.fixture
def settings(tmp_path: Path, cards_dir: Path) -> Settings:
    return Settings(token="test-token", db_path=tmp_path / "tutor.sqlite3", cards_dir=cards_dir)


@pytest.fixture
def clock() -> VirtualClock:
    return VirtualClock()


@pytest.fixture
def simcord_bot(settings: Settings, clock: VirtualClock) -> TutorBot:
    return TutorBot(settings, clock=clock)


@pytest.fixture(autouse=True)
async def close_services(monkeypatch: pytest.MonkeyPatch):
    """Close every Services a test built: simcord drops a bot (restart, teardown) without closing it, and an
    open database connection keeps a worker thread alive that would stop pytest from exiting."""
    created: list[Services] = []
    real = Services.create.__func__

    async def create(cls, *args, **kwargs):
        services = await real(cls, *args, **kwargs)
        created.append(services)
        return services

    monkeypatch.setattr(Services, "create", classmethod(create))
    yield created
    for services in created:
        if not services.store.closed:
            await services.close()


@pytest.fixture
def env(simcord_env, clock: VirtualClock):
    """The running simcord environment, with the bot's clock tied to simcord's virtual clock."""
    clock.env = simcord_env
    return simcord_env


@pytest.fixture
def services(env):
    return env.bot.tutor_services
