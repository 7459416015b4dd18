"""The chat socket of a defense group's room: who may open it, replay and live delivery, writes, bad input,
presence, and access lost while it is open."""

import asyncio
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import pytest
from asgiref.sync import sync_to_async
from channels.db import database_sync_to_async
from channels.layers import get_channel_layer
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, connections
from django.test import Client
from django.utils import translation

from accounts.services import user_deactivate
from notifications.models import Notification
from realtime import database_threads
from realtime.database_threads import in_database
from sharing.chat import consumers, feed, hub, presence, protocol, services
from sharing.chat.models import Message, ReadMarker
from sharing.defense import services as defense_services
from sharing.defense.access import get_group_access
from sharing.defense.models import Document, DocumentAudience, ParticipantRole
from tenancy.access import resolve_access
from tenancy.models import Membership
from tenancy.services import membership_decide
from tests.defense.helpers import Side, counsel, joined_group, side
from tests.permission_matrix import ACTORS, database_fingerprint
from tests.realtime.chat_helpers import chat_path, fill, general_room, streamed
from tests.realtime.conftest import ORIGIN, forget_group, group_members

pytestmark = pytest.mark.django_db(transaction=True)

SLUG = "alpha"


@dataclass
class Chat:
    group: object
    room: object
    lead: Side  # the lead company: its admin and a member
    member: Side  # the cast's "entitled" company, joined with the agreement accepted

    @property
    def path(self) -> str:
        return chat_path(SLUG, self.room)


def gaccess_of(user, group):
    return get_group_access(resolve_access(slug=SLUG, user=user), group.pk)


@pytest.fixture
def chat(cast) -> Chat:
    entitled = cast.users["entitled"]
    lead, member = side(cast.association), Side(entitled.company, entitled, None)
    group = joined_group(cast.association, lead, member)
    return Chat(group=group, room=general_room(lead.gaccess(group)), lead=lead, member=member)


@pytest.fixture
def follow(open_socket, chat):
    """follow(user, last_seq=0) -> (socket, frames up to "ready")."""

    async def follow_(user, last_seq: int = 0, path: str | None = None):
        socket = await open_socket(user, SLUG, path=path or chat.path)
        await socket.send({"type": "hello", "last_seq": last_seq})
        return socket, await until(socket, "ready")

    return follow_


async def until(socket, kind: str, timeout: float = 2) -> list[dict]:
    """The frames received up to and including the first of type `kind`."""
    frames = []
    while True:
        frames.append(await socket.receive(timeout))
        if frames[-1]["type"] == kind:
            return frames


async def settle(socket, quiet: float = 0.3) -> list[dict]:
    """Every frame until the socket has been quiet for `quiet` seconds."""
    frames = []
    while not await socket.communicator.receive_nothing(timeout=quiet):
        frames.append(await socket.receive())
    return frames


def of_type(frames: list[dict], kind: str) -> list[dict]:
    return [frame for frame in frames if frame["type"] == kind]


def assert_each_position_once(messages: list[dict]) -> None:
    positions = [message["changed_seq"] for message in messages]
    assert positions == sorted(set(positions)), positions


def send_frame(body="Hello", client_msg_id=None, **fields) -> dict:
    return {"type": "send", "client_msg_id": client_msg_id or str(uuid.uuid4()), "body": body, **fields}


@database_sync_to_async
def post(user, chat, body="Posted", **kwargs):
    message, _created = services.message_post(
        gaccess=gaccess_of(user, chat.group), room=chat.room, client_msg_id=uuid.uuid4(), body=body, **kwargs
    )
    return message


@database_sync_to_async
def count_messages() -> int:
    return Message.objects.count()


# Who may open the socket ------------------------------------------------------------------------------------

SOCKET_EXPECTED = {
    "anonymous": protocol.NOT_SIGNED_IN,
    "other_association": protocol.NO_ACCESS,
    "not_entitled": protocol.NO_ACCESS,  # same association, company not in the group
    "entitled": "open",
    "moderator": protocol.NO_ACCESS,  # moderators learn nothing of who is in a group, nor what it says
    "admin": protocol.NO_ACCESS,
}


@pytest.mark.parametrize("actor", ACTORS)
async def test_permission_matrix(cast, chat, open_socket, actor):
    socket = await open_socket(cast.users[actor], SLUG, path=chat.path)
    assert await socket.outcome() == SOCKET_EXPECTED[actor]


def _invited(cast, chat):
    company = side(cast.association)
    defense_services.invite_company(gaccess=chat.lead.gaccess(chat.group), company=company.company)
    return company.admin


def _joined_without_agreement(cast, chat):
    company = side(cast.association)
    defense_services.invite_company(gaccess=chat.lead.gaccess(chat.group), company=company.company)
    defense_services.invitation_answer(gaccess=company.gaccess(chat.group), accept=True)
    return company.member


