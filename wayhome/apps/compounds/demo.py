"""Demo links: the synthetic demo cases linked to the places where they say they were
held, so the registry shows (suppressed) corroboration. Synthetic data only."""

from __future__ import annotations

from wayhome.apps.accounts.models import User
from wayhome.apps.cases.models import Case

from . import services
from .models import Compound

# Demo cases by the country of the organisation holding them: (compound slug, abuses).
_PLACES = {
    "THA": [("kk-park", ["forced_criminality", "beating", "electric_shocks",
                         "documents_confiscated"]),
            ("shwe-kokko", ["forced_criminality", "debt_bondage", "confinement"])],
    "KHM": [("sihanoukville", ["forced_criminality", "sold_between_compounds",
                               "ransom_demanded"])],
}


def link_demo_cases() -> int:
    """Link each demo case (cases of demo users' organisations) to one place, in turn;
    returns how many links were made. Runs through the same service and policy as a
    case worker would."""
    made = 0
    workers = {u.organisation_id: u for u in User.objects.filter(is_demo=True,
                                                                 role="case_worker")}
    for i, case in enumerate(Case.objects.filter(organisation_id__in=workers)
                             .select_related("organisation").order_by("id")):
        options = _PLACES.get(case.organisation.country)
        if not options:
            continue
        slug, abuses = options[i % len(options)]
        compound = Compound.objects.filter(slug=slug).first()
        if compound is None:
            continue
        services.link_case(workers[case.organisation_id], case, compound, abuses)
        made += 1
    return made
