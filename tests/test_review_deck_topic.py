"""README: "A topic never means two decks: a card tagged with another deck's name (mini) is not in that topic,
which stays the deck's own." /review's topics keep to it as /quiz does: a member reviewing the topic `mini` is
not shown the server's chemistry cards tagged "mini"."""

from __future__ import annotations

from test_deck_admin_core import GUILD, imported

from bot.core.review.models import Shown
from bot.core.service import Services

ANN = 5
CHEMISTRY = (
    b"question,answer,tags\nWhat is H2O?,water,mini\nWhat is NaCl?,salt,mini\n"
    b"What gas do plants take in?,carbon dioxide,mini\n"
)


async def test_review_of_a_deck_topic_shows_only_that_decks_cards(core_services: Services) -> None:
    s = core_services
    await imported(s, GUILD, "chemistry", CHEMISTRY, "chem.csv")
    view = s.catalog.view(GUILD)
    assert {c.deck for c in view.topic_cards("mini") or ()} == {"mini"}  # what /quiz topic:mini asks

    await s.review.members.update(GUILD, ANN, topics="mini")
    session, shown = await s.review.start_session(guild_id=GUILD, user_id=ANN, user_name="ann")
    seen: list[str] = []
    while isinstance(shown, Shown) and len(seen) < 10:
        seen.append(shown.card.deck)
        await s.review.give_up(session.id, user_id=ANN, number=shown.number)
        shown = await s.review.next(session.id, user_id=ANN, number=shown.number)
    assert seen and set(seen) == {"mini"}, f"/review topic mini showed cards of decks {sorted(set(seen))}"
