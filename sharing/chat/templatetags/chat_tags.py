"""Chat figures for the pages of defense, which stands below chat: its views do not know the chat, the templates
ask for it (docs/ARCHITECTURE.md, "Dependencies")."""

from django import template

from sharing.chat.selectors import rooms

register = template.Library()


@register.simple_tag
def chat_unread(gaccess) -> int:
    """How many messages of the group's rooms the caller has not read (0 below full participation)."""
    if not gaccess.can_read:
        return 0
    return sum(room.unread for room in rooms(gaccess))
