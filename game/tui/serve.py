"""The game in a web browser: one game process for each player who connects.

Built on textual-serve (its page script and terminal styles ship inside the
package), with what a game served from a player's own machine needs on top:

- the page asks for nothing outside this server: the terminal font comes from
  the package, not from a web font service, and a Content-Security-Policy
  holds every other request to this origin;
- the page's addresses follow the request, so http://localhost:8000 and
  http://127.0.0.1:8000 both work, and so does a server bound to 0.0.0.0;
- a game starts only for this server's own page: the WebSocket's Origin must
  be this Host, and a server bound to loopback answers only to loopback names,
  so another web site open in the player's browser can neither start nor drive
  a game (cross-site WebSocket hijacking, DNS rebinding);
- each game runs in its own session, so Ctrl+C in the server's terminal reaches
  the server alone, which then ends every game and exits;
- no directory listing of the page assets, and at most `max_players` games;
- a header timeout, a cap on open connections, checked sizes and a log of one
  line per refused request (`game.tui.serve_guard`), so idle or malformed
  connections cannot starve the page or flood the log.
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import errno
import html
import ipaddress
import json
import os
import re
import shlex
import signal
import socket
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from aiohttp import WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

from game.tui.serve_guard import (
    ACCEPT_BACKLOG,
    HEADER_SECONDS,
    ConnectionGuard,
    connection_cap,
    log,
    quiet_logging,
    terminal_size,
    widen_listen_queue,
)
from game.tui.serve_page import PAGE

PAGE_TITLE = "Euphrates Road"
MAX_PLAYERS = 16
STOP_SECONDS = 5.0  # how long a game has to end on its own before it is killed

_PROJECT_ROOT = str(Path(__file__).resolve().parent.parent.parent)  # the folder holding game/
_LOOPBACK_NAMES = frozenset({"localhost", "localhost.", "127.0.0.1", "::1", "[::1]"})
_HOST_HEADER = re.compile(r"[A-Za-z0-9.\-]+(:[0-9]{1,5})?|\[[0-9A-Fa-f:.]+\](:[0-9]{1,5})?")
_ALLOWED_INPUT = frozenset({"stdin", "resize", "ping", "blur", "focus"})

_SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self' 'unsafe-inline'; "
        "style-src 'self' 'unsafe-inline'; font-src 'self'; img-src 'self' data:; "
        "connect-src 'self' ws: wss:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


class ServeError(Exception):
    """The server could not start; str() is one line for the player."""


def is_loopback(host: str) -> bool:
    name = host.strip("[]").lower()
    if name in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def play_command(scenario: str | None, saves_dir: str | None) -> list[str]:
    """The command each player's game runs: this Python, this package, `play`."""
    argv = [sys.executable, "-m", "game"]
    if saves_dir is not None:
        argv += ["--saves-dir", saves_dir]
    argv.append("play")
    if scenario is not None:
        argv.append(scenario)
    return argv


def page_address(host: str, port: int) -> str:
    shown = "127.0.0.1" if host in ("", "0.0.0.0") else "::1" if host == "::" else host
    if ":" in shown:
        shown = f"[{shown}]"
    return f"http://{shown}:{port}/"




def _parent_death_signal() -> Callable[[], None] | None:
    """On Linux, a function for the child to run before it starts the game: when the
    server dies (even by SIGKILL), the game gets SIGTERM and ends, rather than being
    left running with no one to play it. Bound here, in the parent, so the child only
    makes one system call."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None
    pr_set_pdeathsig = 1

    def set_signal() -> None:
        prctl(pr_set_pdeathsig, int(signal.SIGTERM))

    return set_signal


_DIE_WITH_SERVER = _parent_death_signal()


class GameSession(AppService):
    """One player's game: a process in its own session, so the terminal's Ctrl+C
    reaches only the server, which ends the game itself."""

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        environment = super()._build_environment(width, height)
        # The game the server runs is this very package, wherever the server was started.
        paths = [_PROJECT_ROOT, *filter(None, environment.get("PYTHONPATH", "").split(os.pathsep))]
        environment["PYTHONPATH"] = os.pathsep.join(paths)
        return environment

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Any:
        self._process = process = await asyncio.create_subprocess_shell(
            self.command,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=self._build_environment(width=width, height=height),
            start_new_session=True,
            preexec_fn=_DIE_WITH_SERVER,
        )
        assert process.stdin is not None
        self._stdin = process.stdin
        return process

    async def run(self) -> None:
        """Relay the game to the page; when the game ends however it ends (a crash
        included), close the page's connection, so the page says the game has ended."""
        await super().run()
        process = self._process
        if process is not None:
            with contextlib.suppress(TimeoutError):
                status = await asyncio.wait_for(process.wait(), STOP_SECONDS)
                if status not in (0, -signal.SIGTERM, -signal.SIGKILL):
                    log.warning("a game ended with exit status %s", status)
        with contextlib.suppress(Exception):
            await self.remote_close()

    async def stop(self) -> None:
        """Ask the game to quit; kill it if it has not ended within STOP_SECONDS."""
        process = self._process
        try:
            await asyncio.wait_for(super().stop(), STOP_SECONDS)
            if process is not None:
                await asyncio.wait_for(process.wait(), STOP_SECONDS)
        except TimeoutError:
            self.kill()
        except asyncio.CancelledError:
            self.kill()
            raise

    def kill(self) -> None:
        process = self._process
        if process is not None and process.returncode is None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(process.pid, signal.SIGKILL)


