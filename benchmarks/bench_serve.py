"""`skillgap serve` (issue 18), in headless Chromium (Debian's, driven by Playwright):

8. browser first screen vs terminal first screen: from asking for the page (a new tab of a
   running server, so a new app process: the server's spare, its modules imported, which
   reads the bank and the store once given the tab) to the welcome screen drawn at the
   page's size on the tab's websocket (its footer on the last row), vs from
   starting `skillgap` in a terminal (a pty of the same size) to the welcome screen on it; both
   read with pyte, each the median of 9 runs, alternated. Target <= 1.3x;
9. key press to screen change in the browser: from Playwright pressing a key in the page to
   the first frame of the app's answer arriving at the page, median over 30 keys answering
   questions of a Quick quiz (Enter, then the digits 2 and, each second key, Left to go back).
   Target: median <= 50 ms. The same keys in the terminal are printed beside it.

    .venv/bin/python benchmarks/bench_serve.py [FIGURE ...]   # e.g. 8; default: both
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import json
import os
import pty
import re
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

import pyte
from common import ROOT, report

WELCOME = "Enter starts the highlighted line"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
VIEWPORT = {"width": 1100, "height": 760}


class Screen:
    def __init__(self, columns: int = 100, rows: int = 30) -> None:
        self.screen = pyte.Screen(columns, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.frames = 0
        self.last_frame = 0.0
        self.size = (columns, rows)

    def feed(self, data: bytes | str) -> None:
        if isinstance(data, bytes):
            self.last_frame = time.perf_counter()
            self.frames += 1
            self.stream.feed(data)

    def sent(self, data: bytes | str) -> None:
        if isinstance(data, str) and data.startswith('["resize"'):
            size = json.loads(data)[1]
            self.size = (size["width"], size["height"])
            self.screen.resize(size["height"], size["width"])

    def has(self, pattern: str) -> bool:
        return re.search(pattern, "\n".join(self.screen.display)) is not None

    def ready(self) -> bool:
        """The welcome screen drawn at this screen's size: its text, and its footer on the
        last row (an app first drawn at another size does not count until it has redrawn)."""
        return self.has(WELCOME) and "palette" in self.screen.display[-1]


def _env(data: Path) -> dict[str, str]:
    env = {**os.environ, "SKILLGAP_CACHE_DIR": str(data / "cache")}
    env.pop("SKILLGAP_QUESTIONS", None)
    return env


class Terminal:
    """`skillgap` in a pty, its screen read with pyte."""

    def __init__(self, data: Path, columns: int, rows: int) -> None:
        self.screen = Screen(columns, rows)
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        env = {**_env(data), "TERM": "xterm-256color", "COLUMNS": str(columns)}
        env["LINES"] = str(rows)
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "skillgap", "--data-dir", str(data / "term")],
            stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True,
        )  # fmt: skip
        os.close(slave)
        self.master = master

    def pump(self, timeout: float) -> None:
        ready, _, _ = select.select([self.master], [], [], timeout)
        if ready:
            with contextlib.suppress(OSError):
                self.screen.feed(os.read(self.master, 65536))

    def until_ready(self, timeout: float = 20) -> float:
        deadline = time.perf_counter() + timeout
        while not self.screen.ready():
            if time.perf_counter() > deadline:
                raise RuntimeError("no welcome screen in the terminal")
            self.pump(0.05)
        return self.screen.last_frame

    def press(self, key: bytes) -> float:
        """Seconds from writing the key to the first output after it."""
        frames = self.screen.frames
        start = time.perf_counter()
        os.write(self.master, key)
        while self.screen.frames == frames:
            self.pump(1.0)
            if time.perf_counter() - start > 5:
                raise RuntimeError("no screen change after a key")
        return self.screen.last_frame - start

    def close(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()
        os.close(self.master)


class Served:
    def __init__(self, data: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "skillgap", "--data-dir", str(data / "web"), "serve",
             "--port", "0"],
            stdout=subprocess.PIPE, text=True, env=_env(data), cwd=ROOT,
        )  # fmt: skip
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        found = re.search(r"http://\S+/", line)
        if not found:
            raise RuntimeError(f"skillgap serve printed {line!r}")
        self.url = found.group(0)

    def close(self) -> None:
        self.process.send_signal(signal.SIGINT)
        self.process.wait(10)


async def _open_tab(browser: object, url: str) -> tuple[object, Screen, float]:
    """A new tab on the page: its screen and the seconds to the welcome screen."""
    screen = Screen()
    page = await browser.new_page(viewport=VIEWPORT)  # type: ignore[attr-defined]

    def on_websocket(ws: object) -> None:
        ws.on("framereceived", screen.feed)  # type: ignore[attr-defined]
        ws.on("framesent", screen.sent)  # type: ignore[attr-defined]

    page.on("websocket", on_websocket)
    start = time.perf_counter()
    await page.goto(url)
    while not screen.ready():
        await asyncio.sleep(0.005)
        if time.perf_counter() - start > 30:
            raise RuntimeError("no welcome screen in the browser")
    return page, screen, screen.last_frame - start


async def _browser_figures(figures: set[str]) -> bool:
    from playwright.async_api import async_playwright

    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        served = Served(data)
        try:
            async with async_playwright() as playwright:
                browser = await playwright.chromium.launch(executable_path=CHROMIUM)
                page, screen, _ = await _open_tab(browser, served.url)  # warms the bank cache
                columns, rows = screen.size
                await page.close()
                if "8" in figures:
                    ok &= await _first_screen(browser, served.url, data, columns, rows)
                if "9" in figures:
                    ok &= await _key_to_screen(browser, served.url, data, columns, rows)
                await browser.close()
        finally:
            served.close()
    return ok


async def _first_screen(browser: object, url: str, data: Path, columns: int, rows: int) -> bool:
    async def in_browser() -> float:
        page, _, seconds = await _open_tab(browser, url)
        await page.close()  # type: ignore[attr-defined]
        await asyncio.sleep(0.3)  # its app ends before the next run
        return seconds

    def in_terminal() -> float:
        terminal = Terminal(data, columns, rows)
        try:
            return terminal.until_ready() - terminal.started
        finally:
            terminal.close()
            time.sleep(0.3)

    # As common.paired_medians does, alternated (here on the browser's event loop).
    loop = asyncio.get_running_loop()
    subject, floor = [], []
    await in_browser()
    await loop.run_in_executor(None, in_terminal)
    for _ in range(9):
        subject.append(await in_browser())
        floor.append(await loop.run_in_executor(None, in_terminal))
    s, f = statistics.median(subject), statistics.median(floor)
    return report(f"8. browser first screen ({columns}x{rows})", s, f, s / f, 1.3, "the terminal's")


KEYS = 30


async def _key_to_screen(browser: object, url: str, data: Path, columns: int, rows: int) -> bool:
    page, screen, _ = await _open_tab(browser, url)
    presses = ["Enter"] + ["2" if i % 2 == 0 else "ArrowLeft" for i in range(KEYS - 1)]
    # Left after a 2 goes back to the question just answered, so the quiz never ends.
    browser_ms = []
    for key in presses:
        frames = screen.frames
        start = time.perf_counter()
        await page.keyboard.press(key)  # type: ignore[attr-defined]
        while screen.frames == frames:
            await asyncio.sleep(0.001)
            if time.perf_counter() - start > 5:
                raise RuntimeError(f"no screen change after {key}")
        browser_ms.append((screen.last_frame - start) * 1000)
        await asyncio.sleep(0.15)  # the screen settles: the next key starts from idle
    await page.close()  # type: ignore[attr-defined]

    terminal = Terminal(data, columns, rows)
    codes = {"Enter": b"\r", "2": b"2", "ArrowLeft": b"\x1b[D"}
    try:
        terminal.until_ready()
        time.sleep(0.3)
        terminal_ms = []
        for key in presses:
            terminal_ms.append(terminal.press(codes[key]) * 1000)
            deadline = time.perf_counter() + 0.15
            while time.perf_counter() < deadline:
                terminal.pump(0.01)
    finally:
        terminal.close()
    median = statistics.median(browser_ms)
    ok = median <= 50
    print(
        f"9. key press to screen change in the browser: median {median:.1f} ms, worst"
        f" {max(browser_ms):.1f} ms over {len(browser_ms)} keys (target median <= 50 ms:"
        f" {'holds' if ok else 'MISSED'}); the same keys in a terminal: median"
        f" {statistics.median(terminal_ms):.1f} ms, worst {max(terminal_ms):.1f} ms"
    )
    return ok


def main(argv: list[str]) -> int:
    figures = set(argv) or {"8", "9"}
    if CHROMIUM is None:
        print("8-9. skipped: chromium is not installed (apt-get install -y chromium)")
        return 0
    try:
        import playwright  # noqa: F401
        import textual_serve  # noqa: F401
    except ImportError:
        print("8-9. skipped: the web and dev extras are not installed")
        return 0
    ok = asyncio.run(_browser_figures(figures))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
