"""The chat log: stream positions, retried sends, edits and deletions as new positions, limits."""

import uuid

import pytest
from django.core.exceptions import ValidationError

from notifications.models import Notification
from sharing.chat import selectors, services
from sharing.chat.models import Message
from tests.defense.helpers import joined_group, side

pytestmark = pytest.mark.django_db


@pytest.fixture
def room_of(cast):
    lead, member = side(cast.association), side(cast.association)
    group = joined_group(cast.association, lead, member)
    room = selectors.rooms(lead.gaccess(group)).get(topic="")
    return lead, member, group, room


def test_a_retried_send_returns_the_stored_message(room_of):
    lead, _member, group, room = room_of
    client_id = uuid.uuid4()
    first, created = services.message_post(gaccess=lead.gaccess(group), room=room, client_msg_id=client_id, body="Hi")
    again, created_again = services.message_post(
        gaccess=lead.gaccess(group), room=room, client_msg_id=client_id, body="Hi"
    )
    assert (first.pk, created, created_again) == (again.pk, True, False)
    assert Message.objects.count() == 1


def test_edits_and_deletions_take_new_positions(room_of):
    lead, member, group, room = room_of
    gaccess = lead.gaccess(group)
    one, _ = services.message_post(gaccess=gaccess, room=room, client_msg_id=uuid.uuid4(), body="one")
    two, _ = services.message_post(gaccess=gaccess, room=room, client_msg_id=uuid.uuid4(), body="two")
    services.message_edit(gaccess=gaccess, message=one, body="one, edited")
    assert [(m.seq, m.changed_seq) for m in selectors.changed_after(member.gaccess(group), room, 0)] == [
        (2, 2),
        (1, 3),
    ]
    assert [m.body for m in selectors.changed_after(member.gaccess(group), room, 2)] == ["one, edited"]
    with pytest.raises(ValidationError):
        services.message_delete(gaccess=member.gaccess(group), message=two)
    services.message_delete(gaccess=gaccess, message=two)
    assert [m.seq for m in selectors.changed_after(gaccess, room, 3)] == [2]


def test_limits_and_mentions(room_of, settings):
    lead, member, group, room = room_of
    gaccess = lead.gaccess(group)
    for bad in ("", "x" * 4001, "nul\x00"):
        with pytest.raises(ValidationError):
            services.message_post(gaccess=gaccess, room=room, client_msg_id=uuid.uuid4(), body=bad)
    with pytest.raises(ValidationError):
        services.message_post(gaccess=gaccess, room=room, client_msg_id=uuid.uuid4(), body="x", mention_ids=[10**9])
    services.message_post(
        gaccess=gaccess, room=room, client_msg_id=uuid.uuid4(), body="@you", mention_ids=[member.member.pk]
    )
    assert Notification.objects.filter(recipient=member.member, kind="chat.mention").count() == 1
    with pytest.raises(services.RateLimited):
        for _ in range(services.RATE_LIMIT + 1):
            services.message_post(gaccess=gaccess, room=room, client_msg_id=uuid.uuid4(), body="spam")
    assert Message.objects.count() <= services.RATE_LIMIT
    assert (
        selectors.rooms(member.gaccess(group)).get(pk=room.pk).unread == room.__class__.objects.get(pk=room.pk).last_seq
    )


def test_another_authors_client_id_is_refused(room_of):
    lead, member, group, room = room_of
    client_id = uuid.uuid4()
    services.message_post(gaccess=lead.gaccess(group), room=room, client_msg_id=client_id, body="mine")
    with pytest.raises(ValidationError):
        services.message_post(gaccess=member.gaccess(group), room=room, client_msg_id=client_id, body="theirs")
    assert Message.objects.count() == 1
