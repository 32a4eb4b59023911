"""Disputes of long typed answers, as Discord shows them: the player's "Your disputes" in /stats and the
moderator's dispute page keep every dispute's outcome and the typed answer's formatting whole."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.core.disputes import QueuePage
from bot.core.stats.models import MemberStats
from bot.core.storage.dispute_queries import DisputeRow
from cogs._format import FIELD_VALUE_MAX
from cogs.disputes import page_embed
from cogs.leaderboard.render import stats_embed

AT = datetime(2024, 5, 1, 12, tzinfo=UTC)
STATUS_MARKS = {"open": "⏳", "accepted": "✅", "rejected": "❌"}


def dispute(n: int, response: str, status: str = "open") -> DisputeRow:
    return DisputeRow(
        id=n, guild_id=100, user_id=2, user_name="bob", attempt_id=n, card_key="mini:temperature",
        direction="question", source="quiz", prompt="Which sampling parameter?", accepted=("temperature",),
        response=response, verdict="wrong", status=status, created_at=AT + timedelta(minutes=n),
        decided_at=None if status == "open" else AT + timedelta(hours=1), decided_by=None if status == "open" else 99,
        regraded=0, restored=0, seen_at=None,
    )  # fmt: skip


def field(e, name: str) -> str:
    [value] = [f.value for f in e.fields if f.name == name]
    return value


def test_stats_shows_the_outcome_of_each_of_the_latest_disputes_of_long_answers() -> None:
    """A player whose five latest disputes are of long answers (200 characters and more, as an explanation
    typed to a question is) sees each of the five in /stats with its outcome (waiting, accepted or rejected):
    none is cut off, nor its outcome dropped, by Discord's 1,024-character limit of a field."""
    statuses = ["accepted", "rejected", "open", "accepted", "rejected"]
    disputes = [
        dispute(n, f"answer {n}: " + "the parameter that divides the logits before the softmax " * 5, status)
        for n, status in enumerate(statuses, 1)
    ]
    stats = MemberStats(guild_id=100, user_id=2, name="bob", zone="UTC", answers=10, correct=3)
    e = stats_embed(stats, "bob", None, disputes)
    shown = field(e, "Your disputes")
    assert len(shown) <= FIELD_VALUE_MAX
    lines = shown.split("\n")
    assert len(lines) == 5, shown
    for line, status in zip(lines, statuses, strict=True):
        assert STATUS_MARKS[status] in line, line


def test_the_dispute_page_shows_a_long_typed_answer_in_bold_whole_markup() -> None:
    """A moderator reviewing a long typed answer full of characters Discord reads as markup (``top_k``,
    ``a*b``) sees it escaped and in bold, both markers there: clipped, it still ends with its closing ``**``
    (never a stray ``**`` shown before the answer), within the field's 1,024 characters."""
    typed = " ".join(["top_k and top_p with temperature*logits"] * 40)  # 1,639 characters, about 160 to escape
    page = QueuePage(dispute(1, typed), 1, 1)
    value = field(page_embed(page), "Typed answer")
    assert len(value) <= FIELD_VALUE_MAX
    assert value.startswith("**") and value.endswith("**"), value[-40:]
    assert "top\\_k" in value


def test_the_dispute_page_lists_what_else_an_accept_makes_right_escaped_and_within_a_field() -> None:
    """The other players' answers an accept would make right too are listed, escaped (a mention stays text, markup
    stays visible), each clipped, with how many more there are, within the field's 1,024 characters."""
    others = tuple((f"@everyone soft*max_{n} " + "divisor " * 40, n) for n in range(1, 6))
    page = QueuePage(dispute(1, "softmax divisor"), 1, 1, also_right=others, also_right_more=7)
    value = field(page_embed(page), "Accept also makes right")
    assert len(value) <= FIELD_VALUE_MAX
    assert value.count("×") == 5 and value.endswith("and 7 more")
    assert value.count("@everyone") == value.count("\\@everyone") == 5 and "soft\\*max\\_1" in value
    assert "Accept also makes right" not in [f.name for f in page_embed(QueuePage(dispute(1, "x"), 1, 1)).fields]
