"""Mid-term review simulation: match evaluation questions to the OECD-DAC criteria, rate each outcome's
progress from the data, write findings and a recommendation; then the checker and a model review."""

from __future__ import annotations

import uuid
from typing import Any

import pandas as pd
import streamlit as st

from datasets.samples import SampleError, results_frameworks
from exercises.midterm import (
    CRITERIA,
    PRESET,
    RATINGS,
    REVIEW_YEAR,
    ReviewError,
    body_ratings,
    check_review,
    framework_table,
    review_score,
    reviews,
)
from exercises.text import LONG_MAX
from exercises.tracking import Colour, fmt
from modules.i18n import _
from modules.lessons import plain
from progress.db import sessions
from progress.drafts import load_draft, save_draft
from progress.pacing import closed_message
from progress.practice import record_submission
from progress.statements import ActorRef

me = st.session_state.get("me")
if me is None:
    st.warning(_("Please sign in first."))
    st.stop()
closed = closed_message(me.get("cohort_id"), "exercise:midterm-review", _("This exercise"))  # pacing
if closed is not None:
    st.info(closed, icon=":material/lock_clock:")
    st.stop()
actor = ActorRef(me["id"], me["cohort_id"])
CRITERION_NAMES = {c: _(c.capitalize()) for c in CRITERIA}
RATING_NAMES = {c: _(name) for c, name in RATINGS.items()}
BADGE = {"green": "green", "amber": "orange", "red": "red", "grey": "gray"}

st.title(_("Mid-term review simulation"))
st.caption(
    _(
        "Review a sectoral body's results framework as at the end of {year}: match the evaluation questions "
        "to the OECD-DAC criteria, rate each outcome's progress from the data, and write your findings and "
        "a recommendation. After you submit, the checker compares your ratings with the data and a model "
        "review opens."
    ).format(year=REVIEW_YEAR)
)
try:
    all_reviews = reviews()
    frame = results_frameworks()
except (ReviewError, SampleError) as err:
    st.error(_("The review material could not be read: {error}").format(error=plain(str(err))))
    st.stop()

own = me.get("sectoral_body") or ""
bodies = sorted(all_reviews, key=lambda b: (b != own, b))
body = st.selectbox(_("Sectoral body"), bodies, key="mr:body")
review = all_reviews[body]
ratings = body_ratings(body)
st.info(plain(review.context), icon=":material/description:")

prefix = f"mr:{body}:"
if prefix + "loaded" not in st.session_state:
    with sessions().begin() as db:
        draft = load_draft(db, me["id"], review.object_id) or {}
    for name, value in draft.get("answers", {}).items():
        st.session_state[prefix + name] = value
    st.session_state[prefix + "checked"] = bool(draft.get("checked"))
    st.session_state[prefix + "answers"] = draft.get("answers", {})  # widgets not drawn lose their state
    st.session_state[prefix + "loaded"] = True
checked = st.session_state[prefix + "checked"]

st.subheader(_("The results framework"), anchor=False)
for r in ratings:
    st.markdown(f"**{plain(r.outcome_id)}** · {plain(r.outcome)}")
st.table(framework_table(body))
st.caption(
    _(
        "**Source:** synthetic sample results frameworks (datasets/synthetic/results_frameworks.csv). "
        "Synthetic sample: generated for practice, not real data. An empty cell means no value was reported. "
        "Cumulative indicators report running totals."
    )
)

NAMES = [f"q{n}" for n in range(len(review.questions))] + [
    f"{part}:{r.outcome_id}" for r in ratings for part in ("rate", "find", "rec")
]


def current_answers() -> dict[str, Any]:
    return {name: st.session_state.get(prefix + name) for name in NAMES}


def save_if_changed() -> None:
    state = {"answers": current_answers(), "checked": False}
    if state != st.session_state.get(prefix + "saved"):
        with sessions().begin() as db:
            save_draft(db, me["id"], review.object_id, state)
        st.session_state[prefix + "saved"] = state


def parts(
    answers: dict[str, Any],
) -> tuple[list[str | None], dict[str, Colour | None], dict[str, tuple[str, str]]]:
    """The answers as the checker takes them: criteria in order, ratings and writing per outcome."""
    criteria = [answers.get(f"q{n}") for n in range(len(review.questions))]
    given = {r.outcome_id: answers.get(f"rate:{r.outcome_id}") for r in ratings}
    writing = {
        r.outcome_id: (
            str(answers.get(f"find:{r.outcome_id}") or ""),
            str(answers.get(f"rec:{r.outcome_id}") or ""),
        )
        for r in ratings
    }
    return criteria, given, writing


# The questions, and each outcome, are fragments: an answer reruns its own part of the page only.
@st.fragment
def questions_editor() -> None:
    for n, q in enumerate(review.questions):
        st.selectbox(
            f"{n + 1}. {q.text}",
            list(CRITERION_NAMES),
            index=None,
            format_func=CRITERION_NAMES.__getitem__,
            key=f"{prefix}q{n}",
            placeholder=_("Choose a criterion"),
        )
    save_if_changed()


@st.fragment
def outcome_editor(outcome_id: str) -> None:
    st.radio(
        _("Progress rating"),
        list(RATING_NAMES),
        index=None,
        format_func=RATING_NAMES.__getitem__,
        horizontal=True,
        key=f"{prefix}rate:{outcome_id}",
    )
    st.text_area(
        _("Findings"),
        key=f"{prefix}find:{outcome_id}",
        max_chars=LONG_MAX,
        placeholder=_("What do the data show, and what may explain it?"),
    )
    st.text_area(
        _("Recommendation"),
        key=f"{prefix}rec:{outcome_id}",
        max_chars=LONG_MAX,
        placeholder=_("Who should do what, by when?"),
        height=80,
    )
    save_if_changed()


