"""Verdicts are data; each surface words them, and an open question never gives its answer away."""

from __future__ import annotations

import dataclasses
import json
import unicodedata
from datetime import UTC, datetime
from pathlib import Path

import pytest
from discord.utils import escape_markdown as discord_escape

from bot.cli.render import error_text, verdict_text
from bot.core.disputes import Dispute
from bot.core.errors import CommandRef, MessageRef, Quote, UserError
from bot.core.grading import grade
from bot.core.models import Verdict, VerdictKind, VerdictReason
from cogs._format import card_text, escape
from cogs._verdicts import dispute_line, notice_line, render_verdict

DATA = Path(__file__).parent / "data"

# Parameters that only the full feedback may show, each a word no template uses.
HIDDEN = {"matched": "Zanswerq", "suggestion": "Zsuggestq", "expected": "Zexpectq", "aka": "Zakaq"}
MISSING = ("Zmissingq", "Zotherq")
TYPED = "Ztypedq"

KIND = {
    VerdictReason.CORRECT: VerdictKind.CORRECT,
    VerdictReason.SPELLING: VerdictKind.CORRECT,
    VerdictReason.ALL_KEYPOINTS: VerdictKind.CORRECT,
    VerdictReason.EMPTY: VerdictKind.EMPTY,
    VerdictReason.DID_YOU_MEAN: VerdictKind.ALMOST,
    VerdictReason.PARTIAL: VerdictKind.PARTIAL,
    VerdictReason.PARTIAL_LIST: VerdictKind.PARTIAL,
    VerdictReason.UNSUPPORTED_CLAIM: VerdictKind.PARTIAL,
}


def full_verdict(reason: VerdictReason) -> Verdict:
    """A verdict for ``reason`` with every parameter set to a recognisable word."""
    return Verdict(
        KIND.get(reason, VerdictKind.WRONG),
        0.5,
        reason,
        missing=MISSING,
        typed=TYPED,
        found=2,
        total=3,
        **HIDDEN,
    )


def rows() -> list[dict]:
    out: list[dict] = []
    for name in ("grading_tune.jsonl", "grading_heldout.jsonl"):
        with open(DATA / name, encoding="utf-8") as f:
            out += [json.loads(line) for line in f if line.strip()]
    return out


def graded() -> list[Verdict]:
    """Verdicts of every kind and reason from the labelled answers (and a few variations)."""
    out = []
    for row in rows():
        kw = {k: row.get(k) or () for k in ("accept", "reject", "keypoints", "aliases")}
        for response in (row["response"], f"not {row['response']}", f"{row['response']} or boosting"):
            out.append(grade(response, term=row.get("term"), question=row.get("question"), **kw))
    return out


@pytest.mark.parametrize("reason", list(VerdictReason))
def test_an_open_question_never_shows_the_answer_a_missing_point_or_a_suggestion(reason):
    v = full_verdict(reason)
    for text in (render_verdict(v, reveal=False), verdict_text(v, reveal=False)):
        for secret in (*HIDDEN.values(), *MISSING):
            assert secret not in text, (reason, text)
    full = render_verdict(v, reveal=True) + verdict_text(v, reveal=True)
    # ``reveals`` says whether the full feedback names anything beyond what the player typed, or says where
    # the answer was among what they typed (ruled out, offered beside others).
    telling = {
        VerdictReason.NEGATED, VerdictReason.PICK_ONE, VerdictReason.HEDGED, VerdictReason.NOT_ONE_OF,
        VerdictReason.NEAR_MISS, VerdictReason.CLASH, VerdictReason.REJECTED, VerdictReason.KEYWORD_LIST,
    }  # fmt: skip
    assert v.reveals == (reason in telling or any(secret in full for secret in (*HIDDEN.values(), *MISSING))), reason
    if not v.reveals:
        assert render_verdict(v, reveal=False) == render_verdict(v, reveal=True)


def test_every_reason_has_a_mark_and_plain_terminal_text():
    for reason in VerdictReason:
        v = full_verdict(reason)
        for reveal in (True, False):
            discord, terminal = render_verdict(v, reveal=reveal), verdict_text(v, reveal=reveal)
            assert discord[0] in "✅🟡🟠❌⚪" and discord[0] == terminal[0]
            assert "*" not in terminal and "\\" not in terminal


