"""The fault kit for the reliability suite (issue 11): Discord errors, a failing disk, bad database files, and the
real command line in a subprocess. The fixtures in ``conftest.py`` hand these out; test modules import names
from here (``from faultkit import ...``). Everything works from the outside of the bot (simcord's HTTP router,
aiosqlite's connection, the database file, the ``tutorbot`` process), so the tests survive refactoring.

The fixtures ``fail_route``, ``fail_after`` and ``db_faults`` are defined here (a test module outside this folder
imports them: ``from faultkit import failing_routes  # noqa: F401``).

``fail_route(env, method, path_regex, status, times=1, retry_after=1.0, when=None)``  (fixture)
    Make the bot's next matching REST call(s) fail with the exception discord.py itself raises once its own
    retries are used up: ``DiscordServerError`` (500, 502, 503, 504), ``Forbidden`` (403), ``NotFound``
    (404), ``HTTPException`` with status 429 and a ``Retry-After`` (429), or ``RateLimited`` with
    ``rate_limited=True``. ``path_regex`` is matched in full against the API path; ``fail_route.SEND``,
    ``.EDIT``, ``.CALLBACK``, ``.FOLLOWUP``, ``.EDIT_ORIGINAL``, ``.send(channel)``, ``.edit(channel, msg)``
    are the routes a quiz uses. ``times=None`` keeps failing. ``when(json)`` narrows the fault to some bodies
    (``embed_title(json)`` helps). The failed call is still in ``env.http_requests``; ``fault.hits`` lists the
    calls it failed. ``fail_route.on(env, method, path, action)`` runs ``action()`` as a call is made, without
    failing it. ``fail_after(env, method, path, status, when=)`` lets Discord make the call, then fails it. (simcord's own ``env.inject_error`` raises a plain ``HTTPException`` for every status and cannot
    carry a retry-after; this keeps the real exception classes.)

``db_faults``  (fixture)
    The test database's writes start failing as a real disk makes them fail, on every connection the bot has
    or opens to that file: ``read_only()`` (SQLite's ``query_only``: every write, even ``BEGIN IMMEDIATE``,
    raises ``sqlite3.OperationalError: attempt to write a readonly database``; reads work), ``disk_full()``
    (as measured on a full tmpfs: ``BEGIN`` and the statements succeed, ``COMMIT`` raises
    ``sqlite3.OperationalError: database or disk is full`` and the transaction is rolled back), ``heal()``.

``bad_db(kind)``  (fixture)
    A copy of a real tutorbot database, made bad: ``random`` bytes, ``truncated``, ``damaged`` pages (schema
    included), ``damaged-data`` (only the ``cards`` table's pages), a garbage ``header``; ``good`` for a copy.

``tutorbot(*args, db=..., stdin=..., timeout=..., read_only_dir=..., wait_for=...)``  (fixture)
    Runs the real command line in a subprocess and reports exit status, output, seconds, and whether it hung
    (killed at ``timeout``). ``tutorbot run`` gets an offline Discord (login and command sync answered
    locally, everything else fails at once with OSError; no network). ``tutorbot.start(...)`` runs several at
    once. ``read_only_dir`` runs it with that folder read-only (a read-only bind mount in a private mount
    namespace when root; chmod otherwise).
"""

from __future__ import annotations

import copy
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
import weakref
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiosqlite.core
import discord
import pytest
import simcord.http.router as simcord_router
from play_support import titles
from simcord import HttpLogEntry

ROOT = Path(__file__).resolve().parents[2]
MINI_DECKS = ROOT / "tests" / "data" / "decks"


# -- Discord faults ---------------------------------------------------------------------------------------
class _Response:
    """What ``discord.HTTPException`` reads from an aiohttp response."""

    def __init__(self, status: int, headers: dict[str, str]) -> None:
        self.status = status
        self.reason = {
            403: "Forbidden", 404: "Not Found", 429: "Too Many Requests", 500: "Internal Server Error",
            502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout",
        }.get(status, "Error")
        self.headers = headers


# Discord's JSON error codes for the statuses a bot meets on these routes.
_CODES = {
    403: (50013, "Missing Permissions"),
    429: (0, "You are being rate limited."),
    500: (0, "500: Internal Server Error"),
    502: (0, "502: Bad Gateway"),
    503: (0, "503: Service Unavailable"),
    504: (0, "504: Gateway Timeout"),
}


