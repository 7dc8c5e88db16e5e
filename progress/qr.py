"""QR codes as PNG bytes (segno, pure Python): the join link on the projector, the verify link on a
certificate."""

from __future__ import annotations

import io

import segno


def qr_png(text: str, *, scale: int = 8) -> bytes:
    out = io.BytesIO()
    segno.make(text, error="m").save(out, kind="png", scale=scale, border=2)
    return out.getvalue()
