"""Indicator tracker: baseline, target and milestones for a real indicator of one Member State, and the
% achievement and traffic-light status the numbers engine gives, year by year."""

from __future__ import annotations

import re
import uuid

import pandas as pd
import streamlit as st

from datasets.library import LibraryError, library
from exercises.feedback import finding_markdown
from exercises.rules import score
from exercises.text import LONG_MAX
from exercises.tracker_chart import tracker_spec
from exercises.tracking import CONVENTIONS, PRESETS, convention_for, explain, trainer_preset
from exercises.tracking_plan import Plan, check_plan, latest, progress
from modules.i18n import _
from modules.lessons import plain
from progress.db import sessions
from progress.drafts import load_draft, save_draft
from progress.pacing import closed_message
from progress.practice import record_submission, tracking_plan_object
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
DRAFT = "exercise:tracker:plan"

st.title(_("Indicator tracker"))
st.caption(
    _(
        "Set a baseline, a target and milestones for a real indicator of one Member State and see its "
        "progress: % achievement under a named convention and a traffic-light status under a named preset. "
        "Grey means the formula is undefined (no data, a target of 0, or a target equal to the baseline)."
    )
)
try:
    lib = library()
except LibraryError as err:
    st.error(_("The data library could not be loaded: {error}").format(error=plain(str(err))))
    st.stop()

if "tr:loaded" not in st.session_state:  # the last plan, as the learner left it on any device
    with sessions().begin() as db:
        draft = load_draft(db, me["id"], DRAFT) or {}
    for name, value in draft.get("widgets", {}).items():
        st.session_state[name] = tuple(value) if name == "tr:breakdown" else value
    st.session_state["tr:loaded"] = True

own = me.get("sectoral_body") or ""
trackable = [i for i in lib.indicators if i.direction in ("increase", "decrease")]
trackable.sort(key=lambda i: (i.sectoral_body != own, i.sectoral_body, i.name))
names = {i.id: f"{i.name} ({i.sectoral_body})" for i in trackable}
if st.session_state.get("tr:ind") not in names:
    st.session_state.pop("tr:ind", None)
ind = lib.indicator(st.selectbox(_("Indicator"), list(names), format_func=names.__getitem__, key="tr:ind"))
assert ind is not None
breakdowns = lib.breakdowns(ind.id)
if st.session_state.get("tr:breakdown") not in breakdowns:
    st.session_state.pop("tr:breakdown", None)
labels = {b: ", ".join(p for p in b if p) or _("total") for b in breakdowns}
breakdown = (
    st.selectbox(_("Breakdown"), breakdowns, format_func=labels.__getitem__, key="tr:breakdown")
    if len(breakdowns) > 1
    else breakdowns[0]
)
series = lib.series(ind.id, sex=breakdown[0], location=breakdown[1], age=breakdown[2])
countries = sorted(series["country"].unique())
if st.session_state.get("tr:country") not in countries:
    st.session_state.pop("tr:country", None)
country = st.selectbox(_("Member State"), countries, key="tr:country")
mine = series[series["country"] == country]
actuals = {int(y): float(v) for y, v in zip(mine["year"], mine["value"], strict=True)}
if not actuals:
    st.info(_("No data for this choice."))
    st.stop()
years = sorted(actuals)
if st.session_state.get("tr:by") not in years:
    st.session_state.pop("tr:by", None)

st.subheader(_("Your tracking plan"), anchor=False)
direction = ind.direction
c1, c2, c3 = st.columns(3)
st.session_state.setdefault("tr:by", years[-6] if len(years) > 5 else years[0])
baseline_year = c1.selectbox(_("Baseline year"), years, key="tr:by")
b_key = f"tr:b:{ind.id}:{country}:{baseline_year}"  # a new choice starts from the data's own value
st.session_state.setdefault(b_key, actuals[baseline_year])
baseline = c2.number_input(_("Baseline value"), format="%.2f", key=b_key)
c3.markdown(
    _("**Desired change:** {d}").format(d=_("increase") if direction == "increase" else _("decrease"))
)
c1, c2, c3 = st.columns(3)
st.session_state.setdefault("tr:ty", 2030)
target_year = c1.number_input(_("Target year"), min_value=2000, max_value=2050, step=1, key="tr:ty")
default_target = round(baseline * (1.1 if direction == "increase" else 0.9), 2) if baseline else 1.0
if ind.percentage:
    default_target = min(max(default_target, 0.0), 100.0)
