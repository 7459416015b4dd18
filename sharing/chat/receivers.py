"""What the chat does when defense changes (sharing.defense.signals); connected in ChatConfig.ready()."""

from django.dispatch import receiver

from sharing.chat.models import Room
from sharing.defense.signals import group_created


@receiver(group_created, dispatch_uid="chat.general_room")
def open_general_room(sender, group, **kwargs) -> None:
    Room.objects.create(group=group, topic="")
