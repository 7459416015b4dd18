"""Background tasks of notifications/. Arguments are plain JSON: the database backend stores them as a row."""

from django.core.mail import send_mail
from django.tasks import task

from notifications import delivery
from notifications.models import Notification, NotificationEmail


@task
def send_email(*, recipient: str, subject: str, body: str) -> None:
    """Deliver one e-mail, already rendered in the recipient's language by whoever enqueued it."""
    send_mail(subject, body, None, [recipient])


@task
def deliver_notifications(*, notification_ids: list[int]) -> dict:
    """Push each new notification to its recipient's sockets and e-mail it to those who want e-mails at once.
    Safe to run again: what was already delivered on a channel is skipped."""
    notifications = Notification.objects.filter(pk__in=notification_ids).select_related("recipient", "association")
    pushed = emailed = 0
    failures = []
    for notification in notifications.order_by("pk"):
        pushed += delivery.push(notification)
        try:
            emailed += delivery.email_instant(notification)
        except Exception as error:  # one bad address or a mail server hiccup must not hold up the others
            failures.append(error)
    if failures:
        raise failures[0]  # the task fails; running it again sends only what was not sent
    return {"pushed": pushed, "emailed": emailed}


@task
def send_digests(*, frequency: str) -> int:
    """E-mail every person who chose this digest (daily or weekly) what they have not read; how many e-mails."""
    if frequency not in {NotificationEmail.DAILY, NotificationEmail.WEEKLY}:
        raise ValueError(f"Not a digest frequency: {frequency}")
    return sum(1 for user in delivery.digest_recipients(frequency).iterator() if delivery.email_digest(user))
