"""The one way to write an audit event."""

from typing import TYPE_CHECKING, Any

from django.db import models

from audit.context import current_ip
from audit.models import AuditEvent

if TYPE_CHECKING:
    # The user model (AUTH_USER_MODEL): django-stubs' plugin reads `_User` as accounts.User, which sits above audit
    # in the apps' layers and so is never imported here, not even for typing.
    from django.contrib.auth.models import AnonymousUser
    from django.contrib.auth.models import _User as User


def audit_record(
    *,
    action: str,
    actor: "User | AnonymousUser | None" = None,
    association: Any = None,  # a tenancy.Association or None; tenancy sits above audit, so it is not named here
    target: models.Model | None = None,
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event. Call it inside the service's transaction so it commits with the change it describes."""
    return AuditEvent.objects.create(
        association=association,
        actor=actor if actor is not None and actor.is_authenticated else None,
        actor_label=getattr(actor, "email", "") or "",
        action=action,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        ip_address=current_ip.get(),
        details=details or {},
    )
