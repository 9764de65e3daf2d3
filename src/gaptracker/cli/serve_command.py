"""`gaptracker serve`: check the host, port and extra, then run the web server.

Everything here that can fail on bad input fails before the server starts, in one line
with exit status 2. aiohttp and textual_serve are imported only once the checks pass
(the other commands never load them).
"""

from __future__ import annotations

import argparse
import errno
import ipaddress
import os
import shlex
import socket
import sys

from gaptracker.domain.errors import UserInputError

WEB_EXTRA_HINT = 'gaptracker serve needs the web extra: pip install "gaptracker[web]"'


def add_serve_command(add: object) -> None:
    """Register `serve` with the parser's `add(name, help)` function."""
    p = add("serve", "the app in a browser, on loopback, behind a secret token")  # type: ignore[operator]
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1)")
    p.add_argument("--port", default="8000", help="port to bind (default: 8000)")
    p.add_argument(
        "--allow-remote",
        action="store_true",
        help="allow a host other than loopback (anyone who has the URL can use the app)",
    )


def is_loopback(host: str) -> bool:
    """127.0.0.0/8, ::1 and localhost: reachable from this machine only."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def parse_port(text: str) -> int:
    """A TCP port, 1-65535, as decimal digits."""
    if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= 65535:
        raise UserInputError(f"--port must be a number from 1 to 65535, not {text!r}")
    return int(text)


def check_host(host: str, allow_remote: bool) -> None:
    """The host must resolve; a host that is not loopback needs --allow-remote."""
    try:
        socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, ValueError):
        raise UserInputError(f"--host {host!r} is not an address or a known host name") from None
    if not is_loopback(host) and not allow_remote:
        raise UserInputError(
            f"--host {host!r} is not loopback; add --allow-remote to serve beyond this machine"
        )


def check_port_free(host: str, port: int) -> None:
    """Bind once and let go, so a port in use is one line now, not a traceback later."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((host, port))
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise UserInputError(
                f"port {port} on {host} is in use; choose another --port"
            ) from None
        raise UserInputError(f"cannot bind {host}:{port}: {exc.strerror}") from None


def web_extra_installed() -> bool:
    """textual-serve and aiohttp import (the host and port were checked first: a typo
    there is reported without paying for loading them)."""
    try:
        import aiohttp  # noqa: F401
        import textual_serve.server  # noqa: F401
    except ImportError:
        return False
    return True


def cmd_serve(args: argparse.Namespace) -> int:
    port = parse_port(args.port)
    check_host(args.host, args.allow_remote)
    if not web_extra_installed():
        raise UserInputError(WEB_EXTRA_HINT)
    check_port_free(args.host, port)

    from gaptracker.cli.web_server import TokenServer, child_environment, new_token

    db = getattr(args, "db", None)
    # The server process keeps only what an app process needs: textual-serve starts each
    # tab's process with a copy of this environment (plus its own TEXTUAL_* variables).
    minimal = child_environment(os.environ, db)
    os.environ.clear()
    os.environ.update(minimal)
    token = new_token()
    command = shlex.join([sys.executable, "-m", "gaptracker", "tui"])
    server = TokenServer(command, token=token, host=args.host, port=port)
    url = f"{server.public_url}/?token={token}"

    def announce() -> None:
        print(f"gaptracker: serving on {url}", flush=True)
        if ipaddress.ip_address(args.host).is_unspecified:  # 0.0.0.0 or ::, every address
            named = url.replace(f"//{server.host}:", f"//{socket.gethostname()}:", 1)
            print(f"gaptracker: from another machine: {named} (or its address)", flush=True)
        print("gaptracker: the URL holds a secret; Ctrl+C stops the server", flush=True)

    server.run(on_ready=announce)
    return 0
