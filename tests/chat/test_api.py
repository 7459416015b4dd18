"""Group chat through the API: the permission matrix of every chat endpoint (tests/defense/api_helpers.py), history
and catch-up pages, retried sends, edits and deletions within the window, read markers and unread counts, the
rate limit, message limits, text kept as text, and the query count of the history."""

import uuid
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.translation import gettext

from notifications.models import Notification
from sharing.chat import services as chat_services
from sharing.chat.models import Message, ReadMarker, Room
from sharing.defense import document_services, services
from tests.api.calls import error, patch, post
from tests.defense.api_helpers import (  # noqa: F401 (private_storage: a fixture)
    build_world,
    document,
    general_room,
    group_matrix,
    levels,
    message,
    private_storage,
    upload_file,
)
from tests.permission_matrix import database_fingerprint

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("private_storage")]

LANGUAGES = ["en", "zh-hans"]
FULL_READ = levels(403, 403, 200)


@pytest.fixture
def world(cast):
    return build_world(cast)


@pytest.fixture
def room(world):
    return general_room(world)


def messages_url(world, room, path: str = "") -> str:
    return world.url(f"rooms/{room.pk}/messages/{path}")


def refused(response, status: int = 400, fields=None) -> dict:
    assert response.status_code == status, response.content
    body = error(response)
    if fields is not None:
        assert list(body["fields"]) == fields, body
    return body


# The matrix ------------------------------------------------------------------------------------------------


def test_rooms(world, room):
    chat_services.topic_create(gaccess=world.gaccess("lead"), topic="Claim construction")
    message(world)
    responses = group_matrix(world, lambda c: c.get(world.url("rooms/")), FULL_READ)
    rooms = responses["counsel"].json()
    assert [(r["topic"], r["last_seq"], r["unread"]) for r in rooms] == [("", 1, 1), ("Claim construction", 0, 0)]
    assert rooms[0]["label"] == "Privileged and confidential, common interest"
    codes = {actor: error(responses[actor])["code"] for actor in ("invited", "joined")}
    assert codes == {"invited": "invitation_pending", "joined": "agreement_required"}


def test_topic_create(world, room):
    url = world.url("rooms/")
    responses = group_matrix(
        world, lambda c: post(c, url, {"topic": "  Prior   art "}), levels(403, 403, 201), write=True
    )
    assert responses["lead"].json()["topic"] == "Prior art"
    assert Room.objects.filter(group=world.group).count() == 2  # the same topic each time


def test_history(world, room):
    message(world, body="first")
    responses = group_matrix(world, lambda c: c.get(messages_url(world, room)), FULL_READ)
    page = responses["member"].json()
    assert [m["body"] for m in page["results"]] == ["first"] and page["next"] is None


def test_post(world, room):
    def send(client):
        return post(client, messages_url(world, room), {"client_msg_id": str(uuid.uuid4()), "body": "Hello"})

    responses = group_matrix(world, send, levels(403, 403, 201), write=True)
    assert [m.author for m in Message.objects.order_by("seq")] == [
        world.users[x] for x in ("counsel", "member", "lead")
    ]
    posted = responses["lead"].json()
    assert (posted["seq"], posted["changed_seq"], posted["body"]) == (3, 3, "Hello")
    assert posted["author"] == {"id": world.lead.admin.pk, "display_name": world.lead.admin.display_name}


def test_edit(world, room):
    posted = message(world, actor="member", body="Draft")
    url = messages_url(world, room, f"{posted.seq}/")
    # Only the author changes its message.
    responses = group_matrix(
        world, lambda c: patch(c, url, {"body": "Final"}), levels(403, 403, 403, member=200), write=True
    )
    assert error(responses["lead"])["code"] == "permission_denied"
    edited = responses["member"].json()
    assert (edited["body"], edited["seq"], edited["changed_seq"]) == ("Final", 1, 2)
    assert edited["edited_at"] is not None


