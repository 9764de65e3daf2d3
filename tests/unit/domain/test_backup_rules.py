"""A backup is refused unless every row means what a command could have written; the
refusal names the first bad row, and nothing about it is a crash."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gaptracker.domain.backup import BackupDocument, parse_backup
from gaptracker.domain.errors import UserInputError
from gaptracker.domain.text import MAX_TEXT_LENGTH
from tests.strategies import CATALOG, NOW, backups

Raw = dict[str, Any]


def base() -> Raw:
    return {
        "format": "gaptracker-backup",
        "schema_version": 1,
        "app_version": "0.1.0",
        "created_at": "2026-03-02T09:00:00Z",
        "ratings": [
            {
                "skill_id": "gpu-cuda-programming",
                "level": 2,
                "note": "tiled matmul",
                "evidence": "",
                "effective_date": "2026-03-01",
                "created_at": "2026-03-01T10:00:00Z",
                "catalog_version": "1",
                "id": 1,
                "checkin_id": 1,
            }
        ],
        "target_changes": [
            {"role_id": "inference-optimization-engineer", "changed_at": "2026-03-01T09:00:00Z"}
        ],
        "applicability_marks": [
            {
                "role_id": "inference-optimization-engineer",
                "skill_id": "model-serving",
                "not_applicable": True,
                "reason": "another team's job",
                "created_at": "2026-03-01T09:00:00Z",
            }
        ],
        "checkins": [
            {
                "id": 1,
                "role_id": "inference-optimization-engineer",
                "started_at": "2026-03-01T09:59:00Z",
            }
        ],
        "goals": [
            {
                "skill_id": "gpu-cuda-programming",
                "level": 3,
                "due": "2026-06-30",
                "created_at": "2026-03-01T09:00:00Z",
            }
        ],
        "plan_events": [
            {
                "kind": "practice",
                "item_id": "theme:1",
                "status": "done",
                "confidence": 3,
                "created_at": "2026-03-01T09:00:00Z",
            }
        ],
    }


def parse(raw: Raw | str) -> BackupDocument:
    text = raw if isinstance(raw, str) else json.dumps(raw)
    return parse_backup(text, "b.json", CATALOG, NOW)


def with_change(path: str, value: object) -> Raw:
    """base() with one field replaced: "ratings.0.effective_date"."""
    raw = base()
    *parents, last = path.split(".")
    node: Any = raw
    for part in parents:
        node = node[int(part)] if part.isdigit() else node[part]
    node[int(last) if last.isdigit() else last] = value
    return raw


def test_the_base_document_is_a_valid_backup() -> None:
    document = parse(base())
    assert len(document.ratings) == 1 and document.ratings[0].checkin_id == 1


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (
            "ratings.0.effective_date",
            "9999-12-31",
            "ratings[0].effective_date: 9999-12-31 is after",
        ),
        (
            "ratings.0.effective_date",
            "0001-01-01",
            "ratings[0].effective_date: 0001-01-01 is before",
        ),
        ("ratings.0.created_at", "9999-12-31T00:00:00Z", "ratings[0].created_at: 9999"),
        ("ratings.0.created_at", "9999-12-31T23:59:00-12:00", "is in the future"),
        ("ratings.0.created_at", "2026-03-01T10:00:00", "has no time zone"),
        ("ratings.0.skill_id", "basket-weaving", "ratings[0].skill_id: unknown skill"),
        ("ratings.0.level", "3", "ratings[0].level"),
        ("ratings.0.level", 6, "ratings[0].level"),
        ("ratings.0.level", True, "ratings[0].level"),
        ("ratings.0.id", -4, "ratings[0].id: -4 is not an id"),
        ("ratings.0.id", 2**63, "ratings[0].id"),
        ("ratings.0.checkin_id", 7, "ratings[0].checkin_id: unknown check-in 7"),
        ("ratings.0.catalog_version", "", "ratings[0].catalog_version"),
        ("applicability_marks.0.skill_id", "cpp-cuda-systems-profiling", "is a Must skill"),
        ("applicability_marks.0.skill_id", "docker-and-kubernetes", "does not require"),
        ("applicability_marks.0.reason", "  ", "a reason is needed"),
        ("target_changes.0.role_id", "ceo", "target_changes[0].role_id: unknown role 'ceo'"),
        ("goals.0.skill_id", "juggling", "goals[0].skill_id: unknown skill"),
        ("goals.0.due", "2099-01-01", "goals[0].due: 2099-01-01 is more than 10 years away"),
        ("goals.0.due", "2020-01-01", "goals[0].due: 2020-01-01 is before"),
        ("checkins.0.role_id", "astronaut", "checkins[0].role_id: unknown role"),
        ("checkins.0.id", 0, "checkins[0].id: 0 is not an id"),
        ("plan_events.0.item_id", "theme:99", "plan_events[0].item_id: unknown practice item"),
        ("plan_events.0.confidence", None, "plan_events[0].confidence"),
        ("plan_events.0.kind", "phase", "plan_events[0]"),
        ("schema_version", True, "a backup of schema True"),
        ("schema_version", 1.0, "a backup of schema 1.0"),
        ("format", "other", "no 'format' marker"),
    ],
)
def test_a_row_that_breaks_a_rule_is_named(path: str, value: object, message: str) -> None:
    with pytest.raises(UserInputError, match=r"^b\.json is") as refused:
        parse(with_change(path, value))
    assert message in str(refused.value)
    assert "\n" not in str(refused.value)


@pytest.mark.parametrize(
    "text",
    [
        "[" * 100_000,
        '{"format": "gaptracker-backup", "note": "\\ud800"}',
        "",
        "null",
        json.dumps({**base(), "ratings": "none"}),
        json.dumps({**base(), "extra": 1}),
        json.dumps(base())[:-7],
    ],
)
def test_garbage_is_refused_with_one_line(text: str) -> None:
    with pytest.raises(UserInputError) as refused:
        parse(text)
    assert "\n" not in str(refused.value)


def test_a_lone_surrogate_escape_in_a_note_is_refused() -> None:
    text = json.dumps(base()).replace("tiled matmul", "caf\\ud800")
    with pytest.raises(UserInputError, match="invalid JSON"):
        parse(text)


def test_ids_used_twice_are_refused() -> None:
    raw = base()
    raw["ratings"].append(copy.deepcopy(raw["ratings"][0]))
    with pytest.raises(UserInputError, match=r"ratings\[1\].id: 1 is used twice"):
        parse(raw)


FIELDS = {
    "ratings": [
        ("skill_id", "no-such-skill"),
        ("effective_date", "2999-01-01"),
        ("id", 2**40),
        ("created_at", "1999-12-31T23:00:00Z"),
    ],
    "target_changes": [("role_id", "nobody"), ("changed_at", "2199-01-01T00:00:00Z")],
    "applicability_marks": [("skill_id", "reproducibility-discipline"), ("role_id", "nobody")],
    "checkins": [("role_id", "nobody"), ("id", -1)],
    "goals": [("skill_id", "nope"), ("due", "1999-01-01")],
}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document=backups(), data=st.data())
def test_one_bad_field_anywhere_refuses_the_whole_backup_and_names_it(
    document: BackupDocument, data: st.DataObject
) -> None:
    raw = json.loads(document.to_json())
    filled = [c for c in FIELDS if raw[c]]
    collection = data.draw(st.sampled_from(filled) if filled else st.nothing())
    index = data.draw(st.integers(0, len(raw[collection]) - 1))
    field, value = data.draw(st.sampled_from(FIELDS[collection]))
    if collection == "applicability_marks" and field == "skill_id":
        raw[collection][index]["not_applicable"] = True
        raw[collection][index]["reason"] = "r"
    raw[collection][index][field] = value
    with pytest.raises(UserInputError) as refused:
        parse(raw)
    message = str(refused.value)
    assert "\n" not in message
    assert f"is not a valid backup: {collection}[{index}].{field}: " in message


def own_project(item_id: str) -> Raw:
    raw = base()
    raw["plan_events"].append(
        {
            "kind": "project",
            "item_id": item_id,
            "title": "my harness",
            "skill_ids": ["gpu-cuda-programming"],
            "created_at": "2026-03-01T09:00:00Z",
        }
    )
    return raw


@pytest.mark.parametrize(
    ("item_id", "message"),
    [
        ("own-01", "unknown project 'own-01'"),  # the app never writes a leading zero
        ("own-0", "unknown project"),
        ("own-+3", "unknown project"),
        ("own-٣", "unknown project"),
        ("own-" + "9" * 5000, "unknown project"),  # on main: int() of 5,000 digits failed
        ("own-2147483648", "is not a project number from 1 to 2147483647"),
    ],
)
def test_an_own_project_number_is_one_the_app_could_have_given(item_id: str, message: str) -> None:
    with pytest.raises(UserInputError, match=r"plan_events\[1\]\.item_id") as refused:
        parse(own_project(item_id))
    assert message in str(refused.value)


def test_the_largest_own_project_number_is_accepted() -> None:
    assert parse(own_project("own-2147483647")).plan_events[1].item_id == "own-2147483647"


TEXT_FIELDS = {
    "ratings": ("note", "evidence"),
    "applicability_marks": ("reason",),
    "plan_events": ("text", "title", "description"),
}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    document=backups(max_ratings=5),
    data=st.data(),
    length=st.integers(MAX_TEXT_LENGTH - 2, MAX_TEXT_LENGTH + 2),
)
def test_text_over_the_limit_anywhere_refuses_the_backup_and_names_it(
    document: BackupDocument, data: st.DataObject, length: int
) -> None:
    raw = json.loads(document.to_json())
    filled = [c for c in TEXT_FIELDS if raw[c]]
    collection = data.draw(st.sampled_from(filled) if filled else st.nothing())
    index = data.draw(st.integers(0, len(raw[collection]) - 1))
    field = data.draw(st.sampled_from(TEXT_FIELDS[collection]))
    raw[collection][index][field] = "w" * length
    if length <= MAX_TEXT_LENGTH:
        parse(raw)  # accepted, unless another rule says otherwise: none does here
        return
    with pytest.raises(UserInputError) as refused:
        parse(raw)
    assert f"{collection}[{index}].{field}: {length:,} characters" in str(refused.value)
