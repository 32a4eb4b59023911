"""Long loops of the grader that may run in a worker thread give the interpreter lock away now and then.

The interpreter hands its lock to a waiting thread (the event loop) only between Python bytecodes; the grader's
compiled modules (``setup.py``) run none, so a long compiled loop in a worker thread (the known terms of a
100,000-card deck, say) would hold the event loop up for its whole length. ``let_others_run`` gives the lock
away when a millisecond has passed since it last did (``time.sleep(0)``: a waiting thread takes the lock
then); called anywhere else it costs a clock reading.
"""

from __future__ import annotations

import time

#: How long a loop holds the interpreter lock at most between two calls that give it away.
EVERY_SECONDS = 0.001

_last = 0.0


def let_others_run() -> None:
    """Give the interpreter lock away if ``EVERY_SECONDS`` have passed since it was last given away here."""
    global _last
    now = time.perf_counter()
    if now - _last >= EVERY_SECONDS:
        time.sleep(0)
        _last = time.perf_counter()
