"""The learner's certificate on My progress, and the public verify page."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from modules.lessons import plain
from progress import db as store
from progress.models import Certificate, Person
from tests.app.test_pages import APP, app, join, open_page
from tests.progress.test_certificates import complete_the_course


def test_a_learner_who_completes_the_course_downloads_a_certificate_anyone_can_verify(room):
    at = join(app(), room)
    with store.sessions().begin() as db:
        complete_the_course(db, db.query(Person).filter_by(display_name="Nguyen Thi Lan").one())
    open_page(at, "progress/my_progress_page.py")
    assert not at.exception
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["Download your certificate (PDF)"]
    with store.sessions().begin() as db:
        code = db.query(Certificate).one().code
    assert any(code in c.value for c in at.caption)

    visitor = AppTest.from_file(APP, default_timeout=30)
    visitor.query_params["code"] = code
    visitor.run()
    visitor.switch_page("progress/verify_page.py").run()
    assert [s.value for s in visitor.success] == ["This is a valid certificate."]
    shown = " ".join(m.value for m in visitor.markdown)
    assert "Nguyen Thi Lan" in shown and code in shown
    assert "VNM" not in shown and "ACDM" not in shown and "%" not in shown  # nothing else about them


def test_an_unknown_code_is_denied(room):
    visitor = AppTest.from_file(APP, default_timeout=30)
    visitor.run()
    visitor.switch_page("progress/verify_page.py").run()
    visitor.text_input[0].input("zzzz-9999-zzzz-9999")
    visitor.button[0].click().run()
    assert f"No certificate has the code {plain('ZZZZ-9999-ZZZZ-9999')}." in visitor.error[0].value


def test_no_certificate_before_the_course_is_complete(room):
    at = open_page(join(app(), room), "progress/my_progress_page.py")
    assert not at.get("download_button")
    with store.sessions().begin() as db:
        assert db.query(Certificate).count() == 0
