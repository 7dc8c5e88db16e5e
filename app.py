"""The router: page config, who is signed in and in which role, st.navigation(...).run()."""

from __future__ import annotations

import streamlit as st

from datasets.library import warm_library
from modules.catalog import curriculum
from modules.i18n import _
from progress.accounts import end_sign_in, person_for_token
from progress.db import sessions
from progress.identity import is_trainer, me_of
from serve import page_icon, tune_process

tune_process(warm=(curriculum, warm_library, sessions))  # once per process: content, data, migrate, freeze

# Identity: a sign-in token in the address survives refreshes, dropped connections and restarts.
token = st.query_params.get("s", "")
if "me" not in st.session_state and token:
    with sessions().begin() as db:
        person = person_for_token(db, token)
        if person is not None:
            st.session_state["me"] = me_of(person)
            st.session_state["token"] = token
    if "me" not in st.session_state:
        del st.query_params["s"]
        st.session_state["notice"] = _("Your sign-in has ended. Resume with your recovery code.")
me = st.session_state.get("me")
# Lessons read best in a narrow column; a trainer's roster needs the whole width.
st.set_page_config(
    page_title="ASCC M&E Academy",
    page_icon=page_icon(),
    layout="wide" if is_trainer(me) else "centered",
)
if me and st.query_params.get("s") != st.session_state["token"]:
    st.query_params["s"] = st.session_state["token"]  # page switches drop query parameters


VERIFY = "progress/verify_page.py"


def learn_pages(*, default: bool) -> list[st.Page]:
    """The curriculum pages; a module, a lesson, a quiz or a test is reached from links, not the menu."""
    return [
        st.Page(
            "modules/modules_page.py",
            title=_("Modules"),
            icon=":material/menu_book:",
            url_path="modules",
            default=default,
        ),
        st.Page("modules/module_page.py", title=_("Module"), url_path="module", visibility="hidden"),
        st.Page("modules/lesson_page.py", title=_("Lesson"), url_path="lesson", visibility="hidden"),
        st.Page(
            "exercises/practice_page.py",
            title=_("Practice"),
            icon=":material/edit_note:",
            url_path="practice",
        ),
        *(
            st.Page(
                f"exercises/{name}_page.py", title=title, url_path=name.replace("_", "-"), visibility="hidden"
            )
            for name, title in (
                ("results_chain", _("Results chain sorter")),
                ("indicator_clinic", _("Indicator clinic")),
                ("logframe", _("Logframe builder")),
                ("assumptions", _("Assumption screening")),
                ("tracker", _("Indicator tracker")),
                ("tracking_cases", _("Progress and traffic lights")),
                ("alignment", _("Work-plan alignment")),
                ("midterm_review", _("Mid-term review simulation")),
            )
        ),
        st.Page(
            "modules/glossary_page.py", title=_("Glossary"), icon=":material/dictionary:", url_path="glossary"
        ),
        st.Page(
            "datasets/explorer_page.py",
            title=_("Data explorer"),
            icon=":material/query_stats:",
            url_path="data",
        ),
    ]


if me is None:
    pages = [
        st.Page(
            "progress/join_page.py",
            title=_("Welcome"),
            icon=":material/login:",
            url_path="welcome",
            default=True,
        ),
        st.Page(
            "progress/trainer_signin_page.py",
            title=_("Trainer sign-in"),
            icon=":material/key:",
            url_path="trainer-sign-in",
        ),
        st.Page(VERIFY, title=_("Verify a certificate"), icon=":material/verified:", url_path="verify"),
    ]
elif is_trainer(me):
    pages = [
        st.Page(
            "progress/cohorts_page.py",
            title=_("Cohorts and roster"),
            icon=":material/groups:",
            url_path="cohorts",
            default=True,
        ),
        st.Page(
            "progress/pacing_page.py",
            title=_("Pacing"),
            icon=":material/lock_clock:",
            url_path="pacing",
        ),
        st.Page(
            "progress/reports_page.py",
            title=_("Reports"),
            icon=":material/monitoring:",
            url_path="reports",
        ),
        st.Page(
            "progress/live_room_page.py",
            title=_("Live room"),
            icon=":material/sensors:",
            url_path="live-room",
        ),
        st.Page(
            "modules/facilitator_page.py",
            title=_("Facilitator guide"),
            icon=":material/co_present:",
            url_path="facilitator-guide",
        ),
        *learn_pages(default=False),
    ]
else:
    pages = [
        *learn_pages(default=True),
        st.Page(
            "progress/my_progress_page.py",
            title=_("My progress"),
            icon=":material/insights:",
            url_path="my-progress",
        ),
    ]

if me is not None:  # the public verify page, reached by a certificate's QR code while signed in too
    pages.append(st.Page(VERIFY, title=_("Verify a certificate"), url_path="verify", visibility="hidden"))

if me is not None:
    with st.sidebar:
        st.caption(_("Signed in as"))
        st.text(me["name"])
        if st.button(_("Sign out"), icon=":material/logout:"):
            with sessions().begin() as db:
                end_sign_in(db, st.session_state["token"])
            st.session_state.clear()
            st.query_params.clear()
            st.rerun()

# One flat menu: Streamlit's section headings nest list items in a way screen readers reject.
st.navigation(pages).run()
