"""/deck info lists the answers a server has accepted beyond its deck's own. While a card is asked in another
server its moderator plays in, those answers answer the open question there too: the moderator's /deck info keeps
them back, as their /disputes and /deck stats pages do. A moderator who does not play there still sees them."""

from __future__ import annotations

from disputes_support import G, accept_answer
from quiz_support import quiz_asking

from bot.core.service import Services

HALL, HALL_CH = 300, 301
MOD, OTHER_MOD, ALICE = 99, 98, 5


async def test_deck_info_keeps_back_an_accepted_answer_of_a_card_asked_where_the_moderator_plays(
    core_services: Services, clock
) -> None:
    s = core_services
    await accept_answer(s, "mini:bert", "bidirectional transformer encoder")  # G now accepts it for BERT
    shown = await s.decks.info(G, "mini", viewer=MOD)
    assert [typed for _card, typed in shown.overlays] == ["bidirectional transformer encoder"], shown.overlays

    # In HALL a channel quiz asks BERT; the moderator of G answers it there (wrong), so plays in HALL.
    quiz, _question = await quiz_asking(
        s, "mini:bert", user_id=ALICE, user_name="alice", guild_id=HALL, channel_id=HALL_CH
    )
    said = await s.quiz.answer(quiz.id, user_id=MOD, user_name="mod", response="no idea")
    assert not said.verdict.correct

    held = await s.decks.info(G, "mini", viewer=MOD)
    assert not [typed for _card, typed in held.overlays], (
        f"G's accepted answer for BERT is shown to a moderator playing the open BERT question in HALL: {held.overlays}"
    )
    assert held.overlays_held == 1
    # A moderator of G who never played in HALL still sees it; so does everyone once the question closes.
    other = await s.decks.info(G, "mini", viewer=OTHER_MOD)
    assert [typed for _card, typed in other.overlays] == ["bidirectional transformer encoder"]
    await s.quiz.finish(quiz.id)
    after = await s.decks.info(G, "mini", viewer=MOD)
    assert [typed for _card, typed in after.overlays] == ["bidirectional transformer encoder"]
