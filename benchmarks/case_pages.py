"""Median and 95th-percentile response time of the case list and search pages with
100,000 encrypted cases, through the whole Django stack (middleware, policy, audit write,
decryption of the names shown).

    .venv/bin/python benchmarks/case_pages.py                      # SQLite
    WAYHOME_DATABASE_URL=postgres://postgres@127.0.0.1:5432/wayhome_bench \
        .venv/bin/python benchmarks/case_pages.py                  # PostgreSQL (db must exist)

Options: --cases N (default 100000), --requests N per page kind (default 60).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("WAYHOME_HOME", tempfile.mkdtemp(prefix="wayhome-bench-"))
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
from wayhome.apps.cases.models import Case, NameToken, Person, new_case_number  # noqa: E402
from wayhome.security import crypto  # noqa: E402

GIVEN = ["Aung", "Kyaw", "Min", "Hung", "Minh", "Somchai", "Somying", "Dara", "Sokha", "Budi",
         "Maria", "Wei", "Thida", "Lan", "Anan", "Nimal", "Wanjiru", "Joseph", "Ali", "Ravi"]
FAMILY = ["Nguyen", "Tran", "Le", "Htet", "Oo", "Win", "Jaidee", "Sok", "Chan", "Santos",
          "Reyes", "Zhang", "Li", "Kamau", "Perera", "Santoso", "Khan", "Das", "Phan", "Vo"]


def populate(n: int, org: Organisation, user: User) -> None:
    rng = random.Random(1)
    batch = 5000
    t0 = time.perf_counter()
    for start in range(0, n, batch):
        with transaction.atomic():
            cases = Case.objects.bulk_create(
                Case(case_number=new_case_number("THA"), organisation=org, created_by=user,
                     narrative="synthetic narrative for the benchmark")
                for _ in range(min(batch, n - start))
            )
            persons = []
            for c in cases:
                given = f"{rng.choice(GIVEN)} {rng.choice(GIVEN)}"
                persons.append(Person(case=c, given_name=given, family_name=rng.choice(FAMILY),
                                      nationality=rng.choice(["MMR", "VNM", "KHM", "IDN"]),
                                      age_years=rng.randint(16, 45), languages="my"))
            persons = Person.objects.bulk_create(persons)
            NameToken.objects.bulk_create(
                NameToken(person=p, token_hash=crypto.blind_index(t, domain="name"))
                for p in persons for t in crypto.name_tokens(p.given_name, p.family_name)
            )
    print(f"populated {n} cases in {time.perf_counter() - t0:.1f} s", flush=True)


def timed(client: Client, urls: list[str]) -> tuple[float, float]:
    """A URL is fetched with GET; "search:WORDS" is a search as the page does it: the words
    posted (they never go in a URL), then the redirect followed. Both requests are timed."""
    times = []
    for url in urls:
        t = time.perf_counter()
        if url.startswith("search:"):
            r = client.post("/cases/", {"q": url.removeprefix("search:")}, follow=True)
        else:
            r = client.get(url)
        times.append((time.perf_counter() - t) * 1000)
        assert r.status_code == 200, (url, r.status_code)
    times.sort()
    p95 = times[min(len(times) - 1, int(round(0.95 * len(times))) - 1)]
    return statistics.median(times), p95


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=100_000)
    ap.add_argument("--requests", type=int, default=60)
    args = ap.parse_args()

    call_command("migrate", verbosity=0)
    org, _ = Organisation.objects.get_or_create(name="Bench NGO", country="THA", kind="ngo")
    user, created = User.objects.get_or_create(username="bench", defaults={
        "role": Role.CASE_WORKER, "organisation": org})
    have = Case.objects.filter(organisation=org).count()
    if have < args.cases:
        populate(args.cases - have, org, user)
        if connection.vendor == "postgresql":
            # What autovacuum does shortly after a bulk load; without it the planner
            # still believes the tables are empty.
            with connection.cursor() as cur:
                cur.execute("ANALYZE")
            print("statistics refreshed (ANALYZE)", flush=True)
    device, _ = TOTPDevice.objects.get_or_create(user=user, name="bench", confirmed=True)
    client = Client()
    client.force_login(user)
    s = client.session
    s[DEVICE_ID_SESSION_KEY] = device.persistent_id
    s.save()

    rng = random.Random(2)
    numbers = list(Case.objects.filter(organisation=org).values_list("case_number", flat=True)
                   .order_by("?")[: args.requests])
    pages = Case.objects.filter(organisation=org).count() // 50
    kinds = {
        "list, first page": ["/cases/"] * args.requests,
        "list, random page": [f"/cases/?page={rng.randint(1, pages)}" for _ in range(args.requests)],
        "search by name token": [f"search:{rng.choice(FAMILY)}" for _ in range(args.requests)],
        "search by full name": [f"search:{rng.choice(GIVEN)} {rng.choice(FAMILY)}"
                                for _ in range(args.requests)],
        "search by case number": [f"search:{n}" for n in numbers],
    }
    client.get("/cases/")  # warm up
    print(f"database: {connection.vendor}; cases: {Case.objects.count()}; "
          f"requests per kind: {args.requests}")
    print(f"{'page':28} {'median ms':>10} {'p95 ms':>10}")
    for name, urls in kinds.items():
        med, p95 = timed(client, urls)
        print(f"{name:28} {med:10.1f} {p95:10.1f}", flush=True)


if __name__ == "__main__":
    main()