def test_delete(world, room):
    posted = message(world, actor="member", body="Oops", attachment_ids=[document(world).pk])
    url = messages_url(world, room, f"{posted.seq}/")
    order = ["anonymous", "other_association", "admin", "moderator", "outsider", "invited", "joined", "counsel"]
    order += ["lead", "member"]
    responses = group_matrix(world, lambda c: c.delete(url), levels(403, 403, 403, member=200), order=order, write=True)
    deleted = responses["member"].json()
    assert (deleted["body"], deleted["attachments"], deleted["changed_seq"]) == ("", [], 2)
    assert Message.objects.get(pk=posted.pk).body == "Oops"  # soft: kept, audited, never shown


def test_read_marker(world, room):
    for _ in range(3):
        message(world, actor="lead")
    url = world.url(f"rooms/{room.pk}/read/")
    responses = group_matrix(world, lambda c: post(c, url, {"seq": 2}), levels(403, 403, 200), write=True)
    assert responses["member"].json() == {"last_read_seq": 2, "unread": 1}
    assert ReadMarker.objects.filter(room=room).count() == 3
    client = world.client("member")
    assert post(client, url, {"seq": 1}).json() == {"last_read_seq": 2, "unread": 1}  # never back
    assert post(client, url, {"seq": 99}).json() == {"last_read_seq": 3, "unread": 0}  # never past the end
    assert client.get(world.url("rooms/")).json()[0]["unread"] == 0


def test_another_group_s_room_is_missing(world, room, cast):
    other = build_world_room(world)
    client = world.client("lead")
    reference = client.get("/api/v1/a/no-such-association/").content
    for url in (
        world.url(f"rooms/{other.pk}/messages/"),
        world.url("rooms/999999/messages/"),
        messages_url(world, room, "999/"),
    ):
        response = client.get(url) if url.endswith("messages/") else patch(client, url, {"body": "x"})
        assert (response.status_code, response.content) == (404, reference)


def build_world_room(world):
    """A room of another group of the same association, led by the same company."""
    group = services.group_create(access=world.lead.access(), name="Second", agreement_text="We agree.")
    return Room.objects.get(group=group, topic="")


# History and catch-up --------------------------------------------------------------------------------------


def test_history_pages_newest_first_and_catch_up_oldest_first(world, room):
    posted = [message(world, body=f"m{n}") for n in range(1, 6)]
    chat_services.message_edit(gaccess=world.gaccess("member"), message=posted[0], body="m1, edited")  # position 6
    chat_services.message_delete(gaccess=world.gaccess("member"), message=posted[1])  # position 7
    client = world.client("lead")
    seen, url = [], messages_url(world, room) + "?page_size=2"
    while url:
        page = client.get(url).json()
        seen += [(m["seq"], m["body"]) for m in page["results"]]
        url = page["next"]
    assert seen == [(5, "m5"), (4, "m4"), (3, "m3"), (2, ""), (1, "m1, edited")]
    # A client that has everything up to position 3 gets m4, m5, the edit of m1 and the deletion of m2.
    changes, url = [], messages_url(world, room) + "?after=3&page_size=3"
    while url:
        page = client.get(url).json()
        changes += [(m["seq"], m["changed_seq"]) for m in page["results"]]
        assert page["previous"] is None
        url = page["next"]
    assert changes == [(4, 4), (5, 5), (1, 6), (2, 7)]
    assert client.get(messages_url(world, room) + "?after=99").json()["results"] == []  # a position from the future


@pytest.mark.parametrize("after", ["-1", "abc", "1.5"])
def test_bad_position(world, room, after):
    response = world.client("lead").get(messages_url(world, room) + f"?after={after}")
    refused(response, fields=["after"])


def test_history_queries_do_not_grow_with_rows(world, room):
    doc = document(world)
    mentioned = [world.users["lead"].pk, world.users["counsel"].pk]
    message(world, attachment_ids=[doc.pk], mention_ids=mentioned)
    client = world.client("counsel")
    url = messages_url(world, room)

    def count(path):
        client.get(path)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 200
        return len(queries), response.json()["results"]

    one, results = count(url)
    assert [a["id"] for a in results[0]["attachments"]] == [doc.pk] and len(results[0]["mentions"]) == 2
    for _ in range(19):
        message(world, attachment_ids=[doc.pk], mention_ids=mentioned)
    twenty, results = count(url)
    assert len(results) == 20 and twenty == one, f"{one} queries for 1 message, {twenty} for 20"
    catch_up_one, _ = count(url + "?after=19")
    catch_up_twenty, results = count(url + "?after=0")
    assert len(results) == 20 and catch_up_twenty == catch_up_one


