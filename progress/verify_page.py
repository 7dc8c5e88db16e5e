"""Public: confirm (or deny) a certificate by its verification code; nothing else about the learner."""

from __future__ import annotations

import streamlit as st

from modules.i18n import _
from modules.lessons import plain
from progress.certificates import normalise, verify
from progress.db import sessions

st.title(_("Verify a certificate"))
st.write(_("Type the verification code printed on the certificate, or scan its QR code."))
with st.form("verify"):
    code = st.text_input(
        _("Verification code"),
        value=st.query_params.get("code", "")[:40],
        max_chars=40,
        placeholder="ABCD-EFGH-JKLM-NPQR",
    )
    asked = st.form_submit_button(_("Verify"), type="primary")
if (asked or st.query_params.get("code")) and code.strip():
    with sessions().begin() as db:
        found = verify(db, code)
    if found is None:
        st.error(
            _("No certificate has the code {code}. Check the code, letter by letter.").format(
                code=plain(normalise(code)) or "—"
            ),
            icon=":material/gpp_bad:",
        )
    elif found.revoked:
        st.error(_("Certificate {code} was withdrawn.").format(code=found.code), icon=":material/gpp_bad:")
    else:
        st.success(_("This is a valid certificate."), icon=":material/verified:")
        st.markdown(
            "  \n".join(
                [
                    _("**Issued to:** {name}").format(name=plain(found.name)),
                    _("**Course:** {course}").format(course=plain(found.course)),
                    _("**Cohort:** {cohort}").format(cohort=plain(found.cohort))
                    + (f" ({plain(found.dates)})" if found.dates else ""),
                    _("**Issued on:** {date:%d %B %Y}").format(date=found.issued),
                    _("**Code:** {code}").format(code=found.code),
                ]
            )
        )
