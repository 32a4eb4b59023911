"""Discord's limits met by the largest legal inputs: member names of 32 characters made of markdown, deck
explanations of thousands of characters with **bold** and `code` in them. What is echoed stays escaped (no name
turns into a link or bold text), and what is clipped to a field's 1,024 characters is clipped whole: no bold
name cut in half, no bold or code span of an explanation left open at the cut."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace

import discord
import pytest
from play_support import assert_no_pings

from bot.core.daily import Reveal as DailyReveal
from bot.core.models import Attempt, Card, Source, VerdictKind
from bot.core.prompts import Prompt
from bot.core.quiz import Reveal, Winner
from bot.core.review import Rating
from bot.core.storage.attempts import AttemptWriter
from cogs._format import FIELD_VALUE_MAX, escape
from cogs.daily.render import reveal_embed as daily_reveal_embed
from cogs.quiz.render import reveal_embed
from cogs.review.render import answered_embed

#: Member names of 32 characters, Discord's longest: two masked links, and a link around bold text.
LINKED_NAMES = ("[a](http://a.co)[b](http://b.co)", "[x](y) **bold** [z](http://z.co)")
#: A masked link or bold text that would render: a "[text](" or a "**" with no backslash before it.
RENDERED_LINK = re.compile(r"(?<!\\)\[[^\]\n]*\]\(")
RENDERED_BOLD = re.compile(r"(?<!\\)\*\*bold(?<!\\)\*\*")


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


# ----------------------------------------------------------------------------- escaping


@pytest.fixture
async def board_world(env):
    guild = env.create_guild()
    channel = guild.create_text_channel("study")
    viewer = guild.add_member(env.create_user("viewer"))
    yield env, guild, channel, viewer
    await env.bot.close()


async def test_member_names_made_of_links_show_as_typed_on_the_leaderboard(board_world, services) -> None:
    """Two members named "[a](http://a.co)[b](http://b.co)" and "[x](y) **bold** [z](http://z.co)" (32 characters
    each) score: the leaderboard shows their names as typed. Before, only the name's first "[" was escaped, so the
    second half rendered as a link "b" to http://b.co, or "bold" in bold, on everyone's board."""
    env, guild, channel, viewer = board_world
    for i, name in enumerate(LINKED_NAMES):
        assert len(name) == 32
        member = guild.add_member(env.create_user(f"member{i}"), nick=name)
        async with services.store.transaction() as db:
            await AttemptWriter().add(
                db,
                Attempt(
                    guild_id=guild.id, channel_id=channel.id, user_id=member.id, user_name=name,
                    card_key="mini:temperature", source=Source.QUIZ, response="temperature",
                    verdict=VerdictKind.CORRECT, points=10 + i, created_at=services.now(),
                ),
            )  # fmt: skip
    result = await viewer.slash(channel, "leaderboard", period="all")
    board = (result.response if result.response and result.response.embeds else result.followups[-1]).embeds[0]
    text = board.description or ""
    assert "a.co" in text and "z.co" in text, text
    assert not RENDERED_LINK.search(text), text
    assert not RENDERED_BOLD.search(text), text
    assert_no_pings(env)


def test_an_echoed_answer_with_two_links_and_bold_between_is_escaped_whole() -> None:
    """Whatever a member types and sees echoed (a dispute, a common wrong answer) keeps every link and mark
    literal, however many links the line holds."""
    shown = escape("see [docs](https://a.co/x_y) **really** and [more](https://b.co) _now_")
    assert not RENDERED_LINK.search(shown), shown
    assert "\\*\\*really\\*\\*" in shown and "\\_now\\_" in shown, shown
    assert "https://a.co/x_y" in shown  # a bare URL is left as it is, so it still links


# ----------------------------------------------------------------------------- clipping whole


def winner_reveal(winners: int) -> Reveal:
    card = Card(deck="mini", id="temperature", question="Which parameter?", answer="Temperature.", term="temperature",
                accept=("temperature",))  # fmt: skip
    prompt = Prompt(card_key=card.key, direction="question", text="Which parameter?", answer="temperature")
    return Reveal(
        number=1, total=5, card=card, prompt=prompt, answer="temperature", excerpt="Temperature.",
        winners=[Winner(user_id=i, name="_" * 30 + f"{i:02}", points=10 if i == 0 else 5, first=i == 0)
                 for i in range(winners)],
        attempts=winners, players=winners, last=False,
    )  # fmt: skip


