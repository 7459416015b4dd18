"""Every POST action as every member of the cast. Refused requests write nothing; the one that succeeds writes
once (a repeat by the next admin is refused by the service, not written twice)."""

import pytest
from django.test import Client

from accounts.models import ApiKey, Invitation, PartnerOrganization, User
from audit.models import AuditEvent
from notifications.models import Notification
from tenancy.models import AssociationRole, Membership
from tests.factories import (
    PartnerFactory,
    api_key_for,
    association_role,
    company_user,
    invitation_with_token,
    member_company,
)
from tests.permission_matrix import database_fingerprint
from tests.web.helpers import expect, matrix

pytestmark = pytest.mark.django_db

# The entitled actor succeeds and is redirected; the next admin repeats the action and is refused with a
# message (also a redirect), or with the form's error (200).
ADMIN_ACTION = expect(entitled=302, admin=302)
ADMIN_FORM = expect(entitled=302, admin=200)


def audit_actors(action: str) -> list[int]:
    return list(AuditEvent.objects.filter(action=action).values_list("actor_id", flat=True))


@pytest.mark.parametrize(
    ("start", "decision", "end"),
    [
        ("pending", "approve", "active"),
        ("pending", "reject", "rejected"),
        ("active", "suspend", "suspended"),
        ("suspended", "reinstate", "active"),
    ],
)
def test_membership_decisions(cast, as_admin, start, decision, end):
    membership = member_company(cast.association, status=start).memberships.get()
    url = f"/a/alpha/manage/members/{membership.pk}/{decision}/"
    matrix(cast, lambda c: c.post(url, {"note": "Board decision 12"}), ADMIN_FORM, write=True, overrides=as_admin)
    membership.refresh_from_db()
    assert membership.status == end and membership.note == "Board decision 12"
    assert audit_actors(f"membership.{decision}") == [as_admin["entitled"].pk]


def test_invite_a_company(cast, as_admin):
    request = lambda c: c.post("/a/alpha/manage/invitations/", {"kind": "company", "email": "owner@newco.test"})  # noqa: E731
    matrix(cast, request, ADMIN_FORM, write=True, overrides=as_admin)
    assert list(Invitation.objects.values_list("email", "kind")) == [("owner@newco.test", "company")]


def test_withdraw_an_invitation(cast, as_admin):
    invitation, _token = invitation_with_token(association=cast.association, kind="counsel")
    url = f"/a/alpha/manage/invitations/{invitation.pk}/revoke/"
    matrix(cast, lambda c: c.post(url), ADMIN_ACTION, write=True, overrides=as_admin)
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    assert audit_actors("invitation.revoke") == [as_admin["entitled"].pk]


def test_appoint_a_moderator(cast, as_admin):
    candidate = company_user(member_company(cast.association))
    request = lambda c: c.post("/a/alpha/manage/moderators/", {"user": candidate.pk})  # noqa: E731
    matrix(cast, request, ADMIN_FORM, write=True, overrides=as_admin)
    assert AssociationRole.objects.filter(user=candidate, role="moderator").count() == 1


def test_remove_a_moderator(cast, as_admin):
    moderator = association_role(cast.association, "moderator", company_user(member_company(cast.association)))
    assignment = AssociationRole.objects.get(user=moderator)
    url = f"/a/alpha/manage/moderators/{assignment.pk}/remove/"
    # Once removed, the assignment is gone: the next admin's attempt finds nothing (404).
    matrix(cast, lambda c: c.post(url), expect(entitled=302), write=True, overrides=as_admin)
    assert not AssociationRole.objects.filter(pk=assignment.pk).exists()


def test_admins_cannot_remove_an_admin_through_the_moderators_page(cast, second_admin):
    assignment = AssociationRole.objects.get(user=second_admin)
    url = f"/a/alpha/manage/moderators/{assignment.pk}/remove/"
    matrix(cast, lambda c: c.post(url), expect(), write=True)


