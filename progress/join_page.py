"""Welcome: join a workshop with a room code, study on your own, or resume with your code."""

from __future__ import annotations

import streamlit as st

from datasets.reference import member_states, sectoral_bodies
from modules.i18n import _
from progress.accounts import (
    InputError,
    join_cohort,
    register_self_paced,
    resume,
    start_sign_in,
)
from progress.db import sessions
from progress.models import NAME_MAX

STATES = {m.iso3: m.name for m in member_states()}
BODIES = {b.code: b.label for b in sectoral_bodies()}


def sign_in(token: str, recovery_code: str | None) -> None:
    """Put the sign-in token in the address; the router turns it into the signed-in learner."""
    if recovery_code:
        st.session_state["new_recovery_code"] = recovery_code
    st.query_params["s"] = token
    st.rerun()


def profile_fields(prefix: str) -> tuple[str, str | None, str | None]:
    # No max_chars: a pasted over-long name gets a clear message instead of being silently refused.
    name = st.text_input(
        _("Your name"),
        key=f"{prefix}-name",
        help=_("As you would like it on your certificate, up to {n} characters.").format(n=NAME_MAX),
    )
    state = st.selectbox(
        _("Member State"),
        list(STATES),
        format_func=STATES.__getitem__,
        index=None,
        placeholder=_("Choose your Member State"),
        key=f"{prefix}-state",
    )
    body = st.selectbox(
        _("Sectoral body"),
        list(BODIES),
        format_func=BODIES.__getitem__,
        index=None,
        placeholder=_("Choose your sectoral body"),
        key=f"{prefix}-body",
    )
    return name, state, body


st.title(_("ASCC M&E Academy"))
st.write(
    _(
        "Learn to monitor and evaluate the ASEAN Socio-Cultural Community Blueprint 2025: "
        "short lessons with knowledge checks, a quiz per module, and your progress saved as you go."
    )
)
if notice := st.session_state.pop("notice", None):
    st.info(notice, icon=":material/info:")

join_tab, alone_tab, resume_tab = st.tabs(
    [_("Join a workshop"), _("Study on my own"), _("Resume with my code")]
)

with join_tab, st.form("join"):
    room = st.text_input(
        _("Room code"),
        value=st.query_params.get("room", "")[:20],  # the QR code on the trainer's screen fills it in
        max_chars=20,
        help=_("Your trainer shows it on the screen, for example K7QM3X."),
    )
    name, state, body = profile_fields("join")
    if st.form_submit_button(_("Join the workshop"), type="primary"):
        try:
            if not state or not body:
                raise InputError(_("Choose your Member State and your sectoral body."))
            with sessions().begin() as db:
                person, code = join_cohort(db, room, name, state, body)
                token = start_sign_in(db, person)
            sign_in(token, code)
        except InputError as err:
            st.error(str(err), icon=":material/error:")

with alone_tab, st.form("alone"):
    st.caption(_("No room code needed. You can study at your own pace and resume on any device."))
    name, state, body = profile_fields("alone")
    if st.form_submit_button(_("Start learning"), type="primary"):
        try:
            if not state or not body:
                raise InputError(_("Choose your Member State and your sectoral body."))
            with sessions().begin() as db:
                person, code = register_self_paced(db, name, state, body)
                token = start_sign_in(db, person)
            sign_in(token, code)
        except InputError as err:
            st.error(str(err), icon=":material/error:")

with resume_tab, st.form("resume"):
    st.caption(_("Type the personal recovery code you were given when you first joined."))
    code = st.text_input(_("Recovery code"), max_chars=20, placeholder="ABCD-EFGH", key="resume-code")
    if st.form_submit_button(_("Resume"), type="primary"):
        with sessions().begin() as db:
            person = resume(db, code)
            token = start_sign_in(db, person) if person is not None else ""
        if token:
            sign_in(token, None)
        st.error(_("No learner has that recovery code. Check it, letter by letter."), icon=":material/error:")

st.caption(_("Trainers: use **Trainer sign-in** in the menu."))
