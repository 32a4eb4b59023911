"""The player's side of a terminal session: lines read off the event loop, and Ctrl-C that ends it cleanly.

    reader = TerminalInput(sys.stdin)
    with interrupts(reader.stop, sys.stdout):
        while (line := await reader.line()) is not None:
            ...                     # Ctrl-C makes line() return None: print the summary, then return
"""

from __future__ import annotations

import asyncio
import codecs
import contextlib
import io
import os
import signal
import threading
from collections.abc import Callable, Iterator
from typing import TextIO


class TerminalInput:
    """Lines of the player's input, read in a daemon thread so that waiting for them never blocks the loop.

    ``line()`` returns the next line (without its end), or None at the end of input or once ``stop()`` was
    called (Ctrl-C). A real file descriptor is read with ``os.read``, not through ``sys.stdin``'s buffer, so
    the thread still blocked in it when the session ends never holds a lock the interpreter needs at exit.
    """

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.stopped = asyncio.Event()
        self._lines: asyncio.Queue[str | None] = asyncio.Queue()
        self._loop = asyncio.get_running_loop()
        threading.Thread(target=self._read, name="tutorbot-input", daemon=True).start()

    def stop(self) -> None:
        """End the input now: the pending and every later ``line()`` return None."""
        self.stopped.set()

    async def line(self) -> str | None:
        """The next line, or None (end of input, or stopped)."""
        if self.stopped.is_set():
            return None
        getter = asyncio.ensure_future(self._lines.get())
        stopper = asyncio.ensure_future(self.stopped.wait())
        try:
            await asyncio.wait({getter, stopper}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            stopper.cancel()
            if not getter.done():
                getter.cancel()
        if self.stopped.is_set() or getter.cancelled():
            return None
        return getter.result()

    # -- in the reading thread --------------------------------------------------------------
    def _put(self, line: str | None) -> bool:
        try:
            self._loop.call_soon_threadsafe(self._lines.put_nowait, line)
        except RuntimeError:  # the loop is closed: the session is over
            return False
        return True

    def _read(self) -> None:
        for line in self._source():
            if not self._put(line.rstrip("\r\n")):
                return
        self._put(None)

    def _source(self) -> Iterator[str]:
        try:
            fd = self.stream.fileno()
        except (AttributeError, OSError, io.UnsupportedOperation):
            fd = None
        if fd is None:  # an in-memory stream
            yield from iter(self.stream.readline, "")
            return
        decoder = codecs.getincrementaldecoder(getattr(self.stream, "encoding", None) or "utf-8")(errors="replace")
        pending = ""
        while True:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                chunk = b""
            pending += decoder.decode(chunk, final=not chunk)
            *lines, pending = pending.split("\n")
            yield from (f"{line}\n" for line in lines)
            if not chunk:
                if pending:
                    yield pending
                return


@contextlib.contextmanager
def interrupts(on_first: Callable[[], None], out: TextIO) -> Iterator[None]:
    """Ctrl-C (SIGINT) calls ``on_first`` once; a second one stops the program at once (status 130)."""
    loop = asyncio.get_running_loop()
    count = 0

    def interrupted() -> None:
        nonlocal count
        count += 1
        if count == 1:
            on_first()
            return
        with contextlib.suppress(Exception):
            out.flush()
        os._exit(130)

    try:
        loop.add_signal_handler(signal.SIGINT, interrupted)
    except (NotImplementedError, RuntimeError, ValueError):  # not the main thread, or not on this platform
        yield
        return
    try:
        yield
    finally:
        loop.remove_signal_handler(signal.SIGINT)
