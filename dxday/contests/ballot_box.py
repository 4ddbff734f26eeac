"""The ballot box: the public vote (POST /contests/<id>/vote.json) served by an asynchronous server of its
own, with the votes of many voters written together.

Why: through Django's request cycle a vote costs a sync worker about 5 ms of CPU (middleware, resolve,
one statement, its own commit), which caps a 2-core machine near 100 votes/s; the 10/10 peak needs
thousands. Here one event loop per worker reads the requests and queues the votes; a writer connection
takes all that is queued and runs the vote statement (contests.lean, the same rules) once for all of
them: one statement, one transaction, one commit. A vote is answered only after its transaction commits,
so an acknowledged vote is never lost (a killed worker loses only unanswered ones), and the unique
constraint still refuses a second vote whatever the batching.

The ballot box answers only what the statement decides: 201 for a vote written (accepted, or held for a
moderator) and 409 for a second vote in the category. Every other request — another path, a malformed
body, a wrong or expired code, a closed vote — is handed to the Django application as it came, so the
messages, the code's attempt counter and every rule stay in one place (services.cast_vote), and the route
stays under the permission matrix. The vote path takes no cookie and no session, so no one's rights
change its answer. Its answers carry the security headers Django's middleware puts on that path (read
from Django's own answer when a worker starts).

Served by `dxday serve --ballot-box` (gunicorn with uvicorn workers); nginx sends the vote path here
(deploy/nginx/dxday.conf). Without PostgreSQL (lean.available() is false) it hands every request to
Django.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import logging
import re
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

import psycopg
from django.conf import settings
from django.core.handlers.asgi import ASGIHandler
from django.db import connection
from django.utils import timezone, translation
from django.utils.translation import trans_real

from dxday.accounts.ratelimit import forwarded_address
from dxday.contests import lean, services
from dxday.contests.models import VoteStatus

log = logging.getLogger(__name__)

VOTE_PATH = re.compile(r"/contests/(\d+)/vote\.json")
MAX_BODY = 4096  # a token and a code; anything larger goes to Django, which refuses it
BATCH = 200  # votes at most in one transaction
WRITERS = 1  # database connections per worker that write votes
RETRIES = 3  # a batch rolled back (a deadlock between two batches, a lock wait over LOCK_TIMEOUT) runs again
LOCK_TIMEOUT = "200ms"

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict]]
Send = Callable[[Mapping[str, Any]], Awaitable[None]]


@dataclasses.dataclass
class Waiting:
    """One ballot waiting for a writer, with the future its request awaits."""

    ballot: lean.Ballot
    done: asyncio.Future


async def _connect() -> psycopg.AsyncConnection:
    """A writer's connection to the project's database: autocommit (each batch is one statement), the
    statement prepared on its first use, a lock wait cut short (a batch that waits that long is run again)."""
    params = connection.get_connection_params()
    conninfo = {k: params[k] for k in ("dbname", "user", "password", "host", "port") if params.get(k)}
    conn = await psycopg.AsyncConnection.connect(**conninfo, autocommit=True, prepare_threshold=0)
    await conn.execute(f"SET lock_timeout = '{LOCK_TIMEOUT}'")
    return conn


class Writers:
    """The connections (WRITERS) that write the queued ballots, each taking all that wait (up to BATCH)
    per statement: when the database is quick, batches are small and votes wait little; under load they
    grow and the work is shared. One more connection seals the log."""

    def __init__(self, count: int = WRITERS, batch: int = BATCH) -> None:
        self.count, self.batch = count, batch
        self.waiting: list[Waiting] = []
        self.wake = asyncio.Event()
        self.tasks: list[asyncio.Task] = []
        self.connections: list[psycopg.AsyncConnection] = []
        self.to_seal: set[int] = set()
        self.seal_wake = asyncio.Event()

    async def start(self) -> None:
        for _ in range(self.count):
            self.tasks.append(asyncio.create_task(self._write(await self._connect())))
        self.tasks.append(asyncio.create_task(self._seal(await self._connect())))

    async def _connect(self) -> psycopg.AsyncConnection:
        conn = await _connect()
        self.connections.append(conn)
        return conn

    async def stop(self) -> None:
        """Stop writing (the ballots still waiting get Django's path) and close the connections."""
        for task in self.tasks:
            task.cancel()
        await asyncio.gather(*self.tasks, return_exceptions=True)
        for item in self.waiting:
            if not item.done.done():
                item.done.set_result(None)
        for conn in self.connections:
            await conn.close()

    def submit(self, item: Waiting) -> None:
        self.waiting.append(item)
        self.wake.set()

    async def _write(self, conn: psycopg.AsyncConnection) -> None:
        while True:
            while not self.waiting:
                self.wake.clear()
                await self.wake.wait()
            batch, self.waiting = self.waiting[: self.batch], self.waiting[self.batch :]
            try:
                answers = await self._run(conn, [item.ballot for item in batch])
            except Exception as err:  # noqa: BLE001 (every ballot gets an answer: Django's path decides)
                log.warning(
                    "ballot box: a batch of %d failed (%s); Django's path answers them", len(batch), err
                )
                answers = [None] * len(batch)
                if conn.broken:
                    conn = await self._connect()
            contests = set()
            for item, answer in zip(batch, answers, strict=True):
                if not item.done.done():
                    item.done.set_result(answer)
                if isinstance(answer, lean.Written) and answer.status == VoteStatus.ACCEPTED:
                    contests.add(answer.contest_id)
            for contest_id in contests:
                self._seal_later(contest_id)

    async def _run(
        self, conn: psycopg.AsyncConnection, ballots: list[lean.Ballot]
    ) -> list[lean.Written | str | None]:
        for attempt in range(RETRIES):
            try:
                return await lean.cast_many(
                    conn, ballots, max_attempts=services.MAX_ATTEMPTS, window=services.BURST_WINDOW
                )
            except (psycopg.errors.DeadlockDetected, psycopg.errors.LockNotAvailable):
                if attempt == RETRIES - 1:
                    raise
        raise AssertionError("unreachable")

    def _seal_later(self, contest_id: int) -> None:
        self.to_seal.add(contest_id)
        self.seal_wake.set()

    async def _seal(self, conn: psycopg.AsyncConnection) -> None:
        """Add the new votes to their contests' logs, at most every SEAL_EVERY seconds, on a connection of
        its own: the answers never wait for it, and the writers keep inserting while it works (the
        contest row is locked FOR NO KEY UPDATE; another worker's sealer skips it meanwhile)."""
        while True:
            await self.seal_wake.wait()
            self.seal_wake.clear()
            contests, self.to_seal = self.to_seal, set()
            for contest_id in contests:
                try:
                    while await lean.seal(conn, contest_id, limit=services.SEAL_BATCH) == services.SEAL_BATCH:
                        pass
                except Exception:  # noqa: BLE001 (the next vote, or the next read of the log, seals them)
                    log.exception("ballot box: sealing contest %s", contest_id)
                    if conn.broken:
                        conn = await self._connect()
            await asyncio.sleep(services.SEAL_EVERY)


def _headers(scope: Scope) -> dict[bytes, bytes]:
    return {name.lower(): value for name, value in scope.get("headers", [])}


def _cookie(headers: dict[bytes, bytes], name: str) -> str:
    for part in headers.get(b"cookie", b"").decode("latin-1").split(";"):
        key, _, value = part.strip().partition("=")
        if key == name:
            return value
    return ""


def _secure(scope: Scope, headers: dict[bytes, bytes]) -> bool:
    """Did the request come over HTTPS (itself, or as the proxy says: SECURE_PROXY_SSL_HEADER)?"""
    if scope.get("scheme") == "https":
        return True
    if not settings.SECURE_PROXY_SSL_HEADER:
        return False
    meta_name, expected = settings.SECURE_PROXY_SSL_HEADER
    name = meta_name.removeprefix("HTTP_").lower().replace("_", "-").encode()
    return headers.get(name, b"").split(b",")[0].strip().decode("latin-1") == expected


def _a_host() -> str:
    """A host name Django accepts (ALLOWED_HOSTS), for the request that reads its headers."""
    for host in settings.ALLOWED_HOSTS:
        if host != "*":
            return host.lstrip(".")
    return "localhost"


def _language(headers: dict[bytes, bytes]) -> str:
    """The answer's language as Django's locale middleware picks it: the language cookie, then
    Accept-Language, then Vietnamese."""
    wanted = [_cookie(headers, settings.LANGUAGE_COOKIE_NAME)]
    accept = headers.get(b"accept-language", b"").decode("latin-1")
    wanted += [lang for lang, _q in trans_real.parse_accept_lang_header(accept)]
    for lang in wanted:
        if lang and lang != "*":
            try:
                return translation.get_supported_language_variant(lang)
            except LookupError:
                continue
    return settings.LANGUAGE_CODE


class BallotBox:
    """The ASGI application: the vote path here, everything else (and every vote it does not decide)
    through Django's ASGI handler."""

    def __init__(self, django: ASGIHandler | None = None) -> None:
        self.django = django or ASGIHandler()
        self.writers: Writers | None = None
        self.security_headers: list[tuple[bytes, bytes]] | None = None
        self.lean = lean.available()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
            return
        match = VOTE_PATH.fullmatch(scope.get("path", "")) if scope["type"] == "http" else None
        if match is None or scope["method"] != "POST" or not self.lean:
            await self.django(scope, receive, send)
            return
        await self.vote(scope, receive, send, int(match[1]))

    async def _lifespan(self, receive: Receive, send: Send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                try:
                    await self.start()
                except Exception as err:  # noqa: BLE001 (the server reports it and does not start)
                    await send({"type": "lifespan.startup.failed", "message": str(err)})
                    return
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await self.stop()
                await send({"type": "lifespan.shutdown.complete"})
                return

    async def start(self) -> None:
        if self.lean and self.writers is None:
            self.writers = Writers()
            await self.writers.start()
        if self.security_headers is None:
            self.security_headers = await self._django_headers()

    async def stop(self) -> None:
        if self.writers is not None:
            await self.writers.stop()
            self.writers = None

    async def _django_headers(self) -> list[tuple[bytes, bytes]]:
        """The headers Django's middleware gives an answer of the vote path (CSP, nosniff, frame and
        referrer policies, HSTS behind HTTPS, ...), read off a request Django refuses before any query."""
        quiet = logging.getLogger("django.request")  # this refusal is ours: no "Bad Request" in the log
        level = quiet.level
        quiet.setLevel(logging.ERROR)
        try:
            answer = await self._ask_django(
                {
                    "type": "http",
                    "method": "POST",
                    "path": "/contests/0/vote.json",
                    "query_string": b"",
                    "headers": [(b"host", _a_host().encode())],
                    "scheme": "https" if settings.SECURE_SSL_REDIRECT else "http",
                    "server": ("127.0.0.1", 80),
                    "client": ("127.0.0.1", 0),
                },
                b"",
            )
        finally:
            quiet.setLevel(level)
        skip = {b"content-type", b"content-length", b"content-language", b"vary", b"set-cookie"}
        return [(name.lower(), value) for name, value in answer if name.lower() not in skip]

    async def _ask_django(self, scope: Scope, body: bytes) -> list[tuple[bytes, bytes]]:
        headers: list[tuple[bytes, bytes]] = []

        async def send(message: Mapping[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers.extend(message.get("headers", []))

        await self.django({**scope, "asgi": {"version": "3.0"}}, _replay(body, False, _stay), send)
        return headers

    async def vote(self, scope: Scope, receive: Receive, send: Send, contest_id: int) -> None:
        read = await _read_body(receive)
        if read is None:
            return
        body, more = read
        headers = _headers(scope)
        ballot = None if more or len(body) > MAX_BODY else self._ballot(scope, headers, body, contest_id)
        answer = None
        if ballot is not None and self.writers is not None:
            item = Waiting(ballot, asyncio.get_running_loop().create_future())
            self.writers.submit(item)
            answer = await item.done
        if answer is None:  # not ours to decide: Django answers the same request
            await self.django(scope, _replay(body, more, receive), send)
            return
        language = _language(headers)
        if answer == lean.ALREADY_VOTED:
            with translation.override(language):
                detail = json.dumps({"detail": str(services.DUPLICATE)}, ensure_ascii=False)
            await self._answer(send, 409, detail.encode(), language)
            return
        assert isinstance(answer, lean.Written)
        # status, ref and receipt are ASCII words, a UUID and a hex digest: nothing to escape
        data = f'{{"status": "{answer.status}", "ref": "{answer.ballot.ref}", "receipt": "{answer.receipt}"}}'
        await self._answer(send, 201, data.encode(), language)

    def _ballot(
        self, scope: Scope, headers: dict[bytes, bytes], body: bytes, contest_id: int
    ) -> lean.Ballot | None:
        """The vote's parameters, or None when Django should answer (not JSON, a bad token, ...)."""
        if headers.get(b"content-type", b"").split(b";")[0].strip() != b"application/json":
            return None
        if settings.SECURE_SSL_REDIRECT and not _secure(scope, headers):  # Django redirects it to https
            return None
        try:
            data = json.loads(body or b"{}")
        except (ValueError, UnicodeDecodeError):
            return None
        if not isinstance(data, dict):
            return None
        token = services.read_vote_token(str(data.get("token", "")))
        if token is None or not isinstance(token.get("code"), int) or not isinstance(token.get("entry"), int):
            return None
        remote = (scope.get("client") or ("unknown", 0))[0]
        address = services.voter_address(
            forwarded_address(remote, headers.get(b"x-forwarded-for", b"").decode("latin-1"))
        )
        subnet = services.subnet_of(address)
        return lean.Ballot(
            contest_id=contest_id,
            entry_id=token["entry"],
            code_id=token["code"],
            code_hash=services._code_hash(token["code"], str(data.get("code", "")).strip()),
            address=address,
            subnet=subnet,
            device=services.device_key(data.get("device")),
            now=timezone.now(),
        )

    async def _answer(self, send: Send, status: int, body: bytes, language: str) -> None:
        headers = [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
            (b"content-language", language.encode()),
            (b"vary", b"Accept-Language, Cookie"),
            *(self.security_headers or []),
        ]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})


async def _read_body(receive: Receive) -> tuple[bytes, bool] | None:
    """The request's body as far as read, and whether more of it follows (a body over MAX_BODY is not
    read to the end: Django reads the rest); None when the client went away."""
    chunks, size = [], 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return None
        chunk = message.get("body", b"")
        chunks.append(chunk)
        size += len(chunk)
        more = bool(message.get("more_body"))
        if not more or size > MAX_BODY:
            return b"".join(chunks), more


async def _stay() -> dict:
    """A client that stays until answered (Django cancels the wait when it has answered)."""
    await asyncio.Event().wait()
    raise AssertionError("unreachable")


def _replay(body: bytes, more: bool, receive: Receive) -> Receive:
    """A receive() that gives Django the body already read, then the rest of the request."""
    sent = False

    async def replay() -> dict:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": more}
        return await receive()

    return replay
