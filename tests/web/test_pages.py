"""Every page, as every member of the cast: who gets it (200), who is sent to sign in (302), who gets the same
404 as for an association that does not exist."""

import pytest

from tests.factories import PartnerFactory, api_key_for, member_company
from tests.permission_matrix import ACTORS
from tests.web.helpers import ADMINS_OK, COMPANY_OK, MEMBERS_OK, expect, matrix, page_text

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/a/alpha/", "/a/alpha/notifications/"])
def test_pages_for_everyone_in_the_association(cast, url):
    matrix(cast, lambda c: c.get(url), MEMBERS_OK)


@pytest.mark.parametrize("url", ["/a/alpha/company/", "/a/alpha/company/colleagues/"])
def test_company_pages_for_the_company_people(cast, url):
    matrix(cast, lambda c: c.get(url), COMPANY_OK)


@pytest.mark.parametrize(
    "url",
    [
        "/a/alpha/manage/members/",
        "/a/alpha/manage/members/?status=all",
        "/a/alpha/manage/invitations/",
        "/a/alpha/manage/moderators/",
        "/a/alpha/manage/partners/",
        "/a/alpha/manage/audit/",
        "/a/alpha/manage/settings/",
        "/a/alpha/manage/audit/?action=membership.approve&page=1",
    ],
)
def test_management_pages_for_association_admins_only(cast, as_admin, url):
    matrix(cast, lambda c: c.get(url), ADMINS_OK, overrides=as_admin)


@pytest.mark.parametrize("decision", ["approve", "reject", "suspend", "reinstate"])
def test_membership_decision_confirmation_pages(cast, as_admin, decision):
    membership = member_company(cast.association, status="pending").memberships.get()
    url = f"/a/alpha/manage/members/{membership.pk}/{decision}/"
    matrix(cast, lambda c: c.get(url), ADMINS_OK, overrides=as_admin)


def test_an_unknown_decision_is_a_404_even_for_an_admin(cast):
    membership = member_company(cast.association, status="pending").memberships.get()
    url = f"/a/alpha/manage/members/{membership.pk}/explode/"
    matrix(cast, lambda c: c.get(url), expect())


def test_api_key_form_and_shown_once_page(cast, as_admin):
    partner = PartnerFactory(association=cast.association)
    api_key, _plain = api_key_for(partner)
    matrix(cast, lambda c: c.get(f"/a/alpha/manage/partners/{partner.pk}/keys/new/"), ADMINS_OK, overrides=as_admin)
    responses = matrix(
        cast, lambda c: c.get(f"/a/alpha/manage/partners/keys/{api_key.pk}/"), ADMINS_OK, overrides=as_admin
    )
    # Without the session that created it, the key's value is not there to show.
    assert "no longer displayed" in page_text(responses["admin"])
    assert "no-store" in responses["admin"]["Cache-Control"]


def test_profile_and_password_change_for_any_signed_in_person(cast):
    everyone = dict.fromkeys(("other_association", "not_entitled", "entitled", "moderator", "admin"), 200)
    for url in ("/accounts/profile/", "/accounts/password/change/"):
        matrix(cast, lambda c, url=url: c.get(url), {"anonymous": 302, **everyone})


def test_public_account_pages(client):
    for url in ("/accounts/login/", "/accounts/password/reset/", "/accounts/password/reset/sent/"):
        assert client.get(url).status_code == 200


def test_signed_out_visitors_are_sent_to_sign_in_with_a_way_back(client):
    response = client.get("/a/alpha/manage/members/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/a/alpha/manage/members/"


def test_unknown_association_gets_the_translated_not_found_page(cast, client):
    client.force_login(cast.users["entitled"])
    response = client.get("/a/no-such-association/")
    assert response.status_code == 404
    assert "Page not found" in page_text(response)


def test_home_sends_everyone_somewhere(cast):
    """Signed out: to the login page. Signed in to exactly one association (everyone in the cast): into it."""
    responses = matrix(cast, lambda c: c.get("/"), dict.fromkeys(ACTORS, 302))
    assert responses["anonymous"]["Location"] == "/accounts/login/?next=/"
    assert responses["other_association"]["Location"] == "/a/bravo/"
    assert responses["admin"]["Location"] == "/a/alpha/"
