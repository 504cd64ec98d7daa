"""``wayhome manage load_comms_seed``: load the four 2025 letters and the OHCHR 2023
recommendations (idempotent)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from wayhome.apps.communications.services import load_seed


class Command(BaseCommand):
    help = "Load the seeded communications (2025 letters) and the OHCHR 2023 recommendations."

    def handle(self, *args: Any, **options: Any) -> None:
        comms, recs = load_seed()
        self.stdout.write(f"{comms} communication(s), {recs} recommendation(s) added")
