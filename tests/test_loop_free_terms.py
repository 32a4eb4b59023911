"""The grader knows the names of every loaded deck (a slip onto another card's name is no typo), and keeps
knowing them as servers import, re-import and remove decks, although the names are now built in a worker
thread and swapped in on the event loop (``bot.core.service.DeckTerms``)."""

from __future__ import annotations

import asyncio
import dataclasses
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import bot.core.service as service_module
from bot.core.catalog import Catalog
from bot.core.grading import grade_card, prepare_deck_terms, register_deck_terms
from bot.core.models import Card, Deck, VerdictKind
from bot.core.service import DeckTerms, Services

C = VerdictKind.CORRECT
GUILD, MOD = 1001, 42
MINI_DECKS = Path(__file__).resolve().parent / "data" / "decks"

#: A card nobody imported, answered "fizzbuzz": "fizzbuzzy" is a plain misspelling of it, unless a loaded
#: deck has a card of that name.
FIZZ = Card(deck="t", id="fizz", question="Which library builds the index?", answer="", accept=("fizzbuzz",))
QUUX = Card(deck="t", id="quux", question="Which tool packs the wheels?", answer="", accept=("quuxbar",))

FIZZY_CSV = b"""question,answer
Which toy library fizzes when it runs?,fizzbuzzy
What is the basic unit of life?,the cell
"""
QUUXY_CSV = b"""question,answer
Which toy tool packs wheels twice?,quuxbarz
What is the basic unit of life?,the cell
"""


def slip_refused(card: Card, slip: str) -> bool:
    return grade_card(card, slip).kind is not C


@pytest.fixture(autouse=True)
def no_deck_terms() -> Iterator[None]:
    """Each test starts and ends with no deck names known (they are the process's)."""
    register_deck_terms([])
    yield
    register_deck_terms([])


async def import_deck(services: Services, name: str, data: bytes) -> None:
    preview = await services.decks.preview(GUILD, f"{name}.csv", data, name, user_id=MOD)
    await services.decks.confirm(GUILD, preview.token, user_id=MOD)


async def test_a_slip_onto_a_name_of_an_imported_deck_is_refused_as_soon_as_the_import_is_done(
    core_services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    def slow(decks: Any) -> Any:  # as with a large deck loaded: the import's other work is done first
        time.sleep(0.3)
        return prepare_deck_terms(decks)

    monkeypatch.setattr(service_module, "prepare_deck_terms", slow)
    assert not slip_refused(FIZZ, "fizzbuzzy")  # a misspelling while no deck has that name
    await import_deck(core_services, "toys", FIZZY_CSV)
    assert slip_refused(FIZZ, "fizzbuzzy")
    await core_services.decks.remove(GUILD, "toys")
    assert not slip_refused(FIZZ, "fizzbuzzy")


async def test_a_re_import_replaces_the_names_of_the_deck(core_services: Services) -> None:
    await import_deck(core_services, "toys", FIZZY_CSV)
    assert slip_refused(FIZZ, "fizzbuzzy") and not slip_refused(QUUX, "quuxbarz")
    await import_deck(core_services, "toys", QUUXY_CSV)  # the same deck, its card renamed
    assert slip_refused(QUUX, "quuxbarz")
    assert not slip_refused(FIZZ, "fizzbuzzy")


async def test_turning_a_deck_off_keeps_its_names_and_builds_nothing(
    core_services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    await import_deck(core_services, "toys", FIZZY_CSV)
    builds: list[int] = []

    def counted(decks: Any) -> Any:
        builds.append(1)
        return prepare_deck_terms(decks)

    monkeypatch.setattr(service_module, "prepare_deck_terms", counted)
    await core_services.decks.set_enabled(GUILD, "toys", False)
    await core_services.decks.set_enabled(GUILD, "toys", True)
    assert builds == []
    assert slip_refused(FIZZ, "fizzbuzzy")


def deck(deck_id: str, name: str) -> Deck:
    return Deck(
        id=deck_id,
        title=deck_id,
        cards=(Card(deck=deck_id, id="x", question=f"Which one is {deck_id}?", answer="", accept=(name,)),),
    )


async def test_changes_during_a_build_end_with_the_names_of_the_latest_decks(
    core_services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build still running when the decks change again is never the last word: the names in use at the
    end are those of the decks loaded at the end."""
    catalog = core_services.catalog
    started, release = threading.Event(), threading.Event()
    threads: list[int] = []

    def gated(decks: Any) -> Any:
        threads.append(threading.get_ident())
        if len(threads) == 1:
            started.set()
            release.wait(30)
        return prepare_deck_terms(decks)

    monkeypatch.setattr(service_module, "prepare_deck_terms", gated)
    catalog.put_deck(deck("fizzy.aaaaaa", "fizzbuzzy"), GUILD, "fizzy")
    assert await asyncio.to_thread(started.wait, 30)  # the first build has its snapshot (fizzy) and waits
    catalog.drop_deck("fizzy.aaaaaa")
    catalog.put_deck(deck("quuxy.aaaaaa", "quuxbarz"), GUILD, "quuxy")
    release.set()
    assert core_services.terms is not None
    await core_services.terms.settled()
    assert not slip_refused(FIZZ, "fizzbuzzy")  # the first snapshot's deck is gone
    assert slip_refused(QUUX, "quuxbarz")
    assert len(threads) == 2  # the two later changes made one more build, not two
    assert threading.get_ident() not in threads  # built off the event loop's thread


async def test_the_names_are_known_when_the_services_are_up(settings: Any, clock: Any, tmp_path: Path) -> None:
    """The test decks and one more, whose card is called "fizzbuzzy", are loaded at start-up."""
    folder = tmp_path / "cards"
    shutil.copytree(MINI_DECKS, folder)
    (folder / "toys.yaml").write_text(
        "deck: toys\ntitle: Toys\ncards:\n"
        "  - id: fizzy\n    term: fizzbuzzy\n    question: Which toy library fizzes when it runs?\n"
        "    answer: fizzbuzzy\n    accept: [fizzbuzzy]\n",
        encoding="utf-8",
    )
    services = await Services.create(dataclasses.replace(settings.core, cards_dir=folder), clock=clock)
    try:
        assert slip_refused(FIZZ, "fizzbuzzy")
    finally:
        await services.close()


def test_without_an_event_loop_a_change_is_learnt_at_once() -> None:
    catalog = Catalog([])
    DeckTerms(catalog)
    catalog.put_deck(deck("fizzy", "fizzbuzzy"), None)
    assert slip_refused(FIZZ, "fizzbuzzy")
    catalog.drop_deck("fizzy")
    assert not slip_refused(FIZZ, "fizzbuzzy")
