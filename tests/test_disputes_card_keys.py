"""Card keys shown as inline code (answer insight, /deck info's accepted answers): shown as they are typed —
markdown escapes would show as backslashes inside code — and a backtick cannot end the code early."""

from __future__ import annotations

from bot.core.deckadmin import DeckDetails, DeckInfo
from bot.core.disputes import CardInsight, Insight
from bot.core.disputes.models import WrongAnswer
from cogs.decks.render import info_embed
from cogs.disputes import insight_embed

KEY = "ml_basics:top_k"


def fields(e) -> dict[str, str]:
    return {f.name: f.value for f in e.fields}


def test_insight_shows_card_keys_in_code_as_typed() -> None:
    card = CardInsight(
        KEY, "Which sampling keeps the k likeliest tokens?", answers=3, correct=0,
        wrong_answers=(WrongAnswer("top_p", 2),), disputes={"open": 1},
    )  # fmt: skip
    shown = fields(insight_embed(Insight(1, "ml_basics", (card,))))
    for name in ("Most missed", "Common wrong answers", "Nobody answers right", "Disputes"):
        assert f"`{KEY}`" in shown[name] and "\\" not in shown[name].split("`")[1], name
    assert "top\\_p ×2" in shown["Common wrong answers"]  # answers outside code stay escaped


def test_a_backtick_in_a_card_key_cannot_end_the_code() -> None:
    card = CardInsight("deck:a`**b**", "Q", answers=1, correct=0)
    line = fields(insight_embed(Insight(1, None, (card,))))["Most missed"]
    assert line.startswith("`deck:a**b**` ") and line.count("`") == 2


def test_deck_info_shows_the_card_of_an_accepted_answer_in_code_as_typed() -> None:
    info = DeckInfo("ml", "ml", "ML", "", owner=1, enabled=True, cards=2, askable=2)
    shown = fields(info_embed(DeckDetails(info, (), "", overlays=(("top_k", "nucleus_sampling"),))))
    assert shown["Answers accepted in this server (disputes)"] == "`top_k`: nucleus\\_sampling"
