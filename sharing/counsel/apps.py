from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CounselConfig(AppConfig):
    name = "sharing.counsel"
    label = "counsel"
    verbose_name = _("Counsel network")
