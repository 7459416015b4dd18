"""The live notifications socket: who may open it, what it pushes and to whom, and when it closes."""

import asyncio
import time

import pytest
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from channels.layers import get_channel_layer
from django.db import transaction

from accounts.services import user_deactivate
from notifications import consumers
from notifications.models import Notification
from notifications.services import mark_read, notify
from realtime import sockets
from realtime.events import user_group
from tenancy.models import AssociationRole, Membership, MembershipStatus
from tenancy.services import membership_decide, role_remove
from tests.factories import company_user
from tests.permission_matrix import ACTORS
from tests.realtime.conftest import forget_group
from tests.sessions import end_sessions

pytestmark = pytest.mark.django_db(transaction=True)


@database_sync_to_async
def notify_one(user, association, email="someone@example.test"):
    (notification,) = notify(
        recipients=[user], association=association, kind="invitation.accepted", params={"email": email}
    )
    return notification


class RolledBack(Exception):
    pass


@database_sync_to_async
def notify_then_roll_back(user, association):
    try:
        with transaction.atomic():
            notify(recipients=[user], association=association, kind="invitation.accepted", params={"email": "x@y.z"})
            raise RolledBack
    except RolledBack:
        pass


SOCKET_EXPECTED = {
    "anonymous": sockets.NOT_SIGNED_IN,
    "other_association": sockets.NO_ACCESS,
    "not_entitled": "open",
    "entitled": "open",
    "moderator": "open",
    "admin": "open",
}


@pytest.mark.parametrize("actor", ACTORS)
async def test_permission_matrix(cast, open_socket, actor):
    socket = await open_socket(cast.users[actor], cast.association.slug)
    assert await socket.outcome() == SOCKET_EXPECTED[actor]


async def test_unknown_association_is_refused_like_a_forbidden_one(cast, open_socket):
    socket = await open_socket(cast.users["entitled"], "no-such-association")
    assert await socket.outcome() == sockets.NO_ACCESS


async def test_pending_company_is_refused(cast, open_socket):
    user = cast.users["entitled"]
    await database_sync_to_async(Membership.objects.filter(company=user.company, association=cast.association).update)(
        status=MembershipStatus.PENDING
    )
    socket = await open_socket(user, cast.association.slug)
    assert await socket.outcome() == sockets.NO_ACCESS


async def test_forged_or_missing_origin_is_refused_at_the_handshake(cast, open_socket):
    for origin in ["https://evil.example", "http://testserver.evil.example", "null", None]:
        socket = await open_socket(cast.users["entitled"], cast.association.slug, origin=origin)
        assert await socket.outcome() == "handshake refused", origin


async def test_notification_reaches_its_recipient_with_the_unread_count(cast, open_socket):
    user = cast.users["entitled"]
    socket = await open_socket(user, cast.association.slug)
    assert await socket.outcome() == "open"
    await notify_one(user, cast.association, email="first@example.test")
    first = await socket.receive()
    notification = await notify_one(user, cast.association, email="second@example.test")
    second = await socket.receive()
    assert first["unread_count"] == 1
    assert second == {
        "type": "notification",
        "association": cast.association.slug,
        "notification": {
            "id": notification.pk,
            "kind": "invitation.accepted",
            "text": "second@example.test accepted your invitation.",
            "url": "",
            "open_url": "",
        },
        "unread_count": 2,
    }


async def test_a_socket_the_channel_layer_forgot_hears_again(cast, open_socket, monkeypatch):
    monkeypatch.setattr(consumers, "REJOIN_SECONDS", 0.1)
    user = cast.users["entitled"]
    socket = await open_socket(user, cast.association.slug)
    assert await socket.outcome() == "open"
    await forget_group(get_channel_layer(), user_group(user.pk))  # as a restarted Redis
    await asyncio.sleep(0.3)
    await notify_one(user, cast.association)
    assert (await socket.receive())["type"] == "notification"


async def test_count_reflects_what_was_read(cast, open_socket):
    user = cast.users["entitled"]
    await notify_one(user, cast.association)
    await database_sync_to_async(mark_read)(user=user, association=cast.association)
    socket = await open_socket(user, cast.association.slug)
    await notify_one(user, cast.association)
    assert (await socket.receive())["unread_count"] == 1


