"""An attacker independent of the engine: is a count a linear combination of the
published counts? (Exact linear algebra over the atoms, the finest boxes: it also finds
what several rows and columns give together.)"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np

from wayhome.domain.disclosure import Box


def inside(atom: Box, box: Box) -> bool:
    if box.period.granularity != "all" and \
            atom.period.coarsen(box.period.granularity) != box.period:
        return False
    values = dict(atom.values)
    return all(values.get(d) == v for d, v in box.values)


def value_of(box: Box, atoms: Mapping[Box, int]) -> int:
    return sum(v for a, v in atoms.items() if inside(a, box))


def determined(box: Box, atoms: Mapping[Box, int],
               published: Iterable[Mapping[Box, int]]) -> bool:
    """Can the count of ``box`` be computed from the published counts?"""
    order = sorted(atoms)
    rows = [[1.0 if inside(a, b) else 0.0 for a in order] for pub in published for b in pub]
    if not rows:
        return False
    target = [1.0 if inside(a, box) else 0.0 for a in order]
    m = np.array(rows)
    return bool(np.linalg.matrix_rank(np.vstack([m, target])) == np.linalg.matrix_rank(m))
