"""Lists of names and answers as long as decks allow, in fields of 1,024 characters, and the long text around them:

- the practice summary's "To review" names every card missed by its term (up to 300 characters, a Quizlet term
  side is often a whole question): the field was clipped in the middle of a term, its bold left open, and the
  "and N more" that says what else to review was cut off;
- a dispute page's accepted answers (up to 300 characters each) were clipped the same way, and its prompt (deck
  markdown) was clipped inside a code block, which then showed as raw backticks with its code in bold;
- /deck info set a deck's description (up to 4,000 characters) before its fields: with tags and the server's
  accepted answers after it the embed passed Discord's 6,000 characters, and the accepted answers were left out.
"""

from __future__ import annotations

from datetime import UTC, datetime

from bot.core.deckadmin import DeckDetails, DeckInfo
from bot.core.disputes import QueuePage
from bot.core.quiz import Summary
from bot.core.storage.dispute_queries import DisputeRow
from cogs._format import EMBED_TOTAL_MAX, FIELD_VALUE_MAX, open_markdown
from cogs.decks.render import info_embed
from cogs.disputes import page_embed
from cogs.quiz.render import summary_embed


def unescaped(text: str, mark: str) -> int:
    """How many times ``mark`` appears in ``text`` not escaped by a backslash."""
    n = i = 0
    while i < len(text):
        if text[i] == "\\":
            i += 2
        elif text.startswith(mark, i):
            n, i = n + 1, i + len(mark)
        else:
            i += 1
    return n


def field(embed, name: str) -> str:
    return next(f.value for f in embed.fields if f.name == name)


def test_the_practice_summary_names_whole_terms_and_how_many_more_to_review() -> None:
    terms = tuple(
        f"Which organelle, found in card {i}'s cell, turns the energy of light into chemical energy for the plant?"
        for i in range(15)
    )
    summary = Summary(
        quiz_id="q1", status="finished", topic="biology", private=True, asked=15, total=15, ranking=[],
        correct=0, attempts=15, hardest=None, review=terms,
    )  # fmt: skip
    shown = field(summary_embed(summary), "To review")
    assert len(shown) <= FIELD_VALUE_MAX
    assert unescaped(shown, "**") % 2 == 0, shown  # no term cut in half with its bold open
    listed = shown.count("**") // 2
    assert 0 < listed < 15
    assert shown.endswith(f"** and {15 - listed} more"), shown  # every card missed is counted
    assert "…" not in shown


def dispute(prompt: str, accepted: tuple[str, ...]) -> DisputeRow:
    return DisputeRow(
        id=1, guild_id=1, user_id=2, user_name="ana", attempt_id=3, card_key="python:print", direction="question",
        source="quiz", prompt=prompt, accepted=accepted, response="echo", verdict="wrong", status="open",
        created_at=datetime(2026, 1, 1, tzinfo=UTC), decided_at=None, decided_by=None, regraded=0, restored=0,
        seen_at=None,
    )  # fmt: skip


PROMPT = (
    "Which built-in does this call?\n```python\n" + "print('**hello**')  # greet the reader\n" * 60 + "```\nName the **function**."
)


def test_a_dispute_page_shows_whole_accepted_answers_and_how_many_more() -> None:
    accepted = tuple(f"the built-in print function of Python, answer {i}, " + "written out in full " * 8 for i in range(15))
    answers = field(page_embed(QueuePage(dispute=dispute("Which built-in prints?", accepted), place=1, total=1)), "Accepted answers")
    assert len(answers) <= FIELD_VALUE_MAX
    assert unescaped(answers, "**") % 2 == 0, answers
    listed = answers.count("**") // 2
    assert 0 < listed < 15 and answers.endswith(f"** and {15 - listed} more"), answers


def test_a_dispute_page_closes_the_code_block_its_long_prompt_is_clipped_in() -> None:
    e = page_embed(QueuePage(dispute=dispute(PROMPT, ("print",)), place=1, total=1))
    shown = field(e, "Prompt")
    assert len(shown) <= FIELD_VALUE_MAX
    assert shown.startswith("Which built-in does this call?\n```python\nprint('**hello**')")
    assert open_markdown(shown) == (None, False, False), shown  # the code block is closed: its code reads as code
    assert len(e) <= EMBED_TOTAL_MAX


def test_deck_info_with_the_longest_description_still_shows_the_accepted_answers() -> None:
    info = DeckInfo(
        name="biology-101", deck_id="biology-101.k3j2", title="Cell biology: organelles, membranes and transport",
        description=("This deck follows the first-year cell biology course, chapter by chapter. " * 60)[:4000],
        owner=1, enabled=True, cards=300, askable=290,
    )  # fmt: skip
    tags = tuple((f"chapter-{i}-cell-biology-organelles", 10) for i in range(30))
    overlays = tuple((f"card-{i}", f"an answer the moderators accepted from a dispute, number {i}") for i in range(15))
    e = info_embed(DeckDetails(info=info, tags=tags, source="biology.csv", overlays=overlays))

    assert len(e) <= EMBED_TOTAL_MAX
    accepted = field(e, "Answers accepted in this server (disputes)")
    assert "`card-0`: an answer the moderators accepted from a dispute, number 0" in accepted
    assert (e.description or "").startswith("This deck follows the first-year cell biology course")
    assert (e.description or "").endswith("…")  # (what is left of the 6,000 characters, cut where it says so)
