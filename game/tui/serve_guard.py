"""What keeps `anbar serve` answering whatever connects to it: bounds, and a quiet log.

- **A header timeout**: a connection that has not sent a whole request within
  HEADER_SECONDS of opening (or of its last response) is closed, so half-sent
  requests cannot pile up (aiohttp's keep-alive timer, armed from the start).
- **A cap on open connections**: at most `connection_cap()` at once, below the
  process's file limit. When a new one would pass it, the connection idle the
  longest (no request in progress) is closed to make room, so a page asked for
  now is answered even while hundreds of idle ones are held open; with none
  idle, the new one is refused.
- **One log line per refused request**, at most LOG_LINES_PER_SECOND of one kind
  a second (the rest counted in the next line): never a traceback, so a flood
  of bad requests or refused connections cannot flood the log.
- **Sizes checked**: a page's terminal size is a finite number or is ignored.
"""

from __future__ import annotations

import asyncio
import logging
import math
import os
import socket
import sys
import time
from typing import Any, TypeGuard

from aiohttp import web
from aiohttp.web_protocol import RequestHandler

from game.data.problems import printable

HEADER_SECONDS = 10.0  # to send a whole request, from opening or from the last response
MAX_CONNECTIONS = 128  # open at once, whatever the file limit allows
FILES_PER_GAME = 4  # a game's three pipes and its WebSocket
SPARE_FILES = 32  # the server's own: its socket, the page assets, Python's
ACCEPT_BACKLOG = 16  # connections accepted in one go, before the guard has counted them
LISTEN_QUEUE = 128  # connections the system holds until they are accepted (no file of ours)
LOG_LINES_PER_SECOND = 5  # of one kind; the rest are counted, not written
LOGGERS = ("textual-serve", "aiohttp", "asyncio")
TERMINAL_WIDTHS = (20, 500)
TERMINAL_HEIGHTS = (5, 300)

log = logging.getLogger("textual-serve")


def connection_cap(max_players: int) -> int:
    """How many connections may be open at once: MAX_CONNECTIONS, or fewer when the
    process's file limit would not leave room for every game's files."""
    try:
        import resource

        soft = resource.getrlimit(resource.RLIMIT_NOFILE)[0]
    except (ImportError, OSError, ValueError):
        return MAX_CONNECTIONS
    if soft == getattr(resource, "RLIM_INFINITY", -1):
        return MAX_CONNECTIONS
    # Each of a batch of accepted connections holds a file before the guard sees it, and
    # so may each connection closed to make room, until the next turn of the loop.
    room = soft - SPARE_FILES - FILES_PER_GAME * max_players - 2 * ACCEPT_BACKLOG
    return max(8, min(MAX_CONNECTIONS, room))


def widen_listen_queue(listening: asyncio.Server) -> None:
    """asyncio accepts at most its `backlog` connections in one go, and also makes that
    the system's queue: a small batch (each accepted connection holds a file before the
    guard counts it) would then make a burst of connections wait a second for a retry.
    The system's queue is widened again; the batch stays small."""
    for bound in listening.sockets:
        with socket.socket(fileno=os.dup(bound.fileno())) as same:  # the same socket
            same.listen(LISTEN_QUEUE)


def terminal_size(data: Any) -> tuple[int, int] | None:
    """The page's terminal size as (width, height) within bounds, or None when the
    message does not hold two finite numbers (`1e999` is JSON's infinity)."""
    if not isinstance(data, dict):
        return None
    width, height = data.get("width"), data.get("height")
    if not (_finite(width) and _finite(height)):
        return None
    return (min(max(int(width), TERMINAL_WIDTHS[0]), TERMINAL_WIDTHS[1]),
            min(max(int(height), TERMINAL_HEIGHTS[0]), TERMINAL_HEIGHTS[1]))


def _finite(number: Any) -> TypeGuard[int | float]:
    return (isinstance(number, int | float) and not isinstance(number, bool)
            and math.isfinite(number))


class _Refused(asyncio.Protocol):
    """A connection over the cap with no idle one to close: closed as soon as it opens."""

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        transport.close()


