"""Trainer sign-in, and first-time setup with the one-time token printed at start."""

from __future__ import annotations

import streamlit as st

from modules.i18n import _
from progress.accounts import InputError, start_sign_in, use_setup_token, verify_trainer
from progress.cohorts import adopt_unowned_cohorts
from progress.db import sessions
from progress.models import NAME_MAX

st.title(_("Trainer sign-in"))

with st.form("signin"):
    username = st.text_input(_("Username"), max_chars=NAME_MAX)
    password = st.text_input(_("Password"), type="password", max_chars=256)
    if st.form_submit_button(_("Sign in"), type="primary"):
        with sessions().begin() as db:
            person = verify_trainer(db, username, password)
            token = start_sign_in(db, person) if person is not None else ""
        if token:
            st.query_params["s"] = token  # the router signs the tab in from the address
            st.rerun()
        st.error(_("Wrong username or password."), icon=":material/error:")

with st.expander(_("First-time setup: create the first trainer account")):
    st.caption(
        _(
            "When no trainer exists yet, the server prints a one-time setup token in its console "
            "at start. Or create a trainer from the command line: "
            "`python -m progress create-trainer`."
        )
    )
    with st.form("setup"):
        token = st.text_input(_("Setup token"), max_chars=40, key="setup-token")
        new_user = st.text_input(_("Choose a username"), max_chars=NAME_MAX, key="setup-user")
        new_name = st.text_input(_("Your name"), max_chars=NAME_MAX, key="setup-name")
        pw1 = st.text_input(
            _("Choose a password (at least 10 characters)"), type="password", max_chars=256, key="setup-pw1"
        )
        pw2 = st.text_input(_("Repeat the password"), type="password", max_chars=256, key="setup-pw2")
        if st.form_submit_button(_("Create the trainer account")):
            try:
                if pw1 != pw2:
                    raise InputError(_("The two passwords differ."))
                with sessions().begin() as db:
                    person = use_setup_token(db, token, new_user, new_name, pw1)
                    adopt_unowned_cohorts(db, person)
                    token = start_sign_in(db, person)
                st.query_params["s"] = token
                st.rerun()
            except InputError as err:
                st.error(str(err), icon=":material/error:")
