"""Test settings: a throw-away WAYHOME_HOME, fast password hashing, the same everything else."""

import os
import tempfile

os.environ.setdefault("WAYHOME_HOME", tempfile.mkdtemp(prefix="wayhome-test-"))

from wayhome.web.settings import *  # noqa: E402,F403

# Argon2 is the production hasher (checked in tests/apps/accounts); tests log in many
# times, so they use a fast one.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
PRODUCTION_PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
WAYHOME_AUDIT_ANCHOR = None
