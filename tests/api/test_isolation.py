"""Tenant isolation: nothing of association B is reachable from association A, by id, slug, list or filter;
suspension and deactivation take effect on the very next request."""

import pytest
from django.test import Client

from accounts.models import InvitationKind
from audit.services import audit_record
from notifications.services import notify
from tenancy.services import membership_decide
from tests.api.calls import a, post, unknown_association
from tests.factories import InvitationFactory, PartnerFactory, api_key_for, association_role, company_user
from tests.permission_matrix import database_fingerprint

pytestmark = pytest.mark.django_db


@pytest.fixture
def bravo(cast):
    """Rows of association `bravo` of every kind that has an id in the API."""
    association = cast.other_association
    bravo_admin = cast.users["other_association"]
    company = bravo_admin.company
    partner = PartnerFactory(association=association, name="Bravo Partner")
    api_key, _key = api_key_for(partner)
    colleague = company_user(company)
    return {
        "membership": company.memberships.get(association=association),
        "role": association.roles.get(user=bravo_admin),
        "moderator_candidate": colleague,
        "colleague": colleague,
        "invitation": InvitationFactory(association=association, kind=InvitationKind.COUNSEL, created_by=bravo_admin),
        "colleague_invitation": InvitationFactory(
            association=association,
            kind=InvitationKind.COLLEAGUE,
            company=company,
            company_role="member",
            created_by=bravo_admin,
        ),
        "partner": partner,
        "api_key": api_key,
        "notification": notify(
            recipients=[bravo_admin], association=association, kind="invitation.accepted", params={"email": "b@b.b"}
        )[0],
        "event": audit_record(action="bravo.secret", association=association),
    }


@pytest.fixture
def alpha_admin(cast):
    """An admin of alpha who is also company admin there: the widest access alpha can give."""
    return association_role(cast.association, "admin", cast.users["entitled"])


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_bravo_objects_by_id_through_alpha(cast, bravo, alpha_admin):
    client = signed_in(alpha_admin)
    reference = unknown_association(client).content
    attempts = [
        lambda: post(client, a("alpha", f"memberships/{bravo['membership'].pk}/decision/"), {"decision": "suspend"}),
        lambda: post(client, a("alpha", f"company/users/{bravo['colleague'].pk}/deactivate/")),
        lambda: post(client, a("alpha", f"invitations/{bravo['invitation'].pk}/revoke/")),
        lambda: post(client, a("alpha", f"invitations/{bravo['colleague_invitation'].pk}/revoke/")),
        lambda: client.delete(a("alpha", f"roles/{bravo['role'].pk}/")),
        lambda: client.get(a("alpha", f"partners/{bravo['partner'].pk}/keys/")),
        lambda: post(
            client, a("alpha", f"partners/{bravo['partner'].pk}/keys/"), {"name": "k", "scopes": ["stats:read"]}
        ),
        lambda: post(client, a("alpha", f"keys/{bravo['api_key'].pk}/revoke/")),
    ]
    before = database_fingerprint()
    for attempt in attempts:
        response = attempt()
        assert response.status_code == 404
        assert response.content == reference
    assert database_fingerprint() == before


def test_bravo_by_slug(cast, bravo, alpha_admin):
    client = signed_in(alpha_admin)
    reference = unknown_association(client).content
    for path in ["", "memberships/", "company/", "company/users/", "invitations/", "roles/", "partners/", "audit/"]:
        response = client.get(a("bravo", path))
        assert (path, response.status_code, response.content) == (path, 404, reference)
    before = database_fingerprint()
    response = post(client, a("bravo", f"memberships/{bravo['membership'].pk}/decision/"), {"decision": "suspend"})
    assert (response.status_code, response.content) == (404, reference)
    assert database_fingerprint() == before


def test_alpha_lists_hold_nothing_of_bravo(cast, bravo, alpha_admin):
    client = signed_in(alpha_admin)

    def ids(path):
        response = client.get(a("alpha", path))
        assert response.status_code == 200, path
        return {row["id"] for row in response.json()["results"]}

    assert bravo["membership"].pk not in ids("memberships/")
    assert bravo["membership"].pk not in ids("memberships/?status=active")
    assert bravo["role"].pk not in ids("roles/")
    assert bravo["role"].pk not in ids("roles/?role=admin")
    assert not {bravo["invitation"].pk, bravo["colleague_invitation"].pk} & ids("invitations/")
    assert bravo["partner"].pk not in ids("partners/")
    assert bravo["colleague"].pk not in ids("company/users/")
    assert bravo["notification"].pk not in ids("notifications/")
    assert ids("audit/?action=bravo.secret") == set()
    assert bravo["event"].pk not in ids("audit/")


def test_bravo_users_cannot_be_appointed_in_alpha(cast, bravo, alpha_admin):
    before = database_fingerprint()
    response = post(
        signed_in(alpha_admin), a("alpha", "roles/"), {"user_id": bravo["moderator_candidate"].pk, "role": "moderator"}
    )
    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["user_id"]
    assert database_fingerprint() == before


def test_marking_bravo_notifications_read_from_alpha_changes_nothing(cast, bravo):
    client = signed_in(cast.users["other_association"])
    assert post(client, a("alpha", "notifications/read/"), {"ids": [bravo["notification"].pk]}).status_code == 404
    bravo["notification"].refresh_from_db()
    assert bravo["notification"].read_at is None


def test_suspension_cuts_the_company_off_at_the_next_request(cast):
    user = cast.users["entitled"]
    client = signed_in(user)
    assert client.get(a("alpha", "company/")).status_code == 200
    membership = user.company.memberships.get(association=cast.association)
    membership_decide(membership=membership, decision="suspend", actor=cast.users["admin"])
    reference = unknown_association(client).content
    for path in ["", "company/", "company/users/", "invitations/", "notifications/"]:
        response = client.get(a("alpha", path))
        assert (response.status_code, response.content) == (404, reference)
    assert client.get("/api/v1/me/").json()["associations"] == []
    membership_decide(membership=membership, decision="reinstate", actor=cast.users["admin"])
    assert client.get(a("alpha", "company/")).status_code == 200


def test_a_deactivated_user_is_signed_out_at_the_next_request(cast):
    colleague = company_user(cast.users["entitled"].company)
    client = signed_in(colleague)
    assert client.get(a("alpha")).status_code == 200
    post(signed_in(cast.users["entitled"]), a("alpha", f"company/users/{colleague.pk}/deactivate/"))
    assert client.get(a("alpha")).status_code == 401
