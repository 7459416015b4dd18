"""Scoped reads of people, invitations, partners and keys."""

from accounts.models import ApiKey, Invitation, InvitationKind, PartnerOrganization, User
from tenancy.access import Access, NoAccess, Role


def colleagues(access: Access):
    """The users of the caller's own company (active and deactivated), for its members to see."""
    if not access.has_any({Role.COMPANY_ADMIN, Role.COMPANY_MEMBER}):
        raise NoAccess
    return User.objects.filter(company=access.company).order_by("-is_active", "display_name")


def get_colleague_for_admin(access: Access, user_id) -> User:
    if not access.is_company_admin:
        raise NoAccess
    user = colleagues(access).filter(pk=user_id).first()
    if user is None:
        raise NoAccess
    return user


def invitations_for(access: Access):
    """Association admins see company and counsel invitations; company admins their colleague invitations."""
    qs = Invitation.objects.filter(association=access.association).select_related("created_by", "company")
    if access.is_association_admin and access.is_company_admin:
        return qs.exclude(kind=InvitationKind.COLLEAGUE) | qs.filter(company=access.company)
    if access.is_association_admin:
        return qs.exclude(kind=InvitationKind.COLLEAGUE)
    if access.is_company_admin:
        return qs.filter(kind=InvitationKind.COLLEAGUE, company=access.company)
    raise NoAccess


def get_invitation_for(access: Access, invitation_id) -> Invitation:
    invitation = invitations_for(access).filter(pk=invitation_id).first()
    if invitation is None:
        raise NoAccess
    return invitation


def partners_for(access: Access):
    if not access.is_association_admin:
        raise NoAccess
    return PartnerOrganization.objects.filter(association=access.association)


def get_partner_for(access: Access, partner_id) -> PartnerOrganization:
    partner = partners_for(access).filter(pk=partner_id).first()
    if partner is None:
        raise NoAccess
    return partner


def api_keys_for(access: Access, partner: PartnerOrganization | None = None):
    if not access.is_association_admin:
        raise NoAccess
    qs = ApiKey.objects.filter(partner__association=access.association).select_related("partner", "created_by")
    return qs.filter(partner=partner) if partner is not None else qs


def get_api_key_for(access: Access, key_id) -> ApiKey:
    api_key = api_keys_for(access).filter(pk=key_id).first()
    if api_key is None:
        raise NoAccess
    return api_key