def _not_found_code(path: str) -> tuple[int, str]:
    if path.endswith("/callback"):
        return 10062, "Unknown interaction"
    if path.startswith("/webhooks/"):
        return 10015, "Unknown Webhook"
    if re.fullmatch(r"/channels/\d+/messages/\d+", path):
        return 10008, "Unknown Message"
    return 10003, "Unknown Channel"


@dataclass(eq=False)
class Fault:
    backend: Any
    method: str
    path: re.Pattern[str]
    status: int
    times: int | None
    retry_after: float = 1.0
    rate_limited: bool = False
    code: int | None = None
    message: str | None = None
    when: Callable[[Any], bool] | None = None
    hits: list[HttpLogEntry] = field(default_factory=list)
    action: Callable[[], Any] | None = None  # set by ``FailRoute.on``: observe instead of failing

    @property
    def spent(self) -> bool:
        return self.times is not None and len(self.hits) >= self.times

    def matches(self, backend: Any, method: str, path: str, json: Any) -> bool:
        if self.spent or backend is not self.backend or self.method not in (method, "*"):
            return False
        if not self.path.fullmatch(path):
            return False
        return self.when is None or bool(self.when(json))

    def exception(self, path: str) -> Exception:
        if self.status == 429 and self.rate_limited:
            return discord.RateLimited(self.retry_after)
        code, message = _not_found_code(path) if self.status == 404 else _CODES.get(self.status, (0, "Error"))
        code = self.code if self.code is not None else code
        message = self.message or message
        data: dict[str, Any] = {"code": code, "message": message}
        headers: dict[str, str] = {}
        if self.status == 429:
            data.update(retry_after=self.retry_after, **{"global": False})
            headers = {"Retry-After": f"{self.retry_after:g}", "X-RateLimit-Scope": "user", "Via": "1.1 google"}
        response = _Response(self.status, headers)
        if self.status == 403:
            return discord.Forbidden(response, data)  # type: ignore[arg-type]
        if self.status == 404:
            return discord.NotFound(response, data)  # type: ignore[arg-type]
        if self.status >= 500:
            return discord.DiscordServerError(response, data)  # type: ignore[arg-type]
        return discord.HTTPException(response, data)  # type: ignore[arg-type]


class FailRoute:
    """``fail_route(env, method, path_regex, status, ...)``; see the module docstring."""

    # API paths (regexes matched in full) of the calls a quiz makes.
    SEND = r"/channels/\d+/messages"  # channel.send
    EDIT = r"/channels/\d+/messages/\d+"  # message.edit (PATCH) — also DELETE/GET of one message
    CALLBACK = r"/interactions/\d+/[^/]+/callback"  # interaction.response.* (send_message, defer, modal, edit)
    FOLLOWUP = r"/webhooks/\d+/[^/]+"  # interaction.followup.send (POST)
    EDIT_ORIGINAL = r"/webhooks/\d+/[^/]+/messages/@original"  # edit_original_response (PATCH)
    EDIT_FOLLOWUP = r"/webhooks/\d+/[^/]+/messages/\d+"  # followup message edit (PATCH)

    def __init__(self) -> None:
        self.faults: list[Fault] = []

    @staticmethod
    def send(channel: Any) -> str:
        return rf"/channels/{channel.id}/messages"

    @staticmethod
    def edit(channel: Any, message: Any = None) -> str:
        which = str(message.id) if message is not None else r"\d+"
        return rf"/channels/{channel.id}/messages/{which}"

    def __call__(
        self,
        env: Any,
        method: str,
        path_regex: str,
        status: int,
        *,
        times: int | None = 1,
        retry_after: float = 1.0,
        rate_limited: bool = False,
        code: int | None = None,
        message: str | None = None,
        when: Callable[[Any], bool] | None = None,
    ) -> Fault:
        fault = Fault(
            env.backend, method.upper() if method != "*" else "*", re.compile(path_regex), status, times,
            retry_after, rate_limited, code, message, when,
        )
        self.faults.append(fault)
        return fault

    def on(
        self,
        env: Any,
        method: str,
        path_regex: str,
        action: Callable[[], Any],
        *,
        times: int | None = 1,
        when: Callable[[Any], bool] | None = None,
    ) -> Fault:
        """Run ``action()`` as a matching call is made (the call itself goes through): e.g. turn the disk
        read-only at the moment a given message is posted."""
        fault = self(env, method, path_regex, 0, times=times, when=when)
        fault.action = action
        return fault

    def install(self, monkeypatch: pytest.MonkeyPatch) -> FailRoute:
        real = simcord_router.dispatch

        def dispatch(backend: Any, method: str, path: str, *, json: Any = None, **kwargs: Any) -> Any:
            self.check(backend, method, path, json, kwargs.get("params"), kwargs.get("reason"))
            return real(backend, method, path, json=json, **kwargs)

        # simcord's HTTP client and webhook adapter both call ``router.dispatch`` through the module.
        monkeypatch.setattr(simcord_router, "dispatch", dispatch)
        return self

    def check(self, backend: Any, method: str, path: str, json: Any, params: Any, reason: Any) -> None:
        for fault in self.faults:
            if fault.action is not None:
                if fault.matches(backend, method, path, json):
                    fault.hits.append(HttpLogEntry(method, path, dict(params or {}), json, reason))
                    fault.action()
                continue
            if fault.matches(backend, method, path, json):
                entry = HttpLogEntry(method, path, dict(params or {}), json, reason)
                backend.http_requests.append(entry)
                backend.transcript.append(("FAULT", f"{method} {path} -> {fault.status}", None))
                fault.hits.append(entry)
                raise fault.exception(path)


