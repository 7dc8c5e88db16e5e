"""A simulated workshop for previews and benchmarks: `python -m progress demo --participants 70`.

Participants from the ten Member States and the Ha Noi sectors follow the course agenda over three days
(Ha Noi time): they join, take the pre-test, open the lessons of each session and answer their
knowledge checks, take the module quizzes, do the exercises the agenda names, and take the post-test.
They do so through the same functions the pages call, so every statement is one the app could have
written; only the clock is simulated. Answers vary with each person's ability and each question's
difficulty, and wrong answers follow typical mistakes (the room's favourite distractor, a convention
mixed up), so the trainer's reports have something to show. The names are invented.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import re
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from exercises.alignment import OBJECT_PREFIX as ALIGNMENT
from exercises.alignment import ItemMapping, answer_key, check_plan, plan_score
from exercises.assumptions import Rating, projects, screen, screening_score
from exercises.logframe import check_logframe, templates, to_tables
from exercises.midterm import body_ratings, check_review, review_score, reviews
from exercises.results_chain import banks, mark_round, round_of, round_score
from exercises.rules import score as quality
from exercises.tracking_cases import Answer, cases, expected, grade, set_score
from modules.catalog import Curriculum, Lesson, Module, curriculum
from modules.grading import model_response
from modules.questions import Question
from progress.accounts import join_cohort
from progress.cohorts import new_room_code
from progress.models import Cohort, CohortTrainer, Person
from progress.practice import LOGFRAME_OBJECT, TRACKING_CASES, record_submission
from progress.record import AttemptsUsed, answer_check, submit_quiz, submit_test, view_lesson
from progress.statements import clock

HANOI = dt.timezone(dt.timedelta(hours=7))
BODIES = ("ACDM", "ASOEN", "COP-AATHP", "SLOM", "ACCSM")
NAMES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {  # invented: given names, family names
    "BRN": (
        ("Nurul", "Siti Aminah", "Awang", "Dayang Nur", "Haziq"),
        ("Abdullah", "Hassan", "Mahmud", "Yusof"),
    ),
    "KHM": (("Sok", "Chenda", "Dara", "Sophea", "Vannak"), ("Chan", "Kim", "Ly", "Heng", "Meas")),
    "IDN": (("Budi", "Dewi", "Siti", "Agus", "Rina"), ("Santoso", "Wijaya", "Lestari", "Saputra", "Hidayat")),
    "LAO": (("Khamla", "Souksavanh", "Noy", "Vilay", "Phonesavanh"), ("Phommachanh", "Sisouk", "Inthavong")),
    "MYS": (("Aisyah", "Farid", "Mei Ling", "Suresh", "Nor Azlina"), ("Ismail", "Tan", "Rahman", "Kumar")),
    "MMR": (("Aung", "Thida", "Kyaw", "Su Su", "Zaw"), ("Min", "Win", "Htun", "Naing", "Oo")),
    "PHL": (("Maria", "Jose", "Ana", "Ramon", "Liza"), ("Santos", "Reyes", "Cruz", "Bautista", "Garcia")),
    "SGP": (("Wei Ling", "Rajesh", "Hui Min", "Ahmad", "Grace"), ("Lim", "Tan", "Ng", "Pillai", "Goh")),
    "THA": (
        ("Somchai", "Kanya", "Niran", "Pimchanok", "Anong"),
        ("Srisuk", "Boonmee", "Chaiyaporn", "Wongsa"),
    ),
    "VNM": (
        ("Nguyễn Thị", "Trần Văn", "Lê Thị", "Phạm Minh", "Hoàng Anh"),
        ("Lan", "Hùng", "Mai", "Tuấn", "Linh"),
    ),
}
OWN_SCRIPT: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {  # some type their name in their own script
    "THA": (("สมชาย", "กัญญา", "นิรันดร์"), ("ศรีสุข", "บุญมี", "ชัยพร")),
    "KHM": (("សុខ", "ចន្ទា", "ដារា"), ("ចាន់", "លី", "ហេង")),
}
QUIZ = re.compile(r"Module (\d) quiz")


@dataclass(frozen=True, slots=True)
class Workshop:
    cohort: Cohort
    participants: int
    statements: int


def difficulty(question_id: str) -> float:
    """How hard the room finds a question, 0–0.4, the same on every run (a few items are hard for many)."""
    return int(hashlib.sha256(question_id.encode()).hexdigest()[:4], 16) / 0xFFFF * 0.4


def typical_mistake(q: Question, rng: random.Random) -> Any:
    """A wrong answer as people give it: most often the question's most tempting distractor."""
    wrong = [c.text for c in q.choices if not c.correct]
    if q.kind == "single":
        favourite = wrong[int(hashlib.sha256(q.id.encode()).hexdigest(), 16) % len(wrong)]
        return favourite if rng.random() < 0.65 else rng.choice(wrong)
    if q.kind == "multiple":
        right = [c.text for c in q.choices if c.correct]
        return right[:-1] + wrong[:1] if len(right) > 1 else right + wrong[:1]
    if q.kind == "numeric":
        return round(q.answer * rng.choice((1.25, 0.8, 1.5)) + 1, 1)
    if q.kind == "text":
        return "not sure"
    if q.kind == "ordering":
        items = list(q.items)
        items[0], items[1] = items[1], items[0]
        return items
    pairs = {p.left: p.right for p in q.pairs}
    lefts = list(pairs)
    if len(lefts) > 1:
        pairs[lefts[0]], pairs[lefts[1]] = pairs[lefts[1]], pairs[lefts[0]]
    return pairs


