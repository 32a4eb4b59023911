"""A card pasted twice in a file (the same question and answer, whatever the case and spacing) is imported once:
members are not asked it twice, and the preview says which line repeated which. The same question with another
answer is a card of its own."""

from __future__ import annotations

from bot.core.importers import import_data
from bot.core.service import Services

GUILD, MOD = 1001, 42
CSV = b"""question,answer
Who wrote Hamlet?,Shakespeare
What is the capital of France?,Paris
Who wrote Hamlet?,Shakespeare
who wrote  hamlet?,shakespeare
Name a noble gas,neon
Name a noble gas,argon
"""


async def test_a_row_pasted_twice_is_one_card_and_the_preview_names_the_repeat(core_services: Services) -> None:
    preview = await core_services.decks.preview(GUILD, "lit.csv", CSV, "lit", user_id=MOD)
    assert preview.cards == 4
    assert "lit.csv, line 4: the same question and answer as line 2; skipped" in preview.warnings
    assert "lit.csv, line 5: the same question and answer as line 2; skipped" in preview.warnings
    done = await core_services.decks.confirm(GUILD, preview.token, user_id=MOD)
    questions = [c.question for c in core_services.catalog.deck(done.deck_id).cards]
    assert questions.count("Who wrote Hamlet?") == 1 and questions.count("Name a noble gas") == 2


def test_a_quizlet_export_with_a_term_twice_keeps_one() -> None:
    result = import_data("bio.txt", b"osmosis\tmovement of water\nmitosis\tcell division\nosmosis\tmovement of water\n")
    assert [c.term for c in result.deck.cards if c.term] == ["osmosis", "mitosis"]
    assert [str(w) for w in result.warnings] == ["bio.txt:3: the same question and answer as line 1; skipped"]
