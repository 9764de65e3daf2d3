"""A backup's ratings carry their rubric digest: optional (older backups still restore),
and refused when it is not what `rubric_digest` writes (64 lowercase hex digits)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gaptracker.domain.errors import UserInputError
from gaptracker.domain.rubric import is_digest, rubric_digest
from tests.strategies import CATALOG
from tests.unit.domain.test_backup_rules import base, parse, with_change

DIGEST = rubric_digest(CATALOG.skill("gpu-cuda-programming"))


def test_a_backup_without_digests_restores_with_none() -> None:
    assert "rubric_digest" not in base()["ratings"][0]
    assert parse(base()).ratings[0].rubric_digest is None
    assert parse(with_change("ratings.0.rubric_digest", None)).ratings[0].rubric_digest is None


def test_a_digest_is_kept_and_written_back() -> None:
    document = parse(with_change("ratings.0.rubric_digest", DIGEST))
    assert document.ratings[0].rubric_digest == DIGEST
    assert parse(document.to_json()).ratings[0].rubric_digest == DIGEST


@given(st.text(max_size=80).filter(lambda t: not is_digest(t)))
def test_anything_but_64_lowercase_hex_digits_is_refused_and_named(text: str) -> None:
    with pytest.raises(UserInputError) as refused:
        parse(with_change("ratings.0.rubric_digest", text))
    assert "ratings[0].rubric_digest: not a rubric digest" in str(refused.value)
    assert "\n" not in str(refused.value)


@pytest.mark.parametrize(
    "value", [DIGEST.upper(), DIGEST[:-1], DIGEST + "0", DIGEST + "\n", " " + DIGEST[1:]]
)
def test_a_digest_almost_right_is_refused(value: str) -> None:
    with pytest.raises(UserInputError, match=r"ratings\[0\]\.rubric_digest"):
        parse(with_change("ratings.0.rubric_digest", value))


@pytest.mark.parametrize("value", [7, True, ["a" * 64]])
def test_a_digest_of_the_wrong_type_is_refused(value: object) -> None:
    with pytest.raises(UserInputError, match=r"ratings\[0\]\.rubric_digest"):
        parse(with_change("ratings.0.rubric_digest", value))
