from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "sharing.campaigns"
    label = "campaigns"
    verbose_name = _("Plaintiffs and campaigns")

    def ready(self) -> None:
        from sharing.campaigns import receivers  # noqa: F401  (connects them to sharing.reports.signals)
