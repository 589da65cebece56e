"""`anbar serve` against hostile connections, on loopback only, every wait bounded.

- 300 idle half-open connections (under a 256-file limit) do not stop the page:
  it is answered within a second, and the log stays under 1 MB a minute;
- a connection that sends no whole request is closed after the header timeout;
- each malformed request is one log line, never a traceback;
- a page's resize to `1e999` (JSON's infinity) is ignored, the game goes on.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest

from game.tui import serve as serve_module
from game.tui.serve import GameServer, play_command
from tests.test_serve import free_port, raw_get

LOGGERS = ("textual-serve", "aiohttp", "asyncio")

ROOT = Path(__file__).resolve().parents[1]


def test_terminal_sizes_are_finite_numbers_or_ignored() -> None:
    from game.tui.serve_guard import terminal_size

    assert terminal_size({"width": 1e999, "height": 30}) is None
    assert terminal_size({"width": float("nan"), "height": 30}) is None
    assert terminal_size({"width": True, "height": 30}) is None
    assert terminal_size({"width": "80", "height": 30}) is None
    assert terminal_size([80, 30]) is None
    assert terminal_size({"width": 10**30, "height": -5}) == (500, 5)
    assert terminal_size({"width": 99.7, "height": 40}) == (99, 40)


# --- a server in this process ------------------------------------------------------------------


@pytest.fixture
def quiet_log() -> object:
    """The server's one-line log, put back as it was after the test."""
    saved = {name: (logging.getLogger(name).handlers[:], logging.getLogger(name).propagate,
                    logging.getLogger(name).level) for name in LOGGERS}
    yield None
    for name, (handlers, propagate, level) in saved.items():
        logger = logging.getLogger(name)
        logger.handlers[:], logger.propagate = handlers, propagate
        logger.setLevel(level)


@contextlib.asynccontextmanager
async def running(tmp_path: Path) -> AsyncIterator[int]:
    port = free_port()
    server = GameServer(play_command("tutorial", str(tmp_path / "saves")), port=port)
    server.initialize_logging()
    task = asyncio.create_task(server._serve())
    try:
        for _ in range(100):
            with contextlib.suppress(OSError):
                _, writer = await asyncio.open_connection("127.0.0.1", port)
                writer.close()
                break
            await asyncio.sleep(0.05)
        yield port
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


async def test_a_half_sent_request_is_closed_after_the_header_timeout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, quiet_log: object,
) -> None:
    monkeypatch.setattr(serve_module, "HEADER_SECONDS", 0.5)
    async with running(tmp_path) as port:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # and never the blank line
        started = time.monotonic()
        assert await asyncio.wait_for(reader.read(), timeout=10) == b""  # closed by the server
        assert 0.4 < time.monotonic() - started < 5
        writer.close()


async def test_malformed_requests_are_one_line_each_and_never_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], quiet_log: object,
) -> None:
    async with running(tmp_path) as port:
        for number in range(40):
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.write(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nno colon here %d\r\n\r\n" % number)
            await asyncio.wait_for(reader.read(), timeout=5)
            writer.close()
    err = capsys.readouterr().err
    lines = err.splitlines()
    assert "Traceback" not in err and 1 <= len(lines) <= 20, err
    assert all(line.startswith("anbar serve: ") and line.isprintable() for line in lines)


async def test_a_resize_to_infinity_is_ignored_and_the_game_goes_on(
    tmp_path: Path, quiet_log: object,
) -> None:
    async with running(tmp_path) as port:
        origin = f"http://127.0.0.1:{port}"
        async with asyncio.timeout(30), aiohttp.ClientSession() as session, session.ws_connect(
            f"ws://127.0.0.1:{port}/ws", headers={"Origin": origin},
        ) as websocket:
            for hostile in ('["resize", {"width": 1e999, "height": 30}]',
                            '["resize", {"width": -1e999, "height": NaN}]',
                            '["stdin", {"not": "text"}]', "[" * 100_000, '["ping"]',
                            '["ping", ' + "[" * 900 + "]" * 900 + "]"):
                await websocket.send_str(hostile)
            await websocket.send_str('["ping", "still here"]')
            async with asyncio.timeout(20):
                async for message in websocket:
                    if message.type == aiohttp.WSMsgType.TEXT and "pong" in message.data:
                        assert message.data == '["pong", "still here"]'
                        break
                else:
                    pytest.fail("the connection closed: the game ended")


# --- 300 idle half-open connections, as a player starts the server ---------------------------


def _with_256_files() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_NOFILE, (256, 256))


def test_300_idle_half_open_connections_do_not_stop_the_page(tmp_path: Path) -> None:
    port = free_port()
    log = tmp_path / "serve.log"
    env = {**os.environ, "ANBAR_SAVES_DIR": str(tmp_path / "saves"), "PYTHONUNBUFFERED": "1"}
    with log.open("wb") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "game", "serve", "--port", str(port), "tutorial"],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True, preexec_fn=_with_256_files)
    idle: list[socket.socket] = []
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError, IndexError):
                if raw_get(port, "/")[0] == 200:
                    break
            time.sleep(0.1)
        started = time.monotonic()
        for _ in range(300):
            connection = socket.create_connection(("127.0.0.1", port), timeout=5)
            connection.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # never finished
            idle.append(connection)
        time.sleep(1.0)
        for _ in range(3):
            asked = time.monotonic()
            status, _ = raw_get(port, "/")
            assert status == 200
            assert time.monotonic() - asked < 1.0
        time.sleep(2.0)
        elapsed = time.monotonic() - started
        size = log.stat().st_size
        assert size / elapsed * 60 < 1_000_000, f"{size} bytes of log in {elapsed:.1f} s"
    finally:
        for connection in idle:
            connection.close()
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGINT)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=5)
    text = log.read_text(encoding="utf-8", errors="replace")
    assert "Traceback" not in text and "Too many open files" not in text, text[-2000:]
