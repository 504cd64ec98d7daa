"""The one place that decides every access to personal data.

Every web view and API endpoint asks :func:`decide` (or :func:`require`, which also
writes the audit event) whether this user, in this role, for this purpose, may do this
action to this record. Anything not granted below is denied.

The firewall: the enforcement liaison role is granted ``PROTECTION_VIEW`` and nothing
else, so the data gathered to protect a person is never usable for immigration
enforcement.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, QuerySet, Subquery

from wayhome.apps.accounts.models import Role


class Action(StrEnum):
    CASE_LIST = "case.list"
    CASE_CREATE = "case.create"
    CASE_VIEW = "case.view"
    CASE_EDIT = "case.edit"
    IDENTITY_VIEW = "identity.view"
    CONSENT_VIEW = "consent.view"
    CONSENT_RECORD = "consent.record"
    SCREENING_VIEW = "screening.view"
    SCREENING_CONDUCT = "screening.conduct"
    SCREENING_DECIDE = "screening.decide"
    PROTECTION_VIEW = "protection.view"
    MEASURE_VIEW = "measure.view"
    MEASURE_RECORD = "measure.record"
    CERTIFICATE_ISSUE = "certificate.issue"
    CERTIFICATE_VERIFY = "certificate.verify"
    CERTIFICATE_REGISTER = "certificate.register"
    RETURN_VIEW = "return.view"
    RETURN_PLAN = "return.plan"
    RETURN_REVIEW = "return.review"
    USERS_MANAGE = "users.manage"
    # Services and referrals. The case team reads the directory, adds services, assesses
    # needs and sends referrals; a service provider reads its inbox and answers.
    SERVICE_DIRECTORY = "service.directory"
    SERVICE_ADD = "service.add"
    NEEDS_ASSESS = "needs.assess"
    REFERRAL_VIEW = "referral.view"
    REFERRAL_SEND = "referral.send"
    REFERRAL_INBOX = "referral.inbox"
    REFERRAL_RESPOND = "referral.respond"
    # Tracing. A tracer takes family reports and reviews candidate matches; the case
    # team holding the registered person asks the adult whether the family may be told.
    TRACE_REPORT_LIST = "trace.report.list"
    TRACE_REPORT_CREATE = "trace.report.create"
    TRACE_REPORT_VIEW = "trace.report.view"
    # Closing a report (found, withdrawn, deceased, duplicate...) stops its matching and
    # its confirmations; re-opening resumes them. Both on a report, with a reason.
    TRACE_REPORT_CLOSE = "trace.report.close"
    TRACE_REPORT_REOPEN = "trace.report.reopen"
    TRACE_MATCH_REVIEW = "trace.match.review"
    TRACE_DISCLOSURE_DECIDE = "trace.disclosure.decide"
    # Monitoring. Analysts keep the compounds registry, the communications and the
    # statistics; nothing here reaches a case page or a name. The case team reads the
    # registry and links its own cases to the compound where the person was held.
    COMPOUND_VIEW = "compound.view"
    COMPOUND_EDIT = "compound.edit"
    CASE_COMPOUND_LINK = "case.compound.link"
    COMMS_VIEW = "comms.view"
    COMMS_EDIT = "comms.edit"
    STATS_VIEW = "stats.view"
    STATS_EXPORT = "stats.export"


class Purpose(StrEnum):
    CASE_MANAGEMENT = "case_management"
    SCREENING = "screening"
    PROTECTION_CHECK = "protection_check"
    CONSULAR_ASSISTANCE = "consular_assistance"
    ADMINISTRATION = "administration"
    SERVICE_PROVISION = "service_provision"
    TRACING = "tracing"
    MONITORING = "monitoring"


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reason: str

    def __bool__(self) -> bool:
        return self.allowed


CASE_TEAM = frozenset({Role.CASE_WORKER, Role.SCREENING_OFFICER})

# What each role may do, and for which purposes. Record-level checks follow in decide().
_GRANTS: dict[str, dict[Action, frozenset[Purpose]]] = {
    Role.CASE_WORKER: {
        a: frozenset({Purpose.CASE_MANAGEMENT, Purpose.SCREENING})
        for a in (
            Action.CASE_LIST, Action.CASE_CREATE, Action.CASE_VIEW, Action.CASE_EDIT,
            Action.IDENTITY_VIEW, Action.CONSENT_VIEW, Action.CONSENT_RECORD,
            Action.SCREENING_VIEW, Action.SCREENING_CONDUCT, Action.SCREENING_DECIDE,
            Action.PROTECTION_VIEW, Action.MEASURE_VIEW, Action.MEASURE_RECORD,
            Action.CERTIFICATE_ISSUE, Action.CERTIFICATE_VERIFY, Action.CERTIFICATE_REGISTER,
            Action.RETURN_VIEW, Action.RETURN_PLAN, Action.RETURN_REVIEW,
            Action.SERVICE_DIRECTORY, Action.SERVICE_ADD, Action.NEEDS_ASSESS,
            Action.REFERRAL_VIEW, Action.REFERRAL_SEND,
            Action.TRACE_DISCLOSURE_DECIDE, Action.COMPOUND_VIEW, Action.CASE_COMPOUND_LINK,
        )
    },
    Role.ENFORCEMENT_LIAISON: {
        a: frozenset({Purpose.PROTECTION_CHECK})
        for a in (Action.PROTECTION_VIEW, Action.CERTIFICATE_VERIFY,
                  Action.CERTIFICATE_REGISTER)
    },
    Role.CONSULAR_OFFICER: {
        a: frozenset({Purpose.CONSULAR_ASSISTANCE})
        for a in (
            Action.CASE_LIST, Action.CASE_VIEW, Action.IDENTITY_VIEW, Action.PROTECTION_VIEW,
            Action.CERTIFICATE_VERIFY,
        )
    },
    Role.ADMINISTRATOR: {Action.USERS_MANAGE: frozenset({Purpose.ADMINISTRATION})},
    Role.TRACER: {
        a: frozenset({Purpose.TRACING})
        for a in (Action.TRACE_REPORT_LIST, Action.TRACE_REPORT_CREATE,
                  Action.TRACE_REPORT_VIEW, Action.TRACE_MATCH_REVIEW,
                  Action.TRACE_REPORT_CLOSE, Action.TRACE_REPORT_REOPEN)
    },
    # A provider sees the directory and the referrals addressed to its own services,
    # and from each case only what the referral needs (see decide()).
    Role.SERVICE_PROVIDER: {
        a: frozenset({Purpose.SERVICE_PROVISION})
        for a in (Action.SERVICE_DIRECTORY, Action.REFERRAL_INBOX, Action.REFERRAL_RESPOND)
    },
    Role.ANALYST: {
        a: frozenset({Purpose.MONITORING})
        for a in (Action.COMPOUND_VIEW, Action.COMPOUND_EDIT, Action.COMMS_VIEW,
                  Action.COMMS_EDIT, Action.STATS_VIEW, Action.STATS_EXPORT)
    },
}
_GRANTS[Role.SCREENING_OFFICER] = _GRANTS[Role.CASE_WORKER]

DEFAULT_PURPOSE: dict[str, Purpose] = {
    Role.CASE_WORKER: Purpose.CASE_MANAGEMENT,
    Role.SCREENING_OFFICER: Purpose.CASE_MANAGEMENT,
    Role.ENFORCEMENT_LIAISON: Purpose.PROTECTION_CHECK,
    Role.CONSULAR_OFFICER: Purpose.CONSULAR_ASSISTANCE,
    Role.ADMINISTRATOR: Purpose.ADMINISTRATION,
    Role.SERVICE_PROVIDER: Purpose.SERVICE_PROVISION,
    Role.TRACER: Purpose.TRACING,
    Role.ANALYST: Purpose.MONITORING,
}

# Actions that need no record: lists (filtered afterwards) and creations.
_NO_RECORD_ACTIONS = frozenset({
    Action.CASE_LIST, Action.CASE_CREATE, Action.USERS_MANAGE, Action.CERTIFICATE_VERIFY,
    Action.SERVICE_DIRECTORY, Action.SERVICE_ADD, Action.REFERRAL_INBOX, Action.RETURN_VIEW,
    Action.TRACE_REPORT_LIST, Action.TRACE_REPORT_CREATE,
    # Without a record: the case team's list of disclosure requests (filtered to its own
    # organisation's cases); with a Case, the rule of _decide_on_case.
    Action.TRACE_DISCLOSURE_DECIDE,
    # The registry, communications and statistics hold no personal data: the role grant
    # is the whole rule (statistics are over shared, suppressed aggregates only).
    Action.COMPOUND_VIEW, Action.COMPOUND_EDIT, Action.COMMS_VIEW, Action.COMMS_EDIT,
    Action.STATS_VIEW, Action.STATS_EXPORT,
})
# Actions whose record is a Referral (the provider's side), not a Case.
_REFERRAL_ACTIONS = frozenset({Action.REFERRAL_INBOX, Action.REFERRAL_RESPOND})
# Actions whose record is a family report or a match candidate (the tracer's side).
_TRACE_ACTIONS = frozenset({Action.TRACE_REPORT_VIEW, Action.TRACE_MATCH_REVIEW,
                            Action.TRACE_REPORT_CLOSE, Action.TRACE_REPORT_REOPEN})


def purpose_for(user: Any) -> Purpose | None:
    return DEFAULT_PURPOSE.get(getattr(user, "role", ""))


def decide(user: Any, action: Action, record: Any = None, purpose: Purpose | None = None) -> Decision:
    """May ``user`` do ``action`` on ``record`` (a Case, a Referral for the provider's
    actions, or None for list/create) for ``purpose``?"""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return Decision(False, "not logged in")
    if getattr(user, "organisation_id", None) is None:
        return Decision(False, "user belongs to no organisation")
    purpose = purpose or purpose_for(user)
    allowed_purposes = _GRANTS.get(user.role, {}).get(action)
    if not allowed_purposes:
        return Decision(False, f"role {user.role} may not {action}")
    if purpose not in allowed_purposes:
        return Decision(False, f"purpose {purpose} does not allow {action}")
    if record is None:
        if action in _NO_RECORD_ACTIONS:
            return Decision(True, "role grant")
        return Decision(False, "a record is required")
    if action == Action.CERTIFICATE_REGISTER:
        return _decide_on_register(user, record)
    if action in _REFERRAL_ACTIONS:
        return _decide_on_referral(user, record)
    if action in _TRACE_ACTIONS:
        return _decide_on_trace(user, action, record)
    return _decide_on_case(user, action, record)


def _decide_on_trace(user: Any, action: Action, record: Any) -> Decision:
    """A tracer sees, closes and re-opens the family reports of its own organisation, and
    sees a candidate of such a report only while the registered person's consent to
    tracing stands. A tracer never gets a Case as a record: it learns of a case only what
    the candidate shows."""
    label = getattr(getattr(record, "_meta", None), "label", "")
    if user.role != Role.TRACER or label not in ("tracing.FamilyReport", "tracing.Candidate"):
        return Decision(False, "no rule grants this")
    report = record if label == "tracing.FamilyReport" else record.report
    if report.organisation_id != user.organisation_id:
        return Decision(False, "family report of another organisation")
    if label == "tracing.Candidate":
        if action != Action.TRACE_MATCH_REVIEW:
            return Decision(False, "no rule grants this")
        if not record.case.has_consent("tracing"):
            return Decision(False, "the registered person's consent to tracing is withdrawn")
        return Decision(True, "candidate of a report of the user's organisation")
    return Decision(True, "family report of the user's organisation")


def _decide_on_register(user: Any, org: Any) -> Decision:
    """A signed register lists an organisation's certificates (case numbers, no names):
    its own team, and liaisons of the same country who check certificates offline."""
    if user.role in CASE_TEAM and org.pk == user.organisation_id:
        return Decision(True, "register of the user's organisation")
    if user.role == Role.ENFORCEMENT_LIAISON and org.country == user.organisation.country:
        return Decision(True, "register of an organisation in the liaison's country")
    return Decision(False, "register of another organisation")


def _is_referral(record: Any) -> bool:
    meta = getattr(record, "_meta", None)
    return meta is not None and meta.label == "referrals.Referral"


def _decide_on_referral(user: Any, referral: Any) -> Decision:
    """A provider sees and answers a referral only if it is addressed to a service of
    its own organisation, and only while the person's consent to services stands."""
    if user.role != Role.SERVICE_PROVIDER or not _is_referral(referral):
        return Decision(False, "no rule grants this")
    if referral.service.organisation_id != user.organisation_id:
        return Decision(False, "referral addressed to another organisation")
    if not referral.case.has_consent("services"):
        return Decision(False, "the person's consent to referral to services is withdrawn")
    return Decision(True, "referral addressed to the user's organisation")


