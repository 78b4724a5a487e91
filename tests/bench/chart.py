"""A small hand-written SVG chart for bench.py: time against size, log-log, one panel per topic.

No plotting library: the SVG is assembled as text so that `make bench` needs only the standard
library besides the peers' virtual environment.
"""

from __future__ import annotations

import math
from html import escape

# (stroke colour, dash pattern) per series label prefix; anything else falls back to grey.
STYLE = {
    "SQM": ("#1f5fbf", ""),
    "DuckDB": ("#d9822b", ""),
    "pandas": ("#7a3fa0", ""),
}
PANEL_W, PANEL_H = 480, 400
MARGIN_L, MARGIN_R, MARGIN_T, MARGIN_B = 76, 18, 40, 150


def _style(label: str, dashed: bool) -> tuple[str, str]:
    for prefix, (colour, dash) in STYLE.items():
        if label.startswith(prefix):
            return colour, "6 4" if dashed else dash
    return "#777777", "6 4" if dashed else ""


def _decades(lo: float, hi: float) -> list[float]:
    a, b = math.floor(math.log10(lo)), math.ceil(math.log10(hi))
    return [10.0 ** e for e in range(a, b + 1)]


def _fmt_size(v: float) -> str:
    if v >= 1e6:
        return f"{v / 1e6:g}M"
    if v >= 1e3:
        return f"{v / 1e3:g}k"
    return f"{v:g}"


def _fmt_secs(v: float) -> str:
    if v >= 1:
        return f"{v:g} s"
    if v >= 1e-3:
        return f"{v * 1e3:g} ms"
    return f"{v * 1e6:g} µs"


