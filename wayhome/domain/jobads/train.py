"""Train the job-ad scorer and write ``data/model.json``.

    .venv/bin/python -m wayhome.domain.jobads.train [--n 4000] [--seed 7]

The training set is synthetic: ads assembled from the phrase banks in
``training/templates.toml`` (scam and legitimate look-alikes), written to
``training/train_ads.jsonl`` so the run is reproducible, plus the hand-written
ads in ``training/handwritten.jsonl``. The evaluation set in
``benchmarks/data/jobads_eval/`` and the EMSCAD file are never read here.

Features are the flags the engine raises (including the pair combinations),
so the model learns how much each flag and pair is worth, not how to read
text. Thresholds: from 5-fold cross-validated probabilities, "high" is the
lowest threshold at which precision reaches 0.95 and "medium" the highest at
which recall of scam ads is still 0.98 (a wide "check this carefully" band).

Needs scikit-learn (the ``dev`` extra); scoring at runtime does not.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import tomllib
from datetime import date
from pathlib import Path
from typing import Any

from .engine import raised_flags
from .lexicon import load_catalogue

HERE = Path(__file__).parent
TEMPLATES = HERE / "training" / "templates.toml"
GENERATED = HERE / "training" / "train_ads.jsonl"
HANDWRITTEN = HERE / "training" / "handwritten.jsonl"
MODEL = HERE / "data" / "model.json"
VERSION_PREFIX = "jobads-lr"


def generate(n: int, seed: int) -> list[dict[str, Any]]:
    """Assemble ``n`` labelled ads (half scam, half legitimate) from the templates."""
    spec = tomllib.loads(TEMPLATES.read_text("utf-8"))
    rng = random.Random(seed)
    comps: dict[str, list[str]] = spec["components"]
    ads: list[dict[str, Any]] = []
    for i in range(n):
        label = "scam" if i % 2 == 0 else "legit"
        probs: dict[str, float] = spec["probability"][label]
        parts = [rng.choice(spec["roles"][label])]
        for name, p in probs.items():
            if rng.random() < p:
                parts.append(rng.choice(comps[name]))
        head, rest = parts[0], parts[1:]
        rng.shuffle(rest)
        ads.append({"id": f"syn-{i}", "label": int(label == "scam"),
                    "text": head + ". " + ". ".join(rest) + "."})
    return ads


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def data_digest() -> str:
    """Short hash of everything the model depends on (this script, templates, lexicons)."""
    h = hashlib.sha256(Path(__file__).read_bytes())
    h.update(TEMPLATES.read_bytes())
    if HANDWRITTEN.exists():
        h.update(HANDWRITTEN.read_bytes())
    for path in sorted((HERE / "data" / "flags").glob("*.toml")):
        h.update(path.read_bytes())
    h.update((HERE / "data" / "combinations.toml").read_bytes())
    return h.hexdigest()[:8]


def feature_names() -> list[str]:
    cat = load_catalogue()
    return [f.id for f in cat.flags] + [c.id for c in cat.combinations]


def train(n: int, seed: int, c: float) -> dict[str, Any]:
    import numpy as np
    from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]
    from sklearn.metrics import roc_auc_score  # type: ignore[import-untyped]
    from sklearn.model_selection import (  # type: ignore[import-untyped]
        StratifiedKFold,
        cross_val_predict,
    )

    ads = generate(n, seed)
    GENERATED.write_text(
        "".join(json.dumps(a, ensure_ascii=False) + "\n" for a in ads), "utf-8"
    )
    ads += read_jsonl(HANDWRITTEN)
    names = feature_names()
    index = {f: j for j, f in enumerate(names)}
    x = np.zeros((len(ads), len(names)))
    y = np.array([int(a["label"]) for a in ads])
    for i, ad in enumerate(ads):
        for fid in raised_flags(ad["text"]):
            x[i, index[fid]] = 1.0
    clf = LogisticRegression(C=c, max_iter=2000)
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=seed)
    p = cross_val_predict(clf, x, y, cv=folds, method="predict_proba")[:, 1]
    high = _threshold_for_precision(p, y, 0.95)
    medium = _threshold_for_recall(p, y, 0.98)
    if medium >= high:
        medium = high / 2
    clf.fit(x, y)
    return {
        "version": f"{VERSION_PREFIX}-{date.today():%Y.%m.%d}-{data_digest()}",
        "trained": f"{date.today():%Y-%m-%d}",
        "lexicon_version": load_catalogue().version,
        "trained_on": {
            "synthetic_ads": n,
            "handwritten_ads": len(ads) - n,
            "seed": seed,
            "generator": "wayhome/domain/jobads/training/templates.toml",
        },
        "regularisation_C": c,
        "cv_auc": round(float(roc_auc_score(y, p)), 4),
        "thresholds": {"medium": round(medium, 4), "high": round(high, 4)},
        "bias": round(float(clf.intercept_[0]), 4),
        "weights": {f: round(float(w), 4) for f, w in zip(names, clf.coef_[0], strict=True)},
    }


def _threshold_for_precision(p: Any, y: Any, target: float) -> float:
    order = sorted(set(float(v) for v in p))
    for t in order:
        sel = p >= t
        if sel.sum() and (y[sel].mean() >= target):
            return max(t, 0.5)
    return 0.9


def _threshold_for_recall(p: Any, y: Any, target: float) -> float:
    scam_scores = sorted(float(v) for v, lab in zip(p, y, strict=True) if lab == 1)
    k = int((1 - target) * len(scam_scores))
    return max(0.05, scam_scores[k])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=4000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--c", type=float, default=1.0)
    args = ap.parse_args(argv)
    model = train(args.n, args.seed, args.c)
    MODEL.write_text(json.dumps(model, ensure_ascii=False, indent=1) + "\n", "utf-8")
    print(f"wrote {MODEL} version {model['version']} cv_auc {model['cv_auc']} "
          f"thresholds {model['thresholds']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