def test_open_the_counsel_directory_to_partners(cast, as_admin):
    request = lambda c: c.post("/a/alpha/manage/settings/", {"counsel_open_to_partners": "on"})  # noqa: E731
    # The next admin's repeat is saved too, but changes nothing, so the audit log has one change.
    matrix(cast, request, ADMIN_ACTION, write=True, overrides=as_admin)
    cast.association.refresh_from_db()
    assert cast.association.counsel_open_to_partners is True
    assert audit_actors("association.settings") == [as_admin["entitled"].pk]
    admin = Client()
    admin.force_login(cast.users["admin"])
    admin.post("/a/alpha/manage/settings/", {})  # an unticked box closes it again
    cast.association.refresh_from_db()
    assert cast.association.counsel_open_to_partners is False


def test_add_a_partner(cast, as_admin):
    request = lambda c: c.post("/a/alpha/manage/partners/", {"name": "Guidance Centre", "contact_email": ""})  # noqa: E731
    matrix(cast, request, ADMIN_FORM, write=True, overrides=as_admin)
    assert list(PartnerOrganization.objects.values_list("name", flat=True)) == ["Guidance Centre"]


def test_create_an_api_key_shows_it_once(cast, as_admin):
    partner = PartnerFactory(association=cast.association)
    url = f"/a/alpha/manage/partners/{partner.pk}/keys/new/"
    data = {"name": "Docket sync", "scopes": ["reports:read", "stats:read"]}
    responses = matrix(cast, lambda c: c.post(url, data), ADMIN_ACTION, write=True, overrides=as_admin)
    # No idempotency key on this form: each admin's submission is a key of its own.
    assert ApiKey.objects.filter(partner=partner).count() == 2
    created = responses["entitled"]
    api_key = ApiKey.objects.get(created_by=as_admin["entitled"])
    assert created["Location"] == f"/a/alpha/manage/partners/keys/{api_key.pk}/"
    assert api_key.scopes == ["reports:read", "stats:read"]


def test_revoke_an_api_key(cast, as_admin):
    api_key, _plain = api_key_for(PartnerFactory(association=cast.association))
    url = f"/a/alpha/manage/partners/keys/{api_key.pk}/revoke/"
    matrix(cast, lambda c: c.post(url), ADMIN_ACTION, write=True, overrides=as_admin)
    api_key.refresh_from_db()
    assert api_key.revoked_at is not None
    assert audit_actors("api_key.revoke") == [as_admin["entitled"].pk]


def test_company_admin_edits_the_company_profile(cast):
    company = cast.users["entitled"].company
    data = {
        "legal_name_en": "Renamed Co., Ltd.",
        "legal_name_zh": "改名有限公司",
        "aliases": "Renamed\n\n  Old Name  \n",
        "trademarks": "RNMD",
        "store_names": "",
        "web_domains": "renamed.example",
        "industry": "retail",
        "size": "medium",
    }
    matrix(cast, lambda c: c.post("/a/alpha/company/", data), expect(entitled=302), write=True)
    company.refresh_from_db()
    assert company.legal_name_en == "Renamed Co., Ltd."
    assert company.aliases == ["Renamed", "Old Name"]
    assert company.store_names == []
    assert company.web_domains == ["renamed.example"]


def test_company_admin_invites_a_colleague(cast):
    request = lambda c: c.post(  # noqa: E731
        "/a/alpha/company/colleagues/", {"email": "colleague@example.test", "company_role": "member"}
    )
    matrix(cast, request, expect(entitled=302), write=True)
    invitation = Invitation.objects.get()
    assert (invitation.kind, invitation.company, invitation.company_role) == (
        "colleague",
        cast.users["entitled"].company,
        "member",
    )


def test_company_admin_deactivates_a_colleague(cast):
    colleague = company_user(cast.users["entitled"].company)
    url = f"/a/alpha/company/colleagues/{colleague.pk}/deactivate/"
    # The entitled admin succeeds; nobody else may (the other actors are of other companies or not admins).
    matrix(cast, lambda c: c.post(url), expect(entitled=302), write=True)
    assert User.objects.get(pk=colleague.pk).is_active is False


def test_company_admin_withdraws_a_colleague_invitation(cast):
    company = cast.users["entitled"].company
    invitation, _token = invitation_with_token(
        association=cast.association, kind="colleague", company=company, company_role="member"
    )
    url = f"/a/alpha/company/colleagues/invitations/{invitation.pk}/revoke/"
    matrix(cast, lambda c: c.post(url), expect(entitled=302), write=True)
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None


