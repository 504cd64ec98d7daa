"""The demo dataset: clearly synthetic organisations, users (one per role) and cases.

Every name here is invented and marked DEMO. Loaded by ``wayhome demo``.
"""

from __future__ import annotations

import base64
import json
import random
from dataclasses import dataclass
from importlib import resources
from typing import Any

from django.db import transaction
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from wayhome.apps.accounts.models import Organisation, OrganisationKind, Role, User

DEMO_PASSWORD = "wayhome-demo-2026"

ORGS = {
    "maesot": ("Mae Sot Migrant Assistance (demo)", "THA", OrganisationKind.NGO),
    "welfare": ("Tak Social Welfare Screening Unit (demo)", "THA", OrganisationKind.GOVERNMENT),
    "immigration": ("Tak Immigration Liaison Office (demo)", "THA", OrganisationKind.ENFORCEMENT),
    "embassy": ("Embassy of Myanmar in Bangkok (demo)", "MMR", OrganisationKind.CONSULATE),
    "phnompenh": ("Phnom Penh Survivor Support (demo)", "KHM", OrganisationKind.NGO),
    "tracing": ("Nghe An Family Tracing (demo)", "VNM", OrganisationKind.TRACING),
    "shelter": ("Mae Sot Men's Shelter (demo)", "THA", OrganisationKind.SERVICE),
    "monitor": ("Regional Monitoring Office (demo)", "THA", OrganisationKind.MONITORING),
}

USERS = [
    ("caseworker", "Malee Demo", Role.CASE_WORKER, "maesot", "en"),
    ("screener", "Somchai Demo", Role.SCREENING_OFFICER, "welfare", "th"),
    ("liaison", "Preecha Demo", Role.ENFORCEMENT_LIAISON, "immigration", "th"),
    ("consul", "Thandar Demo", Role.CONSULAR_OFFICER, "embassy", "my"),
    ("caseworker_kh", "Sokha Demo", Role.CASE_WORKER, "phnompenh", "en"),
    ("tracer", "Lan Demo", Role.TRACER, "tracing", "vi"),
    ("provider", "Anan Demo", Role.SERVICE_PROVIDER, "shelter", "th"),
    ("analyst", "Ratana Demo", Role.ANALYST, "monitor", "en"),
    ("admin", "Admin Demo", Role.ADMINISTRATOR, "maesot", "en"),
]

# (given, family, nationality, sex, age, estimate, may_be_child, languages, org, screened)
PERSONS = [
    ("Ko Aung Demo", "", "MMR", "M", 27, False, False, "my", "maesot", "full"),
    ("Hùng Demo", "Nguyễn Văn", "VNM", "M", 24, False, False, "vi", "maesot", "full"),
    ("Somying Demo", "Jaidee", "THA", "F", 31, False, False, "th", "maesot", "partial"),
    ("Min Thu Demo", "", "MMR", "M", 17, True, True, "my", "maesot", "full"),
    ("Budi Demo", "Santoso", "IDN", "M", 29, False, False, "id,en", "maesot", None),
    ("Wanjiru Demo", "Kamau", "KEN", "F", 26, False, False, "sw,en", "maesot", "full"),
    ("Li Wei Demo", "Zhang", "CHN", "M", 33, True, False, "zh", "maesot", None),
    ("Maria Demo", "Santos", "PHL", "F", 23, False, False, "fil,en", "maesot", "partial"),
    ("Dara Demo", "Sok", "KHM", "M", 22, False, False, "km", "phnompenh", "full"),
    ("Thida Demo", "", "MMR", "F", 20, False, False, "my", "phnompenh", None),
]


@dataclass
class Loaded:
    created: bool
    codes: dict[str, str]


def _device_key(username: str) -> str:
    user = User.objects.get(username=username, is_demo=True)
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    return base64.b32encode(device.bin_key).decode().rstrip("=")


def current_code(username: str) -> str:
    try:
        user = User.objects.get(username=username, is_demo=True)
        device = TOTPDevice.objects.get(user=user, confirmed=True)
    except (User.DoesNotExist, TOTPDevice.DoesNotExist) as exc:
        raise LookupError(f"{username!r} is not a demo account") from exc
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def example_answers() -> dict[str, Any]:
    text = resources.files("wayhome.domain.screening").joinpath("data/example_answers.json")
    return dict(json.loads(text.read_text(encoding="utf-8")))


