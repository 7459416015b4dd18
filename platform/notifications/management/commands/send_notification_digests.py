"""manage.py send_notification_digests daily|weekly: run once a day and once a week (cron, systemd timer)."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from notifications.models import NotificationEmail
from notifications.tasks import send_digests


class Command(BaseCommand):
    help = (
        "E-mail each person who chose a daily or weekly digest their unread notifications not e-mailed yet. "
        "Safe to run twice: a notification is e-mailed at most once."
    )

    def add_arguments(self, parser):
        parser.add_argument("frequency", choices=[NotificationEmail.DAILY, NotificationEmail.WEEKLY])
        parser.add_argument(
            "--enqueue", action="store_true", help="Queue the digests as a task for db_worker instead of sending now."
        )

    def handle(self, *args, frequency: str, enqueue: bool = False, **options):
        if enqueue:
            send_digests.enqueue(frequency=frequency)
            self.stdout.write(_("Digests queued."))
            return
        sent = send_digests.call(frequency=frequency)
        self.stdout.write(self.style.SUCCESS(_("%(count)d digest e-mails sent.") % {"count": sent}))
