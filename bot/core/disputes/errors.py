"""The refusals of the disputes feature, as codes with parameters (each surface words them)."""

from __future__ import annotations

import logging
from datetime import datetime

from bot.core.disputes.models import Dispute
from bot.core.errors import Conflict, NotFound, Quote, UserError

log = logging.getLogger(__name__)


def no_such_answer() -> NotFound:
    return NotFound("dispute.no_answer", "That answer is not stored, so it cannot be disputed.")


def not_yours() -> UserError:
    return UserError("dispute.not_yours", "Only the player who gave an answer can dispute it.")


def not_disputable(verdict: str) -> UserError:
    return UserError(
        "dispute.not_disputable", "A {verdict} answer cannot be disputed.", verdict=Quote(verdict)
    )


def corrected(points: int) -> UserError:
    """The answer was judged wrong, and an accepted dispute (another player's of the same answer, say) has made it
    right since: the player's feedback still shows the first verdict, and nothing told them."""
    back = ", and your points were given back" if points > 0 else ""
    return UserError(
        "dispute.corrected",
        "The moderators have accepted that answer since: it counts as right now{back}.",
        back=back,
    )


def own_dispute() -> UserError:
    return UserError(
        "dispute.own", "That dispute is about your own answer: another moderator (or the server owner) decides it."
    )


def corrects_own() -> UserError:
    return UserError(
        "dispute.corrects_own",
        "Accepting this would also correct an answer of yours: another moderator (or the server owner) decides it.",
    )


def too_long_to_accept(length: int, limit: int) -> UserError:
    return UserError(
        "dispute.too_long",
        "An accepted answer holds at most {limit} characters, so that `/deck export` keeps it and `/deck import` "
        "takes it back: this one has {length}. Reject it; the player can dispute a shorter answer.",
        limit=limit,
        length=length,
    )


def offers_others(names: list[str]) -> UserError:
    return UserError(
        "dispute.offers_others",
        "Accepting that answer would make each name in it right on its own, and {names} is not right for this "
        "card. Reject it; the player can dispute an answer that names one thing.",
        names=Quote(" / ".join(names)),
    )


def picked() -> UserError:
    return UserError(
        "dispute.picked", "An option picked from a list cannot be disputed: only a typed answer can."
    )


class AlreadyOpen(Conflict):
    """The answer is disputed already and the moderators have not decided yet: ``dispute`` is that dispute, so the
    player who presses again (their first confirmation may never have reached them) can be told it was sent."""

    def __init__(self, dispute: Dispute) -> None:
        super().__init__("dispute.open", "You already disputed that answer: the moderators will review it.")
        self.dispute = dispute


def already_disputed(status: str, dispute: Dispute | None = None) -> Conflict:
    if status == "open":
        if dispute is not None:
            return AlreadyOpen(dispute)
        return Conflict("dispute.open", "You already disputed that answer: the moderators will review it.")
    if dispute is not None and dispute.taken_back_at is not None:
        status = "accepted, then taken back"
    return Conflict(
        "dispute.decided", "That answer was disputed already, and the dispute was {status}.", status=status
    )


def too_many(limit: int, again: datetime) -> UserError:
    return UserError(
        "dispute.cap",
        "That is as many disputes as you can open in a day ({limit}); you can dispute again {again}.",
        limit=limit,
        again=again,
    )


def no_such_dispute() -> NotFound:
    return NotFound("dispute.none", "That dispute no longer exists.")


def decided(status: str) -> Conflict:
    return Conflict("dispute.already_decided", "That dispute was {status} already.", status=status)


def server_only() -> UserError:
    return UserError(
        "dispute.server_only", "Disputes are reviewed by a server's moderators: answer in a server."
    )


def still_open() -> Conflict:
    return Conflict(
        "dispute.still_open",
        "That question is still open in its quiz: accept the dispute once it has closed, so no answer scores twice.",
    )


def question_open() -> Conflict:
    return Conflict(
        "dispute.question_open",
        "That answer's question is still open, and the answer may give the card's away: decide it once the "
        "question has closed.",
    )


def not_accepted(status: str) -> UserError:
    return UserError(
        "dispute.not_accepted", "Only an accepted dispute can be taken back: that one is {status}.", status=status
    )


def settled_by(dispute_id: int) -> UserError:
    return UserError(
        "dispute.settled_by",
        "That dispute was settled by the accept of dispute #{other}: take that one back, and this one goes with it.",
        other=dispute_id,
    )


def takes_back_for_self() -> UserError:
    return UserError(
        "dispute.takes_back_for_self",
        "Taking this back would give an answer of yours points: another moderator (or the server owner) decides it.",
    )


def card_takes_it() -> UserError:
    return UserError(
        "dispute.card_takes_it",
        "That answer stays right in this server without this accept (the deck's card, or an answer accepted with no "
        "dispute left to take it back by, takes it now): there is nothing to take back.",
    )


def card_asked_now() -> Conflict:
    return Conflict(
        "dispute.card_asked_now",
        "A question on that card is open in this server now, and its answers are being graded: take the accept "
        "back once it has closed.",
    )


def asked_again() -> UserError:
    return UserError(
        "dispute.asked_again",
        "That card is being asked in this server right now: press I was right again once its question has closed.",
    )


def card_gone() -> UserError:
    return UserError(
        "dispute.card_gone", "That card is no longer in its deck, so the answer to it cannot be disputed."
    )


def card_changed() -> UserError:
    return UserError(
        "dispute.card_changed",
        "That card has changed since you answered (a new version of its deck was imported), so the moderators "
        "could not judge your answer against the question you were asked: it cannot be disputed.",
    )
