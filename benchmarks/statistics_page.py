"""Statistics with 100,000 cases: the snapshot (one pass over the cases with their
screening decisions, protection, certificates, legal measures, returns and compound
links), then the analyst's page per dimension, a cross-tab, a period filter, and the CSV
and HTCDS downloads, through the whole Django stack (middleware, policy, audit, GROUP BY,
disclosure audit against the ledger, SVG chart).

    .venv/bin/python benchmarks/statistics_page.py                       # SQLite
    createdb -h 127.0.0.1 -U postgres wayhome_bench_stats
    WAYHOME_DATABASE_URL=postgres://postgres@127.0.0.1:5432/wayhome_bench_stats \\
        .venv/bin/python benchmarks/statistics_page.py                   # PostgreSQL

Options: --cases N (default 100000), --requests N per page kind (default 30).
Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("WAYHOME_HOME", tempfile.mkdtemp(prefix="wayhome-bench-stats-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wayhome.web.settings")
os.environ["WAYHOME_ALLOWED_HOSTS"] = "testserver"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django_otp import DEVICE_ID_SESSION_KEY  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402

from wayhome.apps.accounts.models import Organisation, Role, User  # noqa: E402
from wayhome.apps.cases.models import Case, Person, new_case_number  # noqa: E402
from wayhome.apps.compounds.models import CaseCompoundLink, Compound  # noqa: E402
from wayhome.apps.nonpunishment.models import LegalMeasure  # noqa: E402
from wayhome.apps.protection.models import ProtectionStatus  # noqa: E402
from wayhome.apps.returns.models import (  # noqa: E402
    FollowUp,
    FollowUpOutcome,
    OptionChoice,
    ReturnPlan,
)
from wayhome.apps.screening.models import GroundsDecision, ScreeningSession  # noqa: E402
from wayhome.apps.statistics.dimensions import DIMENSIONS  # noqa: E402
from wayhome.apps.statistics.models import SharingAgreement  # noqa: E402
from wayhome.apps.statistics.snapshot import take_snapshot  # noqa: E402

NATIONALITIES = ["MMR"] * 5 + ["VNM"] * 4 + ["KHM", "IDN", "PHL", "CHN", "LAO", "THA", "KEN",
                                             "UGA", "NPL", "BGD", "LKA", "IND", "ETH"]
LEVELS = ["reasonable_grounds", "reasonable_grounds", "conclusive", "vulnerable_migrant",
          "not_indicated"]


def _months() -> list[dt.datetime]:
    start = dt.datetime(2023, 1, 15, 12, tzinfo=dt.timezone.utc)
    return [start.replace(year=2023 + i // 12, month=i % 12 + 1) for i in range(36)]


def populate(n: int, org: Organisation, user: User, compounds: list[Compound]) -> None:
    rng = random.Random(3)
    months = _months()
    batch = 5000
    t0 = time.perf_counter()
    for start in range(0, n, batch):
        with transaction.atomic():
            cases = Case.objects.bulk_create(
                Case(case_number=new_case_number("THA"), organisation=org, created_by=user)
                for _ in range(min(batch, n - start)))
            # created_at is auto_now_add: spread the registrations over three years.
            by_month: dict[dt.datetime, list[int]] = {}
            for c in cases:
                by_month.setdefault(rng.choice(months), []).append(c.pk)
            for when, ids in by_month.items():
                Case.objects.filter(pk__in=ids).update(created_at=when)
            Person.objects.bulk_create(
                Person(case=c, nationality=rng.choice(NATIONALITIES),
                       sex=rng.choice(["M", "M", "M", "M", "F", "F", "X", ""]), age_years=rng.choice(
                           [None, *range(15, 56)])) for c in cases)
            screened = [c for c in cases if rng.random() < 0.7]
            sessions = ScreeningSession.objects.bulk_create(
                ScreeningSession(case=c, interviewer=user, status="completed")
                for c in screened)
            GroundsDecision.objects.bulk_create(
                GroundsDecision(session=s, case_id=s.case_id, level=lv,
                                recommended_level=lv, decided_by=user)
                for s in sessions for lv in [rng.choice(LEVELS)])
            ProtectionStatus.objects.bulk_create(
                ProtectionStatus(case=c, active=rng.random() < 0.8) for c in screened)
            LegalMeasure.objects.bulk_create(
                LegalMeasure(case=c, kind="charge", offence="fraud", country="THA",
                             ordered_on=dt.date(2025, 1, 1), recorded_by=user,
                             status=rng.choice(["open", "requested", "resolved"]))
                for c in cases if rng.random() < 0.25)
            OptionChoice.objects.bulk_create(
                OptionChoice(case=c, option=rng.choice(["voluntary_return", "asylum",
                                                        "humanitarian_stay"]),
                             decided_on=dt.date(2025, 2, 1), recorded_by=user)
                for c in cases if rng.random() < 0.3)
            plans = ReturnPlan.objects.bulk_create(
                ReturnPlan(case=c, status="travelled", created_by=user, updated_by=user)
                for c in cases if rng.random() < 0.1)
            fus = FollowUp.objects.bulk_create(
                FollowUp(plan=p, months=3, due_on=dt.date(2025, 6, 1),
                         done_on=dt.date(2025, 6, 2)) for p in plans if rng.random() < 0.7)
            FollowUpOutcome.objects.bulk_create(
                FollowUpOutcome(follow_up=f, domain="safety",
                                rating=rng.choice(["ok", "ok", "concern", "serious"]))
                for f in fus)
            CaseCompoundLink.objects.bulk_create(
                CaseCompoundLink(case=c, compound=rng.choice(compounds), linked_by=user)
                for c in cases if rng.random() < 0.6)
    print(f"populated {n} cases (with related rows) in {time.perf_counter() - t0:.1f} s",
          flush=True)


def timed(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, int(round(0.95 * len(times))) - 1)]
    return statistics.median(times), p95


def get(client: Client, url: str) -> Callable[[], object]:
    def run() -> object:
        r = client.get(url)
        assert r.status_code == 200, (url, r.status_code)
        return r
    return run


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=100_000)
    ap.add_argument("--requests", type=int, default=30)
    args = ap.parse_args()

    call_command("migrate", verbosity=0)
    org, _ = Organisation.objects.get_or_create(name="Bench NGO", country="THA", kind="ngo")
    monitor, _ = Organisation.objects.get_or_create(name="Bench monitor", country="THA",
                                                    kind="monitoring")
    worker, _ = User.objects.get_or_create(username="bench-worker", defaults={
        "role": Role.CASE_WORKER, "organisation": org})
    analyst, _ = User.objects.get_or_create(username="bench-analyst", defaults={
        "role": Role.ANALYST, "organisation": monitor})
    SharingAgreement.objects.get_or_create(holder=org, recipient=monitor, ended_at=None,
                                           defaults={"agreed_on": dt.date(2026, 1, 1)})
    compounds = [Compound.objects.get_or_create(
        slug=f"bench-{i}", defaults={"name": f"Bench compound {i}", "kind": "compound",
                                     "country": ["MMR", "KHM", "LAO", "PHL"][i % 4]})[0]
        for i in range(30)]
    have = Case.objects.filter(organisation=org).count()
    if have < args.cases:
        populate(args.cases - have, org, worker, compounds)
        if connection.vendor == "postgresql":
            with connection.cursor() as cur:
                cur.execute("ANALYZE")
    t = time.perf_counter()
    snap = take_snapshot()
    print(f"snapshot of {snap.cases} cases taken in {time.perf_counter() - t:.1f} s",
          flush=True)

    device, _ = TOTPDevice.objects.get_or_create(user=analyst, name="bench", confirmed=True)
    client = Client()
    client.force_login(analyst)
    s = client.session
    s[DEVICE_ID_SESSION_KEY] = device.persistent_id
    s.save()

    kinds: dict[str, str] = {f"page by {d}": f"/statistics/?row={d}" for d in DIMENSIONS}
    kinds.update({
        "page nationality x sex": "/statistics/?row=nationality&col=sex",
        "page compound x nationality": "/statistics/?row=compound&col=nationality",
        "page month x outcome, 2025": "/statistics/?row=month&col=screening_outcome"
                                      "&period=2025",
        "page nationality, 2025-Q2": "/statistics/?row=nationality&period=2025-Q2",
        "CSV nationality x sex": "/statistics/table.csv?row=nationality&col=sex",
        "HTCDS CSV (every dimension)": "/statistics/htcds.csv",
    })
    print(f"database: {connection.vendor}; cases: {Case.objects.count()}; "
          f"requests per kind: {args.requests}")
    print(f"{'request':34} {'first ms':>9} {'median ms':>10} {'p95 ms':>9}")
    for name, url in kinds.items():
        t = time.perf_counter()
        get(client, url)()  # first: audits and records the released cells
        first = (time.perf_counter() - t) * 1000
        med, p95 = timed(get(client, url), args.requests)
        print(f"{name:34} {first:9.1f} {med:10.1f} {p95:9.1f}", flush=True)
    from wayhome.apps.statistics.models import ReleasedCell

    print(f"released cells in this snapshot's ledger: "
          f"{ReleasedCell.objects.filter(snapshot=snap).count()}")
    from wayhome.cli import main as cli

    out = Path(tempfile.mkdtemp()) / "stats.csv"
    med, p95 = timed(lambda: cli(["stats", "export", "--k", "11", "--out", str(out)]), 5)
    print(f"{'CLI stats export (every dimension)':34} {'':9} {med:10.1f} {p95:9.1f}")


if __name__ == "__main__":
    main()
