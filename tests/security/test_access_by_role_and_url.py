"""Walk every URL of the app with every role and check the policy's answer.

A new URL that is not in EXPECTED fails this test: whoever adds a page decides here
who may reach it.
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from wayhome.apps.accounts.models import Role
from wayhome.apps.cases import services as case_services
from wayhome.apps.certificates import services as certificate_services
from wayhome.apps.statistics.models import SharingAgreement
from wayhome.apps.tracing import services as tracing_services
from wayhome.apps.tracing.models import Candidate
from wayhome.apps.compounds import services as compound_services
from wayhome.apps.compounds.models import Compound
from wayhome.apps.communications.models import Communication, Recommendation
from wayhome.apps.communications.services import load_seed as load_comms_seed
from wayhome.apps.protection.models import ProtectionStatus
from wayhome.apps.referrals import services as referral_services
from wayhome.apps.referrals.models import Service
from wayhome.apps.nonpunishment import services as measure_services
from wayhome.apps.screening import services as screening_services
from wayhome.domain.screening import load_catalogue

from ..conftest import verified_client

R = Role
TEAM = {R.CASE_WORKER, R.SCREENING_OFFICER}
ALL = set(Role.values)

# name -> (method, roles allowed). Allowed means 2xx/3xx; everyone else gets 403.
EXPECTED: dict[str, tuple[str, set[str]]] = {
    "home": ("get", ALL),
    "accounts:login": ("get", ALL),
    "accounts:otp": ("get", ALL),
    "accounts:logout": ("post", ALL),
    "accounts:users": ("get", {R.ADMINISTRATOR}),
    "set_language": ("post", ALL),
    "cases:list": ("get", TEAM | {R.CONSULAR_OFFICER}),
    "cases:new": ("get", TEAM),
    "cases:detail": ("get", TEAM | {R.CONSULAR_OFFICER}),
    "cases:edit": ("get", TEAM),
    "cases:consent": ("get", TEAM),
    "screening:start": ("post", TEAM),
    "screening:section": ("get", TEAM),
    "screening:assessment": ("get", TEAM),
    "screening:decide": ("post", TEAM),
    "protection:lookup": ("get", ALL),
    "protection:status": ("get", TEAM | {R.ENFORCEMENT_LIAISON, R.CONSULAR_OFFICER}),
    "api:cases": ("get", TEAM | {R.CONSULAR_OFFICER}),
    "api:case": ("get", TEAM | {R.CONSULAR_OFFICER}),
    "api:case_search": ("post", TEAM | {R.CONSULAR_OFFICER}),
    "api:measures": ("get", TEAM),
    "api:certificate_verify": ("post", TEAM | {R.ENFORCEMENT_LIAISON, R.CONSULAR_OFFICER}),
    "api:consents": ("get", TEAM),
    "api:screenings": ("get", TEAM),
    "api:screening": ("get", TEAM),
    "api:assessment": ("post", TEAM),
    "api:decision": ("post", TEAM),
    "api:protection": ("get", TEAM | {R.ENFORCEMENT_LIAISON, R.CONSULAR_OFFICER}),
    "schema": ("get", ALL),
    "nonpunishment:new": ("get", TEAM),
    "nonpunishment:detail": ("get", TEAM),
    "nonpunishment:requested": ("post", TEAM),
    "nonpunishment:resolve": ("post", TEAM),
    "nonpunishment:letter": ("get", TEAM),
    "nonpunishment:letter_checked": ("post", TEAM),
    "certificates:issue": ("post", TEAM),
    "timeline:case": ("get", TEAM | {R.CONSULAR_OFFICER}),
    "audit:case": ("get", TEAM),
    "referrals:directory": ("get", TEAM | {R.SERVICE_PROVIDER}),
    "referrals:service_new": ("get", TEAM),
    "referrals:case": ("get", TEAM),
    "referrals:needs": ("get", TEAM),
    "referrals:send": ("get", TEAM),
    "referrals:withdraw": ("post", TEAM),
    "referrals:inbox": ("get", {R.SERVICE_PROVIDER}),
    "referrals:inbox_item": ("get", {R.SERVICE_PROVIDER}),
    "referrals:respond": ("post", {R.SERVICE_PROVIDER}),
    "returns:case": ("get", TEAM),
    "returns:due": ("get", TEAM),
    "returns:option": ("post", TEAM),
    "returns:assess": ("post", TEAM),
    "returns:clear": ("post", TEAM),
    "returns:consent": ("post", TEAM),
    "returns:withdraw_consent": ("post", TEAM),
    "returns:best_interests": ("post", TEAM),
    "returns:plan_new": ("post", TEAM),
    "returns:plan_update": ("post", TEAM),
    "returns:plan_advance": ("post", TEAM),
    "returns:plan_cancel": ("post", TEAM),
    "returns:follow_up": ("post", TEAM),
    "certificates:show": ("get", TEAM),
    "certificates:revoke": ("post", TEAM),
    "certificates:verify": ("get", TEAM | {R.ENFORCEMENT_LIAISON, R.CONSULAR_OFFICER}),
    "certificates:public_key": ("get", TEAM | {R.ENFORCEMENT_LIAISON, R.CONSULAR_OFFICER}),
    "certificates:register": ("get", TEAM | {R.ENFORCEMENT_LIAISON}),
    # Prevention: the job-ad checker is public, page and API.
    "prevention:check": ("get", ALL),
    "api:ads_check": ("post", ALL),
    # Tracing: the tracer's reports and candidates; the case team's disclosure requests.
    **{f"tracing:{n}": (m, {R.TRACER}) for n, m in (
        ("reports", "get"), ("report_new", "get"), ("report", "get"),
        ("report_consent", "post"), ("report_match", "post"), ("candidate_confirm", "post"),
        ("candidate_reject", "post"), ("candidate_ask_again", "post"),
        ("report_close", "post"), ("report_reopen", "post"))},
    **{f"tracing:{n}": (m, TEAM) for n, m in (
        ("requests", "get"), ("request", "get"), ("request_answer", "post"),
        ("request_best_interests", "post"))},
    **{f"api:{n}": (m, {R.TRACER}) for n, m in (
        ("trace_reports", "get"), ("trace_report", "get"), ("trace_report_match", "post"),
        ("trace_candidates", "get"), ("trace_candidate_confirm", "post"),
        ("trace_candidate_reject", "post"), ("trace_candidate_ask_again", "post"),
        ("trace_report_close", "post"), ("trace_report_reopen", "post"))},
    # Monitoring: the compounds registry (the case team reads it and links its cases).
    "compounds:registry": ("get", TEAM | {R.ANALYST}),
    "compounds:map": ("get", TEAM | {R.ANALYST}),
    "compounds:detail": ("get", TEAM | {R.ANALYST}),
    "compounds:new": ("get", {R.ANALYST}),
    "compounds:source_new": ("get", {R.ANALYST}),
    "compounds:edit": ("get", {R.ANALYST}),
    "compounds:status_new": ("get", {R.ANALYST}),
    "compounds:citation_new": ("get", {R.ANALYST}),
    "compounds:case": ("get", TEAM),
    "compounds:case_unlink": ("post", TEAM),
    "api:compounds": ("get", TEAM | {R.ANALYST}),
    "api:compound": ("get", TEAM | {R.ANALYST}),
    # Monitoring: statistics (analysts) and the sharing agreements behind them (administrators).
    "statistics:index": ("get", {R.ANALYST}),
    "statistics:table_csv": ("get", {R.ANALYST}),
    "statistics:htcds_csv": ("get", {R.ANALYST}),
    "api:statistics_table": ("get", {R.ANALYST}),
    "statistics:agreements": ("get", {R.ADMINISTRATOR}),
    "statistics:agreement_end": ("post", {R.ADMINISTRATOR}),
    # Monitoring: communications with governments (analysts only).
    **{f"communications:{n}": ("get", {R.ANALYST}) for n in (
        "list", "new", "press_new", "states", "recommendations", "detail", "edit",
        "reply_new", "state", "state_action_new")},
    **{f"api:{n}": ("get", {R.ANALYST}) for n in (
        "communications", "communication_states", "communication", "communication_state")},
}

PUBLIC = {"accounts:login", "set_language", "prevention:check", "api:ads_check"}


def _names(patterns: list[Any], prefix: str = "") -> set[str]:
    names: set[str] = set()
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = f"{prefix}{p.namespace}:" if p.namespace else prefix
            names |= _names(p.url_patterns, ns)
        elif isinstance(p, URLPattern) and p.name:
            names.add(prefix + p.name)
    return names


@pytest.fixture
def world(users: dict[str, Any], make_case: Any) -> dict[str, Any]:
    worker = users[R.CASE_WORKER]
    case = make_case(given_name="Zarni Tunmyat", family_name="Oowinzaw")
    case_services.record_consent(worker, case, "consulate", True, "my")
    session = screening_services.start(worker, case, "en", "my")
    screening_services.run_assessment(worker, session)
    measure = measure_services.record_measure(worker, case, {
        "kind": "detention", "offence": "immigration", "ordered_on": datetime.date(2026, 3, 1),
        "reference": "IDC Bangkok 77"})
    ProtectionStatus.objects.create(case=case, active=True, since=timezone.now())
    cert = certificate_services.issue(worker, case)
    case_services.record_consent(worker, case, "services", True, "my")
    service = Service.objects.create(
        organisation=users[R.SERVICE_PROVIDER].organisation, added_by=worker,
        name="Open shelter Mae Sot", country="THA", kind="shelter", languages="my,th")
    referral = referral_services.send_referral(worker, case, service,
                                               message="Needs a bed tonight.")
    # The traced person is not the "Zarni" case: a tracer legitimately sees the registered
    # name of a candidate. Confirm and reject need two different undecided candidates;
    # asking again (page and API) a confirmed one each, its request withdrawn by closing
    # the report, which is open again.
    tracer = users[R.TRACER]
    traced = make_case(given_name="HUNG", family_name="NGUYEN VAN", nationality="VNM",
                       sex="M", date_of_birth="1999-04-12")
    case_services.record_consent(worker, traced, "tracing", True, "vi")
    reports = [tracing_services.create_report(tracer, {
        "reporter_name": "Nguyễn Thị Lan", "reporter_relation": "mother",
        "reporter_contact": "+84 912 000 111", "missing_name": "Nguyễn Văn Hùng",
        "sex": "M", "birth": "1999-04-12", "nationality": "VNM", "consent_given": True,
        "consent_by": "Nguyễn Thị Lan", "consent_on": "2026-01-05",
        "consent_language": "vi"}) for _ in range(5)]
    tracing_services.run_matching(reports)
    confirmed, to_confirm, to_reject, to_ask_again, to_ask_again_api = (
        Candidate.objects.get(report=r) for r in reports)
    disclosure = tracing_services.confirm(tracer, confirmed)
    for withdrawn in (to_ask_again, to_ask_again_api):
        tracing_services.confirm(tracer, withdrawn)
        tracing_services.close_report(tracer, withdrawn.report, {"reason": "withdrawn"})
        tracing_services.reopen_report(tracer, withdrawn.report,
                                       {"reason": "The family asked again."})
    # Closing needs an open report, re-opening a closed one (neither with candidates).
    to_close, to_reopen = (tracing_services.create_report(tracer, {
        "reporter_name": "Trần Văn Minh", "reporter_relation": "brother",
        "reporter_contact": "+84 912 000 222", "missing_name": "Trần Thị Mai"})
        for _ in range(2))
    tracing_services.close_report(tracer, to_reopen, {"reason": "withdrawn"})
    load_comms_seed()
    agreement = SharingAgreement.objects.create(
        holder=case.organisation, recipient=users[R.ANALYST].organisation,
        agreed_on=datetime.date(2026, 1, 10))
    compound_services.load_seed()
    compound_link = compound_services.link_case(
        worker, case, Compound.objects.get(slug="kk-park"), ["forced_criminality"])
    return {"case": case, "session": session, "measure": measure, "certificate": cert,
            "referral": referral,
            "communication": Communication.objects.get(reference="AL THA 3/2025"),
            "recommendation": Recommendation.objects.get(key="identification-1"),
            "compound_link": compound_link, "report": reports[0], "to_confirm": to_confirm,
            "to_reject": to_reject, "disclosure": disclosure, "agreement": agreement,
            "to_close": to_close, "to_reopen": to_reopen, "to_ask_again": to_ask_again,
            "to_ask_again_api": to_ask_again_api}


def _url(name: str, world: dict[str, Any]) -> str:
    case, session = world["case"], world["session"]
    kwargs: dict[str, Any] = {}
    if name in {"cases:detail", "cases:edit", "cases:consent", "screening:start", "timeline:case", "audit:case",
                "protection:status", "api:case", "api:consents", "api:screenings", "api:measures",
                "api:protection"}:
        kwargs["number"] = case.case_number
    if name in {"screening:section", "screening:assessment", "screening:decide",
                "api:screening", "api:assessment", "api:decision"}:
        kwargs["pk"] = session.pk
    if name in {"nonpunishment:detail", "nonpunishment:requested", "nonpunishment:resolve",
                "nonpunishment:letter", "nonpunishment:letter_checked"}:
        kwargs["pk"] = world["measure"].pk
    if name.startswith("returns:") and name != "returns:due":
        kwargs["number"] = case.case_number
    if name in {"referrals:case", "referrals:needs", "referrals:send"}:
        kwargs["number"] = case.case_number
    if name in {"referrals:withdraw", "referrals:inbox_item", "referrals:respond"}:
        kwargs["pk"] = world["referral"].pk
    if name in {"certificates:show", "certificates:revoke"}:
        kwargs["pk"] = world["certificate"].pk
    if name == "certificates:issue":
        kwargs["number"] = case.case_number
    if name in {"certificates:public_key", "certificates:register"}:
        kwargs["org"] = case.organisation_id
    if name == "nonpunishment:new":
        kwargs["number"] = case.case_number
    if name in {"communications:detail", "communications:edit", "communications:reply_new",
                "api:communication"}:
        kwargs["pk"] = world["communication"].pk
    if name in {"communications:state", "api:communication_state"}:
        kwargs["code"] = "THA"
    if name == "communications:state_action_new":
        kwargs["pk"] = world["recommendation"].pk
    if name in {"tracing:report", "tracing:report_consent", "tracing:report_match",
                "api:trace_report", "api:trace_report_match", "api:trace_candidates"}:
        kwargs["ref"] = world["report"].reference
    if name in {"tracing:report_close", "api:trace_report_close"}:
        kwargs["ref"] = world["to_close"].reference
    if name in {"tracing:report_reopen", "api:trace_report_reopen"}:
        kwargs["ref"] = world["to_reopen"].reference
    if name in {"tracing:candidate_confirm", "api:trace_candidate_confirm"}:
        kwargs["pk"] = world["to_confirm"].pk
    if name in {"tracing:candidate_reject", "api:trace_candidate_reject"}:
        kwargs["pk"] = world["to_reject"].pk
    if name == "tracing:candidate_ask_again":
        kwargs["pk"] = world["to_ask_again"].pk
    if name == "api:trace_candidate_ask_again":
        kwargs["pk"] = world["to_ask_again_api"].pk
    if name in {"tracing:request", "tracing:request_answer", "tracing:request_best_interests"}:
        kwargs["pk"] = world["disclosure"].pk
    if name == "statistics:agreement_end":
        kwargs["pk"] = world["agreement"].pk
    if name in {"compounds:detail", "compounds:edit", "compounds:status_new",
                "compounds:citation_new", "api:compound"}:
        kwargs["slug"] = "kk-park"
    if name in {"compounds:case", "compounds:case_unlink"}:
        kwargs["number"] = case.case_number
    if name == "compounds:case_unlink":
        kwargs["pk"] = world["compound_link"].pk
    if name == "screening:section":
        kwargs["section"] = load_catalogue().sections[0].key
    return reverse(name, kwargs=kwargs)


def _data(name: str) -> dict[str, str]:
    if name in {"screening:decide", "api:decision"}:
        return {"level": "reasonable_grounds", "reason": "test"}
    if name == "set_language":
        return {"language": "th", "next": "/"}
    if name == "api:ads_check":
        return {"text": "Customer service job in Bangkok, free housing."}
    if name == "api:case_search":
        return {"q": "Zarni"}
    if name == "api:certificate_verify":
        return {"code": "WH1.not-a-real-token"}
    if name in {"tracing:report_close", "api:trace_report_close"}:
        return {"reason": "duplicate", "note": "Same as FR-0000-0000"}
    if name in {"tracing:report_reopen", "api:trace_report_reopen"}:
        return {"reason": "The family renewed the request."}
    return {}


def test_every_url_is_in_the_expected_table() -> None:
    names = _names(get_resolver().url_patterns)
    assert names == set(EXPECTED), (
        f"missing from EXPECTED: {sorted(names - set(EXPECTED))}; "
        f"stale: {sorted(set(EXPECTED) - names)}"
    )


@pytest.mark.parametrize("role", sorted(Role.values))
def test_each_role_reaches_exactly_the_urls_its_policy_allows(
    role: str, users: dict[str, Any], world: dict[str, Any]
) -> None:
    wrong: list[str] = []
    for name, (method, allowed) in sorted(EXPECTED.items()):
        client = verified_client(users[role])
        url = _url(name, world)
        response = getattr(client, method)(url, _data(name))
        ok = response.status_code < 400
        if ok != (role in allowed):
            wrong.append(f"{method.upper()} {name} -> {response.status_code}")
        if role not in allowed:
            assert response.status_code in (403, 405), (name, response.status_code)
        body = response.content.decode(errors="replace")
        if role not in TEAM | {R.CONSULAR_OFFICER}:
            assert "Zarni" not in body and "Oowinzaw" not in body, (role, name)
    assert not wrong, f"{role}: {wrong}"


def test_anonymous_visitors_reach_the_public_pages(world: dict[str, Any]) -> None:
    for name in sorted(PUBLIC):
        method = EXPECTED[name][0]
        response = getattr(Client(), method)(_url(name, world), _data(name))
        assert response.status_code < 400, (name, response.status_code)


def test_anonymous_visitors_reach_nothing_else(world: dict[str, Any]) -> None:
    for name, (method, _allowed) in EXPECTED.items():
        if name in PUBLIC:
            continue
        response = getattr(Client(), method)(_url(name, world), _data(name))
        assert response.status_code in (302, 401, 403), (name, response.status_code)
        if response.status_code == 302:
            assert "/accounts/login/" in response["Location"], name


def test_a_logged_in_user_without_second_factor_is_sent_to_it(
    users: dict[str, Any], world: dict[str, Any]
) -> None:
    client = Client()
    client.force_login(users[R.CASE_WORKER])
    response = client.get(_url("cases:detail", world))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:otp"))
    api = client.get(_url("api:case", world))
    assert api.status_code == 403


def test_case_workers_of_another_organisation_are_denied(
    make_user: Any, world: dict[str, Any]
) -> None:
    other = verified_client(make_user(R.CASE_WORKER, org="ngo_kh"))
    for name in ("cases:detail", "cases:edit", "screening:section", "api:case",
                 "protection:status"):
        assert other.get(_url(name, world)).status_code == 403, name


def test_consul_of_another_country_or_without_consent_is_denied(
    make_user: Any, users: dict[str, Any], world: dict[str, Any]
) -> None:
    vn = verified_client(make_user(R.CONSULAR_OFFICER, org="embassy_vn"))
    assert vn.get(_url("cases:detail", world)).status_code == 403
    case_services.record_consent(users[R.CASE_WORKER], world["case"], "consulate", False, "my")
    mm = verified_client(users[R.CONSULAR_OFFICER])
    assert mm.get(_url("cases:detail", world)).status_code == 403
    assert world["case"].case_number not in mm.get(reverse("cases:list")).content.decode()


def test_liaison_of_another_country_is_denied(make_user: Any, world: dict[str, Any]) -> None:
    kh = verified_client(make_user(R.ENFORCEMENT_LIAISON, org="immigration_kh"))
    assert kh.get(_url("protection:status", world)).status_code == 403
