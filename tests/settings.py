"""Test settings: the project settings with the two things tests must not pay for."""
from dxday.settings import *  # noqa: F403

SECURE_SSL_REDIRECT = False  # the test client speaks plain HTTP
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast hashing in tests only
