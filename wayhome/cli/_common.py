"""Shared helpers for the command modules."""

from __future__ import annotations

import os


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wayhome.web.settings")
    import django

    django.setup()


def _migrate() -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
