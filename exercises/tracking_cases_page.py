"""Progress and traffic lights, your turn: compute % achievement and the status of each case yourself;
graded with a stated tolerance, every slip explained step by step."""

from __future__ import annotations

import uuid

import pandas as pd
import streamlit as st

from exercises.feedback import finding_markdown
from exercises.tracking import CONVENTIONS, TOLERANCE, fmt
from exercises.tracking_cases import RULE_OF, Answer, Case, CasesError, Graded, cases, grade, set_score
from modules.i18n import _
from modules.lessons import plain
from progress.db import sessions
from progress.drafts import load_draft, save_draft
from progress.pacing import closed_message
from progress.practice import TRACKING_CASES, record_submission
from progress.statements import ActorRef

me = st.session_state.get("me")
if me is None:
    st.warning(_("Please sign in first."))
    st.stop()
closed = closed_message(me.get("cohort_id"), "exercise:tracker", _("This exercise"))  # pacing
if closed is not None:
    st.info(closed, icon=":material/lock_clock:")
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
    st.session_state[prefix + "answers"] = draft.get("answers", {})  # widgets not drawn lose their state
    st.session_state[prefix + "loaded"] = True
PARTS = ("lop_actual", "percent", "colour", "adds_up")


def current_answers() -> dict[str, dict[str, object]]:
    return {c.id: {part: st.session_state.get(f"{prefix}{c.id}:{part}") for part in PARTS} for c in all_cases}


def case_facts(n: int, case: Case) -> None:
    """What the learner needs to work the case out."""
    st.markdown(f"**{n}. {plain(case.indicator)}** ({plain(case.unit)})  \n{plain(case.story)}")
    if case.periodic:
        rows = {_("Target"): [fmt(t) for t in case.targets]}
        missing = len(case.targets) - len(case.actuals)
        rows[_("Actual reported")] = [fmt(a) for a in case.actuals] + ["—"] * missing
        st.table(pd.DataFrame(rows, index=list(case.periods) or None).T)
        st.caption(plain(RULE_OF[case.kind]))
        if case.baseline is not None:
            st.markdown(_("**Baseline:** {value}").format(value=fmt(case.baseline)))
    else:
        cells = {
            _("Baseline"): "—" if case.baseline is None else fmt(case.baseline),
            _("Target"): fmt(case.targets[0]) if case.targets else "—",
            _("Actual"): fmt(case.actuals[0]) if case.actuals else _("no data"),
        }
        st.markdown(" · ".join(f"**{k}:** {v}" for k, v in cells.items()))
    if case.breakdown:
        parts = ", ".join(f"{plain(k)} {fmt(v)}" for k, v in case.breakdown.items())
        st.markdown(_("**Breakdown reported:** {parts}").format(parts=parts))
    st.markdown(
        _("**Convention:** {convention}  \n**Preset:** {preset}: {bands}.").format(
            convention=_(CONVENTIONS[case.convention]), preset=case.preset.name, bands=case.preset.describe()
        )
    )


# Each case is a fragment: an answer reruns that case's inputs, not all twelve.
@st.fragment
def case_inputs(case: Case) -> None:
    key = f"{prefix}{case.id}:"
    for part in PARTS:  # empty until answered (a default would warn against the restored draft)
        st.session_state.setdefault(key + part, None)
    columns = st.columns(3 if case.periodic else 2)
    if case.periodic:
        columns[0].number_input(_("Life-of-plan actual so far"), key=key + "lop_actual", format="%g")
    columns[-2].number_input(
        _("Life-of-plan % achievement so far") if case.periodic else _("% achievement"),
        key=key + "percent",
        format="%.1f",
        step=0.1,
        placeholder=_("empty if undefined"),
    )
    columns[-1].radio(_("Status"), list(COLOURS), format_func=COLOURS.__getitem__, key=key + "colour")
    if case.breakdown:
        st.radio(
            _("Does the breakdown add up to the actual reported?"),
            list(YES_NO),
            format_func=YES_NO.__getitem__,
            key=key + "adds_up",
            horizontal=True,
        )
    state = {"answers": current_answers(), "checked": False}
    if state != st.session_state.get(prefix + "saved"):
        with sessions().begin() as db:
            save_draft(db, me["id"], TRACKING_CASES, state)
        st.session_state[prefix + "saved"] = state


def case_feedback(result: Graded, answer: dict[str, object]) -> None:
    """The learner's answer as text, whether it is right, the findings and the worked answer."""
    given = []
    if result.case.periodic:
        value = answer.get("lop_actual")
        given.append(_("life-of-plan actual {v}").format(v="—" if value is None else fmt(float(value))))
    percent = answer.get("percent")
    given.append("—" if percent is None else f"{fmt(float(percent))} %")
    given.append(COLOURS.get(str(answer.get("colour")), "—"))
    if result.case.breakdown:
        adds_up = answer.get("adds_up")
        given.append("—" if adds_up is None else YES_NO[bool(adds_up)])
    st.markdown(_("**Your answer:** {answer}").format(answer=" · ".join(given)))
    if result.correct:
        st.success(_("Right."), icon=":material/check_circle:")
    for f in result.findings:
        st.markdown(finding_markdown(f))
    with st.expander(_("Worked answer"), expanded=not result.correct):
        st.markdown("\n".join(f"{i}. {plain(s)}" for i, s in enumerate(result.steps, 1)))


checked = st.session_state[prefix + "checked"]
if checked:
    answers = st.session_state[prefix + "answers"]
    results = [grade(c, Answer.from_dict(answers.get(c.id, {}))) for c in all_cases]
    for n, (case, result) in enumerate(zip(all_cases, results, strict=True), 1):
        with st.container(border=True):
            case_facts(n, case)
            case_feedback(result, answers.get(case.id, {}))
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
    st.stop()

for n, case in enumerate(all_cases, 1):
    with st.container(border=True):
        case_facts(n, case)
        case_inputs(case)
if st.button(_("Check my answers"), type="primary"):
    answers = current_answers()
    missing = [str(n) for n, c in enumerate(all_cases, 1) if answers[c.id]["colour"] is None]
    if missing:
        st.error(
            _("Give a status for every case first; still open: case {cases}.").format(
                cases=", ".join(missing)
            )
        )
    else:
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
            save_draft(db, me["id"], TRACKING_CASES, {"answers": answers, "checked": True})
        st.session_state[prefix + "checked"] = True
        st.session_state[prefix + "answers"] = answers
        st.rerun()
