"""The one way to write an audit event."""

from typing import Any

from django.db import models

from audit.context import current_ip
from audit.models import AuditEvent


def audit_record(
    *,
    action: str,
    actor=None,
    association=None,
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
