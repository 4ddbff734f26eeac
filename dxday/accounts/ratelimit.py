"""Failed-login throttling, per (username, address) with a growing delay, and per address on its own.

- A (username, address) pair is locked after LOGIN_MAX_FAILURES failures, for LOGIN_LOCK_SECONDS; every
  further failure or attempt while locked doubles the delay (at most a day). Someone failing at another
  address does not lock the official out: only that pair is locked.
- One address is locked for every username after LOGIN_MAX_FAILURES_PER_ADDRESS failures within
  LOGIN_LOCK_SECONDS (password spraying).
- The client address is REMOTE_ADDR, or, behind TRUSTED_PROXIES reverse proxies, the address the
  outermost trusted proxy saw (read from the right of X-Forwarded-For; entries a client wrote are ignored).

Counts live in the cache (per-process LocMem by default; a shared cache, CACHE_TABLE, in production).
"""

from __future__ import annotations

import hashlib
import math
import time
from typing import Any

from django.conf import settings
from django.core.cache import cache

from dxday.core.text import fold

MAX_LOCK_SECONDS = 24 * 3600
KEEP_SECONDS = 24 * 3600  # how long a pair's failures are remembered


def client_address(request: Any) -> str:
    """The client's address, trusting X-Forwarded-For only through the configured number of proxies."""
    if request is None:
        return "unknown"
    return forwarded_address(
        request.META.get("REMOTE_ADDR") or "unknown", request.META.get("HTTP_X_FORWARDED_FOR", "")
    )


def forwarded_address(remote: str, forwarded_for: str) -> str:
    """The client's address from the connection's and the X-Forwarded-For header, trusting the header only
    through settings.TRUSTED_PROXIES proxies (for servers outside Django's request, the ballot box)."""
    proxies = settings.TRUSTED_PROXIES
    if not proxies:
        return remote
    forwarded = [a.strip() for a in forwarded_for.split(",") if a.strip()]
    chain = [*forwarded, remote]  # the last proxy is the one that connected to us
    return chain[max(len(chain) - 1 - proxies, 0)][:64]


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def _pair_key(username: str, address: str) -> str:
    return f"login-fail:pair:{_hash(fold(username) + '|' + address)}"


def _address_key(address: str) -> str:
    return f"login-fail:ip:{_hash(address)}"


def seconds_locked(username: str, address: str) -> int:
    """0 when the pair may try to sign in, else the seconds left of the longer lock (pair or address)."""
    now = time.time()
    until = max(
        (cache.get(_pair_key(username, address)) or {}).get("until", 0),
        (cache.get(_address_key(address)) or {}).get("until", 0),
    )
    return max(math.ceil(until - now), 0)


def is_locked(username: str, address: str) -> bool:
    return seconds_locked(username, address) > 0


def register_failure(username: str, address: str) -> None:
    """Count one failure (or one attempt while locked) for the pair and for the address."""
    now = time.time()
    base = settings.LOGIN_LOCK_SECONDS
    key = _pair_key(username, address)
    pair = cache.get(key) or {"failures": 0, "until": 0}
    pair["failures"] += 1
    over = pair["failures"] - settings.LOGIN_MAX_FAILURES
    if over >= 0:
        pair["until"] = now + min(base * 2 ** min(over, 20), MAX_LOCK_SECONDS)
    cache.set(key, pair, timeout=KEEP_SECONDS)
    key = _address_key(address)
    spray = cache.get(key) or {"failures": 0, "until": 0}
    spray["failures"] += 1
    if spray["failures"] >= settings.LOGIN_MAX_FAILURES_PER_ADDRESS:
        spray["until"] = now + base
    cache.set(key, spray, timeout=base)


def reset(username: str, address: str) -> None:
    """A successful sign-in clears the pair's failures (not the address count)."""
    cache.delete(_pair_key(username, address))
