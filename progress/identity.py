"""Who is using this browser tab, as a small plain dict safe to keep in session state."""

from __future__ import annotations

from typing import Any, TypedDict

from progress.models import Person


class Me(TypedDict):
    id: int
    role: str
    name: str
    cohort_id: int | None
    member_state: str | None
    sectoral_body: str | None


def me_of(person: Person) -> Me:
    return Me(
        id=person.id,
        role=person.role,
        name=person.display_name,
        cohort_id=person.cohort_id,
        member_state=person.member_state,
        sectoral_body=person.sectoral_body,
    )


def is_trainer(me: Any) -> bool:
    return isinstance(me, dict) and me.get("role") == "trainer"