class GameServer(Server):
    """textual-serve's Server, serving `command` (an argv list) to one browser tab a game."""

    def __init__(
        self,
        command: Sequence[str],
        host: str = "127.0.0.1",
        port: int = 8000,
        max_players: int = MAX_PLAYERS,
        announce: Callable[[], None] | None = None,
    ) -> None:
        # `exec`: the shell becomes the game, so signals and the exit status are the game's.
        super().__init__("exec " + shlex.join(command), host=host, port=port, title=PAGE_TITLE)
        self.max_players = max_players
        self.announce = announce
        self.loopback = is_loopback(host)
        self._sockets: set[web.WebSocketResponse] = set()
        self._sessions: set[GameSession] = set()
        self._stopping = asyncio.Event()
        self._guard: ConnectionGuard | None = None

    # --- the web application -----------------------------------------------------------

    async def _make_app(self) -> web.Application:
        middlewares = [self._loopback_names_only]
        if self._guard is not None:
            middlewares.insert(0, self._guard.middleware)
        app = web.Application(middlewares=middlewares)
        app.add_routes([
            web.get("/", self.handle_index, name="index"),
            web.get("/ws", self.handle_websocket, name="websocket"),
            web.get("/download/{key}", self.handle_download, name="download"),
            web.static("/static", self.statics_path, show_index=False, name="static"),
        ])
        app.on_response_prepare.append(self._add_headers)
        app.on_shutdown.append(self._close_games)
        return app

    @web.middleware
    async def _loopback_names_only(self, request: web.Request, handler: Any) -> web.StreamResponse:
        if not _HOST_HEADER.fullmatch(request.host):
            raise web.HTTPBadRequest(text="bad Host header")
        if not self._host_allowed(request):
            raise web.HTTPMisdirectedRequest(text="this server answers only to loopback names")
        response: web.StreamResponse = await handler(request)
        return response

    async def _add_headers(self, request: web.Request, response: web.StreamResponse) -> None:
        for name, value in _SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)

    def _host_allowed(self, request: web.Request) -> bool:
        """A loopback server answers only to loopback names: a page whose name was
        rebound to 127.0.0.1 by someone else's DNS gets nothing."""
        if not self.loopback:
            return True
        try:
            host = request.url.host or ""
        except ValueError:
            return False
        return is_loopback(host)

    async def handle_index(self, request: web.Request) -> web.Response:
        scheme = "wss" if request.secure else "ws"
        font_size = min(max(to_int(request.query.get("fontsize", "16"), 16), 8), 48)
        page = PAGE.format(
            title=html.escape(self.title),
            websocket_url=html.escape(f"{scheme}://{request.host}/ws"),
            font_size=font_size,
        )
        response = web.Response(text=page, content_type="text/html", charset="utf-8")
        policy = _SECURITY_HEADERS["Content-Security-Policy"]
        response.headers["Content-Security-Policy"] = policy.replace(
            "connect-src 'self' ws: wss:", f"connect-src 'self' {scheme}://{request.host}")
        return response

    def _origin_allowed(self, request: web.Request) -> bool:
        origin = request.headers.get("Origin")
        if origin is None:
            return False
        scheme = "https" if request.secure else "http"
        return origin.lower() == f"{scheme}://{request.host}".lower()

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        if not self._origin_allowed(request):
            raise web.HTTPForbidden(text="games start only from this server's own page")
        if self._stopping.is_set():
            raise web.HTTPServiceUnavailable(text="the server is stopping")
        if len(self._sessions) >= self.max_players:
            raise web.HTTPServiceUnavailable(
                text=f"{self.max_players} games are already running; try again later"
            )
        websocket = web.WebSocketResponse(heartbeat=15)
        asked = {"width": to_int(request.query.get("width", "80"), 80),
                 "height": to_int(request.query.get("height", "24"), 24)}
        width, height = terminal_size(asked) or (80, 24)

        async def close() -> None:
            await websocket.close()

        session = GameSession(
            self.command,
            write_bytes=websocket.send_bytes,
            write_str=websocket.send_str,
            close=close,
            download_manager=self.download_manager,
            debug=self.debug,
        )
        # Counted before the first await, so simultaneous connections cannot overshoot.
        self._sessions.add(session)
        self._sockets.add(websocket)
        try:
            await websocket.prepare(request)
            self._say(f"a player connected ({len(self._sessions)} playing)")
            await session.start(width, height)
            await self._process_messages(websocket, session)
        except asyncio.CancelledError:
            await websocket.close()
        except (ConnectionError, RuntimeError) as error:
            self._say(f"a game's connection failed: {error}")
        finally:
            self._sockets.discard(websocket)
            with contextlib.suppress(Exception, asyncio.CancelledError):
                await session.stop()
            self._sessions.discard(session)
            self._say(f"a player left ({len(self._sessions)} playing)")
        return websocket

    async def _process_messages(
        self, websocket: web.WebSocketResponse, app_service: AppService
    ) -> None:
        """The page's keys, sizes and pings; anything malformed is dropped, not raised."""
        async for message in websocket:
            if message.type != WSMsgType.TEXT:
                continue
            try:
                envelope = json.loads(message.data)
                kind, data = envelope[0], envelope[1]
            except (ValueError, TypeError, IndexError, KeyError, RecursionError):
                continue
            if not isinstance(kind, str) or kind not in _ALLOWED_INPUT:
                continue
            try:
                if kind == "stdin":
                    if isinstance(data, str):
                        await app_service.send_bytes(data.encode("utf-8", "replace"))
                elif kind == "resize":
                    size = terminal_size(data)
                    if size is not None:
                        await app_service.set_terminal_size(*size)
                elif kind == "ping":
                    if isinstance(data, str) and len(data) <= 100:  # the page's own: a time
                        await websocket.send_json(["pong", data])
                elif kind == "blur":
                    await app_service.blur()
                else:
                    await app_service.focus()
            except (ValueError, TypeError, KeyError):
                continue

    async def _close_games(self, app: web.Application) -> None:
        self._stopping.set()
        for websocket in list(self._sockets):
            with contextlib.suppress(Exception):
                await websocket.close(message=b"server stopping")

    # --- running -----------------------------------------------------------------------

    def _say(self, line: str) -> None:
        print(f"anbar serve: {line}", flush=True)

    def initialize_logging(self) -> None:
        """textual-serve, aiohttp and asyncio log what goes wrong: one plain line each."""
        quiet_logging()

    def serve(self, debug: bool = False) -> None:
        """Run until SIGINT or SIGTERM; raise ServeError when the address cannot be bound."""
        self.debug = debug
        self.initialize_logging()
        asyncio.run(self._serve())

    async def _serve(self) -> None:
        # The app holds the guard's middleware; the guard learns its server once it exists.
        self._guard = ConnectionGuard(connection_cap(self.max_players))
        runner = web.AppRunner(await self._make_app(), handle_signals=False, access_log=None,
                               shutdown_timeout=STOP_SECONDS, keepalive_timeout=HEADER_SECONDS)
        await runner.setup()
        listening: asyncio.Server | None = None
        try:
            assert runner.server is not None
            self._guard.server = runner.server
            loop = asyncio.get_running_loop()
            try:
                # The guard stands where aiohttp's server would: it counts connections first.
                listening = await loop.create_server(self._guard, self.host, self.port,
                                                     reuse_address=True, backlog=ACCEPT_BACKLOG)
            except OSError as error:
                raise ServeError(self._bind_problem(error)) from None
            widen_listen_queue(listening)
            stop = asyncio.Event()
            for signum in (signal.SIGINT, signal.SIGTERM):
                with contextlib.suppress(NotImplementedError):
                    loop.add_signal_handler(signum, stop.set)
            if self.announce is not None:
                self.announce()
            await stop.wait()
            self._say("stopping: ending every game")
        finally:
            if listening is not None:
                listening.close()
            await runner.cleanup()
            for session in list(self._sessions):
                session.kill()

    def _bind_problem(self, error: OSError) -> str:
        where = f"{self.host}" if ":" not in self.host else f"[{self.host}]"
        if error.errno == errno.EADDRINUSE:
            return (f"port {self.port} is already in use on {self.host}; "
                    "choose another with --port")
        if error.errno == errno.EACCES:
            return f"not allowed to listen on {where}:{self.port}; choose a port above 1023"
        if isinstance(error, socket.gaierror) or error.errno == errno.EADDRNOTAVAIL:
            return f"cannot listen on {where}:{self.port}: no such address on this machine"
        reason = error.strerror or str(error)
        return f"cannot listen on {where}:{self.port}: {reason}"
