"""`skillgap serve`: the app in a browser, through textual-serve's page and protocol.

Each browser tab is a websocket to one `sys.executable -m skillgap` process of its own (same
`--questions` and `--data-dir`), run with Textual's web driver (`web_driver.WebDriver`); this
module is the aiohttp server between them. Safe by default (SECURITY.md, "skillgap serve"):

- it binds to 127.0.0.1 unless told otherwise;
- every path is under a random token (`/<token>/`, its page, static files and websocket): any
  request without it is a bare 403, so a web page the user visits cannot open the websocket;
- the Host of every request must be this machine's name for itself (or the host asked for),
  against DNS rebinding, and the websocket's Origin must be the page's own;
- the page loads nothing from any other host (the fonts textual-serve ships are served here,
  in place of its Google Fonts stylesheet), and its Content-Security-Policy forbids it to.

It prints the link, then one line per session; Ctrl+C ends every session's app (asked to quit,
then terminated) and stops within two seconds.

A tab's first screen: one process waits as a spare, skillgap's modules imported
(`WARM_START`); serving a page gives it its tab at once, so it reads the bank and the store
and draws while the page loads, and the page's websocket claims it by a key in the page. A new
spare starts a moment later. An app no websocket claims is ended after `CLAIM_WAIT`.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import logging
import os
import secrets
import signal
import socket
import string
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path

import textual_serve
from aiohttp import WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.download_manager import DownloadManager
from yarl import URL

from skillgap.errors import SkillgapError
from skillgap.escape import one_line

#: The textual-serve files the page uses (its JavaScript, xterm's CSS, the fonts).
STATIC = Path(textual_serve.__file__).parent / "static"
PAGE = Path(__file__).with_name("web") / "index.html"
DRIVER = "skillgap.tui.web_driver:WebDriver"
LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "::1"})
WILDCARDS = frozenset({"0.0.0.0", "::", ""})
#: How long an app has to quit when asked before it is terminated, then killed.
QUIT_WAIT = 0.8
TERMINATE_WAIT = 0.4
#: How long an app started with its page waits for the page's websocket; how many may wait.
CLAIM_WAIT = 15.0
MAX_WAITING = 4
#: A new spare is started this long after the last was taken: not while its tab starts.
SPARE_DELAY = 1.5


class CannotServe(SkillgapError):
    """The server cannot start (the port is taken, the host is not this machine's)."""


def is_loopback(host: str) -> bool:
    return host in LOOPBACK_NAMES or host.startswith("127.")


#: How a session's process runs `skillgap`: this interpreter imports what the command imports
#: to open the app, then waits for one line, its terminal's size, and runs the command's main
#: with the options (exactly what `python -m skillgap OPTIONS` runs). A spare one waits for
#: the next page, so a tab's first screen does not wait for those imports (~250 ms here); its
#: bank and store are read only once it is given a tab. No line (the server gone): it exits.
WARM_START = """\
import os, sys
import skillgap.cli.main, skillgap.tui.app, skillgap.tui.web_driver
line = b""
while not line.endswith(b"\\n"):
    byte = os.read(0, 1)
    if not byte:
        sys.exit(0)
    line += byte
os.environ["COLUMNS"], os.environ["ROWS"] = line.decode().split()
sys.argv[0] = "skillgap"
sys.exit(skillgap.cli.main.main(sys.argv[1:]))
"""


def app_command(bank_dir: Path | None, data_dir: str | Path | None) -> list[str]:
    """The command each session runs (as WARM_START): this interpreter, whatever is first on
    PATH, with the server's --questions and --data-dir."""
    argv = [sys.executable, "-m", "skillgap"]
    if bank_dir is not None:
        argv += ["--questions", str(Path(bank_dir).resolve())]
    if data_dir is not None:
        argv += ["--data-dir", str(Path(data_dir).resolve())]
    return argv


class SessionApp(AppService):
    """One tab's app process: started without a shell, with skillgap's web driver, in a
    session of its own (Ctrl+C in the server's terminal reaches the server, which then ends
    each app in order).

    It starts when its page is served, before the page's websocket connects (that overlaps
    the app's start-up with the page's, about 300 ms each here); what it draws until then is
    kept and sent once the websocket is attached."""

    def __init__(self, argv: list[str], download_manager: DownloadManager) -> None:
        self._ws: web.WebSocketResponse | None = None
        self._held: list[bytes | str] = []
        self._closed = False
        self.running = False  # given its size: running skillgap, no longer a spare
        self.said = b""  # what the app wrote on its standard error
        self.size = (80, 24)
        self.drawing = asyncio.Event()  # set by its first output
        super().__init__(
            " ".join(argv),  # only shown: the process is started from `argv`, with no shell
            write_bytes=self._send_bytes,
            write_str=self._send_str,
            close=self._close,
            download_manager=download_manager,
        )
        self.argv = argv

    async def _send_bytes(self, data: bytes) -> None:
        self.drawing.set()
        if self._ws is None:
            self._held.append(data)
        else:
            await self._ws.send_bytes(data)

    async def _send_str(self, text: str) -> None:
        if self._ws is None:
            self._held.append(text)
        else:
            await self._ws.send_str(text)

    async def _close(self) -> None:
        """The app has exited: its tab is told (the page says the session ended)."""
        self._closed = True
        if self._ws is not None:
            await self._ws.close()

    async def attach(self, ws: web.WebSocketResponse) -> None:
        """From now on the app draws on `ws`, starting with what it drew before."""
        while self._held:
            item = self._held.pop(0)
            await (ws.send_bytes(item) if isinstance(item, bytes) else ws.send_str(item))
        self._ws = ws
        if self._closed:
            await ws.close()

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        environment = super()._build_environment(width=width, height=height)
        environment["TEXTUAL_DRIVER"] = DRIVER
        return environment

    async def _open_app_process(
        self, width: int = 80, height: int = 24
    ) -> asyncio.subprocess.Process:
        self._process = process = await asyncio.create_subprocess_exec(
            self.argv[0],
            "-c",
            WARM_START,
            *self.argv[3:],  # the options after `-m skillgap`
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=self._build_environment(width=width, height=height),
            start_new_session=True,
        )
        assert process.stdin is not None
        self._stdin = process.stdin
        return process

    @property
    def process(self) -> asyncio.subprocess.Process | None:
        return self._process

    async def run(self) -> None:
        """textual-serve's reading of the app's output (packets after the `__GANGLION__`
        line), but what the app says on its standard error (an error, the line it leaves on
        quitting) goes to `said`, for the server to print under its session's number, instead
        of raw onto the server's output."""
        process = self._process
        assert process is not None and process.stdout is not None and process.stderr is not None
        stdout, stderr = process.stdout, process.stderr

        async def read_stderr() -> bytes:
            kept = b""
            while chunk := await stderr.read(4096):
                kept = (kept + chunk)[: 64 * 1024]  # the first 64 KiB, the rest read and dropped
            return kept

        said = asyncio.create_task(read_stderr())
        try:
            for _ in range(10):
                line = await stdout.readline()
                if not line or line == b"__GANGLION__\n":
                    break
            while True:
                kind = await stdout.readexactly(1)
                size = int.from_bytes(await stdout.readexactly(4), "big")
                payload = await stdout.readexactly(size)
                if kind == b"D":
                    await self.on_data(payload)
                elif kind == b"M":
                    await self.on_meta(payload)
                elif kind == b"P":
                    await self.on_packed(payload)
        except (asyncio.IncompleteReadError, ConnectionResetError, asyncio.CancelledError):
            pass
        finally:
            with contextlib.suppress(TimeoutError, asyncio.CancelledError):
                self.said = await asyncio.wait_for(said, 1.0)
            said.cancel()

    @property
    def alive(self) -> bool:
        return self._process is not None and self._process.returncode is None

    async def run_app(self, width: int, height: int) -> None:
        """Start skillgap in this process, at this size."""
        self.running = True
        self.size = (width, height)
        with contextlib.suppress(OSError, RuntimeError):
            self.stdin.write(f"{width} {height}\n".encode())
            await self.stdin.drain()

    async def end(self) -> None:
        """Ask the app to quit; terminate it, then kill it, if it has not within a second."""
        process = self._process
        if process is None:
            return
        if process.returncode is None and not self.running:
            with contextlib.suppress(ProcessLookupError):
                process.kill()  # a spare: nothing of it to save
        if process.returncode is None:
            await self.send_meta({"type": "quit"})
            for signal_number, wait in (
                (None, QUIT_WAIT),
                (signal.SIGTERM, TERMINATE_WAIT),
                (signal.SIGKILL, 5.0),
            ):
                if signal_number is not None:
                    with contextlib.suppress(ProcessLookupError):
                        process.send_signal(signal_number)
                try:
                    await asyncio.wait_for(process.wait(), wait)
                    break
                except TimeoutError:
                    continue
        if self._task is not None:
            with contextlib.suppress(TimeoutError, asyncio.CancelledError):
                await asyncio.wait_for(self._task, 1.0)
            self._task = None


@dataclass
class Server:
    """The server's state: its token, where it listens, the sessions open."""

    argv: list[str]
    host: str
    port: int
    token: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    log: Callable[[str], None] = print
    sessions: set[SessionApp] = field(default_factory=set)
    opened: int = 0
    downloads: DownloadManager = field(default_factory=DownloadManager)
    #: Apps started for a page served, by the key in that page, until its websocket claims one.
    waiting: dict[str, SessionApp] = field(default_factory=dict)
    spare: SessionApp | None = None
    last_size: tuple[int, int] = (80, 24)
    _tasks: set[asyncio.Task[None]] = field(default_factory=set)

    @property
    def prefix(self) -> str:
        return f"/{self.token}/"

    def url(self, port: int) -> str:
        host = "127.0.0.1" if self.host in WILDCARDS else self.host
        shown = f"[{host}]" if ":" in host else host
        return f"http://{shown}:{port}{self.prefix}"

    # -- the checks every request passes ------------------------------------------------------

    def host_allowed(self, request: web.Request) -> bool:
        """The Host header names this machine as it knows itself (any port: an ssh tunnel
        may forward another), or the host the server was asked to bind to."""
        try:
            name = URL(f"http://{request.host}").host
        except ValueError:
            return False
        if name is None:
            return False
        name = name.lower().strip("[]")
        return self.host in WILDCARDS or name in LOOPBACK_NAMES or name == self.host.lower()

    def origin_allowed(self, request: web.Request) -> bool:
        """A websocket's Origin is the page's own: this scheme, this Host."""
        origin = request.headers.get("Origin")
        return origin is not None and origin.lower() == f"http://{request.host}".lower()

    @web.middleware
    async def guard(
        self,
        request: web.Request,
        handler: Callable[[web.Request], Awaitable[web.StreamResponse]],
    ) -> web.StreamResponse:
        path = request.path
        token = path[1:].split("/", 1)[0] if path.startswith("/") else ""
        if not hmac.compare_digest(token.encode(), self.token.encode()):
            return forbidden()
        if not self.host_allowed(request):
            return forbidden()
        response = await handler(request)
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Cache-Control", "no-store")
        return response

    # -- handlers -----------------------------------------------------------------------------

    async def page(self, request: web.Request) -> web.Response:
        if not request.path.endswith("/"):
            raise web.HTTPFound(self.prefix)
        nonce = secrets.token_urlsafe(16)
        key = ""
        if len(self.waiting) < MAX_WAITING:
            key, _app = await self.start_app()
        text = string.Template(PAGE.read_text(encoding="utf-8")).substitute(
            title="skillgap",
            app=key,
            font_size=_integer(request.query.get("fontsize"), 16, 6, 64),
            nonce=nonce,
        )
        response = web.Response(text=text, content_type="text/html")
        response.headers["Content-Security-Policy"] = (
            "default-src 'none'; "
            f"script-src 'self' 'nonce-{nonce}'; "
            "style-src 'self' 'unsafe-inline'; "
            "font-src 'self'; img-src 'self' data:; connect-src 'self'; "
            "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
        )
        response.headers["X-Frame-Options"] = "DENY"
        return response

    async def start_spare(self) -> None:
        """A process waiting for the next page, skillgap's modules imported."""
        if self.spare is None or not self.spare.alive:
            self.spare = SessionApp(self.argv, self.downloads)
            await self.spare.start(80, 24)

    def _later(self, delay: float, job: Callable[[], Awaitable[None]]) -> None:
        async def run() -> None:
            await asyncio.sleep(delay)
            await job()

        self._tasks.add(task := asyncio.create_task(run()))
        task.add_done_callback(self._tasks.discard)

    async def start_app(self, size: tuple[int, int] | None = None) -> tuple[str, SessionApp]:
        """An app for a page about to connect (the spare, if there is one), run at once at
        `size`, else at the size of the last tab (most often the same window), so that it
        reads the bank and the store and draws while the page loads. It is ended if no
        websocket claims it in time; a new spare follows a moment later."""
        app, self.spare = self.spare, None
        if app is None or not app.alive:
            app = SessionApp(self.argv, self.downloads)
            await app.start(80, 24)
        await app.run_app(*(size or self.last_size))
        key = secrets.token_urlsafe(16)
        self.waiting[key] = app

        async def unclaimed() -> None:
            if self.waiting.pop(key, None) is not None:
                await app.end()

        self._later(CLAIM_WAIT, unclaimed)
        self._later(SPARE_DELAY, self.start_spare)
        return key, app

    async def websocket(self, request: web.Request) -> web.StreamResponse:
        if not self.origin_allowed(request):
            return forbidden()
        ws = web.WebSocketResponse(heartbeat=15)
        await ws.prepare(request)
        width = _integer(request.query.get("width"), 80, 10, 1000)
        height = _integer(request.query.get("height"), 24, 5, 500)
        app = self.waiting.pop(request.match_info.get("app", ""), None)
        if app is None:  # a page older than CLAIM_WAIT, or a client of its own
            _key, app = await self.start_app((width, height))
            self.waiting.pop(_key, None)
        self.last_size = (width, height)
        self.opened += 1
        number = self.opened
        self.sessions.add(app)
        try:
            await app.attach(ws)
            if app.size != (width, height):
                # Only once the app has drawn: Textual's web driver may apply a resize that
                # arrives while it starts before its first size, leaving the app at the guess.
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(app.drawing.wait(), 10)
                await app.set_terminal_size(width, height)
            pid = app.process.pid if app.process else "?"
            self.log(
                f"{time.strftime('%H:%M:%S')} session {number} opened"
                f" from {request.remote or '?'} (app process {pid})"
            )
            await _relay(ws, app)
        finally:
            self.sessions.discard(app)
            await app.end()
            await ws.close()
            for line in app.said.decode("utf-8", "replace").splitlines():
                if line.strip():
                    self.log(f"  session {number}'s app: {one_line(line)}")
        return ws

    async def static(self, request: web.Request) -> web.StreamResponse:
        relative = request.match_info["path"]
        path = (STATIC / relative).resolve()
        if not path.is_relative_to(STATIC.resolve()) or not path.is_file():
            raise web.HTTPNotFound()
        return web.FileResponse(path)

    async def on_shutdown(self, _app: web.Application) -> None:
        apps = [*self.sessions, *self.waiting.values(), *([self.spare] if self.spare else [])]
        self.waiting.clear()
        self.spare = None
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*(app.end() for app in apps))

    def application(self) -> web.Application:
        app = web.Application(middlewares=[self.guard])
        app.router.add_get(f"/{self.token}", self.page)
        app.router.add_get(self.prefix, self.page)
        app.router.add_get(f"{self.prefix}ws", self.websocket)
        app.router.add_get(self.prefix + "ws/{app:[A-Za-z0-9_-]*}", self.websocket)
        app.router.add_get(self.prefix + "static/{path:.+}", self.static)
        app.on_shutdown.append(self.on_shutdown)
        app.on_response_prepare.append(_plain_server_header)
        return app


