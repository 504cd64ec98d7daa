"""Reads and writes for communications, replies, press releases and state actions.

Each write asks the policy first (``COMMS_EDIT``, analysts only; a refusal is audited
and raises 403), validates the whole input before touching the database, writes in one
transaction and appends one audit event naming the object. Bad input raises a Django
``ValidationError`` keyed by field, and nothing is written.

The reference is parsed by the pure domain engine; its English messages are replaced
here by translated ones chosen by the error's ``code``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pycountry
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from wayhome.apps.audit.log import record as audit
from wayhome.domain.communications import (
    OTHER_ADDRESSEE,
    Reference,
    ReferenceFormatError,
    SentDateError,
    check_sent,
    days_since,
    load_letters,
    load_recommendations,
    parse_reference,
)
from wayhome.security.policy import Action, decide, require

from .models import (
    STATUS_RANK,
    Answer,
    AnswerStatus,
    Communication,
    Question,
    Recommendation,
    Reply,
    StateAction,
)
from .models import PressRelease as PressReleaseModel

COMMUNICATION_FIELDS = ("sent_on", "addressee", "mandates", "copies", "also_sent_to",
                        "allegations", "source")


# -- policy ----------------------------------------------------------------------------

def _may_edit(user: Any) -> None:
    """Refuse (audited, 403) unless the user may edit; an allowed edit is audited once,
    with its object, after the write."""
    if not decide(user, Action.COMMS_EDIT):
        require(user, Action.COMMS_EDIT)


def _audit_edit(user: Any, what: str, obj: Any, detail: str = "") -> None:
    audit(user, f"{Action.COMMS_EDIT}.{what}", obj=obj, purpose="monitoring", detail=detail)


# -- the reference ---------------------------------------------------------------------

def reference_message(exc: ReferenceFormatError | SentDateError) -> str:
    """A translated message for a domain error, chosen by its code."""
    example = "AL KHM 1/2025"
    p = getattr(exc, "params", {})
    messages = {
        "empty": _("Write the reference, like %(ex)s.") % {"ex": example},
        "prefix": _("Leave out the 'Ref.:' label: write only the reference, like %(ex)s.")
        % {"ex": example},
        "missing_space": _("Separate the type, the addressee and the number with spaces, "
                           "like %(ex)s.") % {"ex": example},
        "missing_part": _("The reference needs a type, an addressee, a number and a year, "
                          "like %(ex)s.") % {"ex": example},
        "space_in_number": _("Write the number and the year without spaces around the "
                             "slash, like %(ex)s.") % {"ex": example},
        "missing_slash": _("Separate the number and the year with a slash, like %(ex)s.")
        % {"ex": example},
        "joint_type": _("'%(value)s' is not a reference type: joint letters keep the plain "
                        "type (UA, AL or OL).") % {"value": p.get("value", "")},
        "unknown_type": _("Unknown type '%(value)s': the type is UA (urgent appeal), AL "
                          "(allegation letter) or OL (other letter).")
        % {"value": p.get("value", "")},
        "country_length": _("'%(value)s' is not a three-letter code: use the ISO 3166 alpha-3 "
                            "code of the state, or OTH for a non-state addressee.")
        % {"value": p.get("value", "")},
        "unknown_country": _("'%(value)s' is not an ISO 3166 alpha-3 country code: use the "
                             "code of the state, or OTH for a non-state addressee.")
        % {"value": p.get("value", "")},
        "number_zero": _("The running number starts at 1: 0 is not a communication number."),
        "leading_zero": _("Write the number without leading zeros."),
        "missing_year": _("The year is missing after the slash, like %(ex)s.") % {"ex": example},
        "year_digits": _("Write the year with four digits, like %(ex)s.") % {"ex": example},
        "year_range": _("The year %(year)s is out of range: it must be from %(min)s to "
                        "%(max)s.") % {"year": p.get("year"), "min": p.get("min"),
                                       "max": p.get("max")},
        "shape": _("Not a communication reference: expected a type, an addressee, a number "
                   "and a year, like %(ex)s.") % {"ex": example},
        "sent_future": _("The date sent is in the future."),
        "sent_year": _("The year of the reference must be the year the letter was sent."),
    }
    return messages.get(exc.code, exc.message)


def parse_or_error(text: str) -> Reference:
    """Parse a reference or raise a ValidationError on the ``reference`` field."""
    try:
        return parse_reference(text)
    except ReferenceFormatError as exc:
        raise ValidationError({"reference": [reference_message(exc)]}) from exc


def is_addressee_code(code: str) -> bool:
    """An ISO 3166 alpha-3 code, or OTH."""
    code = code.upper()
    return code == OTHER_ADDRESSEE or (
        len(code) == 3 and pycountry.countries.get(alpha_3=code) is not None)


def country_name(code: str) -> str:
    if code == OTHER_ADDRESSEE:
        return _("Non-state addressees")
    country = pycountry.countries.get(alpha_3=code)
    return str(getattr(country, "name", code)) if country else code


# -- communications --------------------------------------------------------------------

def _clean_questions(questions: list[str]) -> list[str]:
    return [q.strip() for q in questions if q and q.strip()]


def _validate_communication(
    data: dict[str, Any], questions: list[str], existing: Communication | None,
) -> tuple[Reference, dict[str, Any], list[str]]:
    errors: dict[str, list[str]] = {}
    ref: Reference | None = None
    try:
        ref = parse_or_error(str(data.get("reference", "")))
    except ValidationError as exc:
        errors.update(exc.message_dict)
    values = {k: data.get(k) for k in COMMUNICATION_FIELDS}
    for k in ("addressee", "mandates", "copies", "also_sent_to", "allegations", "source"):
        values[k] = str(values.get(k) or "").strip()
    mandates = str(values["mandates"])
    values["mandates"] = "\n".join(
        line.strip() for line in mandates.splitlines() if line.strip())
    sent = values.get("sent_on")
    if not isinstance(sent, date):
        errors.setdefault("sent_on", []).append(_("Give the date the letter was sent."))
    elif ref is not None:
        try:
            check_sent(ref, sent)
        except SentDateError as exc:
            errors.setdefault("sent_on", []).append(reference_message(exc))
    for k in ("addressee", "mandates", "allegations"):
        if not values[k]:
            errors.setdefault(k, []).append(_("This field is required."))
    qs = _clean_questions(questions)
    if not qs:
        errors.setdefault("questions", []).append(
            _("Write the questions of the letter, one per line."))
    if ref is not None:
        clash = Communication.objects.filter(reference=str(ref))
        if existing is not None:
            clash = clash.exclude(pk=existing.pk)
        if clash.exists():
            errors.setdefault("reference", []).append(
                _("A communication with the reference %(ref)s is already recorded.")
                % {"ref": str(ref)})
    if existing is not None and len(qs) < existing.questions.count():
        answered = existing.questions.filter(number__gt=len(qs), answers__isnull=False)
        if answered.exists():
            errors.setdefault("questions", []).append(
                _("Question %(n)s has assessments of replies and cannot be removed.")
                % {"n": answered.order_by("number").first().number})  # type: ignore[union-attr]
    if errors:
        raise ValidationError(errors)
    assert ref is not None
    return ref, values, qs


def _fill(comm: Communication, ref: Reference, values: dict[str, Any]) -> None:
    comm.reference = str(ref)
    comm.comm_type = ref.type.value
    comm.country = ref.country
    comm.number = ref.number
    comm.year = ref.year
    for k, v in values.items():
        setattr(comm, k, v)


def create_communication(user: Any, data: dict[str, Any], questions: list[str]) -> Communication:
    """Record a communication and its questions (numbered 1, 2, ... in the order given)."""
    _may_edit(user)
    ref, values, qs = _validate_communication(data, questions, None)
    try:
        with transaction.atomic():
            comm = Communication(created_by=user)
            _fill(comm, ref, values)
            comm.full_clean(exclude=["created_by"])
            comm.save()
            Question.objects.bulk_create([Question(communication=comm, number=i, text=t)
                                          for i, t in enumerate(qs, start=1)])
            _audit_edit(user, "communication.create", comm)
    except IntegrityError:  # recorded by someone else between the check and the write
        raise ValidationError({"reference": [
            _("A communication with the reference %(ref)s is already recorded.")
            % {"ref": str(ref)}]}) from None
    return comm


def update_communication(user: Any, comm: Communication, data: dict[str, Any],
                         questions: list[str]) -> Communication:
    """Change a communication. Questions are matched by number: a changed text is
    updated, new numbers are added, trailing questions without assessments removed."""
    _may_edit(user)
    ref, values, qs = _validate_communication(data, questions, comm)
    with transaction.atomic():
        comm = Communication.objects.select_for_update().get(pk=comm.pk)
        _fill(comm, ref, values)
        comm.full_clean(exclude=["created_by"])
        comm.save()
        existing = {q.number: q for q in comm.questions.all()}
        for i, text in enumerate(qs, start=1):
            q = existing.get(i)
            if q is None:
                Question.objects.create(communication=comm, number=i, text=text)
            elif q.text != text:
                q.text = text
                q.save(update_fields=["text"])
        comm.questions.filter(number__gt=len(qs)).delete()
        _audit_edit(user, "communication.update", comm)
    return comm


def communications() -> QuerySet[Communication]:
    return Communication.objects.prefetch_related("questions", "replies")


def with_answers(qs: QuerySet[Communication]) -> QuerySet[Communication]:
    return qs.prefetch_related(
        Prefetch("questions", queryset=Question.objects.prefetch_related(
            Prefetch("answers", queryset=Answer.objects.select_related("reply")))),
        "replies", "press_releases")


# -- answer status ---------------------------------------------------------------------

@dataclass
class QuestionStatus:
    question: Question
    status: str
    label: str
    reply: Reply | None
    how: str
    history: list[Answer] = field(default_factory=list)

    @property
    def unanswered(self) -> bool:
        return self.status != AnswerStatus.ANSWERED


def question_status(question: Question) -> QuestionStatus:
    """The best assessment over all replies: answered beats partly beats not answered;
    among equals the latest reply counts."""
    answers = sorted(question.answers.all(),
                     key=lambda a: (a.reply.received_on, a.reply_id))
    best: Answer | None = None
    for a in answers:
        if best is None or STATUS_RANK[AnswerStatus(a.status)] >= STATUS_RANK[
                AnswerStatus(best.status)]:
            best = a
    status = AnswerStatus(best.status) if best else AnswerStatus.NOT_ANSWERED
    return QuestionStatus(question, status.value, str(status.label),
                          best.reply if best else None, best.how if best else "", answers)


@dataclass
class CommunicationStatus:
    communication: Communication
    questions: list[QuestionStatus]
    days_since_sent: int
    published: bool

    @property
    def counts(self) -> dict[str, int]:
        out = {s.value: 0 for s in AnswerStatus}
        for q in self.questions:
            out[q.status] += 1
        return out

    @property
    def unanswered(self) -> int:
        return sum(1 for q in self.questions if q.unanswered)


def communication_status(comm: Communication, today: date | None = None) -> CommunicationStatus:
    today = today or timezone.localdate()
    return CommunicationStatus(
        comm, [question_status(q) for q in comm.questions.all()],
        days_since(comm.sent_on, today), today >= comm.publication_date)


def states_overview(today: date | None = None) -> list[dict[str, Any]]:
    """One row per addressee code: how many letters, questions and still unanswered."""
    rows: dict[str, dict[str, Any]] = {}
    for comm in with_answers(Communication.objects.all()):
        st = communication_status(comm, today)
        row = rows.setdefault(comm.country, {"code": comm.country,
                                             "name": country_name(comm.country),
                                             "communications": 0, "questions": 0,
                                             "unanswered": 0})
        row["communications"] += 1
        row["questions"] += len(st.questions)
        row["unanswered"] += st.unanswered
    return sorted(rows.values(), key=lambda r: (r["code"] == OTHER_ADDRESSEE, r["name"]))


def state_summary(code: str, today: date | None = None) -> dict[str, Any]:
    """What was asked of one state (or of the non-state addressees, ``OTH``) and what is
    still unanswered; with the state's reported actions on the OHCHR recommendations."""
    code = code.upper()
    comms = with_answers(Communication.objects.filter(country=code)).order_by("sent_on", "id")
    statuses = [communication_status(c, today) for c in comms]
    return {
        "code": code,
        "name": country_name(code),
        "communications": statuses,
        "questions": sum(len(s.questions) for s in statuses),
        "unanswered": sum(s.unanswered for s in statuses),
        "state_actions": list(StateAction.objects.filter(state=code)
                              .select_related("recommendation")
                              .order_by("recommendation__number", "reported_on")),
    }


