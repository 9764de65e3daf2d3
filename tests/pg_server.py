"""A throwaway PostgreSQL server for the tests: made in a temp folder, reached through a
unix socket in that folder (no port to collide with another run), stopped at the end.

initdb and pg_ctl refuse to run as root: as root, they run as the `postgres` user
(`runuser`), in a folder that user owns. Waiting is `pg_ctl -w` (it returns once the
server accepts connections), never a sleep.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

SUPERUSER = "gaptracker"
"""The server's superuser, made by initdb; the socket's trust authentication lets it in."""
MEMBER = "gaptracker_member"
"""A plain login (not a superuser: the policies hold it), the member of every group the
tests copy from their template database (tests/conftest.py)."""
PASSWORD_LOGIN = "gaptracker_with_password"
"""The one login the server asks for a password (every other is trusted on the socket):
for the tests of a wrong or missing password."""


def server_binaries() -> Path | None:
    """The folder holding initdb, pg_ctl and postgres (Debian's versioned folders first,
    the newest of them), or None."""
    for folder in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if all((Path(folder) / name).is_file() for name in ("initdb", "pg_ctl", "postgres")):
            return Path(folder)
    found = shutil.which("initdb")
    return Path(found).parent if found and shutil.which("pg_ctl") else None


SYSTEM_FOLDERS = "/usr/sbin:/sbin:/usr/bin:/bin"
"""Where `runuser` lives on Debian: a minimal PATH (env -i, cron) often lacks /usr/sbin."""


def switch_user_command() -> str | None:
    """The `runuser` to start the server as `postgres` when we are root, or None when
    running as root is not needed (we are not root) and the path is irrelevant."""
    return shutil.which("runuser") or shutil.which("runuser", path=SYSTEM_FOLDERS)


def missing_prerequisite() -> str | None:
    """Why a throwaway server cannot start here, or None when it can."""
    if server_binaries() is None:
        return "no PostgreSQL server binaries (initdb, pg_ctl) found"
    if os.geteuid() == 0 and switch_user_command() is None:
        return "running as root needs runuser (util-linux) to start PostgreSQL as postgres"
    return None


@dataclass
class PgServer:
    folder: Path
    bin_dir: Path
    as_user: str | None
    runuser: str = "runuser"

    @property
    def socket_dir(self) -> Path:
        return self.folder

    def url(self, database: str, login: str = SUPERUSER) -> str:
        return f"postgresql+psycopg://{login}@/{database}?host={self.socket_dir}"

    def conninfo(self, database: str = "postgres") -> str:
        return f"host={self.socket_dir} user={SUPERUSER} dbname={database}"

    def _run(self, *command: str) -> None:
        prefix = [self.runuser, "-u", self.as_user, "--"] if self.as_user else []
        done = subprocess.run(
            [*prefix, *command], capture_output=True, text=True, timeout=120, check=False
        )
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(command)} failed: {done.stderr or done.stdout}")

    def start(self) -> None:
        data = self.folder / "data"
        self._run(
            str(self.bin_dir / "initdb"),
            "-D",
            str(data),
            "-U",
            SUPERUSER,
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--locale=C",
            "--no-sync",
        )
        hba = data / "pg_hba.conf"
        stat = hba.stat()
        hba.write_text(f"local all {PASSWORD_LOGIN} scram-sha-256\n" + hba.read_text())
        os.chown(hba, stat.st_uid, stat.st_gid)
        options = f"-k {self.socket_dir} -c listen_addresses='' -F"
        log = str(self.folder / "server.log")
        self._run(
            str(self.bin_dir / "pg_ctl"), "-D", str(data), "-l", log, "-o", options, "-w", "start"
        )

    def stop(self) -> None:
        self._run(
            str(self.bin_dir / "pg_ctl"),
            "-D",
            str(self.folder / "data"),
            "-m",
            "fast",
            "-w",
            "stop",
        )


def start_server(bin_dir: Path) -> PgServer:
    """A running server in a new temp folder (owned by `postgres` when we are root)."""
    as_user = None
    folder = Path(tempfile.mkdtemp(prefix="gt-pg-"))
    if os.geteuid() == 0:
        as_user = "postgres"
        owner = pwd.getpwnam(as_user)
        os.chown(folder, owner.pw_uid, owner.pw_gid)
    server = PgServer(folder, bin_dir, as_user, switch_user_command() or "runuser")
    try:
        server.start()
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return server


def remove_server(server: PgServer) -> None:
    try:
        server.stop()
    finally:
        shutil.rmtree(server.folder, ignore_errors=True)


def as_login(url: str, login: str) -> str:
    """The same database's URL for another login (the test server trusts its socket)."""
    scheme, rest = url.split("://", 1)
    return f"{scheme}://{login}@{rest.split('@', 1)[1]}"