def _decide_on_case(user: Any, action: Action, case: Any) -> Decision:
    if user.role in CASE_TEAM:
        if case.organisation_id == user.organisation_id:
            return Decision(True, "case of the user's organisation")
        return Decision(False, "case of another organisation")
    if user.role == Role.ENFORCEMENT_LIAISON:
        # Only the protection flag, only for cases held in the liaison's own country.
        if case.organisation.country == user.organisation.country:
            return Decision(True, "protection status in the liaison's country")
        return Decision(False, "case held in another country")
    if user.role == Role.CONSULAR_OFFICER:
        person = getattr(case, "person", None)
        if person is None or person.nationality != user.organisation.country:
            return Decision(False, "not a national of the consulate's country")
        if not case.has_consent("consulate"):
            return Decision(False, "no consent to share with the consulate")
        return Decision(True, "own national, with consent")
    return Decision(False, "no rule grants this")


def require(
    user: Any, action: Action, record: Any = None, purpose: Purpose | None = None
) -> Decision:
    """Decide, write the audit event (allowed or not), and raise PermissionDenied on deny."""
    from wayhome.apps.audit.log import record as audit

    decision = decide(user, action, record, purpose)
    audit(
        user, str(action), obj=record, purpose=str(purpose or purpose_for(user) or ""),
        allowed=decision.allowed, detail="" if decision.allowed else decision.reason,
    )
    if not decision.allowed:
        raise PermissionDenied(decision.reason)
    return decision


