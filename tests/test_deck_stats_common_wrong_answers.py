"""What /deck stats lists as a card's common wrong answers: an answer typed in signs alone ("^" for "**") is a
mistake like any other; a card answered wrong in thousands of spellings does not crowd the other cards' mistakes
out; an answer the deck accepts since a re-import is no longer listed as a mistake, whether or not the server
has accepted other answers through disputes."""

from __future__ import annotations

from typing import Any

import deck_versions_support as one_card
from deck_versions_support import ANN, BOB, CAT, GUILD, MOD, answered, capital_key, import_deck
from disputes_support import started_services
from pg_support import Engine, both_engines  # noqa: F401  (fixture ``engine``)

import bot.core.disputes.service as disputes_service
from bot.core.service import Services

FRANCE = one_card.FRANCE + b"\n" + one_card.RIVER
POWER = b"""deck: capitals
title: Python
cards:
  - id: capital
    question: Which Python operator raises a number to a power?
    answer: The ** operator raises a number to a power.
    accept: ["**"]
    status: ok
""" + one_card.RIVER


def deck_id(s: Services) -> str:
    deck = s.catalog.named(GUILD, "capitals")
    assert deck is not None
    return deck.id


def wrong_of(insight: Any, key: str) -> list[tuple[str, int]]:
    (card,) = [c for c in insight.cards if c.card_key == key]
    return [(w.text, w.times) for w in card.wrong_answers]


async def test_an_answer_of_signs_alone_is_listed_among_the_common_wrong_answers(core_services: Services, clock) -> None:
    s = core_services
    await import_deck(s, POWER)
    quiz_id, _ = await answered(s, clock, {ANN: "^", BOB: "^", CAT: "pow"})
    await s.quiz.finish(quiz_id)
    insight = await s.disputes.insight(GUILD, deck_id(s))
    assert wrong_of(insight, capital_key(s)) == [("^", 2), ("pow", 1)]
    assert "^ (2)" in await s.disputes.insight_csv(GUILD, deck_id(s))


async def test_a_card_answered_in_many_spellings_leaves_room_for_the_other_cards_mistakes(
    engine: Engine, clock, monkeypatch
) -> None:
    """The river card is missed in six spellings, twice each; the capital card three times, in two spellings of
    one answer. With room for six answers as typed, the capital card's mistake is still listed, counted whole
    (on both engines)."""
    s = await started_services(await engine.open(), clock)
    monkeypatch.setattr(disputes_service, "WRONG_ANSWER_ROWS", 6)
    await import_deck(s, FRANCE)
    quiz_id, _ = await answered(s, clock, {ANN: "Lyon", BOB: "lyon.", CAT: "Lyon"})
    river = s.quiz.open_question(quiz_id)
    assert river is not None and river.card.key != capital_key(s)
    for n, typed in enumerate(("Rhine", "Seine", "Elbe", "Oder", "Po", "Tiber")):
        for player in (20 + 2 * n, 21 + 2 * n):
            clock.tick(1)
            said = await s.quiz.answer(quiz_id, user_id=player, user_name=f"p{player}", response=typed)
            assert not said.verdict.correct
    await s.quiz.finish(quiz_id)
    insight = await s.disputes.insight(GUILD, deck_id(s))
    assert wrong_of(insight, capital_key(s)) == [("Lyon", 3)]
    assert len(wrong_of(insight, river.card.key)) == 4  # (the room left: six answers as typed, two of them Lyon)


async def test_an_answer_a_reimported_deck_accepts_is_no_longer_listed(core_services: Services, clock) -> None:
    """Two players typed "Lutetia", one "Lyon". The deck is imported again accepting "Lutetia": the common wrong
    answers are "Lyon" alone, before and after the server accepts another answer of the card by a dispute."""
    s = core_services
    await import_deck(s, FRANCE)
    quiz_id, stored = await answered(s, clock, {ANN: "Lutetia", BOB: "Lutetia", CAT: "Lyon"})
    await s.quiz.finish(quiz_id)
    await import_deck(s, FRANCE.replace(b"accept: [Paris]", b"accept: [Paris, Lutetia]"))
    key = capital_key(s)
    assert wrong_of(await s.disputes.insight(GUILD, deck_id(s)), key) == [("Lyon", 1)]
    dispute = await s.disputes.open_dispute(guild_id=GUILD, user_id=CAT, user_name="cat", attempt_id=stored[CAT])
    await s.disputes.accept(dispute.id, guild_id=GUILD, moderator_id=MOD)
    assert wrong_of(await s.disputes.insight(GUILD, deck_id(s)), key) == []


async def test_a_mistake_with_the_words_and_signs_of_an_accepted_answer_is_still_listed(
    core_services: Services, clock
) -> None:
    """"O(2)^n" has the words and signs of the accepted "O(2^n)", but the grader tells them apart: it is the card's
    commonest mistake, and listed as one."""
    s = core_services
    await import_deck(s, POWER.replace(b'accept: ["**"]', b'accept: ["O(2^n)"]'))
    quiz_id, _ = await answered(s, clock, {ANN: "O(2)^n", BOB: "O(2)^n", CAT: "O(n^2)"})
    await s.quiz.finish(quiz_id)
    assert wrong_of(await s.disputes.insight(GUILD, deck_id(s)), capital_key(s)) == [("O(2)^n", 2), ("O(n^2)", 1)]
