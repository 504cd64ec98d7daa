"""``check``: flags, combinations and the learned score for one ad."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .languages import detect_languages
from .lexicon import LANGUAGES, Catalogue, load_catalogue, words_for
from .scorer import Model, load_model
from .text import fold, validate_text


def _lang(lang: str) -> str:
    return lang if lang in LANGUAGES else "en"


@dataclass(frozen=True)
class Flag:
    """One flag raised in an ad: which, why, and the words that raised it."""

    id: str
    category: str
    matched: tuple[str, ...]
    weight: float

    def reason(self, lang: str = "en") -> str:
        """Why this flag matters, in ``lang`` (English if not translated)."""
        return load_catalogue().get(self.id).reason(_lang(lang))

    def title(self, lang: str = "en") -> str:
        """Short name of the flag, in ``lang`` (English if not translated)."""
        return load_catalogue().get(self.id).title(_lang(lang))

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        return {
            "id": self.id,
            "category": self.category,
            "title": self.title(lang),
            "matched": list(self.matched),
            "reason": self.reason(lang),
        }


@dataclass(frozen=True)
class AdCheck:
    """The result of checking one ad.

    ``flags`` are the red flags (strongest first); ``signals`` are the
    reassuring signs (a licensed recruiter, a written contract) that lowered
    the score, shown so the person can verify them.
    """

    risk: str
    score: float
    flags: tuple[Flag, ...]
    languages: tuple[str, ...]
    signals: tuple[Flag, ...] = ()
    model_version: str = ""

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        return {
            "risk": self.risk,
            "score": round(self.score, 4),
            "flags": [f.to_dict(lang) for f in self.flags],
            "signals": [f.to_dict(lang) for f in self.signals],
            "languages": list(self.languages),
            "model_version": self.model_version,
        }


def raised_flags(text: str, catalogue: Catalogue | None = None) -> dict[str, tuple[str, ...]]:
    """Every flag (and combination) raised in ``text``, with its matched words."""
    cat = catalogue or load_catalogue()
    folded = fold(text)
    found: dict[str, tuple[str, ...]] = {}
    for fid, spans in cat.matcher.spans(folded.text).items():
        found[fid] = words_for(folded, spans)
    for combo in cat.combinations:
        if all(r in found for r in combo.requires):
            words_list: list[str] = []
            for r in combo.requires:
                words_list.extend(w for w in found[r] if w not in words_list)
            found[combo.id] = tuple(words_list)
    return found


def check(text: str, model: Model | None = None) -> AdCheck:
    """Check one ad. Raises ``AdInputError`` for empty, too long or binary text."""
    validate_text(text)
    cat = load_catalogue()
    mdl = model or load_model()
    found = raised_flags(text, cat)
    score = mdl.score(set(found))
    flags: list[Flag] = []
    signals: list[Flag] = []
    for fid, words in found.items():
        fdef = cat.get(fid)
        flag = Flag(fid, fdef.category, words, round(mdl.weights.get(fid, 0.0), 4))
        (signals if fdef.category == "assurance" else flags).append(flag)
    flags.sort(key=lambda f: (-f.weight, f.id))
    signals.sort(key=lambda f: (f.weight, f.id))
    return AdCheck(
        risk=mdl.risk(score),
        score=score,
        flags=tuple(flags),
        languages=detect_languages(text),
        signals=tuple(signals),
        model_version=mdl.version,
    )
