"""Work-plan alignment: map each item of a sectoral work plan to the Blueprint and to a sectoral outcome;
rules AL-01 to AL-06, the trainer's key, and the cohort's coverage of Key Result Areas."""

from __future__ import annotations

import uuid

import pandas as pd
import streamlit as st

from datasets.reference import characteristics, key_result_areas
from datasets.samples import SampleError, results_frameworks, tool1_reports
from exercises.alignment import (
    NONE,
    OBJECT_PREFIX,
    AlignmentKeyError,
    ItemMapping,
    ItemResult,
    answer_key,
    check_plan,
    coverage,
    latest_mappings,
    plan_score,
)
from exercises.alignment_chart import coverage_spec
from exercises.feedback import finding_markdown
from exercises.text import SHORT_MAX, clean
from modules.i18n import _
from modules.lessons import plain
from progress.db import sessions
from progress.drafts import load_draft, save_draft
from progress.pacing import closed_message
from progress.practice import record_submission
from progress.statements import ActorRef, events_of_cohort

me = st.session_state.get("me")
if me is None:
    st.warning(_("Please sign in first."))
    st.stop()
closed = closed_message(me.get("cohort_id"), "exercise:alignment", _("This exercise"))  # pacing
if closed is not None:
    st.info(closed, icon=":material/lock_clock:")
    st.stop()
actor = ActorRef(me["id"], me["cohort_id"])

st.title(_("Work-plan alignment"))
st.caption(
    _(
        "Take a sectoral work plan in the shape of ASCC monitoring Tool 1 and show where each item sits in "
        "the Blueprint: Characteristic, Key Result Area and strategic measure, the body's sectoral outcome "
        "it serves, and one line on how it contributes. Rules AL-01 to AL-06 give feedback; a trainer's key "
        "shows where they would place each item."
    )
)
try:
    plans = tool1_reports()
    frameworks = results_frameworks()
    key = answer_key()
except (SampleError, AlignmentKeyError) as err:
    st.error(_("The work plans could not be read: {error}").format(error=plain(str(err))))
    st.stop()
st.warning(
    _("Synthetic sample: these work plans were generated for practice; they are not real ASEAN plans."),
    icon=":material/science:",
)

own = me.get("sectoral_body") or ""
bodies = sorted(plans["body"].unique(), key=lambda b: (b != own, b))
body = st.selectbox(_("Sectoral body"), bodies, key="al:body")
items = plans[plans["body"] == body]
outcomes = frameworks[frameworks["body"] == body].drop_duplicates("outcome_id")
OUTCOME_NAMES = {o: f"{o} · {t}" for o, t in zip(outcomes["outcome_id"], outcomes["outcome"], strict=True)}
OUTCOME_NAMES[NONE] = _("None of these outcomes")
indicators = frameworks[frameworks["body"] == body].drop_duplicates("indicator_id")
CHARS = {c.code: f"{c.code} · {c.title}" for c in characteristics()}
KRAS = {k.code: k for k in key_result_areas()}
MAPPING_FIELDS = ("characteristic", "kra", "measure", "outcome_id", "contribution", "indicator_id")
UNVERIFIED = _("(title to be confirmed against the Blueprint)")


KRA_LABELS = {  # a title not yet confirmed against the Blueprint is starred
    k.code: f"{k.code} · {k.title or UNVERIFIED}" + ("" if k.verified == "yes" or not k.title else " *")
    for k in KRAS.values()
}

prefix = f"al:{body}:"
if prefix + "loaded" not in st.session_state:
    with sessions().begin() as db:
        draft = load_draft(db, me["id"], OBJECT_PREFIX + body) or {}
    for item_id, row in draft.get("rows", {}).items():
        for name, value in row.items():
            if value and name in MAPPING_FIELDS:  # an empty choice stays unset: "" is no option
                st.session_state[f"{prefix}{item_id}:{name}"] = value
    st.session_state[prefix + "checked"] = bool(draft.get("checked"))
    st.session_state[prefix + "rows"] = draft.get("rows", {})  # kept here too: widgets not drawn lose theirs
    st.session_state[prefix + "loaded"] = True