def _counsel(cast, chat, accept=True):
    lawyer = counsel(cast.association)
    defense_services.invite_counsel(gaccess=chat.lead.gaccess(chat.group), user=lawyer)
    defense_services.invitation_answer(gaccess=gaccess_of(lawyer, chat.group), accept=True)
    if accept:
        defense_services.agreement_accept(gaccess=gaccess_of(lawyer, chat.group), version=1)
    return lawyer


def _observer(cast, chat):
    company = side(cast.association)
    defense_services.invite_company(
        gaccess=chat.lead.gaccess(chat.group), company=company.company, role=ParticipantRole.OBSERVER
    )
    defense_services.invitation_answer(gaccess=company.gaccess(chat.group), accept=True)
    defense_services.agreement_accept(gaccess=company.gaccess(chat.group), version=1)
    return company.member


PARTICIPANTS = {
    "invited, not answered": (_invited, protocol.NO_ACCESS),
    "joined, agreement not accepted": (_joined_without_agreement, protocol.NO_ACCESS),
    "counsel, agreement not accepted": (lambda cast, chat: _counsel(cast, chat, accept=False), protocol.NO_ACCESS),
    "counsel": (_counsel, "open"),
    "observer": (_observer, "open"),
    "lead company member": (lambda cast, chat: chat.lead.member, "open"),
}


@pytest.mark.parametrize("who", PARTICIPANTS)
async def test_participants(cast, chat, open_socket, who):
    make, expected = PARTICIPANTS[who]
    user = await database_sync_to_async(make)(cast, chat)
    socket = await open_socket(user, SLUG, path=chat.path)
    assert await socket.outcome() == expected


async def test_unknown_or_foreign_rooms_are_refused_alike(cast, chat, open_socket):
    user = chat.member.admin

    @database_sync_to_async
    def another_group_of_the_same_member():
        group = joined_group(cast.association, side(cast.association), chat.member)
        return general_room(gaccess_of(user, group))

    other_room = await another_group_of_the_same_member()
    paths = [
        f"/ws/a/{SLUG}/groups/{chat.group.pk}/rooms/{other_room.pk}/",  # a room of another group (theirs too)
        f"/ws/a/{SLUG}/groups/{chat.group.pk}/rooms/999999/",
        f"/ws/a/{SLUG}/groups/999999/rooms/{chat.room.pk}/",
        f"/ws/a/bravo/groups/{chat.group.pk}/rooms/{chat.room.pk}/",
    ]
    for path in paths:
        socket = await open_socket(user, SLUG, path=path)
        assert await socket.outcome() == protocol.NO_ACCESS, path


async def test_forged_or_missing_origin_is_refused_at_the_handshake(chat, open_socket):
    for origin in ["https://evil.example", "http://testserver.evil.example", "null", None]:
        socket = await open_socket(chat.member.admin, SLUG, path=chat.path, origin=origin)
        assert await socket.outcome() == "handshake refused", origin


# Replay and live delivery -----------------------------------------------------------------------------------


async def test_replay_comes_in_pages_then_ready(chat, follow):
    last = await database_sync_to_async(fill)(chat.room, chat.lead.admin, 450)
    _socket, frames = await follow(chat.member.admin)
    pages = of_type(frames, "messages")
    assert [(len(page["messages"]), page["more"]) for page in pages] == [(200, True), (200, True), (50, False)]
    assert [m["seq"] for m in streamed(pages)] == list(range(1, 451))
    assert frames[-1] == {"type": "ready", "last_seq": last, "online": [chat.member.admin.display_name]}

    _socket, frames = await follow(chat.lead.admin, last_seq=440)
    assert [m["seq"] for m in streamed(frames)] == list(range(441, 451))
    assert frames[-1]["last_seq"] == 450


async def test_a_full_last_page_is_not_followed_by_an_empty_one(chat, follow):
    await database_sync_to_async(fill)(chat.room, chat.lead.admin, 400)
    _socket, frames = await follow(chat.member.admin)
    assert [page["more"] for page in of_type(frames, "messages")] == [True, False]


async def test_an_empty_room_is_ready_at_once(chat, follow):
    _socket, frames = await follow(chat.member.admin)
    assert [frame["type"] for frame in frames] == ["ready"]
    assert frames[0]["last_seq"] == 0


async def test_a_message_reaches_everyone_in_the_room_once(chat, follow):
    sender, reader = chat.member.admin, chat.lead.admin
    sending, _ = await follow(sender)
    reading, _ = await follow(reader)
    client_msg_id = str(uuid.uuid4())
    await sending.send(send_frame("Service was on 3 March", client_msg_id))
    sent = await settle(sending)
    assert of_type(sent, "ack") == [{"type": "ack", "client_msg_id": client_msg_id, "seq": 1, "duplicate": False}]
    received = streamed(await settle(reading))
    assert received == streamed(sent)
    (message,) = received
    assert message == {
        "seq": 1,
        "changed_seq": 1,
        "author": {"id": sender.pk, "name": sender.display_name},
        "body": "Service was on 3 March",
        "deleted": False,
        "edited": False,
        "created_at": message["created_at"],
        "attachments": [],
        "mentions": [],
        "client_msg_id": client_msg_id,
    }
    # Live, the process's other sockets got it as the sender's socket stored it; a replay reads it back.
    _socket, frames = await follow(chat.lead.member)
    assert streamed(frames) == received


