"""Bad input gets a clear, translated error beside the field it concerns (or at the top), and writes nothing."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from tenancy.models import Membership
from tests.factories import PASSWORD, PartnerFactory, invitation_with_token
from tests.permission_matrix import database_fingerprint

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def field_errors(response, field: str) -> list[str]:
    """The messages Django renders in the error list of `field` (ul id="id_<field>_error")."""
    html = response.content.decode()
    match = re.search(rf'<ul class="errorlist" id="id_{field}_error">(.*?)</ul>', html, re.S)
    return re.findall(r"<li>(.*?)</li>", match.group(1)) if match else []


def top_errors(response) -> str:
    html = response.content.decode()
    match = re.search(r'<div class="form-errors" role="alert">(.*?)</div>', html, re.S)
    return match.group(1) if match else ""


def assert_refused(client, url, data, field=None, text=""):
    before = database_fingerprint()
    response = client.post(url, data)
    assert response.status_code == 200
    if field:
        assert any(text in error for error in field_errors(response, field)), field_errors(response, field)
    else:
        assert text in top_errors(response)
    assert database_fingerprint() == before
    return response


@pytest.mark.parametrize("email", ["not-an-email", "two@@example.test", ""])
def test_malformed_email_on_the_invitation_form(cast, email):
    client = signed_in(cast.users["admin"])
    expected = "This field is required." if not email else "Enter a valid email address."
    assert_refused(client, "/a/alpha/manage/invitations/", {"kind": "company", "email": email}, "email", expected)


def test_malformed_email_on_the_colleague_form(cast):
    client = signed_in(cast.users["entitled"])
    data = {"email": "nobody at example", "company_role": "member"}
    assert_refused(client, "/a/alpha/company/colleagues/", data, "email", "Enter a valid email address.")


def test_second_invitation_for_the_same_address_is_refused_by_the_service(cast):
    client = signed_in(cast.users["admin"])
    data = {"kind": "counsel", "email": "counsel@lawfirm.test"}
    assert client.post("/a/alpha/manage/invitations/", data).status_code == 302
    assert_refused(client, "/a/alpha/manage/invitations/", data, "email", "An open invitation")


def test_service_errors_land_on_their_fields(cast):
    client = signed_in(cast.users["admin"])
    partner = PartnerFactory(association=cast.association, name="Existing Firm")
    assert_refused(
        client,
        "/a/alpha/manage/partners/",
        {"name": "existing firm"},
        "name",
        "A partner with this name already exists.",
    )
    url = f"/a/alpha/manage/partners/{partner.pk}/keys/new/"
    past = (timezone.now() - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    assert_refused(client, url, {"name": "k", "scopes": ["stats:read"], "expires_at": past}, "expires_at", "future")
    assert_refused(client, url, {"name": "k", "scopes": []}, "scopes", "This field is required.")
    assert_refused(client, url, {"name": "k", "scopes": ["admin:all"]}, "scopes", "Select a valid choice.")


def test_company_profile_rejects_a_bad_domain_and_an_empty_name(cast):
    client = signed_in(cast.users["entitled"])
    data = {
        "legal_name_en": "Fine Co.",
        "web_domains": "fine.example\nnot a domain",
        "industry": "other",
        "size": "small",
    }
    assert_refused(client, "/a/alpha/company/", data, "web_domains", "is not a domain name")
    data = {"legal_name_en": "", "industry": "other", "size": "small"}
    assert_refused(client, "/a/alpha/company/", data, "legal_name_en", "This field is required.")


def test_a_repeated_decision_is_refused_with_the_reason(cast):
    membership = Membership.objects.filter(association=cast.association, status="active").first()
    client = signed_in(cast.users["admin"])
    url = f"/a/alpha/manage/members/{membership.pk}/reinstate/"
    assert_refused(client, url, {}, text="cannot be changed that way")


def test_refused_actions_explain_themselves_after_the_redirect(cast):
    client = signed_in(cast.users["entitled"])
    me = cast.users["entitled"]
    before = database_fingerprint()
    response = client.post(f"/a/alpha/company/colleagues/{me.pk}/deactivate/", follow=True)
    assert response.status_code == 200
    assert "You cannot deactivate your own account." in response.content.decode()
    assert database_fingerprint() == before


# Invitations: unknown, used, withdrawn and expired links.


def test_unknown_invitation_link_is_a_404_with_an_explanation(client):
    response = client.get("/invite/not-a-real-token/")
    assert response.status_code == 404
    assert "This invitation link is not valid." in response.content.decode()


@pytest.mark.parametrize(
    ("state", "message"),
    [
        ({"accepted_at": timezone.now}, "This invitation has already been used."),
        ({"revoked_at": timezone.now}, "This invitation was withdrawn."),
        ({"expires_at": lambda: timezone.now() - timedelta(minutes=1)}, "This invitation has expired."),
    ],
)
def test_unusable_invitation_links_are_gone(client, cast, state, message):
    _invitation, token = invitation_with_token(
        association=cast.association, kind="counsel", **{k: v() for k, v in state.items()}
    )
    before = database_fingerprint()
    for response in (client.get(f"/invite/{token}/"), client.post(f"/invite/{token}/", {"display_name": "X"})):
        assert response.status_code == 410
        assert message in response.content.decode()
    assert database_fingerprint() == before


def _person(**overrides):
    return {
        "display_name": "Wang Fang",
        "password": PASSWORD,
        "password_confirm": PASSWORD,
        "preferred_language": "zh-hans",
        **overrides,
    }


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("short", "This password is too short."),
        ("password123", "This password is too common."),
        ("48201937465019", "This password is entirely numeric."),
    ],
)
def test_weak_password_on_invitation_accept(client, cast, password, message):
    _invitation, token = invitation_with_token(association=cast.association, kind="counsel")
    data = _person(password=password, password_confirm=password)
    assert_refused(client, f"/invite/{token}/", data, "password", message)


def test_password_confirmation_must_match(client, cast):
    _invitation, token = invitation_with_token(association=cast.association, kind="counsel")
    assert_refused(
        client, f"/invite/{token}/", _person(password_confirm="Other-Password-77"), "password_confirm", "differ"
    )


def test_company_invitation_needs_the_legal_name(client, cast):
    _invitation, token = invitation_with_token(association=cast.association, kind="company")
    data = _person(legal_name_en="", industry="retail", size="micro")
    assert_refused(client, f"/invite/{token}/", data, "legal_name_en", "This field is required.")


def test_invitation_for_an_address_that_already_has_an_account(client, cast):
    existing = cast.users["not_entitled"]
    _invitation, token = invitation_with_token(association=cast.association, kind="counsel", email=existing.email)
    assert_refused(client, f"/invite/{token}/", _person(), text="An account with this e-mail address already exists.")


def test_reused_invitation_cannot_create_a_second_account(client, cast):
    _invitation, token = invitation_with_token(association=cast.association, kind="counsel")
    assert client.post(f"/invite/{token}/", _person()).status_code == 302
    before = database_fingerprint()
    response = Client().post(f"/invite/{token}/", _person(display_name="Second"))
    assert response.status_code == 410
    assert "already been used" in response.content.decode()
    assert database_fingerprint() == before


def test_errors_render_in_the_language_of_the_person(cast):
    user = cast.users["entitled"]
    user.preferred_language = "zh-hans"
    user.save(update_fields=["preferred_language"])
    client = signed_in(user)
    response = client.post("/a/alpha/company/colleagues/", {"email": "bad", "company_role": "member"})
    assert response.status_code == 200
    assert '<html lang="zh-hans">' in response.content.decode()
    assert field_errors(response, "email")
