"""`gaptracker serve`: bad input is one line and exit 2, before anything is served; the
app processes it starts see a minimal environment."""

from __future__ import annotations

import asyncio
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import pytest

from tests.cli.conftest import Run, refused
from tests.web.served import free_port, serving


def test_a_host_that_is_not_an_address_is_refused(gt: Run) -> None:
    line = refused(gt("serve", "--host", "no such host.invalid"))
    assert "--host" in line


@pytest.mark.parametrize("host", ["0.0.0.0", "192.0.2.7", "::"])
def test_a_host_beyond_loopback_needs_allow_remote(gt: Run, host: str) -> None:
    assert "--allow-remote" in refused(gt("serve", "--host", host))


@pytest.mark.parametrize("port", ["0", "65536", "-1", "80x", "", "٣"])
def test_a_port_out_of_range_is_refused(gt: Run, port: str) -> None:
    assert "--port" in refused(gt("serve", "--port", port))


def test_a_port_in_use_is_refused(gt: Run) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert "in use" in refused(gt("serve", "--port", str(port)))


def test_allow_remote_passes_the_host_check(gt: Run) -> None:
    """With --allow-remote a wildcard host gets as far as the port check."""
    with socket.socket() as taken:
        taken.bind(("0.0.0.0", 0))
        taken.listen()
        port = taken.getsockname()[1]
        line = refused(gt("serve", "--host", "0.0.0.0", "--port", str(port), "--allow-remote"))
    assert "in use" in line


def test_without_the_web_extra_it_names_the_pip_command(tmp_path: Path) -> None:
    """textual_serve made unimportable (None in sys.modules), as without the extra."""
    hide = (
        "import sys\n"
        "sys.modules['textual_serve'] = None\n"
        "from gaptracker.cli import main\n"
        f"sys.exit(main(['--db', {str(tmp_path / 'gt.sqlite')!r}, 'serve']))\n"
    )
    proc = subprocess.run([sys.executable, "-c", hide], capture_output=True, text=True)
    assert proc.returncode == 2
    (line,) = proc.stderr.splitlines()
    assert line == (
        'gaptracker: error: gaptracker serve needs the web extra: pip install "gaptracker[web]"'
    )


@pytest.fixture
def served(db_path: Path) -> Iterator[tuple[subprocess.Popen[str], str]]:
    """A real `gaptracker serve`, with a secret in its environment."""
    with serving(
        db_path, {"GT_TEST_SECRET": "hunter2", "PGSERVICE": "gt-test-service"}
    ) as server_and_url:
        yield server_and_url


def _descendants(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        for child in (task / "children").read_text().split():
            found += [int(child), *_descendants(int(child))]
    return found


def _environment(pid: int) -> dict[str, str]:
    raw = Path(f"/proc/{pid}/environ").read_bytes()
    pairs = (item.decode(errors="replace").partition("=") for item in raw.split(b"\0") if item)
    return {name: value for name, _, value in pairs}


async def _open_tab_and_wait_for_the_app(url: str, server_pid: int) -> list[int]:
    jar = aiohttp.CookieJar(unsafe=True)  # a cookie from an IP address, as a browser keeps it
    async with aiohttp.ClientSession(cookie_jar=jar) as session:
        async with session.get(url) as page:  # trades the token for the cookie
            assert page.status == 200
        base = url.split("/?", 1)[0].replace("http://", "ws://")
        async with session.ws_connect(f"{base}/ws?width=100&height=30") as ws:
            while True:  # the app's first output means its process is up
                message = await asyncio.wait_for(ws.receive(), timeout=60)
                if message.type == aiohttp.WSMsgType.BINARY:
                    return _descendants(server_pid)


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads /proc")
def test_the_app_process_gets_a_minimal_environment(
    served: tuple[subprocess.Popen[str], str], db_path: Path
) -> None:
    server, url = served
    children = asyncio.run(_open_tab_and_wait_for_the_app(url, server.pid))
    assert children, "no app process was started"
    for pid in children:
        env = _environment(pid)
        assert "GT_TEST_SECRET" not in env
        assert env["PGSERVICE"] == "gt-test-service"  # libpq's: a group server's login
        assert env["GAPTRACKER_DB"] == str(db_path)
        assert env["TEXTUAL_DRIVER"].endswith(":WebDriver")
        assert "PATH" in env
        unexpected = {
            name
            for name in env
            if not name.startswith(("LC_", "XDG_", "GAPTRACKER_", "TEXTUAL", "TERM", "PG"))
            and name not in {"PATH", "HOME", "LANG", "LANGUAGE", "TZ", "TMPDIR", "USER"}
            and name not in {"LOGNAME", "COLUMNS", "ROWS", "PWD", "SHLVL", "_"}
        }
        assert not unexpected, unexpected


def test_a_wildcard_host_also_says_how_another_machine_reaches_it(db_path: Path) -> None:
    """0.0.0.0 is no address a browser elsewhere can open: the machine's name is said too."""
    port = free_port()
    command = [sys.executable, "-m", "gaptracker", "serve", "--host", "0.0.0.0"]
    command += ["--port", str(port), "--allow-remote"]
    with serving(db_path, command=command) as (server, url):
        assert url.startswith(f"http://0.0.0.0:{port}/?token=")
        assert server.stdout is not None
        second = server.stdout.readline()
    token = url.split("?token=", 1)[1]
    named = f"http://{socket.gethostname()}:{port}/?token={token}"
    assert second == f"gaptracker: from another machine: {named} (or its address)\n"