async def test_a_socket_hands_its_wakes_to_its_event_loop_without_waiting(chat, follow, monkeypatch):
    def waiting_send(*args):
        raise AssertionError("a socket's database thread waited for the channel layer")

    monkeypatch.setattr("realtime.events.async_to_sync", waiting_send)
    sending, _ = await follow(chat.member.admin)
    reading, _ = await follow(chat.lead.admin)
    await sending.send(send_frame("Straight to the loop"))
    assert of_type(await settle(sending), "ack")[0]["duplicate"] is False
    assert [m["body"] for m in streamed(await settle(reading))] == ["Straight to the loop"]


async def test_sockets_never_wait_for_channels_one_database_thread(chat, follow, open_socket):
    """Channels runs database_sync_to_async calls one at a time in one thread (100 reconnecting clients queued 5 s
    there); the sockets' database work, the handshake's user lookup included, runs in threads of its own."""
    release = threading.Event()
    blocked = asyncio.create_task(database_sync_to_async(release.wait)(10))
    try:
        await asyncio.sleep(0.05)  # Channels' thread is now waiting
        chatting, _ = await follow(chat.member.admin)
        await chatting.send(send_frame("While Channels' thread is busy"))
        assert of_type(await settle(chatting), "ack")[0]["duplicate"] is False
        notified = await open_socket(chat.member.admin, SLUG)
        await notified.send({"type": "ping"})
        assert (await notified.receive())["type"] == "pong"
        assert not blocked.done()
    finally:
        release.set()
        await blocked


async def test_a_retried_send_is_acknowledged_again_and_stored_once(chat, follow):
    socket, _ = await follow(chat.member.admin)
    frame = send_frame("Once only")
    await socket.send(frame)
    await socket.send(frame)
    frames = await settle(socket)
    acks = of_type(frames, "ack")
    assert [(ack["seq"], ack["duplicate"]) for ack in acks] == [(1, False), (1, True)]
    assert [m["seq"] for m in streamed(frames)] == [1]
    assert await count_messages() == 1


async def test_edits_and_deletions_arrive_under_new_positions(chat, follow):
    author, reader = chat.member.admin, chat.lead.admin
    writing, _ = await follow(author)
    reading, _ = await follow(reader)
    await writing.send(send_frame("Draft"))
    await settle(writing)
    await writing.send({"type": "edit", "seq": 1, "body": "Final"})
    await writing.send({"type": "delete", "seq": 1})
    writer_saw = streamed(await settle(writing))
    reader_saw = streamed(await settle(reading))
    assert writer_saw == reader_saw[1:]
    assert [(m["seq"], m["changed_seq"], m["body"], m["edited"], m["deleted"]) for m in reader_saw] == [
        (1, 1, "Draft", False, False),
        (1, 2, "Final", True, False),
        (1, 3, "", True, True),
    ]
    # A client coming back after the edit gets the message once, as it is now.
    _socket, frames = await follow(reader, last_seq=1)
    assert [(m["seq"], m["changed_seq"], m["deleted"]) for m in streamed(frames)] == [(1, 3, True)]


async def test_wakes_lost_repeated_or_out_of_order_lose_and_repeat_nothing(chat, follow):
    socket, _ = await follow(chat.member.admin)
    await database_sync_to_async(fill)(chat.room, chat.lead.admin, 3)  # written without waking anyone
    layer, group = get_channel_layer(), services.room_group(chat.room.pk)
    for seq in (3, 1, 2, 3):
        await layer.group_send(group, {"type": "chat.wake", "room": chat.room.pk, "seq": seq})
    received = streamed(await settle(socket))
    assert [m["seq"] for m in received] == [1, 2, 3]


async def test_the_tick_catches_up_without_any_wake(chat, follow, monkeypatch):
    monkeypatch.setattr(consumers, "TICK_SECONDS", 0.2)
    socket, _ = await follow(chat.member.admin)
    await database_sync_to_async(fill)(chat.room, chat.lead.admin, 2)
    assert [m["seq"] for m in streamed(await settle(socket, quiet=0.6))] == [1, 2]


async def test_a_process_follows_a_room_once_however_many_sockets_it_holds(chat, follow):
    layer, group = get_channel_layer(), services.room_group(chat.room.pk)
    sockets = [(await follow(user))[0] for user in (chat.member.admin, chat.lead.admin, chat.lead.member)]
    assert len(await group_members(layer, group)) == 1  # the hub's channel; the sockets are not members
    await post(chat.lead.admin, chat, body="Once per process")
    for socket in sockets:
        assert [m["body"] for m in streamed(await settle(socket))] == ["Once per process"]
    for socket in sockets:
        await socket.communicator.disconnect()
    assert await group_members(layer, group) == []  # the last socket gone, the process left the room