# Sending: retries, limits, text ----------------------------------------------------------------------------


def test_a_retried_send_stores_one_message(world, room):
    client = world.client("member")
    body = {"client_msg_id": str(uuid.uuid4()), "body": "Once"}
    first = post(client, messages_url(world, room), body)
    assert first.status_code == 201
    before = database_fingerprint()
    again = post(client, messages_url(world, room), {**body, "body": "Twice?"})
    assert again.status_code == 200 and again.json() == first.json()
    assert database_fingerprint() == before and Message.objects.count() == 1


def test_text_is_kept_as_text(world, room):
    text = "<script>alert('x')</script> & <b>bold</b> \u202e"
    client = world.client("member")
    posted = post(client, messages_url(world, room), {"client_msg_id": str(uuid.uuid4()), "body": text})
    assert posted.status_code == 201 and posted.json()["body"] == text
    history = client.get(messages_url(world, room))
    assert history["Content-Type"] == "application/json" and history["X-Content-Type-Options"] == "nosniff"
    assert history.json()["results"][0]["body"] == text  # as typed: the client inserts it as text


@pytest.mark.parametrize("language", LANGUAGES)
def test_rate_limit(world, room, monkeypatch, language):
    monkeypatch.setattr(chat_services, "RATE_LIMIT", 2)
    client = world.client("member", language)
    for _ in range(2):
        assert (
            post(client, messages_url(world, room), {"client_msg_id": str(uuid.uuid4()), "body": "x"}).status_code
            == 201
        )
    before = database_fingerprint()
    response = post(client, messages_url(world, room), {"client_msg_id": str(uuid.uuid4()), "body": "x"})
    problem = refused(response, 429)
    assert problem["code"] == "throttled" and problem["fields"] == {}
    assert 1 <= problem["retry_after"] <= chat_services.RATE_WINDOW_SECONDS
    assert response["Retry-After"] == str(problem["retry_after"])
    with translation.override(language):
        expected = chat_services.RateLimited(problem["retry_after"]).messages[0]
    assert problem["message"] == expected
    assert database_fingerprint() == before


def _message_text(text, **params):
    return lambda: gettext(text) % params if params else gettext(text)


BAD_MESSAGES = [
    pytest.param(
        {"body": "x" * 4001},
        "body",
        _message_text("A message holds at most %(limit)d characters.", limit=4000),
        id="too-long",
    ),
    pytest.param({"body": "   "}, "body", _message_text("Write a message or attach a document."), id="empty"),
    pytest.param({"body": "nul\x00"}, "body", _message_text("Null characters are not allowed."), id="null"),
    pytest.param({"body": 42}, "body", None, id="not-text"),
    pytest.param({"client_msg_id": "not-a-uuid"}, "client_msg_id", None, id="bad-client-id"),
    pytest.param({"client_msg_id": 42}, "client_msg_id", None, id="client-id-as-number"),
    pytest.param({"mentions": ["x"]}, "mentions.0", None, id="mention-not-an-id"),
]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(("changes", "field", "text"), BAD_MESSAGES)
def test_bad_message(world, room, language, changes, field, text):
    client = world.client("member", language)
    before = database_fingerprint()
    response = post(client, messages_url(world, room), {"client_msg_id": str(uuid.uuid4()), "body": "ok", **changes})
    problem = refused(response, fields=[field])
    assert response["Content-Language"] == language
    if text is not None:
        with translation.override(language):
            assert problem["fields"][field] == [text()]
    assert database_fingerprint() == before


