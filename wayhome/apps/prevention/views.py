"""The public job-ad checker page: no login, nothing stored, nothing cached.

The POST is CSRF-exempt on purpose: the check changes nothing and needs no session, so
there is nothing for a forged request to abuse, and a visitor gets no cookie for it.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import get_language_info
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_http_methods

from wayhome.domain import jobads

from . import services
from .forms import AdCheckForm
from .uploads import CappedMemoryUpload


# Django's own name for Khmer is in English; a reader of Khmer looks for it in Khmer.
_NAME_LOCAL = {"km": "ខ្មែរ"}


def _languages(current: str) -> list[dict[str, object]]:
    """The page's own language links (work without JavaScript and set no cookie)."""
    return [{"code": code,
             "name": _NAME_LOCAL.get(code) or get_language_info(code)["name_local"],
             "current": code == current} for code, _name in settings.LANGUAGES]


@sensitive_variables()
def _result(form: AdCheckForm, lang: str) -> dict[str, object] | None:
    try:
        text = services.text_from_form(form.cleaned_data["text"], form.cleaned_data["file"])
        return services.check(text, lang)
    except (services.AdTextError, jobads.AdInputError) as exc:
        message = (services.input_message(exc) if isinstance(exc, jobads.AdInputError)
                   else str(exc))
        form.add_error("text" if form.cleaned_data["file"] is None else "file", message)
        return None


@csrf_exempt
@never_cache
@sensitive_post_parameters("text")
@sensitive_variables()  # the form and the result hold the ad: mask them in error reports
@require_http_methods(["GET", "POST"])
def check_an_ad(request: HttpRequest) -> HttpResponse:
    request.upload_handlers = [CappedMemoryUpload(request)]
    lang = services.page_language(request.POST.get("lang") or request.GET.get("lang"),
                                  translation.get_language())
    translation.activate(lang)
    request.LANGUAGE_CODE = lang
    countries = services.country_choices(lang)
    result = None
    chosen = ""
    if request.method == "POST":
        form = AdCheckForm(request.POST, request.FILES, countries=countries)
        if form.is_valid():
            chosen = form.cleaned_data["country"]
            result = _result(form, lang)
    else:
        form = AdCheckForm(countries=countries)
    return render(request, "prevention/check.html", {
        "form": form, "result": result, "lang": lang, "page_languages": _languages(lang),
        "advice": services.what_to_do(lang, chosen),
        "model_version": jobads.MODEL_VERSION,
    })
