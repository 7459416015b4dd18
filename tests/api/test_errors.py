"""One error format for every failure: 400, 401, 403 (CSRF), 404, 405, 415, 429, and translated messages."""

import json

import pytest
from django.conf import settings
from django.test import Client, override_settings
from django.utils import translation
from django.utils.translation import gettext, ngettext

from tests.api.calls import API, UNKNOWN_ASSOCIATION, a, error, post, unknown_association
from tests.permission_matrix import database_fingerprint

pytestmark = pytest.mark.django_db


def signed_in(user, **kwargs) -> Client:
    client = Client(**kwargs)
    client.force_login(user)
    return client


def test_anonymous_gets_401_in_the_error_format(cast):
    response = Client().get(a("alpha", "memberships/"))
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"
    assert error(response)["code"] == "not_authenticated"
    assert Client().get(UNKNOWN_ASSOCIATION).content == response.content  # no probing of slugs either


@pytest.mark.parametrize("path", [f"{API}/nothing-here/", f"{API}/a/alpha/nothing/here/", f"{API}/"])
def test_unknown_endpoints_answer_the_same_404(cast, path):
    client = signed_in(cast.users["admin"])
    reference = unknown_association(client).content
    assert client.get(path).content == reference
    assert post(client, path, {}).content == reference
    assert Client().delete(path).content == reference


def test_a_path_without_its_slash_is_redirected(cast):
    response = signed_in(cast.users["admin"]).get(f"{API}/me")
    assert (response.status_code, response["Location"]) == (301, f"{API}/me/")


def test_method_not_allowed_only_for_those_inside(cast):
    response = signed_in(cast.users["admin"]).delete(a("alpha", "audit/"))
    assert response.status_code == 405
    assert error(response)["code"] == "method_not_allowed"
    outsider = signed_in(cast.users["other_association"])
    assert outsider.delete(a("alpha", "audit/")).content == unknown_association(outsider).content


def test_session_writes_need_the_csrf_token(cast):
    client = signed_in(cast.users["admin"], enforce_csrf_checks=True)
    before = database_fingerprint()
    refused = post(client, a("alpha", "partners/"), {"name": "No Token"})
    assert refused.status_code == 403
    assert error(refused)["code"] == "permission_denied"
    assert database_fingerprint() == before
    token = "k" * 32  # what a page's {% csrf_token %} gives the browser, as cookie and as form or header value
    client.cookies[settings.CSRF_COOKIE_NAME] = token
    accepted = post(client, a("alpha", "partners/"), {"name": "With Token"}, HTTP_X_CSRFTOKEN=token)
    assert accepted.status_code == 201


def test_each_user_has_a_rate_limit(cast):
    rates = {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "user": "2/min"}
    with override_settings(REST_FRAMEWORK={**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}):
        client = signed_in(cast.users["entitled"])
        assert [client.get(f"{API}/me/").status_code for _ in range(3)] == [200, 200, 429]
        body = error(client.get(f"{API}/me/"))
        assert body["code"] == "throttled" and body["retry_after"] >= 1
        assert signed_in(cast.users["admin"]).get(f"{API}/me/").status_code == 200


def test_every_answer_says_where_the_caller_stands(cast, partner_key):
    """RateLimit-Limit / -Remaining / -Reset on every throttled answer, Retry-After on the 429; per bucket."""
    rates = {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "user": "3/min", "api_key": "2/min"}
    with override_settings(REST_FRAMEWORK={**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}):
        client = signed_in(cast.users["entitled"])
        answers = [client.get(f"{API}/me/") for _ in range(4)]
        assert [a["RateLimit-Limit"] for a in answers] == ["3"] * 4
        assert [a["RateLimit-Remaining"] for a in answers] == ["2", "1", "0", "0"]
        assert all(0 < int(a["RateLimit-Reset"]) <= 60 for a in answers)
        assert answers[-1].status_code == 429 and int(answers[-1]["Retry-After"]) == error(answers[-1])["retry_after"]
        assert "Retry-After" not in answers[0]
        partner = Client().get(a("alpha"), HTTP_AUTHORIZATION=f"Bearer {partner_key[1]}")
        assert (partner["RateLimit-Limit"], partner["RateLimit-Remaining"]) == ("2", "1")  # the key's own bucket
    assert "RateLimit-Limit" not in Client().get(f"{API}/me/")  # no bucket for the anonymous: a 401


