"""The browser chat client (templates/static/js/chat.js) against real servers: two uvicorn processes behind a
switch (as behind a load balancer), the page on the first. It replays the history, follows live messages,
replaces an edited or deleted message in place, drops every repeated frame, shows message and error text as
text; when its server hangs and dies with a message unacknowledged, it reconnects with backoff through the switch
to the other server, resumes from the last position it held, sends that message again under the same id (stored
once) and catches up on what it missed; it stops for good when the server closes with 4403 (access lost) or
4401 (signed out).

The page's chat socket goes through Playwright's websocket routing (ChatTap), which connects it to the real
server, records what crosses, and repeats every "messages" frame to the page, late."""

import json
import re
import signal
import time
import uuid

import pytest
from playwright.sync_api import expect

from sharing.chat import services as chat_services
from sharing.chat.models import Message, Room
from sharing.defense import selectors as defense_selectors
from sharing.defense import services as defense_services
from tests.browser.conftest import elsewhere, until, url_of
from tests.browser.switch import Switch
from tests.defense.helpers import joined_group, side
from tests.realtime.chat_helpers import general_room
from tests.sessions import end_sessions

pytestmark = pytest.mark.django_db(transaction=True)

LIVE = "Connected: messages arrive live."
RECONNECTING = "Connection lost. Reconnecting…"
ACCESS_LOST = "You no longer have access to this chat."
HOSTILE = '<img src="/static/x.png" onerror="window.hacked = 1">'
STOPPED_FOR = 2500  # ms without a new attempt after 4401 or 4403: longer than the first backoff (at most 1 s)
# The connections tried while the first server is dead, and a send through the tap racing a closure (the page's
# side of a tapped socket learns of it a moment after the server's side).
SOCKET_ERRORS = (
    r"WebSocket connection to 'ws://127\.0\.0\.1:\d+/ws/a/alpha/.*' failed"
    r"|WebSocket is already in CLOSING or CLOSED state"
)


class ChatTap:
    """Playwright's routing for one page's chat sockets: each is connected to the real server through the page's
    URL. Records every connection the page opened: when, the frames it sent and received, the code the server
    closed it with. After each "messages" frame it hands the page every one received so far on that connection
    again, newest first: repeated and stale copies (an edited message's first version, last), which the page
    must drop."""

    def __init__(self):
        self.connections: list[dict] = []
        self.page_side = None  # of the newest connection

    def __call__(self, route) -> None:
        connection = {"at": time.monotonic(), "sent": [], "received": [], "close": None}
        self.connections.append(connection)
        self.page_side = route
        server = route.connect_to_server()

        def to_server(message) -> None:
            connection["sent"].append(json.loads(message))
            if connection["close"] is None:
                server.send(message)

        def to_page(message) -> None:
            frame = json.loads(message)
            connection["received"].append(frame)
            route.send(message)
            if frame["type"] == "messages":  # then every one received before, newest first: the oldest last
                for earlier in reversed(connection["received"]):
                    if earlier["type"] == "messages":
                        route.send(json.dumps(earlier))

        def closed(code, reason) -> None:
            if connection["close"] is None:  # the server's close, not the echo of closing the page's side
                connection["close"] = code
                route.close(code=code, reason=reason)

        route.on_message(to_server)
        server.on_message(to_page)
        server.on_close(closed)

    @property
    def attempts(self) -> list[float]:
        return [connection["at"] for connection in self.connections]

    def closed(self, connection: int) -> bool:
        return len(self.connections) > connection and self.connections[connection]["close"] is not None

    def frames(self, connection: int, direction: str, kind: str) -> list[dict]:
        return [frame for frame in self.connections[connection][direction] if frame["type"] == kind]


def received_bodies(tap: ChatTap, connection: int) -> list[str]:
    return [m["body"] for frame in tap.frames(connection, "received", "messages") for m in frame["messages"]]


def shown(page) -> list[tuple[int, str]]:
    """(seq, body) of every message the page shows, in order; a message not stored yet has seq 0."""
    return [
        (int(seq or 0), body)
        for seq, body in page.evaluate("""[...document.querySelectorAll('[data-chat-messages] > li')].map(item =>
            [item.dataset.seq, item.querySelector('.chat-message__body')?.textContent ?? ''])""")
    ]


def stored(room) -> list[tuple[int, str]]:
    """What the page must show: every message of the room, in order, a deleted one by its notice."""
    return [
        (message.seq, "This message was deleted." if message.deleted_at else message.body)
        for message in Message.objects.filter(room=room).order_by("seq")
    ]


def post(gaccess, room, body: str, **kwargs) -> Message:
    message, _created = elsewhere(
        chat_services.message_post, gaccess=gaccess, room=room, client_msg_id=uuid.uuid4(), body=body, **kwargs
    )
    return message


