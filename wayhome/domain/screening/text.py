"""Rendering reasons and whole assessments as text in any catalogue language."""

from __future__ import annotations

from .catalogue import Catalogue, load_catalogue
from .model import Assessment, ParamValue, Reason

# Parameters whose value is itself a text key in the named namespace.
_KEYED_PARAMS = {"element": "element", "dimension": "dimension"}
_LIST_SEPARATOR = {"en": ", ", "th": ", ", "vi": ", ", "my": "၊ "}


def _param(name: str, value: ParamValue, cat: Catalogue, lang: str) -> str:
    sep = _LIST_SEPARATOR.get(lang, ", ")
    if isinstance(value, tuple):
        if name == "indicators":
            return sep.join(cat.text(f"indicator.{v}", lang) for v in value)
        return sep.join(value)
    if isinstance(value, str) and name in _KEYED_PARAMS:
        return cat.text(f"{_KEYED_PARAMS[name]}.{value}", lang)
    return str(value)


def render_reason(reason: Reason, lang: str = "en", catalogue: Catalogue | None = None) -> str:
    """One reason as a sentence in `lang` (English fallback)."""
    cat = catalogue or load_catalogue()
    template = cat.text(f"reason.{reason.code}", lang)
    values = {k: _param(k, v, cat, lang) for k, v in reason.params.items()}
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):
        english = cat.text(f"reason.{reason.code}", "en")
        return english.format(**values)


def render_text(
    assessment: Assessment, lang: str = "en", catalogue: Catalogue | None = None
) -> str:
    """A readable report of the assessment in `lang`."""
    cat = catalogue or load_catalogue()

    def t(key: str) -> str:
        return cat.text(key, lang)

    none = t("report.none")
    lines = [
        t("report.title"),
        "=" * 40,
        f"{t('report.grounds')}: {t('grounds.' + assessment.grounds_level)}",
        f"{t('report.catalogue')}: {assessment.catalogue_version}",
        "",
        f"{t('report.elements')}:",
    ]
    for el in assessment.elements:
        mark = "+" if el.supported else ("-" if el.required else "·")
        lines.append(f"  [{mark}] {t('element.' + el.element)}")
        for ev in el.evidence:
            src = ", ".join(t("evidence." + s) for s in ev.sources)
            lines.append(
                f"      - {t('indicator.' + ev.indicator)} ({t('form.' + ev.form)}; {src})"
            )
    lines += ["", f"{t('report.dimensions')}:"]
    for d in assessment.dimensions:
        mark = "+" if d.positive else "-"
        counts = f"S{len(d.strong)} M{len(d.medium)} W{len(d.weak)}"
        lines.append(f"  [{mark}] {d.dimension} {t('dimension.' + d.dimension)} ({counts})")
    comb = "+" if assessment.combination.positive else "-"
    lines.append(f"  [{comb}] {t('report.combination')}")
    lines += ["", f"{t('report.ilo11')}:"]
    if assessment.ilo11:
        lines += [f"  - {t('ilo11.' + k)} ({len(v)})" for k, v in assessment.ilo11.items()]
    else:
        lines.append(f"  {none}")
    lines += ["", f"{t('report.actions')}:"]
    lines += [f"  - {t('action.' + a)}" for a in assessment.protective_actions]
    lines += ["", f"{t('report.reasons')}:"]
    lines += [f"  - {render_reason(r, lang, cat)}" for r in assessment.reasons]
    lines += ["", f"{t('report.notes')}:"]
    lines += [f"  - {render_reason(r, lang, cat)}" for r in assessment.notes]
    return "\n".join(lines) + "\n"