def fail_after_call(monkeypatch: pytest.MonkeyPatch, fault: Fault) -> Fault:
    """Discord makes the next call ``fault`` matches, then the bot gets ``fault``'s error (a gateway timeout after
    the message was made, or 40060 for a callback Discord had taken): the bot cannot tell that it went through."""
    real = simcord_router.dispatch

    def dispatch(backend: Any, m: str, p: str, *, json: Any = None, **kwargs: Any) -> Any:
        result = real(backend, m, p, json=json, **kwargs)
        if fault.matches(backend, m, p, json):
            fault.hits.append(HttpLogEntry(m, p, dict(kwargs.get("params") or {}), json, kwargs.get("reason")))
            raise fault.exception(p)
        return result

    monkeypatch.setattr(simcord_router, "dispatch", dispatch)
    return fault



@pytest.fixture(name="fail_route")
def failing_routes(monkeypatch: pytest.MonkeyPatch) -> FailRoute:
    """``fail_route(env, method, path_regex, status, times=1, ...)``: the bot's matching REST calls fail."""
    return FailRoute().install(monkeypatch)


@pytest.fixture(name="fail_after")
def failing_after_the_call(monkeypatch: pytest.MonkeyPatch, fail_route: FailRoute) -> Callable[..., Fault]:
    """``fail_after(env, method, path, status, when=)``: Discord does the call, then answers with an error
    (a gateway timeout after the message was made): the bot cannot know that it went through."""

    def install(env: Any, method: str, path: str, status: int, *, when: Callable[[Any], bool]) -> Fault:
        fault = Fault(env.backend, method, re.compile(path), status, times=1, when=when)
        return fail_after_call(monkeypatch, fault)

    return install

def embed_title(json: Any) -> str:
    """The first embed title of a message body (for ``when=``), also inside an interaction callback."""
    if not isinstance(json, dict):
        return ""
    data = json.get("data", json) if "type" in json and "data" in json else json
    embeds = data.get("embeds") or [] if isinstance(data, dict) else []
    return (embeds[0].get("title") or "") if embeds else ""