def test_the_chat_client_against_real_servers(cast, asgi_servers, browse):
    lead, member = side(cast.association), side(cast.association)
    group = elsewhere(joined_group, cast.association, lead, member)
    a = lead.gaccess(group)
    room = general_room(a)
    first, second, _third = (post(a, room, f"Message {number}") for number in (1, 2, 3))

    doomed, survivor = asgi_servers(2)
    switch = Switch(doomed.port)
    bob = browse(switch.url)
    bob.allow(SOCKET_ERRORS)
    bob.use_session(member.admin)
    page = bob.new_page()
    tap = ChatTap()
    page.route_web_socket(lambda url: "/rooms/" in url, tap)
    chat_url = f"/a/alpha/groups/{group.pk}/chat/"
    try:
        # History, then live messages; an edit and a deletion replace the message where it is.
        page.goto(chat_url)
        status = page.locator("[data-chat-status]")
        expect(status).to_have_text(LIVE)
        page.evaluate("window.sameDocument = true")
        assert shown(page) == [(1, "Message 1"), (2, "Message 2"), (3, "Message 3")]
        assert tap.frames(0, "sent", "hello")[0]["last_seq"] == 0

        post(a, room, HOSTILE, mention_ids=[member.admin.pk])
        elsewhere(chat_services.message_edit, gaccess=a, message=first, body="Message 1, edited")
        elsewhere(chat_services.message_delete, gaccess=a, message=second)
        expect(page.locator('[data-seq="2"]')).to_have_class(re.compile("chat-message--deleted"))
        assert shown(page) == stored(room) == [
            (1, "Message 1, edited"), (2, "This message was deleted."), (3, "Message 3"), (4, HOSTILE)
        ]  # fmt: skip
        expect(page.locator('[data-seq="1"] .chat-message__edited')).to_have_text("(edited)")
        expect(page.locator('[data-seq="4"]')).to_have_class(re.compile("chat-message--mentions-me"))
        assert page.locator("[data-chat-messages] img").count() == 0

        page.locator("[data-chat-body]").fill("From Bob")
        page.locator("[data-chat-body]").press("Enter")
        until(page, lambda: "From Bob" in received_bodies(tap, 0), "Bob's message came back from the server")
        assert shown(page)[-1] == stored(room)[-1] == (stored(room)[-1][0], "From Bob")

        # An error frame is shown as text.
        tap.page_side.send(json.dumps({"type": "error", "code": "invalid", "message": "<i>Not</i> stored"}))
        expect(page.locator("[data-chat-error]")).to_have_text("<i>Not</i> stored")

        # The server hangs: Bob's next message goes out but is never acknowledged; meanwhile two are posted.
        doomed.process.send_signal(signal.SIGSTOP)
        page.locator("[data-chat-body]").fill("Sent while the server hangs")
        page.get_by_role("button", name="Send").click()
        until(page, lambda: len(tap.frames(0, "sent", "send")) == 2, "the message went out")
        unacknowledged = tap.frames(0, "sent", "send")[1]
        assert unacknowledged["body"] == "Sent while the server hangs"
        held_up_to = Room.objects.get(pk=room.pk).last_seq
        post(a, room, "Missed 1")
        post(a, room, "Missed 2")
        expect(page.locator("[data-pending]")).to_contain_text("Sending…")

        # It dies. The client retries with backoff; the switch sends the second attempt to the other server.
        doomed.kill()
        killed_at = time.monotonic()
        expect(status).to_have_text(RECONNECTING)
        until(page, lambda: tap.closed(1), "the first reconnection attempt failed")
        assert len(tap.attempts) == 2
        switch.point_at(survivor.port)
        expect(status).to_have_text(LIVE, timeout=5000)
        assert len(tap.attempts) == 3
        first_delay, second_delay = tap.attempts[1] - killed_at, tap.attempts[2] - tap.attempts[1]
        assert 0.45 <= first_delay <= 1.5, first_delay  # 0.5 to 1 s
        assert 0.95 <= second_delay <= 2.5, second_delay  # twice as long: 1 to 2 s

        # Resumed from the last position held; the missed messages, then the resent one (same id), once each.
        assert tap.frames(2, "sent", "hello") == [{"type": "hello", "last_seq": held_up_to}]
        (resent,) = tap.frames(2, "sent", "send")
        assert resent == unacknowledged
        expect(page.locator("[data-chat-messages] > li").last).to_contain_text("Sent while the server hangs")
        expect(page.locator("[data-pending]")).to_have_count(0)
        assert shown(page) == stored(room)
        assert [body for _seq, body in stored(room)[-3:]] == ["Missed 1", "Missed 2", "Sent while the server hangs"]
        replayed = [m["seq"] for frame in tap.frames(2, "received", "messages") for m in frame["messages"]]
        assert min(replayed) > held_up_to
        post(a, room, "After the switch")
        expect(page.locator("[data-chat-messages] > li").last).to_contain_text("After the switch")
        assert shown(page) == stored(room)
        assert len({seq for seq, _body in shown(page)}) == len(shown(page))  # repeated frames: nothing shown twice
        assert page.evaluate("window.sameDocument === true && window.hacked === undefined")

        # Signed out before its socket opens: 4401, and no more attempts.
        carol = browse(url_of(survivor))
        carol.allow(SOCKET_ERRORS)
        session_key = carol.use_session(lead.member)
        carol_page = carol.new_page()
        carol_tap = ChatTap()
        carol_page.route_web_socket(lambda url: "/rooms/" in url, carol_tap)

        def signed_out_meanwhile(route):  # the page is served; its session ends before chat.js runs
            end_sessions(session_key)
            route.continue_()

        carol_page.route("**/static/js/chat.js", signed_out_meanwhile)
        carol_page.goto(chat_url)
        expect(carol_page.locator("[data-chat-status]")).to_have_text(re.compile(ACCESS_LOST))

        # Bob's company is removed: 4403, and no more attempts.
        participant = defense_selectors.participants(a).get(company=member.company)
        elsewhere(defense_services.participant_remove, gaccess=a, participant=participant)
        expect(status).to_have_text(re.compile(ACCESS_LOST))
        expect(page.locator("[data-chat-body]")).to_be_disabled()
        page.wait_for_timeout(STOPPED_FOR)
        assert len(tap.attempts) == 3 and tap.connections[2]["close"] == 4403
        assert len(carol_tap.attempts) == 1 and carol_tap.connections[0]["close"] == 4401
    finally:
        switch.close()
