"""The moderators' tables shown whole, row by row, within a field's 1,024 characters:

- /deck stats and /disputes stats list up to eight cards per section; with a deck's long questions (a Quizlet term
  side is often a whole sentence) and the common wrong answers players type, "Most missed" and "Common wrong
  answers" were clipped in the middle of a row: the last cards shown lost their "3/10 right" or their counts, and
  the cards after them were left out without a word;
- /deck info's "Answers accepted in this server" was clipped after its long answers, and lost the "… and N more"
  count and the note of the answers kept back while their question is open.
"""

from __future__ import annotations

from bot.core.deckadmin import DeckDetails, DeckInfo
from bot.core.disputes.models import CardInsight, Insight, WrongAnswer
from cogs._format import EMBED_TOTAL_MAX, FIELD_VALUE_MAX
from cogs.decks.render import info_embed
from cogs.disputes import insight_embed

QUESTION = "Which organelle of the eukaryotic cell, described in chapter {i} of the course, makes most of its ATP?"


def field(embed, name: str) -> str:
    return next(f.value for f in embed.fields if f.name == name)


def missed_cards() -> tuple[CardInsight, ...]:
    """Eight cards missed, each with a long question and three common wrong answers."""
    return tuple(
        CardInsight(
            card_key=f"biology-101.k3j2:which-organelle-makes-atp-{i}",
            question=QUESTION.format(i=i),
            answers=10,
            correct=3,
            label=f"biology-101:which-organelle-makes-atp-{i}",
            wrong_answers=tuple(
                WrongAnswer(f"the chloroplast of the green plant cell, typed as answer {j}", 4 - j) for j in range(3)
            ),
        )
        for i in range(8)
    )


def test_deck_stats_lists_every_missed_card_with_how_often_it_was_right() -> None:
    e = insight_embed(Insight(guild_id=1, deck="biology-101.k3j2", cards=missed_cards()), "biology-101")
    assert len(e) <= EMBED_TOTAL_MAX
    missed = field(e, "Most missed")
    assert len(missed) <= FIELD_VALUE_MAX
    rows = missed.split("\n")
    assert len(rows) == 8, missed
    for i, row in enumerate(rows):
        assert row.startswith(f"`biology-101:which-organelle-makes-atp-{i}` Which organelle"), row
        assert row.endswith(" — 3/10 right"), row


def test_deck_stats_shows_each_cards_common_wrong_answers_with_their_counts() -> None:
    e = insight_embed(Insight(guild_id=1, deck="biology-101.k3j2", cards=missed_cards()), "biology-101")
    wrong = field(e, "Common wrong answers")
    assert len(wrong) <= FIELD_VALUE_MAX
    rows = wrong.split("\n")
    assert len(rows) == 8, wrong
    for i, row in enumerate(rows):
        assert row.startswith(f"`biology-101:which-organelle-makes-atp-{i}`: the chloroplast"), row
        assert " ×4, " in row and " ×3, " in row and row.endswith(" ×2"), row


def test_deck_info_counts_the_accepted_answers_it_leaves_out_and_those_kept_back() -> None:
    info = DeckInfo(
        name="biology-101", deck_id="biology-101.k3j2", title="Cell biology", description="", owner=1,
        enabled=True, cards=40, askable=40,
    )  # fmt: skip
    answer = "the mitochondrion, which makes most of the cell's ATP by aerobic respiration in its inner membrane"
    overlays = tuple((f"card-{i}", f"{answer} ({i})") for i in range(20))
    e = info_embed(DeckDetails(info=info, tags=(), source="biology.csv", overlays=overlays, overlays_held=2))
    accepted = field(e, "Answers accepted in this server (disputes)")
    assert len(accepted) <= FIELD_VALUE_MAX
    *rows, more, held = accepted.split("\n")
    assert held == "2 more kept back while their card's question is open: shown once it closes.", accepted
    assert rows == [f"`card-{i}`: {answer} ({i})" for i in range(len(rows))], accepted  # each answer whole
    assert more == f"… and {20 - len(rows)} more", accepted
