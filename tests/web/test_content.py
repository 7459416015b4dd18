"""What the pages show: navigation by role, dashboard summaries, notifications, the audit filter, key lists."""

import re

import pytest
from django.test import Client

from audit.services import audit_record
from notifications.models import Notification
from notifications.services import notify
from tests.factories import PartnerFactory, api_key_for, member_company

pytestmark = pytest.mark.django_db

ADMIN_LINKS = (
    "/manage/members/", "/manage/invitations/", "/manage/moderators/", "/manage/partners/", "/manage/audit/",
    "/manage/settings/",
)  # fmt: skip
COMPANY_LINKS = ("/a/alpha/company/", "/a/alpha/company/colleagues/")


def nav(client) -> str:
    page = client.get("/a/alpha/").content.decode()
    return re.search(r'<nav class="association-nav".*?</nav>', page, re.S).group(0)


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_navigation_follows_the_role(cast):
    admin = nav(signed_in(cast.users["admin"]))
    assert all(link in admin for link in ADMIN_LINKS)
    assert not any(link in admin for link in COMPANY_LINKS)

    company_admin = nav(signed_in(cast.users["entitled"]))
    assert all(link in company_admin for link in COMPANY_LINKS) and "#invite-colleague" in company_admin
    assert not any(link in company_admin for link in ADMIN_LINKS)

    member = nav(signed_in(cast.users["not_entitled"]))
    assert all(link in member for link in COMPANY_LINKS) and "#invite-colleague" not in member
    for menu in (admin, company_admin, member):
        assert "/a/alpha/notifications/" in menu and 'href="/a/alpha/"' in menu


def test_dashboards_summarize_by_role(cast):
    member_company(cast.association, status="pending")
    member_company(cast.association, status="pending")
    admin_page = signed_in(cast.users["admin"]).get("/a/alpha/").content.decode()
    assert re.search(r'<span class="stat__value">2</span>\s*<span class="stat__label">Applications waiting', admin_page)

    company = cast.users["entitled"].company
    company_page = signed_in(cast.users["entitled"]).get("/a/alpha/").content.decode()
    assert company.legal_name_en in company_page and "Active" in company_page
    assert "Applications waiting" not in company_page


def test_notifications_are_rendered_marked_and_counted(cast):
    user = cast.users["entitled"]
    notify(
        recipients=[user],
        association=cast.association,
        kind="membership.approved",
        params={"association": "Alpha Association"},
        url="/a/alpha/",
    )
    notify(recipients=[user], association=cast.association, kind="invitation.accepted", params={"email": "a@b.test"})
    Notification.objects.filter(kind="invitation.accepted").update(read_at="2026-01-01T00:00Z")
    client = signed_in(user)
    page = client.get("/a/alpha/notifications/").content.decode()
    approved = Notification.objects.get(kind="membership.approved")
    # The link opens it through the centre, which marks it read and redirects to /a/alpha/.
    assert (
        f'<a href="/a/alpha/notifications/{approved.pk}/open/">'
        "Your company&#x27;s membership of Alpha Association was approved.</a>"
    ) in page
    assert "a@b.test accepted your invitation." in page
    assert page.count("notification--unread") == 1
    assert re.search(r"<span[^>]*data-unread-count[^>]*>1</span>", page)

    client.post("/a/alpha/notifications/read/")
    page = client.get("/a/alpha/notifications/").content.decode()
    assert "notification--unread" not in page
    assert re.search(r"<span[^>]*data-unread-count[^>]*>0</span>", page)


def test_notification_links_only_point_inside_the_site(cast):
    user = cast.users["entitled"]
    for url in ("//evil.example/", "https://evil.example/", "javascript:alert(1)"):
        Notification.objects.create(
            association=cast.association, recipient=user, kind="invitation.accepted", params={"email": "x"}, url=url
        )
    page = signed_in(user).get("/a/alpha/notifications/").content.decode()
    assert "evil.example" not in page and "javascript:" not in page


def test_audit_log_filters_by_action_and_pages(cast):
    for number in range(55):
        audit_record(action="test.bulk", association=cast.association, details={"n": number})
    audit_record(action="test.single", association=cast.association)
    audit_record(action="test.elsewhere", association=cast.other_association)
    client = signed_in(cast.users["admin"])

    first = client.get("/a/alpha/manage/audit/").content.decode()
    assert '<option value="test.single">' in first and "test.elsewhere" not in first
    assert "Page 1 of 2" in first

    single = client.get("/a/alpha/manage/audit/?action=test.single").content.decode()
    assert single.count("<code>test.single</code>") == 1 and "<code>test.bulk</code>" not in single

    bulk = client.get("/a/alpha/manage/audit/?action=test.bulk").content.decode()
    assert 'href="?action=test.bulk&amp;page=2"' in bulk
    second = client.get("/a/alpha/manage/audit/?action=test.bulk&page=2").content.decode()
    assert second.count("<code>test.bulk</code>") == 5

    # An action that was never recorded filters nothing rather than failing.
    assert "Page 1 of 2" in client.get("/a/alpha/manage/audit/?action=nonsense").content.decode()


def test_partner_page_lists_keys_without_their_secret(cast):
    partner = PartnerFactory(association=cast.association, name="Docket Data Ltd")
    api_key, plain = api_key_for(partner, scopes=["stats:read"], name="Nightly sync")
    page = signed_in(cast.users["admin"]).get("/a/alpha/manage/partners/").content.decode()
    assert "Docket Data Ltd" in page and "Nightly sync" in page and f"jdp_{api_key.prefix}_" in page
    assert "stats:read" in page
    assert plain not in page and plain.split("_")[-1] not in page


def test_plain_key_is_shown_once_after_creation(cast):
    partner = PartnerFactory(association=cast.association)
    client = signed_in(cast.users["admin"])
    response = client.post(
        f"/a/alpha/manage/partners/{partner.pk}/keys/new/", {"name": "CI", "scopes": ["reports:read"]}, follow=True
    )
    page = response.content.decode()
    plain = re.search(r"<code class=\"secret\" data-secret>(jdp_[^<]+)</code>", page).group(1)
    assert plain.startswith("jdp_")
    again = client.get(response.redirect_chain[-1][0]).content.decode()
    assert plain not in again and "no longer displayed" in again