def require_each(
    user: Any, action: Action, records: Sequence[Any], purpose: Purpose | None = None
) -> list[Decision]:
    """:func:`require` for each of several records (a list shown on one page): the same
    decisions and the same audit events, one per record, written in one append; raises
    PermissionDenied if any is refused (after every event is written)."""
    from wayhome.apps.audit.log import record_many

    decisions = [decide(user, action, r, purpose) for r in records]
    record_many(user, str(action), [(r, d.allowed, "" if d.allowed else d.reason)
                                    for r, d in zip(records, decisions, strict=True)],
                purpose=str(purpose or purpose_for(user) or ""))
    refused = next((d for d in decisions if not d.allowed), None)
    if refused is not None:
        raise PermissionDenied(refused.reason)
    return decisions


def visible_cases(user: Any, action: Action = Action.CASE_LIST) -> QuerySet[Any]:
    """The cases a list may show this user: the same rules as decide(), as a query."""
    from wayhome.apps.cases.models import Case, ConsentRecord

    if not decide(user, action):
        return Case.objects.none()
    if user.role in CASE_TEAM:
        return Case.objects.filter(organisation_id=user.organisation_id)
    if user.role == Role.CONSULAR_OFFICER:
        latest = ConsentRecord.objects.filter(
            case=OuterRef("pk"), purpose="consulate"
        ).order_by("-recorded_at", "-id")
        return (
            Case.objects.filter(person__nationality=user.organisation.country)
            .annotate(consulate_consent=Subquery(latest.values("granted")[:1]))
            .filter(consulate_consent=True)
        )
    return Case.objects.none()


def visible_referrals(user: Any) -> QuerySet[Any]:
    """The referrals a provider's inbox may show: the same rules as decide(), as a query."""
    from wayhome.apps.cases.models import ConsentRecord
    from wayhome.apps.referrals.models import Referral

    if not decide(user, Action.REFERRAL_INBOX) or user.role != Role.SERVICE_PROVIDER:
        return Referral.objects.none()
    latest = ConsentRecord.objects.filter(
        case=OuterRef("case_id"), purpose="services"
    ).order_by("-recorded_at", "-id")
    return (
        Referral.objects.filter(service__organisation_id=user.organisation_id)
        .annotate(services_consent=Subquery(latest.values("granted")[:1]))
        .filter(services_consent=True)
    )


def visible_reports(user: Any) -> QuerySet[Any]:
    """The family reports a tracer's list may show: its own organisation's."""
    from wayhome.apps.tracing.models import FamilyReport

    if not decide(user, Action.TRACE_REPORT_LIST) or user.role != Role.TRACER:
        return FamilyReport.objects.none()
    return FamilyReport.objects.filter(organisation_id=user.organisation_id)
