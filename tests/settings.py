"""Test settings: the project settings with the two things tests must not pay for."""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-" + "k" * 50)  # production refuses to start without one

from dxday.settings import *  # noqa: E402, F403

SECURE_SSL_REDIRECT = False  # the test client speaks plain HTTP
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast hashing in tests only
# Static files straight from the apps (no collectstatic manifest in tests).
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
WHITENOISE_AUTOREFRESH = True
# Pages are rendered afresh in every test; tests/core/test_pagecache.py turns the page cache on itself.
PUBLIC_PAGE_SECONDS = 0
