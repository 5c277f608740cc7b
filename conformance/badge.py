"""A badge of one implementation's score, for its README: an SVG, or shields.io endpoint JSON.

The message is the MUST score and, when the score leaves part of the spec out (a chapter not
provided, a declared gap, a transport or a requirement not run), the share of the spec it covers,
so a badge never reads 100% for an implementation that provides one chapter.
"""

from __future__ import annotations

import html
import json

from .errors import UsageError
from .report import Matrix

DEFAULT_LABEL = "flask-conformance"

#: shields.io's named colours, and their hex values for the SVG.
COLORS = {"brightgreen": "#4c1", "green": "#97ca00", "yellowgreen": "#a4a61d", "yellow": "#dfb317",
          "orange": "#fe7d37", "red": "#e05d44", "lightgrey": "#9f9f9f"}


def color(passing: int, applicable: int) -> str:
    if not applicable:
        return "lightgrey"
    share = passing / applicable
    for threshold, name in ((1.0, "brightgreen"), (0.95, "green"), (0.9, "yellowgreen"),
                            (0.75, "yellow"), (0.5, "orange")):
        if share >= threshold:
            return name
    return "red"


def endpoint(matrix: Matrix, label: str = DEFAULT_LABEL) -> dict:
    """The shields.io endpoint document (schemaVersion 1) of the matrix's only column."""
    if len(matrix.columns) != 1:
        names = ", ".join(c.label + (f" (profile {c.profile})" if not c.show_profile else "")
                          for c in matrix.columns)
        raise UsageError(f"a badge shows one implementation, version and profile; these results make "
                         f"{len(matrix.columns)} columns ({names}): give the results files of one")
    summary = matrix.summary(matrix.columns[0])
    if not summary.applicable:
        message = "no applicable MUST"
    else:
        message = f"{summary.score} MUST"
        if summary.applicable < summary.held:
            message += f", covers {summary.coverage}"
    return {"schemaVersion": 1, "label": label, "message": message,
            "color": color(summary.passing, summary.applicable)}


def render_json(data: dict) -> str:
    return json.dumps(data, indent=2) + "\n"


_NARROW = set("ijlt.,:;!|'()[] 1fIr")
_WIDE = set("mwMW%@")


def text_width(text: str) -> float:
    """An estimate of ``text``'s width in pixels in 11px Verdana, enough to size the badge."""
    width = 0.0
    for char in text:
        if char in _NARROW:
            width += 4.0
        elif char in _WIDE:
            width += 10.0
        elif char.isupper() or char.isdigit():
            width += 7.5
        else:
            width += 6.6
    return width


def render_svg(data: dict) -> str:
    """A flat shields-style badge: grey label, coloured message."""
    esc = html.escape
    label, message = data["label"], data["message"]
    fill = COLORS.get(data["color"], data["color"])
    left = round(text_width(label) + 10)
    right = round(text_width(message) + 10)
    total = left + right
    title = f"{label}: {message}"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{total}" height="20" role="img" '
        f'aria-label="{esc(title)}"><title>{esc(title)}</title>'
        '<linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/>'
        '<stop offset="1" stop-opacity=".1"/></linearGradient>'
        f'<clipPath id="r"><rect width="{total}" height="20" rx="3" fill="#fff"/></clipPath>'
        f'<g clip-path="url(#r)"><rect width="{left}" height="20" fill="#555"/>'
        f'<rect x="{left}" width="{right}" height="20" fill="{esc(fill)}"/>'
        f'<rect width="{total}" height="20" fill="url(#s)"/></g>'
        '<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11">'
        f'<text x="{left / 2:.1f}" y="15" fill="#010101" fill-opacity=".3">{esc(label)}</text>'
        f'<text x="{left / 2:.1f}" y="14">{esc(label)}</text>'
        f'<text x="{left + right / 2:.1f}" y="15" fill="#010101" fill-opacity=".3">{esc(message)}</text>'
        f'<text x="{left + right / 2:.1f}" y="14">{esc(message)}</text></g></svg>\n'
    )


RENDERERS = {"svg": render_svg, "json": render_json}
