"""Fixtures for the registry: the seed loaded, and cases linked to a compound from one
or two organisations."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from wayhome.apps.compounds import services
from wayhome.apps.compounds.models import Compound


@pytest.fixture
def seeded(db: Any) -> services.SeedResult:
    return services.load_seed()


@pytest.fixture
def kk_park(seeded: Any) -> Compound:
    return Compound.objects.get(slug="kk-park")


@pytest.fixture
def link_cases(make_case: Callable[..., Any], make_user: Callable[..., Any]
               ) -> Callable[..., list[Any]]:
    """``link_cases(compound, n, abuses, org="ngo")``: n new cases of that organisation,
    each linked to the compound with those abuses."""
    team: dict[str, Any] = {}

    def link(compound: Compound, n: int, abuses: list[str] | None = None,
             org: str = "ngo") -> list[Any]:
        if org not in team:
            team[org] = make_user("case_worker", org=org, username=f"linker-{org}")
        cases = []
        for i in range(n):
            case = make_case(team[org], given_name=f"Person{i}", family_name=f"Family{org}")
            services.link_case(team[org], case, compound, abuses or ["forced_criminality"])
            cases.append(case)
        return cases
    return link
