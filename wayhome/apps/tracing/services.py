"""Family tracing: the rules, checked before anything is written.

- A family report is validated whole (every problem listed) before it is written; the
  missing person's names must be usable by the names engine.
- A report is matched only while the family's consent for tracing stands.
- Registered persons are the persons of cases whose latest consent record for the
  purpose "tracing" is a grant. Withdrawing it takes the person out of the next run
  and hides their existing candidates from tracers at once (see :func:`visible_candidates`).
- Matching (:func:`run_matching`) is idempotent: a re-run updates the score and
  evidence of undecided candidates, removes undecided candidates the engine no longer
  finds, and never touches a confirmed or rejected one.
- Confirming a candidate tells the family nothing: it opens a disclosure request for
  the case team holding the case. An adult decides (recorded as the consent record of
  purpose "family" through the cases service); for a child, the case team records a
  best-interests determination with reasons, having heard the child's views.
- What the tracer may learn afterwards is :func:`tracer_outcome`, and nothing else.
- A tracer closes a report with a reason (found, withdrawn, deceased, duplicate, other
  with a note) and may re-open it with a reason; both are recorded (ReportStatusChange)
  and audited. A closed report is not matched, and its candidates are neither confirmed
  nor rejected until it is re-opened. Closing it for any reason but "other" withdraws
  the disclosure requests still waiting for the person's answer (CANCELLED, audited):
  the case team no longer asks. Re-opening does not revive them by itself: once the
  report is open again, the tracer may ask the team again (:func:`ask_again`), which puts
  the same request back to waiting. The family withdrawing its consent to tracing
  withdraws them too (and giving it again does not revive them, nor may they be asked
  again).

Every function that touches personal data asks the policy first (``require`` writes the
audit event). Validation errors are ``ValidationError`` dicts (field -> messages).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import pycountry
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import BooleanField, Count, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from wayhome.apps.audit.log import record as audit
from wayhome.apps.audit.log import record_many
from wayhome.apps.cases import services as case_services
from wayhome.apps.cases.forms import LANGUAGE_CODES
from wayhome.apps.cases.models import Case, ConsentRecord
from wayhome.domain.linkage import parse_birth
from wayhome.domain.names import NameInputError, normalise
from wayhome.security.policy import Action, require, require_each, visible_reports

from . import matching
from .models import (
    BestInterestsDecision,
    Candidate,
    CandidateStatus,
    CloseReason,
    DisclosureRequest,
    DisclosureStatus,
    FamilyConsent,
    FamilyReport,
    ReportStatusChange,
    ReportSex,
    WithdrawnBecause,
    new_reference,
)

Errors = dict[str, list[str]]
NAME_MAX = 200
TEXT_MAX = 2000

REPORT_FIELDS = ("reporter_name", "reporter_relation", "reporter_contact", "missing_name",
                 "other_names", "sex", "birth", "approximate_age", "nationality",
                 "last_known_place", "last_heard_of", "destination")


# ------------------------------------------------------------------ helpers


def _text(value: Any) -> str:
    return str(value if value is not None else "").strip()


def _add(errors: Errors, field: str, message: str) -> None:
    errors.setdefault(field, []).append(message)


def _bounded(errors: Errors, field: str, value: Any, limit: int, required: str = "") -> str:
    text = _text(value)
    if required and not text:
        _add(errors, field, required)
    if len(text) > limit:
        _add(errors, field, _("At most %(n)d characters.") % {"n": limit})
    return text


def _name_ok(errors: Errors, field: str, text: str) -> None:
    try:
        normalise(text)
    except NameInputError as exc:
        _add(errors, field, _("“%(name)s” cannot be used as a name: %(why)s")
             % {"name": text[:40], "why": exc.message})


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(_text(value))
    except ValueError:
        return None


def _partial_date(errors: Errors, field: str, value: Any) -> str:
    """YYYY, YYYY-MM or YYYY-MM-DD, not in the future (or empty)."""
    text = _text(value)
    if isinstance(value, dt.date):
        text = value.isoformat()
    if not text:
        return ""
    try:
        parsed = parse_birth(text)
    except ValueError:
        _add(errors, field, _("Write the date as YYYY, YYYY-MM or YYYY-MM-DD."))
        return ""
    if parsed is not None and parsed.year > timezone.localdate().year:
        _add(errors, field, _("The date cannot be in the future."))
    elif parsed is not None and parsed.is_full and dt.date(
            parsed.year, parsed.month or 1, parsed.day or 1) > timezone.localdate():
        _add(errors, field, _("The date cannot be in the future."))
    return text


def _raise(errors: Errors) -> None:
    if errors:
        raise ValidationError(errors)


# ------------------------------------------------------------------ reports


def clean_report(data: Mapping[str, Any]) -> dict[str, Any]:
    """Every field of a family report checked; raises ValidationError listing all problems."""
    errors: Errors = {}
    out: dict[str, Any] = {}
    for field, label in (("reporter_name", _("Give the name of the person reporting.")),
                         ("reporter_relation", _("Give their relation to the missing person.")),
                         ("reporter_contact", _("Give a way to reach the family.")),
                         ("missing_name", _("Give the missing person's name as the family "
                                            "writes it."))):
        out[field] = _bounded(errors, field, data.get(field),
                              NAME_MAX if field != "reporter_contact" else TEXT_MAX, label)
    if out["missing_name"] and "missing_name" not in errors:
        _name_ok(errors, "missing_name", out["missing_name"])
    other = _bounded(errors, "other_names", data.get("other_names"), TEXT_MAX)
    lines = [line.strip() for line in other.splitlines() if line.strip()]
    for line in lines:
        _name_ok(errors, "other_names", line)
    out["other_names"] = "\n".join(lines)
    sex = _text(data.get("sex")).upper()
    if sex not in ReportSex.values:
        _add(errors, "sex", _("Male, female or not known."))
    out["sex"] = sex
    out["birth"] = _partial_date(errors, "birth", data.get("birth"))
    age_raw = data.get("approximate_age")
    age: int | None = None
    if age_raw not in (None, ""):
        try:
            age = int(str(age_raw))
        except ValueError:
            age = -1
        if not 0 <= age <= 119:
            _add(errors, "approximate_age", _("An age between 0 and 119."))
    out["approximate_age"] = age
    nat = _text(data.get("nationality")).upper()
    if nat and pycountry.countries.get(alpha_3=nat) is None:
        _add(errors, "nationality", _("Not an ISO 3166 alpha-3 country code."))
    out["nationality"] = nat
    out["last_known_place"] = _bounded(errors, "last_known_place",
                                       data.get("last_known_place"), TEXT_MAX)
    out["last_heard_of"] = _partial_date(errors, "last_heard_of", data.get("last_heard_of"))
    out["destination"] = _bounded(errors, "destination", data.get("destination"), TEXT_MAX)
    _raise(errors)
    return out


def clean_consent(data: Mapping[str, Any]) -> dict[str, Any] | None:
    """The family's consent, or None when ``consent_given`` is false (the report is then
    kept but not matched)."""
    given = data.get("consent_given")
    if isinstance(given, str):
        given = given.lower() in ("1", "true", "yes", "on")
    if not given:
        return None
    errors: Errors = {}
    by = _bounded(errors, "consent_by", data.get("consent_by"), NAME_MAX,
                  _("Say who in the family gave consent."))
    on = _date(data.get("consent_on"))
    if on is None:
        _add(errors, "consent_on", _("Give the date consent was given (YYYY-MM-DD)."))
    elif on > timezone.localdate():
        _add(errors, "consent_on", _("The date cannot be in the future."))
    language = _text(data.get("consent_language"))
    if language not in LANGUAGE_CODES:
        _add(errors, "consent_language", _("Choose the language the family was informed in."))
    _raise(errors)
    return {"given_by": by, "given_on": on, "language": language}


def create_report(user: Any, data: Mapping[str, Any]) -> FamilyReport:
    """Validate the report and (if given) the family's consent together, then write both
    in one transaction; nothing is written if anything is wrong."""
    require(user, Action.TRACE_REPORT_CREATE)
    errors: Errors = {}
    fields: dict[str, Any] = {}
    consent: dict[str, Any] | None = None
    try:
        fields = clean_report(data)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    try:
        consent = clean_consent(data)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    _raise(errors)
    with transaction.atomic():
        for _attempt in range(5):
            try:
                with transaction.atomic():
                    report = FamilyReport.objects.create(
                        reference=new_reference(), organisation=user.organisation,
                        created_by=user, **fields)
                break
            except IntegrityError:
                continue
        else:
            raise RuntimeError("could not allocate a report reference")
        if consent is not None:
            FamilyConsent.objects.create(report=report, granted=True, recorded_by=user,
                                         **consent)
        audit(user, "trace.report.created", obj=report, purpose="tracing")
    return report


def record_family_consent(user: Any, report: FamilyReport, granted: bool,
                          data: Mapping[str, Any]) -> FamilyConsent:
    """The family gives (or withdraws) consent for tracing. Withdrawal stops matching,
    removes the undecided candidates and withdraws the disclosure requests still waiting
    for the person's answer (as closing the report does): the case team no longer asks.
    Giving consent again does not revive them."""
    require(user, Action.TRACE_REPORT_VIEW, report)
    if granted:
        clean = clean_consent({**data, "consent_given": True})
        assert clean is not None
    else:
        errors: Errors = {}
        clean = {"given_by": _bounded(errors, "consent_by", data.get("consent_by"), NAME_MAX,
                                      _("Say who in the family withdrew consent.")),
                 "given_on": _date(data.get("consent_on")) or timezone.localdate(),
                 "language": _text(data.get("consent_language")) or "en"}
        if clean["language"] not in LANGUAGE_CODES:
            _add(errors, "consent_language", _("Choose the language the family was informed in."))
        _raise(errors)
    with transaction.atomic():
        # The rows are locked before the first audit event is written (see _locked_status).
        _locked_status(report.pk)
        withdrawing = [] if granted else _lock_pending_requests(report)
        rec = FamilyConsent.objects.create(report=report, granted=granted, recorded_by=user,
                                           **clean)
        if not granted:
            report.candidates.filter(status=CandidateStatus.PENDING).delete()
            _withdraw_requests(withdrawing, WithdrawnBecause.FAMILY_CONSENT, timezone.now())
        audit(user, "trace.report.consent", obj=report, purpose="tracing",
              detail="granted" if granted else "withdrawn")
        _audit_withdrawn(user, withdrawing, "family_consent_withdrawn")
    return rec


def visible_candidates(user: Any, report: FamilyReport) -> QuerySet[Candidate]:
    """The candidates of a report a tracer may see: only while the registered person's
    consent to tracing stands (the same rule as the policy's record check).

    Loaded for the tracer's page in a fixed number of queries: the case (its id only: the
    narrative is never decrypted here), the disclosure request without the child's views
    or the reasons (the tracer never reads them), and every consent record of the cases
    (without their notes), which the policy's check and the outcome read."""
    latest = ConsentRecord.objects.filter(case=OuterRef("case_id"), purpose="tracing"
                                          ).order_by("-recorded_at", "-id")
    return (Candidate.objects.filter(report=report)
            .annotate(tracing_consent=Subquery(latest.values("granted")[:1]))
            .filter(tracing_consent=True)
            .select_related("case", "disclosure")
            .defer("case__narrative", "disclosure__reasons", "disclosure__child_views")
            .prefetch_related(Prefetch("case__consents",
                                       queryset=ConsentRecord.objects.defer("note"),
                                       to_attr=Case.ALL_CONSENTS)))


