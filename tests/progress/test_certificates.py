"""Certificates: issued on the completion rule, verified publicly, names printed in their own scripts."""

from __future__ import annotations

import datetime as dt

import pypdfium2 as pdfium
import pytest
import segno

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
from tests.pdf_text import pdf_lines, qr_modules

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
        cohort.name = "ASCC M&E workshop, Ha Noi"
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
            "ASCC M&E workshop, Ha Noi",
            "28 January 2019 to 30 January 2019",
            cert.issued_at.date(),
            False,
        )
        assert verify(db, "AAAA-BBBB-CCCC-DDDD") is None
        data = pdf_for_code(db, cert.code, "http://academy.test")
        issued = cert.issued_at.date()
        cert.revoked = True
        assert verify(db, cert.code).revoked
    pdf = pdfium.PdfDocument(data)
    page = pdf[0]
    assert len(pdf) == 1 and page.get_width() > page.get_height()  # A4 landscape
    pdf.close()
    lines = pdf_lines(data)
    assert sorted(name_drawn(lines).replace(" ", "")) == sorted(NAMES["Thai"].replace(" ", ""))
    assert lines[:3] + lines[lines.index("has completed") :] == [
        "ASCC M&E Academy",
        "Certificate of completion",
        "This certifies that",
        "has completed",
        "ASCC M&E Academy: monitoring and evaluating the ASCC Blueprint 2025",
        "ASCC M&E workshop, Ha Noi · 28 January 2019 to 30 January 2019 · Ha Noi",
        f"Verification code: {cert.code}",
        f"Issued on {issued:%d %B %Y}.",
        f"Check it at http://academy.test/verify?code={cert.code}",
    ]
    assert_qr_says(data, f"http://academy.test/verify?code={cert.code}")


def name_lines(lines: list[str]) -> list[str]:
    """The lines between "This certifies that" and "has completed": the learner's name."""
    return lines[lines.index("This certifies that") + 1 : lines.index("has completed")]


def name_drawn(lines: list[str]) -> str:
    """The name as pdfium reads it back, its lines joined with a space. pdfium puts a Thai, Khmer, Lao or
    Myanmar mark drawn above or below its letter on a line of its own, so for those scripts a caller can
    compare only which characters were drawn, not their order."""
    return " ".join(name_lines(lines))


def assert_qr_says(data: bytes, url: str) -> None:
    """The certificate's one image is the QR symbol of `url`. No QR decoder is installed, so the image is read
    module by module and compared with segno's symbol for the URL written out by the caller, at any error
    level (the app may boost it); a symbol of another code must not match, so the check can fail."""
    found = None
    for level in "LMQH":
        symbol = [[bool(m) for m in row] for row in segno.make(url, error=level, boost_error=False).matrix]
        if qr_modules(data, len(symbol)) == symbol:
            found = level
    assert found is not None, f"the QR code does not encode {url}"
    other = segno.make(url[:-1] + ("A" if url[-1] != "A" else "B"), error=found, boost_error=False)
    assert qr_modules(data, len(other.matrix)) != [[bool(m) for m in row] for row in other.matrix]


def test_codes_are_read_forgivingly():
    assert normalise(" abcd efgh-jkLM npqr ") == "ABCD-EFGH-JKLM-NPQR"


@pytest.mark.parametrize("script", list(NAMES))
def test_every_character_of_a_name_is_drawn_with_a_real_glyph(script):
    """The fonts used hold a glyph for each character (shaped clusters included), none is a missing-glyph
    box, and the name's own script font is the one used for it."""
    name = NAMES[script]
    found = Verified("ABCD-EFGH-JKLM-NPQR", name, COURSE, "Workshop", "", dt.date(2019, 1, 30), False)
    doc = certificate_document(found, "http://academy.test/verify?code=ABCD-EFGH-JKLM-NPQR")
    lines = pdf_lines(bytes(doc.output()))
    if script in ("Vietnamese", "Filipino"):
        assert name_lines(lines) == [name]
    else:  # every character drawn once, none lost or doubled (pdfium splits the marks off: see name_drawn)
        assert sorted(name_drawn(lines).replace(" ", "")) == sorted(name.replace(" ", ""))
    assert lines[-3:] == [
        "Verification code: ABCD-EFGH-JKLM-NPQR",
        "Issued on 30 January 2019.",
        "Check it at http://academy.test/verify?code=ABCD-EFGH-JKLM-NPQR",
    ]
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
