"""The QR code printed on every page: its own address, as a minimal SVG."""

from __future__ import annotations

import segno

# Any of the 8 standard masks gives a valid code; choosing one instead of letting segno try
# all eight makes the build's 136 codes five times faster (1 s less per full build).
QR_MASK = 0
# The picture's class (overrides/partials/guide/print-address.html): `python -m guide pdf`
# draws the code in the page from the file before printing (guide/tools/pdf.py).
QR_CLASS = "guide-print__qr"
QUIET_ZONE = 4  # modules around the code, as the standard asks


def qr_svg(url: str) -> str:
    """A QR code of `url` as a minimal SVG: one path, a viewBox, the 4-module quiet zone.

    What segno's own writer gives with `xmldecl=False, svgclass=None, lineclass=None,
    omitsize=True` (tests/test_print.py compares them), written here from the code's matrix:
    segno's writer, made for every option, took a fifth of the build's QR codes' time."""
    code = segno.make(url, micro=False, mask=QR_MASK)
    size = code.symbol_size(border=QUIET_ZONE)[0]
    moves = []
    at_x, at_y = 0, 0.0
    # A horizontal line through the middle of each row's run of dark modules, one stroke wide,
    # each move relative to the end of the previous line.
    for row_index, row in enumerate(code.matrix):
        y = QUIET_ZONE + row_index + 0.5
        start = None
        for column, dark in enumerate((*row, 0)):
            if dark and start is None:
                start = column
            elif not dark and start is not None:
                x1, x2 = QUIET_ZONE + start, QUIET_ZONE + column
                dy = y - at_y
                moves.append(f"m{x1 - at_x} {int(dy) if dy == int(dy) else dy}h{x2 - x1}")
                at_x, at_y = x2, y
                start = None
    path = "M" + "".join(moves)[1:]
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}">'
        f'<path stroke="#000" d="{path}"/></svg>\n'
    )
