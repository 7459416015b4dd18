"""manage.py quickstart: migrate, seed the demo, and serve it over ASGI on this machine.

No collectstatic (with DEBUG on, the development server serves static files from the apps) and no
compilemessages (the compiled catalogs are committed).
"""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils.translation import gettext as _

DEFAULT_ADDRPORT = "127.0.0.1:8000"


class Command(BaseCommand):
    help = "Migrate, seed the demo data and serve the platform at http://127.0.0.1:8000/ (local demos only)."
    requires_system_checks = []  # runserver runs them before serving

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default=DEFAULT_ADDRPORT, help="Address and port to serve on.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run against a database other than SQLite. It seeds demo accounts with a published password.",
        )

    def handle(self, *args, addrport: str, force: bool = False, **options):
        if not settings.DEBUG:
            raise CommandError(_("quickstart serves plain HTTP for a local demo: run it with DEBUG=1."))
        if connection.vendor != "sqlite" and not force:
            raise CommandError(
                _(
                    "DATABASE_URL points to %(vendor)s. quickstart seeds demo accounts with a published password, "
                    "so it only runs on the SQLite default. Use --force if this database is a throw-away demo."
                )
                % {"vendor": connection.vendor}
            )
        verbosity = options["verbosity"]
        call_command("migrate", interactive=False, verbosity=verbosity)
        call_command("seed_demo", verbosity=verbosity, stdout=self.stdout)
        url = f"http://{addrport if ':' in addrport else f'127.0.0.1:{addrport}'}/"
        self.stdout.write(
            self.style.SUCCESS(_("The demo is starting at %(url)s (stop it with Ctrl+C).") % {"url": url})
        )
        # Daphne's ASGI runserver (daphne is first in INSTALLED_APPS). No autoreloader: one process, clean stop.
        call_command("runserver", addrport, use_reloader=False)
