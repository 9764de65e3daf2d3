"""Baseline for serve_startup.py: the bare Textual app (apps/hello.py) behind the same
TokenServer as `gaptracker serve` (token, middleware, child environment)."""

import os
import shlex
import sys
from pathlib import Path

from gaptracker.cli.web_server import TokenServer, child_environment, new_token

if __name__ == "__main__":
    port = int(sys.argv[1])
    minimal = child_environment(os.environ, None)
    os.environ.clear()
    os.environ.update(minimal)
    token = new_token()
    command = shlex.join([sys.executable, str(Path(__file__).with_name("hello.py"))])
    server = TokenServer(command, token=token, host="127.0.0.1", port=port)
    url = f"{server.public_url}/?token={token}"
    server.run(on_ready=lambda: print(f"serving on {url}", flush=True))