def candidates_for_tracer(user: Any, report: FamilyReport) -> list[Candidate]:
    """The candidates shown to a tracer, each viewing checked and audited (one event per
    candidate, written together). The report is the one already loaded: it is not read
    and decrypted again for each candidate."""
    require(user, Action.TRACE_REPORT_VIEW, report)
    shown = list(visible_candidates(user, report))
    for candidate in shown:
        candidate.report = report
    require_each(user, Action.TRACE_MATCH_REVIEW, shown)
    return shown


#: The filter of the tracer's list: open reports (the default), closed ones, or all.
LIST_FILTERS = ("open", "closed", "all")


def reports_for_list(user: Any, shown: str = "open") -> QuerySet[FamilyReport]:
    """The tracer's list of reports (the caller asks the policy first): the columns the
    list shows and nothing else (no name or contact is decrypted), with the family's
    consent and the candidate counts computed in the same query."""
    if shown not in LIST_FILTERS:
        raise ValidationError({"status": [_("Show open, closed or all reports.")]})
    latest = FamilyConsent.objects.filter(report=OuterRef("pk")).order_by("-recorded_at", "-id")
    reports = (visible_reports(user)
               .only("id", "reference", "organisation_id", "status", "created_at",
                     "matched_at", "sex", "nationality", "closed_reason", "closed_at")
               .annotate(
                   family_consent=Coalesce(Subquery(latest.values("granted")[:1]),
                                           Value(False), output_field=BooleanField()),
                   pending=Count("candidates",
                                 filter=Q(candidates__status=CandidateStatus.PENDING)),
                   confirmed=Count("candidates",
                                   filter=Q(candidates__status=CandidateStatus.CONFIRMED))))
    if shown != "all":
        reports = reports.filter(status=shown)
    return reports