def panel(x0: float, title: str, series: list[dict]) -> list[str]:
    """series: [{"label", "points": [(rows, seconds)], "dashed": bool}]"""
    pts = [p for s in series for p in s["points"] if p[1] and p[1] > 0]
    out = [f'<g transform="translate({x0:.0f},0)">',
           f'<text x="{PANEL_W / 2:.0f}" y="22" text-anchor="middle" font-size="15" '
           f'font-weight="bold">{escape(title)}</text>']
    if not pts:
        out.append(f'<text x="{PANEL_W / 2:.0f}" y="{PANEL_H / 2:.0f}" text-anchor="middle">no data</text></g>')
        return out
    xs = [p[0] for p in pts]
    ys = [p[1] for p in pts]
    xlo, xhi = min(xs), max(xs)
    if xlo == xhi:
        xlo, xhi = xlo / 3, xhi * 3
    xlo, xhi = xlo / 1.5, xhi * 1.5
    ylo, yhi = min(ys), max(ys)
    ylo, yhi = 10 ** math.floor(math.log10(ylo)), 10 ** math.ceil(math.log10(yhi))
    if ylo == yhi:
        yhi = ylo * 10
    pw, ph = PANEL_W - MARGIN_L - MARGIN_R, PANEL_H - MARGIN_T - MARGIN_B

    def X(v: float) -> float:
        return MARGIN_L + (math.log10(v) - math.log10(xlo)) / (math.log10(xhi) - math.log10(xlo)) * pw

    def Y(v: float) -> float:
        return MARGIN_T + ph - (math.log10(v) - math.log10(ylo)) / (math.log10(yhi) - math.log10(ylo)) * ph

    out.append(f'<rect x="{MARGIN_L}" y="{MARGIN_T}" width="{pw}" height="{ph}" fill="#ffffff" stroke="#999999"/>')
    # Horizontal grid: decades (labelled) and 2x, 5x (light; labelled too when there are few decades).
    few = math.log10(yhi / ylo) <= 2.01
    for d in _decades(ylo, yhi):
        for m, strong in ((1, True), (2, False), (5, False)):
            v = d * m
            if not (ylo <= v <= yhi):
                continue
            y = Y(v)
            out.append(f'<line x1="{MARGIN_L}" y1="{y:.1f}" x2="{MARGIN_L + pw}" y2="{y:.1f}" '
                       f'stroke="{"#d0d0d0" if strong else "#eeeeee"}"/>')
            if strong or few:
                out.append(f'<text x="{MARGIN_L - 6}" y="{y + 4:.1f}" text-anchor="end" '
                           f'font-size="{11 if strong else 9}" fill="{"#000000" if strong else "#666666"}">'
                           f'{_fmt_secs(v)}</text>')
    # Vertical grid: the measured sizes.
    for v in sorted(set(xs)):
        x = X(v)
        out.append(f'<line x1="{x:.1f}" y1="{MARGIN_T}" x2="{x:.1f}" y2="{MARGIN_T + ph}" stroke="#e4e4e4"/>')
        out.append(f'<text x="{x:.1f}" y="{MARGIN_T + ph + 15}" text-anchor="middle" font-size="11">'
                   f'{_fmt_size(v)}</text>')
    out.append(f'<text x="{MARGIN_L + pw / 2:.0f}" y="{MARGIN_T + ph + 32}" text-anchor="middle" '
               f'font-size="12">tickets (log scale)</text>')
    out.append(f'<text transform="translate(16,{MARGIN_T + ph / 2:.0f}) rotate(-90)" text-anchor="middle" '
               f'font-size="12">seconds (log scale)</text>')
    # A "linear" guide: slope 1 through the first series' smallest point.
    first = next((s for s in series if s["points"]), None)
    if first and len(set(xs)) > 1:
        px, py = min(first["points"])
        a, b = xlo, xhi
        ya, yb = py * a / px, py * b / px
        # Clip to the plot's y range (the line has slope 1 in log-log: y/x is constant).
        if ya < ylo:
            a, ya = px * ylo / py, ylo
        if yb > yhi:
            b, yb = px * yhi / py, yhi
        out.append(f'<line x1="{X(a):.1f}" y1="{Y(ya):.1f}" x2="{X(b):.1f}" y2="{Y(yb):.1f}" '
                   f'stroke="#bbbbbb" stroke-dasharray="2 3"/>')
    for s in series:
        p = sorted(q for q in s["points"] if q[1] and q[1] > 0)
        if not p:
            continue
        colour, dash = _style(s["label"], s.get("dashed", False))
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        coords = " ".join(f"{X(a):.1f},{Y(b):.1f}" for a, b in p)
        out.append(f'<polyline points="{coords}" fill="none" stroke="{colour}" stroke-width="2"{dash_attr}/>')
        marker = s.get("marker", "circle")
        for a, b in p:
            if marker == "square":
                out.append(f'<rect x="{X(a) - 3.5:.1f}" y="{Y(b) - 3.5:.1f}" width="7" height="7" fill="{colour}">'
                           f'<title>{escape(s["label"])}: {_fmt_size(a)} rows, {b:.4g} s</title></rect>')
            else:
                out.append(f'<circle cx="{X(a):.1f}" cy="{Y(b):.1f}" r="3.5" fill="{colour}">'
                           f'<title>{escape(s["label"])}: {_fmt_size(a)} rows, {b:.4g} s</title></circle>')
    # Legend below the plot.
    ly = MARGIN_T + ph + 52
    entries = [(s["label"], s.get("dashed", False), s.get("marker", "circle")) for s in series if s["points"]]
    if first and len(set(xs)) > 1:
        entries.append(("grows linearly with rows (guide)", None, None))
    for i, (label, dashed, marker) in enumerate(entries):
        y = ly + i * 17
        if dashed is None:
            out.append(f'<line x1="{MARGIN_L}" y1="{y:.0f}" x2="{MARGIN_L + 28}" y2="{y:.0f}" '
                       f'stroke="#bbbbbb" stroke-dasharray="2 3"/>')
        else:
            colour, dash = _style(label, dashed)
            dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
            out.append(f'<line x1="{MARGIN_L}" y1="{y:.0f}" x2="{MARGIN_L + 28}" y2="{y:.0f}" '
                       f'stroke="{colour}" stroke-width="2"{dash_attr}/>')
            if marker == "square":
                out.append(f'<rect x="{MARGIN_L + 10.5}" y="{y - 3.5:.1f}" width="7" height="7" fill="{colour}"/>')
            else:
                out.append(f'<circle cx="{MARGIN_L + 14}" cy="{y:.0f}" r="3.5" fill="{colour}"/>')
        out.append(f'<text x="{MARGIN_L + 36}" y="{y + 4:.0f}" font-size="12">{escape(label)}</text>')
    out.append("</g>")
    return out


def svg(panels: list[tuple[str, list[dict]]], caption: str) -> str:
    width = PANEL_W * len(panels)
    height = PANEL_H + 24
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" font-family="DejaVu Sans, Arial, sans-serif">',
             f'<rect width="{width}" height="{height}" fill="#fafafa"/>']
    for i, (title, series) in enumerate(panels):
        parts.extend(panel(i * PANEL_W, title, series))
    parts.append(f'<text x="{width / 2:.0f}" y="{height - 8}" text-anchor="middle" font-size="11" '
                 f'fill="#555555">{escape(caption)}</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"
