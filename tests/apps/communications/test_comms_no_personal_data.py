"""Communications are public documents: the models link to no case or person, and an
anonymous visitor is sent to the login page (pages) or refused (API)."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.test import Client
from django.urls import reverse


def test_no_communications_model_points_at_a_case_or_a_person() -> None:
    for model in apps.get_app_config("communications").get_models():
        for f in model._meta.get_fields():
            related = getattr(f, "related_model", None)
            if related is not None:
                assert related._meta.app_label != "cases", (model.__name__, f.name)


def test_an_anonymous_visitor_reaches_nothing(seeded: dict[str, Any]) -> None:
    client = Client()
    page = client.get(reverse("communications:states"))
    assert page.status_code == 302 and "/accounts/login/" in page["Location"]
    assert client.get(reverse("api:communications")).status_code in (401, 403)
