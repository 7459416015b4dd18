"""Create notifications; the websocket push and e-mails go out after commit."""

from functools import partial

from django.db import transaction
from django.utils import timezone, translation

from notifications.kinds import MESSAGES, render
from notifications.models import Notification
from notifications.realtime import push_to_users_on_commit
from notifications.tasks import send_email


def notify(*, recipients, association, kind: str, params: dict | None = None, url: str = "") -> list[Notification]:
    """Store one notification per recipient and push each to that recipient's open sockets on commit."""
    if kind not in MESSAGES:
        raise ValueError(f"Unknown notification kind: {kind}")
    params = params or {}
    created = Notification.objects.bulk_create(
        [
            Notification(association=association, recipient=user, kind=kind, params=params, url=url)
            for user in {u.pk: u for u in recipients}.values()
        ]
    )
    for notification in created:
        user = notification.recipient
        with translation.override(user.preferred_language):
            text = render(kind, params)
        push_to_users_on_commit(
            [user.pk],
            {
                "type": "notification.created",
                "association": association.slug,
                "notification": {"id": notification.pk, "kind": kind, "text": text, "url": url},
            },
        )
    return created


def mark_read(*, user, association, notification_ids=None) -> int:
    """Mark the user's notifications in this association read (all of them when no ids are given)."""
    qs = Notification.objects.filter(recipient=user, association=association, read_at__isnull=True)
    if notification_ids is not None:
        qs = qs.filter(id__in=notification_ids)
    return qs.update(read_at=timezone.now())


def email_on_commit(*, recipient: str, subject: str, body: str) -> None:
    """Queue an e-mail, already rendered in the recipient's language, once the current transaction commits."""
    enqueue = partial(send_email.enqueue, recipient=recipient, subject=str(subject), body=str(body))
    transaction.on_commit(enqueue, robust=True)