class AnswerLostAfterPosting:
    """Discord's message creation (``POST /channels/{id}/messages``) with ``enforce_nonce`` honoured as Discord
    documents it (a message of the same author and nonce made in the last few minutes is returned, no new one is
    made), whose answer to the first post that ``when(json)`` picks is lost on the way back: the message is made,
    then ``error`` (a timeout, a connection dropped while the answer was read) reaches the bot. ``lost`` counts."""

    SEND = re.compile(r"/channels/\d+/messages")

    def __init__(self, when: Callable[[Any], bool], error: BaseException) -> None:
        self.when = when
        self.error = error
        self.made: dict[tuple[str, str], Any] = {}
        self.lost = 0

    def install(self, monkeypatch: pytest.MonkeyPatch) -> AnswerLostAfterPosting:
        real = simcord_router.dispatch

        def dispatch(backend: Any, method: str, path: str, *, json: Any = None, **kwargs: Any) -> Any:
            if method != "POST" or not self.SEND.fullmatch(path) or not isinstance(json, dict):
                return real(backend, method, path, json=json, **kwargs)
            key = (path, str(json["nonce"])) if json.get("enforce_nonce") and json.get("nonce") else None
            if key is not None and key in self.made:
                return copy.deepcopy(self.made[key])  # the message this nonce made already
            result = real(backend, method, path, json=json, **kwargs)
            if key is not None:
                self.made[key] = copy.deepcopy(result)
            if not self.lost and self.when(json):
                self.lost += 1
                raise self.error
            return result

        monkeypatch.setattr(simcord_router, "dispatch", dispatch)
        return self


# -- database faults --------------------------------------------------------------------------------------
_WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|ALTER|VACUUM|REINDEX)\b", re.I)
_COMMIT = re.compile(r"^\s*(COMMIT|END)\b", re.I)
_BEGIN_WRITE = re.compile(r"^\s*BEGIN\s+(IMMEDIATE|EXCLUSIVE)\b", re.I)


def _full() -> sqlite3.OperationalError:
    error = sqlite3.OperationalError("database or disk is full")
    error.sqlite_errorcode = sqlite3.SQLITE_FULL  # type: ignore[attr-defined]
    error.sqlite_errorname = "SQLITE_FULL"  # type: ignore[attr-defined]
    return error


class DbFaults:
    """Make one database file's writes fail, on every aiosqlite connection to it (see the module docstring)."""

    def __init__(self, path: Path) -> None:
        self.path = os.path.realpath(path)
        self.mode: str | None = None
        self.refused: list[str] = []  # the statements that failed because of us
        self.writers: weakref.WeakSet[Any] = weakref.WeakSet()  # connections to the file that began a write
        self._ours: weakref.WeakKeyDictionary[Any, bool] = weakref.WeakKeyDictionary()
        self._query_only: weakref.WeakKeyDictionary[Any, bool] = weakref.WeakKeyDictionary()

    def install(self, monkeypatch: pytest.MonkeyPatch) -> DbFaults:
        """Route every aiosqlite statement through ``_before`` (in the connection's worker thread)."""
        faults = self
        real = aiosqlite.core.Connection._execute

        async def _execute(conn: Any, fn: Any, *args: Any, **kwargs: Any) -> Any:
            def run() -> Any:
                faults._before(conn, fn, args)
                try:
                    return fn(*args, **kwargs)
                except sqlite3.OperationalError as exc:
                    if faults.mode == "readonly" and "readonly" in str(exc):
                        sql = args[0] if args and isinstance(args[0], str) else getattr(fn, "__name__", "?")
                        faults.refused.append(sql.strip()[:80])
                    raise

            return await real(conn, run)

        monkeypatch.setattr(aiosqlite.core.Connection, "_execute", _execute)
        return self

    def read_only(self) -> None:
        self.mode = "readonly"

    def disk_full(self) -> None:
        self.mode = "full"

    def heal(self) -> None:
        self.mode = None

    # Runs in the connection's worker thread, just before the statement.
    def _before(self, conn: Any, fn: Any, args: tuple[Any, ...]) -> None:
        raw = getattr(conn, "_connection", None)
        if raw is None:
            return
        ours = self._ours.get(conn)
        if ours is None:
            files = [row[2] for row in raw.execute("PRAGMA database_list").fetchall() if row[1] == "main"]
            ours = bool(files) and bool(files[0]) and os.path.realpath(files[0]) == self.path
            self._ours[conn] = ours
        if not ours:
            return
        want = self.mode == "readonly"
        if self._query_only.get(conn, False) != want:
            raw.execute(f"PRAGMA query_only = {'ON' if want else 'OFF'}")
            self._query_only[conn] = want
        sql = args[0] if args and isinstance(args[0], str) else ""
        if _WRITE.match(sql) or _BEGIN_WRITE.match(sql):
            self.writers.add(conn)
        if self.mode != "full":
            return
        committing = bool(_COMMIT.match(sql)) or getattr(fn, "__name__", "") == "commit"
        if committing and raw.in_transaction:
            raw.execute("ROLLBACK")  # a COMMIT that cannot write its pages is rolled back (as on a real disk)
            self.refused.append("COMMIT")
            raise _full()
        if _WRITE.match(sql) and not raw.in_transaction:
            self.refused.append(sql.strip()[:80])
            raise _full()