if not checked:
    st.subheader(_("1. Which criterion does each question test?"), anchor=False)
    st.caption(
        _(
            "OECD-DAC criteria (2019): relevance, coherence, effectiveness, efficiency, impact, "
            "sustainability."
        )
    )
    questions_editor()
    st.subheader(_("2. Rate each outcome and write your findings"), anchor=False)
    st.caption(
        _(
            "Illustrative scale (not an official ASCC one), following the UNDP 2014 report card: average the "
            "outcome's indicators' % of their {year} milestone (baseline-adjusted: (actual − baseline) ÷ "
            "(milestone − baseline) × 100). On track: 100 % or more; partly on track: 50 % to below 100 %; "
            "off track: below 50 %; cannot assess: no indicator can be computed. Leave out an indicator "
            "whose milestone equals its baseline."
        ).format(year=REVIEW_YEAR)
    )
    for r in ratings:
        with st.container(border=True):
            st.markdown(f"**{plain(r.outcome_id)}** · {plain(r.outcome)}")
            outcome_editor(r.outcome_id)
    if st.button(_("Submit my review"), type="primary"):
        answers = current_answers()
        criteria, given, writing = parts(answers)
        open_questions = [str(n) for n, c in enumerate(criteria, 1) if c is None]
        open_outcomes = [o for o, g in given.items() if g is None]
        if open_questions or open_outcomes:
            missing = (
                [_("question {numbers}").format(numbers=", ".join(open_questions))] if open_questions else []
            )
            missing += (
                [_("the rating of {outcomes}").format(outcomes=", ".join(open_outcomes))]
                if open_outcomes
                else []
            )
            st.error(_("Still open: {missing}.").format(missing="; ".join(missing)))
        else:
            matched, outcomes = check_review(review, list(ratings), criteria, given, writing)
            with sessions().begin() as db:
                record_submission(
                    db,
                    actor,
                    review.object_id,
                    uuid.uuid4().hex,
                    score=review_score(matched, outcomes),
                    response=answers,
                )
                save_draft(db, me["id"], review.object_id, {"answers": answers, "checked": True})
            st.session_state[prefix + "checked"] = True
            st.session_state[prefix + "answers"] = answers
            st.rerun()
    st.stop()

answers = st.session_state[prefix + "answers"]
criteria, given, writing = parts(answers)
matched, outcomes = check_review(review, list(ratings), criteria, given, writing)
st.header(_("Feedback and the model review"), anchor=False)
st.metric(_("Questions matched and outcomes rated as the data say"), f"{review_score(matched, outcomes)}%")
st.subheader(_("The criteria"), anchor=False)
for n, (q, ok, answer) in enumerate(zip(review.questions, matched, criteria, strict=True), 1):
    verdict = (
        _("right") if ok else _("you chose {answer}").format(answer=CRITERION_NAMES.get(answer or "", "—"))
    )
    icon = ":green[:material/check:]" if ok else ":red[:material/close:]"
    st.markdown(
        f"{icon} **{n}.** {plain(q.text)}  \n**{CRITERION_NAMES[q.criterion]}** ({verdict}) — {plain(q.why)}"
    )
st.subheader(_("The outcomes"), anchor=False)
for check in outcomes:
    r = check.rating
    model = review.model.get(r.outcome_id)
    with st.container(border=True):
        st.markdown(f"**{plain(r.outcome_id)}** · {plain(r.outcome)}")
        average = "—" if r.percent is None else f"{r.percent:.1f} %"
        st.badge(
            _("{rating}: {average} of milestones").format(rating=RATING_NAMES[r.colour], average=average),
            color=BADGE[r.colour],
        )
        if check.agrees:
            st.success(_("Your rating agrees with the data."), icon=":material/check_circle:")
        else:
            st.error(
                _("You rated it “{given}”; the data say “{rating}”.").format(
                    given=RATING_NAMES.get(check.given, "—"), rating=RATING_NAMES[r.colour]
                )
            )
        rows = [
            {
                _("Indicator"): i.indicator,
                _("Year"): "—" if i.year is None else str(i.year),
                _("Baseline"): fmt(i.baseline),
                _("Milestone"): "—" if i.milestone is None else fmt(i.milestone),
                _("Actual"): "—" if i.actual is None else fmt(i.actual),
                _("% of milestone"): _("cannot assess") if i.percent is None else f"{i.percent:.1f} %",
            }
            for i in r.indicators
        ]
        st.table(pd.DataFrame(rows).set_index(_("Indicator")))
        st.caption(_("Preset: {name}; {bands}.").format(name=PRESET.name, bands=PRESET.describe()))
        findings, recommendation = writing[r.outcome_id]
        st.markdown(_("**Your findings.** {text}").format(text=plain(findings) or "—"))
        st.markdown(_("**Your recommendation.** {text}").format(text=plain(recommendation) or "—"))
        for tip in check.tips:
            st.caption(":material/lightbulb: " + plain(tip))
        if model is not None:
            st.markdown(_("**Model findings.** {text}").format(text=plain(model.findings)))
            st.markdown(_("**Model recommendation.** {text}").format(text=plain(model.recommendation)))
st.markdown(_("**Overall.** {text}").format(text=plain(review.summary)))
if st.button(_("Review this body again"), icon=":material/refresh:"):
    with sessions().begin() as db:
        save_draft(db, me["id"], review.object_id, {"answers": {}, "checked": False})
    for key in [k for k in st.session_state if str(k).startswith(prefix)]:
        del st.session_state[key]
    st.rerun()
