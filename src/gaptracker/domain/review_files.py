"""Making and reading the two review files, and checking a review against its bundle.

Each reader turns any file that is not exactly the expected document into one
UserInputError line naming the file and the first problem, before anything is written;
`check_review` is everything `import-review` refuses (a bundle this database never made,
a bundle changed since, a review edited by hand, skills the bundle did not hold).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Mapping, Sequence
from typing import TypeVar

from pydantic import ValidationError
from pydantic_core import from_json

from gaptracker.domain.days import earliest_day_at, latest_day_at
from gaptracker.domain.errors import UserInputError
from gaptracker.domain.mentor import (
    REQUEST_FORMAT,
    REVIEW_FORMAT,
    MentorLevel,
    MentorRating,
    Review,
    ReviewRequest,
    SharedBundle,
    SharedSkill,
    review_digest,
)
from gaptracker.domain.models import Catalog, Frozen, Rating

Document = TypeVar("Document", bound=Frozen)


def new_id() -> str:
    """A random id for a bundle or a review (uuid4, 32 hex digits)."""
    return uuid.uuid4().hex


def build_request(
    catalog: Catalog,
    role_id: str,
    pack_id: str,
    who: str,
    current: Mapping[str, Rating],
    now: dt.datetime,
    *,
    hide_targets: bool = False,
    share_notes: bool = True,
) -> ReviewRequest:
    """The bundle of `role_id`'s skills with their rubric; the user's current levels
    (and notes) and the role's targets only as the flags allow."""
    skills = []
    for requirement in catalog.requirements_for(role_id):
        skill = catalog.skill(requirement.skill_id)
        rating = None if hide_targets else current.get(skill.id)
        skills.append(
            SharedSkill(
                id=skill.id,
                name=skill.name,
                description=skill.description,
                levels=skill.levels,
                target=None if hide_targets else requirement.target,
                level=rating.level if rating else None,
                note=rating.note if rating and share_notes else None,
            )
        )
    return _validated(
        ReviewRequest,
        id=new_id(),
        created_at=now,
        who=who,
        role_id=role_id,
        role_name=catalog.role(role_id).name,
        pack_id=pack_id,
        pack_version=catalog.version,
        targets_hidden=hide_targets,
        notes_shared=share_notes,
        skills=tuple(skills),
    )


def build_review(
    request: ReviewRequest,
    mentor: str,
    levels: Sequence[MentorLevel],
    now: dt.datetime,
    today: dt.date,
) -> Review:
    """The mentor's review of `request`; every skill must be one of the bundle's."""
    for given in levels:
        if request.skill(given.skill_id) is None:
            raise UserInputError(f"the bundle has no skill {given.skill_id!r}")
    body = {
        "format": REVIEW_FORMAT,
        "schema_version": 1,
        "id": new_id(),
        "bundle_id": request.id,
        "bundle_hash": request.content_hash,
        "mentor": mentor,
        "reviewed_on": today.isoformat(),
        "created_at": now.isoformat(),
        "levels": [m.model_dump(mode="json") for m in levels],
    }
    try:
        draft = Review.model_validate({**body, "digest": "0" * 64}, strict=False)
    except ValidationError as exc:
        raise UserInputError(f"the review cannot be made: {_first(exc)}") from None
    # The digest of the fields as the file will hold them (pydantic's spelling of times).
    return draft.model_copy(update={"digest": review_digest(draft.model_dump(mode="json"))})


def parse_request(text: str, source: str) -> ReviewRequest:
    """The bundle in a file's text, or one line saying why it is not one."""
    return _parse(text, source, ReviewRequest, REQUEST_FORMAT, "review request")


def parse_review(text: str, source: str) -> Review:
    """The review in a file's text (its digest checked), or one line saying why not."""
    review = _parse(text, source, Review, REVIEW_FORMAT, "review")
    if not review.digest_matches:
        raise UserInputError(f"{source} was changed after 'gaptracker review' wrote it")
    return review


def check_review(
    review: Review,
    bundle: SharedBundle | None,
    known_skills: Callable[[str], bool],
    source: str,
    now: dt.datetime | None = None,
) -> None:
    """UserInputError unless `review` is of `bundle` (this database's, unchanged), names
    only skills the bundle held that the active catalog still knows, and (given `now`) is
    dated on a day that was today somewhere on Earth between the bundle's sharing and `now`.

    The mentor dates the review by their own calendar and the user imports it by theirs:
    the two can be 26 hours apart (UTC+14 and UTC-12), so the bounds are the days of the
    furthest zones (domain.days), never the user's own today (which would refuse a review
    made "today" in Kiribati while it is still yesterday in the user's zone)."""
    if bundle is None:
        raise UserInputError(f"{source} reviews a bundle this database never made")
    if bundle.content_hash != review.bundle_hash:
        raise UserInputError(f"{source} reviews a bundle changed after 'gaptracker share'")
    if now is not None and review.reviewed_on > latest_day_at(now):
        raise UserInputError(f"{source} is dated {review.reviewed_on}, after today")
    if review.reviewed_on < earliest_day_at(bundle.created_at):
        raise UserInputError(
            f"{source} is dated {review.reviewed_on}, before the bundle was shared"
        )
    for given in review.levels:
        if given.skill_id not in bundle.skill_ids:
            raise UserInputError(f"{source}: {given.skill_id!r} was not in the bundle")
        if not known_skills(given.skill_id):
            raise UserInputError(f"{source}: unknown skill {given.skill_id!r}")


def mentor_ratings(review: Review, bundle: SharedBundle, now: dt.datetime) -> list[MentorRating]:
    """The rows `import-review` appends for a checked review."""
    return [
        MentorRating(
            review_id=review.id,
            bundle_id=review.bundle_id,
            mentor=review.mentor,
            reviewed_on=review.reviewed_on,
            skill_id=given.skill_id,
            level=given.level,
            note=given.note,
            imported_at=now,
            pack_id=bundle.pack_id,
        )
        for given in review.levels
    ]


def bundle_record(request: ReviewRequest) -> SharedBundle:
    """What the database keeps of a bundle `share` wrote."""
    return SharedBundle(
        id=request.id,
        content_hash=request.content_hash,
        role_id=request.role_id,
        skill_ids=tuple(s.id for s in request.skills),
        created_at=request.created_at,
        pack_id=request.pack_id,
    )


def _validated(model: type[Document], **values: object) -> Document:
    try:
        return model.model_validate(values, strict=False)
    except ValidationError as exc:
        raise UserInputError(f"cannot make the bundle: {_first(exc)}") from None


def _parse(text: str, source: str, model: type[Document], marker: str, what: str) -> Document:
    try:
        raw = from_json(text)  # bounded nesting, no lone surrogates
    except ValueError as exc:
        raise UserInputError(f"{source} is not a gaptracker {what}: invalid JSON ({exc})") from None
    if not isinstance(raw, dict) or raw.get("format") != marker:
        raise UserInputError(f"{source} is not a gaptracker {what} (no 'format' marker)")
    version = raw.get("schema_version")
    if type(version) is not int or version != 1:
        raise UserInputError(
            f"{source} is a {what} of schema {version!r}, which this version cannot read"
        )
    try:
        return model.model_validate_json(text)
    except ValidationError as exc:
        raise UserInputError(f"{source} is not a valid {what}: {_first(exc)}") from None


def _first(exc: ValidationError) -> str:
    error = exc.errors()[0]
    where = ".".join(str(part) for part in error["loc"])
    return f"{where}: {error['msg']}" if where else str(error["msg"])
