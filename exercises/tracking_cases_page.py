"""Progress and traffic lights, your turn: compute % achievement and the status of each case yourself;
graded with a stated tolerance, every slip explained step by step."""

from __future__ import annotations

import uuid

import pandas as pd
import streamlit as st

from exercises.feedback import finding_markdown
from exercises.tracking import CONVENTIONS, TOLERANCE, fmt
from exercises.tracking_cases import RULE_OF, Answer, CasesError, cases, grade, set_score
from modules.i18n import _
from modules.lessons import plain
from progress.db import sessions
from progress.drafts import load_draft, save_draft
from progress.practice import TRACKING_CASES, record_submission
from progress.statements import ActorRef

me = st.session_state.get("me")
if me is None:
    st.warning(_("Please sign in first."))
    st.stop()
actor = ActorRef(me["id"], me["cohort_id"])
COLOURS = {
    "green": _(":green[●] green"),
    "amber": _(":orange[●] amber"),
    "red": _(":red[●] red"),
    "grey": _(":gray[●] grey: cannot assess"),
}
YES_NO = {True: _("Yes, they add up"), False: _("No, they do not")}

st.title(_("Progress and traffic lights: your turn"))
st.caption(
    _(
        "Work out each case yourself, with a calculator if you like: the life-of-plan value where there are "
        "several periods, the % achievement under the convention named, and the status under the preset "
        "named. Answers within ±{tolerance} percentage points count as right. Where the formula is "
        "undefined, leave the % empty and choose grey. The figures are a synthetic sample "
        "written for practice."
    ).format(tolerance=fmt(TOLERANCE))
)
try:
    all_cases = cases()
except CasesError as err:
    st.error(_("The cases could not be read: {error}").format(error=plain(str(err))))
    st.stop()

prefix = "tc:"
if prefix + "loaded" not in st.session_state:
    with sessions().begin() as db:
        draft = load_draft(db, me["id"], TRACKING_CASES) or {}
    for case_id, answer in draft.get("answers", {}).items():
        for part, value in answer.items():
            st.session_state[f"{prefix}{case_id}:{part}"] = value
    st.session_state[prefix + "checked"] = bool(draft.get("checked"))
    st.session_state[prefix + "loaded"] = True
checked = st.session_state[prefix + "checked"]

answers: dict[str, dict[str, object]] = {}
results = []
for n, case in enumerate(all_cases, 1):
    key = f"{prefix}{case.id}:"
    with st.container(border=True):
        st.markdown(f"**{n}. {plain(case.indicator)}** ({plain(case.unit)})  \n{plain(case.story)}")
        if case.periodic:
            rows = {_("Target"): [fmt(t) for t in case.targets]}
            rows[_("Actual reported")] = [fmt(a) for a in case.actuals] + ["—"] * (
                len(case.targets) - len(case.actuals)
            )
            table = pd.DataFrame(rows, index=list(case.periods) or None).T
            st.table(table)
            st.caption(plain(RULE_OF[case.kind]))
        else:
            cells = {
                _("Baseline"): "—" if case.baseline is None else fmt(case.baseline),
                _("Target"): fmt(case.targets[0]) if case.targets else "—",
                _("Actual"): fmt(case.actuals[0]) if case.actuals else _("no data"),
            }
            st.markdown(" · ".join(f"**{k}:** {v}" for k, v in cells.items()))
        if case.periodic and case.baseline is not None:
            st.markdown(_("**Baseline:** {value}").format(value=fmt(case.baseline)))
        if case.breakdown:
            parts = ", ".join(f"{plain(k)} {fmt(v)}" for k, v in case.breakdown.items())
            st.markdown(_("**Breakdown reported:** {parts}").format(parts=parts))
        st.markdown(
            _("**Convention:** {convention}  \n**Preset:** {preset}: {bands}.").format(
                convention=_(CONVENTIONS[case.convention]),
                preset=case.preset.name,
                bands=case.preset.describe(),
            )
        )
        for part in ("lop_actual", "percent", "colour", "adds_up"):
            st.session_state.setdefault(key + part, None)
        columns = st.columns(3 if case.periodic else 2)
        answer: dict[str, object] = {}
        if case.periodic:
            answer["lop_actual"] = columns[0].number_input(
                _("Life-of-plan actual so far"), key=key + "lop_actual", format="%g", disabled=checked
            )
        answer["percent"] = columns[-2].number_input(
            _("Life-of-plan % achievement so far") if case.periodic else _("% achievement"),
            key=key + "percent",
            format="%.1f",
            step=0.1,
            disabled=checked,
            placeholder=_("empty if undefined"),
        )
        answer["colour"] = columns[-1].radio(
            _("Status"), list(COLOURS), format_func=COLOURS.__getitem__, key=key + "colour", disabled=checked
        )
        if case.breakdown:
            answer["adds_up"] = st.radio(
                _("Does the breakdown add up to the actual reported?"),
                list(YES_NO),
                format_func=YES_NO.__getitem__,
                key=key + "adds_up",
                horizontal=True,
                disabled=checked,
            )
        answers[case.id] = answer
        if checked:
            result = grade(case, Answer.from_dict(answer))
            results.append(result)
            if result.correct:
                st.success(_("Right."), icon=":material/check_circle:")
            for f in result.findings:
                st.markdown(finding_markdown(f))
            with st.expander(_("Worked answer"), expanded=not result.correct):
                st.markdown("\n".join(f"{i}. {plain(s)}" for i, s in enumerate(result.steps, 1)))

state = {"answers": answers, "checked": checked}
if state != st.session_state.get(prefix + "saved"):
    with sessions().begin() as db:
        save_draft(db, me["id"], TRACKING_CASES, state)
    st.session_state[prefix + "saved"] = state

answered = all(a.get("colour") is not None for a in answers.values())
if not checked:
    if st.button(_("Check my answers"), type="primary", disabled=not answered):
        results = [grade(c, Answer.from_dict(answers[c.id])) for c in all_cases]
        with sessions().begin() as db:
            record_submission(
                db,
                actor,
                TRACKING_CASES,
                uuid.uuid4().hex,
                score=set_score(results),
                response=answers,
                findings=[f.rule for r in results for f in r.findings],
            )
            save_draft(db, me["id"], TRACKING_CASES, {**state, "checked": True})
        st.session_state[prefix + "checked"] = True
        st.rerun()
    if not answered:
        st.caption(_("Give a status for every case to check your answers."))
else:
    right = sum(r.correct for r in results)
    st.metric(
        _("Cases right in every part"),
        f"{right} of {len(results)}",
        f"{set_score(results)}%",
        delta_color="off",
    )
    if st.button(_("Try the cases again"), icon=":material/refresh:"):
        with sessions().begin() as db:
            save_draft(db, me["id"], TRACKING_CASES, {"answers": {}, "checked": False})
        for key in [k for k in st.session_state if str(k).startswith(prefix)]:
            del st.session_state[key]
        st.rerun()
