"""Every endpoint and method of /api/v1/ through the permission matrix.

Cast (tests/conftest.py): anonymous; other_association (company admin and association admin in `bravo`);
not_entitled (member of a company in `alpha`); entitled (company admin of another `alpha` company); moderator;
admin (association admin of `alpha`, no company). Admin-only endpoints pass a second admin as "entitled"; the
admin then repeats the same write, which shows what a double submit gets.
"""

import pytest
from django.test import Client

from accounts.models import Invitation
from audit.models import AuditEvent
from tenancy.models import AssociationRole, MembershipStatus
from tests.api.calls import API, a, bearer, error, patch, post, unknown_association
from tests.factories import (
    PASSWORD,
    InvitationFactory,
    PartnerFactory,
    api_key_for,
    company_user,
    invitation_with_token,
    member_company,
)
from tests.permission_matrix import assert_matrix, database_fingerprint

pytestmark = pytest.mark.django_db

PEOPLE_OF_ALPHA = {
    "anonymous": 401,
    "other_association": 404,
    "not_entitled": 200,
    "entitled": 200,
    "moderator": 200,
    "admin": 200,
}
COMPANY_PEOPLE = {**PEOPLE_OF_ALPHA, "admin": 404}
ADMINS_ONLY = {
    "anonymous": 401,
    "other_association": 404,
    "not_entitled": 404,
    "entitled": 200,
    "moderator": 404,
    "admin": 200,
}


def matrix(cast, request, expected, **kwargs):
    return assert_matrix(cast, request, expected, not_found_body=unknown_association, **kwargs)


def test_association_profile(cast):
    responses = matrix(cast, lambda c: c.get(a("alpha")), PEOPLE_OF_ALPHA)
    assert responses["admin"].json() == {
        "slug": "alpha",
        "name": "Alpha Association",
        "default_language": "en",
        "counsel_open_to_partners": False,
        "roles": ["association_admin"],
    }
    assert responses["moderator"].json()["roles"] == ["company_member", "moderator"]


def test_association_settings(cast, second_admin):
    body = {"counsel_open_to_partners": True}
    responses = matrix(
        cast, lambda c: patch(c, a("alpha"), body), ADMINS_ONLY, write=True, overrides={"entitled": second_admin}
    )
    assert responses["admin"].json()["counsel_open_to_partners"] is True
    cast.association.refresh_from_db()
    assert cast.association.counsel_open_to_partners is True
    # The admin's repeat changed nothing, so only the first change is in the audit log.
    assert list(AuditEvent.objects.filter(action="association.settings").values_list("actor", flat=True)) == [
        second_admin.pk
    ]
    admin = Client()
    admin.force_login(cast.users["admin"])
    _key, plain = api_key_for(PartnerFactory(association=cast.association))
    before = database_fingerprint()
    response = patch(admin, a("alpha"), {"counsel_open_to_partners": "perhaps"})
    assert response.status_code == 400 and "counsel_open_to_partners" in error(response)["fields"]
    assert patch(Client(), a("alpha"), {"counsel_open_to_partners": False}, **bearer(plain)).status_code == 404
    assert database_fingerprint() == before


def test_me(cast):
    everyone = dict.fromkeys(PEOPLE_OF_ALPHA, 200) | {"anonymous": 401}
    responses = matrix(cast, lambda c: c.get(f"{API}/me/"), everyone)
    entitled = responses["entitled"].json()
    assert entitled["email"] == cast.users["entitled"].email
    assert entitled["company_role"] == "admin"
    assert entitled["associations"] == [{"slug": "alpha", "name": "Alpha Association", "roles": ["company_admin"]}]
    assert [x["slug"] for x in responses["other_association"].json()["associations"]] == ["bravo"]


def test_me_update(cast):
    everyone = dict.fromkeys(PEOPLE_OF_ALPHA, 200) | {"anonymous": 401}
    matrix(cast, lambda c: patch(c, f"{API}/me/", {"display_name": "Renamed"}), everyone, write=True)
    cast.users["entitled"].refresh_from_db()
    assert cast.users["entitled"].display_name == "Renamed"


