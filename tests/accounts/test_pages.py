"""Signing in and out, password reset and change, language, profile, and accepting invitations end to end."""

import re

import pytest
from django.core import mail
from django.test import Client

from accounts.models import User
from tenancy.models import MembershipStatus
from tests.factories import PASSWORD, association_role, invitation_with_token
from tests.permission_matrix import database_fingerprint

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Another-Long-Passphrase-31"


def html_lang(response) -> str:
    return re.search(r'<html lang="([^"]*)">', response.content.decode()).group(1)


def login(client, email, password):
    return client.post("/accounts/login/", {"username": email, "password": password})


def test_login_form_keeps_djangos_field_names_and_labels_the_email(client):
    page = client.get("/accounts/login/").content.decode()
    assert 'name="username"' in page and 'type="email"' in page and 'name="password"' in page
    assert '<label for="id_username">E-mail address:</label>' in page


def test_login_then_home_leads_into_the_only_association_and_logout_ends_the_session(cast):
    client = Client()
    user = cast.users["entitled"]
    response = login(client, user.email.upper(), PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/")["Location"] == "/a/alpha/"
    assert client.get("/a/alpha/").status_code == 200

    assert client.get("/accounts/logout/").status_code == 405  # signing out is a POST (CSRF-protected)
    response = client.post("/accounts/logout/")
    assert response.status_code == 302 and response["Location"] == "/accounts/login/"
    assert client.get("/a/alpha/").status_code == 302


def test_wrong_password_is_refused_with_a_message(cast, client):
    response = login(client, cast.users["entitled"].email, "wrong-password")
    assert response.status_code == 200
    assert "Please enter a correct e-mail address and password." in response.content.decode()
    assert client.get("/a/alpha/").status_code == 302


def test_logout_form_is_a_csrf_protected_post():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/logout/")
    assert response.status_code == 403


def test_repeated_failures_lock_the_account_out(cast, client, settings):
    settings.AXES_FAILURE_LIMIT = 3
    email = cast.users["entitled"].email
    for _ in range(2):
        assert login(client, email, "wrong-password").status_code == 200
    response = login(client, email, "wrong-password")
    assert response.status_code == 429
    assert "Too many failed sign-ins" in response.content.decode()
    # Even the right password waits for the cool-off now.
    assert login(client, email, PASSWORD).status_code == 429
    assert client.get("/a/alpha/").status_code == 302


def test_home_lists_several_associations_and_explains_when_there_is_none(cast):
    user = cast.users["admin"]
    association_role(cast.other_association, "counsel", user)
    client = Client()
    client.force_login(user)
    home = client.get("/")
    assert home.status_code == 200
    page = home.content.decode()
    assert 'href="/a/alpha/"' in page and 'href="/a/bravo/"' in page

    _invitation, token = invitation_with_token(association=cast.association, kind="company")
    newcomer = Client()
    data = {
        "legal_name_en": "Ningbo Widget Co., Ltd.",
        "legal_name_zh": "宁波小部件有限公司",
        "industry": "manufacturing",
        "size": "small",
        "display_name": "Li Wei",
        "password": PASSWORD,
        "password_confirm": PASSWORD,
        "preferred_language": "en",
    }
    assert newcomer.post(f"/invite/{token}/", data)["Location"] == "/"
    page = newcomer.get("/").content.decode()
    assert "Your company's application to Alpha Association is waiting for the association's approval." in page


def test_home_sends_signed_out_visitors_to_sign_in(client):
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_password_reset_by_email(cast, client):
    user = cast.users["not_entitled"]
    response = client.post("/accounts/password/reset/", {"email": user.email})
    assert response.status_code == 302 and response["Location"] == "/accounts/password/reset/sent/"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [user.email]
    link = re.search(r"https?://\S+/accounts/password/reset/\S+/\S+/", message.body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]
    response = client.get(f"/{path}")
    assert response.status_code == 302  # Django moves the token out of the URL into the session
    set_password_url = response["Location"]
    response = client.post(set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/accounts/password/reset/complete/"
    assert login(Client(), user.email, NEW_PASSWORD).status_code == 302
    # The link works once.
    assert "This link no longer works" in client.get(f"/{path}", follow=True).content.decode()


def test_password_reset_for_an_unknown_address_says_the_same_and_sends_nothing(client):
    response = client.post("/accounts/password/reset/", {"email": "nobody@example.test"})
    assert response.status_code == 302 and response["Location"] == "/accounts/password/reset/sent/"
    assert mail.outbox == []


def test_password_change(cast):
    user = cast.users["entitled"]
    client = Client()
    client.force_login(user)
    response = client.post(
        "/accounts/password/change/",
        {"old_password": "wrong", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 200 and "Your old password was entered incorrectly." in response.content.decode()
    response = client.post(
        "/accounts/password/change/",
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response["Location"] == "/accounts/password/change/done/"
    assert client.get("/a/alpha/").status_code == 200  # still signed in
    assert login(Client(), user.email, NEW_PASSWORD).status_code == 302


def test_language_switch_for_visitors_sets_the_cookie(client):
    assert html_lang(client.get("/accounts/login/")) == "en"
    response = client.post("/language/", {"language": "zh-hans", "next": "/accounts/login/"})
    assert response.status_code == 302 and response["Location"] == "/accounts/login/"
    assert html_lang(client.get("/accounts/login/")) == "zh-hans"


def test_language_switch_for_a_signed_in_person_is_saved_and_applies_at_once(cast):
    user = cast.users["entitled"]
    client = Client()
    client.force_login(user)
    response = client.post("/language/", {"language": "zh-hans", "next": "/a/alpha/company/"})
    assert response["Location"] == "/a/alpha/company/"
    assert html_lang(client.get("/a/alpha/company/")) == "zh-hans"
    user.refresh_from_db()
    assert user.preferred_language == "zh-hans"
    # Another device, no cookie: the saved preference still applies.
    other_device = Client()
    other_device.force_login(user)
    assert html_lang(other_device.get("/a/alpha/")) == "zh-hans"


def test_language_switch_never_redirects_off_site(client):
    response = client.post("/language/", {"language": "en", "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_profile_changes_name_and_language(cast):
    user = cast.users["moderator"]
    client = Client()
    client.force_login(user)
    before = database_fingerprint()
    response = client.post("/accounts/profile/", {"display_name": "  ", "preferred_language": "en"})
    assert response.status_code == 200 and "This field is required." in response.content.decode()
    assert database_fingerprint() == before
    response = client.post("/accounts/profile/", {"display_name": "Zhang Min", "preferred_language": "zh-hans"})
    assert response["Location"] == "/accounts/profile/"
    page = client.get("/accounts/profile/")
    assert html_lang(page) == "zh-hans"
    assert User.objects.get(pk=user.pk).display_name == "Zhang Min"


def test_company_invitation_page_and_acceptance(cast, client):
    admin = cast.users["admin"]
    invitation, token = invitation_with_token(association=cast.association, kind="company", created_by=admin)
    page = client.get(f"/invite/{token}/").content.decode()
    assert admin.display_name in page and "Alpha Association" in page
    for field in (
        "legal_name_en",
        "legal_name_zh",
        "industry",
        "size",
        "display_name",
        "password",
        "preferred_language",
    ):
        assert f'name="{field}"' in page
    data = {
        "legal_name_en": "Ningbo Widget Co., Ltd.",
        "legal_name_zh": "宁波小部件有限公司",
        "industry": "manufacturing",
        "size": "small",
        "display_name": "Li Wei",
        "password": PASSWORD,
        "password_confirm": PASSWORD,
        "preferred_language": "zh-hans",
    }
    response = client.post(f"/invite/{token}/", data)
    assert response.status_code == 302
    user = User.objects.get(email=invitation.email)
    assert (user.company.legal_name_zh, user.company_role, user.preferred_language) == (
        "宁波小部件有限公司",
        "admin",
        "zh-hans",
    )
    assert user.company.memberships.get().status == MembershipStatus.PENDING
    # Signed in straight away, speaking the chosen language; the association waits for approval.
    assert html_lang(client.get("/")) == "zh-hans"
    assert client.get("/a/alpha/").status_code == 404


def test_counsel_invitation_asks_only_for_the_person(cast, client):
    _invitation, token = invitation_with_token(association=cast.association, kind="counsel")
    page = client.get(f"/invite/{token}/").content.decode()
    assert 'name="legal_name_en"' not in page and "external counsel" in page
    data = {
        "display_name": "Counsel",
        "password": PASSWORD,
        "password_confirm": PASSWORD,
        "preferred_language": "en",
    }
    assert client.post(f"/invite/{token}/", data)["Location"] == "/"
    assert client.get("/", follow=True).redirect_chain[-1][0] == "/a/alpha/"


def test_colleague_invitation_by_email_end_to_end(cast, django_capture_on_commit_callbacks):
    admin = Client()
    admin.force_login(cast.users["entitled"])
    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(
            "/a/alpha/company/colleagues/", {"email": "new.colleague@example.test", "company_role": "admin"}
        )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert cast.users["entitled"].display_name in body and "Alpha Association" in body
    path = re.search(r"https?://[^/\s]+(/invite/\S+/)", body).group(1)

    newcomer = Client()
    page = newcomer.get(path).content.decode()
    assert cast.users["entitled"].company.legal_name_en in page
    data = {
        "display_name": "New Colleague",
        "password": PASSWORD,
        "password_confirm": PASSWORD,
        "preferred_language": "en",
    }
    assert newcomer.post(path, data).status_code == 302
    assert newcomer.get("/a/alpha/company/").status_code == 200
    user = User.objects.get(email="new.colleague@example.test")
    assert (user.company, user.company_role) == (cast.users["entitled"].company, "admin")
