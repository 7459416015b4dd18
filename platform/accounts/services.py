"""Writes for people: invitations, sign-up, profile, deactivation, partners and their API keys."""

import hmac
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import ApiKey, CompanyRole, Invitation, InvitationKind, PartnerOrganization, User
from accounts.tokens import digest, new_api_key, new_invitation_token
from api.scopes import ApiScope
from audit.services import audit_record
from notifications.models import NotificationEmail
from notifications.services import email_on_commit, notify
from realtime.events import access_changed_on_commit
from tenancy import services as tenancy_services
from tenancy.models import Association, AssociationRoleKind, Company


def _normalized_email(email: str) -> str:
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError({"email": _("Enter a valid e-mail address.")}) from None
    return email


def invitation_url(token: str) -> str:
    return f"{settings.SITE_URL}/invite/{token}/"


@transaction.atomic
def invitation_create(
    *,
    association: Association,
    kind: str,
    email: str,
    actor: User,
    company: Company | None = None,
    company_role: str = "",
) -> tuple[Invitation, str]:
    """Create an invitation and e-mail its link on commit. Returns the invitation and the one-time token."""
    email = _normalized_email(email)
    if kind not in InvitationKind.values:
        raise ValidationError({"kind": _("Unknown invitation kind.")})
    if kind == InvitationKind.COLLEAGUE:
        if company is None or company_role not in CompanyRole.values:
            raise ValidationError({"company_role": _("Choose a role for your colleague.")})
        if User.objects.filter(email__iexact=email).exists():
            raise ValidationError({"email": _("An account with this e-mail address already exists.")})
    else:
        company, company_role = None, ""
        if (
            kind == InvitationKind.COMPANY
            and User.objects.filter(email__iexact=email, company__isnull=False)
            .filter(company__memberships__association=association)
            .exists()
        ):
            raise ValidationError(
                {"email": _("This person's company already belongs to or applied to this association.")}
            )
    if Invitation.objects.filter(
        association=association,
        email=email,
        accepted_at__isnull=True,
        revoked_at__isnull=True,
        expires_at__gt=timezone.now(),
    ).exists():
        raise ValidationError({"email": _("An open invitation for this e-mail address already exists.")})
    token, token_hash = new_invitation_token()
    invitation = Invitation.objects.create(
        association=association,
        kind=kind,
        email=email,
        company=company,
        company_role=company_role,
        token_hash=token_hash,
        created_by=actor,
        expires_at=timezone.now() + timedelta(days=settings.INVITATION_TTL_DAYS),
    )
    audit_record(
        action="invitation.create",
        actor=actor,
        association=association,
        target=invitation,
        details={"kind": kind, "email": email},
    )
    _send_invitation_email(invitation, token, association.default_language, actor.display_name)
    return invitation, token


def _send_invitation_email(invitation: Invitation, token: str, language: str, inviter: str) -> None:
    """Rendered now, in the association's language (the invitee has no account yet), and sent after commit."""
    with translation.override(language):
        context = {"invitation": invitation, "url": invitation_url(token), "inviter": inviter}
        subject = _("Invitation to %(association)s") % {"association": invitation.association.name}
        body = render_to_string("accounts/email/invitation.txt", context)
    email_on_commit(recipient=invitation.email, subject=subject, body=body)


def invitation_by_token(token: str) -> Invitation:
    """The open invitation for `token`, or a ValidationError saying why it cannot be used."""
    invitation = (
        Invitation.objects.select_related("association", "company").filter(token_hash=digest(token or "")).first()
    )
    if invitation is None:
        raise ValidationError(_("This invitation link is not valid."), code="invalid")
    if invitation.accepted_at is not None:
        raise ValidationError(_("This invitation has already been used."), code="used")
    if invitation.revoked_at is not None:
        raise ValidationError(_("This invitation was withdrawn."), code="revoked")
    if invitation.expires_at <= timezone.now():
        raise ValidationError(_("This invitation has expired. Ask for a new one."), code="expired")
    return invitation


@transaction.atomic
def invitation_accept(
    *,
    token: str,
    display_name: str,
    password: str,
    preferred_language: str = "en",
    company_profile: dict[str, Any] | None = None,
) -> User:
    """Create the invitee's account (and, for a company invitation, its company and membership application)."""
    invitation = invitation_by_token(token)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None:  # lost a race with a double submit
        raise ValidationError(_("This invitation has already been used."), code="used")
    if User.objects.filter(email__iexact=invitation.email).exists():
        raise ValidationError({"email": _("An account with this e-mail address already exists.")})
    display_name = (display_name or "").strip()
    if not display_name:
        raise ValidationError({"display_name": _("Enter your name.")})
    if preferred_language not in dict(settings.LANGUAGES):
        raise ValidationError({"preferred_language": _("Choose English or Simplified Chinese.")})
    user = User(email=invitation.email, display_name=display_name, preferred_language=preferred_language)
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise ValidationError({"password": error.messages}) from None
    association = invitation.association
    if invitation.kind == InvitationKind.COMPANY:
        profile = company_profile or {}
        if not (profile.get("legal_name_en") or "").strip():
            raise ValidationError({"legal_name_en": _("Enter the company's legal name in English.")})
        company = tenancy_services.company_create(association=association, actor=None, **profile)
        user.company, user.company_role = company, CompanyRole.ADMIN
    elif invitation.kind == InvitationKind.COLLEAGUE:
        user.company, user.company_role = invitation.company, invitation.company_role
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    if user.company is not None:
        # Object permissions are granted to the company's group, never to each user.
        user.groups.add(user.company.group)
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    audit_record(action="invitation.accept", actor=user, association=association, target=invitation)
    if invitation.kind == InvitationKind.COMPANY:
        assert user.company is not None  # the company created above
        tenancy_services.membership_apply(association=association, company=user.company, actor=user)
    elif invitation.kind == InvitationKind.COUNSEL:
        tenancy_services.role_appoint(
            association=association, user=user, role=AssociationRoleKind.COUNSEL, actor=invitation.created_by
        )
    notify(
        recipients=[invitation.created_by],
        association=association,
        kind="invitation.accepted",
        params={"email": user.email},
    )
    return user


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, actor: User) -> Invitation:
    if not invitation.is_open:
        raise ValidationError(_("Only an open invitation can be withdrawn."))
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    audit_record(action="invitation.revoke", actor=actor, association=invitation.association, target=invitation)
    return invitation


