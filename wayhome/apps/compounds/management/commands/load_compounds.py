"""``wayhome manage load_compounds``: load the starting registry (idempotent)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from wayhome.apps.compounds.services import load_seed


class Command(BaseCommand):
    help = "Load the compounds and hotspots named in the seed documents, with their sources."

    def handle(self, *args: Any, **options: Any) -> None:
        result = load_seed()
        self.stdout.write(
            f"sources added: {result.sources_added}; places added: {result.places_added}; "
            f"already present: {result.places_present}")
