"""The review core without a database: the verdict -> rating mapping, FSRS scheduling on a fixed clock,
rebuilding from logs, maturity, the orders for practice and the daily question, and settings checks."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.core.catalog import Catalog
from bot.core.errors import NotFound, UserError
from bot.core.models import Card, VerdictKind, VerdictReason
from bot.core.review import FAST_SECONDS, Rating, Signal, interval_words, rating_for
from bot.core.review import scheduler as fsrs
from bot.core.review import settings as checks
from bot.core.review.selection import favour_due, rank_for_daily
from bot.core.schedule import ScheduleError

T0 = datetime(2026, 3, 18, 15, 30, tzinfo=UTC)
CORRECT, ALMOST, PARTIAL, WRONG, EMPTY = (
    VerdictKind.CORRECT, VerdictKind.ALMOST, VerdictKind.PARTIAL, VerdictKind.WRONG, VerdictKind.EMPTY,
)


# -- the mapping ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("kind", "reason", "hints", "seconds", "mature", "choice", "rating"),
    [
        (CORRECT, VerdictReason.CORRECT, 0, 30.0, False, False, Rating.Good),
        (CORRECT, VerdictReason.CORRECT, 0, 3.0, False, False, Rating.Good),  # fast, but not mature
        (CORRECT, VerdictReason.CORRECT, 0, 3.0, True, False, Rating.Easy),  # fast on a mature card
        (CORRECT, VerdictReason.CORRECT, 0, FAST_SECONDS, True, False, Rating.Easy),
        (CORRECT, VerdictReason.CORRECT, 0, FAST_SECONDS + 0.1, True, False, Rating.Good),
        (CORRECT, VerdictReason.CORRECT, 0, None, True, False, Rating.Good),  # time unknown
        (CORRECT, VerdictReason.SPELLING, 0, 3.0, True, False, Rating.Hard),  # a typo
        (CORRECT, VerdictReason.CORRECT, 1, 3.0, True, False, Rating.Hard),  # after a hint
        (CORRECT, VerdictReason.CORRECT, 0, 3.0, True, True, Rating.Hard),  # picked from options
        (ALMOST, VerdictReason.DID_YOU_MEAN, 0, 3.0, False, False, Rating.Hard),
        (PARTIAL, VerdictReason.PARTIAL, 0, 3.0, False, False, Rating.Hard),
        (WRONG, VerdictReason.NOT_QUITE, 0, 3.0, True, False, Rating.Again),
        (EMPTY, VerdictReason.EMPTY, 0, None, True, False, Rating.Again),  # skipped, "don't know", timed out
    ],
)
def test_verdicts_map_to_ratings(kind, reason, hints, seconds, mature, choice, rating) -> None:
    assert rating_for(kind, reason, hints=hints, seconds=seconds, mature=mature, choice=choice) is rating


def test_the_rating_accepts_stored_strings_and_an_attempts_extra() -> None:
    assert rating_for("wrong") is Rating.Again and rating_for("correct", "spelling") is Rating.Hard
    signal = Signal.from_extra("correct", {"reason": "correct", "hints": 2, "seconds": 4.5, "choice": False})
    assert signal == Signal(CORRECT, "correct", hints=2, seconds=4.5)
    assert Signal.from_extra("almost", {}) == Signal(ALMOST)
    assert Signal.from_extra("correct", {"hints": "lots", "seconds": "soon"}) == Signal(CORRECT)


# -- scheduling -------------------------------------------------------------------------------------
def test_a_card_answered_right_three_times_is_scheduled_further_out_each_time() -> None:
    state = fsrs.review(None, Rating.Good, T0, 0.9)  # new: the first learning step
    assert state.interval == timedelta(minutes=10) and state.state == 1 and state.reps == 1
    intervals = []
    at = state.due
    for _ in range(3):
        state = fsrs.review(state, Rating.Good, at, 0.9)
        intervals.append(state.interval)
        at = state.due
    assert intervals[0] >= timedelta(days=1)
    assert intervals[0] < intervals[1] < intervals[2]
    assert state.state == 2 and state.reps == 4 and state.lapses == 0


def test_a_lapse_brings_the_card_back_soon_and_is_counted() -> None:
    state = fsrs.replay([(Rating.Good, T0, 0.9), (Rating.Good, T0 + timedelta(minutes=10), 0.9)])
    assert state is not None and state.state == 2
    at = state.due + timedelta(days=3)  # overdue, and forgotten
    lapsed = fsrs.review(state, Rating.Again, at, 0.9)
    assert lapsed.state == 3 and lapsed.interval == timedelta(minutes=10) and lapsed.lapses == 1
    assert lapsed.stability < state.stability


def test_easy_schedules_further_than_good_and_hard_sooner() -> None:
    base = fsrs.replay([(Rating.Good, T0, 0.9), (Rating.Good, T0 + timedelta(minutes=10), 0.9)])
    assert base is not None
    at = base.due
    hard, good, easy = (fsrs.review(base, r, at, 0.9).interval for r in (Rating.Hard, Rating.Good, Rating.Easy))
    assert hard < good < easy


def test_a_higher_desired_retention_brings_cards_back_sooner() -> None:
    states = {r: fsrs.replay([(Rating.Good, T0, r), (Rating.Good, T0 + timedelta(minutes=10), r)]) for r in (0.8, 0.95)}
    assert states[0.95].interval < states[0.8].interval  # type: ignore[union-attr]


def test_rebuilding_from_the_logs_gives_the_same_state_to_the_last_bit() -> None:
    ratings = [Rating.Good, Rating.Good, Rating.Again, Rating.Hard, Rating.Good, Rating.Easy, Rating.Again, Rating.Good]
    state = None
    logs = []
    at = T0 + timedelta(microseconds=123_456)  # sub-millisecond digits are dropped, as the store does
    for i, rating in enumerate(ratings):
        retention = 0.9 if i < 4 else 0.85  # the member changed their desired retention
        logs.append((rating, at, retention))
        state = fsrs.review(state, rating, at, retention)
        at = state.due + timedelta(hours=5)
    assert fsrs.replay(logs) == state
    assert fsrs.replay([]) is None


def test_maturity_and_retrievability() -> None:
    young = fsrs.replay([(Rating.Good, T0, 0.9), (Rating.Good, T0 + timedelta(minutes=10), 0.9)])
    assert young is not None and not fsrs.is_mature(young) and not fsrs.is_mature(None)
    state, at = young, young.due
    while state.interval < timedelta(days=21):
        state = fsrs.review(state, Rating.Good, at, 0.9)
        at = state.due
    assert fsrs.is_mature(state)
    soon = fsrs.retrievability(state, state.last_review + timedelta(days=1))
    later = fsrs.retrievability(state, state.due + timedelta(days=30))
    assert 1.0 >= soon > 0.9 > later


def test_review_times_must_be_aware() -> None:
    with pytest.raises(ValueError):
        fsrs.review(None, Rating.Good, datetime(2026, 1, 1), 0.9)  # noqa: DTZ001
    with pytest.raises(ValueError):
        fsrs.scheduler_for(1.5)


def test_interval_words() -> None:
    assert interval_words(timedelta(seconds=20)) == "less than a minute"
    assert interval_words(timedelta(minutes=1)) == "1 minute"
    assert interval_words(timedelta(minutes=10)) == "10 minutes"
    assert interval_words(timedelta(hours=5)) == "5 hours"
    assert interval_words(timedelta(days=1)) == "1 day"
    assert interval_words(timedelta(days=4, hours=1)) == "4 days"
    assert interval_words(timedelta(days=90)) == "3 months"
    assert interval_words(timedelta(days=800)) == "2 years"


@pytest.mark.parametrize(
    ("span", "words"),
    [
        (timedelta(minutes=59, seconds=40), "1 hour"),
        (timedelta(hours=23, minutes=45), "1 day"),
        (timedelta(days=359), "1 year"),
        (timedelta(seconds=50), "1 minute"),
    ],
)
def test_interval_words_never_says_sixty_minutes_or_twenty_four_hours(span: timedelta, words: str) -> None:
    assert interval_words(span) == words


# -- orders for the other features -----------------------------------------------------------------------
def _card(name: str) -> Card:
    return Card(deck="d", id=name, question=f"{name}?", answer=name, accept=(name,))


def test_the_daily_question_favours_cards_many_members_are_about_to_forget_then_unseen_ones() -> None:
    a, b, c, d, e = (_card(n) for n in "abcde")
    order = rank_for_daily([a, b, c, d, e], forgetting={"d:c": 1, "d:e": 3}, seen={"d:a", "d:c", "d:e"})
    assert [x.id for x in order] == ["e", "c", "b", "d", "a"]
    assert rank_for_daily([a, b], {}, set()) == [a, b]


def test_practice_asks_due_cards_first_then_keeps_its_own_order() -> None:
    a, b, c, d = (_card(n) for n in "abcd")
    assert [x.id for x in favour_due([a, b, c, d], ["d:d", "d:zz", "d:b"])] == ["d", "b", "a", "c"]


# -- settings checks -------------------------------------------------------------------------------------
def test_settings_checks() -> None:
    assert checks.check_new_per_day(0) == 0 and checks.check_new_per_day(100) == 100
    with pytest.raises(UserError) as err:
        checks.check_new_per_day(101)
    assert err.value.code == "review.new_per_day"
    assert checks.check_retention(90) == 0.9 and checks.check_retention(0.85) == 0.85
    for bad in (0.5, 99.0, 0.98):
        with pytest.raises(UserError, match="between 70% and 97%"):
            checks.check_retention(bad)
    assert checks.check_zone("paris") == "Europe/Paris" and checks.check_zone("server") is None
    with pytest.raises(ScheduleError):
        checks.check_zone("Mars/Olympus")
    assert checks.check_time("7pm").hour == 19 and checks.check_time("off") is None
    with pytest.raises(UserError):
        checks.check_time("25:00")
    assert checks.parse_stored_time("07:05") == checks.check_time("07:05")
    assert checks.parse_stored_time("nonsense") is None and checks.parse_stored_time(None) is None


def test_topics_are_checked_against_the_decks() -> None:
    catalog = Catalog([])
    assert checks.check_topics("all", catalog) == () and checks.check_topics(" ", catalog) == ()
    from bot.core.models import Deck

    deck = Deck("mini", "Mini", cards=(Card("mini", "t", "q?", "a", accept=("a",), tags=("llms", "sampling")),))
    catalog = Catalog([deck])
    assert checks.check_topics("LLMs, sampling llms", catalog) == ("llms", "sampling")
    with pytest.raises(NotFound) as err:
        checks.check_topics("llm", catalog)
    assert err.value.code == "review.topic" and "llms" in str(err.value)
    many = Catalog([Deck("mini", "Mini", cards=(Card("mini", "t", "q?", "a", tags=tuple(f"t{i}" for i in range(12))),))])
    with pytest.raises(UserError, match="at most 10"):
        checks.check_topics(" ".join(f"t{i}" for i in range(11)), many)