def test_graded_answers_keep_hidden_parameters_out_of_open_feedback():
    seen: set[VerdictReason] = set()
    for v in graded():
        seen.add(v.reason)
        asked: list[object] = []

        def record(value: object, asked: list[object] = asked) -> str:
            asked.append(value)
            return str(value)

        v.render(record, reveal=False)
        hidden = {v.matched, v.suggestion, v.expected, v.aka, *v.missing} - {None, v.typed}
        assert not hidden & {str(x) for x in asked if isinstance(x, str)}  # counts aside, v
    assert len(seen) >= 12, seen


def test_no_markup_or_emoji_in_verdict_fields_built_from_deck_text():
    for v in graded():
        for value in (v.matched, v.suggestion, v.typed, v.expected, v.aka, *v.missing):
            if value is None:
                continue
            assert not {"*", "\\", "`", "\u200b"} & set(value), v
            assert not any(unicodedata.category(ch) == "So" for ch in value), v


def test_here_inside_a_word_is_left_alone_and_mentions_are_neutralised():
    v = grade("coherent samplng", accept=["coherent sampling"])
    assert v.reason is VerdictReason.SPELLING
    assert render_verdict(v, reveal=True) == "✅ Correct — spelling: *coherent sampling*"
    v = Verdict(VerdictKind.WRONG, 0.0, VerdictReason.NOT_ONE_OF, typed="here and there, where")
    assert render_verdict(v, reveal=True) == "❌ *here and there, where* is not one of them"
    v = Verdict(VerdictKind.WRONG, 0.0, VerdictReason.CLASH, typed="@here <@123456789012345678>", expected="x")
    text = render_verdict(v, reveal=True)
    # (a backslash before each: Discord shows them as typed, and nothing invisible is added to the words)
    assert "\\@here" in text and "\\<@123456789012345678>" in text and "\u200b" not in text


@pytest.mark.parametrize("words", ["here", "everyone here", "nowhere, there and everywhere", "Here we go"])
def test_escaping_leaves_ordinary_words_alone(words: str) -> None:
    assert escape(words) == words and card_text(words) == words
    when = datetime(2026, 1, 1, tzinfo=UTC)
    told = Dispute(
        id=1, guild_id=1, user_id=2, user_name="bob", attempt_id=3, card_key="mini:bert", direction="question",
        source="quiz", prompt="?", accepted=("x",), response=words, verdict="wrong", status="accepted",
        created_at=when, decided_at=when, decided_by=9, regraded=1, restored=10, seen_at=None,
    )  # fmt: skip
    for line in (notice_line(told), dispute_line(told)):
        assert f"**{words}**" in line and "\u200b" not in line
    mention = dataclasses.replace(told, response="@everyone <@123456789012345678>")
    assert "\\@everyone" in notice_line(mention) and "\\<@123456789012345678>" in dispute_line(mention)


def test_terminal_text_is_plain_and_drops_control_characters():
    v = Verdict(
        VerdictKind.WRONG, 0.0, VerdictReason.NEAR_MISS, typed="k_means*", expected="k-means\x1b[31m", aka="x"
    )
    assert verdict_text(v) == "❌ k_means* is not k-means[31m (k_means* is x)"
    assert verdict_text(v, reveal=False) == "❌ Not quite"


def test_error_text_for_the_terminal():
    when = datetime(2025, 3, 9, 18, 30, tzinfo=UTC)
    err = UserError(
        "daily.closed",
        "{what} closed at {when}; try {cmd} (see {where}).",
        what=Quote("*Bold* question"),
        when=when,
        cmd=CommandRef("daily set"),
        where=MessageRef(1, 2, 3),
    )
    text = error_text(err)
    local = when.astimezone()
    assert text.startswith("“*Bold* question” closed at ")
    assert f"{local:%H:%M}" in text and str(local.year) in text
    assert text.endswith("; try daily set (see that message).")
    assert "<t:" not in text and "/daily" not in text


@pytest.mark.parametrize(
    "response",
    [
        "top-p",  # the answer's rival
        "it is not temperature",  # rules the answer out
        "not temperature",
        "entropy or randomness or temperature",  # offers it among others
        "temperature or top-k",
        "entropy and temperature",
    ],
)
def test_open_feedback_tells_no_more_than_a_plain_wrong_answer(response: str) -> None:
    # While the question is open, feedback on an answer that rules the answer out or offers it among others
    # reads as feedback on an answer that never came near it: else "You ruled out the answer" or "Pick one"
    # would tell the player the answer is the word they typed.
    accept, question = ["temperature"], "Which sampling parameter divides the logits before the softmax?"
    v = grade(response, accept=accept, question=question)
    assert not v.correct
    plain = grade("entropy", accept=accept, question=question)
    assert render_verdict(v, reveal=False) == render_verdict(plain, reveal=False) == "❌ Not quite"
    assert "temperature" not in render_verdict(v, reveal=False)


