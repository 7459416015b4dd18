"""Sending stored notifications on each channel, at most once per notification and channel.

Each send first claims a Delivery row (unique per notification and channel) in a transaction around the send:
a retried task, a second digest run or a concurrent worker finds the claim and sends nothing; a send that
raises rolls its claim back, so a retry can send it. E-mails are rendered in the recipient's language and only
while the recipient can still enter the association the notification belongs to.
"""

from datetime import timedelta
from itertools import groupby

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from notifications.kinds import render
from notifications.models import Channel, Delivery, Notification, NotificationEmail
from realtime.events import user_group
from tenancy.access import associations_for_user, user_roles

SUBJECT_MAX_CHARS = 120
# A digest lists what arrived since the last one; older unread notifications (left from before the person chose
# a digest, or from weeks without a run) are not dug up again.
DIGEST_MAX_AGE = timedelta(days=30)
DIGEST_MAX_ITEMS = 200


def _claim(notification_ids, channel: str) -> None:
    """Record the notifications as sent on `channel`; IntegrityError if any already was."""
    Delivery.objects.bulk_create([Delivery(notification_id=pk, channel=channel) for pk in notification_ids])


def push(notification: Notification) -> bool:
    """Wake the recipient's open sockets with the notification, in their language. False: already pushed."""
    try:
        with transaction.atomic():
            _claim([notification.pk], Channel.PUSH)
    except IntegrityError:
        return False
    with translation.override(notification.recipient.preferred_language):
        text = render(notification.kind, notification.params)
    event = {
        "type": "notification.created",
        "association": notification.association.slug,
        "notification": {
            "id": notification.pk,
            "kind": notification.kind,
            "text": text,
            "url": notification.url,
            # Following this marks it read; the page lists it with the same link.
            "open_url": open_path(notification) if notification.url else "",
        },
    }
    async_to_sync(get_channel_layer().group_send)(user_group(notification.recipient_id), event)
    return True


def email_instant(notification: Notification) -> bool:
    """E-mail one notification to a recipient who wants them at once. False: not wanted, not allowed, or sent."""
    user = notification.recipient
    if not (notification.email and user.is_active and user.notification_email == NotificationEmail.INSTANT):
        return False
    if not user_roles(user, notification.association)[0]:
        return False
    try:
        with transaction.atomic():
            _claim([notification.pk], Channel.EMAIL)
            with translation.override(user.preferred_language):
                text = render(notification.kind, notification.params)
                subject = _("%(association)s: %(text)s") % {"association": notification.association.name, "text": text}
                body = render_to_string(
                    "notifications/email/notification.txt",
                    {"text": text, "link": open_link(notification), "preferences": preferences_link()},
                )
            send_mail(Truncator(subject).chars(SUBJECT_MAX_CHARS), body, None, [user.email])
    except IntegrityError:
        return False
    return True


def digest_recipients(frequency: str):
    """People choosing this digest who have unread notifications never e-mailed."""
    return (
        get_user_model()
        .objects.filter(Exists(pending_for_email(OuterRef("pk"))), is_active=True, notification_email=frequency)
        .order_by("pk")
    )


def pending_for_email(user):
    """The user's unread, recent notifications that may be e-mailed and were not yet."""
    emailed = Delivery.objects.filter(notification=OuterRef("pk"), channel=Channel.EMAIL)
    return Notification.objects.filter(
        ~Exists(emailed),
        recipient=user,
        email=True,
        read_at__isnull=True,
        created_at__gte=timezone.now() - DIGEST_MAX_AGE,
    )


def email_digest(user) -> int:
    """E-mail `user` one digest of their pending notifications in associations they can still enter; how many
    it listed (0: nothing pending, or another run sent them first)."""
    allowed = {association.pk for association in associations_for_user(user)}
    notifications = list(
        pending_for_email(user)
        .filter(association_id__in=allowed)
        .select_related("association")
        .order_by("association__name", "association_id", "-created_at", "-id")[:DIGEST_MAX_ITEMS]
    )
    if not notifications:
        return 0
    try:
        with transaction.atomic():
            _claim([n.pk for n in notifications], Channel.EMAIL)
            with translation.override(user.preferred_language):
                groups = [
                    {
                        "association": association,
                        "items": [{"text": render(n.kind, n.params), "link": open_link(n)} for n in items],
                    }
                    for association, items in groupby(notifications, key=lambda n: n.association)
                ]
                subject = _("Your notifications: %(count)d unread") % {"count": len(notifications)}
                body = render_to_string(
                    "notifications/email/digest.txt",
                    {"user": user, "groups": groups, "preferences": preferences_link()},
                )
            send_mail(subject, body, None, [user.email])
    except IntegrityError:
        return 0
    return len(notifications)


def open_path(notification: Notification) -> str:
    """The path that marks the notification read and opens what it is about."""
    return reverse(
        "notifications:open", kwargs={"slug": notification.association.slug, "notification_id": notification.pk}
    )


def open_link(notification: Notification) -> str:
    return f"{settings.SITE_URL}{open_path(notification)}"


def preferences_link() -> str:
    return f"{settings.SITE_URL}{reverse('profile')}"
