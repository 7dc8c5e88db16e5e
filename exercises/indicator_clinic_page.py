"""Indicator clinic: fix a weak indicator and fill its plan; the linter's findings, then the model answer."""

from __future__ import annotations

import uuid

import streamlit as st

from exercises.clinic import CasesError, cases, check_attempt, is_honest_attempt
from exercises.feedback import finding_markdown, place, tally
from exercises.indicators import FIELD_LABELS, UNIT_TYPES, Indicator
from exercises.text import LONG_MAX, SHORT_MAX
from modules.i18n import _
from modules.lessons import plain
from progress.db import sessions
from progress.drafts import load_draft, save_draft
from progress.pacing import closed_message
from progress.practice import record_attempt, record_submission
from progress.statements import ActorRef, events_of

me = st.session_state.get("me")
if me is None:
    st.warning(_("Please sign in first."))
    st.stop()
if (
    closed := closed_message(me.get("cohort_id"), "exercise:indicator-clinic", _("This exercise"))
) is not None:
    st.info(closed, icon=":material/lock_clock:")
    st.stop()
actor = ActorRef(me["id"], me["cohort_id"])

st.title(_("Indicator clinic"))
st.caption(
    _(
        "Each case gives a result and a weak indicator written the way indicators often are. Rewrite it "
        "and fill in its plan, then check it: the linter applies rules IND-01 to IND-12. The model answer "
        "opens after a real attempt (a rewritten indicator and at least two plan fields)."
    )
)
try:
    all_cases = cases()
except CasesError as err:
    st.error(_("The clinic's cases could not be read: {error}").format(error=plain(str(err))))
    st.stop()

own = me.get("sectoral_body") or ""
ids = sorted(all_cases, key=lambda i: (all_cases[i].body != own, all_cases[i].body, i))
with sessions().begin() as db:
    events = events_of(db, me["id"], [c.object_id for c in all_cases.values()])
done = {e.object_id for e in events if e.verb == "completed"}
labels = {
    i: ("✓ " if all_cases[i].object_id in done else "") + f"{all_cases[i].body} · {all_cases[i].result}"
    for i in ids
}
st.progress(
    len(done) / len(ids), text=_("{n} of {total} cases submitted").format(n=len(done), total=len(ids))
)
case = all_cases[st.selectbox(_("Case"), ids, format_func=labels.__getitem__, key="ic:case")]

with st.container(border=True):
    st.markdown(_("**Result ({level}):** {result}").format(level=_(case.level), result=plain(case.result)))
    st.markdown(_("**Weak indicator:** {weak}").format(weak=plain(case.weak)))
    with st.expander(_("A hint")):
        st.write(case.hint)

prefix = f"ic:{case.id}:"
if prefix + "statement" not in st.session_state:
    with sessions().begin() as db:
        draft = load_draft(db, me["id"], case.object_id) or {"statement": case.weak}
    for name in FIELD_LABELS:
        st.session_state[prefix + name] = draft.get(name, "") or (None if name == "unit_type" else "")

st.subheader(_("Your indicator"), anchor=False)
st.text_area(_("Indicator"), key=prefix + "statement", max_chars=SHORT_MAX, height=80)
c1, c2 = st.columns(2)
c1.selectbox(_("Unit type"), list(UNIT_TYPES), index=None, key=prefix + "unit_type", placeholder=_("Choose"))
c2.text_input(_("Unit (what is counted)"), key=prefix + "unit", max_chars=SHORT_MAX)
st.text_area(_("Definition of the key terms"), key=prefix + "definition", max_chars=LONG_MAX, height=90)
c1, c2 = st.columns(2)
c1.text_input(_("Numerator"), key=prefix + "numerator", max_chars=LONG_MAX)
c2.text_input(_("Denominator"), key=prefix + "denominator", max_chars=LONG_MAX)
st.text_input(
    _("Disaggregation"),
    key=prefix + "disaggregation",
    max_chars=LONG_MAX,
    placeholder=_("e.g. Sex: female, male; Member State: all ten"),
)
st.text_input(_("Means of verification"), key=prefix + "means_of_verification", max_chars=LONG_MAX)
c1, c2 = st.columns(2)
c1.text_input(_("Frequency"), key=prefix + "frequency", max_chars=SHORT_MAX, placeholder=_("e.g. Annual"))
c2.text_input(_("Responsible body"), key=prefix + "responsible", max_chars=SHORT_MAX)
c1, c2 = st.columns(2)
c1.text_input(_("Baseline (value, year)"), key=prefix + "baseline", max_chars=SHORT_MAX)
c2.text_input(_("Target (value, date)"), key=prefix + "target", max_chars=SHORT_MAX)

values = {name: st.session_state.get(prefix + name) or "" for name in FIELD_LABELS}
attempt = Indicator.from_mapping(values)
if values != st.session_state.get(prefix + "saved"):
    with sessions().begin() as db:
        save_draft(db, me["id"], case.object_id, values)
    st.session_state[prefix + "saved"] = values

tried = any(
    e.verb == "attempted"
    and e.object_id == case.object_id
    and is_honest_attempt(case, Indicator.from_mapping(e.response or {}))
    for e in events
)
if st.button(_("Check my indicator"), type="primary", icon=":material/fact_check:"):
    checked = check_attempt(case, attempt)
    with sessions().begin() as db:
        record_attempt(
            db,
            actor,
            case.object_id,
            uuid.uuid4().hex,
            score=checked.score,
            response=attempt.to_dict(),
            findings=[f.rule for f in checked.findings],
        )
    st.session_state[prefix + "checked"] = attempt.to_dict()
    tried = tried or checked.honest

if (last := st.session_state.get(prefix + "checked")) is not None:
    checked = check_attempt(case, Indicator.from_mapping(last))
    stale = last != attempt.to_dict()
    st.subheader(_("Feedback"), anchor=False)
    if stale:
        st.caption(_("You changed the indicator since this check: check it again to update the feedback."))
    if checked.well_formed:
        st.success(
            _("No errors or warnings: a well-formed indicator ({score}/100).").format(score=checked.score),
            icon=":material/check_circle:",
        )
    else:
        st.markdown(
            _("**{tally}** · score {score}/100").format(tally=tally(checked.findings), score=checked.score)
        )
    for f in checked.findings:
        st.markdown(finding_markdown(f, where=place(f, with_row=True)))
    if not checked.honest:
        st.caption(_("Rewrite the indicator and fill in at least two plan fields to see the model answer."))

if tried:
    with st.expander(_("Model answer"), expanded=True, icon=":material/school:"):
        for name, label in FIELD_LABELS.items():
            value = getattr(case.model, name)
            if value:
                st.markdown(f"**{_(label)}:** {plain(value)}")
        st.info(plain(case.why), icon=":material/lightbulb:")
    if st.button(_("Submit this indicator"), icon=":material/send:"):
        checked = check_attempt(case, attempt)
        with sessions().begin() as db:
            record_submission(
                db,
                actor,
                case.object_id,
                uuid.uuid4().hex,
                score=checked.score,
                response=attempt.to_dict(),
                success=checked.well_formed,
                findings=[f.rule for f in checked.findings],
            )
        st.session_state["ic:submitted"] = checked.score
        st.rerun()
if (submitted := st.session_state.pop("ic:submitted", None)) is not None:
    st.success(
        _("Submitted with a score of {score}/100. Choose another case above.").format(score=submitted),
        icon=":material/check_circle:",
    )
