"""Return or stay, and reintegration after return.

For each case: the option chosen (voluntary return, humanitarian stay, asylum or
refugee procedure, resettlement), a non-refoulement risk assessment on the factors of
the law engine (``wayhome.domain.law.return_risk_factors``), free and informed consent
to return (revocable), a best-interests determination for a child, the return plan and
the reintegration follow-ups after travel.

Every record says who wrote it and when. Free text about the person is encrypted at
rest. The rules (what blocks a plan, who may clear a high rating) live in services.py.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wayhome.security.fields import EncryptedTextField


class ReturnOption(models.TextChoices):
    VOLUNTARY_RETURN = "voluntary_return", _("Voluntary return")
    HUMANITARIAN_STAY = "humanitarian_stay", _("Stay on humanitarian grounds")
    ASYLUM = "asylum", _("Asylum or refugee status procedure")
    RESETTLEMENT = "resettlement", _("Resettlement in a third country")


class OptionChoice(models.Model):
    """The option chosen for the case; the latest record is the current choice."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE,
                             related_name="return_options")
    option = models.CharField(_("option"), max_length=20, choices=ReturnOption.choices)
    decided_on = models.DateField(_("date chosen"))
    note = EncryptedTextField(_("note"), blank=True, default="")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-recorded_at", "-id"]
        verbose_name = _("return or stay option")


class Rating(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")
    UNKNOWN = "unknown", _("Unknown")


class RiskAssessment(models.Model):
    """A non-refoulement risk assessment by a named assessor; the latest one counts."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE,
                             related_name="risk_assessments")
    assessor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                 related_name="+")
    assessed_at = models.DateTimeField(auto_now_add=True)
    data_version = models.CharField(max_length=20, blank=True, default="")

    class Meta:
        ordering = ["-assessed_at", "-id"]
        verbose_name = _("return risk assessment")


class RiskRating(models.Model):
    """One factor of an assessment. A high rating blocks a return until a reviewer other
    than the assessor clears it with a written reason."""

    assessment = models.ForeignKey(RiskAssessment, on_delete=models.CASCADE,
                                   related_name="ratings")
    factor = models.CharField(_("factor"), max_length=50)  # an id of the law data
    rating = models.CharField(_("rating"), max_length=10, choices=Rating.choices)
    note = EncryptedTextField(_("note"), blank=True, default="")
    cleared_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+", null=True, blank=True)
    cleared_at = models.DateTimeField(null=True, blank=True)
    clearance_reason = EncryptedTextField(_("reason for clearing"), blank=True, default="")

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["assessment", "factor"],
                                               name="returns_one_rating_per_factor")]
        verbose_name = _("return risk rating")

    @property
    def is_cleared(self) -> bool:
        return self.cleared_at is not None

    @property
    def blocks(self) -> bool:
        return self.rating == Rating.HIGH and not self.is_cleared


class ReturnConsent(models.Model):
    """Free and informed consent to return. Withdrawing it is recorded on the record."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE,
                             related_name="return_consents")
    language = models.CharField(_("language the person was informed in"), max_length=10)
    alternatives_explained = models.BooleanField(
        _("the alternatives to return were explained"), default=False)
    not_condition_of_release = models.BooleanField(
        _("the person was told that release does not depend on agreeing to return"),
        default=False)
    note = EncryptedTextField(_("note"), blank=True, default="")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                     related_name="+", null=True, blank=True)
    withdrawal_note = EncryptedTextField(_("note on the withdrawal"), blank=True, default="")

    class Meta:
        ordering = ["-recorded_at", "-id"]
        verbose_name = _("consent to return")

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None


class BestInterestsOutcome(models.TextChoices):
    RETURN = "return", _("Return is in the child's best interests")
    NOT_RETURN = "not_return", _("Return is not in the child's best interests")
    UNDECIDED = "undecided", _("Not decided yet: more information needed")


