"""Discord rendering of the quiz: the intro, question, reveal and summary embeds, and the reply lines.

Everything a player or a deck wrote is escaped here; the numbers players read (points, tries, the window)
come from ``bot.core.scoring``. Verdicts are rendered by ``cogs._verdicts``: while a channel question is
open, and before a practice question's last try, the line never names the answer.
"""

from __future__ import annotations

import logging
import re

import discord

from bot.core.quiz import (
    ALMOST_FREE_RETRY,
    ALMOST_TRY,
    AnswerResult,
    HintResult,
    LiveQuestion,
    LiveQuiz,
    Reveal,
    Summary,
)
from bot.core.scoring import (
    CHOICE_POINTS,
    FIRST_POINTS,
    HINT_COST,
    WINDOW_POINTS,
    WINDOW_SECONDS,
    tries_allowed,
)
from cogs._format import (
    COLOUR,
    COLOUR_BAD,
    COLOUR_OK,
    DESCRIPTION_MAX,
    EMBED_TOTAL_MAX,
    FIELD_VALUE_MAX,
    add_field,
    bold_list,
    clip,
    embed,
    escape,
    plural,
    timestamp,
)
from cogs._shared import TEXT_DISPLAY_MAX
from cogs._verdicts import ALMOST_SPENT, render_verdict

log = logging.getLogger(__name__)

MEDALS = ("🥇", "🥈", "🥉")
RANKED = 10  # players listed in a summary
WINNERS_LISTED = 20  # players named in a reveal
REVEAL_PROMPT_MAX = 600
HARDEST_MAX = 300
FOOTER_NAME_MAX = 200
REVIEW_LISTED = 10  # cards named under "To review"
HIDDEN_TERM = "*Which term is hidden?*"
#: The question above the answer box: a text display holds 4,000 characters, the tries left and a note under it.
BOX_PROMPT_MAX = TEXT_DISPLAY_MAX - 200

SKIPPED = "⏭️ Skipped."
STOPPED = "⏹️ You stopped the quiz; the summary follows."
EMPTY_ANSWER = "Type an answer first."
HINT_COMING = "Your hint is on its way; press **Hint** again once it shows for the next one."
INTERRUPTED_TITLE = "⏹️ Quiz interrupted"
INTERRUPTED_BY_RESTART = "This quiz was interrupted by a restart — scores kept."
INTERRUPTED_BY_RELOAD = "This quiz was interrupted by a reload — scores kept."
MESSAGE_DELETED = "The question message was deleted, so the quiz ended."
NOT_SAVED = "I can't save to my database right now, so the quiz stopped here. Points already given are kept."
NOT_POSTED = "I couldn't post the next question, so the quiz stopped here. Points already given are kept."
RAN_OUT = (
    "It ended early: no more of its cards can be asked here right now (a deck may have been turned off or "
    "removed). Points already given are kept."
)
ENDED_TITLE = "ended"
ENDED_BY_RESTART = "This quiz was interrupted by a restart before this question closed."
SUMMARY_AFTER_RESTART = "I restarted before I could post this summary — scores kept."


def tries_phrase(n: int) -> str:
    """How many tries, in words a player reads ("one try", "3 tries")."""
    return "one try" if n == 1 else f"{n} tries"


def topic_label(quiz: LiveQuiz | Summary) -> str:
    """The topic as shown in titles and text, escaped (a deck's name may hold markdown marks: "ml__intro__")."""
    return escape(quiz.topic) if quiz.topic else "all topics"


def short_note(quiz: LiveQuiz) -> str | None:
    """The quiz is shorter than asked: say so (None when it is not)."""
    if not quiz.short:
        return None
    where = f"**{escape(quiz.topic)}** has" if quiz.topic else "The decks have"
    n = quiz.total
    return f"ℹ️ {where} only {plural(n, 'card')} to ask: this quiz has {plural(n, 'question')}."


