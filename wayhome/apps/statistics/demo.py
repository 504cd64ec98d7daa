"""Demo data for statistics: the demo NGOs' written agreements to share aggregates of
their cases with the demo monitoring office, and a seeded synthetic *volume* of cases.

With only the ten hand-written demo cases every count is below k = 11 and the analyst
sees nothing but suppressed cells (the rule working, but nothing to look at). The volume
(about 400 cases, ``WAYHOME_DEMO_VOLUME`` to change it, 0 for none) gives the analyst
real numbers: nationalities, sexes, ages, compounds with abuses, recruitment channels,
months of exit, screening decisions, legal measures, return options and follow-ups.

Every synthetic person has an invented name ending in "Demo" and a case narrative that
says the case is synthetic. Rows are written in bulk (as benchmarks/statistics_page.py
does) for speed, but through the model fields, so names, narratives and notes are
encrypted and the name look-up tokens are keyed hashes, as for a registered case.
"""

from __future__ import annotations

import datetime as dt
import os
import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from .models import SharingAgreement

DEFAULT_VOLUME = 400
VOLUME_EVENT = "demo.synthetic_volume.loaded"
SYNTHETIC_NARRATIVE = ("SYNTHETIC DEMO CASE: generated in bulk so the statistics demo has "
                       "volume. Invented person, invented facts; no real case.")


def share_demo_aggregates(orgs: dict[str, Any]) -> None:
    for holder in ("maesot", "phnompenh"):
        SharingAgreement.objects.get_or_create(
            holder=orgs[holder], recipient=orgs["monitor"], ended_at=None,
            defaults={"agreed_on": dt.date(2026, 1, 15),
                      "terms": "DEMO: data sharing protocol, aggregates only"})


def demo_volume() -> int:
    """How many synthetic cases the demo adds: ``WAYHOME_DEMO_VOLUME`` (default 400)."""
    raw = os.environ.get("WAYHOME_DEMO_VOLUME", "").strip()
    return max(0, int(raw)) if raw.isdigit() else DEFAULT_VOLUME


# -- what the synthetic cases look like ----------------------------------------------

# Invented names per nationality: (given names, family names; "" when none is used).
NAMES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "MMR": (("Aung Naing", "Kyaw Zin", "Htet Aung", "Zaw Min", "Hnin Wai", "Su Myat",
             "Thiha", "Nay Lin"), ("",)),
    "VNM": (("Minh", "Tuấn", "Quang", "Thảo", "Hương", "Đức", "Long", "Vy"),
            ("Trần Văn", "Lê Thị", "Phạm Văn", "Hoàng Thị", "Vũ Văn")),
    "IDN": (("Agus", "Rizki", "Dewi", "Fajar", "Siti", "Yusuf"),
            ("Pratama", "Wijaya", "Hidayat", "Saputra")),
    "PHL": (("Jose", "Mark", "Angelica", "Rowena", "Jerome"),
            ("Reyes", "Cruz", "Bautista", "Garcia")),
    "CHN": (("Wei", "Jun", "Lei", "Mei", "Hao"), ("Chen", "Wang", "Liu", "Zhao")),
    "KEN": (("Brian", "Faith", "Kevin", "Mercy"), ("Otieno", "Wanjiku", "Mwangi")),
    "ETH": (("Abebe", "Hana", "Dawit", "Selam"), ("Tesfaye", "Bekele", "Girma")),
    "UGA": (("Ivan", "Grace", "Moses"), ("Okello", "Nakato", "Mugisha")),
    "THA": (("Somchai", "Nattapong", "Siriporn", "Kittisak"), ("Srisuk", "Boonmee")),
    "KHM": (("Sokha", "Vuthy", "Sreymom", "Rithy"), ("Chea", "Heng", "Kim")),
    "LAO": (("Khamphet", "Noy", "Souksavanh"), ("Phommachanh", "Sengdara")),
    "IND": (("Rahul", "Arjun", "Priya"), ("Kumar", "Singh", "Nair")),
    "LKA": (("Kasun", "Nimali"), ("Perera", "Fernando")),
    "NPL": (("Bishal", "Sita"), ("Thapa", "Gurung")),
    "BGD": (("Rafiq", "Nusrat"), ("Hossain", "Rahman")),
    "MYS": (("Hafiz", "Aina"), ("Ismail", "Abdullah")),
}
LANGUAGES = {"MMR": "my", "VNM": "vi", "IDN": "id", "PHL": "fil,en", "CHN": "zh",
             "KEN": "sw,en", "ETH": "am", "UGA": "en", "THA": "th", "KHM": "km", "LAO": "lo",
             "IND": "hi,en", "LKA": "si", "NPL": "ne", "BGD": "bn", "MYS": "ms"}


