"""Reading and checking screening input (a dict, or a JSON file).

Every error is a :class:`ScreeningInputError` whose message starts with the
path of the offending field, e.g. ``answers.d1_x: unknown question``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .catalogue import Catalogue, load_catalogue
from .model import Answer, Context, Corroboration, PersonFacts, ScreeningInput, ScreeningInputError

_ANSWER_VALUES = ", ".join(a.value for a in Answer)
_PERSON_FIELDS = ("age", "age_is_estimate", "may_be_child", "age_verified")
CONTEXT_FLAGS = ("signed_contract", "was_paid", "knew_work_was_fraud", "documents_missing")
MAX_AGE = 130


def _type_name(value: object) -> str:
    return "null" if value is None else type(value).__name__


def _mapping(value: object, where: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise ScreeningInputError(f"{where}: expected an object, got {_type_name(value)}")
    for key in value:
        if not isinstance(key, str):
            raise ScreeningInputError(f"{where}: keys must be strings")
    return value


def _no_extra(data: Mapping[str, Any], allowed: tuple[str, ...], where: str) -> None:
    for key in data:
        if key not in allowed:
            prefix = f"{where}." if where else ""
            raise ScreeningInputError(
                f"{prefix}{key}: unknown field (expected one of {', '.join(allowed)})"
            )


def _bool(value: object, where: str, *, optional: bool) -> bool | None:
    if value is None and optional:
        return None
    if not isinstance(value, bool):
        raise ScreeningInputError(f"{where}: expected true or false, got {_type_name(value)}")
    return value


def _int(value: object, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ScreeningInputError(f"{where}: expected a whole number, got {_type_name(value)}")
    return value


def _person(value: object) -> PersonFacts:
    data = _mapping(value, "person")
    _no_extra(data, _PERSON_FIELDS, "person")
    age_raw = data.get("age")
    age: int | None = None
    if age_raw is not None:
        age = _int(age_raw, "person.age")
        if not 0 <= age <= MAX_AGE:
            raise ScreeningInputError(f"person.age: expected 0 to {MAX_AGE}, got {age}")
    flags = {
        name: bool(_bool(data.get(name, False), f"person.{name}", optional=False))
        for name in _PERSON_FIELDS[1:]
    }
    if flags["age_verified"] and age is None:
        raise ScreeningInputError("person.age: required when age_verified is true")
    if flags["age_verified"] and flags["age_is_estimate"]:
        raise ScreeningInputError(
            "person.age_is_estimate: cannot be true when age_verified is true"
        )
    return PersonFacts(age=age, **flags)


def _answers(value: object, catalogue: Catalogue) -> dict[str, Answer]:
    data = _mapping(value, "answers")
    out: dict[str, Answer] = {}
    for key, raw in data.items():
        if key not in catalogue.question_indicators:
            raise ScreeningInputError(f"answers.{key}: unknown question")
        if not isinstance(raw, str):
            raise ScreeningInputError(
                f"answers.{key}: expected one of {_ANSWER_VALUES}, got {_type_name(raw)}"
            )
        try:
            out[key] = Answer(raw)
        except ValueError:
            raise ScreeningInputError(
                f"answers.{key}: expected one of {_ANSWER_VALUES}, got {raw!r}"
            ) from None
    return out


def _corroboration(value: object, catalogue: Catalogue) -> Corroboration:
    where = "context.corroboration"
    data = _mapping(value, where)
    _no_extra(data, ("independent_cases", "indicators"), where)
    cases = _int(data.get("independent_cases", 0), f"{where}.independent_cases")
    if cases < 0:
        raise ScreeningInputError(f"{where}.independent_cases: must not be negative")
    raw_ids = data.get("indicators", [])
    if not isinstance(raw_ids, list):
        raise ScreeningInputError(f"{where}.indicators: expected a list, got {_type_name(raw_ids)}")
    ids: list[str] = []
    for i, ind in enumerate(raw_ids):
        if not isinstance(ind, str) or ind not in catalogue.indicators:
            raise ScreeningInputError(f"{where}.indicators[{i}]: unknown indicator {ind!r}")
        if ind not in ids:
            ids.append(ind)
    return Corroboration(independent_cases=cases, indicators=tuple(ids))


def _context(value: object, catalogue: Catalogue) -> Context:
    data = _mapping(value, "context")
    _no_extra(data, (*CONTEXT_FLAGS, "corroboration"), "context")
    flags = {
        name: _bool(data.get(name), f"context.{name}", optional=True) for name in CONTEXT_FLAGS
    }
    corroboration = Corroboration()
    if data.get("corroboration") is not None:
        corroboration = _corroboration(data["corroboration"], catalogue)
    return Context(corroboration=corroboration, **flags)


def parse_input(data: object, catalogue: Catalogue | None = None) -> ScreeningInput:
    """Check and convert a plain dict (e.g. parsed JSON) into a :class:`ScreeningInput`.

    ``person`` is required; ``answers`` and ``context`` may be left out. Questions
    not answered are simply not counted. Raises :class:`ScreeningInputError`.
    """
    cat = catalogue or load_catalogue()
    root = _mapping(data, "input")
    _no_extra(root, ("person", "answers", "context"), "")
    if "person" not in root:
        raise ScreeningInputError("person: required")
    person = _person(root["person"])
    answers = _answers(root.get("answers", {}), cat)
    context = _context(root["context"], cat) if root.get("context") is not None else Context()
    return ScreeningInput(person=person, answers=answers, context=context)


def load_input_file(path: str | Path, catalogue: Catalogue | None = None) -> ScreeningInput:
    """Read a JSON input file and check it (see :func:`parse_input`)."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ScreeningInputError(f"{p}: file not found") from None
    except IsADirectoryError:
        raise ScreeningInputError(f"{p}: is a directory, not a file") from None
    except UnicodeDecodeError:
        raise ScreeningInputError(f"{p}: not UTF-8 text") from None
    except OSError as exc:
        raise ScreeningInputError(f"{p}: cannot read ({exc.strerror})") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ScreeningInputError(
            f"{p}: invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
        ) from None
    return parse_input(data, catalogue)
