"""`skillgap serve`: the app in a browser. The server (skillgap.tui.serve) needs the `web`
extra and imports Textual, so it is imported only when the command runs."""

from __future__ import annotations

from typing import Any

from skillgap.errors import ExitCode, UsageError

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse

#: What the web extra brings (textual-serve and what it needs).
WEB_MODULES = ("textual_serve", "aiohttp", "aiohttp_jinja2", "yarl", "multidict")
INSTALL_HINT = "serve needs the web extra, which is not installed: pip install 'skillgap[web]'"


def cmd_serve(args: argparse.Namespace) -> int:
    from skillgap.cli.options import bank_dir

    # The second way the CLI starts the TUI (the first is tui.app.run), imported only here so
    # that a missing extra is one line saying how to install it, never an ImportError.
    try:
        from skillgap.tui.serve import serve
    except ModuleNotFoundError as exc:
        if (exc.name or "").split(".")[0] in WEB_MODULES:
            raise UsageError(INSTALL_HINT) from None
        raise
    questions = getattr(args, "questions", None)
    code: int = serve(
        bank_dir(args) if questions else None,
        args.data_dir,
        host=args.host,
        port=args.port,
        open_browser=args.open,
    )
    return code if code else ExitCode.OK


def port(text: str) -> int:
    import argparse

    if not (text.isascii() and text.isdigit()) or int(text) > 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port (0-65535; 0 for any free one)")
    return int(text)


def register(sub: Any) -> None:
    """Add `serve` to the main parser's subparsers."""
    help = "serve the app to a browser on this machine (needs the web extra: skillgap[web])"
    p = sub.add_parser(
        "serve",
        help=help,
        description=help + ". Prints a link with a secret token; each browser tab is an app of"
        " its own on the same --questions and --data-dir. Ctrl+C stops it.",
        epilog="example: skillgap serve --open",
    )
    p.set_defaults(func=cmd_serve)
    p.add_argument(
        "--host", default="127.0.0.1", metavar="H",
        help="address to listen on (default: 127.0.0.1, this machine only; any other warns)",
    )  # fmt: skip
    p.add_argument(
        "--port", type=port, default=8000, metavar="P",
        help="port to listen on, 0 for any free one (default: 8000)",
    )  # fmt: skip
    p.add_argument("--open", action="store_true", help="open the link in your web browser")
