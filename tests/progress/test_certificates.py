"""Certificates: issued on the completion rule, verified publicly, names printed in their own scripts."""

from __future__ import annotations

import datetime as dt

import pypdfium2 as pdfium
import pytest

from modules.catalog import curriculum
from modules.grading import model_response
from progress.accounts import join_cohort
from progress.certificates import (
    COURSE,
    Verified,
    certificate_document,
    issue,
    issue_for_cohort,
    normalise,
    pdf_for_code,
    verify,
)
from progress.cohorts import demo_cohort
from progress.record import submit_quiz, submit_test

CUR = curriculum()
NAMES = {
    "Vietnamese": "Nguyễn Thị Thu Hằng",
    "Thai": "สมชาย ศรีสุข",
    "Khmer": "សុខ ដារា",
    "Lao": "ສົມພອນ ພົມມະຈັນ",
    "Myanmar": "အောင်မင်းထွန်း",
    "Filipino": "María José Santos",
}


def complete_the_course(db, person) -> None:
    for module in CUR.modules:
        answers = {q.id: model_response(q) for q in module.quiz.questions}
        assert submit_quiz(db, person, module, answers, f"q{module.id}").passed
    form = CUR.test("post")
    submit_test(db, person, form, {i.question.id: model_response(i.question) for i in form.items})


def test_a_certificate_is_issued_on_the_completion_rule_once_and_verified(sessions):
    with sessions.begin() as db:
        cohort = demo_cohort(db)
        cohort.starts_on, cohort.ends_on, cohort.venue = dt.date(2019, 1, 28), dt.date(2019, 1, 30), "Ha Noi"
        done, _ = join_cohort(db, cohort.room_code, NAMES["Thai"], "THA", "ASOEN")
        halfway, _ = join_cohort(db, cohort.room_code, "Ana Cruz", "PHL", "ACDM")
        complete_the_course(db, done)
        module = CUR.modules[0]
        submit_quiz(db, halfway, module, {q.id: model_response(q) for q in module.quiz.questions}, "x")
        cert = issue(db, CUR, done)
        assert cert is not None and issue(db, CUR, done).code == cert.code  # once
        assert issue(db, CUR, halfway) is None
        assert [p.display_name for p, _c in issue_for_cohort(db, CUR, cohort.id)] == [NAMES["Thai"]]
        found = verify(db, cert.code.lower().replace("-", " "))
        assert found == Verified(
            cert.code,
            NAMES["Thai"],
            COURSE,
            cohort.name,
            "28 January 2019 to 30 January 2019",
            cert.issued_at.date(),
            False,
        )
        assert verify(db, "AAAA-BBBB-CCCC-DDDD") is None
        cert.revoked = True
        assert verify(db, cert.code).revoked
        pdf = pdfium.PdfDocument(pdf_for_code(db, cert.code, "http://academy.test"))
        page = pdf[0]
        assert len(pdf) == 1 and page.get_width() > page.get_height()  # A4 landscape
        text = page.get_textpage().get_text_range()
        assert "Certificate of completion" in text and cert.code in text and "Ha Noi" in text
        assert f"http://academy.test/verify?code={cert.code}" in text.replace("\r", "").replace("\n", "")
        pdf.close()


def test_codes_are_read_forgivingly():
    assert normalise(" abcd efgh-jkLM npqr ") == "ABCD-EFGH-JKLM-NPQR"


@pytest.mark.parametrize("script", list(NAMES))
def test_every_character_of_a_name_is_drawn_with_a_real_glyph(script):
    """The fonts used hold a glyph for each character (shaped clusters included), none is a missing-glyph
    box, and the name's own script font is the one used for it."""
    name = NAMES[script]
    found = Verified("ABCD-EFGH-JKLM-NPQR", name, COURSE, "Workshop", "", dt.date(2019, 1, 30), False)
    doc = certificate_document(found, "http://academy.test/verify?code=ABCD-EFGH-JKLM-NPQR")
    pdf = pdfium.PdfDocument(bytes(doc.output()))
    assert len(pdf) == 1
    pdf.close()
    drawn: set[str] = set()
    fonts_with_glyphs = set()
    for key, font in doc.fonts.items():
        glyphs = [g for g, _code in font.subset.items() if g is not None and g.unicode and g.unicode != (0,)]
        chars = {chr(u) for g in glyphs for u in g.unicode if u > 32}
        assert all(g.glyph_id != 0 for g in glyphs if set(map(chr, g.unicode)) & set(name)), key
        if chars & set(name):
            fonts_with_glyphs.add(key.removesuffix("B").removesuffix("b"))
        drawn |= chars
    assert set(name.replace(" ", "")) <= drawn
    if script in ("Thai", "Khmer", "Lao", "Myanmar"):
        assert f"noto{script.lower()}" in fonts_with_glyphs