@transaction.atomic
def load(seed: int = 7, volume: int | None = None) -> bool:
    """Load the demo data once; returns False if it was already there. ``volume``
    synthetic cases are added for the statistics (default ``WAYHOME_DEMO_VOLUME`` or
    400; 0 for none), also to a demo loaded before the volume existed."""
    from wayhome.apps.statistics.demo import demo_volume, load_synthetic_volume

    volume = demo_volume() if volume is None else volume
    if User.objects.filter(is_demo=True).exists():
        if load_synthetic_volume(volume):
            _take_statistics_snapshot()
        return False
    rng = random.Random(seed)
    orgs = {
        key: Organisation.objects.create(name=name, country=country, kind=kind)
        for key, (name, country, kind) in ORGS.items()
    }
    users: dict[str, User] = {}
    for username, full, role, org, lang in USERS:
        first, last = full.split(" ", 1)
        u = User(username=username, first_name=first, last_name=last, role=role,
                 organisation=orgs[org], language=lang, is_demo=True)
        u.set_password(DEMO_PASSWORD)
        u.save()
        TOTPDevice.objects.create(user=u, name="demo authenticator", confirmed=True)
        users[username] = u
    _load_services(orgs, users)
    _load_cases(users, rng)
    _load_tracing(users)
    from wayhome.apps.communications.services import load_seed as load_communications

    load_communications(users["analyst"])  # the four 2025 letters, OHCHR 2023 recommendations
    from wayhome.apps.compounds.services import load_seed as load_compounds

    load_compounds()  # the places named in the seed documents, with their sources
    from wayhome.apps.compounds.demo import link_demo_cases

    link_demo_cases()  # demo cases linked to where they were held (suppressed counts)
    from wayhome.apps.statistics.demo import share_demo_aggregates

    share_demo_aggregates(orgs)  # the two NGOs agree to share aggregates with the monitor
    load_synthetic_volume(volume)  # ~400 synthetic cases, so the analyst sees real numbers
    _take_statistics_snapshot()
    return True


def _take_statistics_snapshot() -> None:
    """Freeze this month's statistics now, so the analyst's first page is fast."""
    from wayhome.apps.statistics.snapshot import take_snapshot

    take_snapshot()


DEMO_SERVICES = [
    # (name, country, kind, men, women, children, families, languages, places)
    ("Mae Sot Men's Shelter (demo)", "THA", "shelter", True, False, False, False, "my,th,en", 40),
    ("Tak Women and Children Shelter (demo)", "THA", "shelter", False, True, True, True,
     "my,th", 25),
    ("Mae Sot Border Clinic (demo)", "THA", "medical", True, True, True, True, "my,th,en", None),
    ("Legal Aid Tak (demo)", "THA", "legal_aid", True, True, True, True, "th,my,en", None),
    ("Psychosocial Support Mae Sot (demo)", "THA", "psychosocial", True, True, True, True,
     "my,th", None),
]


def _load_services(orgs: dict[str, Organisation], users: dict[str, User]) -> None:
    from wayhome.apps.referrals.models import Service

    for name, country, kind, men, women, children, families, langs, places in DEMO_SERVICES:
        Service.objects.create(
            organisation=orgs["shelter"], added_by=users["caseworker"], name=name,
            country=country, kind=kind, accepts_adult_men=men, accepts_adult_women=women,
            accepts_children=children, accepts_families=families, languages=langs,
            capacity=places)


