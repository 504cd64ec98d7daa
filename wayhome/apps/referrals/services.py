"""Writes for the directory, needs assessments and referrals.

Each function asks the policy first, validates everything, and writes nothing unless
all of it is valid (one transaction). Sending a referral needs the person's consent to
referral to services, and a service that takes the person (a shelter for adult women
does not receive a referral for an adult man). Nothing here asks whether the person
cooperates with the police: assistance is unconditional.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wayhome.apps.accounts.models import Organisation, OrganisationKind
from wayhome.apps.cases.models import Case, ConsentPurpose
from wayhome.security.policy import Action, require

from .models import (
    PROVIDER_STATUSES,
    TEAM_STATUSES,
    NeedsAssessment,
    Referral,
    ReferralEvent,
    ReferralStatus,
    Service,
    ServiceKind,
)

SERVICE_FIELDS = (
    "name", "country", "area", "kind", "accepts_adult_men", "accepts_adult_women",
    "accepts_children", "accepts_families", "languages", "capacity", "how_to_reach",
)
ACCEPTS_FIELDS = ("accepts_adult_men", "accepts_adult_women", "accepts_children",
                  "accepts_families")


# -- directory ---------------------------------------------------------------------------

def directory(country: str = "", kind: str = "", takes: str = "") -> QuerySet[Service]:
    """Active services, optionally of one country, one kind, taking one group."""
    qs = Service.objects.filter(active=True).select_related("organisation")
    if country:
        qs = qs.filter(country=country.upper())
    if kind:
        qs = qs.filter(kind=kind)
    if takes in ACCEPTS_FIELDS:
        qs = qs.filter(**{takes: True})
    return qs


def add_service(user: Any, data: dict[str, Any], organisation: Organisation | None = None,
                new_organisation_name: str = "") -> Service:
    """Add a service to the directory, run by an existing service-provider organisation
    or by a new one created here (an administrator attaches its users later)."""
    require(user, Action.SERVICE_ADD)
    errors: dict[str, list[str]] = {}
    new_organisation_name = new_organisation_name.strip()
    service = Service(added_by=user, **{k: v for k, v in data.items() if k in SERVICE_FIELDS})
    service.country = (service.country or "").upper()
    service.languages = ",".join(
        c.strip().lower() for c in (service.languages or "").split(",") if c.strip())
    if organisation is not None and new_organisation_name:
        errors["organisation"] = [
            _("Choose an existing provider or name a new one, not both.")]
    elif organisation is None and not new_organisation_name:
        errors["organisation"] = [_("Choose the provider that runs the service, or name it.")]
    elif organisation is not None and organisation.kind != OrganisationKind.SERVICE:
        errors["organisation"] = [_("This organisation is not a service provider.")]
    elif new_organisation_name and Organisation.objects.filter(
            name__iexact=new_organisation_name, kind=OrganisationKind.SERVICE).exists():
        errors["organisation"] = [
            _("A provider with this name is already in the list: choose it there.")]
    if not any(getattr(service, f) for f in ACCEPTS_FIELDS):
        errors["accepts_adult_men"] = [
            _("Say who the service takes: adult men, adult women, children or families.")]
    try:
        service.full_clean(exclude=["organisation", "added_by"])
    except ValidationError as exc:
        for field, msgs in exc.message_dict.items():
            errors.setdefault(field, []).extend(msgs)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        if organisation is None:
            organisation = Organisation.objects.create(
                name=new_organisation_name, country=service.country,
                kind=OrganisationKind.SERVICE)
        service.organisation = organisation
        service.save()
    return service


# -- needs -------------------------------------------------------------------------------

def current_needs(case: Case) -> NeedsAssessment | None:
    return case.needs_assessments.select_related("assessed_by").first()


def assess_needs(user: Any, case: Case, needs: list[str], note: str = "") -> NeedsAssessment:
    require(user, Action.NEEDS_ASSESS, case)
    valid = set(ServiceKind.values)
    unknown = [n for n in needs if n not in valid]
    if unknown:
        raise ValidationError({"needs": [_("Unknown kind of help: %(kinds)s.")
                                         % {"kinds": ", ".join(unknown)}]})
    # An assessment may find no need: that is an answer too, and it is recorded.
    ordered = [k for k in ServiceKind.values if k in set(needs)]
    assessment = NeedsAssessment(case=case, needs=",".join(ordered), note=note.strip(),
                                 assessed_by=user)
    assessment.full_clean(exclude=["case", "assessed_by"])
    assessment.save()
    return assessment


# -- referrals ---------------------------------------------------------------------------

def who_the_service_must_take(case: Case, with_family: bool) -> list[str]:
    """The ``accepts_*`` flags a service needs to take this person."""
    person = getattr(case, "person", None)
    needed: list[str] = []
    if person is not None:
        if person.is_child_or_presumed:
            needed.append("accepts_children")
        elif person.sex == "M":
            needed.append("accepts_adult_men")
        elif person.sex == "F":
            needed.append("accepts_adult_women")
    if with_family:
        needed.append("accepts_families")
    return needed


_REFUSALS = {
    "accepts_adult_men": gettext_lazy(
        "%(service)s does not take adult men. Choose a service that does: filter the "
        "directory by who it takes."),
    "accepts_adult_women": gettext_lazy(
        "%(service)s does not take adult women. Choose a service that does: filter the "
        "directory by who it takes."),
    "accepts_children": gettext_lazy(
        "%(service)s does not take children, and this person is a child or presumed to be "
        "one. Choose a service that takes children."),
    "accepts_families": gettext_lazy(
        "%(service)s does not take families. Choose a service that does, or refer the "
        "family members separately."),
}


def send_referral(user: Any, case: Case, service: Service, message: str = "",
                  with_family: bool = False) -> Referral:
    """Send a referral, or raise ValidationError and write nothing."""
    require(user, Action.REFERRAL_SEND, case)
    errors: list[str] = []
    if not case.has_consent(ConsentPurpose.SERVICES):
        errors.append(_("The person has not given consent to referral to services (or has "
                        "withdrawn it). Ask the person, record the consent, then send the "
                        "referral."))
    if not service.active:
        errors.append(_("This service is no longer active in the directory."))
    for flag in who_the_service_must_take(case, with_family):
        if not getattr(service, flag):
            errors.append(str(_REFUSALS[flag]) % {"service": service.name})
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        referral = Referral.objects.create(
            case=case, service=service, sent_by=user, message=message.strip(),
            with_family=with_family, status=ReferralStatus.SENT)
        event = ReferralEvent.objects.create(referral=referral, status=ReferralStatus.SENT,
                                             by=user)
        referral.status_changed_at = event.at
        referral.save(update_fields=["status_changed_at"])
    return referral


def change_status(user: Any, referral: Referral, status: str, note: str = "") -> Referral:
    """Move a referral on: the provider accepts, declines or completes; the case team
    withdraws. Any other change (completing a declined referral...) is refused."""
    if status in PROVIDER_STATUSES:
        require(user, Action.REFERRAL_RESPOND, referral)
    elif status in TEAM_STATUSES:
        require(user, Action.REFERRAL_SEND, referral.case)
    else:
        raise ValidationError(_("Unknown status."))
    with transaction.atomic():
        # Read the status again under lock: two people answering at once cannot both win.
        current = Referral.objects.select_for_update().get(pk=referral.pk)
        if status not in current.next_statuses():
            raise ValidationError(
                _("A referral with the status “%(current)s” cannot be marked “%(new)s”.")
                % {"current": current.get_status_display(),
                   "new": ReferralStatus(status).label})
        event = ReferralEvent.objects.create(referral=current, status=status, by=user,
                                             note=note.strip())
        current.status = status
        current.status_changed_at = event.at
        current.save(update_fields=["status", "status_changed_at"])
    referral.status, referral.status_changed_at = current.status, current.status_changed_at
    return referral


def age_band(person: Any) -> str:
    """An age band for the provider, not the exact age."""
    age = getattr(person, "age_years", None)
    if age is None:
        return _("not known")
    if age < 18:
        return _("under 18")
    for low, top in ((18, 24), (25, 34), (35, 44), (45, 59)):
        if age <= top:
            return f"{low}–{top}"
    return _("60 or over")
