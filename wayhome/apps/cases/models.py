"""Cases, the person behind each case (minimal data, personal fields encrypted) and consent.

A case is known everywhere by its pseudonymous case number. Names, aliases, date of
birth, contacts and the narrative are encrypted at rest; name tokens are findable
through keyed hashes (:class:`NameToken`) only.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wayhome.security import crypto
from wayhome.security.fields import EncryptedTextField

_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def new_case_number(country: str) -> str:
    """Pseudonymous, unguessable, readable over a phone: e.g. ``THA-7KM3-Q9XP``."""
    body = "".join(secrets.choice(_CROCKFORD) for _ in range(8))
    return f"{country.upper()}-{body[:4]}-{body[4:]}"


class Sex(models.TextChoices):
    MALE = "M", _("Male")
    FEMALE = "F", _("Female")
    OTHER = "X", _("Another identity")
    UNKNOWN = "", _("Not recorded")


class Case(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    case_number = models.CharField(_("case number"), max_length=20, unique=True)
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="cases"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    narrative = EncryptedTextField(_("narrative"), blank=True, default="")

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["organisation", "-created_at", "-id"])]
        verbose_name = _("case")

    def __str__(self) -> str:
        return self.case_number

    def consent_state(self) -> dict[str, "ConsentRecord"]:
        """The latest consent record per purpose."""
        latest: dict[str, ConsentRecord] = {}
        # Asked of the table, not of ``self.consents``: a prefetch of it may be partial.
        for rec in ConsentRecord.objects.filter(case=self).order_by("recorded_at", "id"):
            latest[rec.purpose] = rec
        return latest

    #: The attribute a list of many cases prefetches every consent record of its cases to
    #: (``Prefetch("consents", to_attr=ALL_CONSENTS)``, unfiltered, every purpose), so
    #: that :meth:`has_consent` asks without a query each. Only this one is read: any other
    #: prefetch of "consents" may be partial (one purpose, granted ones only...), and
    #: reading it could find a grant where a later withdrawal was left out.
    ALL_CONSENTS = "all_consents"

    def has_consent(self, purpose: str) -> bool:
        cached: list[ConsentRecord] | None = getattr(self, self.ALL_CONSENTS, None)
        if cached is not None:
            rec = max((r for r in cached if r.purpose == purpose),
                      key=lambda r: (r.recorded_at, r.pk), default=None)
        else:
            # Not ``self.consents``: filtering a prefetched (perhaps partial) relation
            # keeps the prefetch's own filter.
            rec = (ConsentRecord.objects.filter(case=self, purpose=purpose)
                   .order_by("-recorded_at", "-id").first())
        return bool(rec and rec.granted)


class Person(models.Model):
    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="person")
    given_name = EncryptedTextField(_("given name(s)"), blank=True, default="")
    family_name = EncryptedTextField(_("family name"), blank=True, default="")
    aliases = EncryptedTextField(_("other names or spellings"), blank=True, default="")
    date_of_birth = EncryptedTextField(_("date of birth"), blank=True, default="")
    contact = EncryptedTextField(_("safe contact"), blank=True, default="")
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, blank=True, default="")
    nationality = models.CharField(_("nationality"), max_length=3, blank=True, db_index=True)
    languages = models.CharField(
        _("languages"), max_length=100, blank=True, help_text=_("Codes, comma-separated: my, th")
    )
    interpreter_needed = models.BooleanField(_("needs an interpreter"), default=False)
    age_years = models.PositiveSmallIntegerField(_("age in years"), null=True, blank=True)
    age_is_estimate = models.BooleanField(_("age is an estimate"), default=False)
    may_be_child = models.BooleanField(
        _("there are reasons to believe the person may be a child"), default=False
    )
    age_verified = models.BooleanField(_("age verified"), default=False)

    class Meta:
        verbose_name = _("person")

    @property
    def display_name(self) -> str:
        return " ".join(p for p in (self.given_name, self.family_name) if p)

    @property
    def is_child_or_presumed(self) -> bool:
        if self.age_years is not None and self.age_years < 18:
            return True
        return self.may_be_child and not self.age_verified

    @property
    def language_list(self) -> list[str]:
        return [c.strip() for c in self.languages.split(",") if c.strip()]

    def refresh_name_tokens(self) -> None:
        """Rebuild the keyed-hash tokens used for name look-up."""
        names = [self.given_name, self.family_name, *self.aliases.splitlines()]
        hashes = {crypto.blind_index(t, domain="name") for t in crypto.name_tokens(*names)}
        self.name_tokens.all().delete()
        NameToken.objects.bulk_create(NameToken(person=self, token_hash=h) for h in hashes)


class NameToken(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="name_tokens")
    token_hash = models.CharField(max_length=64, db_index=True)


class ConsentPurpose(models.TextChoices):
    SERVICES = "services", _("Referral to services")
    CONSULATE = "consulate", _("Sharing with the consulate of the person's country")
    TRACING = "tracing", _("Tracing (matching with family reports)")
    FAMILY = "family", _("Telling the family where the person is")
    TRANSFER = "transfer", _("Cross-border transfer to an organisation in another country")


class ConsentRecord(models.Model):
    """Append-only: giving, refusing and withdrawing consent each add a record."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(_("purpose"), max_length=20, choices=ConsentPurpose.choices)
    granted = models.BooleanField(_("consent given"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    language = models.CharField(_("language the person was informed in"), max_length=10)
    note = EncryptedTextField(_("note"), blank=True, default="")

    class Meta:
        ordering = ["-recorded_at", "-id"]
        verbose_name = _("consent record")
