"""Create notifications; the websocket push and e-mails go out after commit, through tasks."""

from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from notifications.kinds import MESSAGES
from notifications.models import Notification
from notifications.tasks import deliver_notifications, send_email
from tenancy.models import Association

if TYPE_CHECKING:
    # The user model (AUTH_USER_MODEL): django-stubs' plugin reads `_User` as accounts.User, which sits above
    # notifications in the apps' layers and so is never imported here, not even for typing.
    from django.contrib.auth.models import _User as User


def notify(
    *,
    recipients: Iterable["User"],
    association: Association,
    kind: str,
    params: dict[str, Any] | None = None,
    url: str = "",
    email: bool = True,
) -> list[Notification]:
    """Store one notification per recipient; after commit, a task pushes each to the recipient's open sockets and
    e-mails it to those who want e-mails at once (digests are sent by `send_notification_digests`).
    `email=False` when the caller e-mails the recipients itself: the notification is then never e-mailed."""
    if kind not in MESSAGES:
        raise ValueError(f"Unknown notification kind: {kind}")
    params = params or {}
    created = Notification.objects.bulk_create(
        [
            Notification(association=association, recipient=user, kind=kind, params=params, url=url, email=email)
            for user in {u.pk: u for u in recipients}.values()
        ]
    )
    if created:
        ids = [notification.pk for notification in created]
        transaction.on_commit(partial(deliver_notifications.enqueue, notification_ids=ids), robust=True)
    return created


def mark_read(*, user: "User", association: Association, notification_ids: Iterable[int] | None = None) -> int:
    """Mark the user's notifications in this association read (all of them when no ids are given)."""
    qs = Notification.objects.filter(recipient=user, association=association, read_at__isnull=True)
    if notification_ids is not None:
        qs = qs.filter(id__in=notification_ids)
    return qs.update(read_at=timezone.now())


def email_on_commit(*, recipient: str, subject: str, body: str) -> None:
    """Queue an e-mail, already rendered in the recipient's language, once the current transaction commits."""
    enqueue = partial(send_email.enqueue, recipient=recipient, subject=str(subject), body=str(body))
    transaction.on_commit(enqueue, robust=True)
