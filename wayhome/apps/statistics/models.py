"""Sharing agreements, frozen snapshots of non-identifying case facts, and the ledger of
released cells.

- A :class:`SharingAgreement` is the case-holding organisation's agreement to let an
  analyst organisation see aggregates over its cases (GBVIMS information sharing
  protocol: publication only with the agreement of the organisations that collected
  the data). Only cases of organisations that agreed are ever counted.
- A :class:`Snapshot` freezes one row of categorical facts per case (:class:`CaseFact`:
  no case number, no name, no date finer than a month) so that every release within a
  snapshot is computed over the same data and the differencing audit is exact. A new
  snapshot is taken once per calendar month (or by ``wayhome stats snapshot``).
- :class:`SnapshotPopulation` fixes, per snapshot and recipient, the organisations
  counted: the agreements in force when the snapshot was taken.
- :class:`ReleasedCell` is the ledger: every count published from a snapshot to a
  population (set of sharing organisations), whoever asked. Later releases are audited
  against it (wayhome.domain.disclosure).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class SharingAgreement(models.Model):
    holder = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+",
        verbose_name=_("organisation holding the cases"))
    recipient = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+",
        verbose_name=_("organisation receiving the aggregates"))
    agreed_on = models.DateField(_("date of the agreement"))
    terms = models.CharField(_("terms or reference of the written agreement"), max_length=300,
                             blank=True, default="")
    agreed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                  related_name="+", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(
            fields=["holder", "recipient"], condition=Q(ended_at__isnull=True),
            name="statistics_one_active_agreement")]
        verbose_name = _("sharing agreement")

    @property
    def active(self) -> bool:
        return self.ended_at is None


class Snapshot(models.Model):
    taken_at = models.DateTimeField(auto_now_add=True, db_index=True)
    epoch = models.CharField(_("month of release"), max_length=7)  # YYYY-MM
    cases = models.PositiveIntegerField(default=0)
    # Taken on first use in the month (not by `wayhome stats snapshot`): one per month,
    # so two first requests of a month cannot each start a snapshot (and a ledger).
    automatic = models.BooleanField(default=False)

    class Meta:
        ordering = ["-taken_at", "-id"]
        constraints = [models.UniqueConstraint(
            fields=["epoch"], condition=Q(automatic=True),
            name="statistics_one_automatic_snapshot_a_month")]


class SnapshotPopulation(models.Model):
    """The organisations whose cases a snapshot counts for one recipient, fixed when the
    snapshot is taken (the agreements then in force). Every release from the snapshot to
    that recipient is over exactly these organisations, so the ledger stays exact: an
    agreement made later counts from the next snapshot, and after one ends the
    recipient's figures are withheld until the next (services.scope_for).

    ``recipient`` is empty for the operator's export (``wayhome stats export``: every
    organisation then sharing with anyone). ``changed``: an earlier snapshot counted other
    organisations for the same recipient (one left, one joined, or both), so releases are
    also audited against what was published then (the organisation that left, or the one
    that joined, must not come out by subtraction)."""

    snapshot = models.ForeignKey(Snapshot, on_delete=models.CASCADE,
                                 related_name="populations")
    recipient = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT,
                                  related_name="+", null=True, blank=True)
    holders = models.TextField()  # services.population_key
    changed = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["snapshot", "recipient"],
                                    condition=Q(recipient__isnull=False),
                                    name="statistics_one_population_per_recipient"),
            models.UniqueConstraint(fields=["snapshot"], condition=Q(recipient__isnull=True),
                                    name="statistics_one_export_population"),
        ]


FACT_COLUMNS = ("nationality", "sex", "age_band", "exploitation_country", "compound",
                "screening_outcome", "protection", "nonpunishment", "return_option",
                "reintegration", "recruitment_channel", "exit_month")


class CaseFact(models.Model):
    """One case's categorical facts for statistics (no identifier of the case)."""

    snapshot = models.ForeignKey(Snapshot, on_delete=models.CASCADE, related_name="facts")
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE,
                                     related_name="+")
    month = models.CharField(max_length=7)  # month of registration, YYYY-MM
    nationality = models.CharField(max_length=16)
    sex = models.CharField(max_length=16)
    age_band = models.CharField(max_length=16)
    exploitation_country = models.CharField(max_length=16)
    compound = models.CharField(max_length=80)
    screening_outcome = models.CharField(max_length=32)
    protection = models.CharField(max_length=32)
    nonpunishment = models.CharField(max_length=32)
    return_option = models.CharField(max_length=32)
    reintegration = models.CharField(max_length=32)
    recruitment_channel = models.CharField(max_length=32, default="unknown")
    exit_month = models.CharField(max_length=16, default="unknown")  # YYYY-MM or unknown

    class Meta:
        # One covering index per dimension: a count by that dimension (and period) is
        # read from the index alone, without visiting the rows.
        indexes = [models.Index(fields=["snapshot", "organisation", "month"])] + [
            models.Index(fields=["snapshot", "organisation", dim, "month"],
                         name=f"stats_fact_{dim[:12]}")
            for dim in FACT_COLUMNS]


class ReleasedCell(models.Model):
    snapshot = models.ForeignKey(Snapshot, on_delete=models.CASCADE, related_name="released")
    population = models.TextField()  # services.population_key
    box = models.CharField(max_length=300)
    value = models.PositiveIntegerField()
    released_to = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+", null=True, blank=True)
    released_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["snapshot", "population", "box"],
                                               name="statistics_cell_released_once")]