def test_a_list_of_terms_reads_the_same_while_open_whether_or_not_the_answer_is_in_it():
    # (the full wording tells the list held the answer: with three tries, a list could be narrowed down to it)
    question = "Which sampling setting makes a language model's output more or less random?"
    tail = " sparse MoE routing expert parallelism load balancing gating network"
    holding = grade("temperature" + tail, accept=["temperature"], question=question)
    without = grade("gradient clipping" + tail, accept=["temperature"], question=question)
    assert holding.reason is VerdictReason.KEYWORD_LIST and holding.kind is VerdictKind.WRONG
    assert render_verdict(holding, reveal=False) == render_verdict(without, reveal=False)
    assert "list of terms" in render_verdict(holding, reveal=True)


def test_denying_a_key_point_reads_while_open_as_an_answer_that_makes_none():
    # (the full wording names the point; a plain "that contradicts a key point" would tell which denied word is one)
    points = ["depth | deeper", "width | wider", "resolution | image size"]
    question = "Along which dimensions does compound scaling grow a CNN?"
    denied = grade("not depth", keypoints=points, question=question)
    unrelated = grade("not colour, not hue, not saturation", keypoints=points, question=question)
    assert denied.reason is VerdictReason.CONTRADICTS and unrelated.reason is VerdictReason.NO_KEYPOINTS
    assert render_verdict(denied, reveal=False) == render_verdict(unrelated, reveal=False) == "❌ None of the 3 key points"
    assert "depth" in render_verdict(denied, reveal=True)
    partly = grade("deeper and wider, but not at a higher resolution", keypoints=points, question=question)
    plainly = grade("deeper and wider", keypoints=points, question=question)
    assert partly.reason is VerdictReason.CONTRADICTS and plainly.reason is VerdictReason.PARTIAL
    assert render_verdict(partly, reveal=False) == render_verdict(plainly, reveal=False) == "🟠 2 of 3 key points"


@pytest.mark.parametrize("typed", ["_" * 3990, "*" * 3990, "scaling them together always hurts " * 110])
def test_a_long_quote_of_what_was_typed_is_cut_so_the_verdict_fits_a_message(typed):
    # An essay's unsupported claim, quoted: escaped whole it came to 8,000 characters, and Discord refused the
    # message, so the player never saw the verdict of their counted answer.
    v = Verdict(VerdictKind.PARTIAL, 0.9, VerdictReason.UNSUPPORTED_CLAIM, typed=typed, total=3)
    for reveal in (True, False):
        line = render_verdict(v, reveal=reveal)
        assert len(line) < 1000 and line.startswith("🟠 All 3 key points, but not this: *")
        assert line.endswith("…*")


def _live_markup(text: str) -> bool:
    """Whether ``text`` holds a "<" that Discord would read as markup: one no odd run of backslashes escapes."""
    for k, ch in enumerate(text):
        if ch == "<":
            run = len(text[:k]) - len(text[:k].rstrip("\\"))
            if run % 2 == 0 and text[k + 1 : k + 2] in ("#", "/", "t", ":", "a"):
                return True
    return False


@pytest.mark.parametrize(
    "typed",
    [
        "<#123456789012345678>", "</quiz:123456789012345678>", "<t:0:R>", "<:pepe:123456789012345678>",
        "<a:dance:123456789012345678>", "\\<#123456789012345678>", "\\\\<#123456789012345678>",
    ],
)  # fmt: skip
def test_channel_command_timestamp_and_emoji_markup_is_echoed_as_typed(typed):
    for shown in (escape(typed), card_text(typed), escape(f"see {typed} now"), card_text(f"see {typed} now")):
        assert not _live_markup(shown), (typed, shown)


def test_ordinary_angle_brackets_are_left_alone():
    for text in ("a < b", "x <= 0", "I <3 attention", "<html>", "here and everyone"):
        assert escape(text) == discord_escape(text) and card_text(text) == text


@pytest.mark.parametrize("text", ["write to admin@hereford.ac.uk", "team@everyonecan.org", "@heretic"])
def test_an_at_sign_inside_ordinary_text_gets_no_invisible_character(text: str) -> None:
    """An address or a name with "@here" or "@everyone" inside it is shown as typed: a backslash Discord does not
    show keeps it from being read as a mention, and copying the text gives the text back (no zero-width space)."""
    for shown in (escape(text), card_text(text)):
        assert "\u200b" not in shown and shown.replace("\\@", "@") == text, shown


