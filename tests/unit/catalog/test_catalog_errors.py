"""A malformed or inconsistent catalog fails at load with one message naming file and field."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gaptracker.catalog import catalog_dir, load_catalog
from gaptracker.catalog.loader import FILES
from gaptracker.domain.errors import CatalogError
from tests.guards import fails_if_it_blocks


@pytest.fixture
def data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(catalog_dir(), target)
    return target


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text {old!r} not found in {path.name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def load_error(folder: Path) -> str:
    with pytest.raises(CatalogError) as info:
        load_catalog(folder)
    message = str(info.value)
    assert "\n" not in message
    return message


def test_a_copy_of_the_shipped_catalog_loads(data: Path) -> None:
    assert len(load_catalog(data).roles) == 6


def test_unknown_skill_in_a_role(data: Path) -> None:
    edit(data / "roles.toml", '"model-serving"]', '"model-servng"]')
    message = load_error(data)
    assert "roles.toml" in message and "high_leverage_notes" in message
    assert "model-servng" in message


def test_unknown_skill_in_a_requirement(data: Path) -> None:
    edit(data / "requirements.toml", 'skill = "cost-optimization"', 'skill = "cost-optimisation"')
    message = load_error(data)
    assert "requirements.toml" in message and "cost-optimisation" in message


def test_unknown_role_in_a_requirement(data: Path) -> None:
    edit(data / "requirements.toml", "{ inference-optimization-engineer = 4 }", "{ quant = 4 }")
    message = load_error(data)
    assert "requirements.toml" in message and "quant" in message


@pytest.mark.parametrize("level", ["6", "-1", "0"])
def test_target_level_out_of_range(data: Path, level: str) -> None:
    edit(
        data / "requirements.toml",
        "{ ai-infra-platform-engineer = 3 }",
        f"{{ ai-infra-platform-engineer = {level} }}",
    )
    message = load_error(data)
    assert "requirements.toml" in message
    assert "targets.ai-infra-platform-engineer.target" in message


def test_duplicate_skill_id(data: Path) -> None:
    edit(data / "skills.toml", 'id = "continual-learning"', 'id = "advanced-fine-tuning"')
    message = load_error(data)
    assert "skills.toml" in message and "duplicate" in message and "advanced-fine-tuning" in message


def test_duplicate_role_id(data: Path) -> None:
    edit(data / "roles.toml", 'id = "applied-ai-scientist"', 'id = "ai-research-scientist"')
    assert "duplicate" in load_error(data)


EXTRA_REQUIREMENT = """
[[requirements]]
skill = "cost-optimization"
priority = "could"
source_line = 59
rationale = "x"
targets = { ai-infra-platform-engineer = 2 }
"""


def test_duplicate_requirement_for_a_role(data: Path) -> None:
    with (data / "requirements.toml").open("a", encoding="utf-8") as handle:
        handle.write(EXTRA_REQUIREMENT)
    message = load_error(data)
    assert "requirements.toml" in message and "duplicate" in message


def test_a_skill_with_five_levels(data: Path) -> None:
    text = (data / "skills.toml").read_text(encoding="utf-8")
    start = text.index("levels = [")
    end = text.index("]", start)
    lines = text[start:end].splitlines(keepends=True)
    shortened = "".join(lines[:-2] + lines[-1:])  # drop the sixth level's line
    (data / "skills.toml").write_text(text[:start] + shortened + text[end:], encoding="utf-8")
    message = load_error(data)
    assert "skills.toml" in message and "skills[0].levels" in message


def test_a_role_may_leave_out_an_external_skill(data: Path) -> None:
    """A pack decides which Musts a role has; the role's Must skills follow it."""
    edit(
        data / "requirements.toml",
        "ai-research-scientist = 4, applied-ai-scientist = 4,",
        "applied-ai-scientist = 4,",
    )
    catalog = load_catalog.__wrapped__(data)
    assert catalog.must_skills("ai-research-scientist") == (
        "cpp-cuda-systems-profiling",
        "distributed-compute-literacy",
    )
    assert "reproducibility-discipline" in catalog.must_skills("applied-ai-scientist")


