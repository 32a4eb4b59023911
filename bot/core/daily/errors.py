"""What the daily question refuses, as codes and plain templates (each surface renders them)."""

from __future__ import annotations

import logging

from bot.core.errors import Closed, CommandRef, Conflict, MessageRef, NotFound, Quote, UserError
from bot.core.models import VerdictKind
from bot.core.storage.daily_queries import PostInfo
from bot.core.text import one_line

log = logging.getLogger(__name__)

__all__ = [
    "SET_COMMAND",
    "AlreadyAnswered",
    "TodayPosted",
    "answer_not_saved",
    "answer_unconfirmed",
    "card_removed",
    "change_unconfirmed",
    "claimed_meanwhile",
    "closed",
    "never_posted",
    "next_posted",
    "no_cards",
    "no_such_post",
    "no_such_topic",
    "not_on",
    "not_saved",
    "not_set_up",
    "switched_off",
    "wrong_place",
]

SET_COMMAND = CommandRef("daily set")


class TodayPosted(Conflict):
    """``/daily now`` when today's question exists; ``post`` is it (the message is a parameter)."""

    def __init__(self, post: PostInfo) -> None:
        text = "Today's question is already posted."
        if post.message_id is None:  # still being sent
            super().__init__("daily.posted", text)
        else:
            message = MessageRef(post.guild_id, post.channel_id, post.message_id)
            super().__init__("daily.posted", text[:-1] + ": {message}", message=message)
        self.post = post


class AlreadyAnswered(Conflict):
    """A member's counted answer exists; ``verdict`` is what it was."""

    def __init__(self, post: PostInfo, verdict: VerdictKind) -> None:
        how = "and got it right" if verdict is VerdictKind.CORRECT else "— one answer a day counts"
        super().__init__(
            "daily.answered",
            f"You have already answered this question {how}. The answer is revealed {{reveal_at}}.",
            reveal_at=post.closes_at,
        )
        self.post = post
        self.verdict = verdict


def not_set_up(*, first: bool = True) -> NotFound:
    """The guild has no daily question switched on."""
    then = " first" if first else ""
    return NotFound(
        "daily.not_set_up",
        f"The daily question is not set up in this server — use {{command}}{then}.",
        command=SET_COMMAND,
    )


def switched_off() -> NotFound:
    """``/daily now`` when the daily question is set up but switched off (``/daily off``)."""
    return NotFound(
        "daily.switched_off",
        "The daily question is switched off in this server — {command} turns it on again.",
        command=SET_COMMAND,
    )


def not_on() -> NotFound:
    """``/daily off`` when it is not on."""
    return NotFound("daily.not_on", "The daily question is not on in this server.")


def no_such_topic(topic: str, suggestions: list[str]) -> NotFound:
    """A topic with no askable cards, with close topics to try."""
    shown = Quote(one_line(topic))
    if suggestions:
        return NotFound(
            "daily.topic",
            "There is no topic {topic} with cards to ask — try {suggestions}.",
            topic=shown,
            suggestions=", ".join(suggestions),
        )
    return NotFound("daily.topic", "There is no topic {topic} with cards to ask.", topic=shown)


def claimed_meanwhile() -> Conflict:
    """Today's post was claimed by someone else at the same moment."""
    return Conflict("daily.posted", "Today's question is already posted.")


def next_posted() -> Conflict:
    """``/daily now`` when the schedule already handled a later local date (the zone moved west)."""
    return Conflict("daily.next_posted", "The next question is already posted.")


def no_cards() -> UserError:
    """The server's decks have nothing to ask (every one turned off, or none with a complete card)."""
    return UserError(
        "daily.no_cards",
        "There are no cards to ask in this server: every deck here is turned off or has no complete card. "
        "Turn a deck on with {command}, then try again.",
        command=CommandRef("deck enable"),
    )


def no_such_post() -> NotFound:
    """A button of a question that is gone."""
    return NotFound("daily.post_gone", "This question no longer exists.")


def card_removed() -> NotFound:
    """The question's card left the decks and the store."""
    return NotFound("daily.card_gone", "This question's card was removed from the deck.")


def never_posted() -> Closed:
    """A question whose send failed for good."""
    return Closed("daily.never_posted", "This question was never posted.")


def closed(post: PostInfo) -> Closed:
    """Answers are no longer taken."""
    return Closed(
        "daily.closed",
        "This question has closed — answers were taken until {closes_at}. The answer is in the reveal.",
        closes_at=post.closes_at,
    )


def wrong_place() -> NotFound:
    """A button used away from its question: another server, channel or message (a crafted or copied id).

    Worded the same whether or not the question exists, so ids cannot be probed from another server.
    """
    return NotFound("daily.elsewhere", "This button does not belong to a question of the day here.")


def answer_not_saved() -> UserError:
    """The member's answer could not be written: it does not count, and they may send it again."""
    return UserError(
        "daily.not_saved",
        "Your answer could not be saved, so it was NOT counted: I cannot write to my database right now. "
        "Please answer again in a few minutes.",
    )


def answer_unconfirmed() -> UserError:
    """The connection to the database was lost while the member's answer was saved, and whether it was could
    not be checked: it counts once or not at all (answering again is told it was already counted, if it was)."""
    return UserError(
        "daily.unconfirmed",
        "I lost my connection to my database while saving your answer and could not check whether it was "
        "saved. It counts at most once: answer again in a few minutes, and I will tell you if it was already "
        "counted.",
    )


def change_unconfirmed() -> UserError:
    """The connection to the database was lost while a change was saved, and whether it was could not be
    checked."""
    return UserError(
        "daily.unconfirmed",
        "I lost my connection to my database while saving that and could not check whether it was saved. "
        "Please look again in a few minutes.",
    )


def not_saved() -> UserError:
    """A change to the daily question could not be written: nothing changed."""
    return UserError(
        "daily.storage",
        "That could not be saved: I cannot write to my database right now. Nothing was changed — "
        "please try again in a few minutes.",
    )