# ------------------------------------------------------------------ closing


def _locked_status(report_id: int) -> str:
    """The report's status, its row locked until the end of the transaction. Every writer
    locks the report before its candidates and their disclosure requests (closing,
    matching, confirming, rejecting, the family's consent), and every one takes its row
    locks before it writes its first audit event: appending to the audit log locks the
    log's tail until the commit, so a row locked after it could deadlock with an answer
    to a request, which locks the request and then writes to the log."""
    return str(FamilyReport.objects.select_for_update().filter(pk=report_id)
               .values_list("status", flat=True).get())


#: Closing a report for these reasons withdraws its disclosure requests still waiting for
#: the person's answer: nobody is looking any more (withdrawn, deceased), another report
#: carries the search (duplicate), or the family is in contact already (found), so asking
#: the person whether the family may be told would serve nobody, and could tell a namesake
#: that someone is looking for them. "Other" (a free note) leaves them waiting.
CLOSING_WITHDRAWS_REQUESTS = frozenset({CloseReason.FOUND, CloseReason.WITHDRAWN,
                                        CloseReason.DECEASED, CloseReason.DUPLICATE})


def _lock_pending_requests(report: FamilyReport) -> list[int]:
    """Inside a transaction that locked the report's row, before any audit event is
    written: the requests of the report still waiting for the person's answer, locked in
    the order of their keys. A request being answered meanwhile holds its row lock: it is
    waited for, and is then no longer pending."""
    return list(DisclosureRequest.objects.select_for_update(of=("self",))
                .filter(candidate__report_id=report.pk, status=DisclosureStatus.PENDING)
                .order_by("pk").values_list("pk", flat=True))