def test_unknown_field_is_rejected(data: Path) -> None:
    edit(data / "roles.toml", "layer = 3", "layer = 3\nlayr = 3")
    message = load_error(data)
    assert "roles.toml" in message and "layr" in message


def test_invalid_toml_and_missing_file(data: Path, tmp_path: Path) -> None:
    (data / "guide.toml").write_text("version = [", encoding="utf-8")
    assert "guide.toml" in load_error(data)
    empty = tmp_path / "empty"
    empty.mkdir()
    assert "missing" in load_error(empty)


def test_a_skill_without_level_tips_loads_and_is_planned_by_its_next_level(data: Path) -> None:
    """Tips are help, not structure: a pack may leave some out (pack validate warns)."""
    text = (data / "tips.toml").read_text(encoding="utf-8")
    cut = text.rindex("[[tips]]")
    (data / "tips.toml").write_text(text[:cut], encoding="utf-8")
    catalog = load_catalog.__wrapped__(data)
    assert "precise-communication" not in catalog.tips
    skill = catalog.skill("precise-communication")
    assert catalog.next_level_tip(skill.id, 2) == f"show level 3: {skill.descriptor(3)}"


def test_a_tip_list_of_the_wrong_length(data: Path) -> None:
    edit(data / "tips.toml", "steps = [\n", 'steps = [\n  "an extra step",\n')
    assert "five steps" in load_error(data)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b'title = "caf\xe9"\n', "is not UTF-8 text (byte 0xe9 at offset 12)"),
        (b"\xff\xfe" + 'version = "1"'.encode("utf-16-le"), "is not UTF-8 text"),
        (b"a = " + b"[" * 50_000, "nested too deeply"),
    ],
    ids=["latin-1", "utf-16", "deep"],
)
def test_a_file_that_is_not_toml_text_is_named(data: Path, content: bytes, expected: str) -> None:
    (data / "guide.toml").write_bytes(content)
    message = load_error(data)
    assert "guide.toml" in message and expected in message


@pytest.mark.parametrize("kind", ["folder", "broken symlink", "fifo", "unreadable"])
def test_a_catalog_file_that_cannot_be_read_is_named(
    data: Path, kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = data / "roles.toml"
    path.unlink()
    if kind == "folder":
        path.mkdir()
        expected = "is a folder, not a file"
    elif kind == "broken symlink":
        path.symlink_to(data / "gone.toml")
        expected = "is a broken symlink"
    elif kind == "fifo":
        os.mkfifo(path)  # must not wait for a writer
        expected = "is not a regular file"
    else:
        path.write_text("")
        real_open = os.open

        def refuse(name: object, *args: object, **kwargs: object) -> int:
            if Path(str(name)) == path:  # as root, chmod 000 would not stop the read
                raise PermissionError(13, "Permission denied", str(name))
            return real_open(name, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(os, "open", refuse)
        expected = "cannot read catalog file"
    with fails_if_it_blocks():
        message = load_error(data)
    assert str(path) in message and expected in message
    if kind == "unreadable":
        assert message.endswith(": permission denied")


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    name=st.sampled_from(FILES),
    content=st.one_of(
        st.binary(max_size=200),
        st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass")),
        st.sampled_from([b"[", b"a = 1979-02-30", b"x = [[[]]]", b"roles = 3", b"[[roles]]"]),
    ),
)
def test_any_bytes_in_a_catalog_file_give_one_catalog_error(
    data: Path, name: str, content: bytes
) -> None:
    original = (data / name).read_bytes()
    (data / name).write_bytes(content)
    try:
        message = load_error(data)
    finally:
        (data / name).write_bytes(original)
    assert message.startswith(("catalog file", "catalog error in", "cannot read catalog file"))
    assert name in message