@transaction.atomic
def user_update_profile(
    *,
    user: User,
    display_name: str | None = None,
    preferred_language: str | None = None,
    notification_email: str | None = None,
) -> User:
    fields = []
    if display_name is not None:
        if not display_name.strip():
            raise ValidationError({"display_name": _("Enter your name.")})
        user.display_name = display_name.strip()
        fields.append("display_name")
    if preferred_language is not None:
        if preferred_language not in dict(settings.LANGUAGES):
            raise ValidationError({"preferred_language": _("Choose English or Simplified Chinese.")})
        user.preferred_language = preferred_language
        fields.append("preferred_language")
    if notification_email is not None:
        if notification_email not in NotificationEmail.values:
            raise ValidationError({"notification_email": _("Choose how often to e-mail you notifications.")})
        user.notification_email = notification_email
        fields.append("notification_email")
    if fields:
        user.save(update_fields=fields)
        audit_record(action="user.update_profile", actor=user, target=user, details={"fields": fields})
    return user


@transaction.atomic
def user_deactivate(*, user: User, actor: User, association: Association) -> User:
    """A company admin removes a colleague: the account stops working at once, open sockets close."""
    if user.pk == actor.pk:
        raise ValidationError(_("You cannot deactivate your own account."))
    if not user.is_active:
        raise ValidationError(_("This account is already deactivated."))
    if (
        user.company_role == CompanyRole.ADMIN
        and user.company is not None  # always, for an admin (the user_company_role_consistent constraint)
        and user.company.users.filter(is_active=True, company_role=CompanyRole.ADMIN).count() <= 1
    ):
        raise ValidationError(_("A company keeps at least one active admin."))
    user.is_active = False
    user.save(update_fields=["is_active"])
    audit_record(action="user.deactivate", actor=actor, association=association, target=user)
    access_changed_on_commit([user.pk])
    return user


@transaction.atomic
def partner_create(*, association: Association, name: str, contact_email: str = "", actor: User) -> PartnerOrganization:
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Enter the partner's name.")})
    if contact_email:
        contact_email = _normalized_email(contact_email)
    if PartnerOrganization.objects.filter(association=association, name__iexact=name).exists():
        raise ValidationError({"name": _("A partner with this name already exists.")})
    partner = PartnerOrganization.objects.create(association=association, name=name, contact_email=contact_email)
    audit_record(action="partner.create", actor=actor, association=association, target=partner)
    return partner


@transaction.atomic
def api_key_create(
    *, partner: PartnerOrganization, name: str, scopes: list[str], expires_at: datetime | None, actor: User
) -> tuple[ApiKey, str]:
    """Create a key and return it with its plain value, which is never shown again."""
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Name the key so you can recognise it later.")})
    scopes = sorted(set(scopes or []))
    if not scopes or not set(scopes) <= set(ApiScope.values):
        raise ValidationError({"scopes": _("Choose at least one valid scope.")})
    if expires_at is not None and expires_at <= timezone.now():
        raise ValidationError({"expires_at": _("The expiry must be in the future.")})
    key, prefix, key_hash = new_api_key()
    api_key = ApiKey.objects.create(
        partner=partner,
        name=name,
        prefix=prefix,
        key_hash=key_hash,
        scopes=scopes,
        expires_at=expires_at,
        created_by=actor,
    )
    audit_record(
        action="api_key.create",
        actor=actor,
        association=partner.association,
        target=api_key,
        details={"prefix": prefix, "scopes": scopes},
    )
    return api_key, key


@transaction.atomic
def api_key_revoke(*, api_key: ApiKey, actor: User) -> ApiKey:
    if api_key.revoked_at is not None:
        raise ValidationError(_("This key is already revoked."))
    api_key.revoked_at = timezone.now()
    api_key.save(update_fields=["revoked_at"])
    audit_record(
        action="api_key.revoke",
        actor=actor,
        association=api_key.partner.association,
        target=api_key,
        details={"prefix": api_key.prefix},
    )
    return api_key


def api_key_matches(api_key: ApiKey, key: str) -> bool:
    return hmac.compare_digest(api_key.key_hash, digest(key))
