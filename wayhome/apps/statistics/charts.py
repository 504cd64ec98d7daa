"""Bar charts drawn on the server as inline SVG: no script, no library, no CDN.

Each bar is a ``<g class="bar">`` holding a ``<title>`` ("label: count"), the bar and a
text label with the count, so the numbers can be read from the SVG itself (by a screen
reader, a test, or someone saving the image). A suppressed count has no bar; its label
says "x", like the table.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

SUPPRESSED_MARK = "x"


@dataclass(frozen=True)
class Bar:
    label: str
    value: int | None


def bar_chart(bars: list[Bar], title: str, width: int = 720) -> SafeString:
    """A horizontal bar chart, one row per bar."""
    row_h, label_w, pad = 26, 260, 8
    top = 30
    height = top + row_h * max(1, len(bars)) + pad
    plot_w = width - label_w - 70
    biggest = max([b.value for b in bars if b.value] or [1])
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
        f'<text x="0" y="18" font-weight="600" font-size="14">{escape(title)}</text>',
    ]
    for i, bar in enumerate(bars):
        y = top + i * row_h
        shown = SUPPRESSED_MARK if bar.value is None else str(bar.value)
        w = 0 if not bar.value else max(1, round(plot_w * bar.value / biggest))
        parts.append(
            f'<g class="bar" data-label="{escape(bar.label)}" data-value="{escape(shown)}">'
            f"<title>{escape(bar.label)}: {escape(shown)}</title>"
            f'<text class="bar-label" x="{label_w - 6}" y="{y + 17}" text-anchor="end" '
            f'font-size="13">{escape(bar.label)}</text>'
            f'<rect x="{label_w}" y="{y + 4}" width="{w}" height="{row_h - 8}" '
            f'fill="{"#0b5cad" if bar.value is not None else "#d7dce3"}"/>'
            f'<text class="bar-value" x="{label_w + w + 6}" y="{y + 17}" '
            f'font-size="13">{escape(shown)}</text></g>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every interpolated text is escaped above
