"""/stats' strongest and weakest topics leave a whole deck out, a server's own as a shipped one: a deck is no
"topic" of its own cards (a server deck's topic row in card_tags is its name, a shipped deck's its id)."""

from __future__ import annotations

from bot.core.models import Attempt, Source, VerdictKind
from bot.core.service import Services
from bot.core.storage.attempts import AttemptWriter

GUILD, ALICE = 1001, 7
BIOLOGY = (
    b"question,answer,tags\n"
    b"What organelle makes most of the cell's ATP?,mitochondria,cell-biology\n"
    b"What builds proteins from messenger RNA?,the ribosome,cell-biology\n"
    b"What holds the cell's DNA in eukaryotes?,the nucleus,cell-biology\n"
)


async def answer(s: Services, card_key: str, correct: bool) -> None:
    async with s.store.transaction() as db:
        await AttemptWriter().add(
            db,
            Attempt(
                guild_id=GUILD, channel_id=1, user_id=ALICE, user_name="alice", card_key=card_key,
                source=Source.QUIZ, response="x", verdict=VerdictKind.CORRECT if correct else VerdictKind.WRONG,
                points=10 if correct else 0, created_at=s.now(),
            ),
        )  # fmt: skip


async def test_stats_topics_treat_a_server_deck_as_they_treat_a_shipped_one(core_services: Services) -> None:
    s = core_services
    preview = await s.decks.preview(GUILD, "biology.csv", BIOLOGY, "biology-101", user_id=1)
    done = await s.decks.confirm(GUILD, preview.token, user_id=1)
    biology = [c.key for c in s.catalog.deck(done.deck_id).cards]
    for i in range(6):
        await answer(s, biology[i % len(biology)], correct=True)
        await answer(s, "mini:l2-regularization", correct=i > 0)

    me = await s.stats.stats(GUILD, ALICE)
    topics = [t.topic for t in (*me.strongest, *me.weakest)]

    assert "mini" not in topics  # the shipped deck is no "topic" of /stats ...
    assert "cell-biology" in topics and "optimization" in topics
    # ... nor is the server's deck, by its name
    assert "biology-101" not in topics, f"/stats topics: {topics}"