def _load_cases(users: dict[str, User], rng: random.Random) -> None:
    from wayhome.apps.cases import services as cases
    from wayhome.apps.screening import services as screening

    sample = example_answers()
    for given, family, nat, sex, age, estimate, child, langs, org, screened in PERSONS:
        worker = users["caseworker" if org == "maesot" else "caseworker_kh"]
        case = cases.register_case(worker, {
            "given_name": given, "family_name": family, "nationality": nat, "sex": sex,
            "age_years": age, "age_is_estimate": estimate, "may_be_child": child,
            "languages": langs, "interpreter_needed": langs.split(",")[0] not in ("en",),
        }, narrative="DEMO narrative: synthetic record for demonstration only.")
        first_lang = langs.split(",")[0]
        cases.record_consent(worker, case, "services", True, first_lang)
        if nat == "MMR" and rng.random() < 0.8:
            cases.record_consent(worker, case, "consulate", True, first_lang)
        if screened is None:
            continue
        session = screening.start(worker, case, "en", first_lang)
        answers = dict(sample["answers"])
        if screened == "partial":
            answers = dict(list(answers.items())[: max(1, len(answers) // 3)])
        screening.save_answers(worker, session, answers, sample.get("context", {}))
        if screened == "full":
            result = screening.run_assessment(worker, session)
            screening.decide_grounds(worker, session, result.grounds_level,
                                     "DEMO: decision recorded for demonstration.")
            _protection_demo(worker, case, rng)


def _protection_demo(worker: User, case: Any, rng: random.Random) -> None:
    """Legal measures and a certificate, so the non-punishment pages have something."""
    import datetime as dt

    from django.utils import timezone

    from wayhome.apps.certificates import services as certificates
    from wayhome.apps.nonpunishment import services as measures

    today = timezone.localdate()
    country = case.organisation.country
    measures.record_measure(worker, case, {
        "kind": "detention", "offence": "immigration", "country": country,
        "authority": "DEMO immigration detention centre",
        "ordered_on": today - dt.timedelta(days=rng.randint(10, 40)),
        "reference": "DEMO-IDC-" + str(rng.randint(100, 999))})
    if rng.random() < 0.6:
        measures.record_measure(worker, case, {
            "kind": "charge", "offence": "fraud", "country": country,
            "authority": "DEMO provincial public prosecutor",
            "ordered_on": today - dt.timedelta(days=rng.randint(5, 9))})
    if getattr(case, "protection", None) is not None and case.protection.active:
        certificates.issue(worker, case)
        _referral_demo(worker, case)


def _referral_demo(worker: User, case: Any) -> None:
    """A referral to a service that takes this person, for the provider's inbox."""
    from django.core.exceptions import ValidationError

    from wayhome.apps.referrals import services as referrals
    from wayhome.apps.referrals.models import Service

    for service in Service.objects.filter(country=case.organisation.country, kind="shelter"):
        try:
            referrals.send_referral(worker, case, service,
                                    message="DEMO: needs a safe place to stay tonight.")
        except ValidationError:
            continue  # this shelter does not take this person
        return


# (missing name as the family writes it, other spellings, sex, approximate age,
#  nationality, reporter, relation, family consent given)
DEMO_FAMILY_REPORTS = [
    ("Nguyễn Văn Hùng Demo", "", "M", 24, "VNM", "Nguyễn Thị Lan Demo", "mother", True),
    ("สมหญิง ใจดี Demo", "Somyhing Jaidee Demo", "F", 31, "THA", "Somchai Jaidee Demo",
     "brother", True),
    ("Trần Thị Mai Demo", "", "F", 22, "VNM", "Trần Văn Bình Demo", "father", False),
]


def _load_tracing(users: dict[str, User]) -> None:
    """Family reports for the tracer; two match demo cases whose persons consented to
    tracing (matched at once, so the tracer has candidates to review), one has no family
    consent yet and is not matched."""
    import datetime as dt

    from wayhome.apps.cases import services as cases
    from wayhome.apps.cases.models import Case
    from wayhome.apps.tracing import services as tracing

    for case in Case.objects.filter(person__nationality__in=["VNM", "THA"]):
        cases.record_consent(users["caseworker"], case, "tracing", True,
                             case.person.language_list[0] if case.person.languages else "en")
    for name, other, sex, age, nat, reporter, relation, consent in DEMO_FAMILY_REPORTS:
        data: dict[str, Any] = {
            "reporter_name": reporter, "reporter_relation": relation,
            "reporter_contact": "DEMO: commune office, Nghi Loc", "missing_name": name,
            "other_names": other, "sex": sex, "approximate_age": age, "nationality": nat,
            "last_known_place": "DEMO: Poipet", "destination": "DEMO: call-centre job offer",
            "consent_given": consent, "consent_by": reporter,
            "consent_on": dt.date(2026, 1, 5), "consent_language": "vi"}
        tracing.create_report(users["tracer"], data)
    tracing.run_matching()


def describe(created: bool, host: str, port: int) -> str:
    lines = [
        "",
        "Wayhome demo " + ("loaded" if created else "already loaded") + ".",
        f"Open http://{host}:{port}/ in a browser.",
        f"The public job-ad checker needs no login: http://{host}:{port}/check-an-ad/",
        "",
        f"Every demo account has the password: {DEMO_PASSWORD}",
        "Second factor: add the key below to an authenticator app, or print the current",
        "code with:  wayhome demo-code USERNAME",
        "",
        f"{'username':14} {'authenticator key':33} role, organisation",
    ]
    for username, _full, role, org, _lang in USERS:
        lines.append(f"{username:14} {_device_key(username):33} "
                     f"{Role(role).label}, {ORGS[org][0]}")
    lines.append("")
    return "\n".join(lines)
