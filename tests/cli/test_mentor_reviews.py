"""share -> review -> import-review through the entry point, with real files."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from gaptracker.domain.mentor import review_digest
from tests.cli.conftest import Result, Run, refused

ROLE = "inference-optimization-engineer"
SKILL = "reproducibility-discipline"


def mentor_rows(db_path: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(db_path) as conn:
        return conn.execute("SELECT mentor, skill_id, level, note FROM mentor_ratings").fetchall()


@pytest.fixture
def bundle(gt: Run, tmp_path: Path) -> Path:
    assert gt("target", ROLE).status == 0
    assert gt("rate", SKILL, "2", "--note", "my own note").status == 0
    path = tmp_path / "bundle.json"
    result = gt("share", "--as", "Ada", "--output", str(path))
    assert result.status == 0, result
    return path


def review(gt: Run, bundle: Path, out: Path, *rates: str, who: str = "Grace") -> Result:
    return gt(
        "review", str(bundle), "--as", who, "--output", str(out), *(f"--rate={r}" for r in rates)
    )


def test_round_trip_stores_the_mentor_s_levels_beside_the_user_s(
    gt: Run, bundle: Path, tmp_path: Path, db_path: Path
) -> None:
    data = json.loads(bundle.read_text())
    shared = {s["id"]: s for s in data["skills"]}
    assert (data["who"], shared[SKILL]["level"], shared[SKILL]["note"]) == ("Ada", 2, "my own note")
    out = tmp_path / "review.json"
    made = review(gt, bundle, out, f"{SKILL}=4:runs are tracked", "gpu-cuda-programming=1")
    assert made.status == 0, made
    done = gt("import-review", str(out))
    assert done.status == 0 and "Imported 2 levels from Grace" in done.err
    assert sorted(mentor_rows(db_path)) == [
        ("Grace", "gpu-cuda-programming", 1, ""),
        ("Grace", SKILL, 4, "runs are tracked"),
    ]
    history = json.loads(gt("history", SKILL, "--json").out)
    assert [h.get("mentor") for h in history] == [None, "Grace"]


def test_re_import_of_the_same_review_changes_nothing(
    gt: Run, bundle: Path, tmp_path: Path, db_path: Path
) -> None:
    out = tmp_path / "review.json"
    review(gt, bundle, out, f"{SKILL}=4")
    gt("import-review", str(out))
    again = gt("import-review", str(out))
    assert again.status == 0 and "nothing changed" in again.err
    assert len(mentor_rows(db_path)) == 1


def test_hide_targets_and_no_notes_keep_them_out_of_the_file(
    gt: Run, bundle: Path, tmp_path: Path
) -> None:
    blind = tmp_path / "blind.json"
    assert (
        gt("share", "--as", "Ada", "--hide-targets", "--no-notes", "--output", str(blind)).status
        == 0
    )
    text = blind.read_text()
    assert "my own note" not in text
    assert all(s["level"] is None and s["target"] is None for s in json.loads(text)["skills"])


def refuse_import(gt: Run, db_path: Path, path: Path, message: str) -> None:
    before = mentor_rows(db_path)
    line = refused(gt("import-review", str(path)))
    assert message in line
    assert mentor_rows(db_path) == before


def rewrite(path: Path, change: object) -> None:
    """Edit a review and give it a valid digest again (a forger who read the code)."""
    data = json.loads(path.read_text())
    change(data)  # type: ignore[operator]
    data["digest"] = review_digest(data)
    path.write_text(json.dumps(data))


def test_a_tampered_review_is_refused_and_nothing_changes(
    gt: Run, bundle: Path, tmp_path: Path, db_path: Path
) -> None:
    out = tmp_path / "review.json"
    review(gt, bundle, out, f"{SKILL}=4", "gpu-cuda-programming=1")
    data = json.loads(out.read_text())
    data["levels"][1]["level"] = 5
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps(data))
    refuse_import(gt, db_path, edited, "was changed after 'gaptracker review'")
    rewrite(
        out, lambda d: d["levels"].append({"skill_id": "no-such-skill", "level": 2, "note": ""})
    )
    refuse_import(gt, db_path, out, "'no-such-skill' was not in the bundle")


def test_a_review_of_a_changed_or_foreign_bundle_is_refused(
    gt: Run, bundle: Path, tmp_path: Path, db_path: Path
) -> None:
    data = json.loads(bundle.read_text())
    data["skills"][0]["level"] = 5  # the user's level "improved" after sharing
    changed = tmp_path / "changed.json"
    changed.write_text(json.dumps(data))
    out = tmp_path / "review.json"
    assert review(gt, changed, out, f"{SKILL}=3").status == 0
    refuse_import(gt, db_path, out, "changed after 'gaptracker share'")
    data["id"] = "0" * 32  # someone else's bundle
    changed.write_text(json.dumps(data))
    review(gt, changed, out, f"{SKILL}=3")
    refuse_import(gt, db_path, out, "never made")


@pytest.mark.parametrize(
    ("rate", "message"),
    [
        (f"{SKILL}=6", "level must be"),
        (f"{SKILL}=-1", "level must be"),
        (f"{SKILL}", "SKILL=LEVEL"),
        ("gpu-cuda=3", "no skill 'gpu-cuda'"),
    ],
)
def test_a_bad_rate_is_one_line_and_writes_no_file(
    gt: Run, bundle: Path, tmp_path: Path, rate: str, message: str
) -> None:
    out = tmp_path / "review.json"
    assert message in refused(review(gt, bundle, out, rate))
    assert not out.exists()


def test_a_level_out_of_range_in_the_file_is_refused(
    gt: Run, bundle: Path, tmp_path: Path, db_path: Path
) -> None:
    out = tmp_path / "review.json"
    review(gt, bundle, out, f"{SKILL}=4")
    rewrite(out, lambda d: d["levels"][0].update(level=9))
    refuse_import(gt, db_path, out, "less than or equal to 5")


def test_review_never_opens_or_creates_a_database(
    gt_process: Run, bundle: Path, tmp_path: Path
) -> None:
    home = tmp_path / "mentor-home"
    env = {
        "GAPTRACKER_DB": str(home / "mentor.sqlite"),
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_CACHE_HOME": str(home / "cache"),
    }
    home.mkdir()
    out = tmp_path / "review.json"
    result = gt_process(
        "review",
        str(bundle),
        "--as",
        "Grace",
        "--rate",
        f"{SKILL}=3",
        "--output",
        str(out),
        env=env,
    )
    assert result.status == 0, result
    assert list(home.iterdir()) == []
    assert json.loads(out.read_text())["mentor"] == "Grace"


def test_the_review_is_never_written_over_the_database(
    gt: Run, bundle: Path, db_path: Path
) -> None:
    before = db_path.read_bytes()
    line = refused(review(gt, bundle, db_path, f"{SKILL}=3"))
    assert "database" in line
    assert db_path.read_bytes() == before


def test_the_name_comes_from_the_preferences_or_is_asked_for(
    gt: Run, bundle: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    out = tmp_path / "r.json"
    assert "--as NAME" in refused(
        gt("review", str(bundle), "--output", str(out), "--rate", f"{SKILL}=3")
    )
    (config / "gaptracker").mkdir(parents=True)
    (config / "gaptracker" / "preferences.json").write_text('{"name": "Grace Hopper"}')
    assert gt("review", str(bundle), "--output", str(out), "--rate", f"{SKILL}=3").status == 0
    assert json.loads(out.read_text())["mentor"] == "Grace Hopper"


def test_a_hostile_name_is_refused(gt: Run, bundle: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    line = refused(review(gt, bundle, out, f"{SKILL}=3", who="Eve\x1b]0;owned\x07"))
    assert "printable" in line and "\x1b" not in line
    assert not out.exists()


def test_backup_and_restore_carry_bundles_and_reviews(
    gt: Run, bundle: Path, tmp_path: Path, db_path: Path
) -> None:
    first, second = tmp_path / "r1.json", tmp_path / "r2.json"
    review(gt, bundle, first, f"{SKILL}=4:good")
    review(gt, bundle, second, f"{SKILL}=3", who="Linus")
    gt("import-review", str(first))
    backup = tmp_path / "backup.json"
    assert gt("backup", str(backup)).status == 0
    kept = mentor_rows(db_path)
    db_path.unlink()
    assert gt("restore", str(backup)).status == 0
    assert mentor_rows(db_path) == kept
    assert gt("import-review", str(second)).status == 0  # the bundle is known again
    assert sorted(mentor_rows(db_path)) == sorted([*kept, ("Linus", SKILL, 3, "")])


def test_a_backup_whose_review_names_no_bundle_is_refused(
    gt: Run, bundle: Path, tmp_path: Path, db_path: Path
) -> None:
    out = tmp_path / "r.json"
    review(gt, bundle, out, f"{SKILL}=4")
    gt("import-review", str(out))
    backup = tmp_path / "backup.json"
    gt("backup", str(backup))
    data = json.loads(backup.read_text())
    data["review_bundles"] = []
    backup.write_text(json.dumps(data))
    db_path.unlink()
    assert "no such bundle" in refused(gt("restore", str(backup)))


def test_gap_labels_both_figures_and_by_mentor_gives_the_mentor_s(
    gt: Run, bundle: Path, tmp_path: Path
) -> None:
    out = tmp_path / "r.json"
    review(gt, bundle, out, f"{SKILL}=4:tracked", "cpp-cuda-systems-profiling=4")
    gt("import-review", str(out))
    text = gt("gap").out
    assert "Readiness by your own levels" in text and "By Grace's levels (review of" in text
    report = json.loads(gt("gap", "--json").out)
    (grace,) = report["mentor_reviews"]
    row = next(r for r in grace["rows"] if r["skill_id"] == SKILL)
    assert (row["own"], row["mentor"], row["difference"], row["mentor_note"]) == (
        2,
        4,
        -2,
        "tracked",
    )
    assert grace["calibration"]["lean"] == "under"
    by_mentor = json.loads(gt("gap", "--by", "mentor", "--json").out)
    assert by_mentor["readiness_by"] == "mentor"
    assert by_mentor["own_readiness"] == report["readiness"]
    assert by_mentor["mentor_reviews"][0]["readiness_by_mentor"] > report["readiness"]
    shown = gt("gap", "--by", "mentor").out
    assert shown.startswith("By your own levels:") and "By Grace's levels" in shown
    assert "no review by 'Linus'" in refused(gt("gap", "--by", "mentor", "--mentor", "Linus"))
    assert "--mentor goes with --by mentor" in refused(gt("gap", "--mentor", "Grace"))


@pytest.mark.parametrize(
    ("day", "message"), [("2999-01-01", "after today"), ("2001-01-01", "before the bundle")]
)
def test_a_review_dated_outside_its_possible_days_is_refused(
    gt: Run, bundle: Path, tmp_path: Path, db_path: Path, day: str, message: str
) -> None:
    out = tmp_path / "r.json"
    review(gt, bundle, out, f"{SKILL}=4")
    rewrite(out, lambda d: d.update(reviewed_on=day))
    refuse_import(gt, db_path, out, message)


@pytest.mark.parametrize("alias", ["same", "symlink", "hardlink", "dotted"])
def test_a_review_never_replaces_the_bundle_it_reads(
    gt: Run, bundle: Path, tmp_path: Path, alias: str
) -> None:
    """`review B --output B` (or a name that reaches B) would replace the request with
    its answer; the request is the user's, so it is refused and left as it was."""
    other = tmp_path / "other.json"
    if alias == "symlink":
        other.symlink_to(bundle)
    elif alias == "hardlink":
        other.hardlink_to(bundle)
    names = {
        "same": bundle,
        "symlink": other,
        "hardlink": other,
        "dotted": tmp_path / "." / bundle.name,
    }
    before = bundle.read_bytes()
    line = refused(review(gt, bundle, names[alias], f"{SKILL}=3"))
    assert "review request being read" in line
    assert bundle.read_bytes() == before


def test_a_byte_order_mark_from_an_editor_is_not_part_of_the_text(
    gt: Run, bundle: Path, tmp_path: Path, db_path: Path
) -> None:
    """A bundle or review saved by an editor that adds a UTF-8 BOM still reads."""
    bundle.write_bytes(b"\xef\xbb\xbf" + bundle.read_bytes())
    out = tmp_path / "review.json"
    assert review(gt, bundle, out, f"{SKILL}=4").status == 0
    out.write_bytes(b"\xef\xbb\xbf" + out.read_bytes())
    done = gt("import-review", str(out))
    assert done.status == 0, done
    assert mentor_rows(db_path) == [("Grace", SKILL, 4, "")]
