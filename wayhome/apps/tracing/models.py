"""Family tracing: family reports, match candidates and disclosure requests.

- A :class:`FamilyReport` is taken by a tracer of an organisation (origin-country NGO
  or tracing service) from a relative of a missing person. Everything the family says
  about themselves and the missing person is encrypted at rest. It belongs to the
  tracer's organisation.
- :class:`FamilyConsent` records the family's consent for tracing (who gave it, when,
  in which language; append-only, the latest record counts). Without it the report is
  never matched.
- A :class:`Candidate` is a registered person (a case whose person consented to
  tracing) that the linkage engine found for a report, with the engine's evidence
  (encrypted: it holds the registered name as written).
- A :class:`DisclosureRequest` follows a tracer's confirmation: the case team holding
  the case asks the adult whether the family may be told, or, for a child, records a
  best-interests determination. Until it is answered the family is told nothing. Closing
  the report (other than for "other") withdraws a request still waiting for the answer;
  once the report is re-opened, the tracer may put that same request back to waiting
  (services.ask_again).
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wayhome.security.fields import EncryptedJSONField, EncryptedTextField

_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def new_reference() -> str:
    """Pseudonymous and unguessable, distinct from case numbers: ``FR-7KM3-Q9XP``."""
    body = "".join(secrets.choice(_CROCKFORD) for _ in range(8))
    return f"FR-{body[:4]}-{body[4:]}"


class ReportSex(models.TextChoices):
    MALE = "M", _("Male")
    FEMALE = "F", _("Female")
    UNKNOWN = "", _("Not known")


class CloseReason(models.TextChoices):
    FOUND = "found", _("The person was found and is in contact with the family")
    WITHDRAWN = "withdrawn", _("The family withdrew the request")
    DECEASED = "deceased", _("The person's death is confirmed")
    DUPLICATE = "duplicate", _("Duplicate of another report")
    OTHER = "other", _("Other (explained in the note)")


class FamilyReport(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    reference = models.CharField(_("reference"), max_length=20, unique=True)
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT,
                                     related_name="family_reports")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.OPEN)
    # Who reports.
    reporter_name = EncryptedTextField(_("name of the person reporting"))
    reporter_relation = EncryptedTextField(_("relation to the missing person"))
    reporter_contact = EncryptedTextField(_("how to reach the family"))
    # The missing person, as the family describes them.
    missing_name = EncryptedTextField(_("name of the missing person, as the family writes it"))
    other_names = EncryptedTextField(_("other names or spellings (one per line)"),
                                     blank=True, default="")
    sex = models.CharField(_("sex"), max_length=1, choices=ReportSex.choices, blank=True,
                           default="")
    birth = EncryptedTextField(_("date or year of birth"), blank=True, default="")
    approximate_age = models.PositiveSmallIntegerField(_("approximate age"), null=True,
                                                       blank=True)
    nationality = models.CharField(_("nationality"), max_length=3, blank=True, default="")
    last_known_place = EncryptedTextField(_("last known place"), blank=True, default="")
    last_heard_of = EncryptedTextField(_("date last heard of"), blank=True, default="")
    destination = EncryptedTextField(_("where they were going, or the job offered"),
                                     blank=True, default="")
    matched_at = models.DateTimeField(_("last matched"), null=True, blank=True)
    # Set while the report is closed (the history is in ReportStatusChange).
    closed_reason = models.CharField(_("reason for closing"), max_length=20,
                                     choices=CloseReason.choices, blank=True, default="")
    closed_at = models.DateTimeField(_("closed on"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("family report")

    def __str__(self) -> str:
        return self.reference

    def latest_consent(self) -> FamilyConsent | None:
        # FamilyConsent's own ordering: the latest record first.
        return self.consents.first()

    @property
    def has_consent(self) -> bool:
        return FamilyConsent.allows_tracing(self.latest_consent())


class FamilyConsent(models.Model):
    """Append-only: the family giving or withdrawing consent for tracing each add a record."""

    report = models.ForeignKey(FamilyReport, on_delete=models.CASCADE, related_name="consents")
    granted = models.BooleanField(_("consent given"))
    given_by = EncryptedTextField(_("who gave consent"))
    given_on = models.DateField(_("date consent was given"))
    language = models.CharField(_("language the family was informed in"), max_length=10)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-recorded_at", "-id"]
        verbose_name = _("family consent for tracing")

    @staticmethod
    def allows_tracing(latest: FamilyConsent | None) -> bool:
        """The one rule: tracing goes on only while the family's latest consent record
        grants it (none recorded: no)."""
        return bool(latest and latest.granted)


class ReportStatusChange(models.Model):
    """Append-only: each closing and re-opening of a family report, with its reason.
    ``reason`` is the reason for closing (empty for a re-opening); ``note`` is the note
    on closing, or the reason for re-opening (encrypted: it may name people or places)."""

    report = models.ForeignKey(FamilyReport, on_delete=models.CASCADE,
                               related_name="status_changes")
    status = models.CharField(_("status"), max_length=10, choices=FamilyReport.Status.choices)
    reason = models.CharField(_("reason for closing"), max_length=20,
                              choices=CloseReason.choices, blank=True, default="")
    note = EncryptedTextField(_("note"), blank=True, default="")
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-changed_at", "-id"]
        verbose_name = _("family report closed or re-opened")


class Band(models.TextChoices):
    AUTO = "auto", _("Strong candidate")
    REVIEW = "review", _("Possible candidate: review")


class CandidateStatus(models.TextChoices):
    PENDING = "pending", _("To review")
    CONFIRMED = "confirmed", _("Confirmed")
    REJECTED = "rejected", _("Rejected")


class Candidate(models.Model):
    """One registered person found for one report. Re-running the matching updates the
    score and evidence of an undecided candidate; a decided one is never changed."""

    report = models.ForeignKey(FamilyReport, on_delete=models.CASCADE,
                               related_name="candidates")
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE,
                             related_name="trace_candidates")
    score = models.FloatField(_("match probability"))
    weight = models.FloatField(_("match weight"))
    band = models.CharField(_("band"), max_length=10, choices=Band.choices)
    # The engine's evidence; holds the registered name as written, hence encrypted.
    evidence = EncryptedJSONField(_("evidence"))
    status = models.CharField(_("status"), max_length=10, choices=CandidateStatus.choices,
                              default=CandidateStatus.PENDING)
    found_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+", null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    reject_reason = EncryptedTextField(_("reason for rejecting"), blank=True, default="")

    class Meta:
        ordering = ["-score", "id"]
        constraints = [models.UniqueConstraint(fields=["report", "case"],
                                               name="tracing_one_candidate_per_case")]
        verbose_name = _("match candidate")


class DisclosureStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for the person's answer")
    AGREED = "agreed", _("The family may be told")
    REFUSED = "refused", _("The family is not told")
    # The tracer closed the family report, or the family withdrew its consent to tracing,
    # before the answer (see services.close_report and services.record_family_consent;
    # ``withdrawn_because`` says which); the person is not asked any more. Terminal, like an
    # answer, except that a request withdrawn when the report was closed goes back to
    # PENDING if the tracer asks again once the report is re-opened (services.ask_again).
    CANCELLED = "cancelled", _("Withdrawn")


class WithdrawnBecause(models.TextChoices):
    """Why a disclosure request was withdrawn (status CANCELLED), as the case team and the
    tracer read it: never the reason the report was closed for (the person's death, a
    duplicate...), which is the tracing service's."""

    REPORT_CLOSED = "report_closed", _("Withdrawn: the family report was closed")
    FAMILY_CONSENT = "family_consent", _("Withdrawn: the family withdrew its consent to "
                                         "tracing")


