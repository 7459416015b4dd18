"""Scoped reads of tenancy data. Each takes the caller's Access; anything outside it is NoAccess (404)."""

from accounts.models import User
from tenancy.access import Access, NoAccess, Role
from tenancy.models import AssociationRole, Company, Membership, MembershipStatus
from tenancy.permissions import objects_for_user


def _require(access: Access, *roles: Role) -> None:
    if not access.has_any(roles):
        raise NoAccess


def memberships_for_admin(access: Access, status: str | None = None):
    """The association's memberships (every status), for its admins."""
    _require(access, Role.ASSOCIATION_ADMIN)
    qs = Membership.objects.filter(association=access.association).select_related("company", "decided_by")
    return qs.filter(status=status) if status else qs


def get_membership_for_admin(access: Access, membership_id) -> Membership:
    membership = memberships_for_admin(access).filter(pk=membership_id).first()
    if membership is None:
        raise NoAccess
    return membership


def own_company(access: Access) -> Company:
    """The caller's company, through its company group's object permission (never through the URL)."""
    _require(access, Role.COMPANY_ADMIN, Role.COMPANY_MEMBER)
    company = objects_for_user(access.user, "view_company", Company.objects.filter(pk=access.company.pk)).first()
    if company is None:
        raise NoAccess
    return company


def association_roles(access: Access, role: str | None = None):
    _require(access, Role.ASSOCIATION_ADMIN)
    qs = AssociationRole.objects.filter(association=access.association).select_related("user", "user__company")
    return qs.filter(role=role) if role else qs


def get_association_role(access: Access, assignment_id) -> AssociationRole:
    assignment = association_roles(access).filter(pk=assignment_id).first()
    if assignment is None:
        raise NoAccess
    return assignment


def moderator_candidates(access: Access):
    """Active users of the association's active member companies: whom an admin may appoint moderator."""
    _require(access, Role.ASSOCIATION_ADMIN)
    return (
        User.objects.filter(
            is_active=True,
            company__memberships__association=access.association,
            company__memberships__status=MembershipStatus.ACTIVE,
        )
        .select_related("company")
        .order_by("company__legal_name_en", "display_name")
    )


def get_moderator_candidate(access: Access, user_id) -> User:
    user = moderator_candidates(access).filter(pk=user_id).first()
    if user is None:
        raise NoAccess
    return user
