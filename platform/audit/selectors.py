from audit.models import AuditEvent
from tenancy.access import Access, NoAccess


def audit_events_for(access: Access):
    """The association's audit trail, for its admins only."""
    if not access.is_association_admin:
        raise NoAccess
    return AuditEvent.objects.filter(association=access.association).select_related("actor")
