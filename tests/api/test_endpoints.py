"""What the endpoints answer when used as intended."""

import pytest
from django.core import mail
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext

from accounts.models import ApiKey, Invitation, User
from audit.models import AuditEvent
from notifications.services import notify
from tenancy.models import MembershipStatus
from tests.api.calls import API, a, bearer, patch, post
from tests.factories import (
    PASSWORD,
    association_role,
    company_user,
    invitation_with_token,
    member_company,
)

pytestmark = pytest.mark.django_db


def signed_in(client, user):
    client.force_login(user)
    return client


def test_me_update_ignores_the_email_and_changes_name_and_language(client, cast):
    user = cast.users["entitled"]
    response = patch(
        signed_in(client, user),
        f"{API}/me/",
        {"email": "hijack@example.test", "display_name": "  Li Na ", "preferred_language": "zh-hans"},
    )
    assert response.status_code == 200
    body = response.json()
    assert body["email"] == user.email
    assert (body["display_name"], body["preferred_language"]) == ("Li Na", "zh-hans")
    assert body["company"] == {
        "id": user.company_id,
        "legal_name_en": user.company.legal_name_en,
        "legal_name_zh": user.company.legal_name_zh,
    }
    assert AuditEvent.objects.filter(action="user.update_profile", actor=user).exists()