# -- replies ---------------------------------------------------------------------------

def record_reply(user: Any, comm: Communication, data: dict[str, Any],
                 assessments: dict[int, tuple[str, str]]) -> Reply:
    """Record a reply and, for each question of the letter, whether and how it answers
    it. ``assessments`` maps question numbers to (status, how); every question must be
    assessed (a reply that ignores a question is recorded as not answering it)."""
    _may_edit(user)
    errors: dict[str, list[str]] = {}
    received = data.get("received_on")
    if not isinstance(received, date):
        errors["received_on"] = [_("Give the date the reply was received.")]
    elif received < comm.sent_on:
        errors["received_on"] = [_("A reply cannot be received before the letter was sent "
                                   "(%(date)s).") % {"date": comm.sent_on.isoformat()}]
    elif received > timezone.localdate():
        errors["received_on"] = [_("The date received is in the future.")]
    from_whom = str(data.get("from_whom") or "").strip()
    summary = str(data.get("summary") or "").strip()
    if not from_whom:
        errors["from_whom"] = [_("This field is required.")]
    if not summary:
        errors["summary"] = [_("This field is required.")]
    questions = list(comm.questions.all())
    numbers = {q.number for q in questions}
    unknown = sorted(set(assessments) - numbers)
    if unknown:
        errors.setdefault("__all__", []).append(
            _("The letter has no question %(n)s.") % {"n": unknown[0]})
    valid = set(AnswerStatus.values)
    for q in questions:
        status, _how = assessments.get(q.number, ("", ""))
        if status not in valid:
            errors.setdefault(f"q{q.number}_status", []).append(
                _("Say whether question %(n)s is answered.") % {"n": q.number})
    if errors:
        raise ValidationError(errors)
    assert isinstance(received, date)  # checked above
    with transaction.atomic():
        reply = Reply(communication=comm, received_on=received, from_whom=from_whom,
                      summary=summary, document_ref=str(data.get("document_ref") or "").strip(),
                      recorded_by=user)
        reply.full_clean(exclude=["recorded_by"])
        reply.save()
        Answer.objects.bulk_create([
            Answer(question=q, reply=reply, status=assessments[q.number][0],
                   how=assessments[q.number][1].strip(), assessed_by=user)
            for q in questions])
        _audit_edit(user, "reply.create", reply, detail=comm.reference)
    return reply


