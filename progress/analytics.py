"""Reports for a cohort, aggregated in the database: completion per participant and item, quiz item
analysis (facility, discrimination, first-attempt correctness), pre/post-test scores per learning
objective, and breakdowns by Member State and sectoral body. Each function returns a pandas frame
ready for a chart and the table beside it."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from sqlalchemy import case, func, or_, select
from sqlalchemy.orm import Session

from modules.catalog import Curriculum
from progress.models import Person, Statement
from progress.roster import stamped

DONE_VERBS = ("completed", "passed")
ITEM_PREFIXES = ("lesson:", "quiz:", "test:", "exercise:")


def _people(session: Session, cohort_id: int) -> pd.DataFrame:
    rows = session.execute(
        select(Person.id, Person.display_name, Person.member_state, Person.sectoral_body).where(
            Person.cohort_id == cohort_id, Person.role == "learner"
        )
    ).all()
    return pd.DataFrame(rows, columns=["person_id", "name", "member_state", "sectoral_body"])


def item_order(cur: Curriculum) -> list[tuple[str, str]]:
    """(object id, short label) of the course's items in course order: each module's lessons, its quiz;
    the tests around them."""
    items = [("test:pre", "Pre-test")]
    for m in cur.modules:
        items += [(ls.object_id, f"M{m.number}.{n}") for n, ls in enumerate(m.lessons, 1)]
        if m.quiz is not None:
            items.append((m.quiz.object_id, f"M{m.number} quiz"))
    items.append(("test:post", "Post-test"))
    return items


def completion_matrix(session: Session, cur: Curriculum, cohort_id: int) -> pd.DataFrame:
    """One row per participant and course item: 'done', 'started' or 'not started' (long form, for a
    heatmap); the state of each pair is worked out by one grouped query."""
    state = func.max(case((Statement.verb.in_(DONE_VERBS), 2), else_=1))
    rows = session.execute(
        select(Statement.actor_id, Statement.object_id, state)
        .where(
            Statement.cohort_id == cohort_id,
            or_(*(Statement.object_id.startswith(p) for p in ITEM_PREFIXES[:3])),
        )
        .group_by(Statement.actor_id, Statement.object_id)
    ).all()
    reached = {(a, o): int(s) for a, o, s in rows}
    people = _people(session, cohort_id)
    words = {2: "done", 1: "started", 0: "not started"}
    return pd.DataFrame(
        [
            {"name": name, "item": label, "object_id": obj, "state": words[reached.get((pid, obj), 0)]}
            for pid, name in zip(people["person_id"], people["name"], strict=True)
            for obj, label in item_order(cur)
        ],
        columns=["name", "item", "object_id", "state"],
    )


def module_completion(cur: Curriculum, matrix: pd.DataFrame) -> pd.DataFrame:
    """Per module: the share of its lessons and quiz done, over the whole cohort (%)."""
    rows = []
    for m in cur.modules:
        ids = {ls.object_id for ls in m.lessons} | ({m.quiz.object_id} if m.quiz else set())
        part = matrix[matrix["object_id"].isin(ids)]
        done = (part["state"] == "done").mean() * 100 if len(part) else 0.0
        rows.append({"module": f"M{m.number}", "title": m.title, "done %": round(done, 1)})
    return pd.DataFrame(rows)


def quiz_items(session: Session, cur: Curriculum, cohort_id: int) -> pd.DataFrame:
    """Per quiz question, over each participant's first attempt at its module quiz: facility index (mean
    score, %), first-attempt correctness (% right), and discrimination index (the correlation between the
    question's score and the score on the rest of the quiz, Moodle's definition), with how many answered."""
    quiz_of = {q.id: m for m in cur.modules if m.quiz for q in m.quiz.questions}
    rows = session.execute(
        select(Statement.actor_id, Statement.object_id, Statement.score, Statement.success).where(
            Statement.cohort_id == cohort_id,
            Statement.verb == "answered",
            Statement.attempt == 1,
            Statement.object_id.in_(list(quiz_of)),
            Statement.extra["quiz"].as_string().is_not(None),
        )
    ).all()
    columns = ["module", "question", "answered", "facility %", "first attempt right %", "discrimination"]
    if not rows:
        return pd.DataFrame(columns=columns)
    answers = pd.DataFrame(rows, columns=["actor", "question", "score", "right"])
    answers["score"] = answers["score"].astype(float)
    grid = answers.groupby(["actor", "question"])["score"].first().unstack()  # actors × questions
    right = answers.groupby("question")["right"].mean()
    out = []
    for module in (m for m in cur.modules if m.quiz):
        ids = [q.id for q in module.quiz.questions if q.id in grid.columns]
        if not ids:
            continue
        block = grid[ids].dropna(how="all")
        total = block.fillna(0).sum(axis=1)
        for qid in ids:
            item = block[qid]
            both = pd.DataFrame({"item": item, "rest": total - item.fillna(0)}).dropna()
            varies = len(both) > 2 and both["item"].std(ddof=0) > 0 and both["rest"].std(ddof=0) > 0
            discrimination = both["item"].corr(both["rest"]) if varies else None
            out.append(
                {
                    "module": f"M{module.number}",
                    "question": qid,
                    "answered": int(item.notna().sum()),
                    "facility %": round(float(item.mean()) * 100, 1),
                    "first attempt right %": round(float(right.get(qid, 0.0)) * 100, 1),
                    "discrimination": None if discrimination is None else round(float(discrimination), 2),
                }
            )
    return pd.DataFrame(out, columns=columns)


def objective_scores(session: Session, cur: Curriculum, cohort_id: int) -> pd.DataFrame:
    """Per learning objective: the cohort's mean score (%) in the pre-test and the post-test and the gain,
    averaged in the database from the tests' answer statements (each carries its objective)."""
    test = Statement.extra["test"].as_string()
    objective = Statement.extra["objective"].as_string()
    rows = session.execute(
        select(test, objective, func.avg(Statement.score), func.count(func.distinct(Statement.actor_id)))
        .where(Statement.cohort_id == cohort_id, Statement.verb == "answered", test.in_(("pre", "post")))
        .group_by(test, objective)
    ).all()
    means = {(t, str(o)): (float(avg) * 100, int(n)) for t, o, avg, n in rows if avg is not None}
    out = []
    for m in cur.modules:
        for n, text in enumerate(m.objectives, 1):
            key = f"{m.id}.{n}"
            pre, post = means.get(("pre", key)), means.get(("post", key))
            out.append(
                {
                    "objective": f"M{m.number}.{n}",
                    "text": text,
                    "pre %": None if pre is None else round(pre[0], 1),
                    "post %": None if post is None else round(post[0], 1),
                    "gain (points)": None if pre is None or post is None else round(post[0] - pre[0], 1),
                    "people (post)": 0 if post is None else post[1],
                }
            )
    return pd.DataFrame(out)


