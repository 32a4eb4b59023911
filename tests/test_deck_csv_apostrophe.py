"""A CSV export imports back unchanged, also a cell that starts with an apostrophe before an operator: "'+' joins
two strings" is a plausible answer in a programming deck."""

from __future__ import annotations

import pytest

from bot.core.deckadmin.service import _to_csv
from bot.core.importers import import_data
from bot.core.models import Card


@pytest.mark.parametrize("answer", ["'+' joins two strings", "'=' assigns, '==' compares", "'-' negates"])
def test_csv_export_of_an_answer_starting_with_a_quoted_operator_imports_back_unchanged(answer: str) -> None:
    card = Card(deck="ops", id="one", question="What does this operator do?", answer=answer, tags=("python",))
    data = _to_csv([card])
    back = import_data("ops.csv", data).deck
    assert back is not None
    assert [c.answer for c in back.cards] == [answer]
