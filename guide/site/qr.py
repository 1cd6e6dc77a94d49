"""The QR code printed on every page: its own address, as a minimal SVG."""

from __future__ import annotations

import io

import segno

# Any of the 8 standard masks gives a valid code; choosing one instead of letting segno try
# all eight makes the build's 136 codes five times faster (1 s less per full build).
QR_MASK = 0
# The picture's class (overrides/partials/guide/print-address.html): `python -m guide pdf`
# draws the code in the page from the file before printing (guide/tools/pdf.py).
QR_CLASS = "guide-print__qr"


def qr_svg(url: str) -> str:
    """A QR code of `url` as a minimal SVG: one path, a viewBox, the 4-module quiet zone."""
    buffer = io.BytesIO()
    segno.make(url, micro=False, mask=QR_MASK).save(
        buffer, kind="svg", xmldecl=False, svgclass=None, lineclass=None, omitsize=True
    )
    return buffer.getvalue().decode("ascii")