def _withdraw_requests(ids: list[int], because: str, now: dt.datetime) -> None:
    """The locked requests become CANCELLED: the person is not asked any more."""
    if ids:
        DisclosureRequest.objects.filter(pk__in=ids).update(
            status=DisclosureStatus.CANCELLED, cancelled_at=now, withdrawn_because=because)


def _audit_withdrawn(user: Any, ids: list[int], detail: str) -> None:
    """One audit event per withdrawn request, written together."""
    if ids:
        record_many(user, "trace.disclosure.cancelled",
                    [(DisclosureRequest(pk=pk), True, detail) for pk in ids],
                    purpose="tracing")


def close_report(user: Any, report: FamilyReport, data: Mapping[str, Any]) -> ReportStatusChange:
    """The tracer closes the report with a reason (a note is required for "other").
    From then on it is not matched and its candidates cannot be confirmed or rejected;
    the candidates found so far are kept, for a re-opening. For the reasons in
    :data:`CLOSING_WITHDRAWS_REQUESTS` the disclosure requests still waiting for the
    person's answer are withdrawn; answered ones are kept as they are."""
    require(user, Action.TRACE_REPORT_CLOSE, report)
    errors: Errors = {}
    reason = _text(data.get("reason"))
    if reason not in CloseReason.values:
        _add(errors, "reason", _("Choose why the report is closed."))
    note = _bounded(errors, "note", data.get("note"), TEXT_MAX,
                    _("Say why the report is closed.") if reason == CloseReason.OTHER else "")
    _raise(errors)
    with transaction.atomic():
        if _locked_status(report.pk) == FamilyReport.Status.CLOSED:
            raise ValidationError({"__all__": [_("The report is already closed.")]})
        # Locked before the first audit event is written (see _locked_status).
        withdrawing = (_lock_pending_requests(report)
                       if reason in CLOSING_WITHDRAWS_REQUESTS else [])
        now = timezone.now()
        FamilyReport.objects.filter(pk=report.pk).update(
            status=FamilyReport.Status.CLOSED, closed_reason=reason, closed_at=now)
        change = ReportStatusChange.objects.create(
            report=report, status=FamilyReport.Status.CLOSED, reason=reason, note=note,
            changed_by=user)
        _withdraw_requests(withdrawing, WithdrawnBecause.REPORT_CLOSED, now)
        audit(user, "trace.report.closed", obj=report, purpose="tracing", detail=reason)
        _audit_withdrawn(user, withdrawing, reason)
    report.status, report.closed_reason, report.closed_at = (
        FamilyReport.Status.CLOSED, reason, now)
    return change


def reopen_report(user: Any, report: FamilyReport, data: Mapping[str, Any]) -> ReportStatusChange:
    """The tracer re-opens a closed report, saying why; it is matched again from then on."""
    require(user, Action.TRACE_REPORT_REOPEN, report)
    errors: Errors = {}
    reason = _bounded(errors, "reason", data.get("reason"), TEXT_MAX,
                      _("Say why the report is re-opened."))
    _raise(errors)
    with transaction.atomic():
        if _locked_status(report.pk) == FamilyReport.Status.OPEN:
            raise ValidationError({"__all__": [_("The report is already open.")]})
        FamilyReport.objects.filter(pk=report.pk).update(
            status=FamilyReport.Status.OPEN, closed_reason="", closed_at=None)
        change = ReportStatusChange.objects.create(
            report=report, status=FamilyReport.Status.OPEN, note=reason, changed_by=user)
        audit(user, "trace.report.reopened", obj=report, purpose="tracing")
    report.status, report.closed_reason, report.closed_at = FamilyReport.Status.OPEN, "", None
    return change


