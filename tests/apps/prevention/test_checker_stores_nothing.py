"""The public checker stores nothing: after a check through the page or the API, no table
has a row more or less, no SQL statement carried the ad, no log record (root logger, at
DEBUG) holds it, and no session cookie was set."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

import pytest
from django.apps import apps
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from .conftest import SCAM_AD

pytestmark = pytest.mark.django_db

# A phrase only this test's ad contains, so finding it anywhere means the ad leaked.
MARKER = "Contact Ms Quokka-7731 on Telegram"
AD = SCAM_AD + " " + MARKER + "."


def _row_counts() -> dict[str, int]:
    return {m._meta.label: m._default_manager.count() for m in apps.get_models()}


def _assert_no_trace(caplog: pytest.LogCaptureFixture, queries: CaptureQueriesContext,
                     before: dict[str, int], cookies: Any) -> None:
    assert _row_counts() == before
    for q in queries.captured_queries:
        assert MARKER not in q["sql"]
        assert not q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    for record in caplog.records:
        assert MARKER not in record.getMessage()
        assert MARKER not in repr(record.args) and MARKER not in repr(record.__dict__)
    assert "sessionid" not in cookies


@pytest.fixture
def checked(caplog: pytest.LogCaptureFixture, make_user: Any) -> Callable[..., Any]:
    """Run one request with every log record captured and every query recorded."""
    make_user("case_worker")  # tables are not all empty: a deletion would show

    def run(send: Callable[[Client], Any]) -> tuple[Any, Any]:
        caplog.set_level(logging.DEBUG)
        logging.getLogger().setLevel(logging.DEBUG)
        before = _row_counts()
        client = Client()
        with CaptureQueriesContext(connection) as queries:
            response = send(client)
        _assert_no_trace(caplog, queries, before, response.cookies)
        return response, client
    return run


def test_checking_an_ad_on_the_page_leaves_no_trace(checked: Any) -> None:
    response, client = checked(
        lambda c: c.post(reverse("prevention:check"), {"text": AD, "lang": "en"}))
    assert response.status_code == 200 and "adcheck-result" in response.content.decode()
    assert "sessionid" not in client.cookies


def test_a_rejected_ad_on_the_page_leaves_no_trace(checked: Any) -> None:
    too_long = AD + "x" * 100_001
    response, _client = checked(
        lambda c: c.post(reverse("prevention:check"), {"text": too_long, "lang": "en"}))
    assert response.status_code == 200 and "adcheck-result" not in response.content.decode()


def test_checking_ads_through_the_api_leaves_no_trace(checked: Any) -> None:
    url = reverse("api:ads_check")
    response, _client = checked(lambda c: c.post(
        url, json.dumps({"ads": [{"id": "1", "text": AD}, {"id": "2", "text": AD}]}),
        content_type="application/json"))
    assert response.status_code == 200


def test_a_rejected_api_request_leaves_no_trace(checked: Any) -> None:
    url = reverse("api:ads_check")
    response, _client = checked(lambda c: c.post(
        url, json.dumps({"ads": [{"id": "1", "text": AD}, {"id": "2", "text": " "}]}),
        content_type="application/json"))
    assert response.status_code == 400
    assert MARKER not in response.content.decode()


@pytest.mark.parametrize("where", ["page", "api"])
def test_an_engine_failure_is_reported_without_the_ad(
    where: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from django.views.debug import ExceptionReporter

    from wayhome.domain import jobads

    def broken(text: str) -> Any:
        raise ValueError(f"cannot score {text}")

    monkeypatch.setattr(jobads, "check", broken)
    caplog.set_level(logging.DEBUG)
    client = Client(raise_request_exception=False)
    if where == "page":
        response = client.post(reverse("prevention:check"), {"text": AD, "lang": "en"})
    else:
        response = client.post(reverse("api:ads_check"), json.dumps({"text": AD}),
                               content_type="application/json")
    assert response.status_code == 500
    errors = [r for r in caplog.records if r.exc_info]
    assert errors, "the failure was not logged"
    for record in errors:
        assert MARKER not in record.getMessage()
        reporter = ExceptionReporter(getattr(record, "request", None), *record.exc_info)
        assert "EngineFailed" in reporter.get_traceback_text()
        assert MARKER not in reporter.get_traceback_text()
        assert MARKER not in reporter.get_traceback_html()
