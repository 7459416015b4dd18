from django.db.models import QuerySet

from notifications.models import Notification
from tenancy.access import Access, NoAccess


def notifications_for(access: Access) -> QuerySet[Notification]:
    """The caller's own notifications in the association of `access`."""
    return Notification.objects.filter(recipient=access.user, association=access.association)


def unread_count(access: Access) -> int:
    return notifications_for(access).filter(read_at__isnull=True).count()


def get_notification_for(access: Access, notification_id: int | str) -> Notification:
    """One of the caller's own notifications in this association, or NoAccess."""
    notification = notifications_for(access).filter(pk=notification_id).first()
    if notification is None:
        raise NoAccess
    return notification
