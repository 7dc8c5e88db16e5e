"""Practice: the design exercises and the monitoring exercises, what each trains, and where the learner
stands in each."""

from __future__ import annotations

import streamlit as st

from modules.i18n import _
from progress.db import sessions
from progress.drafts import draft_names
from progress.models import Cohort
from progress.pacing import in_agenda_order, schedule
from progress.practice import exercise_statuses
from progress.statements import events_of

me = st.session_state.get("me")
if me is None:
    st.warning(_("Please sign in first."))
    st.stop()

st.title(_("Practice"))
st.write(
    _(
        "Hands-on exercises on your own sector's material. Each one gives immediate, specific feedback, "
        "the way a trainer would: which rule, why it matters and how to fix it. Your work is saved as you go."
    )
)

with sessions().begin() as db:
    events = [e for e in events_of(db, me["id"]) if e.object_id.startswith("exercise:")]
    drafts = draft_names(db, me["id"])
    pacing = schedule(db, me.get("cohort_id"))
    cohort = db.get(Cohort, me["cohort_id"]) if me.get("cohort_id") else None
    agenda = cohort.agenda if cohort else None
status = exercise_statuses(events, drafts)
STATE_BADGES = {
    "submitted": (_("Done"), "green", ":material/check_circle:"),
    "in progress": (_("In progress"), "blue", ":material/pending:"),
    "not started": (_("Not started"), "gray", ":material/radio_button_unchecked:"),
}

DESIGN = (  # (exercise, title, what it trains, [(page, link text)])
    (
        "results-chain",
        _("Results chain sorter"),
        _(
            "Sort statements from your sector's work plan into input, activity, output, outcome and impact, "
            "then find the broken link in a chain. About 10 minutes a round."
        ),
        [("exercises/results_chain_page.py", _("Results chain sorter"))],
    ),
    (
        "indicator-clinic",
        _("Indicator clinic"),
        _(
            "Rewrite weak indicators and fill in their plan: definition, numerator and denominator, "
            "disaggregation, means of verification, frequency, who is responsible. A model answer follows "
            "your attempt."
        ),
        [("exercises/indicator_clinic_page.py", _("Indicator clinic"))],
    ),
    (
        "logframe",
        _("Logframe builder"),
        _(
            "Build the logframe of a project in your sector, from a template or from scratch, with feedback "
            "beside each cell. Export it to a spreadsheet. About 20 minutes."
        ),
        [("exercises/logframe_page.py", _("Logframe builder"))],
    ),
    (
        "assumptions",
        _("Assumption screening"),
        _(
            "Decide for each assumption of a project: is it outside your control, important, likely? "
            "Keep it, drop it, or redesign the project around a killer assumption."
        ),
        [("exercises/assumptions_page.py", _("Assumption screening"))],
    ),
)
MONITORING = (
    (
        "tracker",
        _("Indicator tracking"),
        _(
            "Pick an indicator of your sector and a Member State from the real data, set a baseline, a "
            "target and milestones, and see % achievement and the traffic-light status year by year. Then "
            "work out the % and the colour of twelve cases yourself."
        ),
        [
            ("exercises/tracker_page.py", _("Indicator tracker")),
            ("exercises/tracking_cases_page.py", _("Progress and traffic lights: your turn")),
        ],
    ),
    (
        "alignment",
        _("Work-plan alignment"),
        _(
            "Map each item of a sectoral work plan to the Blueprint: Characteristic, Key Result Area and "
            "strategic measure, with the sectoral outcome it serves. Then see which areas your whole "
            "cohort's bodies cover, leave as gaps, or share."
        ),
        [("exercises/alignment_page.py", _("Work-plan alignment"))],
    ),
    (
        "midterm-review",
        _("Mid-term review simulation"),
        _(
            "Review a sector's results framework as at the end of 2019: match evaluation questions to the "
            "OECD-DAC criteria, rate each outcome from the data, write findings and recommendations, then "
            "compare with a model review."
        ),
        [("exercises/midterm_review_page.py", _("Mid-term review simulation"))],
    ),
)


def card(name: str, title: str, blurb: str, links: list[tuple[str, str]]) -> None:
    s = status[name]
    with st.container(border=True):
        st.subheader(title, anchor=False)
        word, colour, icon = STATE_BADGES[s.state]
        score = "" if s.score is None else " · " + _("score {score}%").format(score=round(s.score))
        st.badge(word + score, color=colour, icon=icon)
        st.write(blurb)
        if (gate := pacing.gate(f"exercise:{name}")) is not None:
            st.info(gate.message(_("This exercise")), icon=":material/lock_clock:")
            return
        for page, label in links:
            st.page_link(page, label=_("Open: {title}").format(title=label), icon=":material/arrow_forward:")


cards = {f"exercise:{card[0]}": card for card in (*DESIGN, *MONITORING)}
on_agenda, _rest = in_agenda_order(agenda, list(cards))
if agenda is not None:
    st.header(_("On this workshop's agenda"), anchor=False)
    for item in on_agenda:
        card(*cards[item])
for heading, group in ((_("Designing results"), DESIGN), (_("Monitoring on data"), MONITORING)):
    rest = [c for c in group if agenda is None or f"exercise:{c[0]}" not in on_agenda]
    if rest:
        st.header(
            heading if agenda is None else _("More practice: {group}").format(group=heading), anchor=False
        )
        for exercise in rest:
            card(*exercise)
