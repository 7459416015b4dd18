"""The live notifications socket, /ws/a/<slug>/notifications/. Thin: who may hold it is tenancy.sockets's, the
close codes and the answer to client messages are realtime.sockets's."""

import asyncio
import logging
import random

from notifications.selectors import unread_count
from realtime import sockets
from realtime.database_threads import in_database
from realtime.events import user_group
from tenancy.access import Access
from tenancy.sockets import AssociationSocket

logger = logging.getLogger(__name__)

REJOIN_SECONDS = 20.0


class NotificationsConsumer(AssociationSocket):
    """Pushes the signed-in user's new notifications of one association; access is checked again on every event."""

    async def connect(self):
        self.slug = self.scope["url_route"]["kwargs"]["slug"]
        self.access = None
        self.group = None
        self.rejoining = None
        self.invalid_messages = 0
        user = self.scope["user"]
        if user.is_authenticated:
            # Join before checking access, so an access change landing between the two is not missed.
            self.group = user_group(user.pk)
            await self.channel_layer.group_add(self.group, self.channel_name)
        try:
            self.access = await self.socket_access()
        except sockets.Refused as refusal:
            await self.leave_group()
            await self.accept()
            await self.close(code=refusal.code)
            return
        await self.accept()
        if self.group is not None:
            self.rejoining = asyncio.create_task(self.keep_joined())

    async def keep_joined(self):
        """A restarted Redis forgets the user's group, and the socket would hear nothing more: join it again every
        REJOIN_SECONDS (with jitter). What was pushed meanwhile is lost, not wrong: the next push carries the unread
        count, the list is read from the database, and every push checks access first."""
        while self.group is not None:
            await asyncio.sleep(REJOIN_SECONDS * random.uniform(0.8, 1.2))  # noqa: S311 (jitter)
            try:
                await self.channel_layer.group_add(self.group, self.channel_name)
            except Exception:
                logger.warning("notifications: joining %s again failed", self.group, exc_info=True)

    async def disconnect(self, code):
        await self.leave_group()

    async def leave_group(self):
        if self.rejoining is not None and self.rejoining is not asyncio.current_task():
            self.rejoining.cancel()
        self.rejoining = None
        if self.group is not None:
            await self.channel_layer.group_discard(self.group, self.channel_name)
            self.group = None

    async def receive(self, text_data=None, bytes_data=None):
        if self.access is None:
            return
        reply = sockets.reply_to(text_data, language=self.access.user.preferred_language)
        await self.send_json(reply)
        if reply["type"] == "error":
            self.invalid_messages += 1
            if self.invalid_messages >= sockets.MAX_INVALID_MESSAGES:
                await self.shut(sockets.TOO_MANY_INVALID_MESSAGES)

    async def notification_created(self, event):
        """Sent on commit by notifications.services.notify to every socket of the recipient."""
        if self.access is None or event.get("association") != self.slug or not await self.still_allowed():
            return
        count = await in_database(unread_count)(self.access)
        await self.send_json(
            notification_frame(access=self.access, notification=event["notification"], unread_count=count)
        )

    async def access_changed(self, event):
        """Sent on commit after a suspension, a role removal or a deactivation: close if access is gone."""
        if self.access is not None:
            await self.still_allowed()

    async def still_allowed(self) -> bool:
        try:
            self.access = await self.access_now()
        except sockets.Refused as refusal:
            await self.shut(refusal.code)
            return False
        return True

    async def shut(self, code: int):
        self.access = None
        await self.leave_group()
        await self.close(code=code)


def notification_frame(*, access: Access, notification: dict, unread_count: int) -> dict:
    return {
        "type": "notification",
        "association": access.association.slug,
        "notification": notification,
        "unread_count": unread_count,
    }
