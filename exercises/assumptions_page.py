"""Assumption screening: rate each candidate assumption of a project and decide what to do with it."""

from __future__ import annotations

import uuid

import streamlit as st

from exercises.assumptions import (
    DECISION_LABELS,
    DECISIONS,
    CasesError,
    Rating,
    projects,
    screen,
    screening_score,
)
from exercises.feedback import finding_markdown
from exercises.text import SHORT_MAX
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
closed = closed_message(me.get("cohort_id"), "exercise:assumptions", _("This exercise"))  # pacing
if closed is not None:
    st.info(closed, icon=":material/lock_clock:")
    st.stop()
actor = ActorRef(me["id"], me["cohort_id"])
CONTROL = {False: _("Outside the project's control"), True: _("Inside the project's control")}
IMPORTANT = {True: _("Important for success"), False: _("Not important")}
LIKELY = {
    "almost certain": _("Almost certain to hold"),
    "likely": _("Likely to hold"),
    "unlikely": _("Unlikely"),
}
DECISION_NAMES = {d: _(DECISION_LABELS[d]) for d in DECISIONS}
QUESTIONS = (  # (answer, question, option → words), one column each
    ("controlled", _("Who controls it?"), CONTROL),
    ("important", _("Does it matter?"), IMPORTANT),
    ("likely", _("Will it hold?"), LIKELY),
    ("decision", _("Decision"), DECISION_NAMES),
)

st.title(_("Assumption screening"))
st.caption(
    _(
        "An assumption is a condition outside the project's control that must hold for one level of the "
        "logframe to lead to the next. Screen each candidate: if the project can do it, it is an "
        "activity; if it "
        "is not important, or almost certain, leave it out; if it is likely, keep it; if it is important but "
        "unlikely, it is a killer assumption: redesign the project."
    )
)
try:
    all_projects = projects()
except CasesError as err:
    st.error(_("The screening cases could not be read: {error}").format(error=plain(str(err))))
    st.stop()
own = me.get("sectoral_body") or ""
ids = sorted(all_projects, key=lambda i: (all_projects[i].body != own, i))
names = {i: f"{all_projects[i].body} · {all_projects[i].title}" for i in ids}
project = all_projects[st.selectbox(_("Project"), ids, format_func=names.__getitem__, key="as:project")]
st.info(plain(project.summary), icon=":material/description:")

prefix = f"as:{project.id}:"
if prefix + "loaded" not in st.session_state:
    with sessions().begin() as db:
        draft = load_draft(db, me["id"], project.object_id) or {}
    for n, row in enumerate(draft.get("rows", [])):
        for field, value in row.items():
            st.session_state[f"{prefix}{n}:{field}"] = value
    st.session_state[prefix + "checked"] = bool(draft.get("checked"))
    st.session_state[prefix + "loaded"] = True
checked = st.session_state[prefix + "checked"]
results = []
if checked:  # the answers are in session state already: screen them once, show each result beside its row
    saved = [
        {
            f: st.session_state.get(f"{prefix}{n}:{f}")
            for f in ("controlled", "important", "likely", "decision")
        }
        for n in range(len(project.candidates))
    ]
    if all(None not in r.values() for r in saved):
        results = screen(
            project,
            [Rating(**r) for r in saved],
            [st.session_state.get(f"{prefix}{n}:rewrite") or "" for n in range(len(project.candidates))],
        )

rows = []
for n, cand in enumerate(project.candidates):
    key = f"{prefix}{n}:"
    with st.container(border=True):
        st.markdown(f"**{n + 1}.** {plain(cand.text)}  \n:gray[{plain(cand.link)}]")
        answers: dict[str, object] = {}
        for column, (name, question, names) in zip(st.columns(4), QUESTIONS, strict=True):
            answers[name] = column.radio(
                question,
                list(names),
                format_func=names.__getitem__,
                index=None,
                key=key + name,
                disabled=checked,
            )
        rewrite = st.text_input(
            _("Better wording (optional)"),
            key=key + "rewrite",
            max_chars=SHORT_MAX,
            disabled=checked,
            placeholder=_(
                "Rewrite it as a positive condition if it reads as a risk or as the project's own work"
            ),
        )
        rows.append({**answers, "rewrite": rewrite})
        if results:
            result = results[n]
            model = cand.model
            if result.agrees:
                st.success(
                    _("Agreed: {decision}. {why}").format(
                        decision=DECISION_NAMES[model.decision], why=plain(cand.why)
                    )
                )
            else:
                st.error(
                    _("A trainer would decide: {decision}. {why}").format(
                        decision=DECISION_NAMES[model.decision], why=plain(cand.why)
                    )
                )
            if result.differences:
                st.caption(
                    _("The trainer rates it: {ratings}.").format(ratings=", ".join(result.differences))
                )
            if result.follows != result.rating.decision:
                st.caption(
                    _("Your own ratings lead to “{follows}”, not to your decision.").format(
                        follows=DECISION_NAMES[result.follows]
                    )
                )
            for f in result.findings:
                st.markdown(finding_markdown(f))
            if cand.rewrite:
                st.caption(_("A better wording: {text}").format(text=plain(cand.rewrite)))

state = {"rows": rows, "checked": checked}
if state != st.session_state.get(prefix + "saved"):
    with sessions().begin() as db:
        save_draft(db, me["id"], project.object_id, state)
    st.session_state[prefix + "saved"] = state

complete = all(all(r[k] is not None for k in ("controlled", "important", "likely", "decision")) for r in rows)
if not checked:
    if st.button(_("Check my screening"), type="primary", disabled=not complete):
        ratings = [Rating(r["controlled"], r["important"], r["likely"], r["decision"]) for r in rows]
        results = screen(project, ratings, [r["rewrite"] for r in rows])
        with sessions().begin() as db:
            record_submission(
                db,
                actor,
                project.object_id,
                uuid.uuid4().hex,
                score=screening_score(results),
                response=rows,
                findings=[f.rule for r in results for f in r.findings],
            )
            save_draft(db, me["id"], project.object_id, {**state, "checked": True})
        st.session_state[prefix + "checked"] = True
        st.rerun()
    if not complete:
        st.caption(_("Answer all four questions for every assumption to check your screening."))
else:
    st.metric(_("Decisions that match a trainer's"), f"{screening_score(results)}%")
    if st.button(_("Try this project again"), icon=":material/refresh:"):
        with sessions().begin() as db:
            save_draft(db, me["id"], project.object_id, {"rows": [], "checked": False})
        for key in [k for k in st.session_state if str(k).startswith(prefix)]:
            del st.session_state[key]
        st.rerun()
