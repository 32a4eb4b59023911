"""Shared fixtures: one fake clock, settings on a temporary database, the core services, the bot under simcord.

Which to use:

* ``clock`` — the one fake clock (``VirtualClock``). Core tests move it with ``clock.now = ...`` or
  ``clock.tick(seconds=..., hours=...)``; once a simcord ``env`` runs it follows simcord's virtual time.
  A module that needs another starting instant overrides ``clock_start``.
* ``settings`` — ``Settings`` on a temporary database and the ``cards_dir`` deck folder (the mini test
  decks; override ``cards_dir`` in a module to use others).
* ``core_services`` — the core alone: ``Services.create(settings.core, clock=clock, rng=rng)``, closed
  after the test. ``rng`` is a seeded ``random.Random``.
* ``env`` / ``services`` — the bot running under simcord, and its services.
* ``answer_box`` — ``answer_box(shown)``: the text box of a modal the bot opened (a simcord result), wherever
  it sits (after the prompt shown above it, in an action row or a label); ``answer_box(shown)["custom_id"]``
  is the key for ``submit_modal``. ``modal_text(shown)`` is the text shown above it.
"""

from __future__ import annotations

import asyncio
import os
import random
import re
import shutil
import threading
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.config import Settings
from bot.core.service import Services
from bot.core.storage import Store
from bot.core.storage import store as store_module
from bot.runner import TutorBot

ROOT = Path(__file__).resolve().parents[1]
CARDS = ROOT / "cards"
MINI_DECKS = ROOT / "tests" / "data" / "decks"
#: The bot's settings (every one is in ``.env.example``). A shell that also runs the bot may export them
#: (``export TUTOR_DATABASE_URL=...``): they are the bot's, not the tests', which would otherwise open its
#: database or run as its shard. Each test that needs one sets it; the tests' own switches
#: (``TUTOR_TEST_DATABASE_URL``, ``TUTOR_REQUIRE_*``) are not settings of the bot and stay.
BOT_SETTINGS = frozenset(re.findall(r"(?m)^([A-Z][A-Z0-9_]*)=", (ROOT / ".env.example").read_text(encoding="utf-8")))
for _name in BOT_SETTINGS & set(os.environ):
    del os.environ[_name]
#: Where the fake clock starts unless a module overrides ``clock_start``.
START = datetime(2026, 1, 1, tzinfo=UTC)
RNG_SEED = 7


class VirtualClock:
    """The one fake clock: a settable instant, or simcord's virtual time once an ``env`` is attached."""

    def __init__(self, start: datetime = START) -> None:
        if start.tzinfo is None:
            raise ValueError("the clock needs an aware datetime")
        self.env: Any = None
        self._now = start

    @property
    def now(self) -> datetime:
        """The current instant."""
        return self.env.now() if self.env is not None else self._now

    @now.setter
    def now(self, value: datetime) -> None:
        if value.tzinfo is None:
            raise ValueError("the clock needs an aware datetime")
        if self.env is not None:
            raise RuntimeError("simcord drives this clock: use env.advance_time()")
        self._now = value

    def __call__(self) -> datetime:
        return self.now

    def tick(self, seconds: float = 0, **delta: float) -> None:
        """Move the clock forward (``tick(5)``, ``tick(hours=1)``)."""
        self.now = self.now + timedelta(seconds=seconds, **delta)


@pytest.fixture
def cards_dir() -> Path:
    """The deck folder the bot under test loads (override in a test module to use the real cards/)."""
    return MINI_DECKS


@pytest.fixture
def settings(tmp_path: Path, cards_dir: Path) -> Settings:
    """Settings on a temporary database, loading ``cards_dir``. The answers are written in the bot's own
    process, however fast a test sends them (``writer_process``: the tests of the child ask for it)."""
    return Settings(
        token="test-token", db_path=tmp_path / "tutor.sqlite3", cards_dir=cards_dir, writer_process=False
    )


@pytest.fixture
def clock_start() -> datetime:
    """Where ``clock`` starts (override in a module for another instant)."""
    return START


@pytest.fixture
def clock(clock_start: datetime) -> VirtualClock:
    """The one fake clock (see ``VirtualClock``)."""
    return VirtualClock(clock_start)