def _notification(user, association):
    return Notification.objects.create(
        association=association, recipient=user, kind="invitation.accepted", params={"email": "x@example.test"}
    )


def test_mark_one_notification_read_only_by_its_recipient(cast):
    notification = _notification(cast.users["entitled"], cast.association)
    url = f"/a/alpha/notifications/{notification.pk}/read/"
    matrix(cast, lambda c: c.post(url), expect(entitled=302), write=True)
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_mark_all_read_touches_only_the_callers_notifications_here(cast):
    mine = _notification(cast.users["entitled"], cast.association)
    elsewhere = _notification(cast.users["other_association"], cast.other_association)
    in_association = expect(not_entitled=302, entitled=302, moderator=302, admin=302)
    matrix(cast, lambda c: c.post("/a/alpha/notifications/read/"), in_association, write=True)
    mine.refresh_from_db()
    elsewhere.refresh_from_db()
    assert mine.read_at is not None
    assert elsewhere.read_at is None


def test_action_urls_refuse_get_and_write_nothing(cast):
    """A link or a prefetch cannot trigger a write: POST-only URLs answer GET with 405."""
    company = cast.users["entitled"].company
    invitation, _token = invitation_with_token(association=cast.association, kind="counsel")
    api_key, _plain = api_key_for(PartnerFactory(association=cast.association))
    colleague = company_user(company)
    moderator = AssociationRole.objects.get(user=cast.users["moderator"])
    notification = _notification(cast.users["entitled"], cast.association)
    admin, company_admin = Client(), Client()
    admin.force_login(cast.users["admin"])
    company_admin.force_login(cast.users["entitled"])
    requests = [
        (admin, f"/a/alpha/manage/invitations/{invitation.pk}/revoke/"),
        (admin, f"/a/alpha/manage/partners/keys/{api_key.pk}/revoke/"),
        (admin, f"/a/alpha/manage/moderators/{moderator.pk}/remove/"),
        (company_admin, f"/a/alpha/company/colleagues/{colleague.pk}/deactivate/"),
        (company_admin, f"/a/alpha/notifications/{notification.pk}/read/"),
        (company_admin, "/a/alpha/notifications/read/"),
    ]
    before = database_fingerprint()
    for client, url in requests:
        assert client.get(url).status_code == 405, url
    assert database_fingerprint() == before


def test_membership_list_offers_the_decisions_of_each_status(cast):
    for status in ("pending", "active", "suspended"):
        member_company(cast.association, status=status, legal_name_en=f"{status.title()} Co.")
    client = Client()
    client.force_login(cast.users["admin"])
    page = client.get("/a/alpha/manage/members/?status=all").content.decode()
    pending = Membership.objects.get(company__legal_name_en="Pending Co.")
    active = Membership.objects.get(company__legal_name_en="Active Co.")
    suspended = Membership.objects.get(company__legal_name_en="Suspended Co.")
    assert f"/manage/members/{pending.pk}/approve/" in page
    assert f"/manage/members/{pending.pk}/reject/" in page
    assert f"/manage/members/{active.pk}/suspend/" in page
    assert f"/manage/members/{suspended.pk}/reinstate/" in page


def test_language_switch_and_profile_change_only_the_callers_own_account(cast):
    everyone = dict.fromkeys(("anonymous", "other_association", "not_entitled", "entitled", "moderator", "admin"), 302)
    matrix(cast, lambda c: c.post("/language/", {"language": "zh-hans", "next": "/"}), everyone, write=True)
    people = [user for user in cast.users.values() if user is not None]
    assert {User.objects.get(pk=user.pk).preferred_language for user in people} == {"zh-hans"}

    data = {"display_name": "Renamed", "preferred_language": "en"}
    responses = matrix(cast, lambda c: c.post("/accounts/profile/", data), everyone, write=True)
    assert responses["anonymous"]["Location"].startswith("/accounts/login/")
    assert User.objects.filter(display_name="Renamed").count() == len(people)
