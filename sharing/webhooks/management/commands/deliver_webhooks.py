"""Send the webhook attempts whose time has come (retries above all). Run it every minute (cron, a systemd
timer), or with --loop as a long-running process; with the immediate task backend it is what sends retries."""

import time

from django.core.management.base import BaseCommand

from sharing.webhooks.services import deliver_due


class Command(BaseCommand):
    help = "Send the webhook deliveries that are due."

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="Keep running, checking every --interval seconds.")
        parser.add_argument("--interval", type=float, default=15.0)

    def handle(self, *args, loop=False, interval=15.0, **options):
        while True:
            sent = deliver_due()
            if options["verbosity"] > 1 or (sent and not loop):
                self.stdout.write(f"{sent} webhook deliveries sent")
            if not loop:
                return
            time.sleep(interval)