@pytest.mark.parametrize("language", LANGUAGES)
def test_mentions_of_people_outside_the_group(world, room, language):
    client = world.client("member", language)
    before = database_fingerprint()
    for outsider in ("outsider", "invited", "moderator"):  # the invited company has not joined yet
        body = {"client_msg_id": str(uuid.uuid4()), "body": "@you", "mentions": [world.users[outsider].pk]}
        problem = refused(post(client, messages_url(world, room), body), fields=["mentions"])
        with translation.override(language):
            assert problem["fields"]["mentions"] == [gettext("Mention people of this group only.")]
    assert database_fingerprint() == before


@pytest.mark.parametrize("language", LANGUAGES)
def test_attachments_the_sender_cannot_read(world, room, language):
    counsel_only = document(world, actor="lead", audience="counsel")
    other_group_doc = document_elsewhere(world)
    client = world.client("member", language)
    before = database_fingerprint()
    for doc_id in (counsel_only.pk, other_group_doc.pk, 999999):
        body = {"client_msg_id": str(uuid.uuid4()), "body": "see", "attachments": [doc_id]}
        problem = refused(post(client, messages_url(world, room), body), fields=["attachments"])
        with translation.override(language):
            assert problem["fields"]["attachments"] == [gettext("Attach documents of this group that you can read.")]
    assert database_fingerprint() == before


def document_elsewhere(world):
    """A document of another group the sender is in."""
    group = services.group_create(access=world.member.access(), name="Mine", agreement_text="We agree.")
    gaccess = world.member.gaccess(group)
    return document_services.document_upload(gaccess=gaccess, title="Other", audience="group", upload=upload_file())


def test_readers_see_only_the_attachments_they_may_read(world, room):
    counsel_only = document(world, actor="lead", audience="counsel")
    shared = document(world, actor="lead")
    message(world, actor="lead", attachment_ids=[counsel_only.pk, shared.pk])
    seen = {
        actor: [a["id"] for a in world.client(actor).get(messages_url(world, room)).json()["results"][0]["attachments"]]
        for actor in ("member", "counsel")
    }
    assert seen == {"member": [shared.pk], "counsel": [shared.pk, counsel_only.pk]}  # newest first


@pytest.mark.parametrize("language", LANGUAGES)
def test_editing_after_the_window_or_a_deleted_message(world, room, language):
    late = message(world, actor="member")
    Message.objects.filter(pk=late.pk).update(
        created_at=timezone.now() - chat_services.EDIT_WINDOW - timedelta(seconds=1)
    )
    gone = message(world, actor="member")
    chat_services.message_delete(gaccess=world.gaccess("member"), message=gone)
    client = world.client("member", language)
    before = database_fingerprint()
    problem = refused(patch(client, messages_url(world, room, f"{late.seq}/"), {"body": "Later"}))
    with translation.override(language):
        assert problem["message"] == gettext("Messages can be changed for %(minutes)d minutes only.") % {"minutes": 15}
    assert refused(client.delete(messages_url(world, room, f"{late.seq}/")))["message"] == problem["message"]
    problem = refused(patch(client, messages_url(world, room, f"{gone.seq}/"), {"body": "Back"}))
    with translation.override(language):
        assert problem["message"] == gettext("This message was deleted.")
    problem = refused(patch(client, messages_url(world, room, f"{late.seq}/"), {"body": ""}), fields=["body"])
    assert database_fingerprint() == before


@pytest.mark.parametrize("language", LANGUAGES)
def test_editing_another_s_message(world, room, language):
    theirs = message(world, actor="lead")
    client = world.client("member", language)
    before = database_fingerprint()
    problem = refused(patch(client, messages_url(world, room, f"{theirs.seq}/"), {"body": "Mine now"}), 403)
    with translation.override(language):
        assert problem["message"] == gettext("You can change only your own messages.")
    assert database_fingerprint() == before


def test_mentions_notify(world, room):
    client = world.client("member")
    body = {"client_msg_id": str(uuid.uuid4()), "body": "@counsel", "mentions": [world.lawyer.pk]}
    posted = post(client, messages_url(world, room), body)
    assert posted.status_code == 201
    assert posted.json()["mentions"] == [{"id": world.lawyer.pk, "display_name": world.lawyer.display_name}]
    assert Notification.objects.filter(recipient=world.lawyer, kind="chat.mention").count() == 1