# ------------------------------------------------------------------ matching


def registered_cases() -> QuerySet[Case]:
    """Cases whose person may be matched: the latest "tracing" consent record is a grant."""
    latest = ConsentRecord.objects.filter(case=OuterRef("pk"), purpose="tracing"
                                          ).order_by("-recorded_at", "-id")
    return (Case.objects.filter(person__isnull=False)
            .annotate(tracing_consent=Subquery(latest.values("granted")[:1]))
            .filter(tracing_consent=True)
            .select_related("person", "organisation"))


def matchable_reports() -> QuerySet[FamilyReport]:
    """Open reports whose family's latest consent record is a grant."""
    latest = FamilyConsent.objects.filter(report=OuterRef("pk")).order_by("-recorded_at", "-id")
    return (FamilyReport.objects.filter(status=FamilyReport.Status.OPEN)
            .annotate(family_consent=Subquery(latest.values("granted")[:1]))
            .filter(family_consent=True))


@dataclass(frozen=True)
class MatchSummary:
    reports: int
    registered: int
    created: int
    updated: int
    removed: int


def _store(report_ids: list[int], found: dict[int, list[matching.Found]],
           countries: dict[int, str]) -> tuple[list[int], int, int, int]:
    """Inside the run's transaction: the reports' rows are locked (in the order of their
    keys, as every run locks them, so two runs wait for each other rather than deadlock),
    then the reports still matchable are read again: one closed, or whose family withdrew
    consent, while the engine ran gets nothing (closing and the consent lock the same
    rows). Returns the reports stored and the counts."""
    created = updated = removed = 0
    list(FamilyReport.objects.select_for_update().filter(pk__in=report_ids)
         .order_by("pk").values_list("pk", flat=True))
    # A query of its own, after the locks: it reads what the other writers committed.
    still = set(matchable_reports().filter(pk__in=report_ids).values_list("pk", flat=True))
    stored = [rid for rid in report_ids if rid in still]
    for rid in stored:
        existing = {c.case_id: c for c in Candidate.objects.filter(report_id=rid)}
        keep: set[int] = set()
        for f in found.get(rid, []):
            keep.add(f.case_id)
            values = {"score": round(f.pair.probability, 6), "weight": f.pair.weight,
                      "band": f.band, "evidence": matching.evidence(f, countries[f.case_id])}
            old = existing.get(f.case_id)
            if old is None:
                Candidate.objects.create(report_id=rid, case_id=f.case_id, **values)
                created += 1
            elif old.status == CandidateStatus.PENDING:
                for k, v in values.items():
                    setattr(old, k, v)
                old.save()
                updated += 1
        stale = [c.pk for cid, c in existing.items()
                 if cid not in keep and c.status == CandidateStatus.PENDING]
        removed += Candidate.objects.filter(pk__in=stale).delete()[0]
    return stored, created, updated, removed


def run_matching(reports: Iterable[FamilyReport] | None = None,
                 actor: Any = None) -> MatchSummary:
    """Match the given reports (default: every open report with the family's consent)
    against every registered person with consent to tracing, and store the candidates.
    Reports without the family's consent are skipped. Names are decrypted in memory only.
    """
    allowed = matchable_reports()
    if reports is not None:
        allowed = allowed.filter(pk__in=[r.pk for r in reports])
    report_list = list(allowed)
    cases = list(registered_cases())
    subjects = [matching.report_subject(r) for r in report_list]
    persons = [matching.person_subject(c) for c in cases]
    found = matching.match(subjects, persons)
    countries = {c.pk: c.organisation.country for c in cases}
    now = timezone.now()
    with transaction.atomic():
        stored, created, updated, removed = _store([r.pk for r in report_list], found,
                                                   countries)
        FamilyReport.objects.filter(pk__in=stored).update(matched_at=now)
        audit(actor, "trace.match.run", object_type="familyreport",
              object_id=str(report_list[0].pk) if len(report_list) == 1 else "",
              purpose="tracing",
              detail=f"{len(stored)} reports, {len(cases)} registered, {created} new, "
                     f"{updated} updated, {removed} removed")
    return MatchSummary(len(stored), len(cases), created, updated, removed)


def match_report(user: Any, report: FamilyReport) -> MatchSummary:
    """A tracer runs the matching for one report; refused without the family's consent."""
    require(user, Action.TRACE_MATCH_REVIEW, report)
    if report.status != FamilyReport.Status.OPEN:
        raise ValidationError({"__all__": [_("The report is closed: it is not matched.")]})
    if not report.has_consent:
        raise ValidationError({"__all__": [_(
            "The family's consent for tracing is not recorded: the report cannot be matched "
            "until it is.")]})
    return run_matching([report], actor=user)


