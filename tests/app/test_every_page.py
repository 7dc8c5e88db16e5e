"""Every page and every query-parameter route, for every kind of person: the page or a refusal, never an
exception. A visitor, a participant, a self-paced learner, the cohort's trainer, a trainer of another
cohort and an administrator each open every route of the app; a page that is not theirs is refused by
the router, and its script, run on its own, refuses too."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from streamlit.testing.v1 import AppTest

from modules.catalog import curriculum
from progress import db as store
from progress.accounts import create_trainer, join_cohort, register_self_paced, start_sign_in
from progress.cohorts import create_cohort
from progress.models import Person
from tests.app.conftest import PASSWORD
from tests.app.test_pages import APP, ROOT, open_page, titles

CUR = curriculum()
VISITOR, PARTICIPANT, SELF_PACED, TRAINER, OTHER_TRAINER, ADMIN = (
    "visitor",
    "participant",
    "self-paced learner",
    "trainer",
    "trainer of another cohort",
    "administrator",
)
LEARNERS = {PARTICIPANT, SELF_PACED}
TRAINERS = {TRAINER, OTHER_TRAINER, ADMIN}
SIGNED_IN = LEARNERS | TRAINERS
EVERYONE = {VISITOR} | SIGNED_IN


@dataclass(frozen=True)
class Route:
    path: str
    params: tuple[tuple[str, str], ...]
    title: str
    who: frozenset[str]  # who may open it; everyone else is refused

    @property
    def name(self) -> str:
        query = "&".join(f"{k}={v}" for k, v in self.params)
        return self.path + (f"?{query}" if query else "")


def route(path: str, title: str, who: set[str], **params: str) -> Route:
    return Route(path, tuple(params.items()), title, frozenset(who))


def routes(room: str) -> list[Route]:
    """Every page of app.py, and every query-parameter route of the pages that read one."""
    learn = SIGNED_IN
    m1 = CUR.module("m1")
    term = CUR.glossary.terms[0]
    out = [
        route("progress/join_page.py", "ASCC M&E Academy", {VISITOR}),
        route("progress/join_page.py", "ASCC M&E Academy", {VISITOR}, room=room),
        route("progress/trainer_signin_page.py", "Trainer sign-in", {VISITOR}),
        route("progress/verify_page.py", "Verify a certificate", EVERYONE),
        route("progress/verify_page.py", "Verify a certificate", EVERYONE, code="NOPE-NOPE"),
        route("modules/modules_page.py", "ASCC M&E Academy", learn),
        route("modules/module_page.py", f"Module 1: {m1.title}", learn, module="m1"),
        route("modules/module_page.py", "Module not found", learn, module="m9"),
        route("modules/module_page.py", "Module not found", learn),
        route("modules/lesson_page.py", "Lesson not found", learn, lesson="m1/nowhere"),
        route("modules/lesson_page.py", "Lesson not found", learn),
        route("modules/lesson_page.py", "Lesson not found", learn, quiz="m9"),
        route("modules/lesson_page.py", "Lesson not found", learn, test="mid"),
        route("modules/lesson_page.py", "Pre-test", learn, test="pre"),
        route("modules/lesson_page.py", "Post-test", learn, test="post"),
        route("modules/glossary_page.py", "Glossary", learn),
        route("modules/glossary_page.py", "Glossary", learn, term=term.id),
        route("modules/glossary_page.py", "Glossary", learn, term="no-such-term"),
        route("datasets/explorer_page.py", "Data explorer", learn),
        route("exercises/practice_page.py", "Practice", learn),
        route("exercises/results_chain_page.py", "Results chain sorter", learn),
        route("exercises/indicator_clinic_page.py", "Indicator clinic", learn),
        route("exercises/logframe_page.py", "Logframe builder", learn),
        route("exercises/assumptions_page.py", "Assumption screening", learn),
        route("exercises/tracker_page.py", "Indicator tracker", learn),
        route("exercises/tracking_cases_page.py", "Progress and traffic lights: your turn", learn),
        route("exercises/alignment_page.py", "Work-plan alignment", learn),
        route("exercises/midterm_review_page.py", "Mid-term review simulation", learn),
        route("progress/my_progress_page.py", "My progress", LEARNERS),
        route("progress/cohorts_page.py", "Cohorts and roster", TRAINERS),
        route("progress/pacing_page.py", "Pacing", TRAINERS),
        route("progress/reports_page.py", "Reports", TRAINERS),
        route("progress/live_room_page.py", "Live room", TRAINERS),
        route("modules/facilitator_page.py", "Facilitator guide", TRAINERS),
    ]
    for module in CUR.modules:
        out.append(
            route(
                "modules/module_page.py", f"Module {module.number}: {module.title}", learn, module=module.id
            )
        )
        if module.quiz is not None:
            out.append(route("modules/lesson_page.py", f"Module {module.number} quiz", learn, quiz=module.id))
        out += [route("modules/lesson_page.py", ls.title, learn, lesson=ls.id) for ls in module.lessons]
    return out


def every_page_file() -> set[str]:
    packages = ("modules", "exercises", "progress", "datasets")
    return {str(p.relative_to(ROOT)) for pkg in packages for p in (ROOT / pkg).rglob("*_page.py")}


def test_the_table_names_every_page_of_the_app():
    assert {r.path for r in routes("ROOM")} == every_page_file()


@pytest.fixture
def people(room: str) -> dict[str, str]:
    """A sign-in token for each kind of person (the visitor has none)."""
    with store.sessions().begin() as db:
        trainer = db.query(Person).filter_by(username="trainer1").one()
        other = create_trainer(db, "trainer2", "Trainer Two", PASSWORD)
        create_cohort(db, other, "Bangkok workshop", room_code="BKK2026")
        admin = create_trainer(db, "admin1", "Admin One", PASSWORD)
        admin.is_admin = True
        participant, _ = join_cohort(db, room, "Nguyen Thi Lan", "VNM", "ACDM")
        alone, _ = register_self_paced(db, "Sok Dara", "KHM", "SLOM")
        tokens = {
            VISITOR: "",
            PARTICIPANT: start_sign_in(db, participant),
            SELF_PACED: start_sign_in(db, alone),
            TRAINER: start_sign_in(db, trainer),
            OTHER_TRAINER: start_sign_in(db, other),
            ADMIN: start_sign_in(db, admin),
        }
    return tokens


def signed_in(token: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    if token:
        at.query_params["s"] = token
    return at.run()


def problems(at: AppTest) -> list[str]:
    """What a page shows that says it broke: an exception, or an error box."""
    return [f"exception: {e.value}" for e in at.exception] + [f"error: {e.value}" for e in at.error]


EXPECTED_ERRORS = {"progress/verify_page.py?code=NOPE-NOPE"}  # a code that matches no certificate


@pytest.mark.parametrize("who", [VISITOR, PARTICIPANT, SELF_PACED, TRAINER, OTHER_TRAINER, ADMIN])
def test_every_route_shows_the_page_or_refuses_it(people, room, who):
    at = signed_in(people[who])
    assert not at.exception
    seen: dict[str, list[str]] = {}
    for r in routes(room):
        if who not in r.who:
            with pytest.raises(ValueError, match="Could not find a navigation page"):
                open_page(at, r.path, **dict(r.params))
            continue
        open_page(at, r.path, **dict(r.params))
        shown = problems(at)
        if r.name in EXPECTED_ERRORS:
            assert [p for p in shown if p.startswith("exception")] == [], r.name
            assert shown, f"{r.name}: the bad code gets a message"
        else:
            assert shown == [], (who, r.name, shown)
        seen[r.name] = titles(at)
        assert titles(at)[:1] == [r.title], (who, r.name, titles(at))
    allowed = [r for r in routes(room) if who in r.who]
    assert len(seen) == len({r.name for r in allowed}) > 0


TRAINER_ONLY = sorted({r.path for r in routes("ROOM") if r.who == frozenset(TRAINERS)})


@pytest.mark.parametrize("path", TRAINER_ONLY)
@pytest.mark.parametrize("who", [VISITOR, PARTICIPANT, SELF_PACED])
def test_a_trainer_page_run_on_its_own_refuses_anyone_else(people, path, who):
    """Defence in depth: even a page script reached without the router checks who is asking."""
    at = AppTest.from_file(str(ROOT / path), default_timeout=60)
    if who != VISITOR:
        with store.sessions().begin() as db:
            from progress.accounts import person_for_token
            from progress.identity import me_of

            person = person_for_token(db, people[who])
            assert person is not None
            at.session_state["me"] = me_of(person)
            at.session_state["token"] = people[who]
    at.run()
    assert not at.exception
    assert [e.value for e in at.error] == ["This page is for trainers only."]
    assert not at.dataframe and not at.get("download_button") and not at.metric


def test_the_trainer_previews_both_tests_and_goes_back_to_the_modules(people):
    """The crash the audit found: the test page linked trainers to My progress, which they do not have."""
    at = signed_in(people[TRAINER])
    for kind, title in (("pre", "Pre-test"), ("post", "Post-test")):
        open_page(at, "modules/lesson_page.py", test=kind)
        assert not at.exception and titles(at) == [title]
        links = at.get("page_link")
        assert [(link.proto.page, link.proto.label) for link in links][:1] == [("modules", "Modules")]
