"""A person of association A reaches nothing of association B through the web pages: not through A's URLs
with B's ids, not through B's URLs. Every refusal is the same 404 as an unknown association's and writes nothing."""

import pytest
from django.test import Client

from accounts.models import ApiKey
from notifications.models import Notification
from tenancy.models import AssociationRole
from tests.factories import (
    PartnerFactory,
    api_key_for,
    association_role,
    company_user,
    invitation_with_token,
    member_company,
)
from tests.permission_matrix import database_fingerprint
from tests.web.helpers import not_found

pytestmark = pytest.mark.django_db


@pytest.fixture
def bravo(cast):
    """One object of every kind in association B."""
    association = cast.other_association
    company = member_company(association, status="pending")
    partner = PartnerFactory(association=association)
    api_key, _plain = api_key_for(partner)
    invitation, _token = invitation_with_token(association=association, kind="counsel")
    colleague_invitation, _token = invitation_with_token(
        association=association, kind="colleague", company=company, company_role="member"
    )
    moderator = association_role(association, "moderator", company_user(member_company(association)))
    return {
        "membership": company.memberships.get().pk,
        "partner": partner.pk,
        "key": api_key.pk,
        "invitation": invitation.pk,
        "colleague_invitation": colleague_invitation.pk,
        "user": company_user(company).pk,
        "assignment": AssociationRole.objects.get(user=moderator, role="moderator").pk,
        "notification": Notification.objects.create(
            association=association, recipient=cast.users["other_association"], kind="invitation.accepted", params={}
        ).pk,
    }


GETS = [
    "/a/{slug}/manage/members/{membership}/approve/",
    "/a/{slug}/manage/partners/{partner}/keys/new/",
    "/a/{slug}/manage/partners/keys/{key}/",
]
POSTS = [
    "/a/{slug}/manage/members/{membership}/approve/",
    "/a/{slug}/manage/members/{membership}/reject/",
    "/a/{slug}/manage/invitations/{invitation}/revoke/",
    "/a/{slug}/manage/moderators/{assignment}/remove/",
    "/a/{slug}/manage/partners/{partner}/keys/new/",
    "/a/{slug}/manage/partners/keys/{key}/revoke/",
    "/a/{slug}/company/colleagues/{user}/deactivate/",
    "/a/{slug}/company/colleagues/invitations/{colleague_invitation}/revoke/",
    "/a/{slug}/notifications/{notification}/read/",
]
POST_DATA = {"name": "stolen", "scopes": ["reports:read"], "note": "x"}


@pytest.fixture
def alpha_admin_and_company_admin(cast):
    """A person of A who is both association admin and company admin: the widest access A offers."""
    user = cast.users["entitled"]
    association_role(cast.association, "admin", user)
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("url", GETS)
@pytest.mark.parametrize("slug", ["alpha", "bravo"])
def test_pages_of_b_are_not_found_for_a(alpha_admin_and_company_admin, bravo, url, slug):
    response = alpha_admin_and_company_admin.get(url.format(slug=slug, **bravo))
    assert response.status_code == 404
    assert response.content == not_found(alpha_admin_and_company_admin).content


@pytest.mark.parametrize("url", POSTS)
@pytest.mark.parametrize("slug", ["alpha", "bravo"])
def test_actions_on_b_are_not_found_for_a_and_write_nothing(alpha_admin_and_company_admin, bravo, url, slug):
    before = database_fingerprint()
    response = alpha_admin_and_company_admin.post(url.format(slug=slug, **bravo), POST_DATA)
    assert response.status_code == 404
    assert response.content == not_found(alpha_admin_and_company_admin).content
    assert database_fingerprint() == before


def test_lists_of_a_show_nothing_of_b(cast, alpha_admin_and_company_admin, bravo):
    bravo_key = ApiKey.objects.get(pk=bravo["key"])
    pages = [
        "/a/alpha/manage/members/?status=all",
        "/a/alpha/manage/invitations/",
        "/a/alpha/manage/moderators/",
        "/a/alpha/manage/partners/",
        "/a/alpha/manage/audit/",
        "/a/alpha/company/colleagues/",
        "/a/alpha/notifications/",
    ]
    text = "".join(alpha_admin_and_company_admin.get(url).content.decode() for url in pages)
    assert bravo_key.prefix not in text
    assert bravo_key.partner.name not in text
    for membership in cast.other_association.memberships.select_related("company"):
        assert membership.company.legal_name_en not in text
    assert "invitee" not in text  # invitation e-mails of B (the factory's invitee addresses)


def test_moderator_candidates_of_a_never_include_people_of_b(cast, bravo):
    client = Client()
    client.force_login(cast.users["admin"])
    bravo_person = company_user(member_company(cast.other_association))
    page = client.get("/a/alpha/manage/moderators/").content.decode()
    assert f'value="{bravo_person.pk}"' not in page
    before = database_fingerprint()
    response = client.post("/a/alpha/manage/moderators/", {"user": bravo_person.pk})
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    assert database_fingerprint() == before


def test_suspension_takes_effect_on_the_next_request(cast):
    person = Client()
    person.force_login(cast.users["entitled"])
    assert person.get("/a/alpha/").status_code == 200
    membership = cast.users["entitled"].company.memberships.get(association=cast.association)

    admin = Client()
    admin.force_login(cast.users["admin"])
    response = admin.post(f"/a/alpha/manage/members/{membership.pk}/suspend/", {"note": "Dues unpaid"})
    assert response.status_code == 302

    for url in ("/a/alpha/", "/a/alpha/company/", "/a/alpha/notifications/"):
        response = person.get(url)
        assert response.status_code == 404
        assert response.content == not_found(person).content
    # Home no longer offers the association, and says why.
    home = person.get("/").content.decode()
    assert "/a/alpha/" not in home.split("<main", 1)[1]
    assert "is suspended" in home
