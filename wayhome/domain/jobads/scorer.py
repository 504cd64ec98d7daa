"""The learned scorer: logistic regression over flags and pairs of flags.

The weights are data (``data/model.json``), written by ``train.py``. Scoring
is a sum of a few weights and one exponential, so it is pure Python and fast.
The score is a probability-like number in [0, 1]; the risk levels come from
thresholds that ``train.py`` chose on cross-validated training predictions.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any


class ModelError(ValueError):
    """The model file is missing a field (a packaging bug)."""


@dataclass(frozen=True)
class Model:
    version: str
    bias: float
    weights: dict[str, float]
    medium: float
    high: float
    info: dict[str, Any]

    def score(self, features: set[str]) -> float:
        z = self.bias + sum(self.weights.get(f, 0.0) for f in features)
        if z >= 0:
            return 1.0 / (1.0 + math.exp(-z))
        e = math.exp(z)
        return e / (1.0 + e)

    def risk(self, score: float) -> str:
        if score >= self.high:
            return "high"
        if score >= self.medium:
            return "medium"
        return "low"


def model_from_dict(data: dict[str, Any]) -> Model:
    try:
        weights = {str(k): float(v) for k, v in data["weights"].items()}
        th = data["thresholds"]
        model = Model(
            version=str(data["version"]),
            bias=float(data["bias"]),
            weights=weights,
            medium=float(th["medium"]),
            high=float(th["high"]),
            info={k: v for k, v in data.items() if k not in ("weights",)},
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ModelError(f"model file is incomplete: {exc}") from exc
    if not 0.0 < model.medium < model.high < 1.0:
        raise ModelError("model thresholds must satisfy 0 < medium < high < 1")
    return model


@lru_cache(maxsize=1)
def load_model() -> Model:
    raw = (resources.files(__package__) / "data" / "model.json").read_text("utf-8")
    return model_from_dict(json.loads(raw))
