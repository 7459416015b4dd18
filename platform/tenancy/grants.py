"""Object permissions (django-guardian, direct foreign-key tables), granted to groups and audited."""

from typing import TYPE_CHECKING

from django.contrib.auth.models import Group
from django.db import models
from guardian.shortcuts import assign_perm, get_objects_for_group, get_objects_for_user, remove_perm

from audit.services import audit_record
from tenancy.models import Association

if TYPE_CHECKING:
    # The user model (AUTH_USER_MODEL): django-stubs' plugin reads `_User` as accounts.User, which sits above
    # tenancy in the apps' layers and so is never imported here, not even for typing.
    from django.contrib.auth.models import AnonymousUser
    from django.contrib.auth.models import _User as User


def grant(
    *,
    perm: str,
    group: Group,
    obj: models.Model,
    actor: "User | AnonymousUser | None",
    association: Association | None,
) -> None:
    """Give `group` the object permission `perm` (e.g. "view_company") on `obj`, with an audit event."""
    assign_perm(_qualified(perm, obj), group, obj)
    audit_record(
        action="permission.grant",
        actor=actor,
        association=association,
        target=obj,
        details={"perm": perm, "group": group.name},
    )


def revoke(
    *,
    perm: str,
    group: Group,
    obj: models.Model,
    actor: "User | AnonymousUser | None",
    association: Association | None,
) -> None:
    remove_perm(_qualified(perm, obj), group, obj)
    audit_record(
        action="permission.revoke",
        actor=actor,
        association=association,
        target=obj,
        details={"perm": perm, "group": group.name},
    )


def objects_for_user[M: models.Model](
    user: "User | AnonymousUser", perm: str, queryset: models.QuerySet[M]
) -> models.QuerySet[M]:
    """Objects of `queryset` the user holds `perm` on through a user or group grant. Superusers get no bypass."""
    return get_objects_for_user(
        user,
        _qualified(perm, queryset.model),
        klass=queryset,
        use_groups=True,
        with_superuser=False,
        accept_global_perms=False,
    )


def objects_for_group[M: models.Model](group: Group, perm: str, queryset: models.QuerySet[M]) -> models.QuerySet[M]:
    return get_objects_for_group(group, _qualified(perm, queryset.model), klass=queryset, accept_global_perms=False)


def _qualified(perm: str, model: models.Model | type[models.Model]) -> str:
    return perm if "." in perm else f"{model._meta.app_label}.{perm}"