class BestInterestsDecision(models.TextChoices):
    DISCLOSE = "disclose", _("Telling the family is in the child's best interests")
    NOT_DISCLOSE = "not_disclose", _("Telling the family is not in the child's best interests")


class DisclosureRequest(models.Model):
    """Whether the family may be told, asked of the adult or decided for the child."""

    candidate = models.OneToOneField(Candidate, on_delete=models.CASCADE,
                                     related_name="disclosure")
    created_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(_("status"), max_length=10, choices=DisclosureStatus.choices,
                              default=DisclosureStatus.PENDING)
    decided_as_child = models.BooleanField(default=False)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+", null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    # Set when the request is withdrawn (status CANCELLED): when and why.
    cancelled_at = models.DateTimeField(_("withdrawn on"), null=True, blank=True)
    withdrawn_because = models.CharField(_("withdrawn because"), max_length=20,
                                         choices=WithdrawnBecause.choices, blank=True,
                                         default="")
    # Set when a request withdrawn by the closing of the report is asked again after the
    # report was re-opened: when it was asked again, and when it had been withdrawn (the
    # case team's page says so; cancelled_at is cleared as the request waits again).
    asked_again_at = models.DateTimeField(_("asked again on"), null=True, blank=True)
    earlier_withdrawal_at = models.DateTimeField(_("withdrawn earlier on"), null=True,
                                                 blank=True)
    # Adult: the ConsentRecord (purpose "family") that holds the person's answer.
    consent = models.ForeignKey("cases.ConsentRecord", on_delete=models.PROTECT,
                                related_name="+", null=True, blank=True)
    # Child: the best-interests determination, with reasons and the child's views.
    best_interests = models.CharField(_("best-interests determination"), max_length=20,
                                      choices=BestInterestsDecision.choices, blank=True,
                                      default="")
    reasons = EncryptedTextField(_("reasons"), blank=True, default="")
    child_views = EncryptedTextField(_("the child's views"), blank=True, default="")
    # What the tracer receives when the family may be told.
    contact_route = EncryptedTextField(_("how the family may make contact"), blank=True,
                                       default="")
    share_location = models.BooleanField(_("the person agrees to share where they are"),
                                         default=False)
    location = EncryptedTextField(_("where the person is"), blank=True, default="")

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("disclosure request")

    def status_label(self) -> str:
        """The status as the pages show it: a withdrawn request says why."""
        if self.status == DisclosureStatus.CANCELLED and self.withdrawn_because:
            return str(self.get_withdrawn_because_display())
        return str(self.get_status_display())