async def test_push_goes_to_the_recipient_only(cast, open_socket):
    recipient, colleague = cast.users["entitled"], cast.users["not_entitled"]
    recipient_socket = await open_socket(recipient, cast.association.slug)
    colleague_socket = await open_socket(colleague, cast.association.slug)
    outsider_socket = await open_socket(cast.users["other_association"], cast.other_association.slug)
    await notify_one(recipient, cast.association)
    assert (await recipient_socket.receive())["type"] == "notification"
    assert await colleague_socket.nothing()
    assert await outsider_socket.nothing()


async def test_push_goes_to_the_socket_of_its_association_only(cast, open_socket):
    # One person whose company belongs to both associations, with a socket open on each.
    user = cast.users["entitled"]
    await database_sync_to_async(Membership.objects.create)(
        association=cast.other_association, company=user.company, status=MembershipStatus.ACTIVE
    )
    alpha = await open_socket(user, cast.association.slug)
    bravo = await open_socket(user, cast.other_association.slug)
    assert await bravo.outcome() == "open"
    await notify_one(user, cast.other_association)
    assert (await bravo.receive())["association"] == cast.other_association.slug
    assert await alpha.nothing()


async def test_every_open_socket_of_the_recipient_gets_the_push(cast, open_socket):
    user = cast.users["entitled"]
    tabs = [await open_socket(user, cast.association.slug) for _ in range(2)]
    await notify_one(user, cast.association)
    for tab in tabs:
        assert (await tab.receive())["type"] == "notification"


async def test_nothing_is_pushed_for_a_rolled_back_transaction(cast, open_socket):
    user = cast.users["entitled"]
    socket = await open_socket(user, cast.association.slug)
    await notify_then_roll_back(user, cast.association)
    assert await socket.nothing()
    assert not await database_sync_to_async(Notification.objects.filter(recipient=user).exists)()


async def test_nothing_is_pushed_before_commit(cast, open_socket):
    user = cast.users["entitled"]
    socket = await open_socket(user, cast.association.slug)

    @database_sync_to_async
    def notify_and_listen_before_commit():
        with transaction.atomic():
            notify(recipients=[user], association=cast.association, kind="invitation.accepted", params={"email": "x"})
            return async_to_sync(socket.nothing)()

    assert await notify_and_listen_before_commit()
    assert (await socket.receive())["type"] == "notification"


async def test_suspension_closes_the_companys_open_sockets_within_a_second(cast, open_socket):
    user, admin = cast.users["entitled"], cast.users["admin"]
    colleague = await database_sync_to_async(company_user)(user.company)
    open_sockets = [await open_socket(user, cast.association.slug), await open_socket(colleague, cast.association.slug)]
    bystander = await open_socket(cast.users["not_entitled"], cast.association.slug)
    membership = await database_sync_to_async(Membership.objects.get)(
        company=user.company, association=cast.association
    )
    started = time.monotonic()
    await database_sync_to_async(membership_decide)(membership=membership, decision="suspend", actor=admin)
    for socket in open_sockets:
        assert await socket.close_code(timeout=1) == sockets.NO_ACCESS
    assert time.monotonic() - started < 1
    assert await bystander.outcome() == "open"


async def test_deactivation_closes_the_users_socket(cast, open_socket):
    user = cast.users["not_entitled"]
    company_admin = await database_sync_to_async(company_user)(user.company, role="admin")
    socket = await open_socket(user, cast.association.slug)
    assert await socket.outcome() == "open"
    await database_sync_to_async(user_deactivate)(user=user, actor=company_admin, association=cast.association)
    assert await socket.close_code() == sockets.NO_ACCESS


async def test_role_removal_closes_the_socket_that_depended_on_it(cast, open_socket):
    admin = cast.users["admin"]  # association admin without a company: the role is the only way in
    second_admin = cast.users["moderator"]
    await database_sync_to_async(AssociationRole.objects.create)(
        association=cast.association, user=second_admin, role="admin"
    )
    socket = await open_socket(admin, cast.association.slug)
    assignment = await database_sync_to_async(AssociationRole.objects.get)(
        association=cast.association, user=admin, role="admin"
    )
    await database_sync_to_async(role_remove)(assignment=assignment, actor=second_admin)
    assert await socket.close_code() == sockets.NO_ACCESS


