"""Every command works on any valid pack, whatever shape the rules leave open: no external
skill, a role without a Must, another skill made a role's Must, skills without tips (a
valid pack once crashed the dashboard's Must panel, which knew only the external skills)."""

from __future__ import annotations

import contextlib
import io
import json
import os
import tempfile
from pathlib import Path
from typing import Any
from unittest import mock

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gaptracker.cli import main
from tests.pack_strategies import PackData, valid_packs


def run(db: Path, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(["--db", str(db), *args])
    return status, out.getvalue(), err.getvalue()


def ok(db: Path, *args: str) -> str:
    status, out, err = run(db, *args)
    assert status == 0 and "Traceback" not in err, (args, status, err)
    return out


def _json(text: str) -> Any:
    return json.loads(text)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(pack=valid_packs(), levels=st.lists(st.integers(0, 5), min_size=1, max_size=6))
def test_every_command_works_on_any_valid_pack(pack: PackData, levels: list[int]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        env = {"XDG_DATA_HOME": str(home / "data"), "XDG_CACHE_HOME": str(home / "cache")}
        with mock.patch.dict(os.environ, env):
            _every_command(pack, levels, home)


def _every_command(pack: PackData, levels: list[int], home: Path) -> None:
    pack_id = pack.files["pack.toml"]["id"]
    pack.write(home / "data" / "gaptracker" / "packs" / pack_id)
    db = home / "gt.sqlite"
    ok(db, "pack", "use", pack_id)
    skills = [s["id"] for s in pack.files["skills.toml"]["skills"]]
    for skill_id, level in zip(skills, levels, strict=False):
        ok(db, "rate", skill_id, str(level))
    for role in pack.files["roles.toml"]["roles"]:
        ok(db, "target", role["id"])
        gap = _json(ok(db, "gap", "--json"))
        musts = {r["skill_id"] for r in gap["gaps"] if r["priority"] == "must"}
        assert {r["skill_id"] for r in gap["must_skills"]} == musts
        assert gap["pack"] == pack_id
        _json(ok(db, "plan", "--json"))
        _json(ok(db, "status", "--json"))
        ok(db, "status")
        for form in ("md", "csv", "json"):
            ok(db, "export", "--format", form)
        ok(db, "export", "--format", "html", "--output", str(home / f"{role['id']}.html"))