class FamilyTracing(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    FAMILY_FOUND = "family_found", _("Completed: family found")
    FAMILY_NOT_FOUND = "family_not_found", _("Completed: family not found")


TRACING_DONE = frozenset({FamilyTracing.FAMILY_FOUND, FamilyTracing.FAMILY_NOT_FOUND})


class BestInterestsDetermination(models.Model):
    """For a child: a best-interests determination, with family tracing, before any return."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE,
                             related_name="best_interests")
    determined_on = models.DateField(_("date of the determination"))
    outcome = models.CharField(_("outcome"), max_length=20,
                               choices=BestInterestsOutcome.choices)
    family_tracing = models.CharField(_("family tracing"), max_length=20,
                                      choices=FamilyTracing.choices)
    guardian_name = EncryptedTextField(_("guardian"))
    note = EncryptedTextField(_("reasons"), blank=True, default="")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-recorded_at", "-id"]
        verbose_name = _("best-interests determination")


class PlanStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    READY = "ready", _("Ready to travel")
    TRAVELLED = "travelled", _("Travelled")
    CANCELLED = "cancelled", _("Cancelled")


ACTIVE_PLAN_STATUSES = (PlanStatus.PLANNED, PlanStatus.READY)


class DocumentStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    REQUESTED = "requested", _("Requested")
    ISSUED = "issued", _("Issued")
    NOT_NEEDED = "not_needed", _("Not needed")


DOCUMENTS_READY = frozenset({DocumentStatus.ISSUED, DocumentStatus.NOT_NEEDED})


class ReturnPlan(models.Model):
    """A voluntary-return plan; at most one is active (planned or ready) per case."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE,
                             related_name="return_plans")
    status = models.CharField(_("status"), max_length=12, choices=PlanStatus.choices,
                              default=PlanStatus.PLANNED)
    travel_documents = models.CharField(_("travel documents"), max_length=20,
                                        choices=DocumentStatus.choices,
                                        default=DocumentStatus.NOT_STARTED)
    consular_contact = EncryptedTextField(_("consular contact"), blank=True, default="")
    escort = EncryptedTextField(_("escort"), blank=True, default="")
    reception = EncryptedTextField(_("reception arrangement"), blank=True, default="")
    travel_date = models.DateField(_("travel date"), null=True, blank=True)
    travelled_on = models.DateField(_("date of travel"), null=True, blank=True)
    cancel_reason = EncryptedTextField(_("reason for cancelling"), blank=True, default="")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(
            fields=["case"], condition=Q(status__in=["planned", "ready"]),
            name="returns_one_active_plan_per_case")]
        verbose_name = _("return plan")

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_PLAN_STATUSES


class FollowUpDomain(models.TextChoices):
    SAFETY = "safety", _("Safety")
    HEALTH = "health", _("Health")
    HOUSING = "housing", _("Housing")
    WORK_OR_SCHOOL = "work_or_school", _("Work or school")
    DEBT = "debt", _("Debt")
    STIGMA = "stigma", _("Stigma")
    PROSECUTION = "prosecution", _("Prosecution or penalty on return")
    RE_TRAFFICKING = "re_trafficking", _("Re-trafficking")


class Outcome(models.TextChoices):
    OK = "ok", _("OK")
    CONCERN = "concern", _("Concern")
    SERIOUS = "serious", _("Serious")
    UNKNOWN = "unknown", _("Unknown")


class FollowUp(models.Model):
    """A reintegration follow-up, due a number of months after travel."""

    plan = models.ForeignKey(ReturnPlan, on_delete=models.CASCADE, related_name="follow_ups")
    months = models.PositiveSmallIntegerField(_("months after travel"))
    due_on = models.DateField(_("due"), db_index=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+", null=True, blank=True)
    recorded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_on", "id"]
        constraints = [models.UniqueConstraint(fields=["plan", "months"],
                                               name="returns_one_follow_up_per_month")]
        verbose_name = _("reintegration follow-up")

    @property
    def is_done(self) -> bool:
        return self.done_on is not None

    def is_overdue(self, today: dt.date | None = None) -> bool:
        return not self.is_done and self.due_on < (today or timezone.localdate())


class FollowUpOutcome(models.Model):
    follow_up = models.ForeignKey(FollowUp, on_delete=models.CASCADE, related_name="outcomes")
    domain = models.CharField(_("area"), max_length=20, choices=FollowUpDomain.choices)
    rating = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices)
    note = EncryptedTextField(_("note"), blank=True, default="")

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["follow_up", "domain"],
                                               name="returns_one_outcome_per_area")]
        verbose_name = _("follow-up outcome")