def test_memberships_list(cast, second_admin):
    responses = matrix(
        cast, lambda c: c.get(a("alpha", "memberships/")), ADMINS_ONLY, overrides={"entitled": second_admin}
    )
    assert len(responses["admin"].json()["results"]) == cast.association.memberships.count()


def test_membership_decision(cast, second_admin):
    pending = member_company(cast.association, status=MembershipStatus.PENDING).memberships.get()
    url = a("alpha", f"memberships/{pending.pk}/decision/")
    # The admin's repeat finds the membership already active: refused, nothing written.
    matrix(
        cast,
        lambda c: post(c, url, {"decision": "approve"}),
        {**ADMINS_ONLY, "admin": 400},
        write=True,
        overrides={"entitled": second_admin},
    )
    pending.refresh_from_db()
    assert pending.status == MembershipStatus.ACTIVE and pending.decided_by == second_admin


def test_company_profile(cast):
    responses = matrix(cast, lambda c: c.get(a("alpha", "company/")), COMPANY_PEOPLE)
    assert responses["entitled"].json()["id"] == cast.users["entitled"].company_id
    assert responses["not_entitled"].json()["id"] == cast.users["not_entitled"].company_id


def test_company_profile_update(cast):
    expected = {**ADMINS_ONLY, "admin": 404}  # company admins only; the association admin has no company
    matrix(cast, lambda c: patch(c, a("alpha", "company/"), {"aliases": ["Widgets"]}), expected, write=True)
    cast.users["entitled"].company.refresh_from_db()
    assert cast.users["entitled"].company.aliases == ["Widgets"]


def test_colleagues(cast):
    responses = matrix(cast, lambda c: c.get(a("alpha", "company/users/")), COMPANY_PEOPLE)
    assert [u["id"] for u in responses["entitled"].json()["results"]] == [cast.users["entitled"].pk]


def test_colleague_deactivate(cast):
    colleague = company_user(cast.users["entitled"].company)
    # A company admin of another company of the association is not entitled to this colleague.
    other_company_admin = company_user(member_company(cast.association), role="admin")
    matrix(
        cast,
        lambda c: post(c, a("alpha", f"company/users/{colleague.pk}/deactivate/")),
        {**ADMINS_ONLY, "admin": 404},
        write=True,
        overrides={"not_entitled": other_company_admin},
    )
    colleague.refresh_from_db()
    assert not colleague.is_active


def test_invitations_list(cast):
    expected = {**ADMINS_ONLY}  # association admins and company admins
    matrix(cast, lambda c: c.get(a("alpha", "invitations/")), expected)


def test_colleague_invitation_create(cast):
    body = {"kind": "colleague", "email": "new.colleague@example.test", "company_role": "member"}
    # The association admin has no company: refused with a field error on "kind".
    matrix(
        cast,
        lambda c: post(c, a("alpha", "invitations/"), body),
        {**ADMINS_ONLY, "entitled": 201, "admin": 400},
        write=True,
    )
    assert Invitation.objects.get(email="new.colleague@example.test").company == cast.users["entitled"].company


def test_counsel_invitation_create(cast):
    body = {"kind": "counsel", "email": "counsel@example.test"}
    # A company admin cannot invite counsel into the association.
    matrix(
        cast,
        lambda c: post(c, a("alpha", "invitations/"), body),
        {**ADMINS_ONLY, "entitled": 400, "admin": 201},
        write=True,
    )
    assert Invitation.objects.filter(email="counsel@example.test", kind="counsel").count() == 1


def test_counsel_invitation_revoke(cast):
    invitation = InvitationFactory(association=cast.association, kind="counsel", created_by=cast.users["admin"])
    url = a("alpha", f"invitations/{invitation.pk}/revoke/")
    # Company admins do not see counsel invitations: 404.
    matrix(cast, lambda c: post(c, url), {**ADMINS_ONLY, "entitled": 404}, write=True)
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None


def test_colleague_invitation_revoke(cast):
    invitation = InvitationFactory(
        association=cast.association,
        kind="colleague",
        company=cast.users["entitled"].company,
        company_role="member",
        created_by=cast.users["entitled"],
    )
    url = a("alpha", f"invitations/{invitation.pk}/revoke/")
    # The association admin does not see colleague invitations: 404.
    matrix(cast, lambda c: post(c, url), {**ADMINS_ONLY, "admin": 404}, write=True)
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None