async def test_the_hub_joins_its_rooms_again_after_the_layer_forgot_them(chat, follow, monkeypatch):
    monkeypatch.setattr(hub, "REJOIN_SECONDS", 0.1)
    monkeypatch.setattr(consumers, "TICK_SECONDS", 60)  # no catch-up read: only a wake can deliver
    layer, group = get_channel_layer(), services.room_group(chat.room.pk)
    socket, _ = await follow(chat.member.admin)
    await asyncio.sleep(0.15)  # the hub's re-joining loop has started with the patched interval
    await forget_group(layer, group)
    await asyncio.sleep(0.3)
    assert len(await group_members(layer, group)) == 1
    await post(chat.lead.admin, chat, body="Heard again")
    assert [m["body"] for m in streamed(await settle(socket))] == ["Heard again"]


async def test_a_room_forgotten_by_redis_is_caught_up_at_once(chat, follow, monkeypatch, redis_layer_config):
    """Wakes sent while Redis forgot the room are lost: the hub, finding it forgotten, has its sockets read."""
    monkeypatch.setattr(hub, "REJOIN_SECONDS", 0.1)
    monkeypatch.setattr(consumers, "TICK_SECONDS", 60)  # the periodic catch-up does not come in time
    layer, group = get_channel_layer(), services.room_group(chat.room.pk)
    socket, _ = await follow(chat.member.admin)
    await asyncio.sleep(0.15)  # the hub's re-joining loop has started with the patched interval
    await forget_group(layer, group)
    await database_sync_to_async(fill)(chat.room, chat.lead.admin, 2)  # their wakes lost
    assert [m["seq"] for m in streamed(await settle(socket, quiet=0.5))] == [1, 2]


async def test_sockets_of_one_process_share_reads_and_each_gets_everything(chat, follow):
    sockets = [(await follow(chat.member.admin))[0] for _ in range(3)]
    for number in range(5):
        await post(chat.lead.admin, chat, body=f"n{number}")
    for socket in sockets:
        received = streamed(await settle(socket))
        assert_each_position_once(received)
        assert [m["body"] for m in received] == [f"n{number}" for number in range(5)]


async def test_attachments_the_reader_may_not_read_are_left_out(chat, follow):
    lead = chat.lead.admin

    @database_sync_to_async
    def documents():
        return [
            Document.objects.create(group=chat.group, title=title, audience=audience, created_by=lead)
            for title, audience in [("Claim chart", DocumentAudience.GROUP), ("Counsel memo", DocumentAudience.COUNSEL)]
        ]

    chart, memo = await documents()
    member_socket, _ = await follow(chat.member.admin)
    lead_socket, _ = await follow(lead)
    await lead_socket.send(send_frame("See attached", attachments=[chart.pk, memo.pk]))
    (for_lead,) = streamed(await settle(lead_socket))
    (for_member,) = streamed(await settle(member_socket))
    assert sorted(a["title"] for a in for_lead["attachments"]) == ["Claim chart", "Counsel memo"]
    assert for_member["attachments"] == [{"id": chart.pk, "title": "Claim chart"}]


async def test_mentions_are_delivered_and_notified(chat, follow):
    mentioned = chat.member.admin
    socket, _ = await follow(chat.lead.admin)
    await socket.send(send_frame("@you", mentions=[mentioned.pk]))
    (message,) = streamed(await settle(socket))
    assert message["mentions"] == [mentioned.pk]
    assert await database_sync_to_async(Notification.objects.filter(recipient=mentioned, kind="chat.mention").count)()


async def test_read_moves_the_marker_and_answers_the_unread_count(chat, follow):
    await database_sync_to_async(fill)(chat.room, chat.lead.admin, 5)
    socket, _ = await follow(chat.member.admin)
    await socket.send({"type": "read", "seq": 3})
    assert await socket.receive() == {"type": "unread", "count": 2}
    marker = await database_sync_to_async(ReadMarker.objects.get)(user=chat.member.admin)
    assert marker.last_read_seq == 3


async def test_a_client_gone_while_a_frame_is_on_its_way_is_no_error(chat):
    """An ASGI server raises an OSError on a send to a client that has gone (uvicorn: ClientDisconnected); the
    disconnect event follows and ends the socket quietly."""
    events = asyncio.Queue()
    for event in ({"type": "websocket.connect"}, {"type": "websocket.disconnect", "code": 1006}):
        events.put_nowait(event)

    async def gone(message):
        raise OSError("the client has gone")

    kwargs = {"slug": SLUG, "group_id": chat.group.pk, "room_id": chat.room.pk}
    scope = {"type": "websocket", "path": chat.path, "url_route": {"kwargs": kwargs}, "user": AnonymousUser()}
    await asyncio.wait_for(consumers.ChatConsumer.as_asgi()(scope, events.get, gone), 5)