# ------------------------------------------------------------------ review


def _lock_pending(candidate: Candidate) -> Candidate:
    """Inside the decision's transaction: the candidate, locked, undecided, of a report
    that is open (its row locked first, so a closing waits for the decision)."""
    report_status = _locked_status(candidate.report_id)
    # Gone since the page was read (the family withdrew its consent, which deletes pending
    # candidates): "not found", as the page itself would now say, not a server error.
    locked = get_object_or_404(Candidate.objects.select_for_update(), pk=candidate.pk)
    if locked.status != CandidateStatus.PENDING:
        raise ValidationError({"__all__": [_("This candidate has already been decided.")]})
    if report_status == FamilyReport.Status.CLOSED:
        raise ValidationError({"__all__": [_(
            "The report is closed: re-open it to decide on its candidates.")]})
    return locked


def confirm(user: Any, candidate: Candidate) -> DisclosureRequest:
    """The tracer confirms the match. The family is told nothing: a disclosure request
    goes to the case team holding the case."""
    require(user, Action.TRACE_MATCH_REVIEW, candidate)
    with transaction.atomic():
        locked = _lock_pending(candidate)
        locked.status = CandidateStatus.CONFIRMED
        locked.decided_by = user
        locked.decided_at = timezone.now()
        locked.save(update_fields=["status", "decided_by", "decided_at", "updated_at"])
        request = DisclosureRequest.objects.create(
            candidate=locked, decided_as_child=_is_child(locked.case))
        audit(user, "trace.match.confirm", obj=locked, purpose="tracing")
    candidate.refresh_from_db()
    return request


def reject(user: Any, candidate: Candidate, reason: str = "") -> Candidate:
    require(user, Action.TRACE_MATCH_REVIEW, candidate)
    errors: Errors = {}
    reason = _bounded(errors, "reason", reason, TEXT_MAX)
    _raise(errors)
    with transaction.atomic():
        locked = _lock_pending(candidate)
        locked.status = CandidateStatus.REJECTED
        locked.decided_by = user
        locked.decided_at = timezone.now()
        locked.reject_reason = reason
        locked.save(update_fields=["status", "decided_by", "decided_at", "reject_reason",
                                   "updated_at"])
        audit(user, "trace.match.reject", obj=locked, purpose="tracing")
    candidate.refresh_from_db()
    return candidate


def ask_again(user: Any, candidate: Candidate) -> DisclosureRequest:
    """The tracer asks the team holding the registered person again, for a confirmed
    candidate whose disclosure request was withdrawn when the report was closed, now that
    the report is open again. The same request goes back to waiting for the person's
    answer (it was never answered); whether the person is a child is decided afresh.
    Refused while the report is closed, without the family's consent for tracing or the
    person's, and for a request withdrawn because the family withdrew its consent (nor is
    a waiting or answered request asked again). Audited ("trace.disclosure.reasked")."""
    require(user, Action.TRACE_MATCH_REVIEW, candidate)
    with transaction.atomic():
        # Every row locked before the audit event is written: the report, then the
        # candidate, then its request (see _locked_status).
        report_status = _locked_status(candidate.report_id)
        locked = get_object_or_404(Candidate.objects.select_for_update(), pk=candidate.pk)
        request = (DisclosureRequest.objects.select_for_update()
                   .filter(candidate_id=locked.pk).first())
        if locked.status != CandidateStatus.CONFIRMED or request is None:
            raise ValidationError({"__all__": [_(
                "Only a confirmed match can be asked about again.")]})
        if request.status == DisclosureStatus.PENDING:
            raise ValidationError({"__all__": [_(
                "The team holding the registered person is already asking them.")]})
        if request.status != DisclosureStatus.CANCELLED:
            raise ValidationError({"__all__": [_(
                "The person has already been asked and the request answered: it cannot be "
                "asked again.")]})
        if request.withdrawn_because == WithdrawnBecause.FAMILY_CONSENT:
            raise ValidationError({"__all__": [_(
                "This request was withdrawn because the family withdrew its consent to "
                "tracing: it cannot be asked again.")]})
        if request.withdrawn_because != WithdrawnBecause.REPORT_CLOSED:
            raise ValidationError({"__all__": [_(
                "Only a request withdrawn when the report was closed can be asked again.")]})
        if report_status != FamilyReport.Status.OPEN:
            raise ValidationError({"__all__": [_(
                "The report is closed: re-open it to ask the team again.")]})
        # Read after the report's row is locked: the family's consent is recorded under
        # the same lock, so this is the latest.
        if not candidate.report.has_consent:
            raise ValidationError({"__all__": [_(
                "The family's consent for tracing is not recorded: record it before asking "
                "the team again.")]})
        # The policy checked it above; read again in case it was withdrawn meanwhile.
        if not locked.case.has_consent("tracing"):
            raise ValidationError({"__all__": [_(
                "The registered person's consent to tracing is withdrawn: they cannot be "
                "asked.")]})
        request.status = DisclosureStatus.PENDING
        request.earlier_withdrawal_at = request.cancelled_at
        request.asked_again_at = timezone.now()
        request.cancelled_at = None
        request.withdrawn_because = ""
        request.decided_as_child = _is_child(locked.case)
        request.save(update_fields=["status", "cancelled_at", "withdrawn_because",
                                    "decided_as_child", "asked_again_at",
                                    "earlier_withdrawal_at"])
        audit(user, "trace.disclosure.reasked", obj=request, purpose="tracing")
    candidate.refresh_from_db()
    return request