# -- a channel quiz ---------------------------------------------------------------------------------
def intro_embed(quiz: LiveQuiz, starter: str, *, chat_answers: bool) -> discord.Embed:
    """The public reply to /quiz: what is asked and how it scores."""
    lines = [
        f"**{quiz.total}** {'question' if quiz.total == 1 else 'questions'} on **{topic_label(quiz)}** · "
        f"{quiz.mode} · {plural(quiz.seconds, 'second')} each.",
    ]
    if quiz.mode == "choice":
        lines.append(
            f"Pick an option: {tries_phrase(tries_allowed(quiz.mode))} each, {CHOICE_POINTS} points for every "
            "right pick."
        )
    else:
        lines.append(
            f"Press **Answer** to reply: {FIRST_POINTS} points for the first right answer, {WINDOW_POINTS} for "
            f"anyone right within {WINDOW_SECONDS:g} seconds of it."
        )
        lines.append(f"💡 **Hint** shows a hint to you alone; each one costs you (only you) {HINT_COST} points.")
        lines.append("🟡 A spelling slip (“almost”) is free once per question; after that, each one costs a try.")
        if quiz.essays:
            lines.append("Essay questions are included: they stay open longer.")
        if chat_answers:
            lines.append(
                "You can also type your answer in the chat. Everyone sees it there, so a right answer in the chat "
                "closes the question at once. A wrong guess in the chat costs a try, as in the answer box (nothing "
                "is said of it); talk costs nothing."
            )
    note = short_note(quiz)
    if note:
        lines.append(note)
    return embed(f"🎯 Quiz started by {escape(starter)}", "\n".join(lines))


def prompt_text(question: LiveQuestion, limit: int = DESCRIPTION_MAX) -> str:
    """The question as members read it, within ``limit`` characters (escaped; the cloze says what to find)."""
    if question.prompt.direction == "term":
        return f"{HIDDEN_TERM}\n\n{asked_within(question.prompt.text, limit - len(HIDDEN_TERM) - 2)}"
    return asked_within(question.prompt.text, limit)


#: Where the last sentence of a question starts (after a full stop, a question mark, a colon or a line break).
_LAST_SENTENCE = re.compile(r"(?:(?<=[.!?:…])\s+|\n+)(?=\S)")


def asked_within(text: str, limit: int) -> str:
    """Deck text escaped within ``limit`` characters: whole when it fits. A longer one (a question of thousands of
    characters, whose escaped markdown marks lengthen it) is cut short in its body ("…"), and its last sentence,
    what a long question asks, is kept whole after the cut: clipped at the end, the player would read the case
    and never what to answer."""
    shown = escape(text)
    if len(shown) <= limit:
        return shown
    text = text.rstrip()
    starts = list(_LAST_SENTENCE.finditer(text))
    tail = ""
    head = text
    if starts:
        last = starts[-1]
        kept = escape(text[last.end():])
        if len(kept) <= limit // 2:
            tail, head = ("\n" if "\n" in last.group() else " ") + kept, text[: last.start()]
    room = limit - len(tail)
    cut = room
    while cut > 0:
        shown = escape(clip(head, cut))
        if len(shown) <= room:
            return shown + tail
        cut -= len(shown) - room
    return clip(tail.lstrip(), limit)


def question_embed(quiz: LiveQuiz, question: LiveQuestion) -> discord.Embed:
    """A question as posted (channel) or shown privately (practice)."""
    kind = "Practice" if quiz.private else "Question"
    e = embed(f"{kind} {question.number}/{quiz.total} · {topic_label(quiz)}", prompt_text(question))
    if question.closes_at is not None:
        add_field(e, "Closes", timestamp(question.closes_at, "R"), inline=True)
    else:
        add_field(e, "Time", "no limit", inline=True)
    tries = tries_allowed(quiz.mode, two_way=question.two_way)
    each = "" if quiz.private else " each"
    if question.two_way:  # (a yes/no question: a second try would only be the other answer)
        add_field(e, "Tries", f"one{each}", inline=True)
    else:
        almost = "“almost” costs none" if quiz.private else "one “almost” free"
        add_field(e, "Tries", "one pick" if tries == 1 else f"{tries}{each} ({almost})", inline=True)
    if question.essay:
        add_field(e, "Answer", "in a few sentences: the key points count", inline=True)
    if not quiz.private and quiz.starter_name:  # (no name: the starter had their data deleted, /forget-me)
        e.set_footer(text=clip(f"Started by {quiz.starter_name}", FOOTER_NAME_MAX))
    return e


