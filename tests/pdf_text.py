"""The text and the QR code of a PDF the app wrote, read back with pypdfium2, for tests to assert on."""

from __future__ import annotations

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c


def pdf_pages(data: bytes) -> list[list[str]]:
    """Each page's text as its lines, in reading order (pdfium's text extraction)."""
    doc = pdfium.PdfDocument(data)
    try:
        return [
            doc[i].get_textpage().get_text_range().replace("\r\n", "\n").split("\n") for i in range(len(doc))
        ]
    finally:
        doc.close()


def pdf_lines(data: bytes) -> list[str]:
    """Every line of text of every page, in order."""
    return [line for page in pdf_pages(data) for line in page]


def qr_modules(data: bytes, size: int, page: int = 0) -> list[list[bool]]:
    """The one image on a page read as a QR symbol of `size` × `size` modules (True: dark): the dark
    pixels' bounding box is the symbol, each module read at its centre."""
    doc = pdfium.PdfDocument(data)
    try:
        images = list(doc[page].get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,)))
        assert len(images) == 1, f"{len(images)} images on the page, expected one QR code"
        picture = images[0].get_bitmap(render=False).to_pil().convert("L")
    finally:
        doc.close()
    dark = [
        (x, y) for y in range(picture.height) for x in range(picture.width) if picture.getpixel((x, y)) < 128
    ]
    left, top = min(x for x, _ in dark), min(y for _, y in dark)
    width = max(x for x, _ in dark) - left + 1
    step = width / size
    return [
        [
            picture.getpixel((int(left + (c + 0.5) * step), int(top + (r + 0.5) * step))) < 128
            for c in range(size)
        ]
        for r in range(size)
    ]
