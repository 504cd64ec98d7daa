"""Render engine keys (indicator ids, reasons, levels) in the viewer's language."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import get_language

from wayhome.domain.screening import load_catalogue

register = template.Library()


@register.filter
def catalogue_text(value: Any, kind: str) -> str:
    return load_catalogue().text(f"{kind}.{value}", get_language() or "en")


@register.filter
def catalogue_reason(note: Any) -> str:
    cat = load_catalogue()
    lang = get_language() or "en"
    if isinstance(note, dict):
        code = note.get("code", "")
        params = note.get("params", {}) or {}
        text = cat.text(f"reason.{code}", lang)
        try:
            return text.format(**params)
        except (KeyError, IndexError, ValueError):
            return text
    return cat.text(f"reason.{note}", lang)
