"""Every page is served from the platform itself and fits the Content Security Policy: no CDN, no inline styles,
no inline scripts without the nonce, no inline event handlers. Checked on the template files and on rendered pages."""

import re
from pathlib import Path

import pytest
from django.test import Client, RequestFactory
from django.views.defaults import server_error

from tests.factories import PartnerFactory, api_key_for, invitation_with_token, member_company

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE_FILES = sorted(
    [*ROOT.glob("templates/**/*.html"), *ROOT.glob("platform/*/templates/**/*.html")],
)

TAG = re.compile(r"<(script|link|img|iframe|source)\b([^>]*)>", re.I)
URL_ATTRIBUTE = re.compile(r"""\b(?:src|href)\s*=\s*["']?([^"'\s>]+)""", re.I)
EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.I)
INLINE_STYLE = re.compile(r"""<style\b|\sstyle\s*=""", re.I)
EVENT_HANDLER = re.compile(r"""<[^>]*\son[a-z]+\s*=""", re.I)
SCRIPT = re.compile(r"<script\b([^>]*)>", re.I)
TEMPLATE_COMMENT = re.compile(r"{% comment %}.*?{% endcomment %}|{#.*?#}", re.S)


def problems(html: str) -> list[str]:
    found = []
    for tag, attributes in TAG.findall(html):
        for url in URL_ATTRIBUTE.findall(attributes):
            if EXTERNAL.match(url):
                found.append(f"external {tag}: {url}")
    if INLINE_STYLE.search(html):
        found.append("inline style")
    if EVENT_HANDLER.search(html):
        found.append("inline event handler")
    for attributes in SCRIPT.findall(html):
        if "src=" not in attributes and "nonce=" not in attributes:
            found.append(f"inline script without nonce: <script{attributes}>")
    return found


def test_the_checker_catches_what_it_should():
    assert problems('<script src="https://cdn.example/htmx.js"></script>')
    assert problems('<link rel="stylesheet" href="//cdn.example/site.css">')
    assert problems('<p style="color: red">')
    assert problems("<style>p{}</style>")
    assert problems("<script>alert(1)</script>")
    assert problems('<button onclick="go()">')
    assert not problems('<script src="/static/js/site.js" defer></script><script nonce="abc">x()</script>')
    assert not problems('<a href="https://example.com/">a plain link may leave the site</a>')


@pytest.mark.parametrize("path", TEMPLATE_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_template_files(path):
    assert problems(TEMPLATE_COMMENT.sub("", path.read_text())) == []


def test_there_are_templates_to_check():
    assert len(TEMPLATE_FILES) > 25


@pytest.fixture
def rendered_pages(cast):
    """The HTML of every page, each fetched by someone allowed to see it."""
    partner = PartnerFactory(association=cast.association)
    api_key, _plain = api_key_for(partner)
    pending = member_company(cast.association, status="pending").memberships.get()
    _invitation, token = invitation_with_token(association=cast.association, kind="company")
    pages = {}
    anonymous = Client()
    for url in ("/accounts/login/", "/accounts/password/reset/", "/accounts/password/reset/sent/", f"/invite/{token}/"):
        pages[url] = anonymous.get(url)
    pages["/invite/unknown/"] = anonymous.get("/invite/unknown/")
    admin = Client()
    admin.force_login(cast.users["admin"])
    for url in (
        "/a/alpha/",
        "/a/alpha/notifications/",
        "/a/alpha/manage/members/?status=all",
        f"/a/alpha/manage/members/{pending.pk}/suspend/",
        "/a/alpha/manage/invitations/",
        "/a/alpha/manage/moderators/",
        "/a/alpha/manage/partners/",
        f"/a/alpha/manage/partners/{partner.pk}/keys/new/",
        f"/a/alpha/manage/partners/keys/{api_key.pk}/",
        "/a/alpha/manage/audit/",
        "/accounts/profile/",
        "/accounts/password/change/",
        "/a/no-such-association/",
    ):
        pages[url] = admin.get(url)
    company_admin = Client()
    company_admin.force_login(cast.users["entitled"])
    for url in ("/a/alpha/company/", "/a/alpha/company/colleagues/"):
        pages[url] = company_admin.get(url)
    return pages


def test_rendered_pages(rendered_pages):
    for url, response in rendered_pages.items():
        assert response.status_code in {200, 404}, url
        assert problems(response.content.decode()) == [], url


def test_rendered_pages_load_only_local_assets_and_the_live_script_inside_an_association(rendered_pages):
    dashboard = rendered_pages["/a/alpha/"].content.decode()
    assert '<link rel="stylesheet" href="/static/css/site.css">' in dashboard
    # The shared socket first: deferred scripts run in order.
    assert (
        '<script src="/static/js/live-socket.js" defer></script>'
        '<script src="/static/js/live-notifications.js" defer></script>'
    ) in dashboard
    assert 'data-notifications-socket="/ws/a/alpha/notifications/"' in dashboard
    assert re.search(r"<span[^>]*data-unread-count[^>]*>0</span>", dashboard)
    assert "data-notification-list" in rendered_pages["/a/alpha/notifications/"].content.decode()
    assert "live-notifications.js" not in rendered_pages["/accounts/login/"].content.decode()


def test_server_error_page_renders_without_a_request_context():
    response = server_error(RequestFactory().get("/"))
    page = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong" in page
    assert problems(page) == []