async def test_access_change_that_keeps_access_keeps_the_socket_open(cast, open_socket):
    # The moderator is also a company member: losing the moderator role leaves them a member.
    moderator, admin = cast.users["moderator"], cast.users["admin"]
    socket = await open_socket(moderator, cast.association.slug)
    assignment = await database_sync_to_async(AssociationRole.objects.get)(
        association=cast.association, user=moderator, role="moderator"
    )
    await database_sync_to_async(role_remove)(assignment=assignment, actor=admin)
    assert (await socket.receive())["notification"]["kind"] == "role.removed"
    assert await socket.outcome() == "open"


async def test_signing_out_elsewhere_stops_pushes(cast, open_socket):
    user = cast.users["entitled"]
    socket = await open_socket(user, cast.association.slug)
    await database_sync_to_async(end_sessions)()
    await notify_one(user, cast.association)
    assert await socket.close_code() == sockets.NO_ACCESS


async def test_ping_gets_pong(cast, open_socket):
    socket = await open_socket(cast.users["entitled"], cast.association.slug)
    await socket.send({"type": "ping"})
    assert await socket.receive() == {"type": "pong"}


async def test_bad_messages_get_error_frames_and_the_socket_stays_open(cast, open_socket):
    socket = await open_socket(cast.users["entitled"], cast.association.slug)
    frames = [
        ({"text_data": "{not json"}, "malformed"),
        ({"text_data": '{"type": "subscribe", "association": "bravo"}'}, "unknown_type"),
        ({"text_data": "x" * (sockets.MAX_MESSAGE_CHARS + 1)}, "too_large"),
        ({"bytes_data": b"\x00\x01"}, "binary"),
    ]
    for frame, code in frames:
        await socket.communicator.send_to(**frame)
        reply = await socket.receive()
        assert reply["type"] == "error" and reply["code"] == code and reply["message"], reply
    await socket.send({"type": "ping"})
    assert await socket.receive() == {"type": "pong"}


async def test_error_messages_are_translated(cast, open_socket):
    user = cast.users["entitled"]
    user.preferred_language = "zh-hans"
    await database_sync_to_async(user.save)(update_fields=["preferred_language"])
    socket = await open_socket(user, cast.association.slug)
    await socket.send({"type": "subscribe"})
    reply = await socket.receive()
    assert reply["code"] == "unknown_type"
    assert reply["message"] == sockets.error_frame("unknown_type", "zh-hans")["message"]


async def test_a_flood_of_bad_messages_closes_the_socket(cast, open_socket):
    socket = await open_socket(cast.users["entitled"], cast.association.slug)
    for _ in range(sockets.MAX_INVALID_MESSAGES):
        await socket.communicator.send_to(text_data="nonsense")
        assert (await socket.receive())["type"] == "error"
    assert await socket.close_code() == sockets.TOO_MANY_INVALID_MESSAGES


async def test_signing_out_closes_the_sockets_of_that_session_at_once(cast):
    from channels.testing import WebsocketCommunicator
    from django.conf import settings
    from django.test import Client

    from config.asgi import application

    user = cast.users["entitled"]
    browser = Client()
    await database_sync_to_async(browser.force_login)(user)
    cookie = browser.cookies[settings.SESSION_COOKIE_NAME].value
    communicator = WebsocketCommunicator(
        application,
        f"/ws/a/{cast.association.slug}/notifications/",
        headers=[(b"origin", b"http://testserver"), (b"cookie", f"{settings.SESSION_COOKIE_NAME}={cookie}".encode())],
    )
    connected, _ = await communicator.connect()
    assert connected and await communicator.receive_nothing(timeout=0.2)
    await database_sync_to_async(browser.post)("/accounts/logout/")
    output = await communicator.receive_output(timeout=1)
    assert output == {"type": "websocket.close", "code": sockets.NO_ACCESS}
    await communicator.disconnect()