texts = dict(zip(items["item_id"], items["item"], strict=True))
codes = dict(zip(items["item_id"], items["blueprint_code"], strict=True))


def current_rows() -> dict[str, dict[str, str]]:
    """Every item's answers as its widgets hold them, cleaned ("" where nothing is chosen)."""
    return {
        i: {f: clean(str(st.session_state.get(f"{prefix}{i}:{f}") or "")).strip() for f in MAPPING_FIELDS}
        for i in texts
    }


def save_if_changed(rows: dict[str, dict[str, str]], checked: bool) -> None:
    state = {"rows": rows, "checked": checked}
    if state != st.session_state.get(prefix + "saved"):
        with sessions().begin() as db:
            save_draft(db, me["id"], OBJECT_PREFIX + body, state)
        st.session_state[prefix + "saved"] = state


# Each item is a fragment: a choice reruns that item's six inputs, not the whole plan's seventy.
@st.fragment
def item_editor(item_id: str) -> None:
    k = f"{prefix}{item_id}:"
    c1, c2, c3 = st.columns([2, 3, 1])
    char = c1.selectbox(
        _("Characteristic"),
        list(CHARS),
        index=None,
        format_func=CHARS.__getitem__,
        key=k + "characteristic",
        placeholder=_("Choose"),
    )
    options = [c for c in KRAS if not char or KRAS[c].characteristic == char]
    if st.session_state.get(k + "kra") not in options:
        st.session_state[k + "kra"] = None
    c2.selectbox(
        _("Key Result Area"),
        options,
        index=None,
        format_func=KRA_LABELS.__getitem__,
        key=k + "kra",
        placeholder=_("Choose"),
    )
    c3.text_input(
        _("Measure"),
        key=k + "measure",
        max_chars=6,
        placeholder="iii",
        help=_("The strategic measure's number within the KRA, a lower-case roman numeral: i, ii, iii, …"),
    )
    c1, c2 = st.columns(2)
    outcome = c1.selectbox(
        _("Sectoral outcome it serves"),
        list(OUTCOME_NAMES),
        index=None,
        format_func=OUTCOME_NAMES.__getitem__,
        key=k + "outcome_id",
        placeholder=_("Choose"),
    )
    linked = indicators[indicators["outcome_id"] == outcome]
    ind_names = dict(zip(linked["indicator_id"], linked["indicator"], strict=True))
    if st.session_state.get(k + "indicator_id") not in ind_names:
        st.session_state[k + "indicator_id"] = None
    c2.selectbox(
        _("Results-framework indicator (optional)"),
        list(ind_names),
        index=None,
        format_func=ind_names.__getitem__,
        key=k + "indicator_id",
        placeholder=_("Choose") if ind_names else _("No outcome with indicators chosen"),
    )
    st.text_input(_("How it contributes (one line)"), key=k + "contribution", max_chars=SHORT_MAX)
    save_if_changed(current_rows(), False)


def item_feedback(item_id: str, m: ItemMapping, r: ItemResult) -> None:
    """The learner's answers as text (read-only, full contrast), the rules' findings and the key."""
    where = " · ".join(v for v in (m.characteristic, m.code, OUTCOME_NAMES.get(m.outcome_id, "")) if v)
    st.markdown(_("**Your mapping:** {where}").format(where=plain(where) or _("not mapped")))
    if m.contribution:
        st.markdown(_("**Your contribution line:** {text}").format(text=plain(m.contribution)))
    for f in r.findings:
        st.markdown(finding_markdown(f))
    answer = key.get(item_id)
    if answer is None:
        return
    accepted = ", ".join([answer.kra, *answer.also])
    placed = _("A trainer places it under {kras}. {why}").format(kras=accepted, why=plain(answer.why))
    if r.kra_agrees is None:
        st.info(placed)
    elif r.kra_agrees:
        st.success(
            _("A trainer accepts {kra} here. {why}").format(kra=m.kra, why=plain(answer.why)),
            icon=":material/check_circle:",
        )
    else:
        st.error(placed)
    st.caption(_("The work plan itself codes it {code}.").format(code=plain(codes[item_id])))
    if r.outcome_agrees is False:
        target = answer.outcome_id or _("none of the body's outcomes")
        st.caption(_("A trainer links it to {outcome}.").format(outcome=target))
    st.caption(_("A model contribution: {text}").format(text=plain(answer.contribution)))