@dataclass(frozen=True)
class OrgProfile:
    """Who a demo NGO sees: where its clients come from and where they were held."""

    key: str
    share: float  # of the volume
    nationalities: Sequence[tuple[str, int]]
    compounds: Sequence[tuple[str, int]]
    measure_country: str


PROFILES = (
    OrgProfile("maesot", 0.62,
               (("MMR", 30), ("VNM", 14), ("IDN", 10), ("PHL", 8), ("CHN", 8), ("KEN", 7),
                ("ETH", 6), ("UGA", 4), ("THA", 4), ("IND", 4), ("LKA", 3), ("NPL", 2)),
               (("kk-park", 40), ("shwe-kokko", 30), ("myawaddy", 15), ("payathonzu", 8),
                ("golden-triangle-sez", 7)),
               "THA"),
    OrgProfile("phnompenh", 0.38,
               (("VNM", 26), ("IDN", 15), ("CHN", 14), ("THA", 10), ("MMR", 8), ("PHL", 8),
                ("KHM", 7), ("MYS", 5), ("BGD", 4), ("LAO", 3)),
               (("sihanoukville", 40), ("bavet", 18), ("poipet", 16), ("phnom-penh", 14),
                ("chrey-thom", 7), ("koh-kong", 5)),
               "KHM"),
)
SEXES = (("M", 70), ("F", 26), ("X", 1), ("", 3))
CHANNELS = (("social_media_ad", 34), ("messaging_app", 20), ("personal_contact", 17),
            ("job_website", 8), ("agency_or_broker", 9), ("abducted", 2), ("other", 2),
            ("not_known", 4), ("", 4))  # "": no facts recorded yet
ABUSES = (("forced_criminality", 95), ("confinement", 70), ("documents_confiscated", 55),
          ("beating", 45), ("debt_bondage", 35), ("excessive_hours", 50),
          ("electric_shocks", 18), ("threats_to_family", 20), ("ransom_demanded", 15),
          ("sold_between_compounds", 15), ("denial_of_food_or_care", 12),
          ("sexual_exploitation", 6))
LEVELS = (("reasonable_grounds", 45), ("conclusive", 25), ("vulnerable_migrant", 15),
          ("not_indicated", 5))
OPTIONS = (("voluntary_return", 70), ("humanitarian_stay", 15), ("asylum", 10),
           ("resettlement", 5))
# Months with many exits: releases after the crackdowns on the Myawaddy compounds in
# February 2025 and on KK Park in October 2025 (the shape, not the size, of what was
# reported; the numbers are invented).
WAVES = {"2025-02": 14, "2025-03": 7, "2025-10": 10, "2025-11": 4}


def _pick(rng: random.Random, weighted: Sequence[tuple[str, int]]) -> str:
    return rng.choices([v for v, _w in weighted], weights=[w for _v, w in weighted])[0]


def _months(today: dt.date) -> list[dt.date]:
    """First days of the months from January 2024 to the current month."""
    out, m = [], dt.date(2024, 1, 1)
    while m <= today:
        out.append(m)
        m = (m + dt.timedelta(days=32)).replace(day=1)
    return out


def _age(rng: random.Random) -> int | None:
    r = rng.random()
    if r < 0.05:
        return None
    if r < 0.09:
        return rng.randint(15, 17)
    return min(58, max(18, int(rng.gauss(28, 7))))


@dataclass
class _Person:
    nationality: str
    sex: str
    age: int | None
    given: str
    family: str
    compound: str
    abuses: list[str]
    channel: str
    exited: dt.date | None  # first of the month recorded, None: not recorded
    held_until: dt.date | None
    registered: dt.datetime
    level: str | None
    measure: str | None
    option: str | None
    travelled: bool
    outcome: str | None