def test_company_update_normalizes_the_identity_lists(client, cast):
    response = patch(
        signed_in(client, cast.users["entitled"]),
        a("alpha", "company/"),
        {
            "aliases": ["  Widgets ", "widgets", "Gadget"],
            "web_domains": ["Example.COM.", "例子.中国"],
            "industry": "mobile",
        },
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["aliases"] == ["Widgets", "Gadget"]
    assert body["web_domains"] == ["example.com", "例子.中国"]
    assert body["industry"] == "mobile"
    event = AuditEvent.objects.get(action="company.update")
    assert event.details == {"fields": ["aliases", "industry", "web_domains"]}


def test_invitation_is_emailed_and_its_token_never_returned(client, cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(
            signed_in(client, cast.users["admin"]),
            a("alpha", "invitations/"),
            {"kind": "company", "email": " Boss@New-Member.TEST "},
        )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["email"] == "boss@new-member.test"
    assert (body["kind"], body["status"], body["company"]) == ("company", "open", None)
    assert len(mail.outbox) == 1
    link = next(word for word in mail.outbox[0].body.split() if "/invite/" in word)
    token = link.rstrip("/").rsplit("/", 1)[-1]
    assert len(token) > 20
    assert token not in response.content.decode()
    listed = client.get(a("alpha", "invitations/")).content.decode()
    assert token not in listed and Invitation.objects.get().token_hash not in listed


def test_company_invitation_accept_creates_the_admin_and_the_application(client, cast):
    invitation, token = invitation_with_token(association=cast.association, kind="company")
    response = post(
        client,
        f"{API}/invitations/accept/",
        {
            "token": token,
            "display_name": "Zhang Wei",
            "password": PASSWORD,
            "preferred_language": "zh-hans",
            "legal_name_en": "Ningbo Widget Co., Ltd.",
            "aliases": ["Ningbo Widget"],
            "web_domains": ["nbwidget.cn"],
            "industry": "manufacturing",
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert PASSWORD not in response.content.decode()
    assert (body["email"], body["company_role"], body["preferred_language"]) == (invitation.email, "admin", "zh-hans")
    assert body["associations"] == []  # pending until an association admin approves
    user = User.objects.get(email=invitation.email)
    assert user.check_password(PASSWORD)
    assert user.company.web_domains == ["nbwidget.cn"]
    assert user.company.memberships.get().status == MembershipStatus.PENDING


def test_colleague_invitation_accept_joins_the_company(client, cast):
    company = cast.users["entitled"].company
    _invitation, token = invitation_with_token(
        association=cast.association, kind="colleague", company=company, company_role="member"
    )
    response = post(client, f"{API}/invitations/accept/", {"token": token, "display_name": "Wu", "password": PASSWORD})
    assert response.status_code == 201, response.content
    assert response.json()["associations"] == [
        {"slug": "alpha", "name": "Alpha Association", "roles": ["company_member"]}
    ]


def test_membership_filter_and_pages(client, cast):
    for _ in range(3):
        member_company(cast.association, status=MembershipStatus.PENDING)
    signed_in(client, cast.users["admin"])
    pending = client.get(a("alpha", "memberships/?status=pending&page_size=2")).json()
    assert [m["status"] for m in pending["results"]] == ["pending", "pending"]
    rest = client.get(pending["next"]).json()
    assert [m["status"] for m in rest["results"]] == ["pending"] and rest["next"] is None
    everything = client.get(a("alpha", "memberships/?status=")).json()["results"]
    assert len(everything) == cast.association.memberships.count()


def test_decision_suspend_then_reinstate(client, cast):
    membership = cast.users["entitled"].company.memberships.get(association=cast.association)
    signed_in(client, cast.users["admin"])
    url = a("alpha", f"memberships/{membership.pk}/decision/")
    suspended = post(client, url, {"decision": "suspend", "note": "Unpaid dues"}).json()
    assert (suspended["status"], suspended["note"], suspended["decided_by"]) == (
        "suspended",
        "Unpaid dues",
        cast.users["admin"].display_name,
    )
    assert post(client, url, {"decision": "reinstate"}).json()["status"] == "active"


def test_roles_filter_appoint_and_remove(client, cast):
    signed_in(client, cast.users["admin"])
    admins = client.get(a("alpha", "roles/?role=admin")).json()["results"]
    assert [r["user"]["id"] for r in admins] == [cast.users["admin"].pk]
    created = post(client, a("alpha", "roles/"), {"user_id": cast.users["entitled"].pk, "role": "moderator"})
    assert created.status_code == 201
    assert created.json()["user"]["company"] == cast.users["entitled"].company.legal_name_en
    assert client.delete(a("alpha", f"roles/{created.json()['id']}/")).status_code == 204


def test_the_last_admin_cannot_be_removed(client, cast):
    signed_in(client, cast.users["admin"])
    only_admin = client.get(a("alpha", "roles/?role=admin")).json()["results"][0]
    response = client.delete(a("alpha", f"roles/{only_admin['id']}/"))
    assert response.status_code == 400
    assert response.json()["error"]["message"] == gettext("An association keeps at least one admin.")


def test_api_key_is_shown_once_and_works(client, cast, partner):
    signed_in(client, cast.users["admin"])
    created = post(
        client,
        a("alpha", f"partners/{partner.pk}/keys/"),
        {"name": "feed", "scopes": ["association:read"], "expires_at": "2999-01-01T00:00:00Z"},
    )
    assert created.status_code == 201, created.content
    key = created.json()["key"]
    assert key.startswith(f"jdp_{created.json()['prefix']}_")
    listed = client.get(a("alpha", f"partners/{partner.pk}/keys/"))
    assert key not in listed.content.decode()
    row = listed.json()["results"][0]
    assert set(row) == {
        "id",
        "partner",
        "name",
        "prefix",
        "scopes",
        "created_by",
        "created_at",
        "expires_at",
        "revoked_at",
        "last_used_at",
    }
    assert ApiKey.objects.get().key_hash not in listed.content.decode()
    assert client.get(a("alpha"), **bearer(key)).status_code == 200


def test_colleagues_and_deactivation(client, cast):
    admin = cast.users["entitled"]
    colleague = company_user(admin.company, display_name="Aaron")
    signed_in(client, admin)
    names = [u["display_name"] for u in client.get(a("alpha", "company/users/")).json()["results"]]
    assert names == sorted([admin.display_name, "Aaron"])
    deactivated = post(client, a("alpha", f"company/users/{colleague.pk}/deactivate/"))
    assert deactivated.json()["is_active"] is False
    again = post(client, a("alpha", f"company/users/{colleague.pk}/deactivate/"))
    assert again.status_code == 400
    assert post(client, a("alpha", f"company/users/{admin.pk}/deactivate/")).status_code == 400  # oneself


def test_audit_filter_by_action(client, cast):
    signed_in(client, cast.users["admin"])
    post(client, a("alpha", "partners/"), {"name": "Law Firm"})
    events = client.get(a("alpha", "audit/?action=partner.create")).json()["results"]
    assert [(e["action"], e["actor"]) for e in events] == [("partner.create", cast.users["admin"].email)]


def test_notifications_in_the_readers_language_with_unread_count(client, cast):
    reader = association_role(cast.association, "moderator", company_user(member_company(cast.association)))
    reader.preferred_language = "zh-hans"
    reader.save()
    notes = notify(
        recipients=[reader, cast.users["admin"]],
        association=cast.association,
        kind="membership.suspended",
        params={"association": "Alpha Association"},
    )
    notify(recipients=[reader], association=cast.association, kind="invitation.accepted", params={"email": "x@y.z"})
    signed_in(client, reader)
    listed = client.get(a("alpha", "notifications/")).json()
    assert listed["unread_count"] == 2
    with translation.override("zh-hans"):
        expected = gettext("Your company's membership of %(association)s is suspended.") % {
            "association": "Alpha Association"
        }
    assert listed["results"][-1]["text"] == expected
    mine = next(n.pk for n in notes if n.recipient_id == reader.pk)
    someone_elses = next(n.pk for n in notes if n.recipient_id != reader.pk)
    marked = post(client, a("alpha", "notifications/read/"), {"ids": [mine, someone_elses]}).json()
    assert marked == {"marked": 1, "unread_count": 1}
    assert post(client, a("alpha", "notifications/read/")).json() == {"marked": 1, "unread_count": 0}


def test_every_get_has_an_etag_and_a_match_is_not_modified(cast, partner_key):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {partner_key[1]}"}
    first = Client().get(a("alpha"), **headers)
    assert first.status_code == 200 and first["ETag"]
    again = Client().get(a("alpha"), HTTP_IF_NONE_MATCH=first["ETag"], **headers)
    assert again.status_code == 304 and again.content == b""
    assert Client().get(a("alpha"), HTTP_IF_NONE_MATCH='"stale"', **headers).status_code == 200
