from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WatchlistsConfig(AppConfig):
    name = "sharing.watchlists"
    label = "watchlists"
    verbose_name = _("Watchlists")

    def ready(self) -> None:
        from sharing.watchlists import receivers  # noqa: F401  (connects them to sharing.reports.signals)