def _person(rng: random.Random, profile: OrgProfile, months: list[dt.date],
            now: dt.datetime) -> _Person:
    nat = _pick(rng, profile.nationalities)
    givens, families = NAMES[nat]
    weights = [1 + WAVES.get(m.strftime("%Y-%m"), 0) for m in months]
    exit_month = rng.choices(months, weights=weights)[0]
    last_day = (exit_month + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    held_until = min(exit_month + dt.timedelta(days=rng.randint(0, 27)), last_day,
                     now.date())
    recorded = rng.random() < 0.85  # some teams have not recorded the month of exit
    registered = min(now - dt.timedelta(hours=1), dt.datetime.combine(
        held_until + dt.timedelta(days=rng.randint(2, 60)), dt.time(10),
        tzinfo=dt.timezone.utc))
    abuses = [a for a, w in ABUSES if rng.random() * 100 < w] or ["forced_criminality"]
    level = _pick(rng, LEVELS) if rng.random() < 0.78 else None
    option = _pick(rng, OPTIONS) if level and rng.random() < 0.6 else None
    # Travel a month after registration, a follow-up three months after travel: only
    # for registrations old enough that neither date is in the future.
    age_days = (now - registered).days
    travelled = option == "voluntary_return" and age_days > 35 and rng.random() < 0.6
    return _Person(
        nationality=nat, sex=_pick(rng, SEXES), age=_age(rng),
        given=f"{rng.choice(givens)} Demo", family=rng.choice(families),
        compound=_pick(rng, profile.compounds), abuses=abuses, channel=_pick(rng, CHANNELS),
        exited=exit_month if recorded else None,
        # Where the month of exit is not recorded, the end of the stay sometimes is.
        held_until=held_until if recorded or rng.random() < 0.5 else None,
        registered=registered, level=level,
        measure=(rng.choice(["open", "requested", "resolved"])
                 if rng.random() < 0.35 else None),
        option=option, travelled=travelled,
        outcome=(_pick(rng, (("ok", 6), ("concern", 3), ("serious", 1)))
                 if travelled and age_days > 125 and rng.random() < 0.7 else None))


# -- writing them ---------------------------------------------------------------------

def volume_loaded() -> bool:
    from wayhome.apps.audit.models import AuditEvent

    return AuditEvent.objects.filter(action=VOLUME_EVENT).exists()


@transaction.atomic
def load_synthetic_volume(n: int = DEFAULT_VOLUME, seed: int = 11) -> int:
    """Add ``n`` synthetic cases to the two demo NGOs, once (an audit event marks it);
    returns how many were added (0 when already loaded, or n == 0)."""
    from wayhome.apps.accounts.models import User
    from wayhome.apps.audit.log import record as audit
    from wayhome.apps.compounds.models import Compound

    if n <= 0 or volume_loaded():
        return 0
    from wayhome.demo import ORGS

    workers = {name: u for u, name in (
        (u, getattr(u.organisation, "name", "")) for u in User.objects.filter(
            is_demo=True, role="case_worker").select_related("organisation"))}

    compounds = {c.slug: c for c in Compound.objects.all()}
    rng = random.Random(seed)
    now = timezone.now()
    months = _months(timezone.localdate())
    added = 0
    for i, profile in enumerate(PROFILES):
        worker = workers.get(ORGS[profile.key][0])
        if worker is None:
            continue
        count = n - added if i == len(PROFILES) - 1 else round(n * profile.share)
        people = [_person(rng, profile, months, now) for _ in range(count)]
        _write(worker, people, compounds, profile, rng)
        added += count
    audit(None, VOLUME_EVENT, object_type="cases.Case", purpose="demo",
          detail=f"synthetic demo cases added: {added}")
    return added


def _write(worker: Any, people: list[_Person], compounds: dict[str, Any],
           profile: OrgProfile, rng: random.Random) -> None:
    """One bulk insert per table for this organisation's synthetic cases."""
    from wayhome.apps.cases.models import Case, ConsentRecord, NameToken, Person, new_case_number
    from wayhome.apps.compounds.models import CaseCompoundLink, ExploitationFacts
    from wayhome.apps.nonpunishment.models import LegalMeasure
    from wayhome.apps.protection.models import ProtectionStatus
    from wayhome.apps.returns.models import FollowUp, FollowUpOutcome, OptionChoice, ReturnPlan
    from wayhome.apps.screening.models import (
        PROTECTED_LEVELS,
        GroundsDecision,
        ScreeningSession,
    )
    from wayhome.security import crypto

    org = worker.organisation
    cases = Case.objects.bulk_create(
        Case(case_number=new_case_number(org.country), organisation=org, created_by=worker,
             narrative=SYNTHETIC_NARRATIVE) for _ in people)
    pairs = list(zip(cases, people))
    by_day: dict[dt.datetime, list[int]] = {}  # created_at is auto_now_add: set it after
    for case, p in pairs:
        by_day.setdefault(p.registered, []).append(case.pk)
    for when, ids in by_day.items():
        Case.objects.filter(pk__in=ids).update(created_at=when)
    persons = Person.objects.bulk_create(
        Person(case=c, given_name=p.given, family_name=p.family, nationality=p.nationality,
               sex=p.sex, age_years=p.age, age_is_estimate=p.age is None or rng.random() < 0.2,
               may_be_child=p.age is not None and p.age < 18,
               languages=LANGUAGES[p.nationality],
               interpreter_needed=not LANGUAGES[p.nationality].startswith("en"))
        for c, p in pairs)
    NameToken.objects.bulk_create(
        NameToken(person=person, token_hash=h) for person, p in zip(persons, people)
        for h in {crypto.blind_index(t, domain="name")
                  for t in crypto.name_tokens(p.given, p.family)})
    ConsentRecord.objects.bulk_create(
        ConsentRecord(case=c, purpose="services", granted=True, recorded_by=worker,
                      language=LANGUAGES[p.nationality].split(",")[0]) for c, p in pairs)
    CaseCompoundLink.objects.bulk_create(
        CaseCompoundLink(case=c, compound=compounds[p.compound], abuses=p.abuses,
                         held_until=p.held_until, linked_by=worker,
                         held_from=(p.held_until - dt.timedelta(days=rng.randint(45, 420))
                                    if p.held_until else None))
        for c, p in pairs if p.compound in compounds)
    ExploitationFacts.objects.bulk_create(
        ExploitationFacts(case=c, recruitment_channel=p.channel, exited_on=p.exited,
                          recorded_by=worker)
        for c, p in pairs if p.channel or p.exited)
    screened = [(c, p) for c, p in pairs if p.level]
    sessions = ScreeningSession.objects.bulk_create(
        ScreeningSession(case=c, interviewer=worker, status="completed",
                         person_language=LANGUAGES[p.nationality].split(",")[0])
        for c, p in screened)
    GroundsDecision.objects.bulk_create(
        GroundsDecision(session=s, case_id=s.case_id, level=str(p.level),
                        recommended_level=str(p.level), decided_by=worker,
                        reason="SYNTHETIC DEMO decision.")
        for s, (_c, p) in zip(sessions, screened))
    ProtectionStatus.objects.bulk_create(
        ProtectionStatus(case=c, active=p.level in PROTECTED_LEVELS,
                         since=p.registered if p.level in PROTECTED_LEVELS else None,
                         basis=str(p.level) if p.level in PROTECTED_LEVELS else "")
        for c, p in screened)
    LegalMeasure.objects.bulk_create(
        LegalMeasure(case=c, kind=rng.choice(["detention", "charge", "fine"]),
                     offence=rng.choice(["immigration", "immigration", "fraud"]),
                     country=profile.measure_country, authority="DEMO authority",
                     ordered_on=p.registered.date(), status=str(p.measure),
                     recorded_by=worker)
        for c, p in pairs if p.measure)
    OptionChoice.objects.bulk_create(
        OptionChoice(case=c, option=str(p.option), decided_on=p.registered.date(),
                     recorded_by=worker) for c, p in pairs if p.option)
    travelled = [(c, p) for c, p in pairs if p.travelled]
    plans = ReturnPlan.objects.bulk_create(
        ReturnPlan(case=c, status="travelled", created_by=worker, updated_by=worker,
                   travelled_on=p.registered.date() + dt.timedelta(days=30))
        for c, p in travelled)
    followed = [(plan, p) for plan, (_c, p) in zip(plans, travelled) if p.outcome]
    follow_ups = FollowUp.objects.bulk_create(
        FollowUp(plan=plan, months=3, due_on=p.registered.date() + dt.timedelta(days=120),
                 done_on=p.registered.date() + dt.timedelta(days=121), recorded_by=worker)
        for plan, p in followed)
    FollowUpOutcome.objects.bulk_create(
        FollowUpOutcome(follow_up=f, domain="safety", rating=str(p.outcome))
        for f, (_plan, p) in zip(follow_ups, followed))