def breakdown(
    session: Session, cur: Curriculum, cohort_id: int, by: str, matrix: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Per Member State or sectoral body (`by` = "member_state" | "sectoral_body"): participants, their
    mean share of course items done, and mean pre- and post-test scores."""
    matrix = completion_matrix(session, cur, cohort_id) if matrix is None else matrix
    people = _people(session, cohort_id)
    if people.empty:
        return pd.DataFrame(columns=[by, "participants", "items done %", "pre-test %", "post-test %"])
    done = matrix.assign(done=matrix["state"] == "done").groupby("name")["done"].mean() * 100
    tests = session.execute(
        select(Statement.actor_id, Statement.object_id, Statement.score).where(
            Statement.cohort_id == cohort_id,
            Statement.verb == "completed",
            Statement.object_id.in_(("test:pre", "test:post")),
        )
    ).all()
    scores = pd.DataFrame(tests, columns=["person_id", "test", "score"]).pivot_table(
        index="person_id", columns="test", values="score"
    )
    people = people.assign(done=people["name"].map(done))
    for test in ("test:pre", "test:post"):
        people[test] = people["person_id"].map(scores[test]) if test in scores else None
    grouped = people.groupby(by).agg(
        participants=("person_id", "count"),
        done=("done", "mean"),
        pre=("test:pre", "mean"),
        post=("test:post", "mean"),
    )
    grouped = grouped.rename(columns={"done": "items done %", "pre": "pre-test %", "post": "post-test %"})
    return grouped.round(1).reset_index()


@dataclass(frozen=True)
class Reports:
    matrix: pd.DataFrame
    items: pd.DataFrame
    objectives: pd.DataFrame
    by_state: pd.DataFrame
    by_body: pd.DataFrame


def reports(session: Session, cur: Curriculum, cohort_id: int) -> Reports:
    """Every report of a cohort, worked out again only when its statements or members have changed."""

    def build() -> Reports:
        matrix = completion_matrix(session, cur, cohort_id)
        return Reports(
            matrix,
            quiz_items(session, cur, cohort_id),
            objective_scores(session, cur, cohort_id),
            breakdown(session, cur, cohort_id, "member_state", matrix),
            breakdown(session, cur, cohort_id, "sectoral_body", matrix),
        )

    return stamped(session, "reports", cohort_id, build)
