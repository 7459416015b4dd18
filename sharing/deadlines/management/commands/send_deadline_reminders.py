"""Send the deadline reminders due today. Safe to run as often as you like, and twice at once: each reminder
goes out exactly once (sharing.deadlines.reminders). Run it from a timer (deploy/systemd/).
"""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from sharing.deadlines.reminders import send_due_reminders


class Command(BaseCommand):
    help = "Send the deadline reminders and overdue escalations due today, each exactly once."

    def add_arguments(self, parser):
        parser.add_argument("--today", help="Act as if today were this date (YYYY-MM-DD), to catch up or test.")

    def handle(self, *args, today=None, **options):
        try:
            day = date.fromisoformat(today) if today else None
        except ValueError:
            raise CommandError(f"--today must be a date as YYYY-MM-DD, not {today!r}.") from None
        sent = send_due_reminders(today=day)
        self.stdout.write(f"{sent.reminders} reminders and {sent.escalations} escalations sent.")
