"""Content Security Policy: on every response, strict (no 'unsafe-inline'), and nothing the pages break it with."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.urls import path, reverse

from tests.conftest import make_user
from tests.core.browser import NEEDS_CHROMIUM, signed_in_page

TEMPLATES = Path(__file__).resolve().parents[2] / "dxday" / "templates"
POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'; object-src 'none'"
)


def _directives(header: str) -> dict[str, str]:
    parts = (part.strip().split(" ", 1) for part in header.split(";") if part.strip())
    return {name: value for name, value in parts}


def test_csp_header_on_a_page_the_api_and_an_error_page(client, db):
    responses = {
        "page": client.get(reverse("home")),
        "api": client.get("/api/openapi.json"),
        "not found": client.get("/no-such-page/"),
    }
    statuses = {name: response.status_code for name, response in responses.items()}
    headers = {name: _directives(response["Content-Security-Policy"]) for name, response in responses.items()}
    assert statuses == {"page": 200, "api": 200, "not found": 404}
    assert headers == dict.fromkeys(responses, _directives(POLICY))


def test_csp_header_has_no_unsafe_source(client, db):
    header = client.get(reverse("login"))["Content-Security-Policy"]
    assert [word for word in header.split() if word.startswith("'unsafe")] == []


def _boom(request):
    raise RuntimeError("a server error, on purpose")


urlpatterns = [path("boom/", _boom)]


@pytest.mark.urls(__name__)
def test_csp_header_on_the_server_error_page(client, db):
    client.raise_request_exception = False
    response = client.get("/boom/")
    assert response.status_code == 500
    assert _directives(response["Content-Security-Policy"]) == _directives(POLICY)
    assert _offences(response.content.decode()) == []


# An inline script: <script> without src (json_script's data island, type="application/json", is data).
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.I)
STYLE = re.compile(r"<style\b|\sstyle=", re.I)
HANDLER = re.compile(r"\son[a-z]+\s*=", re.I)


def _offences(text: str) -> list[str]:
    found = []
    for pattern in (INLINE_SCRIPT, STYLE, HANDLER):
        found += [match.group(0).strip() for match in pattern.finditer(text)]
    return found


def test_templates_have_no_inline_script_style_or_handler():
    offences = {
        str(path.relative_to(TEMPLATES)): _offences(path.read_text())
        for path in sorted(TEMPLATES.rglob("*.html"))
    }
    assert {name: found for name, found in offences.items() if found} == {}


def test_inline_checks_catch_what_they_are_meant_to():
    page = (
        '<script>alert(1)</script><script src="/s.js"></script><script type="application/json">{}</script>'
        '<p style="color:red" onclick="x()"></p><style>p{}</style><a data-onclick="1">'
    )
    assert sorted(_offences(page)) == ["<script>", "<style", "onclick=", "style="]


COLLECT_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__cspViolations.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " " + e.sourceFile + ":" + e.lineNumber);
});
"""


def _violations(page, site, path):
    messages = []
    page.on("console", lambda m: messages.append(m.text) if "Content Security Policy" in m.text else None)
    response = page.goto(site + path)
    page.wait_for_load_state("load")
    page.wait_for_timeout(150)  # late ones: scripts that style elements after load (charts, htmx)
    return response.status, page.evaluate("window.__cspViolations") + messages


@NEEDS_CHROMIUM
def test_main_pages_break_no_csp_rule(browser, site, main_pages):
    found = {}
    pages = {}
    for name, user, url in main_pages:
        if user not in pages:
            pages[user] = signed_in_page(browser, site, user)
            pages[user].add_init_script(COLLECT_VIOLATIONS)
        status, violations = _violations(pages[user], site, url)
        found[name] = (status, violations)
    assert found == dict.fromkeys(found, (200, []))
    # The watch sees what the policy blocks: a style attribute added to the last page is reported.
    page = pages[user]
    page.evaluate("document.body.insertAdjacentHTML('beforeend', '<p style=color:red>x</p>')")
    page.wait_for_timeout(150)
    assert [v.split()[0] for v in page.evaluate("window.__cspViolations")] == ["style-src-attr"]


@NEEDS_CHROMIUM
def test_admin_and_api_docs_break_no_csp_rule(browser, site, db):
    from dxday.accounts.models import User

    admin = make_user("admin", is_staff=True, is_superuser=True)
    page = signed_in_page(browser, site, admin)
    page.add_init_script(COLLECT_VIOLATIONS)
    paths = {
        "admin": reverse("admin:index"),
        "admin list": reverse("admin:accounts_user_changelist"),
        "admin change": reverse("admin:accounts_user_change", args=[User.objects.get(username="admin").pk]),
        "api docs": "/api/docs",
    }
    found = {name: _violations(page, site, url) for name, url in paths.items()}
    assert page.locator("#swagger-ui .opblock").count() > 0  # the docs drew the operations
    assert found == dict.fromkeys(found, (200, []))
