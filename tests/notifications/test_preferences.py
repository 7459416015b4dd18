"""The e-mail preference: instant by default, changed on the profile page or through /api/v1/me/; a value that
is not one of the four is refused and changes nothing."""

import pytest
from django.test import Client

from accounts.models import User
from tests.api.calls import API, patch
from tests.factories import UserFactory
from tests.permission_matrix import database_fingerprint
from tests.web.helpers import page_text, signed_in

pytestmark = pytest.mark.django_db


def test_instant_is_the_default():
    assert UserFactory().notification_email == "instant"


def test_the_profile_page_changes_it(cast):
    user = cast.users["not_entitled"]
    client = signed_in(user)
    assert 'name="notification_email"' in page_text(client.get("/accounts/profile/"))
    data = {"display_name": user.display_name, "preferred_language": "en", "notification_email": "weekly"}
    assert client.post("/accounts/profile/", data).status_code == 302
    assert User.objects.get(pk=user.pk).notification_email == "weekly"
    assert '<option value="weekly" selected>' in page_text(client.get("/accounts/profile/"))


def test_the_profile_page_refuses_an_unknown_value(cast):
    client = signed_in(cast.users["not_entitled"])
    before = database_fingerprint()
    data = {"display_name": "Someone", "preferred_language": "en", "notification_email": "hourly"}
    response = client.post("/accounts/profile/", data)
    assert response.status_code == 200 and "Select a valid choice." in page_text(response)
    assert database_fingerprint() == before


def test_the_api_changes_it_and_refuses_an_unknown_value(cast):
    user = cast.users["entitled"]
    client = Client()
    client.force_login(user)
    response = patch(client, f"{API}/me/", {"notification_email": "daily"})
    assert response.status_code == 200 and response.json()["notification_email"] == "daily"
    before = database_fingerprint()
    response = patch(client, f"{API}/me/", {"notification_email": "sometimes"})
    assert response.status_code == 400 and "notification_email" in response.json()["error"]["fields"]
    assert database_fingerprint() == before