def reveal_embed(quiz: LiveQuiz, reveal: Reveal) -> discord.Embed:
    """A closed question: the answer, why, and (channel quiz) who got it."""
    e = embed(
        f"{'Practice' if quiz.private else 'Question'} {reveal.number}/{reveal.total} · answer",
        asked_within(reveal.prompt.text, REVEAL_PROMPT_MAX),
        colour=COLOUR_OK if reveal.winners else COLOUR_BAD,
    )
    if reveal.withheld_elsewhere:
        where = "another one you play in" if quiz.private else "another one where someone playing this quiz plays"
        add_field(
            e, "Answer",
            f"Kept back: a question open right now in this server or {where} (a quiz, or a daily question until its "
            "reveal) asks this card.",
        )
    elif reveal.withheld_stated:
        add_field(
            e, "Answer",
            "Kept back: this card's explanation states the answer of a question open right now. `/define` shows it "
            "once that question closes.",
        )
    elif reveal.withheld:
        add_field(e, "Answer", "Kept back: today's daily question asks this card. It shows at the daily's reveal.")
    else:
        add_field(e, "Answer", f"**{escape(reveal.answer)}**")
    if reveal.excerpt:
        add_field(e, "Why", escape(reveal.excerpt))
    if not quiz.private:
        if reveal.winners:
            add_field(e, f"Got it ({len(reveal.winners)})", winners_text(reveal))
        elif not reveal.unconfirmed:
            add_field(e, "Got it", "Nobody this time.")
        if reveal.unconfirmed:
            n = reveal.unconfirmed
            add_field(
                e, "Not confirmed",
                "I couldn't confirm that 1 right answer was saved, so it is not named here. If it was saved, the "
                "leaderboard counts it." if n == 1 else f"I couldn't confirm that {plural(n, 'right answer')} were "
                "saved, so they are not named here. Those that were saved count on the leaderboard.",
            )
        if not reveal.last and quiz.running:
            e.set_footer(text="Next question in a moment…")
    return e


def winners_text(reveal: Reveal) -> str:
    """Who got a question, first one first: as many whole names as the field holds (each in bold, never cut
    in half), then how many more."""
    shown: list[str] = []
    total = len(reveal.winners)
    for i, w in enumerate(reveal.winners[:WINNERS_LISTED]):
        entry = f"**{escape(w.name)}** (+{w.points}{', first' if w.first else ''})"
        left = total - i - 1
        tail = f" and {left} more" if left else ""
        if len(", ".join([*shown, entry]) + tail) > FIELD_VALUE_MAX:
            break
        shown.append(entry)
    more = total - len(shown)
    return ", ".join(shown) + (f" and {more} more" if more else "")


def summary_embed(summary: Summary, *, title: str | None = None, note: str | None = None) -> discord.Embed:
    """The end of a quiz (ranking, accuracy, questions asked, the hardest one) or of a practice (worded
    for one person: what they got right and what to review)."""
    if summary.solo:
        return _practice_summary(summary, title=title, note=note)
    if title is None:
        title = "🏁 Quiz over" if summary.status == "finished" else "⏹️ Quiz stopped"
    e = embed(f"{title} · {topic_label(summary)}", note, colour=COLOUR)
    if summary.ranking:
        lines = []
        for i, p in enumerate(summary.ranking[:RANKED]):
            mark = MEDALS[i] if i < len(MEDALS) and p.points > 0 else f"{i + 1}."
            lines.append(f"{mark} **{escape(p.user_name)}** — {p.points} pts ({p.correct}/{p.attempts} right)")
        if len(summary.ranking) > RANKED:
            lines.append(f"… and {len(summary.ranking) - RANKED} more")
        add_field(e, "Ranking", "\n".join(lines))
        if summary.accuracy is not None:
            add_field(e, "Accuracy", f"{summary.accuracy:.0%} of {summary.attempts} answers", inline=True)
    else:
        add_field(e, "Ranking", "Nobody answered.")
    if summary.unconfirmed:
        n = summary.unconfirmed
        add_field(
            e, "Not confirmed",
            "I couldn't confirm that 1 answer was saved, so it is not counted here. If it was saved, the leaderboard "
            "counts it." if n == 1 else f"I couldn't confirm that {plural(n, 'answer')} were saved, so they are not "
            "counted here. Those that were saved count on the leaderboard.",
        )
    add_field(e, "Questions", f"{summary.asked}/{summary.total}", inline=True)
    if summary.hardest is not None and summary.asked > 1:
        h = summary.hardest
        add_field(e, "Hardest question", f"{asked_within(h.text, HARDEST_MAX)}\n{h.correct}/{h.players} got it")
    return e


def _practice_summary(summary: Summary, *, title: str | None, note: str | None) -> discord.Embed:
    if title is None:
        title = "Practice over" if summary.status == "finished" else "Practice stopped"
    e = embed(f"{title} · {topic_label(summary)}", note, colour=COLOUR)
    me = summary.ranking[0] if summary.ranking else None
    if me is None:
        add_field(e, "Your result", "No answers this time.")
    else:
        add_field(
            e, "Your result",
            f"{me.correct} of {plural(summary.asked, 'question')} right · {plural(me.points, 'point')}",
        )
    add_field(e, "Questions", f"{summary.asked}/{summary.total}", inline=True)
    if summary.review:
        # (whole names, then how many more: a long term cut by the field's limit left its bold open and lost the count)
        listed = summary.review[:REVIEW_LISTED]
        add_field(e, "To review", bold_list(listed, FIELD_VALUE_MAX, more=len(summary.review) - len(listed)))
    return e