def test_deck_text_keeps_its_code_spans_but_an_escaped_backtick_opens_none() -> None:
    """Deck text keeps its markdown: "@everyone" inside a code span is shown as written (Discord renders nothing
    there). A backtick escaped with a backslash is shown as a backtick and opens no code span, so a mention after
    it is escaped as anywhere else."""
    assert card_text("say `@everyone` now") == "say `@everyone` now"
    assert card_text("say \\`@everyone\\` now") == "say \\`\\@everyone\\` now"
    assert card_text("\\`<@123456789012345678>\\`") == "\\`\\<@123456789012345678>\\`"


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        # the escaped backtick is shown as one; the next backtick opens a span ("` b `"), so "@everyone" is text
        ("\\`a` b `@everyone`", "\\`a` b `\\@everyone`"),
        # a span of two backticks holds a single one; the mention after it is text
        ("``a`@here`` @here", "``a`@here`` \\@here"),
        # a code block is left as written, markup after it is not
        ("```py\n@here\n``` <#123456789012345678>", "```py\n@here\n``` \\<#123456789012345678>"),
        # markup inside a span is shown as typed, with no backslash showing in the code
        ("run `<#123456789012345678>` here", "run `<#123456789012345678>` here"),
        # a backtick that closes nowhere opens nothing
        ("one ` then @everyone", "one ` then \\@everyone"),
        # an escaped backslash escapes nothing after it
        ("\\\\@here", "\\\\\\@here"),
        # a code block ends at the first three backticks: what follows is text
        ("```a````@everyone```", "```a````\\@everyone```"),
        # bold (underline, strikethrough, a spoiler) is read before a backtick inside it, which opens no span past it
        ("**`x** @everyone `y`", "**`x** \\@everyone `y`"),
        ("||`x|| @here `y`", "||`x|| \\@here `y`"),
        # and what it wraps is read as any text
        ("**bold @here** and `@here`", "**bold \\@here** and `@here`"),
        # italic too, with a star or an underscore
        ("*a `b* @everyone `", "*a `b* \\@everyone `"),
        ("_a `b_ <@123456789012345678> `", "_a `b_ \\<@123456789012345678> `"),
        # an underscore inside a word closes no italic; one after a letter opens one all the same
        ("snake_case `x_y @here`", "snake_case `x_y @here`"),
        ("a_`_ @everyone `", "a_`_ \\@everyone `"),
        # where bold (underline) and italic both start, the longer span is read, italic first
        ("***a** `b* @everyone `", "***a** `b* \\@everyone `"),
        ("___a__ `b_ @everyone `", "___a__ `b_ \\@everyone `"),
        # a code block after newlines, and a block of newlines alone (a code span then)
        ("```py\n\n\nx @here\n```@here", "```py\n\n\nx @here\n```\\@here"),
        ("```\n\n``` @here", "```\n\n``` \\@here"),
        # a link is one word: a backtick in it opens no span, so what follows is text
        ("https://a.co/` @everyone `", "https://a.co/` \\@everyone `"),
        ("see https://a.co/x`y` <@123456789012345678>", "see https://a.co/x`y` \\<@123456789012345678>"),
        # but a span opened before the link holds it
        ("a `code https://a.co/` @everyone", "a `code https://a.co/` \\@everyone"),
        ("a `code https://a.co/ @everyone` b", "a `code https://a.co/ @everyone` b"),
        # a link that starts inside a span or a mark ends with it: what follows is text
        ("`x https://a.co/`@everyone", "`x https://a.co/`\\@everyone"),
        ("**https://a.co/**@everyone", "**https://a.co/**\\@everyone"),
    ],
)
def test_deck_text_is_read_for_code_spans_as_discord_reads_it(text: str, shown: str) -> None:
    """Code spans are found left to right, as Discord finds them: after an escaped backtick, the next backtick opens
    a span, and a mention that follows that span is escaped, not left as if it were inside code."""
    assert card_text(text) == shown


def test_deck_text_of_many_spans_inside_one_another_is_read_without_failing() -> None:
    """Thousands of bold, underline, strikethrough and spoiler marks inside one another: read, and the mention in
    the middle escaped."""
    text = "**__~~||" * 600 + "@here" + "||~~__**" * 600
    assert "\\@here" in card_text(text)