@pytest.fixture
def rng() -> random.Random:
    """A seeded random source, so quiz plans and daily picks are the same on every run."""
    return random.Random(RNG_SEED)


@pytest.fixture
async def core_services(settings: Settings, clock: VirtualClock, rng: random.Random) -> AsyncIterator[Services]:
    """The core alone (no Discord), on a temporary database with the fake clock and the seeded rng."""
    services = await Services.create(settings.core, clock=clock, rng=rng)
    try:
        yield services
    finally:
        await services.close()


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


async def _migrated(real: Any, path: Path) -> None:
    store = await real(Store, path)
    await store.close()


@pytest.fixture(scope="session", autouse=True)
def close_leftover_stores(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[Store]]:
    """At the end of the session, close every store a test opened and left open (a failed assertion before
    its ``close()``): each open connection has a worker thread the interpreter would wait for at exit, so the
    test run would never end.

    A new SQLite database a test opens starts as a copy of one this process created and migrated once: the
    file the migrations make, without running every migration again for each of thousands of tests (about
    90 ms of CPU each). The migrations still run here once, where a test cuts them short to make a database
    of an older schema and upgrades it, and in every test that starts ``tutorbot`` in a process of its own."""
    opened: list[Store] = []
    real = Store.open.__func__  # type: ignore[attr-defined]
    template = tmp_path_factory.mktemp("template") / "migrated.sqlite3"
    asyncio.run(_migrated(real, template))

    migrations = store_module.migrations

    def seed(path: Any, kwargs: dict[str, Any]) -> None:
        target = Path(path)
        if str(path) == ":memory:" or kwargs.get("read_only"):
            return
        if store_module.migrations is not migrations:
            return  # a test making a database of an older schema (its migrations cut short)
        if not target.exists() and target.parent.is_dir():
            # Copied aside and linked into place, so that a database opened from two threads at once (two bots
            # loading the cogs together) is never seen half copied, nor copied over once it is in use.
            aside = target.with_name(f".{target.name}.{os.getpid()}.{threading.get_ident()}.seed")
            shutil.copyfile(template, aside)
            try:
                os.link(aside, target)
            except FileExistsError:
                pass  # the other opener was first: its copy stands
            finally:
                aside.unlink()

    async def open_store(cls: type[Store], path: Any, *args: Any, **kwargs: Any) -> Store:
        seed(path, kwargs)
        store = await real(cls, path, *args, **kwargs)
        opened.append(store)
        return store

    Store.open = classmethod(open_store)  # type: ignore[method-assign, assignment]
    try:
        yield opened
    finally:
        Store.open = classmethod(real)  # type: ignore[method-assign]
        for store in opened:
            if not store.closed:
                try:
                    asyncio.run(store.close())
                except Exception:  # a connection of a closed loop: nothing more can be done for it
                    pass


@pytest.fixture
def env(simcord_env, clock: VirtualClock):
    """The running simcord environment, with the bot's clock tied to simcord's virtual clock."""
    clock.env = simcord_env
    return simcord_env


@pytest.fixture
def services(env) -> Services:
    """The services of the bot running under simcord."""
    return env.bot.tutor_services


def find_answer_box(modal: dict[str, Any]) -> dict[str, Any]:
    """The first text input of a modal payload, in an action row or a label."""
    for top in modal["components"]:
        for child in [*top.get("components", []), top.get("component") or {}]:
            if child.get("type") == 4:
                return child
        if top.get("type") == 4:
            return top
    raise AssertionError(f"no text box in the modal {modal!r}")


def find_modal_text(modal: dict[str, Any]) -> str:
    """The text displays of a modal payload (what is shown above the answer box), joined by new lines."""
    return "\n".join(c["content"] for c in modal["components"] if c.get("type") == 10)


@pytest.fixture
def answer_box() -> Any:
    """``answer_box(shown)``: the text box of the modal a simcord result opened."""
    return lambda shown: find_answer_box(shown.modal)


@pytest.fixture
def modal_text() -> Any:
    """``modal_text(shown)``: the text the modal a simcord result opened shows above its answer box."""
    return lambda shown: find_modal_text(shown.modal)