async def test_ping_gets_pong_before_and_after_hello(chat, open_socket):
    socket = await open_socket(chat.member.admin, SLUG, path=chat.path)
    await socket.send({"type": "ping"})
    assert await socket.receive() == {"type": "pong"}
    await socket.send({"type": "hello", "last_seq": 0})
    await until(socket, "ready")
    await socket.send({"type": "ping"})
    assert of_type(await settle(socket), "pong") == [{"type": "pong"}]


# Presence ---------------------------------------------------------------------------------------------------


async def test_presence_follows_who_comes_and_goes(chat, follow):
    first, second = chat.member.admin, chat.lead.admin
    first_socket, frames = await follow(first)
    assert frames[-1]["online"] == [first.display_name]
    second_socket, frames = await follow(second)
    both = sorted([first.display_name, second.display_name])
    assert frames[-1]["online"] == both
    assert of_type(await settle(first_socket), "presence")[-1] == {"type": "presence", "online": both}
    await second_socket.communicator.disconnect()
    assert of_type(await settle(first_socket), "presence")[-1] == {"type": "presence", "online": [first.display_name]}


async def test_two_tabs_of_one_person_count_once(chat, follow):
    user = chat.member.admin
    tab, _ = await follow(user)
    _other_tab, frames = await follow(user)
    assert frames[-1]["online"] == [user.display_name]
    assert of_type(await settle(tab), "presence") == []


def test_presence_entries_of_a_killed_server_expire(monkeypatch):
    clock = [1000.0]
    monkeypatch.setattr(presence.time, "time", lambda: clock[0])
    assert presence.arrive(7, "channel-a", 1, "Ann") == (["Ann"], True)
    assert presence.arrive(7, "channel-b", 2, "Bo") == (["Ann", "Bo"], True)
    assert presence.arrive(7, "channel-a", 1, "Ann") == (["Ann", "Bo"], False)  # a refresh changes nothing
    clock[0] += presence.ENTRY_SECONDS - 1
    assert presence.arrive(7, "channel-a", 1, "Ann") == (["Ann", "Bo"], False)
    clock[0] += 2  # Bo's server died: no goodbye, no refresh
    assert presence.arrive(7, "channel-a", 1, "Ann") == (["Ann"], True)
    assert presence.depart(7, "channel-a") == ([], True)


# Writes refused -----------------------------------------------------------------------------------------------


async def test_an_observer_reads_but_cannot_write(cast, chat, follow):
    observer = await database_sync_to_async(_observer)(cast, chat)
    await post(chat.lead.admin, chat, body="For everyone")
    socket, frames = await follow(observer)
    assert [m["body"] for m in streamed(frames)] == ["For everyone"]
    frame = send_frame("May I?")
    await socket.send(frame)
    error = await socket.receive()
    assert error["type"] == "error" and error["code"] == "forbidden" and error["message"], error
    assert error["client_msg_id"] == frame["client_msg_id"]
    assert await count_messages() == 1


async def test_counsel_writes(cast, chat, follow):
    lawyer = await database_sync_to_async(_counsel)(cast, chat)
    socket, _ = await follow(lawyer)
    await socket.send(send_frame("Counsel here"))
    assert of_type(await settle(socket), "ack")[0]["duplicate"] is False


async def test_rate_limit_answers_when_to_retry_and_does_not_close(chat, follow, monkeypatch):
    monkeypatch.setattr(services, "RATE_LIMIT", 2)
    socket, _ = await follow(chat.member.admin)
    for _ in range(protocol.MAX_INVALID_FRAMES + 2):
        await socket.send(send_frame("Again"))
    errors = of_type(await settle(socket), "error")
    assert len(errors) == protocol.MAX_INVALID_FRAMES
    assert {error["code"] for error in errors} == {"rate_limited"}
    assert all(0 < error["retry_after"] <= services.RATE_WINDOW_SECONDS for error in errors)
    assert await count_messages() == 2
    assert await socket.outcome() == "open"


async def test_others_messages_unknown_ones_and_deleted_ones_cannot_be_changed(chat, follow):
    await post(chat.lead.admin, chat, body="The lead's")
    socket, _ = await follow(chat.member.admin)
    await socket.send({"type": "edit", "seq": 1, "body": "Mine now"})
    await socket.send({"type": "delete", "seq": 1})
    await socket.send({"type": "edit", "seq": 99, "body": "?"})
    await socket.send(send_frame("Mine"))
    await socket.send({"type": "delete", "seq": 2})
    await socket.send({"type": "delete", "seq": 2})
    frames = await settle(socket)
    errors = [(e["code"], e["seq"]) for e in of_type(frames, "error")]
    assert errors == [("forbidden", 1), ("forbidden", 1), ("not_found", 99), ("deleted", 2)]
    assert [(m["seq"], m["deleted"]) for m in streamed(frames)] == [(2, False), (2, True)]


