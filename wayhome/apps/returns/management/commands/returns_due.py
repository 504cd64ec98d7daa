"""``wayhome manage returns_due``: the reintegration follow-ups due or overdue, for cron.

Prints one line per follow-up with the case number and dates only, never a name::

    OVERDUE  THA-7KM3-Q9XP  3 months  due 2026-05-01  (12 days overdue)
    DUE      THA-Q2RT-8MNB  1 month   due 2026-05-20  (in 7 days)

The exit status is 0 whether or not anything is due (cron mails what is printed).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from wayhome.apps.audit.log import record as audit
from wayhome.apps.cases.models import Case
from wayhome.apps.returns import services


class Command(BaseCommand):
    help = ("List reintegration follow-ups that are overdue or due soon: case numbers and "
            "dates only.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=services.DUE_WINDOW_DAYS,
                            help="also list follow-ups due within this many days "
                                 f"(default {services.DUE_WINDOW_DAYS})")
        parser.add_argument("--date", help="as of this date, YYYY-MM-DD (default today)")
        parser.add_argument("--organisation", type=int,
                            help="only the cases of this organisation (its id)")

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        if options["date"]:
            try:
                today = dt.date.fromisoformat(options["date"])
            except ValueError:
                raise CommandError(f"--date: expected YYYY-MM-DD, got {options['date']!r}")
        days = options["days"]
        if days < 0:
            raise CommandError("--days: expected 0 or more")
        cases = None
        if options["organisation"] is not None:
            cases = Case.objects.filter(organisation_id=options["organisation"])
        rows = list(services.due_follow_ups(today, days, cases))
        overdue = [f for f in rows if f.due_on < today]
        audit(None, "return.due_report", object_type="case", object_id="",
              detail=f"{len(overdue)} overdue, {len(rows) - len(overdue)} due, as of {today}")
        self.stdout.write(
            f"Reintegration follow-ups as of {today.isoformat()}: {len(overdue)} overdue, "
            f"{len(rows) - len(overdue)} due within {days} days")
        for f in rows:
            label = f"{f.months} month{'s' if f.months != 1 else ''}"
            delta = (f.due_on - today).days
            if delta < 0:
                state, when = "OVERDUE", f"({-delta} days overdue)"
            elif delta == 0:
                state, when = "DUE", "(today)"
            else:
                state, when = "DUE", f"(in {delta} days)"
            self.stdout.write(f"{state:<8} {f.plan.case.case_number:<15} {label:<9} "
                              f"due {f.due_on.isoformat()}  {when}")