# ------------------------------------------------------------------ disclosure


def _is_child(case: Case) -> bool:
    person = getattr(case, "person", None)
    return bool(person and person.is_child_or_presumed)


def requests_for_team(user: Any) -> QuerySet[DisclosureRequest]:
    """Disclosure requests for the cases of the user's organisation (case team only)."""
    from wayhome.security.policy import CASE_TEAM

    if getattr(user, "role", None) not in CASE_TEAM:
        return DisclosureRequest.objects.none()
    return (DisclosureRequest.objects
            .filter(candidate__case__organisation_id=user.organisation_id)
            .select_related("candidate", "candidate__case", "candidate__report",
                            "candidate__report__organisation", "answered_by"))


def _route(errors: Errors, data: Mapping[str, Any]) -> dict[str, Any]:
    contact = _bounded(errors, "contact_route", data.get("contact_route"), TEXT_MAX,
                       _("Say how the family may make contact, as the person chose."))
    share = bool(data.get("share_location"))
    location = _bounded(errors, "location", data.get("location"), TEXT_MAX)
    if share and not location:
        _add(errors, "location", _("Say what the person agreed to share about where they "
                                   "are, or leave sharing unticked."))
    return {"contact_route": contact, "share_location": share,
            "location": location if share else ""}


def _open_request(request: DisclosureRequest) -> DisclosureRequest:
    locked = DisclosureRequest.objects.select_for_update().get(pk=request.pk)
    if locked.status == DisclosureStatus.CANCELLED:
        if locked.withdrawn_because == WithdrawnBecause.FAMILY_CONSENT:
            raise ValidationError({"__all__": [_(
                "This request was withdrawn because the family withdrew its consent to "
                "tracing: do not ask the person about it any more.")]})
        raise ValidationError({"__all__": [_(
            "This request was withdrawn because the family report was closed: do not ask "
            "the person about it any more.")]})
    if locked.status != DisclosureStatus.PENDING:
        raise ValidationError({"__all__": [_("This request has already been answered.")]})
    return locked


def record_adult_answer(user: Any, request: DisclosureRequest,
                        data: Mapping[str, Any]) -> DisclosureRequest:
    """The adult's own answer, recorded as the consent record of purpose "family"."""
    case = request.candidate.case
    require(user, Action.TRACE_DISCLOSURE_DECIDE, case)
    errors: Errors = {}
    if _is_child(case):
        _add(errors, "__all__", _("This person is a child or presumed to be one: record a "
                                  "best-interests determination instead."))
    agrees = data.get("agrees")
    if isinstance(agrees, str):
        agrees = {"yes": True, "no": False}.get(agrees)
    if agrees not in (True, False):
        _add(errors, "agrees", _("Record the person's answer: yes or no."))
    language = _text(data.get("language"))
    if language not in LANGUAGE_CODES:
        _add(errors, "language", _("Choose the language the person was asked in."))
    route = _route(errors, data) if agrees else {}
    note = _bounded(errors, "note", data.get("note"), TEXT_MAX)
    _raise(errors)
    with transaction.atomic():
        locked = _open_request(request)
        consent = case_services.record_consent(user, case, "family", bool(agrees), language,
                                               note)
        locked.consent = consent
        locked.status = DisclosureStatus.AGREED if agrees else DisclosureStatus.REFUSED
        locked.decided_as_child = False
        locked.answered_by = user
        locked.answered_at = timezone.now()
        for k, v in route.items():
            setattr(locked, k, v)
        locked.save()
    return locked


