"""Scoped reads of tenancy data. Each takes the caller's Access; anything outside it is NoAccess (404)."""

from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.db.models import Count, QuerySet

from audit.models import AuditEvent
from tenancy.access import Access, NoAccess, Role, associations_for_user, user_roles
from tenancy.grants import objects_for_user
from tenancy.models import Association, AssociationRole, Company, Membership, MembershipStatus

if TYPE_CHECKING:
    # The user model (AUTH_USER_MODEL): django-stubs' plugin reads `_User` as accounts.User, which sits above
    # tenancy in the apps' layers and so is never imported here, not even for typing.
    from django.contrib.auth.models import AnonymousUser
    from django.contrib.auth.models import _User as User


def _require(access: Access, *roles: Role) -> None:
    if not access.has_any(roles):
        raise NoAccess


def memberships_for_admin(access: Access, status: str | None = None) -> QuerySet[Membership]:
    """The association's memberships (every status), for its admins."""
    _require(access, Role.ASSOCIATION_ADMIN)
    qs = Membership.objects.filter(association=access.association).select_related("company", "decided_by")
    return qs.filter(status=status) if status else qs


def get_membership_for_admin(access: Access, membership_id: int | str) -> Membership:
    membership = memberships_for_admin(access).filter(pk=membership_id).first()
    if membership is None:
        raise NoAccess
    return membership


def membership_counts(access: Access) -> dict[str, int]:
    """How many memberships the association has in each status (every status present, zero or not)."""
    counts = dict.fromkeys(MembershipStatus.values, 0)
    rows = memberships_for_admin(access).order_by().values_list("status").annotate(n=Count("id"))
    counts.update(dict(rows))
    return counts


def own_membership(access: Access) -> Membership:
    """The caller's company's membership of this association."""
    _require(access, Role.COMPANY_ADMIN, Role.COMPANY_MEMBER)
    return Membership.objects.get(association=access.association, company=access.company)


def waiting_memberships_for_user(user: "User | AnonymousUser") -> QuerySet[Membership]:
    """Memberships of the user's own company that do not (or no longer) let it in: pending, suspended, rejected.
    Shown on the home page to explain why an association is missing; scoped by the user's own company."""
    if not user.is_authenticated or user.company_id is None:
        return Membership.objects.none()
    return (
        Membership.objects.filter(company_id=user.company_id)
        .exclude(status=MembershipStatus.ACTIVE)
        .select_related("association")
        .order_by("association__name")
    )


def own_company(access: Access) -> Company:
    """The caller's company, through its company group's object permission (never through the URL)."""
    _require(access, Role.COMPANY_ADMIN, Role.COMPANY_MEMBER)
    assert access.user is not None and access.company is not None  # company roles come with both
    company = objects_for_user(access.user, "view_company", Company.objects.filter(pk=access.company.pk)).first()
    if company is None:
        raise NoAccess
    return company


def association_roles(access: Access, role: str | None = None) -> QuerySet[AssociationRole]:
    _require(access, Role.ASSOCIATION_ADMIN)
    qs = AssociationRole.objects.filter(association=access.association).select_related("user", "user__company")
    return qs.filter(role=role) if role else qs


def get_association_role(access: Access, assignment_id: int | str, role: str | None = None) -> AssociationRole:
    assignment = association_roles(access, role).filter(pk=assignment_id).first()
    if assignment is None:
        raise NoAccess
    return assignment


def moderator_candidates(access: Access) -> "QuerySet[User]":
    """Active users of the association's active member companies: whom an admin may appoint moderator."""
    _require(access, Role.ASSOCIATION_ADMIN)
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            company__memberships__association=access.association,
            company__memberships__status=MembershipStatus.ACTIVE,
        )
        .select_related("company")
        .order_by("company__legal_name_en", "display_name")
    )


def get_moderator_candidate(access: Access, user_id: int | str) -> "User":
    user = moderator_candidates(access).filter(pk=user_id).first()
    if user is None:
        raise NoAccess
    return user


def associations_with_roles(user: "User | AnonymousUser") -> list[tuple[Association, frozenset[Role]]]:
    """The associations the user can enter now, each with the roles the user holds there (for "me" pages)."""
    return [(association, user_roles(user, association)[0]) for association in associations_for_user(user)]


# The audit trail, for the association's admins ----------------------------------------------------------------


def audit_events_for(access: Access, action: str | None = None) -> QuerySet[AuditEvent]:
    """The association's audit trail (one action's events when `action` is given), for its admins only."""
    if not access.is_association_admin:
        raise NoAccess
    events = AuditEvent.objects.filter(association=access.association).select_related("actor")
    return events.filter(action=action) if action else events


def audit_actions_for(access: Access) -> list[str]:
    """The distinct actions recorded in the association's trail, for the audit log's filter."""
    return list(audit_events_for(access).order_by("action").values_list("action", flat=True).distinct())
