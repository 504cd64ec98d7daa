"""The directory of services per country, needs assessments and referrals to services.

Assistance is unconditional (law.md section 3): nothing here records, asks for or
depends on whether the person cooperates with the police or a prosecution. A test
checks that no such field ever appears on these models.

A referral carries a dated history (:class:`ReferralEvent`): every change of status is
a new event with who made it and when; the status on the referral is the latest one.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wayhome.security.fields import EncryptedTextField


class ServiceKind(models.TextChoices):
    SHELTER = "shelter", _("Shelter")
    MEDICAL = "medical", _("Medical care")
    SRH = "sexual_reproductive_health", _("Sexual and reproductive health")
    PSYCHOSOCIAL = "psychosocial", _("Psychosocial support and counselling")
    TORTURE_REHABILITATION = "torture_rehabilitation", _("Torture rehabilitation")
    LEGAL_AID = "legal_aid", _("Free legal aid")
    INTERPRETATION = "interpretation", _("Interpretation")
    CONSULAR = "consular", _("Consular assistance")
    LIVELIHOOD = "livelihood", _("Livelihood and reintegration support")


class Service(models.Model):
    """One service in the directory, run by an organisation of kind "service provider".

    Who it takes is stated for every service (a clinic for women, a shelter for adult
    men...); a referral for someone the service does not take is refused.
    """

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT,
                                     related_name="services", verbose_name=_("provider"))
    name = models.CharField(_("name of the service"), max_length=200)
    country = models.CharField(_("country"), max_length=3, db_index=True,
                               help_text=_("ISO 3166 alpha-3 code, e.g. THA"))
    area = models.CharField(_("province, city or area"), max_length=200, blank=True)
    kind = models.CharField(_("kind of service"), max_length=30, choices=ServiceKind.choices,
                            db_index=True)
    accepts_adult_men = models.BooleanField(_("takes adult men"), default=True)
    accepts_adult_women = models.BooleanField(_("takes adult women"), default=True)
    accepts_children = models.BooleanField(_("takes children"), default=True)
    accepts_families = models.BooleanField(_("takes families"), default=True)
    languages = models.CharField(_("languages spoken"), max_length=100, blank=True,
                                 help_text=_("Codes, comma-separated: my, th"))
    capacity = models.PositiveIntegerField(_("places"), null=True, blank=True)
    # The service's own contact (an office phone or address), never a person's.
    how_to_reach = models.CharField(_("how to reach the service"), max_length=300, blank=True)
    active = models.BooleanField(_("active"), default=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                 related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["country", "kind", "name", "id"]
        verbose_name = _("service")

    def __str__(self) -> str:
        return f"{self.name} ({self.country})"

    @property
    def language_list(self) -> list[str]:
        return [c.strip() for c in self.languages.split(",") if c.strip()]


class NeedsAssessment(models.Model):
    """What help the person needs, as the case team assessed it with the person.

    Append-only: a new assessment replaces the previous one as the current one.
    """

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE,
                             related_name="needs_assessments")
    needs = models.CharField(_("needs"), max_length=300,
                             help_text=_("Kinds of service, comma-separated"))
    note = EncryptedTextField(_("note"), blank=True, default="")
    assessed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    assessed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-assessed_at", "-id"]
        verbose_name = _("needs assessment")

    @property
    def need_list(self) -> list[str]:
        return [n for n in self.needs.split(",") if n]

    @property
    def need_labels(self) -> list[tuple[str, str]]:
        labels = dict(ServiceKind.choices)
        return [(n, str(labels.get(n, n))) for n in self.need_list]


class ReferralStatus(models.TextChoices):
    SENT = "sent", _("Sent")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    COMPLETED = "completed", _("Completed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# The only changes of status there are. Declined, completed and withdrawn are final.
TRANSITIONS: dict[str, frozenset[str]] = {
    ReferralStatus.SENT: frozenset({ReferralStatus.ACCEPTED, ReferralStatus.DECLINED,
                                    ReferralStatus.WITHDRAWN}),
    ReferralStatus.ACCEPTED: frozenset({ReferralStatus.COMPLETED, ReferralStatus.WITHDRAWN}),
    ReferralStatus.DECLINED: frozenset(),
    ReferralStatus.COMPLETED: frozenset(),
    ReferralStatus.WITHDRAWN: frozenset(),
}
# The provider answers; the case team withdraws (for example when the person changes
# their mind or withdraws consent).
PROVIDER_STATUSES = frozenset({ReferralStatus.ACCEPTED, ReferralStatus.DECLINED,
                               ReferralStatus.COMPLETED})
TEAM_STATUSES = frozenset({ReferralStatus.WITHDRAWN})


class Referral(models.Model):
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="referrals")
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="referrals",
                                verbose_name=_("service"))
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True, db_index=True)
    status = models.CharField(_("status"), max_length=12, choices=ReferralStatus.choices,
                              default=ReferralStatus.SENT)
    status_changed_at = models.DateTimeField(null=True, blank=True)
    with_family = models.BooleanField(
        _("the person comes with family members (for example their children)"), default=False)
    # What the provider needs to know to help; the provider reads it, so it must say no
    # more than that. Encrypted at rest like every free text about a person.
    message = EncryptedTextField(_("message to the provider"), blank=True, default="")

    class Meta:
        ordering = ["-sent_at", "-id"]
        indexes = [models.Index(fields=["service", "-sent_at"])]
        verbose_name = _("referral")

    def __str__(self) -> str:
        return f"{self.case_id} → {self.service_id}"

    @property
    def is_open(self) -> bool:
        return bool(TRANSITIONS[self.status])

    def next_statuses(self) -> frozenset[str]:
        return TRANSITIONS[self.status]


class ReferralEvent(models.Model):
    """Append-only history: one row per status a referral took, with who and when."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="events")
    status = models.CharField(_("status"), max_length=12, choices=ReferralStatus.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                           related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    note = EncryptedTextField(_("note"), blank=True, default="")

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("referral event")
