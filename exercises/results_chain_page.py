"""Results chain sorter: classify a sector's statements by level, then find the broken link in a chain."""

from __future__ import annotations

import uuid

import streamlit as st

from exercises.results_chain import CHAIN_LEVELS, BankError, banks, mark_round, round_of, round_score
from modules.i18n import _
from modules.lessons import plain
from progress.db import sessions
from progress.drafts import load_draft, save_draft
from progress.pacing import closed_message
from progress.practice import record_answer, record_submission
from progress.statements import ActorRef

me = st.session_state.get("me")
if me is None:
    st.warning(_("Please sign in first."))
    st.stop()
closed = closed_message(me.get("cohort_id"), "exercise:results-chain", _("This exercise"))  # pacing
if closed is not None:
    st.info(closed, icon=":material/lock_clock:")
    st.stop()
actor = ActorRef(me["id"], me["cohort_id"])
LEVEL_NAMES = {
    "input": _("Input"),
    "activity": _("Activity"),
    "output": _("Output"),
    "outcome": _("Outcome"),
    "impact": _("Impact"),
}

st.title(_("Results chain sorter"))
try:
    all_banks = banks()
except BankError as err:
    st.error(_("The statement banks could not be read: {error}").format(error=plain(str(err))))
    st.stop()
own = me.get("sectoral_body") or ""
bodies = sorted(all_banks, key=lambda b: (b != own, b))
titles = {b: all_banks[b].title for b in bodies}
body = st.selectbox(_("Sector"), bodies, format_func=titles.__getitem__, key="rc:body")
bank = all_banks[body]
st.caption(plain(bank.basis))

with st.expander(_("How to tell the levels apart")):
    st.markdown(
        _(
            "- **Input**: money, people, data and materials used.\n"
            "- **Activity**: work done, usually starting with a verb (“Conduct …”).\n"
            "- **Output**: what the project delivers and controls (guideline endorsed, officials trained).\n"
            "- **Outcome**: a change among people other than the implementer: they apply, use or adopt "
            "something. Ask “so what?” of an output to find it.\n"
            "- **Impact**: the long-term change the project contributes to, with many others."
        )
    )

sort_tab, link_tab = st.tabs([_("Sort statements"), _("Find the broken link")])

with sort_tab:
    with sessions().begin() as db:
        draft = load_draft(db, me["id"], bank.object_id) or {}
    seed = draft.get("seed") or uuid.uuid4().hex
    statements = round_of(bank, seed)
    answers: dict[str, str | None] = {}
    checked = bool(draft.get("checked"))
    st.write(_("Classify each statement. {n} statements in this round.").format(n=len(statements)))
    for n, s in enumerate(statements, start=1):
        key = f"rc:{seed}:{s.id}"
        if key not in st.session_state:
            st.session_state[key] = draft.get("answers", {}).get(s.id)
        with st.container(border=True):
            st.markdown(f"**{n}.** {plain(s.text)}")
            answers[s.id] = st.radio(
                _("Level of statement {n}").format(n=n),
                list(CHAIN_LEVELS),
                format_func=LEVEL_NAMES.__getitem__,
                key=key,
                horizontal=True,
                label_visibility="collapsed",
                disabled=checked,
            )
            if checked:
                m = mark_round([s], answers)[0]
                if m.correct:
                    st.success(
                        _("Right: {level}. {why}").format(level=LEVEL_NAMES[s.level], why=plain(s.why))
                    )
                else:
                    st.error(
                        _("It is an **{level}**. {why}").format(level=LEVEL_NAMES[s.level], why=plain(s.why))
                    )
    state = {"seed": seed, "answers": answers, "checked": checked}
    if state != draft:
        with sessions().begin() as db:
            save_draft(db, me["id"], bank.object_id, state)
    if not checked:
        missing = sum(1 for a in answers.values() if a is None)
        if st.button(_("Check my answers"), type="primary", disabled=missing > 0):
            marked = mark_round(statements, answers)
            with sessions().begin() as db:
                record_submission(
                    db,
                    actor,
                    bank.object_id,
                    seed,  # one submission per round, however often the button is pressed
                    score=round_score(marked),
                    response=answers,
                    success=round_score(marked) >= 80,
                )
                save_draft(db, me["id"], bank.object_id, {**state, "checked": True})
            st.rerun()
        if missing:
            st.caption(_("{n} statement(s) still to classify.").format(n=missing))
    else:
        marked = mark_round(statements, answers)
        right = sum(m.correct for m in marked)
        st.metric(_("This round"), f"{right}/{len(marked)}")
        if st.button(_("New round"), icon=":material/refresh:"):
            with sessions().begin() as db:
                save_draft(
                    db, me["id"], bank.object_id, {"seed": uuid.uuid4().hex, "answers": {}, "checked": False}
                )
            st.rerun()

with link_tab:
    if not bank.chains:
        st.info(_("No chains for this sector yet."))
    else:
        names = {c.id: c.title for c in bank.chains}
        chosen = st.selectbox(_("Chain"), list(names), format_func=names.__getitem__, key=f"rc:chain:{body}")
        chain = next(c for c in bank.chains if c.id == chosen)
        st.write(_("Read the chain from the bottom up. Which arrow does not hold?"))
        for n, step in enumerate(chain.steps, start=1):
            st.markdown(f"**{n}.** {plain(step)}")
            if n < len(chain.steps):
                st.markdown(f":material/arrow_downward: *{_('link')} {n}*")
        links = {
            n: _("Link {n}: step {a} → step {b}").format(n=n, a=n, b=n + 1)
            for n in range(1, len(chain.steps))
        }
        pick = st.radio(
            _("The broken link"),
            list(links),
            format_func=links.__getitem__,
            index=None,
            key=f"rc:pick:{chain.id}",
        )
        result_key = f"rc:result:{chain.id}"
        if st.button(_("Check"), disabled=pick is None, key=f"rc:check:{chain.id}"):
            with sessions().begin() as db:
                record_answer(
                    db,
                    actor,
                    bank.chain_object_id(chain),
                    uuid.uuid4().hex,
                    response=pick,
                    correct=pick == chain.broken,
                )
            st.session_state[result_key] = pick
        if (answered := st.session_state.get(result_key)) is not None:
            levels = ", ".join(
                f"{n}. {LEVEL_NAMES.get(level, level)}" for n, level in enumerate(chain.levels, start=1)
            )
            if answered == chain.broken:
                st.success(_("Right: link {n} is broken. {why}").format(n=chain.broken, why=plain(chain.why)))
            else:
                st.error(
                    _("Not quite: link {n} is the broken one. {why}").format(
                        n=chain.broken, why=plain(chain.why)
                    )
                )
            st.caption(_("The level of each step: {levels}.").format(levels=levels))
