"""An answer in /review that is almost right (misspelt past what is accepted) is rated at once and the review moves
on (Next): its verdict says it was not accepted, and does not tell the member to try again, which the review does
not offer."""

from __future__ import annotations

from test_review_cog import answer, labels
from world_support import study_pair  # noqa: F401  (the ``world`` fixture)


async def test_an_almost_answer_is_not_told_to_try_again(env, world) -> None:
    _, channel, m = world
    alice = m["alice"]
    await alice.slash(channel, "review settings", topics="sampling")  # one card: temperature
    card = (await alice.slash(channel, "review start")).response
    done = (await answer(alice, card, "tmprture")).response
    verdict = done.embeds[0].description
    assert verdict.startswith("🟡 Almost") and "not accepted" in verdict, verdict
    assert "try again" not in verdict.lower(), verdict
    assert done.embeds[0].footer.text == "Rated hard"
    assert "Answer" not in labels(done)  # (no second try: the review goes on)