def fits_one_message(*embeds: discord.Embed) -> bool:
    """Whether ``embeds`` fit one message: Discord takes up to 6,000 characters of embeds in all (a practice's
    reveal and its next question of a few thousand characters do not)."""
    return sum(len(e) for e in embeds) <= EMBED_TOTAL_MAX


#: How each ending of a channel quiz is titled (``summary_embed``), with the end it shows.
ENDING_TITLES = {"🏁 Quiz over": "finished", "⏹️ Quiz stopped": "stopped", INTERRUPTED_TITLE: "interrupted"}


def shown_ending(message: discord.Message) -> str | None:
    """How the channel quiz ``message`` shows ended (``finished``, ``stopped``, ``interrupted``), if it is one of
    its endings (a summary posted, or edited into its last message, below the reveal shown there)."""
    title = message.embeds[-1].title if message.embeds else None
    if not title:
        return None
    return next((status for start, status in ENDING_TITLES.items() if title.startswith(f"{start} · ")), None)


def ended_question_embed(number: int, total: int, topic: str | None, note: str) -> discord.Embed:
    """An old question message whose quiz ended before the question closed."""
    return embed(f"Question {number}/{total} · {ENDED_TITLE}", note, colour=COLOUR_BAD).set_footer(
        text=f"Topic: {topic or 'all topics'}"
    )


# -- replies --------------------------------------------------------------------------------------------
def answer_text(result: AnswerResult, *, essay: bool = False) -> str:
    """The private reply to one answer: the verdict, then points or the tries left.

    The verdict names the answer only once the question is over for this player (a practice question
    answered right or out of tries); in a channel quiz the question is still open for the others. Only
    a typed channel race has a "first!" (with the window the others have; an ``essay`` question opens none: it
    stays open for its whole time); practice and choice don't.
    """
    v = result.verdict
    feedback = render_verdict(v, reveal=result.reveal is not None and not result.reveal.withheld)
    if v.correct:
        text = f"{feedback}\n**+{result.points} points**"
        if result.first and result.closes_at is not None and not result.choice:
            if essay:
                text += f" — first! Others still score {WINDOW_POINTS} until the question closes."
            else:
                text += f" — first! Others have {WINDOW_SECONDS:g} seconds to match it."
        return text
    if v.kind == "almost":
        return _almost_text(result, feedback)
    if v.kind == "empty":
        return EMPTY_ANSWER
    if result.tries_left <= 0:
        return f"{feedback} — no tries left on this question."
    return f"{feedback} — {plural(result.tries_left, 'try', 'tries')} left."


def _almost_text(result: AnswerResult, feedback: str) -> str:
    """An "almost", and what it cost: nothing in practice; in a channel quiz the question's one free retry, then a
    try each (the reply says which, so the player knows where they stand)."""
    left = result.tries_left
    if result.almost == ALMOST_FREE_RETRY:
        return (
            f"{feedback} — that was your free retry: it cost no try ({left} left). Another near miss on this "
            "question costs a try."
        )
    if result.almost == ALMOST_TRY:
        if left <= 0:
            return f"{ALMOST_SPENT} — your free retry was used, so this cost your last try: no tries left on this question."
        return f"{feedback} — your free retry was used, so this cost a try: {plural(left, 'try', 'tries')} left."
    return f"{feedback} (that cost no try; {left} left)"


def box_note(quiz: LiveQuiz, question: LiveQuestion, user_id: int, tries_left: int) -> str | None:
    """The small print under a player's answer box once they had their free retry on the question: what a near
    miss costs them now (nothing to say in practice, where every near miss is free, nor before the free retry)."""
    if quiz.private or user_id not in question.free_retries:
        return None
    cost = "your last try" if tries_left <= 1 else "a try"
    return f"Your free retry is used: another near miss (“almost”) costs {cost}."


def hint_reply(hint: HintResult, *, private: bool) -> str:
    """The private line with a hint: only whoever asked sees it, and only their points drop."""
    who = "" if private else " (only you see it)"
    return (
        f"💡 Hint {hint.level}/{hint.max_level}{who}: **{escape(hint.text)}** — a right answer now scores you "
        f"{plural(hint.points_now, 'point')}."
    )


def chat_announcement(name: str, result: AnswerResult) -> str:
    """A right answer typed in the chat, announced in the channel (nothing else is)."""
    first = " first" if result.first else ""
    return f"✅ **{escape(name)}** got it{first}! +{result.points} points"
