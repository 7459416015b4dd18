from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChatConfig(AppConfig):
    name = "sharing.chat"
    label = "chat"
    verbose_name = _("Group chat")

    def ready(self) -> None:
        from sharing.chat import receivers  # noqa: F401  (connects them to sharing.defense.signals)
