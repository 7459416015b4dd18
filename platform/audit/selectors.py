from audit.models import AuditEvent
from tenancy.access import Access, NoAccess


def audit_events_for(access: Access, action: str | None = None):
    """The association's audit trail (one action's events when `action` is given), for its admins only."""
    if not access.is_association_admin:
        raise NoAccess
    events = AuditEvent.objects.filter(association=access.association).select_related("actor")
    return events.filter(action=action) if action else events


def audit_actions_for(access: Access) -> list[str]:
    """The distinct actions recorded in the association's trail, for the audit log's filter."""
    return list(audit_events_for(access).order_by("action").values_list("action", flat=True).distinct())