async def test_a_server_problem_asks_to_retry_and_does_not_count(chat, follow, monkeypatch):
    def broken(**kwargs):
        raise ConnectionError("Redis is restarting")

    socket, _ = await follow(chat.member.admin)
    monkeypatch.setattr(services, "message_post", broken)
    for _ in range(protocol.MAX_INVALID_FRAMES):
        frame = send_frame("Soon")
        await socket.send(frame)
        error = await socket.receive()
        assert (error["code"], error["retry_after"], error["client_msg_id"]) == (
            "unavailable",
            protocol.RETRY_SECONDS,
            frame["client_msg_id"],
        )
    monkeypatch.undo()
    await socket.send(frame)  # the retry, once the server is well again
    assert of_type(await settle(socket), "ack")[0]["duplicate"] is False
    assert await count_messages() == 1


async def test_the_feed_reads_once_for_its_sockets_and_sends_laggards_to_the_database(chat, monkeypatch):
    monkeypatch.setattr(feed, "KEEP", 3)
    room_feed = feed.RoomFeed()
    gaccess = await database_sync_to_async(gaccess_of)(chat.member.admin, chat.group)
    await database_sync_to_async(fill)(chat.room, chat.lead.admin, 2)
    assert [seq for seq, _ in await room_feed.after(0, gaccess, chat.room, wake=2)] == [1, 2]
    await database_sync_to_async(fill)(chat.room, chat.lead.admin, 3)
    assert [seq for seq, _ in await room_feed.after(2, gaccess, chat.room, wake=5)] == [3, 4, 5]
    assert (room_feed.low, room_feed.high, room_feed.seqs) == (2, 5, [3, 4, 5])
    reads = []  # the feed reads in the thread pool: count its reads rather than one connection's queries
    read_changes = feed.read_changes

    def counted(gaccess, room, after, *limit):
        reads.append(after)
        return read_changes(gaccess, room, after, *limit)

    monkeypatch.setattr(feed, "read_changes", counted)
    assert [seq for seq, _ in await room_feed.after(3, gaccess, chat.room, wake=5)] == [4, 5]
    assert reads == []  # from the window
    assert [seq for seq, _ in await room_feed.after(1, gaccess, chat.room, wake=5)] == [2, 3, 4, 5]  # below it
    assert reads == [1]
    # A change that came with its wake is kept once the ones before it are there: none is read back.
    await database_sync_to_async(fill)(chat.room, chat.lead.admin, 2)
    room_feed.prime(7, {"seq": 7, "primed": True})  # ahead of the window: waits for 6
    assert room_feed.high == 5
    waiting = asyncio.create_task(room_feed.after(5, gaccess, chat.room, wake=7))
    await asyncio.sleep(0.05)
    assert not waiting.done()
    room_feed.prime(6, {"seq": 6, "primed": True})
    changes = await waiting
    assert [(seq, frame.get("primed", False)) for seq, frame in changes] == [(6, True), (7, True)]
    assert reads == [1]
    # A hint whose predecessor never comes (its wake was lost) is not waited for long: the database fills the gap.
    monkeypatch.setattr(feed, "HINT_WAIT_SECONDS", 0.1)
    await database_sync_to_async(fill)(chat.room, chat.lead.admin, 3)
    room_feed.prime(10, {"seq": 10, "primed": True})
    changes = await room_feed.after(7, gaccess, chat.room, wake=10)
    assert [(seq, frame.get("primed", False)) for seq, frame in changes] == [(8, False), (9, False), (10, False)]
    assert reads == [1, 7]


# Bad input ----------------------------------------------------------------------------------------------------


