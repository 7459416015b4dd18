from notifications.models import Notification


def notifications_for(access):
    """The caller's own notifications in the association of `access`."""
    return Notification.objects.filter(recipient=access.user, association=access.association)


def unread_count(access) -> int:
    return notifications_for(access).filter(read_at__isnull=True).count()