t_key = f"tr:t:{ind.id}:{country}:{baseline_year}"
st.session_state.setdefault(t_key, default_target)
target = c2.number_input(_("Target value"), format="%.2f", key=t_key)
milestone_text = c3.text_input(
    _("Milestones (optional)"), key="tr:ms", placeholder=_("e.g. 2025: 48.0; 2028: 49.5"), max_chars=200
)
milestones: dict[int, float] = {}
bad_milestones = []
for part in filter(None, (p.strip() for p in milestone_text.split(";"))):
    m = re.fullmatch(r"(\d{4})\s*:\s*(-?\d+(?:[.,]\d+)?)", part)
    if m:
        milestones[int(m[1])] = float(m[2].replace(",", "."))
    else:
        bad_milestones.append(part)
if bad_milestones:
    st.error(
        _("These milestones could not be read: {parts}. Write them as year: value; year: value.").format(
            parts="; ".join(plain(p) for p in bad_milestones)
        )
    )

c1, c2 = st.columns(2)
conventions = {k: _(v) for k, v in CONVENTIONS.items()}
st.session_state.setdefault("tr:conv", convention_for(direction, baseline_known=True))
convention = c1.selectbox(
    _("% achievement convention"), list(conventions), format_func=conventions.__getitem__, key="tr:conv"
)
preset_names = {k: p.name for k, p in PRESETS.items()} | {"trainer": _("Trainer-defined")}
preset_id = c2.selectbox(
    _("Traffic-light preset"), list(preset_names), format_func=preset_names.__getitem__, key="tr:preset"
)
if preset_id == "trainer":
    t1, t2, t3 = st.columns(3)
    for name, default in (("tr:green", 90.0), ("tr:amber", 70.0), ("tr:upper", None)):
        st.session_state.setdefault(name, default)
    green = t1.number_input(_("Green from (%)"), 0.0, 500.0, key="tr:green")
    amber = t2.number_input(_("Amber from (%)"), 0.0, 500.0, key="tr:amber")
    upper = t3.number_input(
        _("Green up to (%), optional"),
        0.0,
        1000.0,
        key="tr:upper",
        placeholder=_("no upper bound"),
        help=_("Above this, the status is amber: over-achievement worth a look (like the ±15 % band)."),
    )
    try:
        preset = trainer_preset(green, amber, upper)
    except ValueError:
        st.error(_("Amber must start at or below green, and the upper bound must be above green."))
        preset = PRESETS["undp-2014"]
else:
    preset = PRESETS[preset_id]
st.caption(
    _("Preset: {bands}. Lower bounds count: at exactly the boundary, the better colour.").format(
        bands=preset.describe()
    )
)

plan = Plan(
    direction,
    ind.percentage,
    int(baseline_year),
    float(baseline),
    int(target_year),
    float(target),
    milestones,
)
for f in check_plan(plan):
    st.markdown(finding_markdown(f))

rows = progress(plan, actuals, convention, preset)
now = latest(rows)
st.subheader(_("Progress"), anchor=False)
COLOUR_WORDS = {"green": _("green"), "amber": _("amber"), "red": _("red"), "grey": _("grey: cannot assess")}
BADGE = {"green": "green", "amber": "orange", "red": "red", "grey": "gray"}
if now is None:
    st.info(_("There is no data after the baseline year yet: progress cannot be assessed (grey)."))