def test_invitation_accept(cast):
    invitation, token = invitation_with_token(association=cast.association, kind="counsel")
    body = {"token": token, "display_name": "Counsel Wang", "password": PASSWORD}
    # Anyone may accept, once; everyone after gets a clear 400 and nothing is written.
    expected = dict.fromkeys(PEOPLE_OF_ALPHA, 400) | {"anonymous": 201}
    responses = matrix(cast, lambda c: post(c, f"{API}/invitations/accept/", body), expected, write=True)
    assert responses["anonymous"].json()["email"] == invitation.email
    assert responses["admin"].json()["error"]["code"] == "invalid"


def test_roles_list(cast, second_admin):
    matrix(cast, lambda c: c.get(a("alpha", "roles/")), ADMINS_ONLY, overrides={"entitled": second_admin})


def test_role_appoint(cast, second_admin):
    body = {"user_id": cast.users["not_entitled"].pk, "role": "moderator"}
    matrix(
        cast,
        lambda c: post(c, a("alpha", "roles/"), body),
        {**ADMINS_ONLY, "entitled": 201, "admin": 400},  # the repeat: already a moderator
        write=True,
        overrides={"entitled": second_admin},
    )
    assert AssociationRole.objects.filter(user=cast.users["not_entitled"], role="moderator").exists()


def test_role_remove(cast, second_admin):
    assignment = AssociationRole.objects.get(user=cast.users["moderator"], role="moderator")
    matrix(
        cast,
        lambda c: c.delete(a("alpha", f"roles/{assignment.pk}/")),
        {**ADMINS_ONLY, "entitled": 204, "admin": 404},  # the repeat: already gone
        write=True,
        overrides={"entitled": second_admin},
    )
    assert not AssociationRole.objects.filter(pk=assignment.pk).exists()


def test_partners_list(cast, second_admin, partner):
    matrix(cast, lambda c: c.get(a("alpha", "partners/")), ADMINS_ONLY, overrides={"entitled": second_admin})


def test_partner_create(cast, second_admin):
    matrix(
        cast,
        lambda c: post(c, a("alpha", "partners/"), {"name": "Shenzhen IP Guidance Centre"}),
        {**ADMINS_ONLY, "entitled": 201, "admin": 400},  # the repeat: the name is taken
        write=True,
        overrides={"entitled": second_admin},
    )


def test_partner_keys_list(cast, second_admin, partner_key):
    url = a("alpha", f"partners/{partner_key[0].partner_id}/keys/")
    matrix(cast, lambda c: c.get(url), ADMINS_ONLY, overrides={"entitled": second_admin})


def test_partner_key_create(cast, second_admin, partner):
    url = a("alpha", f"partners/{partner.pk}/keys/")
    matrix(
        cast,
        lambda c: post(c, url, {"name": "reports feed", "scopes": ["reports:read"]}),
        {**ADMINS_ONLY, "entitled": 201, "admin": 201},
        write=True,
        overrides={"entitled": second_admin},
    )
    assert partner.api_keys.count() == 2


def test_partner_key_revoke(cast, second_admin, partner_key):
    url = a("alpha", f"keys/{partner_key[0].pk}/revoke/")
    matrix(
        cast,
        lambda c: post(c, url),
        {**ADMINS_ONLY, "admin": 400},  # the repeat: already revoked
        write=True,
        overrides={"entitled": second_admin},
    )


def test_audit(cast, second_admin):
    matrix(cast, lambda c: c.get(a("alpha", "audit/")), ADMINS_ONLY, overrides={"entitled": second_admin})


def test_notifications(cast):
    matrix(cast, lambda c: c.get(a("alpha", "notifications/")), PEOPLE_OF_ALPHA)


def test_notifications_read(cast):
    matrix(cast, lambda c: post(c, a("alpha", "notifications/read/")), PEOPLE_OF_ALPHA, write=True)


def test_partner_whoami_is_for_keys_only(cast):
    nobody = dict.fromkeys(PEOPLE_OF_ALPHA, 404) | {"anonymous": 401}
    matrix(cast, lambda c: c.get(a("alpha", "partner/whoami/")), nobody)
