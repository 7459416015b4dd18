"""The sockets of one association, /ws/a/<slug>/...: access is the user's access to the association of the URL.

realtime.sockets holds every socket's base and its close codes; this is the tenancy's answer to its access hook,
so that the plumbing knows nothing of associations and the sockets of the apps (notifications.consumers,
sharing.chat.consumers) build on this class.
"""

from realtime.sockets import NO_ACCESS, Refused, SocketConsumer
from tenancy.access import Access, NoAccess, resolve_access


class AssociationSocket(SocketConsumer):
    """A socket under /ws/a/<slug>/: its access is tenancy.access's Access to that association."""

    def access_of(self, user) -> Access:
        """`user`'s access to the association of the socket's URL, or Refused (4403) whatever the reason."""
        try:
            return resolve_access(slug=self.scope["url_route"]["kwargs"]["slug"], user=user)
        except NoAccess:
            raise Refused(NO_ACCESS) from None