async def test_bad_frames_get_error_frames_store_nothing_and_keep_the_socket(chat, open_socket):
    other_room = await database_sync_to_async(
        lambda: services.topic_create(gaccess=gaccess_of(chat.member.admin, chat.group), topic="Claim construction")
    )()
    before = await database_sync_to_async(database_fingerprint)()
    cid = str(uuid.uuid4())
    bad_before_hello = [
        ({"text_data": "{not json"}, "malformed", {}),
        ({"text_data": "[1, 2]"}, "malformed", {}),
        ({"text_data": '{"type": "subscribe"}'}, "unknown_type", {}),
        ({"bytes_data": b"\x00\x01"}, "binary", {}),
        ({"text_data": '{"type": "ping", "pad": "' + "x" * protocol.MAX_FRAME_BYTES + '"}'}, "too_large", {}),
        ({"text_data": '{"type": "ping", "pad": "' + "汉" * 6000 + '"}'}, "too_large", {}),  # 18 KB of UTF-8
        ({"json_data": send_frame("Too early", cid)}, "hello_first", {"client_msg_id": cid}),
        ({"json_data": {"type": "hello", "last_seq": "0"}}, "invalid_field", {"field": "last_seq"}),
        ({"json_data": {"type": "hello", "last_seq": -1}}, "invalid_field", {"field": "last_seq"}),
        ({"json_data": {"type": "hello", "last_seq": True}}, "invalid_field", {"field": "last_seq"}),
        ({"json_data": {"type": "hello"}}, "invalid_field", {"field": "last_seq"}),
        ({"json_data": {"type": "hello", "last_seq": 5}}, "bad_seq", {"last_seq": 0}),  # from the future
    ]
    bad_after_hello = [
        ({"json_data": send_frame("Elsewhere", cid, room=other_room.pk)}, "other_room", {"client_msg_id": cid}),
        ({"json_data": send_frame("Elsewhere", cid, room=str(chat.room.pk))}, "other_room", {"client_msg_id": cid}),
        ({"json_data": send_frame("x", "not-a-uuid")}, "invalid_field", {"field": "client_msg_id"}),
        ({"json_data": send_frame("x", cid, attachments="1")}, "invalid_field", {"field": "attachments"}),
        ({"json_data": send_frame("x", cid, mentions=[0])}, "invalid_field", {"field": "mentions"}),
        ({"json_data": {"type": "edit", "seq": 1.5, "body": "x"}}, "invalid_field", {"field": "seq"}),
        ({"json_data": {"type": "hello", "last_seq": 0}}, "already_ready", {}),
        ({"json_data": send_frame("", cid)}, "invalid", {"client_msg_id": cid}),
        ({"json_data": send_frame("x" * 4001, cid)}, "invalid", {"client_msg_id": cid}),
        ({"json_data": send_frame(["not", "text"], cid)}, "invalid", {"client_msg_id": cid}),
        ({"json_data": send_frame("x", cid, attachments=[999999])}, "invalid", {"client_msg_id": cid}),
        ({"json_data": send_frame("x", cid, mentions=[chat.member.admin.pk + 999])}, "invalid", {"client_msg_id": cid}),
    ]
    # Two sockets: one socket closes after MAX_INVALID_FRAMES bad frames.
    for frames in (bad_before_hello, bad_after_hello):
        socket = await open_socket(chat.member.admin, SLUG, path=chat.path)
        if frames is bad_after_hello:
            await socket.send({"type": "hello", "last_seq": 0})
            await until(socket, "ready")
        for frame, code, extra in frames:
            if "json_data" in frame:
                await socket.communicator.send_json_to(frame["json_data"])
            else:
                await socket.communicator.send_to(**frame)
            reply = await socket.receive()
            assert reply["type"] == "error" and reply["code"] == code and reply["message"], (frame, reply)
            assert extra.items() <= reply.items(), (frame, reply)
            if code == "invalid":
                assert reply["fields"], reply
        assert await socket.outcome() == "open"
        if frames is bad_before_hello:  # bad hellos leave the socket waiting for a good one
            await socket.send({"type": "hello", "last_seq": 0})
            assert (await until(socket, "ready"))[-1]["last_seq"] == 0
    assert await database_sync_to_async(database_fingerprint)() == before


async def test_a_flood_of_bad_frames_closes_the_socket(chat, open_socket):
    socket = await open_socket(chat.member.admin, SLUG, path=chat.path)
    for _ in range(protocol.MAX_INVALID_FRAMES):
        await socket.communicator.send_to(text_data="nonsense")
        assert (await socket.receive())["type"] == "error"
    assert await socket.close_code() == protocol.TOO_MANY_INVALID_FRAMES


async def test_error_messages_are_in_the_users_language(chat, follow):
    user = chat.member.admin
    user.preferred_language = "zh-hans"
    await database_sync_to_async(user.save)(update_fields=["preferred_language"])
    socket, _ = await follow(user)
    await socket.send({"type": "subscribe"})
    reply = await socket.receive()
    assert reply["message"] == protocol.error_frame("unknown_type", "zh-hans")["message"]
    assert reply["message"] != protocol.error_frame("unknown_type", "en")["message"]
    await socket.send(send_frame(""))
    reply = await socket.receive()
    with_language = await database_sync_to_async(_refusal_in)("zh-hans", chat, user)
    assert reply["message"] == with_language


def _refusal_in(language, chat, user):

    with translation.override(language):
        try:
            services.message_post(
                gaccess=gaccess_of(user, chat.group), room=chat.room, client_msg_id=uuid.uuid4(), body=""
            )
        except ValidationError as error:
            return protocol.refusal_frame(error)["message"]


# Access lost while the socket is open -------------------------------------------------------------------------


def _remove(cast, chat):
    participant = chat.member.gaccess(chat.group).participant
    defense_services.participant_remove(gaccess=chat.lead.gaccess(chat.group), participant=participant)


def _leave(cast, chat):
    defense_services.group_leave(gaccess=chat.member.gaccess(chat.group))


def _withdraw(cast, chat):
    defense_services.agreement_withdraw(gaccess=chat.member.gaccess(chat.group))


