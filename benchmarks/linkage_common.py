"""Shared helpers of the linkage benchmarks: timing, peak memory, pairwise metrics.

Each engine run happens in its own fresh process (multiprocessing "spawn"), so its peak
resident memory (``ru_maxrss``) is its own and not the other engine's; both run in the
same benchmark invocation, one after the other, on the same data.
"""

from __future__ import annotations

import multiprocessing as mp
import resource
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "linkage"


def peak_mb() -> float:
    """This process's peak resident memory so far, in MB (read it where a timed part ends
    to leave out untimed checks that follow)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _child(fn: Callable[..., dict[str, Any]], args: tuple[Any, ...], queue: Any) -> None:
    try:
        out = fn(*args)
        out["peak_mb"] = peak_mb()
        queue.put(out)
    except BaseException as exc:  # report, don't hang the parent
        queue.put({"error": repr(exc)})
        raise


def in_fresh_process(fn: Callable[..., dict[str, Any]], *args: Any) -> dict[str, Any]:
    """Run ``fn(*args)`` in a new interpreter; its result plus ``peak_mb`` (max RSS)."""
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=_child, args=(fn, args, queue))
    proc.start()
    out: dict[str, Any] = queue.get()
    proc.join()
    if "error" in out:
        raise RuntimeError(out["error"])
    return out


class Timer:
    """Wall-clock seconds of named steps."""

    def __init__(self) -> None:
        self.start = time.perf_counter()
        self.steps: dict[str, float] = {}
        self._last = self.start

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.steps[name] = round(now - self._last, 2)
        self._last = now

    @property
    def total(self) -> float:
        return round(time.perf_counter() - self.start, 2)


def prf(tp: int, predicted: int, true: int) -> dict[str, float]:
    """Precision, recall and F1 from counts."""
    p = tp / predicted if predicted else 0.0
    r = tp / true if true else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def pair_metrics(predicted: Iterable[tuple[str, str]],
                 truth: set[tuple[str, str]]) -> dict[str, float]:
    """Pairwise precision/recall/F1 of predicted (a, b) pairs (order-free) against truth."""
    pred = {tuple(sorted(p)) for p in predicted}
    tp = sum(1 for p in pred if p in truth)
    return prf(tp, len(pred), len(truth))


def cluster_metrics(ids: Sequence[str], predicted: Sequence[Any],
                    true: Sequence[Any]) -> dict[str, float]:
    """Pairwise precision/recall/F1 of a clustering (all within-cluster pairs), counted
    without listing pairs: sum of C(size, 2) over clusters and over their intersections."""
    def pairs(counter: Counter[Any]) -> int:
        return sum(c * (c - 1) // 2 for c in counter.values())
    del ids
    tp = pairs(Counter(zip(predicted, true, strict=True)))
    return prf(tp, pairs(Counter(predicted)), pairs(Counter(true)))


def true_pairs_of_clusters(ids: Sequence[str], clusters: Sequence[str]) -> set[tuple[str, str]]:
    """Every (a, b) pair (a < b) of records sharing a true cluster."""
    groups: dict[str, list[str]] = {}
    for rid, c in zip(ids, clusters, strict=True):
        groups.setdefault(c, []).append(rid)
    out: set[tuple[str, str]] = set()
    for members in groups.values():
        members.sort()
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                out.add((members[x], members[y]))
    return out


def print_table(title: str, rows: list[dict[str, Any]], keys: Sequence[str]) -> None:
    """Engines side by side, one row per figure."""
    print(f"\n== {title}")
    width = max(len(k) for k in keys) + 2
    print("".ljust(width) + "".join(str(r["engine"]).rjust(22) for r in rows))
    for k in keys:
        print(k.ljust(width) + "".join(str(r.get(k, "-")).rjust(22) for r in rows))
