"""Certificates: issued to a learner who meets the course's completion rule (course.toml), as a PDF with
the learner's name in their own script, the course, the cohort and its dates, and a verification code
with a QR code to the app's public verify page, which confirms the certificate and shows nothing else.
"""

from __future__ import annotations

import datetime as dt
import io
import secrets
from dataclasses import dataclass
from pathlib import Path

from fpdf import FPDF
from sqlalchemy import select
from sqlalchemy.orm import Session

from modules.catalog import Curriculum
from progress.models import Certificate, Cohort, Person
from progress.qr import qr_png
from progress.statements import events_of
from progress.summary import certificate_checklist

COURSE = "ASCC M&E Academy: monitoring and evaluating the ASCC Blueprint 2025"
FONTS = Path(__file__).parent / "fonts"
SCRIPTS = ("Thai", "Khmer", "Lao", "Myanmar")  # fallbacks after Noto Sans (Latin, Vietnamese)
ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: a code read aloud or typed stays right


def new_code() -> str:
    """A verification code like ACAD-7QK2-M9XH-3RTP: 16 random characters, 80 bits."""
    raw = "".join(secrets.choice(ALPHABET) for _ in range(16))
    return "-".join(raw[i : i + 4] for i in range(0, 16, 4))


def normalise(code: str) -> str:
    text = "".join(ch for ch in (code or "").upper() if ch.isalnum())
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def eligible(session: Session, cur: Curriculum, person: Person) -> bool:
    """Every line of the completion checklist ticked."""
    checklist = certificate_checklist(cur, events_of(session, person.id))
    return bool(checklist) and all(item.done for item in checklist)


def issue(session: Session, cur: Curriculum, person: Person) -> Certificate | None:
    """The learner's certificate: the one already issued, or a new one if they now qualify; None if not."""
    existing = session.scalar(
        select(Certificate).where(Certificate.person_id == person.id, Certificate.revoked.is_(False))
    )
    if existing is not None:
        return existing
    if not eligible(session, cur, person):
        return None
    cert = Certificate(code=new_code(), person_id=person.id, cohort_id=person.cohort_id)
    session.add(cert)
    session.flush()
    return cert


def issue_for_cohort(session: Session, cur: Curriculum, cohort_id: int) -> list[tuple[Person, Certificate]]:
    people = session.scalars(select(Person).where(Person.cohort_id == cohort_id, Person.role == "learner"))
    return [(p, c) for p in people if (c := issue(session, cur, p)) is not None]


@dataclass(frozen=True, slots=True)
class Verified:
    """What the public verify page may show: the certificate, not the learner's record."""

    code: str
    name: str
    course: str
    cohort: str
    dates: str
    issued: dt.date
    revoked: bool


def verify(session: Session, code: str) -> Verified | None:
    cert = session.get(Certificate, normalise(code))
    if cert is None:
        return None
    person = session.get_one(Person, cert.person_id)
    cohort = session.get(Cohort, cert.cohort_id) if cert.cohort_id else None
    return Verified(
        cert.code,
        person.display_name,
        COURSE,
        cohort.name if cohort else "Self-paced",
        dates(cohort),
        cert.issued_at.date(),
        cert.revoked,
    )


def dates(cohort: Cohort | None) -> str:
    if cohort is None or not (cohort.starts_on or cohort.ends_on):
        return ""
    days = [d for d in (cohort.starts_on, cohort.ends_on) if d]
    if len(days) == 2 and days[0] != days[1]:
        return f"{days[0]:%d %B %Y} to {days[1]:%d %B %Y}"
    return f"{days[0]:%d %B %Y}"


def verify_link(base_url: str, code: str) -> str:
    return f"{base_url.rstrip('/')}/verify?code={code}"


def pdf_for_code(session: Session, code: str, base_url: str) -> bytes:
    """The certificate with this code as a PDF (for a download, the trainer's pack, the command line)."""
    found = verify(session, code)
    if found is None:
        raise KeyError(code)
    cert = session.get_one(Certificate, found.code)
    cohort = session.get(Cohort, cert.cohort_id) if cert.cohort_id else None
    return certificate_pdf(found, verify_link(base_url, found.code), cohort.venue or "" if cohort else "")


# --------------------------------------------------------------------------------------------------
# The PDF
# --------------------------------------------------------------------------------------------------


def pdf_with_fonts() -> FPDF:
    """A landscape A4 document with the bundled fonts and text shaping on."""
    pdf = FPDF(orientation="landscape", format="A4")
    pdf.set_auto_page_break(False)
    for style, suffix in (("", "Regular"), ("B", "Bold")):
        pdf.add_font("Noto", style, FONTS / f"NotoSans-{suffix}.ttf")
        for script in SCRIPTS:
            pdf.add_font(f"Noto{script}", style, FONTS / f"NotoSans{script}-{suffix}.ttf")
    pdf.set_fallback_fonts([f"Noto{s}" for s in SCRIPTS])
    pdf.set_text_shaping(True)  # HarfBuzz: Thai vowels, Khmer subscripts, Myanmar medials in place
    return pdf


def certificate_pdf(found: Verified, link: str, venue: str = "") -> bytes:
    """One A4 landscape page, as PDF bytes."""
    return bytes(certificate_document(found, link, venue).output())


def certificate_document(found: Verified, link: str, venue: str = "") -> FPDF:
    """The certificate as an fpdf2 document (tests look into the fonts it used)."""
    pdf = pdf_with_fonts()
    pdf.set_title(f"Certificate {found.code}")
    pdf.set_author("ASCC M&E Academy")
    pdf.add_page()
    w = pdf.w
    pdf.set_draw_color(31, 78, 120)
    pdf.set_line_width(1.2)
    pdf.rect(10, 10, w - 20, pdf.h - 20)
    pdf.set_line_width(0.3)
    pdf.rect(13, 13, w - 26, pdf.h - 26)

    def line(
        text: str, size: float, style: str = "", gap: float = 4, colour: tuple[int, int, int] = (0, 0, 0)
    ) -> None:
        pdf.set_font("Noto", style, size)
        pdf.set_text_color(*colour)
        pdf.set_x(25)
        pdf.multi_cell(w - 50, size * 0.5, text, align="C")
        pdf.ln(gap)

    pdf.set_y(30)
    line("ASCC M&E Academy", 14, "B", 6, (31, 78, 120))
    line("Certificate of completion", 30, "B", 10)
    line("This certifies that", 13, "", 4, (80, 80, 80))
    line(found.name, 28, "B", 6)
    line("has completed", 13, "", 4, (80, 80, 80))
    line(COURSE, 16, "B", 6)
    where = " · ".join(x for x in (found.cohort, found.dates, venue) if x)
    line(where, 12, "", 4, (60, 60, 60))
    pdf.image(io.BytesIO(qr_png(link, scale=6)), x=w - 60, y=pdf.h - 62, w=38, h=38)
    pdf.set_xy(25, pdf.h - 52)
    pdf.set_font("Noto", "", 10)
    pdf.set_text_color(60, 60, 60)
    pdf.multi_cell(
        w - 100,
        5.5,
        f"Verification code: {found.code}\nIssued on {found.issued:%d %B %Y}.\nCheck it at {link}",
    )
    return pdf
