"""The QR code printed on every page: its own address, as a minimal SVG."""

from __future__ import annotations

import segno

# Any of the 8 standard masks gives a valid code; choosing one instead of letting segno try
# all eight makes the build's 136 codes five times faster (1 s less per full build).
QR_MASK = 0
# The quiet zone around the code, in modules: the 4 a QR code requires.
QUIET_ZONE = 4
# The picture's class (overrides/partials/guide/print-address.html): `python -m guide pdf`
# draws the code in the page from the file before printing (guide/tools/pdf.py).
QR_CLASS = "guide-print__qr"


def qr_svg(url: str) -> str:
    """A QR code of `url` as a minimal SVG: one path, a viewBox, the 4-module quiet zone.

    The path is the one segno's SVG writer draws (a stroke of width 1 along each run of dark
    modules, every move relative but the first), written here without the writer's
    module-by-module pass over the quiet zone and its options."""
    matrix = segno.make(url, micro=False, mask=QR_MASK).matrix
    moves: list[str] = []
    x_end = y_end = 0
    for row_number, row in enumerate(matrix):
        start = row.find(1)  # each row is a bytearray: 1 for a dark module
        while start != -1:
            end = row.find(0, start)
            end = len(row) if end == -1 else end
            x, y = start + QUIET_ZONE, row_number + QUIET_ZONE
            length = end - start
            # The stroke runs along the middle of its row: y + .5, moved by whole rows after.
            moves.append(f"m{x - x_end} {y - y_end}h{length}" if moves else f"M{x} {y}.5h{length}")
            x_end, y_end = x + length, y
            start = row.find(1, end)
    side = len(matrix) + 2 * QUIET_ZONE
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {side} {side}">'
        f'<path stroke="#000" d="{"".join(moves)}"/></svg>\n'
    )
