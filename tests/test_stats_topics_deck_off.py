"""/stats' strongest and weakest topics once a deck is turned off: the topics left are ranked among themselves
(README: stats "see exactly the server's enabled decks"), never "no strongest topic" beside a list of weakest."""

from __future__ import annotations

from test_stats_deck_topics import answer

from bot.core.service import Services

GUILD, MOD, ALICE = 1001, 1, 7
BIOLOGY = (
    b"question,answer,tags\n"
    b"What organelle makes most of the cell's ATP?,mitochondria,cells\n"
    b"What carries genes?,chromosomes,genetics\n"
    b"What do producers and consumers make up?,a food web,ecology\n"
)




async def test_the_topics_left_after_a_deck_is_turned_off_are_still_strongest_and_weakest(
    core_services: Services,
) -> None:
    s = core_services
    preview = await s.decks.preview(GUILD, "biology.csv", BIOLOGY, "biology", user_id=MOD)
    done = await s.decks.confirm(GUILD, preview.token, user_id=MOD)
    for key in [c.key for c in s.catalog.deck(done.deck_id).cards]:
        for _ in range(5):
            await answer(s, key, correct=True)  # cells, genetics, ecology: 100%
    for i in range(5):
        await answer(s, "mini:l2-regularization", correct=i < 4)  # optimization, training: 80%
        await answer(s, "mini:temperature", correct=i < 1)  # llms, sampling: 20%

    before = await s.stats.stats(GUILD, ALICE)
    assert [t.topic for t in before.strongest] == ["cells", "ecology", "genetics"]

    await s.decks.set_enabled(GUILD, "biology", False)
    after = await s.stats.stats(GUILD, ALICE)
    strongest = [t.topic for t in after.strongest]
    weakest = [t.topic for t in after.weakest]

    assert not {"cells", "ecology", "genetics"} & {*strongest, *weakest}  # the deck turned off is left out
    # Four topics with 5 answers each are left: 80% and 20%. None can be "not enough answers yet".
    assert strongest, f"strongest topics: none ('Not enough answers yet'), while the weakest are {weakest}"
    assert set(strongest[:2]) == {"optimization", "training"}, strongest
