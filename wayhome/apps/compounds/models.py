"""The registry of scam compounds and trafficking hotspots, its public sources, the
dated status history, and the pseudonymous links from cases to the places where people
were held.

The registry is public information, not personal data: every fact cites a public
source. The link rows (:class:`CaseCompoundLink`) are case data and only ever leave
the case level as suppressed counts (see ``services.corroboration``).
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wayhome.domain.places.registry import is_country_code


class Kind(models.TextChoices):
    COMPOUND = "compound", _("Scam compound")
    SEZ = "sez", _("Special economic zone")
    CITY_HOTSPOT = "city_hotspot", _("City or area hotspot")
    RECRUITMENT_HOTSPOT = "recruitment_hotspot", _("Recruitment hotspot")
    TRANSIT_HOTSPOT = "transit_hotspot", _("Transit hotspot")


class Status(models.TextChoices):
    REPORTED = "reported", _("Reported (current state not confirmed)")
    ACTIVE = "active", _("Active")
    RAIDED = "raided", _("Raided")
    RELOCATED = "relocated", _("Relocated")
    CLOSED = "closed", _("Closed")


class Fact(models.TextChoices):
    NAMED = "named", _("Named as a compound or hotspot")
    LOCATION = "location", _("Location")
    SEZ = "sez", _("Special economic zone")
    CONTROLLING_GROUP = "controlling_group", _("Controlling group")
    OTHER = "other", _("Other fact")


class Abuse(models.TextChoices):
    FORCED_CRIMINALITY = "forced_criminality", _("Forced criminality (forced to scam)")
    BEATING = "beating", _("Torture or beating")
    ELECTRIC_SHOCKS = "electric_shocks", _("Electric shocks")
    CONFINEMENT = "confinement", _("Confinement, not free to leave")
    DEBT_BONDAGE = "debt_bondage", _("Debt bondage")
    DOCUMENTS_CONFISCATED = "documents_confiscated", _("Passport or documents confiscated")
    SEXUAL_EXPLOITATION = "sexual_exploitation", _("Sexual exploitation")
    SOLD_BETWEEN_COMPOUNDS = "sold_between_compounds", _("Sold to another compound")
    DENIAL_OF_FOOD_OR_CARE = "denial_of_food_or_care", _("Denied food or medical care")
    EXCESSIVE_HOURS = "excessive_hours", _("Excessive working hours")
    THREATS_TO_FAMILY = "threats_to_family", _("Threats to the family")
    RANSOM_DEMANDED = "ransom_demanded", _("Ransom demanded from the family")


def validate_country(value: str) -> None:
    if not is_country_code(value):
        raise ValidationError(_("Not an ISO 3166 alpha-3 country code (e.g. KHM, MMR)."))


def is_partial_date(text: str) -> bool:
    """YYYY, YYYY-MM or YYYY-MM-DD, and a real date."""
    parts = text.split("-")
    try:
        if len(parts) == 1 and len(text) == 4:
            return 1900 <= int(text) <= 2100
        if len(parts) == 2 and len(parts[0]) == 4 and len(parts[1]) == 2:
            date(int(parts[0]), int(parts[1]), 1)
            return True
        date.fromisoformat(text)
        return len(text) == 10
    except ValueError:
        return False


def validate_partial_date(value: str) -> None:
    if not is_partial_date(value):
        raise ValidationError(_("Write the date as YYYY-MM-DD, YYYY-MM or YYYY."))


class Source(models.Model):
    """A public document: a UN letter, a report, a news article, a court record."""

    seed_key = models.CharField(max_length=60, unique=True, null=True, blank=True,
                                editable=False)
    title = models.CharField(_("title"), max_length=400)
    publisher = models.CharField(_("publisher or author"), max_length=200)
    published = models.CharField(
        _("date published"), max_length=10, validators=[validate_partial_date],
        help_text=_("YYYY-MM-DD, or YYYY-MM or YYYY when the day is not given."))
    reference = models.CharField(_("document reference"), max_length=300, blank=True,
                                 help_text=_("Symbol, file name or archive reference."))
    url = models.URLField(_("web address"), blank=True, max_length=500)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-published", "title"]
        verbose_name = _("source")

    def __str__(self) -> str:
        return f"{self.title} ({self.published})"

    def clean(self) -> None:
        if not (self.url or self.reference):
            raise ValidationError({"reference": _(
                "Give a web address or a document reference, so the source can be found.")})


# Page addresses under /compounds/ that a compound's slug must not shadow.
RESERVED_SLUGS = frozenset({"new", "map", "sources", "case"})


class Compound(models.Model):
    slug = models.SlugField(_("short name for addresses"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)
    aliases = models.TextField(_("other names"), blank=True, default="",
                               help_text=_("One per line."))
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    country = models.CharField(_("country"), max_length=3, validators=[validate_country],
                               help_text=_("ISO 3166 alpha-3, e.g. KHM."))
    place = models.CharField(_("place"), max_length=200, blank=True, default="")
    latitude = models.DecimalField(_("latitude"), max_digits=8, decimal_places=5,
                                   null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=8, decimal_places=5,
                                    null=True, blank=True)
    location_precision = models.CharField(
        _("how precise the location is"), max_length=200, blank=True, default="",
        help_text=_("e.g. “approximate, town centre”. Do not claim more than you know."))
    sez = models.CharField(_("special economic zone"), max_length=200, blank=True, default="")
    controlling_group = models.CharField(_("controlling group, if reported"), max_length=200,
                                         blank=True, default="")
    status = models.CharField(_("current status"), max_length=12, choices=Status.choices,
                              default=Status.REPORTED, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["country", "name"]
        verbose_name = _("compound or hotspot")

    def __str__(self) -> str:
        return self.name

    @property
    def alias_list(self) -> list[str]:
        return [a.strip() for a in self.aliases.splitlines() if a.strip()]

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    def clean(self) -> None:
        if self.slug in RESERVED_SLUGS:
            raise ValidationError({"slug": _("This short name is reserved: choose another.")})
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError(_("Give both latitude and longitude, or neither."))
        if self.latitude is not None and not -90 <= self.latitude <= 90:
            raise ValidationError({"latitude": _("Latitude is between -90 and 90.")})
        if self.longitude is not None and not -180 <= self.longitude <= 180:
            raise ValidationError({"longitude": _("Longitude is between -180 and 180.")})
        if self.has_coordinates and not self.location_precision.strip():
            raise ValidationError({"location_precision": _(
                "Say how precise the coordinates are (e.g. “approximate, town centre”).")})


class Citation(models.Model):
    """One fact about a compound, supported by a passage of a source."""

    compound = models.ForeignKey(Compound, on_delete=models.CASCADE, related_name="citations")
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="citations")
    fact = models.CharField(_("fact supported"), max_length=24, choices=Fact.choices,
                            default=Fact.NAMED)
    locator = models.CharField(_("where in the source"), max_length=400,
                               help_text=_("Page, section or paragraph."))
    quote = models.CharField(_("short quote"), max_length=400)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["fact", "id"]
        verbose_name = _("citation")


class StatusChange(models.Model):
    """A dated status, with the source that reports it. Append-only history: the
    compound's current status is the latest by date."""

    compound = models.ForeignKey(Compound, on_delete=models.CASCADE,
                                 related_name="status_changes")
    on = models.DateField(_("date"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="+")
    locator = models.CharField(_("where in the source"), max_length=400, blank=True,
                               default="")
    quote = models.CharField(_("short quote"), max_length=400, blank=True, default="")
    note = models.CharField(_("note"), max_length=400, blank=True, default="")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["on", "id"]
        verbose_name = _("status change")


class CaseCompoundLink(models.Model):
    """Case data: this case reports being held at this compound, with these abuses.
    Holds no name: the case is known by its pseudonymous number only."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE,
                             related_name="compound_links")
    compound = models.ForeignKey(Compound, on_delete=models.PROTECT,
                                 related_name="case_links")
    held_from = models.DateField(_("held from"), null=True, blank=True)
    held_until = models.DateField(_("held until"), null=True, blank=True)
    abuses = models.JSONField(_("abuses reported there"), default=list, blank=True)
    linked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                  related_name="+")
    linked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-linked_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["case", "compound"],
                                               name="one_link_per_case_and_compound")]
        verbose_name = _("case held at a compound")

    @property
    def abuse_labels(self) -> list[str]:
        return [str(Abuse(a).label) for a in Abuse.values if a in set(self.abuses)]


class RecruitmentChannel(models.TextChoices):
    """How the person was recruited: a fixed list, so it can be counted (the screening
    answers that also describe it are encrypted and never counted)."""

    SOCIAL_MEDIA_AD = "social_media_ad", _("Job ad on social media (Facebook, TikTok…)")
    MESSAGING_APP = "messaging_app", _("Messaging app (Telegram, WhatsApp, WeChat, LINE)")
    PERSONAL_CONTACT = "personal_contact", _("Friend, relative or acquaintance")
    JOB_WEBSITE = "job_website", _("Job website")
    AGENCY_OR_BROKER = "agency_or_broker", _("Recruitment agency or broker")
    ABDUCTED = "abducted", _("Abducted or taken by force")
    OTHER = "other", _("Other")
    NOT_KNOWN = "not_known", _("Not known")


class ExploitationFacts(models.Model):
    """Case data, non-identifying categories only: how the person was recruited and the
    month they left (or were released from) the compound. One row per case, stored in
    clear because statistics count them; no name, no free text, no day of the month."""

    case = models.OneToOneField("cases.Case", on_delete=models.CASCADE,
                                related_name="exploitation_facts")
    recruitment_channel = models.CharField(
        _("how the person was recruited"), max_length=24, blank=True, default="",
        choices=RecruitmentChannel.choices)
    exited_on = models.DateField(
        _("month the person left or was released"), null=True, blank=True,
        help_text=_("Stored as the first day of the month: the day is never kept."))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("exploitation facts of a case")

    @property
    def exit_month(self) -> str:
        """YYYY-MM, or "" when not recorded."""
        return self.exited_on.strftime("%Y-%m") if self.exited_on else ""