async def _plain_server_header(_request: web.Request, response: web.StreamResponse) -> None:
    """No software or version named to whoever asks, refused or not."""
    response.headers["Server"] = "skillgap"


def forbidden() -> web.Response:
    return web.Response(status=403)


def _integer(value: str | None, default: int, low: int, high: int) -> int:
    try:
        number = int(value) if value is not None else default
    except ValueError:
        number = default
    return max(low, min(high, number))


async def _relay(ws: web.WebSocketResponse, app: SessionApp) -> None:
    """The browser's messages to the app, until the tab closes (textual-serve's protocol)."""
    async for message in ws:
        if message.type != WSMsgType.TEXT:
            continue
        try:
            envelope = json.loads(message.data)
        except ValueError:
            continue
        if not isinstance(envelope, list) or not envelope:
            continue
        kind, data = envelope[0], envelope[1] if len(envelope) > 1 else None
        if kind == "stdin" and isinstance(data, str):
            await app.send_bytes(data.encode("utf-8"))
        elif kind == "resize" and isinstance(data, dict):
            width = _integer(str(data.get("width")), 80, 10, 1000)
            height = _integer(str(data.get("height")), 24, 5, 500)
            await app.set_terminal_size(width, height)
        elif kind == "ping" and isinstance(data, str):
            await ws.send_json(["pong", data])
        elif kind == "blur":
            await app.blur()
        elif kind == "focus":
            await app.focus()


