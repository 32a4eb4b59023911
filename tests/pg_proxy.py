"""A TCP relay between the store and the PostgreSQL test server, to play what the network and the server do
to a running bot: ``cut()`` (the server side of every open connection is gone, as after a restart or a
fail-over, and the client only learns it when it next sends), ``freeze()`` (nothing gets through either way,
as behind a firewall that drops the packets), ``down()`` / ``up()`` (the server is gone, its connections
ended and new ones refused, and then it is back, as across a restart). ``lose_commit_reply()`` lets the next COMMIT reach the server but ends its connection
instead of passing the server's reply on (the commit landed; the client cannot know), and ``hold_commit()``
keeps the next COMMIT back until ``release_commit()`` (a commit that stalls on the way, and arrives late).

Everything is on 127.0.0.1; ``PgRelay.url`` is the test server's URL through the relay.

``from pg_proxy import relayed, short_statement_wait``: ``relayed`` is the ``net`` fixture (the relay to the
test's ``pg`` schema); ``short_statement_wait`` (the autouse ``short_wait``) shortens a serving process's wait for
an unanswered statement to half a second. ``relayed_services`` is the ``core`` fixture: the bot's services on the
test's schema, through the relay; ``connection_ended(pg, net)`` waits until the server is done with the connection
whose COMMIT the relay trapped (what it made of that COMMIT is final then).
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest

from bot.core.service import Services
from bot.core.storage.pg import compat

#: A simple-query COMMIT as asyncpg sends it (``Transaction.commit``).
_COMMIT = b"COMMIT;\x00"


class _Link:
    """One client connection and its server connection."""

    def __init__(self, client: asyncio.StreamWriter, server: asyncio.StreamWriter) -> None:
        self.client = client
        self.server = server
        self.cut = False  # the server side is gone: the client's next bytes end its connection
        self.lose_reply = False  # the server's next bytes end the connection instead of reaching the client


class PgRelay:
    """A relay to ``target`` (host, port) listening on 127.0.0.1."""

    def __init__(self, url: str) -> None:
        parts = urlsplit(url)
        self._target = (parts.hostname or "127.0.0.1", parts.port or 5432)
        self._parts = parts
        self._listener: asyncio.Server | None = None
        self._links: list[_Link] = []
        self._tasks: set[asyncio.Task[None]] = set()
        self._flowing = asyncio.Event()
        self._flowing.set()
        self._commit_trap: str | None = None  # what happens to the next COMMIT: "lose" its reply, or "hold" it
        self._released = asyncio.Event()
        #: The relay's own port towards the server on the connection of the last COMMIT trapped (the server
        #: lists it as that connection's ``client_port``).
        self.commit_port: int | None = None
        self.port = 0

    @property
    def url(self) -> str:
        """The test server's URL, through the relay."""
        user = f"{self._parts.username}@" if self._parts.username else ""
        netloc = f"{user}127.0.0.1:{self.port}"
        return urlunsplit((self._parts.scheme, netloc, self._parts.path, self._parts.query, ""))

    async def start(self) -> PgRelay:
        self._listener = await asyncio.start_server(self._accept, "127.0.0.1", 0)
        self.port = self._listener.sockets[0].getsockname()[1]
        return self

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            up_reader, up_writer = await asyncio.open_connection(*self._target)
        except OSError:
            writer.close()
            return
        link = _Link(writer, up_writer)
        self._links.append(link)
        for task in (self._pump(link, reader, up_writer, to_server=True), self._pump(link, up_reader, writer)):
            t = asyncio.ensure_future(task)
            self._tasks.add(t)
            t.add_done_callback(self._tasks.discard)

    async def _pump(
        self,
        link: _Link,
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
        *,
        to_server: bool = False,
    ) -> None:
        try:
            while data := await reader.read(65536):
                await self._flowing.wait()
                if to_server and self._commit_trap is not None and _COMMIT in data:
                    trap, self._commit_trap = self._commit_trap, None
                    self.commit_port = link.server.get_extra_info("sockname")[1]
                    if trap == "lose":
                        link.lose_reply = True
                    else:
                        if trap == "freeze":
                            self.freeze()
                        await self._released.wait()
                if not to_server and link.lose_reply:
                    link.client.transport.abort()
                    link.server.transport.abort()
                    return
                if link.cut:
                    if to_server:
                        # the client sent on a connection the server no longer has
                        link.client.transport.abort()
                    return
                writer.write(data)
                await writer.drain()
        except (OSError, asyncio.IncompleteReadError):
            pass
        finally:
            if not link.cut:
                writer.close()

    def cut(self) -> None:
        """The server side of every open connection is gone (a restart, a fail-over, a killed session); each
        client notices when it next sends something."""
        for link in self._links:
            link.cut = True
            link.server.transport.abort()
        self._links = []

    def lose_commit_reply(self) -> None:
        """The next COMMIT a client sends reaches the server, but the server's reply does not reach the client:
        that connection ends instead (the commit landed, and the client cannot know)."""
        self._commit_trap = "lose"

    def hold_commit(self, *, freeze: bool = False) -> None:
        """The next COMMIT a client sends is kept back until ``release_commit``; everything else flows, or
        (``freeze``) nothing else gets through either from then on, until ``thaw``."""
        self._released.clear()
        self._commit_trap = "freeze" if freeze else "hold"

    def release_commit(self) -> None:
        """The COMMIT kept back goes on to the server (if its connection is still there)."""
        self._released.set()

    def freeze(self) -> None:
        """Nothing gets through, either way, until ``thaw``."""
        self._flowing.clear()

    def thaw(self) -> None:
        self._flowing.set()

    async def down(self) -> None:
        """The server is gone: open connections end at once, new ones are refused until ``up``."""
        for link in self._links:
            link.client.transport.abort()
            link.server.transport.abort()
        self._links = []
        if self._listener is not None:
            self._listener.close()
            self._listener = None

    async def up(self) -> None:
        """The server is back, on the same port."""
        if self._listener is None:
            self._listener = await asyncio.start_server(self._accept, "127.0.0.1", self.port)

    async def close(self) -> None:
        self.thaw()
        self.release_commit()
        if self._listener is not None:
            self._listener.close()
        for link in self._links:
            link.client.transport.abort()
            link.server.transport.abort()
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        if self._listener is not None:
            with contextlib.suppress(Exception):
                await self._listener.wait_closed()
            self._listener = None


