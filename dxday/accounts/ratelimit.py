"""Failed-login throttling: too many failures for one username or one address lock both out for a while.

Counts live in the cache (per-process LocMem by default; a shared cache in production).
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache

from dxday.core.text import fold


def _keys(username: str, address: str) -> list[str]:
    user = hashlib.sha256(fold(username).encode()).hexdigest()[:32]
    where = hashlib.sha256(address.encode()).hexdigest()[:32]
    return [f"login-fail:user:{user}", f"login-fail:ip:{where}"]


def is_locked(username: str, address: str) -> bool:
    return any((cache.get(k) or 0) >= settings.LOGIN_MAX_FAILURES for k in _keys(username, address))


def register_failure(username: str, address: str) -> None:
    for key in _keys(username, address):
        if not cache.add(key, 1, timeout=settings.LOGIN_LOCK_SECONDS):
            try:
                cache.incr(key)
            except ValueError:
                cache.set(key, 1, timeout=settings.LOGIN_LOCK_SECONDS)


def reset(username: str, address: str) -> None:
    cache.delete(_keys(username, address)[0])
