"""Drawing helpers shared by the label and the slip: dot-exact bars and wrapped CJK text."""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from labels.barcode128 import QUIET_MODULES, Bars

POINTS_PER_INCH = 72.0
EDGE_TEXT, WIDTH_TEXT = ".05", ".9"
"""Each bar edge is inset by 0.05 dot (far below what a print head can resolve): a bar of
``n`` dots starts at ``x.05`` and is ``(n - 1).9`` wide."""


def draw_bars(
    c: Canvas, bars: Bars, x: float, y: float, height: float, *, dots: int, dpi: int
) -> float:
    """Draw ``bars`` with the quiet zone starting at ``x`` (points); returns the symbol's width.

    The left edge is moved onto the printer's dot grid and every module is ``dots`` dots, so a
    203 dpi head (or ``pdftoppm -r 203``) reproduces each bar exactly.
    """
    dot = POINTS_PER_INCH / dpi
    left = round(x / dot) + QUIET_MODULES * dots
    # Drawn in a coordinate system whose x unit is one printer dot, so every edge is an integer
    # plus the inset: edges a hair inside the dot boundaries, because a rasteriser that fills
    # every dot an edge touches would otherwise grow each bar by one dot (and shrink each
    # space). One path of "re" operators, much faster than a path object per bar.
    h = f"{height:.4f}"
    ops = " ".join(
        f"{left + start * dots}{EDGE_TEXT} 0 {width * dots - 1}{WIDTH_TEXT} {h} re"
        for start, width in bars.runs()
    )
    c.addLiteral(f"q {dot:.7f} 0 0 1 0 {y:.4f} cm {ops} f Q")
    return bars.width_modules * dots * dot


def fitting_dots(bars: Bars, room: float, *, preferred: int, dpi: int) -> int:
    """The widest module (at most ``preferred`` dots, at least 2) whose symbol fits ``room``."""
    dot = POINTS_PER_INCH / dpi
    dots = preferred
    while dots > 2 and bars.width_modules * dots * dot > room:
        dots -= 1
    return dots


def wrap(text: str, font: str, size: float, width: float, *, max_lines: int = 4) -> list[str]:
    """Break ``text`` into lines no wider than ``width``; Chinese breaks between any two
    characters, so the break is by character (the last line is cut with an ellipsis)."""
    lines: list[str] = []
    current = ""
    used = 0.0
    for ch in text:
        advance = stringWidth(ch, font, size)
        if ch == "\n" or used + advance > width:
            lines.append(current)
            current, used = ("", 0.0) if ch in "\n " else (ch, advance)
        else:
            current += ch
            used += advance
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][:-1] + "…"
    return lines


def text_lines(
    c: Canvas, lines: list[str], x: float, top: float, font: str, size: float, leading: float
) -> float:
    """Draw ``lines`` downwards from ``top``; returns the y below the last line."""
    y = top
    for line in lines:
        y -= leading
        c.setFont(font, size)
        c.drawString(x, y, line)
    return y


def boxed(c: Canvas, x: float, y: float, text: str, font: str, size: float) -> float:
    """A tag in a box (代收货款, 保价); returns its width."""
    width = stringWidth(text, font, size) + size * 0.6
    c.setLineWidth(1.2)
    c.rect(x, y - size * 0.3, width, size * 1.35, stroke=1, fill=0)
    c.setFont(font, size)
    c.drawString(x + size * 0.3, y, text)
    return width