# -- press releases --------------------------------------------------------------------

def add_press_release(user: Any, data: dict[str, Any],
                      linked: list[Communication]) -> PressReleaseModel:
    _may_edit(user)
    errors: dict[str, list[str]] = {}
    issued = data.get("issued_on")
    title = str(data.get("title") or "").strip()
    url = str(data.get("url") or "").strip()
    if not isinstance(issued, date):
        errors["issued_on"] = [_("Give the date of the press release.")]
    if not title:
        errors["title"] = [_("This field is required.")]
    if not url:
        errors["url"] = [_("Give the address or a document reference.")]
    if not linked:
        errors["communications"] = [_("Link the press release to at least one "
                                      "communication.")]
    if errors:
        raise ValidationError(errors)
    assert isinstance(issued, date)  # checked above
    with transaction.atomic():
        pr = PressReleaseModel(issued_on=issued, title=title, url=url, recorded_by=user)
        pr.full_clean(exclude=["recorded_by"])
        pr.save()
        pr.communications.set(linked)
        _audit_edit(user, "press_release.create", pr)
    return pr


# -- recommendations and state actions -------------------------------------------------

def recommendations() -> QuerySet[Recommendation]:
    return Recommendation.objects.prefetch_related("state_actions")


def record_state_action(user: Any, rec: Recommendation, data: dict[str, Any]) -> StateAction:
    _may_edit(user)
    errors: dict[str, list[str]] = {}
    state = str(data.get("state") or "").strip().upper()
    if len(state) != 3 or pycountry.countries.get(alpha_3=state) is None:
        errors["state"] = [_("Give the ISO 3166 alpha-3 code of the state, e.g. THA.")]
    reported = data.get("reported_on")
    if not isinstance(reported, date):
        errors["reported_on"] = [_("Give the date the action was reported.")]
    elif reported > timezone.localdate():
        errors["reported_on"] = [_("The date is in the future.")]
    action = str(data.get("action") or "").strip()
    source = str(data.get("source") or "").strip()
    if not action:
        errors["action"] = [_("This field is required.")]
    if not source:
        errors["source"] = [_("Say where the state reported it (document, address).")]
    if errors:
        raise ValidationError(errors)
    assert isinstance(reported, date)  # checked above
    with transaction.atomic():
        sa = StateAction(recommendation=rec, state=state, reported_on=reported, action=action,
                         source=source, recorded_by=user)
        sa.full_clean(exclude=["recorded_by"])
        sa.save()
        _audit_edit(user, "state_action.create", sa, detail=f"{rec.key} {state}")
    return sa


