"""Compiling a card for grading as soon as it is asked, before the first answer comes.

A card is compiled for grading on its first grade (``grade_card_async``: in steps of about a millisecond
that give the loop back). Without this, the first answer to every new question pays for that compile, and
when many quizzes open questions at once the answers queue behind the compiles. ``CompileAhead`` starts the
compile when the question opens (a quiz question, the daily question), in the same steps, with the same
direction and the same extra accepted answers (a server's overlay) as the answer's grade will use: the
answer then finds the card in the same cache (a first answer that comes during the compile waits for it
rather than compiling the card again). A verdict is exactly what it would be without it.

The card of the next question is known too (a quiz's plan): it is compiled while the current question
is open, behind the other such compiles, one at a time (``LATER_AT_ONCE``), so that a hundred quizzes moving
on together never crowd the loop with a hundred compiles; when its question opens it is usually compiled
already.

A compile ahead is only a head start: it never raises into its caller (a card that cannot be compiled is
logged at debug level and left for the answer's grade to report), it is cancelled when its question
closes or its quiz ends, and a finished one is forgotten at once.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Hashable, Sequence

from bot.core.grading.compiled import cached_card, compile_card_steps, extra_answers
from bot.core.models import Card

log = logging.getLogger(__name__)

#: Compiles of cards asked later (the next question's) that run at once; the others wait their turn.
LATER_AT_ONCE = 1

#: The answers a server accepts for the card beyond the deck's own, read when the compile starts.
Extra = Callable[[], Sequence[str]]


class CompileAhead:
    """Background compiles of the cards being asked (and about to be), by owner (a quiz, a daily post) and slot."""

    def __init__(self, *, later_at_once: int = LATER_AT_ONCE) -> None:
        self._tasks: dict[Hashable, dict[Hashable, asyncio.Task[None]]] = {}
        self._later_at_once = later_at_once
        self._gate: asyncio.Semaphore | None = None

    def start(
        self,
        owner: Hashable,
        slot: Hashable,
        card: Card,
        direction: str,
        extra: Extra | None = None,
        *,
        later: bool = False,
    ) -> bool:
        """Compile ``card`` in ``direction`` (with the answers ``extra()`` names) on the running loop, in
        place of what ``owner`` compiled in ``slot``. ``later``: a card asked later (the next question), compiled
        behind the other such cards, ``LATER_AT_ONCE`` at a time, so that many of them never crowd the loop.
        False when there is nothing to do: the card is compiled already, or no loop runs. Never raises."""
        self.cancel(owner, slot)
        try:
            accepted = extra_answers(extra()) if extra is not None else ()
            if cached_card(card, direction, accepted) is not None:
                return False
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return False  # no loop (a synchronous caller): the first answer compiles the card
        except Exception:
            log.debug("card %s: no compile ahead", getattr(card, "key", card), exc_info=True)
            return False
        if later and self._gate is None:
            self._gate = asyncio.Semaphore(self._later_at_once)
        work = _compile(card, direction, accepted, self._gate if later else None)
        task = loop.create_task(work, name=f"compile-ahead:{card.key}")
        self._tasks.setdefault(owner, {})[slot] = task
        task.add_done_callback(lambda done: self._done(owner, slot, done))
        return True

    def _done(self, owner: Hashable, slot: Hashable, task: asyncio.Task[None]) -> None:
        slots = self._tasks.get(owner)
        if slots is not None and slots.get(slot) is task:
            del slots[slot]
            if not slots:
                del self._tasks[owner]

    def cancel(self, owner: Hashable, slot: Hashable | None = None) -> None:
        """Stop what ``owner`` compiles in ``slot`` (every slot when None); what was compiled so far is dropped."""
        slots = self._tasks.get(owner)
        if slots is None:
            return
        tasks = (
            list(slots.values()) if slot is None else [t for t in (slots.pop(slot, None),) if t is not None]
        )
        if slot is None or not slots:
            del self._tasks[owner]
        for task in tasks:
            task.cancel()

    def close(self) -> None:
        """Stop every compile."""
        owners, self._tasks = self._tasks, {}
        for slots in owners.values():
            for task in slots.values():
                task.cancel()

    def pending(self, owner: Hashable | None = None) -> int:
        """How many compiles run or wait now (``owner``'s alone, if given)."""
        if owner is not None:
            return len(self._tasks.get(owner, {}))
        return sum(len(slots) for slots in self._tasks.values())


async def _compile(
    card: Card, direction: str, extra: tuple[str, ...], gate: asyncio.Semaphore | None
) -> None:
    """``compile_card_steps`` driven as ``grade_card_async`` drives it (the loop is given back between steps),
    once ``gate`` lets it."""
    if gate is None:
        await _steps(card, direction, extra)
        return
    async with gate:
        await _steps(card, direction, extra)


async def _steps(card: Card, direction: str, extra: tuple[str, ...]) -> None:
    steps = compile_card_steps(card, direction, extra)
    try:
        while True:
            next(steps)
            await asyncio.sleep(0)
    except StopIteration:
        return
    except Exception:
        log.debug("card %s: compile ahead failed", card.key, exc_info=True)
    finally:
        steps.close()  # cancelled mid-way: the card is no longer marked as being compiled
