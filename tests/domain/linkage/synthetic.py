"""A small seeded pair of lists (reports vs registered persons) with known truth, for tests."""

from __future__ import annotations

import random

GIVEN = ["Somchai", "Malee", "Hung", "Lan", "Aung", "Thida", "Sok", "Dara", "Budi", "Siti",
         "Maria", "Jose", "Wei", "Fang", "Minh", "Ngoc", "Kanya", "Niran", "Zaw", "Ei"]
FAMILY = ["Jaidee", "Srisuk", "Nguyen", "Tran", "Kyaw", "Win", "Chea", "Santoso", "Reyes",
          "Wang", "Pham", "Boonmee", "Lim", "Cruz", "Hlaing", "Le", "Saputra", "Ho"]
NATS = ["THA", "VNM", "MMR", "KHM", "IDN", "PHL", "CHN"]


def _typo(rng: random.Random, name: str) -> str:
    i = rng.randrange(1, len(name) - 1)
    return name[:i] + name[i + 1:]


def lists(n: int, seed: int = 3) -> tuple[list[dict[str, str]], list[dict[str, str]],
                                          set[tuple[int, int]]]:
    """(left rows, right rows, true (left index, right index) pairs): 70 % of the left
    people are on the right, written with swapped order, a typo or upper case, and a
    birth date that is exact, year-only, off by a year or day-month swapped."""
    rng = random.Random(seed)

    def person() -> dict[str, str]:
        return {"name": f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}", "sex": rng.choice("MF"),
                "birth": f"{rng.randint(1970, 2005)}-{rng.randint(1, 12):02d}-"
                         f"{rng.randint(1, 28):02d}",
                "nationality": rng.choice(NATS)}

    left = [person() for _ in range(n)]
    right: list[dict[str, str]] = []
    truth: set[tuple[int, int]] = set()
    for k, p in enumerate(left):
        if rng.random() < 0.7:
            g, f = p["name"].split()
            name = rng.choice([f"{f} {g}", _typo(rng, p["name"]), p["name"].upper()])
            y, m, d = p["birth"].split("-")
            birth = rng.choice([p["birth"], y, f"{int(y) + 1}-{m}-{d}",
                                f"{y}-{d}-{m}" if int(d) <= 12 else p["birth"]])
            truth.add((k, len(right)))
            right.append({**p, "name": name, "birth": birth,
                          "sex": "" if rng.random() < 0.1 else p["sex"]})
        if rng.random() < 0.3:
            right.append(person())
    while len(right) < n:
        right.append(person())
    return left, right, truth