class _Counted(asyncio.Protocol):
    """aiohttp's protocol for one connection, which tells the guard when it closes."""

    __slots__ = ("guard", "inner")

    def __init__(self, inner: RequestHandler, guard: ConnectionGuard) -> None:
        self.inner = inner
        self.guard = guard

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.inner.connection_made(transport)

    def connection_lost(self, exc: Exception | None) -> None:
        self.guard.closed(self.inner)
        self.inner.connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        self.inner.data_received(data)

    def eof_received(self) -> bool | None:
        return self.inner.eof_received()  # type: ignore[func-returns-value]

    def pause_writing(self) -> None:
        self.inner.pause_writing()

    def resume_writing(self) -> None:
        self.inner.resume_writing()


class ConnectionGuard:
    """The protocol factory in front of aiohttp's server: counts, and makes room."""

    def __init__(self, cap: int, server: web.Server | None = None) -> None:
        self.server = server  # aiohttp's, once the runner has made it
        self.cap = cap
        # Every open connection, with when it last became idle (opened, or answered);
        # and the ones with a request in progress, which are never closed to make room.
        self.idle_since: dict[RequestHandler, float] = {}
        self.busy: set[RequestHandler] = set()

    def __call__(self) -> asyncio.BaseProtocol:
        assert self.server is not None, "the guard serves once aiohttp's server exists"
        if len(self.idle_since) >= self.cap and not self._make_room():
            log.warning("refused a connection: %d are open, the most allowed",
                        len(self.idle_since))
            return _Refused()
        handler = self.server()
        self.idle_since[handler] = time.monotonic()
        return _Counted(handler, self)

    def closed(self, handler: RequestHandler) -> None:
        self.idle_since.pop(handler, None)
        self.busy.discard(handler)

    def _make_room(self) -> bool:
        idle = [(since, id(h), h) for h, since in self.idle_since.items() if h not in self.busy]
        if not idle:
            return False
        _, _, oldest = min(idle)
        self.closed(oldest)  # counted out now: its transport closes on the next turn
        oldest.force_close()
        log.warning("closed the connection idle the longest: %d were open, the most allowed",
                    self.cap)
        return True

    @web.middleware
    async def middleware(self, request: web.Request, handler: Any) -> web.StreamResponse:
        """A request in progress keeps its connection from being closed to make room."""
        protocol = request.protocol
        if protocol in self.idle_since:
            self.busy.add(protocol)
        try:
            response: web.StreamResponse = await handler(request)
            return response
        finally:
            self.busy.discard(protocol)
            if protocol in self.idle_since:  # still open
                self.idle_since[protocol] = time.monotonic()


class _OneLine(logging.Formatter):
    """`anbar serve: message: ErrorType: reason`, on one line, whatever the error held."""

    def format(self, record: logging.LogRecord) -> str:
        text = record.getMessage()
        if record.exc_info and record.exc_info[1] is not None:
            error = record.exc_info[1]
            text = f"{text}: {type(error).__name__}: {error}"
        text = " ".join(text.split())  # an error's own line breaks and indents, as spaces
        dropped = getattr(record, "dropped", 0)
        if dropped:
            text = f"{text} ({dropped} more like it were not logged)"
        return "anbar serve: " + printable(text, 300)


class _RateLimit(logging.Filter):
    """At most LOG_LINES_PER_SECOND records of one kind (logger and message) a second;
    the next one written says how many were left out."""

    def __init__(self) -> None:
        super().__init__()
        self.windows: dict[tuple[str, str], list[float]] = {}  # [start, written, dropped]

    def filter(self, record: logging.LogRecord) -> bool:
        now = time.monotonic()
        key = (record.name, str(record.msg))
        window = self.windows.get(key)
        if window is None or now - window[0] >= 1.0:
            dropped = int(window[2]) if window is not None else 0
            self.windows[key] = [now, 1, 0]
            record.dropped = dropped
            return True
        if window[1] < LOG_LINES_PER_SECOND:
            window[1] += 1
            record.dropped = 0
            return True
        window[2] += 1
        return False


def quiet_logging() -> None:
    """Every log of the server, aiohttp and asyncio: one line a record, rate-limited."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_OneLine())
    handler.addFilter(_RateLimit())
    for name in LOGGERS:
        logger = logging.getLogger(name)
        logger.handlers[:] = [handler]
        logger.setLevel(logging.WARNING)
        logger.propagate = False
