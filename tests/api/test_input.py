"""Bad input gets a clear, field-level error in the one error format, and nothing is written."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from django.utils.translation import gettext

from tenancy.models import MembershipStatus
from tenancy.services import IDENTITY_TERM_MAX_LENGTH, IDENTITY_TERMS_MAX_COUNT
from tests.api.calls import API, a, bearer, error, patch, post, unknown_association
from tests.defense.api_helpers import build_world
from tests.factories import PASSWORD, invitation_with_token, member_company
from tests.permission_matrix import database_fingerprint

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def refused(response, status: int = 400) -> dict:
    assert response.status_code == status, response.content
    return error(response)


@pytest.fixture
def unchanged(db):
    """Call it at the end of a test: asserts the database is as it was when the fixture was set up."""
    before = database_fingerprint()
    return lambda: database_fingerprint() == before


@pytest.mark.parametrize("email", ["not-an-email", "a@b", "", "two@@example.test", 42])
def test_invitation_with_a_malformed_email(cast, email):
    before = database_fingerprint()
    body = refused(
        post(signed_in(cast.users["admin"]), a("alpha", "invitations/"), {"kind": "company", "email": email})
    )
    assert list(body["fields"]) == ["email"]
    assert database_fingerprint() == before


def test_invitation_of_an_unknown_kind(cast):
    before = database_fingerprint()
    body = refused(
        post(signed_in(cast.users["admin"]), a("alpha", "invitations/"), {"kind": "owner", "email": "o@x.test"})
    )
    assert list(body["fields"]) == ["kind"]
    assert database_fingerprint() == before


def test_colleague_invitation_needs_a_role(cast):
    before = database_fingerprint()
    body = refused(
        post(signed_in(cast.users["entitled"]), a("alpha", "invitations/"), {"kind": "colleague", "email": "c@x.test"})
    )
    assert body["fields"] == {"company_role": [gettext("Choose a role for your colleague.")]}
    assert database_fingerprint() == before


def accept(body):
    return post(Client(), f"{API}/invitations/accept/", body)


def _expired(cast):
    return invitation_with_token(association=cast.association, kind="counsel", expires_at=timezone.now() - timedelta(1))


def _used(cast):
    invitation, token = invitation_with_token(association=cast.association, kind="counsel")
    assert accept({"token": token, "display_name": "First", "password": PASSWORD}).status_code == 201
    return invitation, token


def _revoked(cast):
    return invitation_with_token(association=cast.association, kind="counsel", revoked_at=timezone.now())


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (_expired, "This invitation has expired. Ask for a new one."),
        (_used, "This invitation has already been used."),
        (_revoked, "This invitation was withdrawn."),
        (lambda cast: (None, "made-up-token"), "This invitation link is not valid."),
    ],
)
def test_accept_with_an_unusable_token(cast, make, message):
    _invitation, token = make(cast)
    before = database_fingerprint()
    body = refused(accept({"token": token, "display_name": "Late", "password": PASSWORD}))
    assert body["message"] == gettext(message)
    assert body["fields"] == {"non_field_errors": [gettext(message)]}
    assert database_fingerprint() == before


@pytest.mark.parametrize("password", ["short", "password123", "12345678901", "invitee@example.test"])
def test_accept_with_a_weak_password(cast, password):
    _invitation, token = invitation_with_token(
        association=cast.association, kind="counsel", email="invitee@example.test"
    )
    before = database_fingerprint()
    body = refused(accept({"token": token, "display_name": "Weak", "password": password}))
    assert list(body["fields"]) == ["password"]
    assert database_fingerprint() == before


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"display_name": "   "}, "display_name"),
        ({"preferred_language": "fr"}, "preferred_language"),
        ({"legal_name_en": ""}, "legal_name_en"),
        ({"legal_name_en": "Acme", "web_domains": ["not a domain"]}, "web_domains"),
        ({"legal_name_en": "Acme", "aliases": "Acme Ltd"}, "aliases"),
        ({"legal_name_en": "Acme", "industry": "mining"}, "industry"),
        ({"token": 12345}, "token"),
    ],
)
def test_accept_a_company_invitation_with_bad_fields(cast, extra, field):
    _invitation, token = invitation_with_token(association=cast.association, kind="company")
    before = database_fingerprint()
    body = refused(accept({"token": token, "display_name": "Boss", "password": PASSWORD, **extra}))
    assert list(body["fields"]) == [field]
    assert database_fingerprint() == before


def test_accept_is_rate_limited_per_address(cast, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "invitation_accept": "3/hour"},
    }
    guesses = [accept({"token": f"guess-{n}", "display_name": "G", "password": PASSWORD}) for n in range(4)]
    assert [r.status_code for r in guesses] == [400, 400, 400, 429]
    assert refused(guesses[-1], 429)["retry_after"] > 0
    other_address = post(
        Client(REMOTE_ADDR="203.0.113.9"),
        f"{API}/invitations/accept/",
        {"token": "x", "display_name": "G", "password": "p"},
    )
    assert other_address.status_code == 400


@pytest.mark.parametrize("decision", ["", "approved", "delete", None])
def test_unknown_decision(cast, decision):
    membership = member_company(cast.association, status=MembershipStatus.PENDING).memberships.get()
    before = database_fingerprint()
    body = refused(
        post(
            signed_in(cast.users["admin"]), a("alpha", f"memberships/{membership.pk}/decision/"), {"decision": decision}
        )
    )
    assert list(body["fields"]) == ["decision"]
    assert database_fingerprint() == before


def test_decision_that_does_not_fit_the_status(cast):
    membership = cast.users["entitled"].company.memberships.get()
    before = database_fingerprint()
    body = refused(
        post(
            signed_in(cast.users["admin"]),
            a("alpha", f"memberships/{membership.pk}/decision/"),
            {"decision": "approve"},
        )
    )
    assert body["message"] == gettext("This membership is %(status)s; it cannot be changed that way.") % {
        "status": gettext("Active").lower()
    }
    assert database_fingerprint() == before


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"aliases": [42]}, "aliases.0"),
        ({"aliases": ["ok", None]}, "aliases.1"),
        ({"aliases": "Widgets"}, "aliases"),
        ({"trademarks": ["   "]}, "trademarks"),
        ({"store_names": ["x" * (IDENTITY_TERM_MAX_LENGTH + 1)]}, "store_names"),
        ({"store_names": [f"s{n}" for n in range(IDENTITY_TERMS_MAX_COUNT + 1)]}, "store_names"),
        ({"web_domains": ["https://example.com/shop"]}, "web_domains"),
        ({"web_domains": ["localhost"]}, "web_domains"),
        ({"legal_name_en": ""}, "legal_name_en"),
        ({"size": "huge"}, "size"),
    ],
)
def test_invalid_company_profile(cast, changes, field):
    before = database_fingerprint()
    body = refused(patch(signed_in(cast.users["entitled"]), a("alpha", "company/"), changes))
    assert list(body["fields"]) == [field]
    assert body["message"] == gettext("Some fields need attention.")
    assert database_fingerprint() == before


def test_company_profile_errors_say_which_item(cast):
    body = refused(
        patch(signed_in(cast.users["entitled"]), a("alpha", "company/"), {"web_domains": ["a.cn", "bad domain"]})
    )
    assert body["fields"]["web_domains"] == [
        gettext("Item %(position)d, “%(value)s”, is not a domain name such as example.com.")
        % {"position": 2, "value": "bad domain"}
    ]


@pytest.mark.parametrize("query", ["memberships/?status=gone", "roles/?role=king", f"audit/?action={'x' * 65}"])
def test_bad_filters(cast, query):
    body = refused(signed_in(cast.users["admin"]).get(a("alpha", query)))
    assert list(body["fields"]) == [query.split("?")[1].split("=")[0]]


def test_unknown_association_slug(cast):
    client = signed_in(cast.users["admin"])
    response = client.get(a("no-such-association"))
    assert response.status_code == 404
    assert error(response) == {"code": "not_found", "message": gettext("Not found."), "fields": {}}
    before = database_fingerprint()
    assert (
        post(client, a("no-such-association", "partners/"), {"name": "X"}).content
        == unknown_association(client).content
    )
    assert database_fingerprint() == before


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("roles/", {"user_id": 999999, "role": "moderator"}, "user_id"),
        ("roles/", {"user_id": "abc", "role": "moderator"}, "user_id"),
        ("roles/", {"role": "admin", "user_id": None}, "user_id"),
        ("partners/", {"name": ""}, "name"),
        ("partners/", {"name": "Firm", "contact_email": "nope"}, "contact_email"),
        ("notifications/read/", {"ids": ["one"]}, "ids.0"),
    ],
)
def test_bad_bodies(cast, path, body, field):
    before = database_fingerprint()
    response = refused(post(signed_in(cast.users["admin"]), a("alpha", path), body))
    assert field in response["fields"]
    assert database_fingerprint() == before


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": "k", "scopes": []}, "scopes"),
        ({"name": "k", "scopes": ["admin:all"]}, "scopes.0"),
        ({"name": "", "scopes": ["stats:read"]}, "name"),
        ({"name": "k", "scopes": ["stats:read"], "expires_at": "2001-01-01T00:00:00Z"}, "expires_at"),
        ({"name": "k", "scopes": ["stats:read"], "expires_at": "tomorrow"}, "expires_at"),
    ],
)
def test_bad_api_key_requests(cast, partner, body, field):
    before = database_fingerprint()
    response = refused(post(signed_in(cast.users["admin"]), a("alpha", f"partners/{partner.pk}/keys/"), body))
    assert list(response["fields"]) == [field]
    assert database_fingerprint() == before


def test_malformed_json_and_other_media_types(cast):
    client = signed_in(cast.users["admin"])
    broken = client.post(a("alpha", "partners/"), "{not json", content_type="application/json")
    assert refused(broken)["code"] == "parse_error"
    form = client.post(a("alpha", "partners/"), {"name": "Form Firm"})
    assert refused(form, 415)["code"] == "unsupported_media_type"


def test_access_is_checked_before_the_body_is_read(cast):
    """A body of the wrong type or with no parts: the group's 404 for whoever may not see it, the 403 of a company
    only invited, and for a participant the one error format (415, or 400 naming the missing file), never an
    empty answer."""
    world = build_world(cast)
    url = world.url("documents/")
    bodies = [
        ('{"title": "x"}', "application/json"),
        (b"", "multipart/form-data; boundary=XYZ"),
        (b"--XYZ--\r\n", "multipart/form-data; boundary=XYZ"),
    ]
    before = database_fingerprint()
    for body, content_type in bodies:  # an invited company knows the group, and may not add to it: 403 whatever
        response = world.client("invited").post(url, data=body, content_type=content_type)
        assert response.status_code == 403 and error(response)["code"] == "invitation_pending", content_type
    for actor in ("outsider", "other_association"):
        for body, content_type in bodies:
            client = world.client(actor)
            response = client.post(url, data=body, content_type=content_type)
            missing = unknown_association(client)
            assert (response.status_code, response.content) == (404, missing.content), (actor, content_type)
    lead = world.client("lead")
    wrong_type = lead.post(url, data=bodies[0][0], content_type=bodies[0][1])
    assert wrong_type.status_code == 415 and error(wrong_type)["code"] == "unsupported_media_type"
    for body, content_type in bodies[1:]:
        response = lead.post(url, data=body, content_type=content_type)
        assert response.status_code == 400 and list(error(response)["fields"]) == ["file"]
    assert database_fingerprint() == before


def test_ids_beyond_64_bits_are_refused_not_overflowed(cast):
    """A number no row can have gets a field error, not the database driver's OverflowError (a 500)."""
    client = Client()
    client.force_login(cast.users["entitled"])
    response = post(client, a("alpha", "notifications/read/"), {"ids": [1, 2**64]})
    assert response.status_code == 400 and list(error(response)["fields"]) == ["ids.1"]


def test_a_page_size_or_cursor_out_of_place_is_a_field_error(cast):
    client = Client()
    client.force_login(cast.users["entitled"])
    for size in ("0", "201", "ten", "2.5", "-1", "١٢"):
        response = client.get(a("alpha", "groups/"), {"page_size": size})
        assert response.status_code == 400 and list(error(response)["fields"]) == ["page_size"], size
    assert client.get(a("alpha", "groups/"), {"page_size": "200"}).status_code == 200
    response = client.get(a("alpha", "groups/"), {"cursor": "not-a-cursor"})
    assert response.status_code == 400 and list(error(response)["fields"]) == ["cursor"]


def test_an_unknown_filter_is_a_field_error_not_the_whole_list(cast, partner_key):
    response = Client().get(a("alpha", "reports/"), {"plaintif": "1", "kind": "schedule_a"}, **bearer(partner_key[1]))
    assert response.status_code == 400 and list(error(response)["fields"]) == ["plaintif"]
    accepted = Client().get(a("alpha", "reports/"), {"kind": "schedule_a", "page_size": "5"}, **bearer(partner_key[1]))
    assert accepted.status_code == 200
