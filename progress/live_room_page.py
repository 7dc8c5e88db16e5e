"""Trainer: the live room. Refreshes itself every few seconds: who is where, who needs help (three
wrong answers on a check, or a long time on one exercise), how far the room is per item, how the room
answers a question, and one participant's whole record."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import Counter

import pandas as pd
import streamlit as st

from modules.catalog import curriculum
from modules.i18n import _
from modules.lessons import plain
from progress.cohorts import cohort_choices
from progress.db import sessions
from progress.identity import is_trainer
from progress.live import (
    IDLE_AFTER,
    STUCK_AFTER,
    WRONG_IN_A_ROW,
    Flag,
    ItemCounts,
    Now,
    answer_distribution,
    answer_text,
    item_counts,
    needs_help,
    recently_answered,
    room_now,
    timeline,
)
from progress.models import utcnow
from progress.roster import stamped
from progress.titles import Titles

me = st.session_state.get("me")
if not is_trainer(me):
    st.error(_("This page is for trainers only."), icon=":material/block:")
    st.stop()

REFRESH = dt.timedelta(seconds=3)
WINDOWS = {
    "15m": (_("Last 15 minutes"), dt.timedelta(minutes=15)),
    "1h": (_("Last hour"), dt.timedelta(hours=1)),
    "3h": (_("Last 3 hours"), dt.timedelta(hours=3)),
    "day": (_("Last 24 hours"), dt.timedelta(days=1)),
    "all": (_("The whole workshop"), dt.timedelta(days=3650)),
}
WINDOW_NAMES = {k: v[0] for k, v in WINDOWS.items()}


@functools.cache
def titles() -> Titles:
    return Titles.of(curriculum())


def title(object_id: str | None) -> str:
    return "—" if object_id is None else titles().of_object(object_id)[0]


def ago(at: dt.datetime | None, now: dt.datetime) -> str:
    if at is None:
        return "—"
    minutes = int((now - at).total_seconds() // 60)
    return (
        _("just now")
        if minutes < 1
        else _("{n} min ago").format(n=minutes)
        if minutes < 120
        else at.strftime("%d %b %H:%M")
    )


st.title(_("Live room"))
with sessions().begin() as db:
    labels, start = cohort_choices(db, me["id"], st.session_state.get("trainer:cohort"))
if not labels:
    st.info(_("You have no cohorts yet."), icon=":material/info:")
    st.stop()
c1, c2 = st.columns([3, 2])
cohort_id = c1.selectbox(
    _("Cohort"),
    list(labels),
    index=start,
    format_func=labels.__getitem__,
    key="live:cohort",
)
st.session_state["trainer:cohort"] = cohort_id  # the next trainer page opens on the same cohort
window = c2.selectbox(
    _("Show activity of"),
    list(WINDOW_NAMES),
    index=2,
    format_func=WINDOW_NAMES.__getitem__,
    key="live:window",
)
checks = sorted(q.id for m in curriculum().modules for ls in m.lessons for q in ls.parsed.questions)
st.caption(
    _(
        "Refreshes every {s} seconds. Needs help: {n} wrong answers on one knowledge check with none right, "
        "or {m} minutes on one exercise with tries but no submission. Idle: nothing for {i} minutes."
    ).format(
        s=int(REFRESH.total_seconds()),
        n=WRONG_IN_A_ROW,
        m=int(STUCK_AFTER.total_seconds() // 60),
        i=int(IDLE_AFTER.total_seconds() // 60),
    )
)


@st.fragment(run_every=REFRESH)
def room() -> None:
    now = utcnow()
    since = now - WINDOWS[window][1]
    with sessions().begin() as db:

        def look() -> tuple[list[Now], list[Flag], list[ItemCounts]]:
            return (
                room_now(db, cohort_id, since),
                needs_help(db, cohort_id, since, checks, now),
                item_counts(db, cohort_id, since),
            )

        # The whole workshop is a fixed window: its figures change only when the cohort's statements do,
        # so they are kept until then (a big finished workshop is previewed without re-reading it).
        people, flags, counts = stamped(db, "live:all", cohort_id, look) if window == "all" else look()
    active = sum(not p.idle(now) for p in people)
    m1, m2, m3, m4 = st.columns(4)
    m1.metric(_("Participants"), len(people))
    m2.metric(_("Active now"), active)
    m3.metric(_("Idle or away"), len(people) - active)
    m4.metric(_("Need help"), len({f.person_id for f in flags}))
    st.subheader(_("Needs help"), anchor=False)
    if not flags:
        st.write(_("Nobody right now."))
    for f in flags[:30]:
        if f.reason == "wrong":
            counted = Counter(answer_text(a)[:120] for a in f.answers)
            given = "; ".join(
                f"“{plain(a)}”" + (f" (×{n})" if n > 1 else "") for a, n in counted.most_common(5)
            )
            st.error(
                _(
                    "**{name}**: {n} wrong answers on {item}, none right ({when}). Answers given: {given}"
                ).format(
                    name=plain(f.name),
                    n=len(f.answers),
                    item=plain(title(f.object_id)),
                    when=ago(f.since, now),
                    given=given,
                ),
                icon=":material/help:",
            )
        else:
            st.warning(
                _("**{name}** has been on {item} since {when}, with tries but no submission.").format(
                    name=plain(f.name), item=plain(title(f.object_id)), when=ago(f.since, now)
                ),
                icon=":material/hourglass_top:",
            )
    st.subheader(_("Who is where"), anchor=False)
    table = pd.DataFrame(
        [
            {
                _("Name"): p.name,
                _("Member State"): p.member_state,
                _("Body"): p.sectoral_body,
                _("Now on"): title(p.object_id),
                _("Last activity"): ago(p.at, now),
                _("Status"): _("active") if not p.idle(now) else _("idle") if p.at else _("no activity"),
            }
            for p in people
        ]
    )
    st.dataframe(
        table,
        hide_index=True,
        height=min(38 + 35 * max(len(people), 1), 420),
        column_config={_("Now on"): st.column_config.TextColumn(width="large")},
    )
    st.subheader(_("Per item"), anchor=False)
    if not counts:
        st.write(_("No activity in this period."))
        return
    per_item = pd.DataFrame(
        [
            {
                _("Item"): title(c.object_id),
                _("Started"): c.started,
                _("Done"): c.completed,
                _("Done, of the room"): round(100 * c.completed / max(1, len(people))),
            }
            for c in counts
        ]
    ).sort_values([_("Started"), _("Done")], ascending=False)
    st.dataframe(
        per_item,
        hide_index=True,
        height=min(38 + 35 * len(per_item), 420),
        column_config={
            _("Item"): st.column_config.TextColumn(width="large"),
            _("Done, of the room"): st.column_config.ProgressColumn(
                min_value=0, max_value=100, format="%d%%"
            ),
        },
    )


room()

st.header(_("How the room answers a question"), anchor=False)
cur = curriculum()
prompts = {  # option labels are plain text: the prompt's Markdown marks are dropped, not escaped
    q.id: f"{q.id} · {re.sub(r'[*_`#>]', '', q.prompt)[:100]}"
    for m in cur.modules
    for ls in m.lessons
    for q in ls.parsed.questions
}
with sessions().begin() as db:  # what the room answered last comes first, and is shown by default
    since = utcnow() - WINDOWS[window][1]
    recent = (
        stamped(db, "live:recent", cohort_id, lambda: recently_answered(db, cohort_id, since, prompts))
        if window == "all"
        else recently_answered(db, cohort_id, since, prompts)
    )
options = recent + [q for q in prompts if q not in recent]
qid = st.selectbox(_("Knowledge check"), options, format_func=prompts.__getitem__, key="live:question")


@st.fragment(run_every=REFRESH)
def distribution() -> None:
    since = utcnow() - WINDOWS[window][1]
    with sessions().begin() as db:
        dist = (
            stamped(
                db, f"live:answers:{qid}", cohort_id, lambda: answer_distribution(db, cohort_id, qid, since)
            )
            if window == "all"
            else answer_distribution(db, cohort_id, qid, since)
        )
    if not dist.answers:
        st.write(_("Nobody has answered it in this period."))
        return
    if (common := dist.common_wrong) is not None:
        st.warning(
            _("Most common wrong answer: “{answer}” ({n} times). Worth stopping to re-teach?").format(
                answer=plain(common[0]), n=common[1]
            ),
            icon=":material/campaign:",
        )
    data = pd.DataFrame(
        [
            {_("Answer"): a, _("Right"): _("right") if ok else _("wrong"), _("Times"): n}
            for a, ok, n in dist.answers
        ]
    )
    left, right = st.columns([3, 2])
    spec = {
        "title": {"text": _("Answers given ({n} people)").format(n=dist.people), "anchor": "start"},
        "description": _("Bar chart of how often each answer was given; the table beside lists the same."),
        "mark": "bar",
        "encoding": {
            "y": {"field": _("Answer"), "type": "nominal", "sort": "-x", "axis": {"labelLimit": 320}},
            "x": {"field": _("Times"), "type": "quantitative", "axis": {"tickMinStep": 1}},
            "color": {
                "field": _("Right"),
                "type": "nominal",
                "scale": {"domain": [_("right"), _("wrong")], "range": ["#2e7d32", "#c62828"]},
            },
        },
    }
    left.vega_lite_chart(data, spec, width="stretch")
    right.dataframe(
        data, hide_index=True, column_config={_("Answer"): st.column_config.TextColumn(width="medium")}
    )


distribution()

st.header(_("One participant's record"), anchor=False)
with sessions().begin() as db:
    everyone = {p.person_id: p.name for p in room_now(db, cohort_id, utcnow())}
who = st.selectbox(
    _("Participant"),
    list(everyone),
    index=None,
    format_func=everyone.__getitem__,
    key="live:person",
    placeholder=_("Choose"),
)
if who is not None:
    with sessions().begin() as db:
        steps = timeline(db, cohort_id, who)
    if not steps:
        st.write(_("Nothing recorded yet."))
    else:
        rows = [
            {
                _("When (UTC)"): s.at.strftime("%d %b %H:%M"),
                _("Did"): s.verb,
                _("What"): title(s.object_id),
                _("Answer"): "" if s.response is None else str(s.response)[:200],
                _("Score"): s.score,
                _("Right"): {True: "✓", False: "✗"}.get(s.success, "") if s.success is not None else "",
            }
            for s in steps
        ]
        st.dataframe(pd.DataFrame(rows), hide_index=True)
