"""`anbar serve`: the game in a web browser.

The quick tests call the command in-process (bad scenario, bad port, port in use).
The server tests start `python -m game serve --port FREE tutorial` as a player
would, and talk to it over loopback only: raw HTTP requests that try to climb
out of the page assets, a page from another origin trying to start a game, then
headless Chromium (Playwright driving Debian's /usr/bin/chromium) opening the
page, waiting for the game screen, pressing `?` and checking the screen changed.
Every wait is bounded; the server is always stopped, with its process group.
Without Playwright or Chromium the browser test skips and says which is missing.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import re
import shutil
import signal
import socket
import struct
import subprocess
import sys
import time
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from game.cli import main
from game.tui.serve import is_loopback, page_address, play_command

ROOT = Path(__file__).resolve().parents[1]
START_SECONDS = 20.0


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def raw_get(port: int, path: str, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
    """One HTTP/1.1 request exactly as written (no client normalises the path); the
    status and what came back (only the head, for a WebSocket upgrade)."""
    fields = {"Host": f"127.0.0.1:{port}", "Connection": "close", **(headers or {})}
    request = f"GET {path} HTTP/1.1\r\n"
    request += "".join(f"{name}: {value}\r\n" for name, value in fields.items()) + "\r\n"
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        sock.sendall(request.encode("latin-1"))
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
            if complete(data):
                break
    status_line = data.split(b"\r\n", 1)[0].decode("latin-1")
    return int(status_line.split()[1]), data


def complete(response: bytes) -> bool:
    """The head has come and, after it, Content-Length bytes (none for an upgrade)."""
    head, found, body = response.partition(b"\r\n\r\n")
    if not found:
        return False
    if head.startswith(b"HTTP/1.1 101"):
        return True
    length = re.search(rb"(?im)^content-length:\s*(\d+)", head)
    return length is not None and len(body) >= int(length.group(1))


# --- the command, in-process ---------------------------------------------------------------


def test_unknown_scenario_is_one_line_and_exit_1(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--port", str(free_port()), "no-such-scenario"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith("anbar serve: no scenario file or built-in scenario 'no-such-scenario'")


def test_broken_scenario_is_one_line_and_exit_1(capsys: pytest.CaptureFixture[str]) -> None:
    broken = ROOT / "tests" / "broken" / "syntax.yaml"
    assert main(["serve", "--port", str(free_port()), str(broken)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "syntax.yaml:" in err and "Traceback" not in err


@pytest.mark.parametrize("port", ["0", "65536", "-1"])
def test_port_out_of_range_is_a_usage_error(
    port: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["serve", "--port", port, "tutorial"]) == 2
    assert "argument --port" in capsys.readouterr().err


def test_port_not_a_number_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["serve", "--port", "eighty"])
    assert exit_.value.code == 2
    assert "--port" in capsys.readouterr().err


def test_port_in_use_is_one_clear_line(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["serve", "--port", str(port), "tutorial"]) == 1
    err = capsys.readouterr().err
    assert err == (
        f"anbar serve: port {port} is already in use on 127.0.0.1; choose another with --port\n"
    )


def test_each_game_is_this_python_playing_with_the_same_saves(tmp_path: Path) -> None:
    assert play_command(None, None) == [sys.executable, "-m", "game", "play"]
    assert play_command("tutorial", str(tmp_path)) == [
        sys.executable, "-m", "game", "--saves-dir", str(tmp_path), "play", "tutorial"]


def test_addresses() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1")
    assert is_loopback("127.0.0.2") and not is_loopback("0.0.0.0")
    assert not is_loopback("192.168.1.10") and not is_loopback("example.org")
    assert page_address("127.0.0.1", 8000) == "http://127.0.0.1:8000/"
    assert page_address("0.0.0.0", 8000) == "http://127.0.0.1:8000/"
    assert page_address("::1", 8000) == "http://[::1]:8000/"


# --- the server, as a player starts it -----------------------------------------------------


@dataclass
class Served:
    process: subprocess.Popen[bytes]
    port: int
    saves: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def output(self) -> str:
        """Stop the server (SIGINT, as Ctrl+C) and return everything it printed."""
        stop(self.process)
        out, _ = self.process.communicate(timeout=10)
        return out.decode("utf-8", "replace")


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGINT)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=10)
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=5)


@contextlib.contextmanager
def serve(tmp_path: Path, *args: str) -> Iterator[Served]:
    port = free_port()
    saves = tmp_path / "saves"
    env = {**os.environ, "ANBAR_SAVES_DIR": str(saves), "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "game", "serve", "--port", str(port), *args],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group, so it can be stopped whole
    )
    served = Served(process, port, saves)
    try:
        deadline = time.monotonic() + START_SECONDS
        while True:
            if process.poll() is not None:
                out = process.communicate(timeout=5)[0].decode("utf-8", "replace")
                pytest.fail(f"anbar serve exited with {process.returncode}:\n{out}")
            with contextlib.suppress(OSError):
                if raw_get(port, "/")[0] == 200:
                    break
            if time.monotonic() > deadline:
                pytest.fail(f"anbar serve did not answer on port {port} in {START_SECONDS} s")
            time.sleep(0.1)
        yield served
    finally:
        stop(process)


def test_starts_on_loopback_says_where_and_stops_cleanly_on_ctrl_c(tmp_path: Path) -> None:
    with serve(tmp_path, "tutorial") as served:
        out = served.output()
        status = served.process.returncode
    assert status in (0, 130)
    assert f"listening on 127.0.0.1 port {served.port}" in out
    assert f"open {served.url} in a web browser" in out
    assert "warning" not in out
    assert "Traceback" not in out


TRAVERSALS = (
    "/static/../../etc/passwd",
    "/..%2f..%2fetc/passwd",
    "/static/..%2f..%2f..%2f..%2f..%2f..%2fetc/passwd",
    "/static/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/static/..%5c..%5c..%5cserve.py",
    "/static/%2e%2e/server.py",
    "/static//etc/passwd",
    "//etc/passwd",
)


def test_no_file_outside_the_page_assets_and_404_elsewhere(tmp_path: Path) -> None:
    secret = "anbar-serve-must-not-show-this"
    (tmp_path / "secret.txt").write_text(secret)
    climb = "/static/" + "..%2f" * 20 + str(tmp_path / "secret.txt").lstrip("/")
    with serve(tmp_path, "tutorial") as served:
        for path in (*TRAVERSALS, climb):
            status, body = raw_get(served.port, path)
            assert status in (400, 403, 404), (path, status)
            assert b"root:" not in body and secret.encode() not in body, path
            assert b"import " not in body, path  # no Python source either
        assert raw_get(served.port, "/no-such-page")[0] == 404
        assert raw_get(served.port, "/static/")[0] in (403, 404)  # no directory listing
        assert raw_get(served.port, "/static/js/textual.js")[0] == 200


def test_the_page_asks_nothing_of_any_other_host(tmp_path: Path) -> None:
    with serve(tmp_path, "tutorial") as served:
        status, data = raw_get(served.port, "/")
    head, _, page = data.partition(b"\r\n\r\n")
    assert status == 200
    assert b"Content-Security-Policy: default-src 'self'" in head
    assert f"connect-src 'self' ws://127.0.0.1:{served.port};".encode() in head
    assert re.findall(rb"(?:https?|wss?)://[^\"' )]+", page) == [
        f"ws://127.0.0.1:{served.port}/ws".encode()]


def test_another_site_cannot_start_or_drive_a_game(tmp_path: Path) -> None:
    upgrade = {
        "Upgrade": "websocket", "Connection": "Upgrade", "Sec-WebSocket-Version": "13",
        "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
    }
    with serve(tmp_path, "tutorial") as served:
        own = f"http://127.0.0.1:{served.port}"
        for origin in ("http://attacker.example", "null", f"http://127.0.0.1:{served.port + 1}"):
            status, _ = raw_get(served.port, "/ws", {**upgrade, "Origin": origin})
            assert status == 403, origin
        # A name rebound to 127.0.0.1 by someone else's DNS gets no page.
        rebound = raw_get(served.port, "/", {"Host": f"attacker.example:{served.port}"})
        assert rebound[0] == 421
        assert raw_get(served.port, "/", {"Host": "x; connect-src *"})[0] == 400
        status, _ = raw_get(served.port, "/ws", {**upgrade, "Origin": own})
        assert status == 101  # the server's own page may


# --- the browser -------------------------------------------------------------------------


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if found := shutil.which(name):
            return found
    return None


def png_pixels(png: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and the rows of an 8-bit RGB or RGBA PNG (what Chromium writes)."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width = 8, b"", 0
    height = channels = 0
    while pos < len(png):
        length, kind = struct.unpack(">I4s", png[pos:pos + 8])
        chunk = png[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, color = struct.unpack(">IIBB", chunk[:10])
            assert depth == 8 and color in (2, 6)
            channels = 3 if color == 2 else 4
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    rows: list[bytes] = []
    previous = bytearray(stride)
    for y in range(height):
        kind = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            left = line[x - channels] if x >= channels else 0
            up = previous[x]
            if kind == 1:
                line[x] = (line[x] + left) & 255
            elif kind == 2:
                line[x] = (line[x] + up) & 255
            elif kind == 3:
                line[x] = (line[x] + (left + up) // 2) & 255
            elif kind == 4:
                corner = previous[x - channels] if x >= channels else 0
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                best = left if pa <= pb and pa <= pc else up if pb <= pc else corner
                line[x] = (line[x] + best) & 255
        rows.append(bytes(line))
        previous = line
    return width, height, rows


def changed_fraction(before: bytes, after: bytes) -> float:
    w1, h1, rows1 = png_pixels(before)
    w2, h2, rows2 = png_pixels(after)
    assert (w1, h1) == (w2, h2)
    step = len(rows1[0]) // w1
    changed = sum(
        row1[x:x + step] != row2[x:x + step]
        for row1, row2 in zip(rows1, rows2, strict=True)
        for x in range(0, len(row1), step)
    )
    return changed / (w1 * h1)


ANSI = re.compile(rb"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])")


def screen_text(frames: list[bytes]) -> str:
    """What the game wrote to the page's terminal, escape sequences removed."""
    return ANSI.sub(b"", b"".join(frames)).decode("utf-8", "replace")