def _new_agreement(cast, chat):
    defense_services.agreement_publish(gaccess=chat.lead.gaccess(chat.group), text="Version two of the agreement.")


def _suspend(cast, chat):
    membership = Membership.objects.get(company=chat.member.company, association=cast.association)
    membership_decide(membership=membership, decision="suspend", actor=cast.users["admin"])


def _deactivate(cast, chat):
    user_deactivate(user=chat.lead.member, actor=chat.lead.admin, association=cast.association)


LOSSES = {  # whose socket, and what takes their access away
    "removed": ("member", _remove),
    "left": ("member", _leave),
    "withdrew from the agreement": ("member", _withdraw),
    "new agreement version": ("member", _new_agreement),
    "company suspended": ("member", _suspend),
    "deactivated": ("lead member", _deactivate),
}


def _user(chat, who):
    return chat.member.admin if who == "member" else chat.lead.member


@pytest.mark.parametrize("loss", LOSSES)
async def test_losing_access_closes_the_socket_within_a_second(cast, chat, follow, loss):
    who, take_away = LOSSES[loss]
    lead_socket, _ = await follow(chat.lead.admin)
    socket, _ = await follow(_user(chat, who))
    # Presence frames about the arrivals may still be on their way (through Redis, a group message reaches the
    # sockets in the group when it arrives): let them come first.
    await settle(socket)
    started = time.monotonic()
    await database_sync_to_async(take_away)(cast, chat)
    assert await socket.close_code(timeout=1) == protocol.NO_ACCESS
    assert time.monotonic() - started < 1
    await settle(lead_socket)
    assert await lead_socket.outcome() == "open"


async def test_signing_out_closes_the_socket_of_that_session_within_a_second(chat):
    from config.asgi import application

    browser = Client()
    await database_sync_to_async(browser.force_login)(chat.member.admin)
    cookie = f"{settings.SESSION_COOKIE_NAME}={browser.cookies[settings.SESSION_COOKIE_NAME].value}"
    communicator = WebsocketCommunicator(
        application, chat.path, headers=[(b"origin", ORIGIN.encode()), (b"cookie", cookie.encode())]
    )
    connected, _ = await communicator.connect()
    assert connected
    await communicator.send_json_to({"type": "hello", "last_seq": 0})
    assert (await communicator.receive_json_from())["type"] == "ready"
    started = time.monotonic()
    await database_sync_to_async(browser.post)("/accounts/logout/")
    while (output := await communicator.receive_output(timeout=1))["type"] != "websocket.close":
        pass
    assert output["code"] == protocol.NO_ACCESS
    assert time.monotonic() - started < 1
    await communicator.disconnect()


async def test_a_lost_access_change_still_stops_pushes_once_the_verdict_is_old(chat, follow, monkeypatch):
    # The channel layer may drop "access.changed": the consumer trusts its last verdict for ACCESS_SECONDS only.
    monkeypatch.setattr(defense_services, "access_changed_on_commit", lambda user_ids: None)
    monkeypatch.setattr(consumers, "ACCESS_SECONDS", 0.2)
    socket, _ = await follow(chat.member.admin)
    await database_sync_to_async(_remove)(None, chat)
    assert await socket.outcome() == "open"  # nobody told it
    await asyncio.sleep(0.25)
    await post(chat.lead.admin, chat, body="Not for the removed company")
    assert await socket.close_code(timeout=1) == protocol.NO_ACCESS


async def test_nothing_is_pushed_to_a_socket_before_it_says_hello(chat, open_socket):
    socket = await open_socket(chat.member.admin, SLUG, path=chat.path)
    await post(chat.lead.admin, chat)
    assert await socket.nothing()


async def test_a_pool_thread_whose_connection_died_recovers_on_its_next_call(monkeypatch):
    """With persistent connections, in_database skips Django's health-check ping for a connection its thread used
    a moment ago; one that died meanwhile fails one call, and the next call opens a new one."""
    if connection.vendor != "postgresql":
        pytest.skip("needs a database server whose sessions can be ended (PostgreSQL)")
    monkeypatch.setitem(connections.settings["default"], "CONN_MAX_AGE", 60)
    monkeypatch.setitem(connections.settings["default"], "CONN_HEALTH_CHECKS", True)
    executor = ThreadPoolExecutor(max_workers=1)  # one thread, so every call below uses the same connection
    monkeypatch.setattr(database_threads, "_threads", executor)

    def backend_pid() -> int:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            return cursor.fetchone()[0]

    def end_session(pid: int) -> None:
        with connections.create_connection("default").cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])

    first = await in_database(backend_pid)()
    await sync_to_async(end_session, thread_sensitive=False)(first)  # from another thread
    with pytest.raises(DatabaseError):
        await in_database(backend_pid)()
    assert await in_database(backend_pid)() != first
    await in_database(lambda: connection.close())()  # this thread's persistent connection, before it ends
    executor.shutdown()
