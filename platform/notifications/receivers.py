"""Notices for what happens in tenancy (tenancy.signals), sent inside its transaction: the notifications are
written with the change, and delivered once it commits. Connected in NotificationsConfig.ready()."""

from django.dispatch import receiver

from notifications.services import notify
from tenancy.models import AssociationRoleKind
from tenancy.signals import membership_applied, membership_decided, role_appointed, role_removed

# The notification kind of each membership decision (tenancy.services.MEMBERSHIP_DECISIONS).
DECISION_KINDS = {
    "approve": "membership.approved",
    "reject": "membership.rejected",
    "suspend": "membership.suspended",
    "reinstate": "membership.reinstated",
}


@receiver(membership_applied, dispatch_uid="notifications.membership_applied")
def tell_association_admins(sender, membership, **kwargs) -> None:
    association = membership.association
    admins = association.roles.filter(role=AssociationRoleKind.ADMIN, user__is_active=True).select_related("user")
    notify(
        recipients=[assignment.user for assignment in admins],
        association=association,
        kind="membership.applied",
        params={"company": membership.company.legal_name_en, "association": association.name},
        url=f"/a/{association.slug}/manage/members/",
    )


@receiver(membership_decided, dispatch_uid="notifications.membership_decided")
def tell_company_users(sender, membership, decision, **kwargs) -> None:
    notify(
        recipients=list(membership.company.users.filter(is_active=True)),
        association=membership.association,
        kind=DECISION_KINDS[decision],
        params={"association": membership.association.name},
        url=f"/a/{membership.association.slug}/",
    )


@receiver(role_appointed, dispatch_uid="notifications.role_appointed")
def tell_appointee(sender, assignment, **kwargs) -> None:
    association = assignment.association
    notify(
        recipients=[assignment.user],
        association=association,
        kind="role.appointed",
        params={"role": assignment.role, "association": association.name},
        url=f"/a/{association.slug}/",
    )


@receiver(role_removed, dispatch_uid="notifications.role_removed")
def tell_former_holder(sender, association, user, role, **kwargs) -> None:
    notify(
        recipients=[user],
        association=association,
        kind="role.removed",
        params={"role": role, "association": association.name},
        url="/",
    )