def test_a_reveal_with_twenty_long_names_lists_whole_names_and_how_many_more() -> None:
    """Twenty members, each named with 32 characters Discord reads as markup (escaped, they double), answer a
    question right: the reveal's "Got it" lists as many names as fit, each whole and in bold, then "and N more".
    Before, the list was cut at 1,024 characters in the middle of a name: its bold left open (stray "**" shown)
    and the count of the others lost."""
    e = reveal_embed(SimpleNamespace(private=False, running=True), winner_reveal(20))
    [value] = [f.value for f in e.fields if f.name == "Got it (20)"]
    assert len(value) <= FIELD_VALUE_MAX
    assert unescaped(value, "**") % 2 == 0, value[-80:]
    shown = value.count("(+")
    assert 1 <= shown < 20
    assert value.endswith(f" and {20 - shown} more"), value[-80:]


#: An explanation of 3,000 characters whose every sentence has a long bold phrase and an inline code span.
BOLD_EXPLANATION = " ".join(
    f"Step {n}: **the optimiser rescales every gradient by its running variance here** and `lr_{n}` stays fixed."
    for n in range(30)
)


def test_the_review_explanation_is_clipped_without_leaving_bold_or_code_open() -> None:
    """A review answer shows the card's explanation clipped to its field: when the cut falls inside a bold phrase
    or an inline code span, the span is closed after the ellipsis, so no stray "**" or "`" shows."""
    for extra in range(0, 120, 7):  # the cut at many places in and out of the spans
        card = Card(deck="big", id="adam", question="Which optimiser?", answer="x" * extra + " " + BOLD_EXPLANATION,
                    term="Adam", accept=("Adam",))  # fmt: skip
        now = datetime(2026, 1, 1, tzinfo=UTC)
        answered = SimpleNamespace(
            gave_up=True, earlier=False, verdict=SimpleNamespace(correct=False), rating=Rating.Again,
            next_due=now + timedelta(minutes=1),
            after=SimpleNamespace(last_review=now),
            shown=SimpleNamespace(number=1, card=card, prompt=SimpleNamespace(answer="Adam")),
        )  # fmt: skip
        e = answered_embed(answered)  # type: ignore[arg-type]
        [value] = [f.value for f in e.fields if f.name == "Explanation"]
        assert len(value) <= FIELD_VALUE_MAX and "…" in value
        assert unescaped(value, "**") % 2 == 0, value[-120:]
        assert unescaped(value, "`") % 2 == 0, value[-120:]


def test_the_daily_reveal_explanation_is_clipped_without_leaving_bold_or_code_open() -> None:
    """The daily question's reveal clips a long explanation the same way: every bold phrase and code span of it
    closed, within the embed's limits."""
    for extra in range(0, 120, 7):
        card = Card(deck="big", id="adam", question="Which optimiser?", answer="x" * extra + " " + BOLD_EXPLANATION,
                    term="Adam", accept=("Adam",))  # fmt: skip
        r = DailyReveal(
            post_id=1, guild_id=1, channel_id=2, message_id=3, day=date(2026, 1, 1), card=card, accepted="Adam",
            explanation=card.answer, answered=1, correct=1, winners=("alice",), more_winners=0, streaks=(),
        )  # fmt: skip
        e = daily_reveal_embed(r)
        text = e.description or ""
        assert len(text) <= 4096 and len(e) <= 6000 and "…" in text
        explanation = text.split("\n\n", 1)[1]
        assert unescaped(explanation, "**") % 2 == 0, explanation[-120:]
        assert unescaped(explanation, "`") % 2 == 0, explanation[-120:]


def test_a_clipped_code_block_is_closed() -> None:
    """An explanation that is mostly a code block, clipped inside it: the block is closed, so the rest of the
    message is not shown as code."""
    code = "```python\n" + "\n".join(f"x_{n} = rescale(grad_{n}) * lr" for n in range(200)) + "\n```"
    card = Card(deck="big", id="code", question="Which code?", answer="Like this:\n" + code, term="code",
                accept=("code",))  # fmt: skip
    now = datetime(2026, 1, 1, tzinfo=UTC)
    answered = SimpleNamespace(
        gave_up=True, earlier=False, verdict=SimpleNamespace(correct=False), rating=Rating.Again, next_due=now + timedelta(minutes=1),
        after=SimpleNamespace(last_review=now), shown=SimpleNamespace(number=1, card=card, prompt=SimpleNamespace(answer="x")),
    )  # fmt: skip
    [value] = [f.value for f in answered_embed(answered).fields if f.name == "Explanation"]  # type: ignore[arg-type]
    assert len(value) <= FIELD_VALUE_MAX
    assert value.count("```") == 2 and value.endswith("\n```"), value[-80:]


_ = discord  # (the simcord fixtures drive discord.py)
