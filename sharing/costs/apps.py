from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CostsConfig(AppConfig):
    name = "sharing.costs"
    label = "costs"
    verbose_name = _("Cost sharing")

    def ready(self) -> None:
        from sharing.costs import receivers  # noqa: F401  (connects them to sharing.defense.signals)