@contextlib.asynccontextmanager
async def relay(url: str) -> AsyncIterator[PgRelay]:
    """A started relay to ``url``'s server, closed afterwards."""
    found = await PgRelay(url).start()
    try:
        yield found
    finally:
        await found.close()


@pytest.fixture(name="short_wait", autouse=True)
def short_statement_wait(monkeypatch: pytest.MonkeyPatch) -> None:
    """A serving process's wait for an unanswered statement, shortened for the test (30 s)."""
    monkeypatch.setattr(compat, "STATEMENT_WAIT", 0.5)


@pytest.fixture(name="net")
async def relayed(pg: Any) -> AsyncIterator[PgRelay]:
    async with relay(pg.url) as found:
        yield found


#: How long a test waits for something the server must do before it calls it stuck.
STUCK = 30.0


@pytest.fixture(name="core")
async def relayed_services(settings: Any, clock: Any, rng: Any, pg: Any, net: PgRelay) -> AsyncIterator[Services]:
    """The bot's services on the test's schema, through the relay."""
    url = f"{net.url}?search_path={pg.name}"
    services = await Services.create(dataclasses.replace(settings, database_url=url).core, clock=clock, rng=rng)
    try:
        yield services
    finally:
        net.thaw()
        net.release_commit()
        await asyncio.wait_for(services.close(), STUCK)


async def connection_ended(pg: Any, net: PgRelay) -> None:
    """Wait until the server has finished with the connection whose COMMIT the relay trapped."""
    conn = await pg.connect()
    try:
        for _ in range(int(STUCK / 0.05)):
            if not await conn.fetchval("SELECT COUNT(*) FROM pg_stat_activity WHERE client_port = $1", net.commit_port):
                return
            await asyncio.sleep(0.05)
        pytest.fail("the server kept the connection of the trapped COMMIT")
    finally:
        await conn.close()


@pytest.fixture
def quick_connect(monkeypatch: pytest.MonkeyPatch) -> None:
    """A new connection's wait for the server, shortened for the test (10 s)."""
    from bot.core.storage.pg import store as pg_store

    monkeypatch.setattr(pg_store, "CONNECT_TIMEOUT", 2.0)