def answer(q: Question, p_right: float, rng: random.Random) -> Any:
    return model_response(q) if rng.random() < p_right else typical_mistake(q, rng)


class Clock:
    """The simulated time: moved forward by the simulation, read by every statement recorded."""

    def __init__(self, start: dt.datetime) -> None:
        self.now = start

    def at(self, when: dt.datetime) -> None:
        self.now = max(self.now, when)

    def tick(self, rng: random.Random, low: float = 0.5, high: float = 3.0) -> None:
        self.now += dt.timedelta(minutes=rng.uniform(low, high))

    def __call__(self) -> dt.datetime:
        return self.now.astimezone(dt.UTC).replace(tzinfo=None)


def _lesson_checks(
    db: Session, person: Person, lesson: Lesson, ability: float, rng: random.Random, now: Clock
) -> None:
    view_lesson(db, person, lesson, uuid.uuid4().hex)
    for q in lesson.parsed.questions:
        now.tick(rng, 1, 4)
        if rng.random() < 0.08:  # skipped
            continue
        p = ability * (1 - difficulty(q.id))
        for attempt in range(3):
            try:
                feedback = answer_check(
                    db, person, lesson, q, answer(q, p + 0.25 * attempt, rng), uuid.uuid4().hex
                )
            except AttemptsUsed:
                break
            if feedback.correct or rng.random() < 0.25:  # right, or gave up for now
                break
            now.tick(rng, 0.3, 1.5)


def _quiz(
    db: Session, person: Person, module: Module, ability: float, rng: random.Random, now: Clock
) -> None:
    if module.quiz is None:
        return
    for attempt in range(2):
        p = min(0.97, ability + 0.1 + 0.1 * attempt)
        answers = {q.id: answer(q, p * (1 - difficulty(q.id) / 2), rng) for q in module.quiz.questions}
        now.tick(rng, 8, 15)
        try:
            if submit_quiz(db, person, module, answers, uuid.uuid4().hex).passed:
                return
        except AttemptsUsed:
            return


def _test(
    db: Session, person: Person, cur: Curriculum, kind: str, p: float, rng: random.Random, now: Clock
) -> None:
    form = cur.test(kind)
    if form is None or not form.items:
        return
    now.tick(rng, 10, 18)
    answers = {
        i.question.id: answer(i.question, p * (1 - difficulty(i.question.id)), rng) for i in form.items
    }
    submit_test(db, person, form, answers)


