"""Scoped reads of people, invitations, partners and keys."""

from django.db.models import Q, QuerySet

from accounts.models import ApiKey, Invitation, InvitationKind, PartnerOrganization, User
from tenancy.access import Access, NoAccess, Role


def colleagues(access: Access) -> QuerySet[User]:
    """The users of the caller's own company (active and deactivated), for its members to see."""
    if not access.has_any({Role.COMPANY_ADMIN, Role.COMPANY_MEMBER}):
        raise NoAccess
    return User.objects.filter(company=access.company).order_by("-is_active", "display_name")


def get_colleague_for_admin(access: Access, user_id: int | str) -> User:
    if not access.is_company_admin:
        raise NoAccess
    user = colleagues(access).filter(pk=user_id).first()
    if user is None:
        raise NoAccess
    return user


def invitation_kinds_for(access: Access) -> frozenset[str]:
    """Association admins invite companies and counsel; company admins invite colleagues."""
    kinds: set[str] = set()
    if access.is_association_admin:
        kinds |= {InvitationKind.COMPANY, InvitationKind.COUNSEL}
    if access.is_company_admin:
        kinds.add(InvitationKind.COLLEAGUE)
    return frozenset(kinds)


def invitations_for(access: Access) -> QuerySet[Invitation]:
    """The invitations of the kinds the caller may send; colleague invitations of the caller's company only."""
    kinds = invitation_kinds_for(access)
    if not kinds:
        raise NoAccess
    visible = Q(kind__in=sorted(kinds - {InvitationKind.COLLEAGUE}))
    if InvitationKind.COLLEAGUE in kinds:
        visible |= Q(kind=InvitationKind.COLLEAGUE, company=access.company)
    return Invitation.objects.filter(visible, association=access.association).select_related("created_by", "company")


def get_invitation_for(access: Access, invitation_id: int | str) -> Invitation:
    invitation = invitations_for(access).filter(pk=invitation_id).first()
    if invitation is None:
        raise NoAccess
    return invitation


def partners_for(access: Access) -> QuerySet[PartnerOrganization]:
    if not access.is_association_admin:
        raise NoAccess
    return PartnerOrganization.objects.filter(association=access.association)


def get_partner_for(access: Access, partner_id: int | str) -> PartnerOrganization:
    partner = partners_for(access).filter(pk=partner_id).first()
    if partner is None:
        raise NoAccess
    return partner


def api_keys_for(access: Access, partner: PartnerOrganization | None = None) -> QuerySet[ApiKey]:
    if not access.is_association_admin:
        raise NoAccess
    qs = ApiKey.objects.filter(partner__association=access.association).select_related("partner", "created_by")
    return qs.filter(partner=partner) if partner is not None else qs


def get_api_key_for(access: Access, key_id: int | str) -> ApiKey:
    api_key = api_keys_for(access).filter(pk=key_id).first()
    if api_key is None:
        raise NoAccess
    return api_key
