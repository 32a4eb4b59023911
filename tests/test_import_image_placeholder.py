"""An answer that is only the placeholder an export leaves where a picture was ("[image]", "(image)") is not
something to type: the card is incomplete (never asked, flagged in the preview), as "See image" makes it."""

from __future__ import annotations

import pytest

from bot.core.service import Services

GUILD, MOD = 1001, 42


@pytest.mark.parametrize("placeholder", ["[image]", "(image)", "[Image]", "[ picture ]", "(diagram)", "[photo]"])
async def test_a_picture_placeholder_answer_makes_the_card_incomplete(core_services: Services, placeholder: str) -> None:
    data = f"question,answer\nWho wrote Hamlet?,Shakespeare\nWhat does the heart look like?,{placeholder}\n".encode()
    preview = await core_services.decks.preview(GUILD, "body.csv", data, "body", user_id=MOD)
    assert (preview.cards, preview.askable) == (2, 1)
    [flag] = preview.flagged
    assert flag.reason.startswith("incomplete") and placeholder in flag.reason
    done = await core_services.decks.confirm(GUILD, preview.token, user_id=MOD)
    quiz = await core_services.quiz.start_quiz(user_id=5, user_name="ann", guild_id=GUILD, topic="body", private=True)
    assert [c.question for c, _ in quiz.plan] == ["Who wrote Hamlet?"]
    assert done.added == 2
