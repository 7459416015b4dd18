"""Partner API keys: what a key may reach, every way a key can be wrong, scopes, last use, rate limits."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext

from accounts.models import ApiKey
from accounts.services import api_key_revoke
from tests.api.calls import API, a, bearer, error, post
from tests.factories import PartnerFactory, api_key_for
from tests.permission_matrix import database_fingerprint

pytestmark = pytest.mark.django_db


def call(key: str, path: str = "", slug: str = "alpha", **extra):
    return Client().get(a(slug, path), **bearer(key), **extra)


def test_a_valid_key_reads_the_association_and_records_its_use(cast, partner_key):
    api_key, key = partner_key
    assert api_key.last_used_at is None
    response = call(key)
    assert response.status_code == 200
    assert response.json() == {
        "slug": "alpha",
        "name": "Alpha Association",
        "default_language": "en",
        "counsel_open_to_partners": False,
        "roles": ["partner"],
    }
    api_key.refresh_from_db()
    assert api_key.last_used_at is not None


def test_whoami_describes_the_key(cast, partner_key):
    api_key, key = partner_key
    response = call(key, "partner/whoami/")
    assert response.status_code == 200
    assert response.json() == {
        "partner": "Guidance Centre",
        "association": "alpha",
        "association_name": "Alpha Association",
        "prefix": api_key.prefix,
        "name": api_key.name,
        "scopes": api_key.scopes,
        "expires_at": None,
    }


@pytest.mark.parametrize(
    "path",
    [
        "memberships/",
        "company/",
        "company/users/",
        "invitations/",
        "roles/",
        "partners/",
        "audit/",
        "notifications/",
    ],
)
def test_keys_do_not_reach_member_endpoints(cast, partner_key, path):
    response = call(partner_key[1], path)
    assert response.status_code == 404
    assert response.content == call(partner_key[1], slug="no-such-association").content


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("partners/", {"name": "Sneaky"}),
        ("invitations/", {"kind": "counsel", "email": "x@example.test"}),
        ("notifications/read/", {}),
        ("roles/", {"user_id": 1, "role": "moderator"}),
    ],
)
def test_keys_cannot_write(cast, partner_key, path, body):
    before = database_fingerprint()
    response = post(Client(), a("alpha", path), body, **bearer(partner_key[1]))
    assert response.status_code == 404
    assert database_fingerprint() == before


def test_keys_have_no_profile(cast, partner_key):
    response = Client().get(f"{API}/me/", **bearer(partner_key[1]))
    assert response.status_code == 403
    assert error(response)["message"] == gettext(
        "This endpoint is for people signed in to the platform, not for API keys."
    )


def test_another_associations_key_gets_the_unknown_slug_answer(cast, partner_key):
    bravo_key = api_key_for(PartnerFactory(association=cast.other_association))[1]
    response = call(bravo_key)
    assert response.status_code == 404
    assert response.content == call(bravo_key, slug="no-such-association").content
    assert call(bravo_key, slug="bravo").status_code == 200
    # And alpha's key does not open bravo.
    assert call(partner_key[1], slug="bravo").content == call(partner_key[1], slug="no-such-association").content


def test_a_missing_scope_is_named(cast, partner):
    _api_key, key = api_key_for(partner, scopes=["reports:read"])
    response = call(key)
    assert response.status_code == 403
    body = error(response)
    assert body["code"] == "permission_denied"
    assert "association:read" in body["message"]
    assert body["message"] == gettext("This API key does not have the scope “%(scope)s”.") % {
        "scope": "association:read"
    }


def _revoked(partner):
    return api_key_for(partner, revoked_at=timezone.now())[1]


def _expired(partner):
    return api_key_for(partner, expires_at=timezone.now() - timedelta(seconds=1))[1]


def _unknown(partner):
    return "jdp_ABCDEFGHJKLM_" + "x" * 43


def _wrong_secret(partner):
    key = api_key_for(partner)[1]
    return key[:-4] + ("aaaa" if not key.endswith("aaaa") else "bbbb")


def _malformed(partner):
    return "jdp_short"


@pytest.mark.parametrize(
    ("make_key", "message"),
    [
        (_revoked, "This API key has been revoked."),
        (_expired, "This API key has expired."),
        (_unknown, "This API key is not valid."),
        (_wrong_secret, "This API key is not valid."),
        (_malformed, "This API key is malformed."),
    ],
)
def test_bad_keys_get_a_clear_401_and_nothing_is_written(cast, partner, make_key, message):
    key = make_key(partner)
    before = database_fingerprint()
    for response in (call(key), post(Client(), a("alpha", "partners/"), {"name": "X"}, **bearer(key))):
        assert response.status_code == 401
        assert response["WWW-Authenticate"] == "Bearer"
        assert error(response) == {"code": "authentication_failed", "message": gettext(message), "fields": {}}
    assert database_fingerprint() == before
    assert not ApiKey.objects.filter(last_used_at__isnull=False).exists()


def test_a_header_that_is_not_a_bearer_key(cast):
    response = Client().get(a("alpha"), HTTP_AUTHORIZATION="Token abc")
    assert response.status_code == 401
    assert error(response)["message"] == gettext("Send the key as: Authorization: Bearer <key>.")


def test_key_errors_follow_accept_language(cast, partner):
    # Translations are filled in by a later pass: compare with gettext under the language, which holds either way.
    response = call(_revoked(partner), HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 401
    assert response["Content-Language"] == "zh-hans"
    with translation.override("zh-hans"):
        assert error(response)["message"] == gettext("This API key has been revoked.")


def throttled_message(seconds: int) -> str:
    return ngettext(
        "Too many requests. Try again in %(seconds)d second.",
        "Too many requests. Try again in %(seconds)d seconds.",
        seconds,
    ) % {"seconds": seconds}


def _rates(**rates):
    return override_settings(
        REST_FRAMEWORK={
            **settings.REST_FRAMEWORK,
            "DEFAULT_THROTTLE_RATES": {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], **rates},
        }
    )


def test_each_key_has_its_own_rate_limit(cast, partner, partner_key):
    other_key = api_key_for(partner)[1]
    with _rates(api_key="2/min"):
        assert [call(partner_key[1]).status_code for _ in range(2)] == [200, 200]
        throttled = call(partner_key[1])
        assert throttled.status_code == 429
        body = error(throttled)
        assert body["code"] == "throttled"
        assert 1 <= body["retry_after"] <= 60
        assert throttled["Retry-After"] == str(body["retry_after"])
        assert body["message"] == throttled_message(body["retry_after"])
        assert call(other_key).status_code == 200


# Kept keys (accounts.api_keys keeps a key with its partner and association in the cache) ---------------------


def test_a_kept_key_costs_no_query_and_its_revocation_acts_at_once(
    cast, partner_key, django_capture_on_commit_callbacks
):
    api_key, key = partner_key
    assert call(key).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        assert call(key).status_code == 200
    assert not [query for query in queries if "accounts_apikey" in query["sql"]]
    with django_capture_on_commit_callbacks(execute=True):
        api_key_revoke(api_key=ApiKey.objects.get(pk=api_key.pk), actor=cast.users["admin"])
    response = call(key)
    assert response.status_code == 401
    assert error(response)["message"] == gettext("This API key has been revoked.")


def test_a_kept_key_follows_its_association_and_partner(cast, partner_key):
    api_key, key = partner_key
    assert call(key, "partner/whoami/").json()["partner"] == "Guidance Centre"
    partner = api_key.partner
    partner.name = "Renamed Centre"
    partner.save()
    assert call(key, "partner/whoami/").json()["partner"] == "Renamed Centre"
    cast.association.slug = "alpha-renamed"
    cast.association.save()
    assert call(key).status_code == 404
    assert call(key, slug="alpha-renamed").status_code == 200
