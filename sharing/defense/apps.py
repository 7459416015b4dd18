from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DefenseConfig(AppConfig):
    name = "sharing.defense"
    label = "defense"
    verbose_name = _("Joint defense groups")
