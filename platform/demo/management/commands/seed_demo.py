"""manage.py seed_demo: the demo associations, companies and one person per role; safe to run again."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from demo import data
from demo.credentials import DEMO_API_KEY, DEMO_PASSWORD, MAIN
from demo.seeding import seed_demo


class Command(BaseCommand):
    help = "Create the demo associations, companies, users and partner API key (idempotent). Demo only."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Seed even with DEBUG off. The demo password and API key are public: never use on production.",
        )

    def handle(self, *args, force: bool = False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                _(
                    "seed_demo creates accounts with a published password and API key, so it only runs with "
                    "DEBUG=1. Use --force to seed anyway (never on a production database)."
                )
            )
        result = seed_demo()
        if result.changed:
            created = ", ".join(
                f"{count} {model._meta.verbose_name if count == 1 else model._meta.verbose_name_plural}"
                for model, count in result.created.items()
            )
            self.stdout.write(self.style.SUCCESS(_("Demo data created: %(created)s.") % {"created": created}))
        else:
            self.stdout.write(self.style.SUCCESS(_("Demo data already present; nothing changed.")))
        self.stdout.write(self.sign_in_table())

    def sign_in_table(self) -> str:
        rows = [(_("Role"), _("E-mail"), _("What they see"))]
        rows += [(str(role), email, str(sees)) for role, email, sees in data.SIGN_INS]
        widths = [max(len(row[i]) for row in rows) for i in range(2)]
        lines = [f"{r[0]:<{widths[0]}}  {r[1]:<{widths[1]}}  {r[2]}" for r in rows]
        lines.insert(1, "-" * len(lines[0]))
        key = DEMO_API_KEY
        url = f"{settings.SITE_URL}/api/v1/a/{MAIN}/partner/whoami/"
        return "\n".join(
            [
                "",
                _("Sign in at %(url)s with any e-mail below and the password: %(password)s")
                % {"url": f"{settings.SITE_URL}/accounts/login/", "password": DEMO_PASSWORD},
                "",
                *lines,
                "",
                _("Partner API (published demo key, demo only):"),
                f'  curl -H "Authorization: Bearer {key}" {url}',
                "",
            ]
        )