def _listen(host: str, port: int) -> socket.socket:
    """A socket bound to `host` and `port` (0: a free port), its real port then known."""
    family, kind, proto, _name, address = socket.getaddrinfo(
        host or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
    )[0]
    listening = socket.socket(family, kind, proto)
    try:
        listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listening.bind(address)
    except OSError:
        listening.close()
        raise
    return listening


async def _serve(server: Server, *, open_browser: bool) -> None:
    runner = web.AppRunner(
        server.application(), access_log=None, handle_signals=False, shutdown_timeout=1.0
    )
    await runner.setup()
    try:
        listening = _listen(server.host, server.port)
    except OSError as exc:
        await runner.cleanup()
        raise CannotServe(
            f"serve: cannot listen on {server.host}:{server.port}: {exc.strerror or exc}"
        ) from None
    port = listening.getsockname()[1]
    await web.SockSite(runner, listening).start()
    url = server.url(port)
    await server.start_spare()
    server.log(f"skillgap: serving the app at {url} (Ctrl+C stops)")
    if open_browser:
        import webbrowser

        webbrowser.open(url)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signal_number in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signal_number, stop.set)
    try:
        await stop.wait()
    finally:
        for signal_number in (signal.SIGINT, signal.SIGTERM):
            loop.remove_signal_handler(signal_number)
        await runner.cleanup()
        server.log(f"skillgap: stopped after {server.opened} session(s)")


def serve(
    bank_dir: Path | None,
    data_dir: str | Path | None,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    open_browser: bool = False,
) -> int:
    """Serve the app until Ctrl+C (or SIGTERM); 0 once stopped."""
    if not is_loopback(host):
        print(
            f"skillgap: warning: serving on {host}, not only this machine: anyone who can"
            " reach this port and has the link can use the app and read your reports, and"
            " the connection is not encrypted (SECURITY.md, skillgap serve)",
            file=sys.stderr,
        )

    def log(line: str) -> None:
        print(line, flush=True)

    server = Server(app_command(bank_dir, data_dir), host=host, port=port, log=log)
    os.environ.pop("TEXTUAL", None)  # no devtools or debug in the apps it starts
    # textual-serve's own log says "Application failed to start" of a spare ended unused; an
    # app that fails does say why, on its standard error, which is copied here.
    quiet = logging.getLogger("textual-serve")
    quiet.addHandler(logging.NullHandler())
    quiet.propagate = False
    asyncio.run(_serve(server, open_browser=open_browser))
    return 0
