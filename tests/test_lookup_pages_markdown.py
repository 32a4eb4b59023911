"""A long /define explanation is paged with its markdown whole on every page: a code block that runs across a
page break is closed at the end of the page and opened again (with its language) on the next, a ``**`` inside
code is code, and bold text across a break stays bold on both pages.
"""

from __future__ import annotations

from bot.core.models import Card
from cogs.lookup.render import explanation_pages


def long_card_with_code() -> Card:
    code = "\n".join(f"x{i} = y{i} ** 2  # the square of y{i}, kept for the next step of the loop" for i in range(80))
    answer = (
        "Squares are computed element by element. " * 20
        + "\n\n```python\n" + code + "\n```\n\n"
        + "After the loop, the **squares** are summed."
    )
    return Card(deck="d", id="squares", question="How are the squares computed?", answer=answer, term="squares",
                accept=("element by element",))  # fmt: skip


def test_every_page_of_a_long_explanation_closes_the_code_blocks_it_opens() -> None:
    pages = explanation_pages(long_card_with_code())
    assert len(pages) >= 2
    for number, page in enumerate(pages, 1):
        assert page.count("```") % 2 == 0, f"page {number} leaves a code fence open: ...{page[-80:]!r}"


def test_paging_adds_no_bold_marks_for_a_power_written_in_code() -> None:
    card = long_card_with_code()
    pages = explanation_pages(card)
    # The explanation's own "**" (80 powers in code, one bold word) are all the marks there should be: no
    # bold runs across this page break, so paging has nothing to re-balance.
    assert sum(p.count("**") for p in pages) == card.answer.count("**"), [p[-40:] for p in pages]


def test_bold_text_across_a_page_break_is_bold_on_both_pages() -> None:
    answer = "Intro. " + "**" + "A long bold sentence that goes on. " * 150 + "**" + " The end."
    card = Card(deck="d", id="bold", question="What is bold?", answer=answer, term="bold", accept=("bold",))
    pages = explanation_pages(card)
    assert len(pages) >= 2
    assert all(p.count("**") % 2 == 0 for p in pages)
    assert pages[1].startswith("**")
