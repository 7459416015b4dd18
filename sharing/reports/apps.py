from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "sharing.reports"
    label = "reports"
    verbose_name = _("Lawsuit reports")

    def ready(self) -> None:
        from sharing.reports import receivers  # noqa: F401  (keep the published lists current)