def record_best_interests(user: Any, request: DisclosureRequest,
                          data: Mapping[str, Any]) -> DisclosureRequest:
    """For a child: the case team's best-interests determination decides, with reasons
    (mirrors the returns app's determination; the child's views are heard and recorded,
    but do not decide alone)."""
    case = request.candidate.case
    require(user, Action.TRACE_DISCLOSURE_DECIDE, case)
    errors: Errors = {}
    if not _is_child(case):
        _add(errors, "__all__", _("This person is an adult: only their own answer decides."))
    decision = _text(data.get("best_interests"))
    if decision not in BestInterestsDecision.values:
        _add(errors, "best_interests", _("Choose the outcome of the determination."))
    reasons = _bounded(errors, "reasons", data.get("reasons"), TEXT_MAX,
                       _("Give the reasons for the determination."))
    views = _bounded(errors, "child_views", data.get("child_views"), TEXT_MAX,
                     _("Record the child's views (or why they could not be heard)."))
    disclose = decision == BestInterestsDecision.DISCLOSE
    route = _route(errors, data) if disclose else {}
    _raise(errors)
    with transaction.atomic():
        locked = _open_request(request)
        locked.best_interests = decision
        locked.reasons = reasons
        locked.child_views = views
        locked.status = DisclosureStatus.AGREED if disclose else DisclosureStatus.REFUSED
        locked.decided_as_child = True
        locked.answered_by = user
        locked.answered_at = timezone.now()
        for k, v in route.items():
            setattr(locked, k, v)
        locked.save()
        audit(user, "trace.disclosure.best_interests", obj=case, purpose="case_management",
              detail=decision)
    return locked


@dataclass(frozen=True)
class TracerOutcome:
    """Everything a tracer may learn after confirming a match (and may pass to the family).

    ``state``: "pending", "agreed", "refused" or "cancelled" (the request was withdrawn
    when the report was closed or the family withdrew consent, before any answer).
    ``message`` is the whole of what the tracer reads; ``contact_route`` and ``location``
    are filled only when the family may be told, and ``location`` only if the person
    agreed to share it. Nothing else about the person or the case (no case number,
    organisation, place, date or reasons). ``can_ask_again``: the request was withdrawn
    when the report was closed, the report is open again and the family's consent stands,
    so the tracer may ask the team again (:func:`ask_again`).
    """

    state: str
    message: str
    family_may_be_told: str
    contact_route: str = ""
    location: str = ""
    can_ask_again: bool = False


def tracer_outcome(candidate: Candidate,
                   family_consent: bool | None = None) -> TracerOutcome | None:
    """What the tracer may learn of a confirmed candidate (None for any other).
    ``family_consent``: whether the family's consent for tracing stands, when the caller
    knows it already (otherwise it is read, and only for a request that could be asked
    again)."""
    if candidate.status != CandidateStatus.CONFIRMED:
        return None
    request = getattr(candidate, "disclosure", None)
    if request is None or request.status == DisclosureStatus.PENDING:
        return TracerOutcome(
            "pending",
            _("Confirmed. The team holding the registered person will ask them whether the "
              "family may be told (for a child, the team decides in the child's best "
              "interests)."),
            _("Nothing yet: do not tell the family that anyone was found."))
    if request.status == DisclosureStatus.CANCELLED:
        closed = request.withdrawn_because == WithdrawnBecause.REPORT_CLOSED
        again = closed and candidate.report.status == FamilyReport.Status.OPEN
        if again and family_consent is None:
            family_consent = candidate.report.has_consent
        return TracerOutcome(
            "cancelled",
            _("Confirmed, but the request to the team holding the registered person was "
              "withdrawn when the family withdrew its consent to tracing, before any answer.")
            if request.withdrawn_because == WithdrawnBecause.FAMILY_CONSENT else
            _("Confirmed, but the request to the team holding the registered person was "
              "withdrawn when this report was closed, before any answer."),
            _("Nothing: do not tell the family that anyone was found."),
            can_ask_again=again and bool(family_consent))
    # An adult may withdraw the "family" consent after agreeing: from then on the tracer
    # sees the refusal, and no longer the contact route or the place.
    withdrawn = (request.status == DisclosureStatus.AGREED and not request.decided_as_child
                 and not candidate.case.has_consent("family"))
    if request.status == DisclosureStatus.AGREED and not withdrawn:
        message = (_("The person was found; it was decided, in the child's best interests, "
                     "that the family is told.") if request.decided_as_child
                   else _("The person agrees that the family is told."))
        return TracerOutcome(
            "agreed", message,
            _("That the person was found and agrees to contact, and the contact route below."),
            request.contact_route, request.location if request.share_location else "")
    message = (_("The person was found; it was decided, in the child's best interests, that "
                 "the family is not told.") if request.decided_as_child
               else _("The person was found and asked; they do not wish the family to be told."))
    return TracerOutcome(
        "refused", message,
        _("Only that the tracing request is closed and that no contact can be arranged "
          "through this service. Do not say that the person was found, is alive, or where."))