# -- bad database files -------------------------------------------------------------------------------------
PAGE = 4096
BAD_KINDS = ("random", "truncated", "damaged", "damaged-data", "header")


@pytest.fixture(name="db_faults")
def failing_disk(settings: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[DbFaults]:
    """``read_only()``, ``disk_full()``, ``heal()`` for the test bot's database (``settings.db_path``)."""
    faults = DbFaults(settings.db_path).install(monkeypatch)
    yield faults
    faults.heal()


def _table_pages(path: Path, table: str) -> list[int]:
    con = sqlite3.connect(path)
    try:
        return [r[0] for r in con.execute("SELECT pageno FROM dbstat WHERE name = ?", (table,))]
    except sqlite3.OperationalError:  # no dbstat in this SQLite build: the middle third of the file
        pages = path.stat().st_size // PAGE
        return list(range(pages // 3, 2 * pages // 3))
    finally:
        con.close()


def make_bad_db(kind: str, good: Path, dst: Path, *, seed: int = 11) -> Path:
    """``dst``: ``good`` (a checkpointed tutorbot database) made bad in the way ``kind`` names."""
    import random

    rng = random.Random(seed)
    dst.parent.mkdir(parents=True, exist_ok=True)
    if kind == "random":
        dst.write_bytes(rng.randbytes(64 * 1024))
        return dst
    data = bytearray(good.read_bytes())
    pages = len(data) // PAGE
    if kind == "truncated":
        data = data[: (pages // 2) * PAGE + 1234]  # half the pages, and a torn last one
    elif kind == "damaged":
        for n in range(1, pages):  # every page but the first (the header; the schema goes on further pages)
            data[n * PAGE + 16 : n * PAGE + 16 + PAGE // 2] = rng.randbytes(PAGE // 2)
    elif kind == "damaged-data":
        for n in _table_pages(good, "cards"):  # the schema is fine; the cards table (read at start-up) is not
            start = (n - 1) * PAGE + 16
            data[start : start + PAGE // 2] = rng.randbytes(PAGE // 2)
    elif kind == "header":
        data[0:100] = rng.randbytes(100)
    else:
        raise ValueError(f"unknown kind of bad database: {kind}")
    dst.write_bytes(bytes(data))
    return dst


# -- the command line in a subprocess -------------------------------------------------------------------------
OFFLINE_DISCORD = textwrap.dedent(
    '''
    """Offline Discord for `tutorbot run` in the fault tests (imported at start-up through PYTHONPATH).

    Login gets canned answers so start-up goes on to the bot's setup; every other REST call and the gateway
    fail at once with OSError. Nothing is sent on any network.
    """
    import os

    if os.environ.get("TUTOR_FAULTS_OFFLINE_DISCORD") == "1":
        import discord.http

        USER = {"id": "1000000000000000001", "username": "tutorbot", "discriminator": "0",
                "global_name": "tutorbot", "avatar": None, "bot": True, "system": False, "public_flags": 0,
                "verified": True, "mfa_enabled": False, "locale": "en-US", "flags": 0}
        APP = {"id": "1000000000000000002", "name": "tutorbot", "icon": None, "description": "", "summary": "",
               "bot_public": True, "bot_require_code_grant": False, "verify_key": "0" * 64, "owner": USER,
               "flags": 0, "team": None, "bot": USER}

        async def request(self, route, **kwargs):
            if route.method == "GET" and route.path == "/users/@me":
                return dict(USER)
            if route.method == "GET" and route.path == "/oauth2/applications/@me":
                return dict(APP)
            if route.method == "PUT" and route.path.endswith("/commands"):  # a command sync: echo it back
                return [
                    {"id": str(2000000000000000000 + i), "application_id": APP["id"], "version": "1", **c}
                    for i, c in enumerate(kwargs.get("json") or [])
                ]
            if route.method == "GET" and route.path.endswith("/commands"):
                return []
            raise OSError(f"offline test: no Discord here ({route.method} {route.path})")

        async def static_login(self, token):
            self.token = token
            return dict(USER)

        async def ws_connect(self, *args, **kwargs):
            raise OSError("offline test: no Discord gateway here")

        discord.http.HTTPClient.request = request
        discord.http.HTTPClient.static_login = static_login
        discord.http.HTTPClient.ws_connect = ws_connect
    '''
)


def started_up(db: Path) -> Callable[[], bool]:
    """For ``wait_for``: ``tutorbot run`` finished its start-up (it writes the command-sync marker last)."""
    marker = Path(db).with_name(".commands-synced")
    return marker.exists


def tutorbot_command() -> list[str]:
    """The installed ``tutorbot`` script of the running interpreter's environment (``python -m bot`` if none)."""
    script = Path(sys.executable).with_name("tutorbot")
    return [str(script)] if script.exists() else [sys.executable, "-m", "bot"]


def read_only_prefix(folder: Path) -> list[str] | None:
    """A command prefix that runs the command with ``folder`` read-only, or None when this machine can't.

    As root (whom file modes don't stop) through a private mount namespace with a read-only bind mount;
    as anyone else by taking the write bits away.
    """
    if os.geteuid() != 0:
        for p in (folder, *folder.iterdir()):
            p.chmod(p.stat().st_mode & ~0o222)
        return []
    unshare = shutil.which("unshare")
    if unshare is None:
        return None
    probe = subprocess.run(
        [unshare, "-m", "sh", "-c", f'mount --bind -o ro "{folder}" "{folder}"'],
        capture_output=True, timeout=10, check=False,
    )
    if probe.returncode != 0:
        return None
    return [unshare, "-m", "sh", "-c", f'mount --bind -o ro "{folder}" "{folder}" && exec "$0" "$@"']


@dataclass
class CliResult:
    args: list[str]
    returncode: int | None  # None: it hung and was killed
    stdout: str
    stderr: str
    seconds: float

    @property
    def hung(self) -> bool:
        return self.returncode is None

    def __str__(self) -> str:
        status = "HUNG (killed)" if self.hung else f"exit {self.returncode}"
        return (
            f"tutorbot {' '.join(self.args)}: {status} after {self.seconds:.1f}s\n"
            f"--- stderr ---\n{self.stderr[-3000:]}\n--- stdout ---\n{self.stdout[-1000:]}"
        )


class Running:
    """A started ``tutorbot`` process (``.wait()`` for its result; it is killed at its deadline)."""

    def __init__(self, args: list[str], proc: subprocess.Popen[str], timeout: float, stdin: str,
                 wait_for: Callable[[], bool] | None) -> None:
        self.args, self.proc, self.stdin, self.wait_for = args, proc, stdin, wait_for
        self.start = time.monotonic()
        self.deadline = self.start + timeout

    def wait(self) -> CliResult:
        proc = self.proc
        if self.wait_for is not None:  # a long-running command: wait for a sign of life, then stop it cleanly
            patience = self.start + (self.deadline - self.start) / 2  # the other half is for the shutdown
            while time.monotonic() < patience and proc.poll() is None and not self.wait_for():
                time.sleep(0.05)
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        try:
            out, err = proc.communicate(self.stdin, timeout=max(0.1, self.deadline - time.monotonic()))
            code: int | None = proc.returncode
        except subprocess.TimeoutExpired:
            proc.kill()
            out, err = proc.communicate()
            code = None
        return CliResult(self.args, code, out, err, time.monotonic() - self.start)


class Tutorbot:
    """``tutorbot(*args, db=...)`` runs the command line to its end; ``tutorbot.start(...)`` starts it."""

    def __init__(self, tmp_path: Path) -> None:
        self.shim = tmp_path / "offline-discord"
        self.shim.mkdir()
        (self.shim / "sitecustomize.py").write_text(OFFLINE_DISCORD)
        self.cwd = tmp_path / "cwd"  # no .env here
        self.cwd.mkdir()
        self.started: list[Running] = []

    def start(
        self,
        *args: str,
        db: Path,
        stdin: str = "",
        timeout: float = 10.0,
        cards: Path = MINI_DECKS,
        read_only_dir: Path | None = None,
        extra_env: dict[str, str] | None = None,
        wait_for: Callable[[], bool] | None = None,
    ) -> Running:
        env = {k: v for k, v in os.environ.items() if not k.startswith("TUTOR_") and k != "DISCORD_TOKEN"}
        env.update(
            TUTOR_DB_PATH=str(db),
            TUTOR_CARDS_DIR=str(cards),
            DISCORD_TOKEN="offline.fault.test",
            TUTOR_FAULTS_OFFLINE_DISCORD="1",
            PYTHONPATH=os.pathsep.join(p for p in (str(self.shim), env.get("PYTHONPATH", "")) if p),
            PYTHONUNBUFFERED="1",
        )
        env.update(extra_env or {})
        command = tutorbot_command() + list(args)
        if read_only_dir is not None:
            prefix = read_only_prefix(read_only_dir)
            if prefix is None:
                pytest.skip("cannot make a read-only folder here (needs mount namespaces as root)")
            command = prefix + command
        proc = subprocess.Popen(
            command, cwd=self.cwd, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True,
        )
        running = Running(list(args), proc, timeout, stdin, wait_for)
        self.started.append(running)
        return running

    def __call__(self, *args: str, **kwargs: Any) -> CliResult:
        return self.start(*args, **kwargs).wait()

    def close(self) -> None:
        for running in self.started:  # only the processes this fixture started
            if running.proc.poll() is None:
                running.proc.kill()
                running.proc.wait()


# -- reading the channel as a member does -----------------------------------------------------------------------
def message_text(message: Any) -> str:
    """Everything a member reads in a message: content, embed titles, descriptions, fields, footers."""
    parts = [getattr(message, "content", None) or ""]
    for e in getattr(message, "embeds", None) or []:
        parts += [e.title or "", e.description or ""]
        parts += [f"{f.name} {f.value}" for f in e.fields]
        parts.append(getattr(e.footer, "text", None) or "")
    return "\n".join(p for p in parts if p)


QUIZ_ENDED = re.compile(r"quiz (is )?(over|stopped|ended|interrupted|cancelled|canceled|could not)", re.I)


def answer_box_id(shown: Any) -> str:
    """The custom_id of the first text input of the modal a click opened (in an action row, a label, anywhere)."""

    def walk(node: Any) -> Iterator[dict[str, Any]]:
        if isinstance(node, dict):
            yield node
            for value in node.values():
                yield from walk(value)
        elif isinstance(node, list):
            for item in node:
                yield from walk(item)

    for node in walk(shown.modal):
        if node.get("type") == 4 and "custom_id" in node:
            return str(node["custom_id"])
    raise AssertionError(f"no text box in the modal {shown.modal!r}")


async def answer(member: Any, message: Any, text: str) -> Any:
    """Press Answer on ``message`` and submit ``text`` in the modal (the result of the submit, or of the click)."""
    shown = await member.click(message, label="Answer")
    if shown.modal is None:
        return shown
    return await member.submit_modal(shown, {answer_box_id(shown): text})


class Ui:
    """Helpers to read what members see and to answer (the ``ui`` fixture)."""

    QUIZ_ENDED = QUIZ_ENDED
    answer = staticmethod(answer)
    text = staticmethod(message_text)

    titles = staticmethod(titles)

    @staticmethod
    def told_quiz_ended(channel: Any, after: int = 0) -> bool:
        """Some message in the channel (from position ``after`` on) tells that a quiz ended, however it did."""
        return any(QUIZ_ENDED.search(message_text(m)) for m in channel.history()[after:])

    @staticmethod
    def seen_by(result: Any) -> list[str]:
        """Every message an interaction's user was shown: the response and the follow-ups."""
        shown = [result.response] if result.response is not None else []
        return [message_text(m) for m in [*shown, *result.followups]]


def seen(result: Any) -> str:
    """Everything an interaction's user was shown (the response and the follow-ups), one message a line."""
    return "\n".join(Ui.seen_by(result))