checked = st.session_state[prefix + "checked"]
with_indicators = set(indicators["outcome_id"])
if checked:
    saved = {i: ItemMapping.from_dict(i, st.session_state[prefix + "rows"].get(i, {})) for i in texts}
    item_results, plan_findings = check_plan(texts, saved, with_indicators)
    for r in item_results:
        with st.container(border=True):
            st.markdown(f"**{plain(r.item_id)}** · {plain(texts[r.item_id])}")
            item_feedback(r.item_id, saved[r.item_id], r)
else:
    for item_id, text in texts.items():
        with st.container(border=True):
            st.markdown(f"**{plain(item_id)}** · {plain(text)}")
            item_editor(item_id)
    if st.button(_("Check my mapping"), type="primary"):
        rows = current_rows()
        mappings = {i: ItemMapping.from_dict(i, r) for i, r in rows.items()}
        item_results, plan_findings = check_plan(texts, mappings, with_indicators)
        with sessions().begin() as db:
            record_submission(
                db,
                actor,
                OBJECT_PREFIX + body,
                uuid.uuid4().hex,
                score=plan_score(item_results),
                response=rows,
                findings=[f.rule for r in item_results for f in r.findings] + [f.rule for f in plan_findings],
            )
            save_draft(db, me["id"], OBJECT_PREFIX + body, {"rows": rows, "checked": True})
        st.session_state[prefix + "checked"] = True
        st.session_state[prefix + "rows"] = rows
        st.rerun()
    st.caption(_("You can check an incomplete mapping: the rules will name what is missing."))
    st.stop()

st.header(_("Your plan as a whole"), anchor=False)
st.metric(_("Items placed in a Key Result Area a trainer accepts"), f"{plan_score(item_results)}%")
for f in plan_findings:
    st.markdown(finding_markdown(f))
if st.button(_("Map this plan again"), icon=":material/refresh:"):
    with sessions().begin() as db:
        save_draft(db, me["id"], OBJECT_PREFIX + body, {"rows": {}, "checked": False})
    for k in [k for k in st.session_state if str(k).startswith(prefix)]:
        del st.session_state[k]
    st.rerun()

st.header(_("Your cohort's coverage of the Blueprint"), anchor=False)
if me.get("cohort_id") is None:
    st.info(_("Join a cohort to see how its members' work plans cover the Blueprint."))
    st.stop()
with sessions().begin() as db:
    events = events_of_cohort(db, me["cohort_id"], OBJECT_PREFIX)
cov = coverage(latest_mappings(events))
st.write(
    _(
        "Each cell counts the work-plan items your cohort mapped to a Key Result Area (each item once, where "
        "most people placed it). An empty row is a gap no body's plan serves; a row with two or more bodies "
        "is an overlap, where bodies could work together, or duplicate effort."
    )
)
source = _("Source: your cohort's mappings · synthetic sample work plans")
if not cov.counts:
    st.info(_("No Key Result Area has been chosen in your cohort's submitted mappings yet."))
else:
    c1, c2 = st.columns([3, 2])
    spec = coverage_spec(cov, title=_("Key Result Areas × sectoral bodies"), source=source)
    c1.vega_lite_chart(spec, width="stretch")
    c2.markdown(_("**Gaps** (no item): {kras}").format(kras=", ".join(cov.gaps) or _("none")))
    c2.markdown(
        _("**Overlaps** (two or more bodies): {kras}").format(kras=", ".join(cov.overlaps) or _("none"))
    )
    table = pd.DataFrame([{"KRA": k, "Body": b, "Items": n} for (k, b), n in sorted(cov.counts.items())])
    c2.dataframe(table, hide_index=True)
st.caption(_("\\* Titles under D and E are our wording, to be confirmed against the Blueprint."))
