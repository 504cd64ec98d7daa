"""Ads per second through the public job-ad API (POST /api/v1/ads/check/), one ad per
request and batches of 100, beside the engine alone, in the same run.

Two transports: Django's test client (the whole middleware and DRF stack, no socket) and a
live waitress server on localhost (HTTP included). Throttling is switched off for the run.
Each figure is the median of --runs runs.

    .venv/bin/python benchmarks/jobads_api.py [--runs 5] [--single 300] [--batches 10]
"""

from __future__ import annotations

import argparse
import csv
import http.client
import json
import logging
import os
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("WAYHOME_HOME", tempfile.mkdtemp(prefix="wayhome-bench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wayhome.web.settings")
os.environ["WAYHOME_ALLOWED_HOSTS"] = "testserver,localhost,127.0.0.1"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.test import Client  # noqa: E402

from wayhome.domain import jobads  # noqa: E402

settings.WAYHOME_ADS_API_RATE = "100000000/s"  # the benchmark measures work, not the limit
URL = "/api/v1/ads/check/"
EMSCAD = ROOT.parent / "shared" / "data" / "jobads" / "emscad_sample.csv"
BUILT_IN = [
    "URGENT HIRING! Customer service jobs in Bangkok. Salary $1500 per month, free "
    "accommodation, airfare paid. Visa on arrival. Travel via Mae Sot. Contact on Telegram "
    "only, leave within 3 days and do not tell your family.",
    "Chinese-speaking typist needed in Sihanoukville, Cambodia. High salary, no experience "
    "needed, food and housing provided. Passport handed to the company on arrival.",
    "Senior civil engineer, road maintenance programme, Nairobi. BSc and registration with "
    "the Engineers Board of Kenya required. Apply through our careers page by 30 January.",
    "English teacher for a public school in Seoul. Work visa sponsored, housing provided, "
    "airfare reimbursed after one year. TEFL certificate and degree required.",
]


def corpus() -> list[str]:
    """Built-in ads plus, when shared/ is present, the EMSCAD legitimate sample."""
    ads = list(BUILT_IN)
    if EMSCAD.exists():
        with EMSCAD.open(newline="", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                text = " ".join(filter(None, (row.get("title"), row.get("description"),
                                              row.get("requirements"))))
                if text.strip() and len(text.encode()) <= jobads.MAX_BYTES:
                    ads.append(text)
    return ads


def timed(n_ads: int, work: Callable[[], None]) -> float:
    start = time.perf_counter()
    work()
    return n_ads / (time.perf_counter() - start)


def interleaved_medians(runs: int, paths: list[tuple[str, int, Callable[[], None]]]
                        ) -> list[tuple[str, float]]:
    """Median ads/s per path; the paths take turns within each run, so a neighbour's load
    on a shared machine falls on all of them alike rather than on one."""
    for _name, _n, work in paths:
        work()  # warm-up: imports, caches, connections
    rates: dict[str, list[float]] = {name: [] for name, _n, _w in paths}
    for _ in range(runs):
        for name, n_ads, work in paths:
            rates[name].append(timed(n_ads, work))
    return [(name, statistics.median(rates[name])) for name, _n, _w in paths]


def engine_work(ads: list[str], n: int) -> Callable[[], None]:
    def go() -> None:
        for i in range(n):
            jobads.check(ads[i % len(ads)]).to_dict("en")
    return go


def client_single(ads: list[str], n: int) -> Callable[[], None]:
    client = Client()

    def go() -> None:
        for i in range(n):
            r = client.post(URL, {"text": ads[i % len(ads)]}, content_type="application/json")
            assert r.status_code == 200, r.content[:200]
    return go


def client_batch(ads: list[str], batches: int, size: int) -> Callable[[], None]:
    client = Client()
    bodies = [json.dumps({"ads": [{"id": str(j), "text": ads[(b * size + j) % len(ads)]}
                                  for j in range(size)]}) for b in range(batches)]

    def go() -> None:
        for body in bodies:
            r = client.post(URL, body, content_type="application/json")
            assert r.status_code == 200, r.content[:200]
    return go


def serve() -> int:
    """A waitress server on a free localhost port, in a daemon thread that ends with the
    process (closing it while a channel is still finishing makes waitress complain)."""
    from waitress.server import create_server

    from wayhome.web.wsgi import application

    logging.getLogger("waitress.queue").setLevel(logging.ERROR)  # one thread: queues are normal
    server = create_server(application, host="127.0.0.1", port=0, threads=1)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    return int(server.effective_port)


def http_post(port: int, bodies: list[bytes]) -> Callable[[], None]:
    def go() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        for body in bodies:
            conn.request("POST", URL, body, {"Content-Type": "application/json",
                                             "Host": "localhost"})
            response = conn.getresponse()
            response.read()
            assert response.status == 200, response.status
        conn.close()
    return go


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--single", type=int, default=300, help="single-ad requests per run")
    parser.add_argument("--batches", type=int, default=10, help="batches of 100 per run")
    args = parser.parse_args()
    ads = corpus()
    size = 100
    n_batch_ads = args.batches * size
    print(f"job-ad API throughput, {len(ads)} distinct ads, median of {args.runs} runs, "
          f"model {jobads.MODEL_VERSION}")

    port = serve()
    singles = [json.dumps({"text": ads[i % len(ads)]}).encode() for i in range(args.single)]
    batches = [json.dumps({"ads": [{"id": str(j), "text": ads[(b * size + j) % len(ads)]}
                                   for j in range(size)]}).encode()
               for b in range(args.batches)]
    rows = interleaved_medians(args.runs, [
        ("engine alone (check + to_dict)", n_batch_ads, engine_work(ads, n_batch_ads)),
        ("test client, 1 ad per request", args.single, client_single(ads, args.single)),
        ("test client, batches of 100", n_batch_ads, client_batch(ads, args.batches, size)),
        ("waitress HTTP, 1 ad per request", args.single, http_post(port, singles)),
        ("waitress HTTP, batches of 100", n_batch_ads, http_post(port, batches)),
    ])
    engine_rate = rows[0][1]
    print(f"{'path':<36} {'ads/s':>10} {'vs engine':>10}")
    for name, rate in rows:
        print(f"{name:<36} {rate:>10,.0f} {rate / engine_rate:>9.0%}")


if __name__ == "__main__":
    main()
