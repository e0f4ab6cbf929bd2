"""`skillgap serve` (issue 18): the real command on a free port, spoken to as a browser would
(aiohttp for HTTP and the websocket, pyte to read the screen the app draws)."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pyte
import pytest

from tests.conftest import BUNDLED_BANK, MINI_BANK, ROOT

WIDTH, HEIGHT = 100, 32


class Served:
    """A `skillgap serve` process and what it has printed."""

    def __init__(self, process: asyncio.subprocess.Process, url: str) -> None:
        self.process = process
        self.url = url  # http://127.0.0.1:PORT/TOKEN/
        self.lines: list[str] = []
        self._reading = asyncio.create_task(self._read())

    @property
    def origin(self) -> str:
        return "/".join(self.url.split("/")[:3])

    @property
    def token(self) -> str:
        return self.url.rstrip("/").rsplit("/", 1)[1]

    async def _read(self) -> None:
        assert self.process.stdout is not None
        async for line in self.process.stdout:
            self.lines.append(line.decode().rstrip("\n"))

    async def session_pid(self, number: int, timeout: float = 10) -> int:
        """The app process of the `number`th session, from its one log line."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for line in self.lines:
                found = re.search(rf"session {number} opened from .* \(app process (\d+)\)", line)
                if found:
                    return int(found.group(1))
            await asyncio.sleep(0.05)
        raise AssertionError(f"no line for session {number}: {self.lines}")

    async def stop(self) -> float:
        """Ctrl+C; the seconds it took to exit."""
        started = time.monotonic()
        self.process.send_signal(signal.SIGINT)
        await asyncio.wait_for(self.process.wait(), 10)
        await self._reading
        return time.monotonic() - started


async def start_server(
    data_dir: Path, *args: str, path: str | None = None, bank: Path = MINI_BANK
) -> Served:
    env = dict(os.environ)
    if path is not None:
        env["PATH"] = path
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "skillgap", "--questions", str(bank),
        "--data-dir", str(data_dir), "serve", "--port", "0", *args,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE, env=env, cwd=ROOT,
    )  # fmt: skip
    assert process.stdout is not None
    line = (await asyncio.wait_for(process.stdout.readline(), 20)).decode()
    found = re.search(r"http://127\.0\.0\.1:\d+/[A-Za-z0-9_-]+/", line)
    assert found, line
    return Served(process, found.group(0))


@pytest.fixture
async def served(tmp_path: Path) -> AsyncIterator[Served]:
    # PATH without this interpreter's folder: each session must still run this venv's skillgap.
    path = os.pathsep.join(
        p for p in os.environ.get("PATH", "").split(os.pathsep)
        if Path(p).resolve() != Path(sys.executable).parent.resolve()
    )  # fmt: skip
    server = await start_server(tmp_path / "data", path=path)
    try:
        yield server
    finally:
        if server.process.returncode is None:
            await server.stop()


