from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlaintiffsConfig(AppConfig):
    name = "sharing.plaintiffs"
    label = "plaintiffs"
    verbose_name = _("Plaintiffs")
