"""In a direct message with the bot (which belongs to no server), a card whose answer still scores in any
server is hidden from lookups: "See also" under a definition must not name it either."""

from __future__ import annotations

from quiz_support import quiz_asking

from bot.core.service import Services

G, CH = 100, 200
ALICE = 1


async def test_see_also_in_a_direct_message_does_not_name_a_card_open_in_a_server(services: Services) -> None:
    """While a channel quiz in a server asks "L1 regularization" (its answer the term), /define
    "L2 regularization" in a direct message with the bot lists no "L1 regularization" under See also (nor as
    a See button): naming it there gives the open question's answer away. Another server's view is
    unchanged, and once the question closes the DM lists it again."""
    l2 = services.catalog.card("mini:l2-regularization")
    assert any(c.key == "mini:l1-regularization" for c in services.lookup.see_also(l2, guild_id=None))
    quiz, question = await quiz_asking(
        services, "mini:l1-regularization", user_id=ALICE, user_name="alice", guild_id=G, channel_id=CH
    )
    assert question is not None and question.card.key == "mini:l1-regularization"
    # /define in a direct message hides the card itself ...
    found = (await services.lookup.define_async("L1 regularization", guild_id=None)).card
    assert found is None or found.key != "mini:l1-regularization"
    # ... and so must its related cards
    assert all(c.key != "mini:l1-regularization" for c in services.lookup.see_also(l2, guild_id=None))
    await services.quiz.close_question(quiz.id, 1)
    assert any(c.key == "mini:l1-regularization" for c in services.lookup.see_also(l2, guild_id=None))