def _exercise(db: Session, person: Person, name: str, ability: float, rng: random.Random, now: Clock) -> None:
    """One exercise submission graded by its own checker, with the slips a participant makes."""
    body = person.sectoral_body or "ACDM"
    now.tick(rng, 10, 25)
    nonce = uuid.uuid4().hex
    if name == "results-chain" and body in banks():
        bank = banks()[body]
        items = round_of(bank, nonce)
        levels = sorted({s.level for s in bank.statements})
        answers = {s.id: s.level if rng.random() < ability else rng.choice(levels) for s in items}
        marked = round_score(mark_round(items, answers))
        record_submission(
            db, person, bank.object_id, nonce, score=marked, response=answers, success=marked >= 80
        )
    elif name == "assumptions":
        project = next((p for p in projects().values() if p.body == body), next(iter(projects().values())))
        ratings = [
            c.model
            if rng.random() < ability
            else Rating(c.model.controlled, not c.model.important, "likely", "keep")
            for c in project.candidates
        ]
        results = screen(project, ratings, [""] * len(ratings))
        response = [
            {"controlled": r.controlled, "important": r.important, "likely": r.likely, "decision": r.decision}
            for r in ratings
        ]
        record_submission(
            db, person, project.object_id, nonce, score=screening_score(results), response=response
        )
    elif name == "logframe":
        template = templates().get(body) or next(iter(templates().values()))
        rows, indicators = to_tables(template.logframe)
        findings = check_logframe(template.logframe)
        record_submission(
            db,
            person,
            LOGFRAME_OBJECT,
            nonce,
            score=quality(findings),
            response={"rows": rows, "indicators": indicators},
            findings=[f.rule for f in findings],
        )
    elif name == "tracking-cases":
        answers = {}
        for case in cases():
            e = expected(case)
            slip = rng.random() > ability
            percent = None if e.percent is None else round(e.percent, 1) + (12.5 if slip else 0)
            colour = "green" if slip and e.percent is None else e.colour
            answers[case.id] = {
                "percent": percent,
                "colour": colour,
                "lop_actual": e.lop_actual,
                "adds_up": e.adds_up,
            }
        results = [grade(c, Answer.from_dict(answers[c.id])) for c in cases()]
        record_submission(
            db,
            person,
            TRACKING_CASES,
            nonce,
            score=set_score(results),
            response=answers,
            findings=[f.rule for r in results for f in r.findings],
        )
    elif name == "alignment" and body in BODIES:
        key = answer_key()
        items = {i: "" for i in key if i.startswith(body + "-")}
        rows = {}
        for item in items:
            kra = key[item].kra if rng.random() < ability else rng.choice(("A.2", "B.2", "C.1", "D.1", "E.2"))
            rows[item] = {
                "characteristic": kra[0],
                "kra": kra,
                "measure": "",
                "outcome_id": key[item].outcome_id or "none",
                "contribution": key[item].contribution if rng.random() < 0.5 else "",
                "indicator_id": "",
            }
        mappings = {i: ItemMapping.from_dict(i, r) for i, r in rows.items()}
        results, plan = check_plan(items, mappings, set())
        record_submission(
            db,
            person,
            ALIGNMENT + body,
            nonce,
            score=plan_score(results),
            response=rows,
            findings=[f.rule for r in results for f in r.findings] + [f.rule for f in plan],
        )
    elif name == "midterm-review" and body in reviews():
        review, ratings = reviews()[body], body_ratings(body)
        criteria = [q.criterion if rng.random() < ability else "effectiveness" for q in review.questions]
        given = {r.outcome_id: r.colour if rng.random() < ability else "green" for r in ratings}
        matched, outcomes = check_review(review, list(ratings), criteria, given, {})
        response = {f"q{n}": c for n, c in enumerate(criteria)} | {f"rate:{o}": g for o, g in given.items()}
        record_submission(
            db, person, review.object_id, nonce, score=review_score(matched, outcomes), response=response
        )


