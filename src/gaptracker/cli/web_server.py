"""The app in a browser: textual-serve's Server behind a per-run secret token.

textual-serve has no authentication of its own and lists the folders of its static
assets, so anyone who can reach the port could open a tab (a new app process on the
user's database). Here every request, the websocket included, must carry the token,
which the first visit trades for an HttpOnly, SameSite=Strict cookie. This module imports
aiohttp and textual_serve (the `web` extra); only `gaptracker serve` imports it.

It relies on `Server._make_app` and the handler names of textual-serve 1.1 (pinned <1.2
in pyproject.toml).
"""

from __future__ import annotations

import asyncio
import hmac
import secrets
import signal
from collections.abc import Awaitable, Callable, Mapping

from aiohttp import web
from aiohttp.typedefs import Middleware
from textual_serve.server import Server

COOKIE_NAME = "gaptracker_token"
TOKEN_PARAMETER = "token"

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

# What the app process needs from the server's environment, and nothing else (no cloud
# keys, no tokens of other tools). textual-serve adds its own TEXTUAL_* and size variables.
_KEPT_VARIABLES = frozenset(
    {"PATH", "HOME", "LANG", "LANGUAGE", "TERM", "COLORTERM", "TZ", "TMPDIR", "USER", "LOGNAME"}
)
_KEPT_PREFIXES = ("LC_", "XDG_", "GAPTRACKER_", "PG")
"""PG*: libpq's own settings (PGPASSFILE, PGSERVICE, PGPASSWORD, PGSSLMODE, ...), which a
group's database on a server is reached with: gaptracker never holds credentials itself."""


def new_token() -> str:
    """A fresh secret for one run of the server."""
    return secrets.token_urlsafe(32)


def child_environment(environ: Mapping[str, str], db: str | None) -> dict[str, str]:
    """The environment an app process (one per browser tab) starts with: locale, home,
    PATH, the data folders (XDG_*, GAPTRACKER_*), libpq's settings (PG*) and the
    database choice."""
    kept = {
        name: value
        for name, value in environ.items()
        if name in _KEPT_VARIABLES or name.startswith(_KEPT_PREFIXES)
    }
    if db is not None:  # --db given: the tabs use it too (else GAPTRACKER_DB or the default)
        kept["GAPTRACKER_DB"] = db
    return kept


def token_middleware(token: str) -> Middleware:
    """Refuse (403) any request without the token, as `?token=` or as the cookie; a
    request carrying it in the URL gets the cookie and a redirect to the same URL
    without it, so the secret does not stay in the address bar or the history."""
    expected = token.encode()

    def matches(candidate: str | None) -> bool:
        return candidate is not None and hmac.compare_digest(candidate.encode(), expected)

    @web.middleware
    async def check_token(request: web.Request, handler: Handler) -> web.StreamResponse:
        if matches(request.query.get(TOKEN_PARAMETER)):
            query = request.rel_url.query.copy()
            del query[TOKEN_PARAMETER]
            location = request.rel_url.with_query(query)
            response = web.Response(status=302, headers={"Location": str(location)})
            response.set_cookie(COOKIE_NAME, token, httponly=True, samesite="Strict", path="/")
            return response
        if not matches(request.cookies.get(COOKIE_NAME)):
            return web.Response(status=403, text="403: open the URL gaptracker serve printed")
        return await handler(request)

    return check_token


class TokenServer(Server):
    """textual-serve's Server with the token check and no directory index."""

    def __init__(self, command: str, *, token: str, host: str, port: int) -> None:
        super().__init__(command, host=_url_host(host), port=port, title="gaptracker")
        self.token = token
        self.bind_host = host

    async def _make_app(self) -> web.Application:
        """textual-serve's routes, with show_index off and the token middleware first."""
        import aiohttp_jinja2
        import jinja2

        app = web.Application(middlewares=[token_middleware(self.token)])
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates_path))
        app.add_routes(
            [
                web.get("/", self.handle_index, name="index"),
                web.get("/ws", self.handle_websocket, name="websocket"),
                web.get("/download/{key}", self.handle_download, name="download"),
                web.static("/static", self.statics_path, show_index=False, name="static"),
            ]
        )
        return app

    def run(self, on_ready: Callable[[], None]) -> None:
        """Serve until Ctrl+C (or SIGTERM); `on_ready` runs once the port is bound, so
        the URL it prints can be opened at once."""
        asyncio.run(self._serve(on_ready))

    async def _serve(self, on_ready: Callable[[], None]) -> None:
        runner = web.AppRunner(await self._make_app(), handle_signals=False)
        await runner.setup()
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for number in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(number, stop.set)
        try:
            await web.TCPSite(runner, self.bind_host, self.port).start()
            on_ready()
            await stop.wait()
        finally:
            await runner.cleanup()  # closes the websockets: each tab's app process ends


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host