def wait_for(page, condition, what: str, seconds: float) -> None:  # type: ignore[no-untyped-def]
    """Poll through the page: Playwright delivers the page's events only while it is called."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"gave up after {seconds} s waiting for {what}")
        page.wait_for_timeout(100)


def wait_until_quiet(page, frames: list[bytes], quiet: float, seconds: float) -> None:  # type: ignore[no-untyped-def]
    """Until the game has sent nothing to the page for `quiet` seconds: the screen is drawn."""
    deadline = time.monotonic() + seconds
    count, since = len(frames), time.monotonic()
    while time.monotonic() - since < quiet:
        if time.monotonic() > deadline:
            return  # an animated screen never goes quiet; take it as it is
        page.wait_for_timeout(100)
        if len(frames) != count:
            count, since = len(frames), time.monotonic()


def games_of(saves: Path) -> list[int]:
    """Pids of the game processes started for this test (they inherit its save folder)."""
    marker = f"ANBAR_SAVES_DIR={saves}".encode()
    found = []
    for proc in Path("/proc").glob("[0-9]*"):
        with contextlib.suppress(OSError):
            if marker in (proc / "environ").read_bytes().split(b"\0"):
                found.append(int(proc.name))
    return found


def wait_for_nothing_left(saves: Path) -> None:
    deadline = time.monotonic() + 10
    while games_of(saves):
        if time.monotonic() > deadline:
            left = games_of(saves)
            for pid in left:
                with contextlib.suppress(OSError):
                    os.kill(pid, signal.SIGKILL)
            pytest.fail(f"game processes left running after the server stopped: {left}")
        time.sleep(0.1)


CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-default-apps", "--disable-extensions", "--metrics-recording-only",
    # Belt and braces: no name but the loopback one resolves, so nothing leaves the machine.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]


def test_a_player_opens_the_page_and_plays(tmp_path: Path) -> None:
    if importlib.util.find_spec("playwright") is None:
        pytest.skip("Playwright for Python is not installed (pip install '.[test]')")
    browser_path = chromium_path()
    if browser_path is None:
        pytest.skip("no Chromium found on PATH (Debian: apt-get install -y chromium)")
    if importlib.util.find_spec("game.commands.play") is None:
        pytest.skip("`anbar play` is not built in this version: no game screen to serve")
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    elsewhere: list[str] = []
    frames: list[bytes] = []

    def keep_on_loopback(route, request) -> None:  # type: ignore[no-untyped-def]
        if request.url.startswith(("http://127.0.0.1:", "ws://127.0.0.1:", "data:")):
            route.continue_()
        else:
            elsewhere.append(request.url)
            route.abort()

    def on_websocket(websocket) -> None:  # type: ignore[no-untyped-def]
        websocket.on("framereceived", lambda payload: frames.append(
            payload if isinstance(payload, bytes) else payload.encode("utf-8")))

    with serve(tmp_path, "tutorial") as served, sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(
                executable_path=browser_path, args=CHROMIUM_ARGS, timeout=20_000)
        except PlaywrightError as error:
            pytest.skip(f"Chromium at {browser_path} would not start: {error.message[:200]}")
        try:
            # bypass_csp: Playwright's own waits evaluate script, which the page's policy forbids.
            context = browser.new_context(
                viewport={"width": 1200, "height": 760}, bypass_csp=True)
            context.set_default_timeout(20_000)
            context.route("**/*", keep_on_loopback)
            page = context.new_page()
            page.on("websocket", on_websocket)
            page.goto(served.url)
            ended = "document.body.classList.contains('-closed')"
            page.wait_for_function(f"document.body.classList.contains('-first-byte') || {ended}")
            wait_for(page, lambda: len(screen_text(frames).strip()) > 200 or page.evaluate(ended),
                     "the game screen", 20)
            wait_until_quiet(page, frames, quiet=1.0, seconds=8)
            if page.evaluate(ended):
                pytest.fail("the game ended as soon as it started; the page showed:\n"
                            + screen_text(frames)[-2000:] + "\nthe server said:\n"
                            + served.output()[-2000:])
            drawn_text = screen_text(frames)
            before = page.screenshot()
            (tmp_path / "before.png").write_bytes(before)

            drawn = len(frames)
            page.click("#terminal")
            page.keyboard.press("?")
            wait_for(page, lambda: len(frames) > drawn, "the game to answer the key", 10)
            wait_until_quiet(page, frames, quiet=1.0, seconds=8)
            after = page.screenshot()
            (tmp_path / "after.png").write_bytes(after)
            answer = screen_text(frames[drawn:])
            # Ctrl+C with a player still on the page: the game ends, and the page says so.
            out = served.output()
            wait_for(page, lambda: page.evaluate(ended), "the page to say the game ended", 10)
        finally:
            browser.close()
    status = served.process.returncode
    wait_for_nothing_left(served.saves)

    assert elsewhere == [], f"the page asked for outside addresses: {elsewhere}"
    # The tutorial's own places are on the map: the game screen, not a title or an error.
    assert "Saqra" in drawn_text and "Haditha" in drawn_text, drawn_text[-500:]
    assert "help" in answer.lower(), f"no help on screen after '?': {answer[:300]!r}"
    changed = changed_fraction(before, after)
    assert changed > 0.01, f"only {changed:.1%} of the page changed after '?'"
    assert "a player connected (1 playing)" in out and "a player left (0 playing)" in out
    assert status in (0, 130) and "Traceback" not in out, out