EXERCISE_OF = {  # words of an agenda activity → the exercise the demo does then
    "Results chain sorter": "results-chain",
    "Assumption screening": "assumptions",
    "Logframe builder": "logframe",
    "% achievement": "tracking-cases",
    "two presets": "tracking-cases",
    "work plans align": "alignment",
    "compare the cards": "alignment",
    "Module 2 quiz": "midterm-review",
}


def _participant(
    db: Session, cohort: Cohort, n: int, rng: random.Random, used: set[str]
) -> tuple[Person, float]:
    state = sorted(NAMES)[n % len(NAMES)]
    given, family = OWN_SCRIPT[state] if state in OWN_SCRIPT and rng.random() < 0.4 else NAMES[state]
    name = f"{rng.choice(given)} {rng.choice(family)}"
    if name in used:  # two people of the same name: told apart as a trainer would, by a number
        name = f"{name} ({sum(u.startswith(name) for u in used) + 1})"
    used.add(name)
    person, _code = join_cohort(db, cohort.room_code, name, state, BODIES[n % len(BODIES)])
    return person, rng.uniform(0.4, 0.92)


def simulate(db: Session, participants: int, *, start: dt.date, seed: int = 2019) -> Workshop:
    """Create the cohort and its participants and record three days of their work."""
    cur = curriculum()
    rng = random.Random(seed)
    cohort = Cohort(
        name=f"Simulated workshop, {participants} participants (demo data)",
        room_code=new_room_code(db),
        starts_on=start,
        ends_on=start + dt.timedelta(days=len(cur.agenda) - 1),
    )
    db.add(cohort)
    db.flush()
    for trainer in db.scalars(select(Person).where(Person.role == "trainer")):  # every trainer can preview it
        db.add(CohortTrainer(cohort_id=cohort.id, person_id=trainer.id))
    first = dt.datetime.combine(start, dt.time(8, 30), HANOI)
    count = 0
    used: set[str] = set()
    for n in range(participants):
        now = Clock(first + dt.timedelta(minutes=rng.uniform(0, 20)))
        with clock(now):
            person, ability = _participant(db, cohort, n, rng, used)
            person.created_at = now()
            leaves_after = 1 if rng.random() < 0.04 else 2 if rng.random() < 0.05 else 3  # days attended
            count += _days(db, cur, person, ability, leaves_after, start, rng, now)
    return Workshop(cohort, participants, count)


def _days(
    db: Session,
    cur: Curriculum,
    person: Person,
    ability: float,
    days: int,
    start: dt.date,
    rng: random.Random,
    now: Clock,
) -> int:
    """Follow the agenda day by day; returns roughly how many actions were recorded."""
    actions = 0
    for d, day in enumerate(cur.agenda[:days]):
        date = start + dt.timedelta(days=d)
        for session in day.sessions:
            hour, minute = map(int, session.start.split(":"))
            now.at(
                dt.datetime.combine(date, dt.time(hour, minute), HANOI)
                + dt.timedelta(minutes=rng.uniform(0, 8))
            )
            for lesson_id in session.lessons:
                lesson = cur.lesson(lesson_id)
                if lesson is not None and rng.random() < 0.95:
                    _lesson_checks(db, person, lesson, ability, rng, now)
                    actions += 1 + len(lesson.parsed.questions)
            for activity in session.activities:
                if "Pre-test" in activity:
                    _test(db, person, cur, "pre", ability * 0.6, rng, now)
                if "Post-test" in activity:
                    _test(db, person, cur, "post", min(0.97, ability * 1.1), rng, now)
                if m := QUIZ.search(activity):
                    module = cur.module(f"m{m[1]}")
                    if module is not None:
                        _quiz(db, person, module, ability, rng, now)
                        actions += 1
                for words, exercise in EXERCISE_OF.items():
                    if words in activity and rng.random() < 0.9:
                        _exercise(db, person, exercise, ability, rng, now)
                        actions += 1
    return actions
