from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts import services
from accounts.models import ApiKey, Invitation, User
from accounts.tokens import parse_api_key
from tenancy.access import Role, resolve_access
from tenancy.models import MembershipStatus
from tests.factories import (
    PASSWORD,
    AssociationFactory,
    PartnerFactory,
    association_role,
    company_user,
    invitation_with_token,
    member_company,
)
from tests.permission_matrix import database_fingerprint

pytestmark = pytest.mark.django_db


def test_company_invitation_creates_company_admin_and_pending_application(django_capture_on_commit_callbacks):
    association = AssociationFactory()
    admin = association_role(association, "admin")
    with django_capture_on_commit_callbacks(execute=True):
        invitation, token = services.invitation_create(
            association=association, kind="company", email=" New.Owner@Example.TEST ", actor=admin
        )
    assert invitation.email == "new.owner@example.test"
    assert token not in invitation.token_hash
    assert len(mail.outbox) == 1 and token in mail.outbox[0].body

    user = services.invitation_accept(
        token=token,
        display_name="Li Wei",
        password=PASSWORD,
        preferred_language="zh-hans",
        company_profile={"legal_name_en": "Ningbo Widget Co., Ltd.", "legal_name_zh": "宁波小部件有限公司"},
    )
    assert user.company.legal_name_en == "Ningbo Widget Co., Ltd."
    assert user.company_role == "admin"
    assert user.company.memberships.get().status == MembershipStatus.PENDING
    invitation.refresh_from_db()
    assert invitation.accepted_by == user


def test_invitation_tokens_are_single_use_and_expire():
    invitation, token = invitation_with_token(kind="counsel")
    user = services.invitation_accept(token=token, display_name="Counsel", password=PASSWORD)
    assert Role.COUNSEL in resolve_access(slug=invitation.association.slug, user=user).roles
    with pytest.raises(ValidationError) as used:
        services.invitation_accept(token=token, display_name="Again", password=PASSWORD)
    assert used.value.code == "used"

    _expired, expired_token = invitation_with_token(expires_at=timezone.now() - timedelta(minutes=1))
    before = database_fingerprint()
    with pytest.raises(ValidationError) as error:
        services.invitation_accept(token=expired_token, display_name="Late", password=PASSWORD)
    assert error.value.code == "expired"
    with pytest.raises(ValidationError) as error:
        services.invitation_accept(token="not-a-token", display_name="Guess", password=PASSWORD)
    assert error.value.code == "invalid"
    assert database_fingerprint() == before


@pytest.mark.parametrize("password", ["short", "password123", "12345678901", "invitee0@example.test"])
def test_weak_passwords_are_refused_and_nothing_is_written(password):
    invitation, token = invitation_with_token(kind="counsel", email="invitee0@example.test")
    before = database_fingerprint()
    with pytest.raises(ValidationError) as error:
        services.invitation_accept(token=token, display_name="Weak", password=password)
    assert "password" in error.value.message_dict
    assert database_fingerprint() == before
    assert Invitation.objects.get(pk=invitation.pk).accepted_at is None


def test_company_invitation_requires_a_legal_name_and_writes_nothing_without_it():
    _invitation, token = invitation_with_token(kind="company")
    before = database_fingerprint()
    with pytest.raises(ValidationError) as error:
        services.invitation_accept(token=token, display_name="X", password=PASSWORD, company_profile={})
    assert "legal_name_en" in error.value.message_dict
    assert database_fingerprint() == before


@pytest.mark.parametrize("email", ["", "not-an-email", "a@b", "two@@example.test"])
def test_malformed_invitation_email_is_refused(email):
    association = AssociationFactory()
    admin = association_role(association, "admin")
    before = database_fingerprint()
    with pytest.raises(ValidationError) as error:
        services.invitation_create(association=association, kind="company", email=email, actor=admin)
    assert "email" in error.value.message_dict
    assert database_fingerprint() == before


def test_colleague_invitation_joins_the_inviting_company_with_its_role():
    association = AssociationFactory()
    company = member_company(association)
    admin = company_user(company, role="admin")
    _, token = services.invitation_create(
        association=association,
        kind="colleague",
        email="colleague@example.test",
        actor=admin,
        company=company,
        company_role="member",
    )
    colleague = services.invitation_accept(token=token, display_name="Colleague", password=PASSWORD)
    assert colleague.company == company and colleague.company_role == "member"
    assert resolve_access(slug=association.slug, user=colleague).roles == {Role.COMPANY_MEMBER}


def test_open_invitations_are_not_duplicated():
    association = AssociationFactory()
    admin = association_role(association, "admin")
    services.invitation_create(association=association, kind="counsel", email="c@example.test", actor=admin)
    with pytest.raises(ValidationError):
        services.invitation_create(association=association, kind="counsel", email="C@example.test", actor=admin)


def test_deactivation_keeps_the_last_company_admin():
    association = AssociationFactory()
    company = member_company(association)
    admin = company_user(company, role="admin")
    member = company_user(company, role="member")
    services.user_deactivate(user=member, actor=admin, association=association)
    assert not User.objects.get(pk=member.pk).is_active
    with pytest.raises(ValidationError):
        services.user_deactivate(user=admin, actor=admin, association=association)


def test_api_keys_are_shown_once_stored_hashed_and_revocable():
    partner = PartnerFactory()
    actor = association_role(partner.association, "admin")
    api_key, key = services.api_key_create(
        partner=partner, name="Research", scopes=["reports:read"], expires_at=None, actor=actor
    )
    assert parse_api_key(key) == api_key.prefix
    assert key not in api_key.key_hash and services.api_key_matches(api_key, key)
    assert not services.api_key_matches(api_key, key + "x")
    services.api_key_revoke(api_key=api_key, actor=actor)
    assert not ApiKey.objects.get(pk=api_key.pk).is_usable
    with pytest.raises(ValidationError):
        services.api_key_revoke(api_key=api_key, actor=actor)


@pytest.mark.parametrize(
    ("scopes", "expires_in", "field"),
    [([], None, "scopes"), (["admin:all"], None, "scopes"), (["reports:read"], -1, "expires_at")],
)
def test_api_key_bad_input(scopes, expires_in, field):
    partner = PartnerFactory()
    actor = association_role(partner.association, "admin")
    expires_at = timezone.now() + timedelta(days=expires_in) if expires_in is not None else None
    with pytest.raises(ValidationError) as error:
        services.api_key_create(partner=partner, name="k", scopes=scopes, expires_at=expires_at, actor=actor)
    assert field in error.value.message_dict
    assert not ApiKey.objects.exists()