# -- starting data ---------------------------------------------------------------------

def load_seed(actor: Any = None) -> tuple[int, int]:
    """Load the four 2025 letters with their questions and the OHCHR 2023
    recommendations, if not there yet (by reference and by id). Returns how many
    communications and recommendations were created. Idempotent; one transaction."""
    letters = load_letters()
    recs = load_recommendations()
    made_comms = made_recs = 0
    with transaction.atomic():
        for letter in letters:
            if Communication.objects.filter(reference=str(letter.reference)).exists():
                continue
            comm = Communication(
                reference=str(letter.reference), comm_type=letter.reference.type.value,
                country=letter.reference.country, number=letter.reference.number,
                year=letter.reference.year, sent_on=letter.sent, addressee=letter.addressee,
                mandates="\n".join(letter.mandates), copies="\n".join(letter.copies),
                also_sent_to="\n".join(letter.also_sent_to), allegations=letter.allegations,
                source=letter.source, created_by=actor)
            comm.save()
            Question.objects.bulk_create([
                Question(communication=comm, number=q.number, text=q.text)
                for q in letter.questions])
            made_comms += 1
        existing = set(Recommendation.objects.values_list("key", flat=True))
        Recommendation.objects.bulk_create([
            Recommendation(key=r.id, number=r.number, group_slug=r.group_slug,
                           group_title=r.group_title, addressed_to=r.addressed_to,
                           text=r.text, source=recs.source)
            for r in recs.recommendations if r.id not in existing])
        made_recs = len([r for r in recs.recommendations if r.id not in existing])
        if made_comms or made_recs:
            audit(actor, "comms.seed.load", object_type="communication",
                  detail=f"{made_comms} communications, {made_recs} recommendations")
    return made_comms, made_recs
