"""Background tasks of notifications/. Arguments are plain JSON: the database backend stores them as a row."""

from django.core.mail import send_mail
from django.tasks import task


@task
def send_email(*, recipient: str, subject: str, body: str) -> None:
    """Deliver one e-mail, already rendered in the recipient's language by whoever enqueued it."""
    send_mail(subject, body, None, [recipient])
