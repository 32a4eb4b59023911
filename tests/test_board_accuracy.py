"""Accuracy on /leaderboard and /stats: "100%" only for a member who missed nothing, "0%" only for one who got
nothing right (199 right of 200 rounds to 100, 1 of 201 to 0: shown 99% and 1%)."""

from __future__ import annotations

from bot.core.stats import BoardRow, Leaderboard, MemberStats, MissedCard
from cogs.leaderboard.render import board_embed, stats_embed


def board_line(correct: int, answers: int) -> str:
    row = BoardRow(rank=1, user_id=1, name="bob", points=10 * correct, answers=answers, correct=correct)
    board = Leaderboard(
        guild_id=1, period="all", topic=None, page=0, pages=1, total=1, rows=[row], caller=row,
        starts_at=None, zone="UTC",
    )  # fmt: skip
    return board_embed(board).description.splitlines()[0]


def answers_field(correct: int, answers: int) -> str:
    stats = MemberStats(
        guild_id=1, user_id=1, name="bob", zone="UTC", answers=answers, correct=correct,
        missed=[MissedCard("mini:bert", "BERT", None, answers, answers - correct)] if answers > correct else [],
    )  # fmt: skip
    return {f.name: f.value for f in stats_embed(stats, "bob").fields}["Answers"]


def test_a_member_who_missed_an_answer_is_never_shown_at_100_percent() -> None:
    line = board_line(199, 200)
    assert not line.endswith("· 100%"), f"199 right of 200 on the board: {line!r}"
    field = answers_field(199, 200)
    assert "**100%** correct" not in field, f"/stats with a most-missed card: {field!r}"


def test_a_member_with_a_right_answer_is_never_shown_at_0_percent() -> None:
    line = board_line(1, 201)
    assert not line.endswith("· 0%"), f"1 right of 201 on the board: {line!r}"

