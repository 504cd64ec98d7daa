"""``wayhome manage trace_match``: match open family reports with registered persons (cron).

Matches every open report whose family consented to tracing (or one, ``--report REF``)
against every registered person whose consent to tracing stands, and stores the
candidates. Idempotent: a re-run updates undecided candidates and never touches decided
ones. Prints counts only, never a name. Exit 2 with a message on stderr for an unknown
or unmatchable report.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from wayhome.apps.tracing import services
from wayhome.apps.tracing.models import FamilyReport


class Command(BaseCommand):
    help = "Match open family reports with registered persons; prints counts only."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--report", help="only this report (its reference, FR-XXXX-XXXX)")

    def handle(self, *args: Any, **options: Any) -> None:
        reports = None
        if options["report"]:
            report = FamilyReport.objects.filter(reference=options["report"].upper()).first()
            if report is None:
                raise CommandError(f"--report: no family report {options['report']!r}",
                                   returncode=2)
            if not services.matchable_reports().filter(pk=report.pk).exists():
                raise CommandError(f"--report: {report.reference} is closed or has no "
                                   "family consent for tracing", returncode=2)
            reports = [report]
        summary = services.run_matching(reports)
        self.stdout.write(
            f"Matched {summary.reports} reports against {summary.registered} registered "
            f"persons: {summary.created} new candidates, {summary.updated} updated, "
            f"{summary.removed} removed")