else:
    m1, m2, m3 = st.columns(3)
    m1.metric(_("Latest data ({year})").format(year=now.year), f"{now.actual:.2f}")
    m2.metric(
        _("Interim target for {year}").format(year=now.year),
        "—" if now.expected is None else f"{now.expected:.2f}",
    )
    m3.metric(_("% achievement"), "—" if now.percent is None else f"{now.percent:.1f} %")
    st.badge(
        _("Status in {year}: {colour}").format(year=now.year, colour=COLOUR_WORDS[now.colour]),
        color=BADGE[now.colour],
    )
    steps = explain(convention, target=now.expected, actual=now.actual, baseline=plan.baseline)
    st.markdown("\n".join(f"{n}. {plain(s)}" for n, s in enumerate(steps, 1)))

title = f"{ind.name}, {country}"
chart_source = _("Source: {source}").format(source=ind.source.split(" (")[0])  # details in the caption
if ind.synthetic:
    chart_source += " · " + _("synthetic sample, not real data")
spec = tracker_spec(rows, plan, convention, preset, title=title, unit=ind.unit, source=chart_source)
st.vega_lite_chart(spec, width="stretch")
table = pd.DataFrame(
    [
        {
            _("Year"): str(r.year),
            _("Actual"): r.actual,
            _("Interim target"): r.expected,
            _("% achievement"): r.percent,
            _("Status"): COLOUR_WORDS[r.colour],
        }
        for r in rows
    ]
)
st.dataframe(
    table,
    hide_index=True,
    column_config={
        _("Actual"): st.column_config.NumberColumn(format="%.2f"),
        _("Interim target"): st.column_config.NumberColumn(format="%.2f"),
        _("% achievement"): st.column_config.NumberColumn(format="%.1f"),
    },
)
source = _("**Source:** {source}. **Licence:** {licence}. **Unit:** {unit}.").format(
    source=plain(ind.source), licence=plain(ind.licence), unit=plain(ind.unit)
)
st.caption(source)
if ind.synthetic:
    st.warning(_("Synthetic sample: generated for practice, not real data."), icon=":material/science:")

st.subheader(_("Your reading"), anchor=False)
reading = st.text_area(
    _("What does this show? Why is it on or off track? (for your report)"),
    key="tr:reading",
    max_chars=LONG_MAX,
    placeholder=_(
        "e.g. Against the interim target for 2023 the country reached … % of the planned change, because …"
    ),
)
widgets = {
    k: v
    for k, v in st.session_state.items()
    if k
    in (
        "tr:ind",
        "tr:breakdown",
        "tr:country",
        "tr:by",
        "tr:ty",
        "tr:ms",
        "tr:conv",
        "tr:preset",
        "tr:green",
        "tr:amber",
        "tr:upper",
        "tr:reading",
        b_key,
        t_key,
    )
}
if widgets != st.session_state.get("tr:saved"):
    with sessions().begin() as db:
        save_draft(db, me["id"], DRAFT, {"widgets": widgets})
    st.session_state["tr:saved"] = widgets
findings = check_plan(plan)
if st.button(_("Save this tracking plan to my progress"), type="primary", icon=":material/save:"):
    response = {
        "indicator": ind.id,
        "country": country,
        "breakdown": list(breakdown),
        "baseline_year": plan.baseline_year,
        "baseline": plan.baseline,
        "target_year": plan.target_year,
        "target": plan.target,
        "milestones": {str(y): v for y, v in milestones.items()},
        "convention": convention,
        "preset": preset.id,
        "latest": None if now is None else {"year": now.year, "percent": now.percent, "colour": now.colour},
        "reading": reading,
    }
    with sessions().begin() as db:
        record_submission(
            db,
            actor,
            tracking_plan_object(ind.id, country),
            uuid.uuid4().hex,
            score=score(findings),
            response=response,
            findings=[f.rule for f in findings],
        )
    st.success(
        _("Saved: your plan for {indicator}, {country}, with a plan-quality score of {score}%.").format(
            indicator=plain(ind.name), country=country, score=score(findings)
        ),
        icon=":material/check_circle:",
    )
st.caption(
    _(
        "The plan-quality score is 100 less 15 per error and 5 per warning in the checks on your numbers "
        "above."
    )
)
