"""Mid-term review simulation: match evaluation questions to the OECD-DAC criteria, rate each outcome's
progress from the data, write findings and a recommendation; then the checker and a model review."""

from __future__ import annotations

import uuid

import pandas as pd
import streamlit as st

from datasets.samples import SampleError, results_frameworks
from exercises.midterm import (
    CRITERIA,
    PRESET,
    RATINGS,
    REVIEW_YEAR,
    ReviewError,
    check_review,
    rate_outcomes,
    review_score,
    reviews,
)
from exercises.text import LONG_MAX
from exercises.tracking import fmt
from modules.i18n import _
from modules.lessons import plain
from progress.db import sessions
from progress.drafts import load_draft, save_draft
from progress.practice import record_submission
from progress.statements import ActorRef

me = st.session_state.get("me")
if me is None:
    st.warning(_("Please sign in first."))
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
ratings = rate_outcomes(frame, body)
st.info(plain(review.context), icon=":material/description:")

prefix = f"mr:{body}:"
if prefix + "loaded" not in st.session_state:
    with sessions().begin() as db:
        draft = load_draft(db, me["id"], review.object_id) or {}
    for name, value in draft.get("answers", {}).items():
        st.session_state[prefix + name] = value
    st.session_state[prefix + "checked"] = bool(draft.get("checked"))
    st.session_state[prefix + "loaded"] = True
checked = st.session_state[prefix + "checked"]

st.subheader(_("The results framework"), anchor=False)
mine = frame[(frame["body"] == body) & (frame["year"] <= REVIEW_YEAR)]
table = mine.pivot_table(index=["outcome_id", "indicator"], columns="year", values="actual", aggfunc="first")
first = mine.groupby(["outcome_id", "indicator"], sort=False).first()
shown = pd.DataFrame(
    {
        _("Baseline ({year})").format(year=int(first["baseline_year"].iloc[0])): first["baseline"],
        _("Target ({year})").format(year=int(first["target_year"].iloc[0])): first["target"],
        _("Milestone {year}").format(year=REVIEW_YEAR): mine[mine["year"] == REVIEW_YEAR].set_index(
            ["outcome_id", "indicator"]
        )["milestone"],
        **{_("Actual {year}").format(year=y): table[y] for y in table.columns},
    }
).reset_index()
shown = shown.rename(columns={"outcome_id": _("Outcome"), "indicator": _("Indicator")})
for r in ratings:
    st.markdown(f"**{plain(r.outcome_id)}** · {plain(r.outcome)}")
st.table(
    shown.set_index(_("Outcome")).map(
        lambda v: v if isinstance(v, str) else "—" if pd.isna(v) else fmt(float(v))
    )
)
st.caption(
    _(
        "**Source:** synthetic sample results frameworks (datasets/synthetic/results_frameworks.csv). "
        "Synthetic sample: generated for practice, not real data. An empty cell means no value was reported. "
        "Cumulative indicators report running totals."
    )
)

answers: dict[str, object] = {}
st.subheader(_("1. Which criterion does each question test?"), anchor=False)
st.caption(
    _("OECD-DAC criteria (2019): relevance, coherence, effectiveness, efficiency, impact, sustainability.")
)
criteria: list[str | None] = []
for n, q in enumerate(review.questions):
    key = f"q{n}"
    picked = st.selectbox(
        f"{n + 1}. {q.text}",
        list(CRITERION_NAMES),
        index=None,
        format_func=CRITERION_NAMES.__getitem__,
        key=prefix + key,
        disabled=checked,
        placeholder=_("Choose a criterion"),
    )
    answers[key] = picked
    criteria.append(picked)

st.subheader(_("2. Rate each outcome and write your findings"), anchor=False)
st.caption(
    _(
        "Illustrative scale (not an official ASCC one), following the UNDP 2014 report card: average the "
        "outcome's indicators' % of their {year} milestone (baseline-adjusted: (actual − baseline) ÷ "
        "(milestone − baseline) × 100). On track: 100 % or more; partly on track: 50 % to below 100 %; off "
        "track: below 50 %; cannot assess: no indicator can be computed. Leave out an indicator whose "
        "milestone equals its baseline."
    ).format(year=REVIEW_YEAR)
)
given = {}
writing = {}
for r in ratings:
    with st.container(border=True):
        st.markdown(f"**{plain(r.outcome_id)}** · {plain(r.outcome)}")
        given[r.outcome_id] = st.radio(
            _("Progress rating"),
            list(RATING_NAMES),
            index=None,
            format_func=RATING_NAMES.__getitem__,
            horizontal=True,
            key=f"{prefix}rate:{r.outcome_id}",
            disabled=checked,
        )
        findings = st.text_area(
            _("Findings"),
            key=f"{prefix}find:{r.outcome_id}",
            max_chars=LONG_MAX,
            disabled=checked,
            placeholder=_("What do the data show, and what may explain it?"),
        )
        recommendation = st.text_area(
            _("Recommendation"),
            key=f"{prefix}rec:{r.outcome_id}",
            max_chars=LONG_MAX,
            disabled=checked,
            placeholder=_("Who should do what, by when?"),
            height=80,
        )
        writing[r.outcome_id] = (findings, recommendation)
        answers[f"rate:{r.outcome_id}"] = given[r.outcome_id]
        answers[f"find:{r.outcome_id}"] = findings
        answers[f"rec:{r.outcome_id}"] = recommendation

state = {"answers": answers, "checked": checked}
if state != st.session_state.get(prefix + "saved"):
    with sessions().begin() as db:
        save_draft(db, me["id"], review.object_id, state)
    st.session_state[prefix + "saved"] = state

complete = None not in criteria and None not in given.values()
matched, outcomes = check_review(review, ratings, criteria, given, writing)
if not checked:
    if st.button(_("Submit my review"), type="primary", disabled=not complete):
        with sessions().begin() as db:
            record_submission(
                db,
                actor,
                review.object_id,
                uuid.uuid4().hex,
                score=review_score(matched, outcomes),
                response=answers,
            )
            save_draft(db, me["id"], review.object_id, {**state, "checked": True})
        st.session_state[prefix + "checked"] = True
        st.rerun()
    if not complete:
        st.caption(_("Choose a criterion for every question and rate every outcome to submit."))
    st.stop()

st.header(_("Feedback and the model review"), anchor=False)
st.metric(_("Questions matched and outcomes rated as the data say"), f"{review_score(matched, outcomes)}%")
st.subheader(_("The criteria"), anchor=False)
for n, (q, ok, answer) in enumerate(zip(review.questions, matched, criteria, strict=True), 1):
    verdict = (
        _("right") if ok else _("you chose {answer}").format(answer=CRITERION_NAMES.get(answer or "", "—"))
    )
    icon = ":green[:material/check:]" if ok else ":red[:material/close:]"
    st.markdown(
        f"{icon} **{n}. {CRITERION_NAMES[q.criterion]}** ({verdict}) — {plain(q.why)}",
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
        st.dataframe(pd.DataFrame(rows), hide_index=True)
        st.caption(_("Preset: {name}; {bands}.").format(name=PRESET.name, bands=PRESET.describe()))
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