def test_a_wrong_authorization_beside_a_valid_session_is_refused(cast):
    """Credentials presented and wrong are refused (401), not skipped in favour of the session cookie."""
    client = signed_in(cast.users["entitled"])
    for header in ("Bearer nonsense", "Basic Zm9vOmJhcg==", "Bearer jdp_AAAAAAAAAAAA_" + "x" * 40):
        response = client.get(a("alpha"), HTTP_AUTHORIZATION=header)
        assert response.status_code == 401 and error(response)["code"] == "authentication_failed", header
    assert client.get(a("alpha")).status_code == 200


def test_service_validation_errors_use_the_format(cast):
    response = signed_in(cast.users["entitled"]).post(
        a("alpha", f"company/users/{cast.users['entitled'].pk}/deactivate/")
    )
    assert response.status_code == 400
    message = gettext("You cannot deactivate your own account.")
    assert error(response) == {"code": "invalid", "message": message, "fields": {"non_field_errors": [message]}}


def test_errors_are_in_the_users_language(cast):
    # The Chinese catalog is written by a later pass; until then gettext under zh-hans returns the English source.
    # Comparing with gettext under the user's language checks the strings are marked and the language is active.
    user = cast.users["entitled"]
    user.preferred_language = "zh-hans"
    user.save()
    client = signed_in(user)
    invalid = post(client, a("alpha", "invitations/"), {"kind": "colleague", "email": "c@x.test"})
    missing = client.get(UNKNOWN_ASSOCIATION)
    self_deactivation = post(client, a("alpha", f"company/users/{user.pk}/deactivate/"))
    with translation.override("zh-hans"):
        assert error(invalid)["fields"]["company_role"] == [gettext("Choose a role for your colleague.")]
        assert error(invalid)["message"] == gettext("Some fields need attention.")
        assert error(missing)["message"] == gettext("Not found.")
        assert error(self_deactivation)["message"] == gettext("You cannot deactivate your own account.")
    assert invalid["Content-Language"] == "zh-hans"


def test_throttle_message_is_translated(cast, partner_key):
    rates = {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "api_key": "1/min"}
    with override_settings(REST_FRAMEWORK={**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}):
        headers = {"HTTP_AUTHORIZATION": f"Bearer {partner_key[1]}", "HTTP_ACCEPT_LANGUAGE": "zh-hans"}
        Client().get(a("alpha"), **headers)
        body = error(Client().get(a("alpha"), **headers))
    with translation.override("zh-hans"):
        expected = ngettext(
            "Too many requests. Try again in %(seconds)d second.",
            "Too many requests. Try again in %(seconds)d seconds.",
            body["retry_after"],
        ) % {"seconds": body["retry_after"]}
    assert body["message"] == expected


def test_head_follows_get_and_options_is_not_offered(cast):
    member = signed_in(cast.users["not_entitled"])
    assert member.head(a("alpha", "memberships/")).status_code == 404  # admins only, like GET
    assert member.head(a("alpha", "company/")).status_code == 200
    assert error(member.options(a("alpha", "company/")))["code"] == "method_not_allowed"
    outsider = signed_in(cast.users["other_association"])
    assert outsider.options(a("alpha", "company/")).content == unknown_association(outsider).content


def test_server_errors_under_the_api_use_the_error_format(rf):
    from api.errors import server_error

    response = server_error(rf.get("/api/v1/me/"))
    assert response.status_code == 500
    assert json.loads(response.content)["error"]["code"] == "server_error"
    page = server_error(rf.get("/a/alpha/"))
    assert page.status_code == 500 and b"server_error" not in page.content
