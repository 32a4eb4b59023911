"""A deck file added later with the name of a deck a server imported (server 1 imported `biology`; then the
operator adds cards/biology.yaml and restarts). That server used to list two decks called `biology`, /deck disable
biology always acted on its own deck (the shared one could never be turned off there) and topic:biology mixed
both decks' cards. Now, in that server, `biology` is the server's own deck (it was there first, with its
history) in every /deck command and topic, and the shared deck is `biology (shared)`; other servers see the
shared deck as `biology`, and the start-up log names the clash once."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest

from bot.core.models import Card, Deck
from bot.core.options import CoreOptions
from bot.core.service import Services

ROOT = Path(__file__).resolve().parents[1]
MINI = ROOT / "tests" / "data" / "decks" / "mini.yaml"
SERVER, OTHER, ALICE = 1001, 1002, 3003

SHARED_BIOLOGY = """\
deck: biology
title: Biology (shared)
description: The operator's biology deck.
cards:
  - id: ribosome
    term: ribosome
    question: Which organelle builds proteins from the messenger RNA?
    answer: The ribosome.
    accept: [ribosome, ribosomes]
    tags: [cells]
"""


def _server_biology() -> Deck:
    card = Card(
        id="osmosis", deck="biology", term="osmosis",
        question="What is the movement of water across a membrane towards more solute called?",
        answer="Osmosis.", accept=("osmosis",), tags=("cells",),
    )
    return Deck(id="biology", title="Our biology", description="", source="biology.csv", cards=(card,))


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    decks = tmp_path / "cards"
    decks.mkdir()
    shutil.copy(MINI, decks / "mini.yaml")
    return decks


@pytest.fixture
async def clashing(tmp_path: Path, folder: Path, clock, caplog) -> Services:
    """Server 1 imported `biology`; then cards/biology.yaml was added and the bot restarted."""
    options = CoreOptions(db_path=tmp_path / "tutor.sqlite3", cards_dir=folder)
    first = await Services.create(options, clock=clock)
    await first.decks.queries.save_server_deck(SERVER, "biology", _server_biology(), now=clock())
    await first.close()
    (folder / "biology.yaml").write_text(SHARED_BIOLOGY, encoding="utf-8")
    caplog.set_level(logging.WARNING, logger="bot.core.service")
    return await Services.create(options, clock=clock)


def _own_id(services: Services) -> str:
    [own] = services.catalog.owned(SERVER)
    return own.id


async def test_deck_list_gives_the_shared_deck_a_distinct_name(clashing: Services) -> None:
    names = [i.name for i in await clashing.decks.list(SERVER)]
    assert sorted(names) == ["biology", "biology (shared)", "mini"]
    assert "biology (shared)" in clashing.decks.names(SERVER, "bio")
    others = [i.name for i in await clashing.decks.list(OTHER)]
    assert sorted(others) == ["biology", "mini"]


async def test_the_shared_deck_can_be_turned_off_and_on_under_its_name(clashing: Services) -> None:
    info = await clashing.decks.set_enabled(SERVER, "biology (shared)", False)
    assert info.deck_id == "biology" and not info.enabled and info.name == "biology (shared)"
    assert not clashing.catalog.view(SERVER).sees("biology")
    assert clashing.catalog.view(SERVER).sees(_own_id(clashing)), "the server's own deck was turned off"
    assert clashing.catalog.view(OTHER).sees("biology")

    await clashing.decks.set_enabled(SERVER, "biology", False)
    assert not clashing.catalog.view(SERVER).sees(_own_id(clashing))
    await clashing.decks.set_enabled(SERVER, "Biology (Shared)", True)
    assert clashing.catalog.view(SERVER).sees("biology")

    details = await clashing.decks.info(SERVER, "biology (shared)")
    assert details.info.title == "Biology (shared)"
    exported = await clashing.decks.export(SERVER, "biology (shared)", "yaml")
    assert b"ribosome" in exported.data and exported.name == "biology (shared)"
    own = await clashing.decks.export(SERVER, "biology", "yaml")
    assert b"osmosis" in own.data and own.name == "biology"


async def test_a_topic_by_the_name_is_the_servers_own_deck(clashing: Services) -> None:
    view = clashing.catalog.view(SERVER)
    assert [c.key for c in view.topic_cards("biology") or []] == [f"{_own_id(clashing)}:osmosis"]
    assert [c.key for c in view.topic_cards("biology (shared)") or []] == ["biology:ribosome"]
    assert "biology (shared)" in view.suggest_topics("bio")
    assert [c.key for c in clashing.catalog.view(OTHER).topic_cards("biology") or []] == ["biology:ribosome"]

    quiz = await clashing.quiz.start_quiz(
        user_id=ALICE, user_name="alice", guild_id=SERVER, topic="biology", questions=1, private=True
    )
    question = clashing.quiz.open_question(quiz.id)
    assert question is not None and question.card.key == f"{_own_id(clashing)}:osmosis"


@pytest.mark.parametrize(("topic", "card"), [("biology", "own"), ("biology (shared)", "biology:ribosome")])
async def test_review_topics_follow_the_names(clashing: Services, topic: str, card: str) -> None:
    expected = f"{_own_id(clashing)}:osmosis" if card == "own" else card
    await clashing.review.members.update(SERVER, ALICE, topics=topic)
    _, shown = await clashing.review.start_session(guild_id=SERVER, user_id=ALICE, user_name="alice")
    assert getattr(shown, "card", None) is not None, f"nothing to review in topic {topic}"
    assert shown.card.key == expected


async def test_the_server_may_import_its_deck_again_under_its_name(clashing: Services, clock) -> None:
    # /deck import checks a new name against the shared decks; the server's own deck keeps its name.
    existing = await clashing.decks._check_new(SERVER, "biology")
    assert existing is not None and existing.id == _own_id(clashing)


async def test_the_start_up_log_names_the_clash_once(clashing: Services, caplog) -> None:
    records = caplog.get_records("setup")  # (the restart is the fixture's)
    warnings = [r.getMessage() for r in records if r.levelno == logging.WARNING and "biology" in r.getMessage()]
    assert len(warnings) == 1
    assert "1 server" in warnings[0] and "'biology (shared)'" in warnings[0]


@pytest.mark.parametrize("topic", ["biology", "biology (shared)"])
async def test_the_topic_board_counts_the_deck_of_that_name(clashing: Services, topic: str) -> None:
    answer = "osmosis" if topic == "biology" else "ribosome"
    quiz = await clashing.quiz.start_quiz(
        user_id=ALICE, user_name="alice", guild_id=SERVER, channel_id=5005, topic=topic, questions=1
    )
    assert clashing.quiz.open_question(quiz.id) is not None
    result = await clashing.quiz.answer(quiz.id, user_id=ALICE, user_name="alice", response=answer)
    assert result.verdict.correct
    await clashing.quiz.finish(quiz.id)

    board = await clashing.stats.leaderboard(SERVER, "all", topic=topic)
    assert [r.user_id for r in board.rows] == [ALICE], f"the {topic} board does not count the answer"
    other = "biology (shared)" if topic == "biology" else "biology"
    assert (await clashing.stats.leaderboard(SERVER, "all", topic=other)).empty