class Tab:
    """One browser tab: the websocket, and the screen pyte reads from what arrives."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        self.ws = ws
        self.screen = pyte.Screen(WIDTH, HEIGHT)
        self.stream = pyte.ByteStream(self.screen)
        self.texts: list[object] = []
        self.changes = 0
        self._reading = asyncio.create_task(self._read())

    async def _read(self) -> None:
        async for message in self.ws:
            if message.type == aiohttp.WSMsgType.BINARY:
                self.stream.feed(message.data)
                self.changes += 1
            elif message.type == aiohttp.WSMsgType.TEXT:
                self.texts.append(json.loads(message.data))

    @property
    def text(self) -> str:
        return "\n".join(self.screen.display)

    async def wait_for(self, pattern: str, timeout: float = 15) -> re.Match[str]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if found := re.search(pattern, self.text):
                return found
            if self._reading.done():
                break
            await asyncio.sleep(0.05)
        raise AssertionError(f"{pattern!r} not on the screen:\n{self.text}")

    async def press(self, keys: str) -> None:
        await self.ws.send_str(json.dumps(["stdin", keys]))

    @property
    def closed(self) -> bool:
        return self._reading.done()


@contextlib.asynccontextmanager
async def open_tab(
    http: aiohttp.ClientSession, server: Served, origin: str | None = None
) -> AsyncIterator[Tab]:
    async with http.ws_connect(
        f"{server.url}ws?width={WIDTH}&height={HEIGHT}", origin=origin or server.origin
    ) as ws:
        await ws.send_str(json.dumps(["resize", {"width": WIDTH, "height": HEIGHT}]))
        yield Tab(ws)


WELCOME = r"Enter starts the highlighted line"
QUESTION = r"question (\d+) of (\d+)"


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie has ended: it only waits for its parent, which is gone or about to reap it.
    status = Path(f"/proc/{pid}/status")
    with contextlib.suppress(OSError):
        if "State:\tZ" in status.read_text():
            return False
    return True


def children_of(pid: int) -> list[int]:
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            # pid (comm) state ppid ...: comm may hold spaces, so split after its ")".
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                children.append(int(stat.parent.name))
    return children


async def until_gone(pid: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not alive(pid):
            return True
        await asyncio.sleep(0.05)
    return False


# -- without the token, nothing -------------------------------------------------------------


async def test_requests_without_the_token_are_a_bare_403(served: Served) -> None:
    wrong = served.token[:-1] + ("A" if served.token[-1] != "A" else "B")
    paths = [
        "/", "/ws", "/static/js/textual.js", "/download/x", f"/{wrong}/", f"/{wrong}/ws",
        f"/{wrong}/static/js/textual.js", f"/{served.token[:8]}/", "/favicon.ico",
    ]  # fmt: skip
    async with aiohttp.ClientSession() as http:
        for path in paths:
            async with http.get(served.origin + path) as response:
                assert response.status == 403, path
                assert await response.read() == b"", path
                assert response.headers["Server"] == "skillgap"  # no software, no version
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await http.ws_connect(f"{served.origin}/ws", origin=served.origin)
        assert refused.value.status == 403


async def test_the_page_with_the_token_asks_nothing_of_another_host(served: Served) -> None:
    async with aiohttp.ClientSession() as http:
        async with http.get(served.url) as response:
            assert response.status == 200
            page = await response.text()
            policy = response.headers["Content-Security-Policy"]
        assert "default-src 'none'" in policy and "connect-src 'self'" in policy
        assert response.headers["Referrer-Policy"] == "no-referrer"
        # Every address in the page is relative to it: no scheme, no other host.
        assert "googleapis" not in page and "://" not in page.replace('"wss://"', "").replace(
            '"ws://"', ""
        )
        for asset in re.findall(r'(?:href|src)="(static/[^"]+)"|url\("(static/[^"]+)"\)', page):
            async with http.get(served.url + "".join(asset)) as response:
                assert response.status == 200, asset
        async with http.get(served.url.rstrip("/"), allow_redirects=False) as response:
            assert response.status == 302 and response.headers["Location"] == f"/{served.token}/"
        async with http.get(served.url + "static/../../etc/passwd") as response:
            assert response.status in (403, 404)


async def test_a_foreign_host_or_origin_is_refused(served: Served) -> None:
    async with aiohttp.ClientSession() as http:
        # DNS rebinding: a name that is not this machine's, with the right token.
        async with http.get(served.url, headers={"Host": "attacker.example"}) as response:
            assert response.status == 403 and await response.read() == b""
        for origin in ("http://attacker.example", "null", served.origin.replace("http", "https")):
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await http.ws_connect(f"{served.url}ws", origin=origin)
            assert refused.value.status == 403, origin
        # No Origin at all (a browser always sends one): refused too.
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await http.ws_connect(f"{served.url}ws")
        assert refused.value.status == 403
    await asyncio.sleep(0.2)
    assert not any("session" in line for line in served.lines[1:]), served.lines


# -- a session ------------------------------------------------------------------------------


async def test_the_welcome_screen_takes_keys_and_enter_reaches_a_question(served: Served) -> None:
    async with aiohttp.ClientSession() as http, open_tab(http, served) as tab:
        await tab.wait_for(WELCOME)
        # Enter, as xterm.js sends it, starts the highlighted line (Quick): the first question.
        await tab.press("\r")
        first = await tab.wait_for(QUESTION)
        assert first.group(1) == "1"
        await tab.press("2")  # a level: the next question
        second = await tab.wait_for(r"question 2 of \d+")
        assert second.group(0)
        await tab.press("\x1b[D")  # ← goes back, as in a terminal
        await tab.wait_for(r"question 1 of \d+")
    await served.stop()
    # One line per session (no banner, none per request); the session ran this interpreter
    # although PATH does not lead to it.
    assert [line for line in served.lines if "session" in line][:1] == served.lines[:1]
    assert re.fullmatch(r"\d\d:\d\d:\d\d session 1 opened from 127\.0\.0\.1 \(app process \d+\)",
                        served.lines[0])  # fmt: skip
    assert served.lines[1:] == ["skillgap: stopped after 1 session(s)"]


async def test_closing_a_tab_ends_its_app(served: Served) -> None:
    async with aiohttp.ClientSession() as http:
        async with open_tab(http, served) as tab:
            await tab.wait_for(WELCOME)
            pid = await served.session_pid(1)
            assert alive(pid)
        assert await until_gone(pid, 3), "the app outlived its tab"
        async with open_tab(http, served) as tab:  # the server goes on serving
            await tab.wait_for(WELCOME)
            assert await served.session_pid(2) != pid


async def test_ctrl_c_stops_within_two_seconds_with_a_tab_open(served: Served) -> None:
    async with aiohttp.ClientSession() as http, open_tab(http, served) as tab:
        await tab.wait_for(WELCOME)
        await tab.press("\r")
        await tab.wait_for(QUESTION)
        pid = await served.session_pid(1)
        await asyncio.sleep(2)  # the spare for the next tab has started by now
        children = children_of(served.process.pid)
        assert pid in children and len(children) == 2, children
        took = await served.stop()
        assert served.process.returncode == 0
        assert took < 2.0, f"Ctrl+C took {took:.1f} s"
        for child in children:
            assert await until_gone(child, 1), "an app was left behind"
        assert served.process.stderr is not None
        assert await served.process.stderr.read() == b""  # nothing said of the spare ended
        await asyncio.wait_for(tab._reading, 2)  # the tab is told: its websocket closes
        assert tab.closed


async def test_quitting_the_app_closes_its_tab(served: Served) -> None:
    async with aiohttp.ClientSession() as http, open_tab(http, served) as tab:
        await tab.wait_for(WELCOME)
        pid = await served.session_pid(1)
        await tab.press("\x11")  # ctrl+q
        await asyncio.wait_for(tab._reading, 5)
        assert await until_gone(pid, 2)


# -- the command ----------------------------------------------------------------------------


def test_each_session_runs_this_interpreter_with_the_same_options(tmp_path: Path) -> None:
    from skillgap.tui.serve import app_command

    argv = app_command(MINI_BANK, tmp_path / "d")
    assert argv == [sys.executable, "-m", "skillgap", "--questions", str(MINI_BANK.resolve()),
                    "--data-dir", str((tmp_path / "d").resolve())]  # fmt: skip
    assert app_command(None, None) == [sys.executable, "-m", "skillgap"]


def test_without_the_extra_serve_says_how_to_install_it() -> None:
    hide = (
        "import sys, importlib.abc\n"
        "class Hide(importlib.abc.MetaPathFinder):\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('textual_serve', 'aiohttp'):\n"
        "            raise ModuleNotFoundError(f'No module named {name!r}', name=name)\n"
        "sys.meta_path.insert(0, Hide())\n"
        "from skillgap.cli.main import main\n"
        "sys.exit(main(['serve']))\n"
    )
    done = subprocess.run([sys.executable, "-c", hide], capture_output=True, text=True, timeout=30)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr == (
        "skillgap: serve needs the web extra, which is not installed: pip install 'skillgap[web]'\n"
    )


def test_another_host_is_served_only_when_asked_and_with_a_warning(tmp_path: Path) -> None:
    from skillgap.cli.main import build_parser

    args = build_parser().parse_args(["serve"])
    assert (args.host, args.port, args.open) == ("127.0.0.1", 8000, False)
    done = subprocess.run(
        [sys.executable, "-m", "skillgap", "--data-dir", str(tmp_path), "serve", "--port", "x"],
        capture_output=True, text=True, timeout=30,
    )  # fmt: skip
    assert done.returncode == 2 and "'x' is not a port" in done.stderr


def test_a_host_other_than_loopback_warns_first(tmp_path: Path) -> None:
    # 192.0.2.1 (TEST-NET-1) is no address of this machine: the warning, then no socket,
    # so nothing is ever served beyond loopback by the tests.
    done = subprocess.run(
        [sys.executable, "-m", "skillgap", "--questions", str(MINI_BANK), "--data-dir",
         str(tmp_path), "serve", "--host", "192.0.2.1", "--port", "0"],
        capture_output=True, text=True, timeout=30,
    )  # fmt: skip
    warning, refused = done.stderr.splitlines()
    assert warning.startswith("skillgap: warning: serving on 192.0.2.1, not only this machine")
    assert refused.startswith("skillgap: serve: cannot listen on 192.0.2.1:0: ")
    assert done.returncode == 1 and done.stdout == ""


async def test_a_port_in_use_is_one_line_exit_1(served: Served, tmp_path: Path) -> None:
    port = served.origin.rsplit(":", 1)[1]
    done = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "skillgap", "--data-dir", str(tmp_path), "serve", "--port", port,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    out, err = await asyncio.wait_for(done.communicate(), 20)
    assert done.returncode == 1 and out == b""
    assert err.decode().startswith(f"skillgap: serve: cannot listen on 127.0.0.1:{port}: ")
    assert err.decode().count("\n") == 1


# -- one quiz, one writer (the quiz holder of issue 14: one app process per tab) ------------


async def test_a_second_tab_takes_the_quiz_over_no_answer_is_lost(tmp_path: Path) -> None:
    from skillgap.store import Store

    served = await start_server(tmp_path / "data", bank=BUNDLED_BANK)  # Quick: 17 questions
    try:
        async with aiohttp.ClientSession() as http, open_tab(http, served) as first:
            await first.wait_for(WELCOME)
            await first.press("\r")
            await first.wait_for(r"question 1 of \d+")
            await first.press("2")
            await first.wait_for(r"question 2 of \d+ · 1 answered")
            async with open_tab(http, served) as second:
                # The second tab offers to resume the quiz: its key is read from the screen.
                resume = await second.wait_for(r"(\S) Resume")
                await second.press(resume.group(1))
                await second.wait_for(r"open in another window")
                await second.press("y")  # Take over
                await second.wait_for(r"question 2 of \d+ · 1 answered")
                await second.press("1")
                await second.wait_for(r"question 3 of \d+ · 2 answered")
                # The first tab's next answer is not saved, and it says so.
                await first.press("4")
                await first.wait_for(r"taken over in another skillgap window")
                await second.press("2")
                await second.wait_for(r"question 4 of \d+ · 3 answered")
    finally:
        await served.stop()
    # What an app says on quitting is printed under its session's number, never raw.
    assert all(
        re.match(r"\d\d:\d\d:\d\d session \d opened|  session \d's app: |skillgap: stopped", line)
        for line in served.lines
    ), served.lines
    store = Store.open(tmp_path / "data")
    try:
        session = store.load_session()
    finally:
        store.close()
    assert session is not None
    levels = [answer.value for answer in session.answers.by_question.values()]
    assert levels == [2, 1, 2], "the second tab's answers, the first's before it, none lost"


async def test_no_app_outlives_a_killed_server(served: Served) -> None:
    async with aiohttp.ClientSession() as http, open_tab(http, served) as tab:
        await tab.wait_for(WELCOME)
        await tab.press("\r")
        await tab.wait_for(QUESTION)
        await asyncio.sleep(2)  # the spare for the next tab has started by now
        children = children_of(served.process.pid)
        assert len(children) == 2, children
        served.process.kill()  # no Ctrl+C, no clean-up: the apps see their input end
        await served.process.wait()
        for child in children:
            assert await until_gone(child, 5), "an app outlived its server"
