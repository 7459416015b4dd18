"""The notification centre: the unread count in the navigation, the list (all or unread, paginated), opening a
notification marks it read and follows its link, marking one or all read; the same through the API."""

import pytest
from django.db import transaction

from notifications.models import Notification
from notifications.services import notify
from tests.api.calls import a, post, unknown_association
from tests.permission_matrix import assert_matrix
from tests.web.helpers import expect, matrix, page_text, signed_in

pytestmark = pytest.mark.django_db

URL = "/a/alpha/notifications/"
PEOPLE = {"anonymous": 401, "other_association": 404, "not_entitled": 200, "entitled": 200, "moderator": 200,
          "admin": 200}  # fmt: skip


def tell(user, association, count=1, url="/a/alpha/reports/"):
    with transaction.atomic():
        return [
            notify(
                recipients=[user],
                association=association,
                kind="invitation.accepted",
                params={"email": f"n{index}@example.test"},
                url=url,
            )[0]
            for index in range(count)
        ]


def test_opening_a_notification_marks_it_read_and_follows_its_link(cast):
    (notification,) = tell(cast.users["entitled"], cast.association)
    responses = matrix(cast, lambda c: c.get(f"{URL}{notification.pk}/open/"), expect(entitled=302), write=True)
    assert responses["entitled"]["Location"] == "/a/alpha/reports/"
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_a_notification_without_a_link_opens_the_list(cast):
    (notification,) = tell(cast.users["entitled"], cast.association, url="")
    response = signed_in(cast.users["entitled"]).get(f"{URL}{notification.pk}/open/")
    assert response["Location"] == URL


def test_a_link_to_another_site_is_never_followed(cast):
    (notification,) = tell(cast.users["entitled"], cast.association, url="https://evil.example/")
    response = signed_in(cast.users["entitled"]).get(f"{URL}{notification.pk}/open/")
    assert response["Location"] == URL


def test_the_list_links_through_open_shows_the_count_and_filters_unread(cast):
    user = cast.users["entitled"]
    first, second, _third = tell(user, cast.association, count=3)
    Notification.objects.filter(pk=first.pk).update(read_at=first.created_at)
    client = signed_in(user)
    html = page_text(client.get(URL))
    assert f'href="{URL}{second.pk}/open/"' in html
    assert '<span class="badge" data-unread-count>2</span>' in html
    assert "n0@example.test" in html
    unread = page_text(client.get(URL + "?unread=1"))
    assert "n0@example.test" not in unread and "n1@example.test" in unread and "n2@example.test" in unread


def test_pages_keep_the_unread_filter(cast):
    tell(cast.users["entitled"], cast.association, count=27)
    client = signed_in(cast.users["entitled"])
    html = page_text(client.get(URL + "?unread=1"))
    assert 'href="?unread=1&amp;page=2"' in html
    assert page_text(client.get(URL + "?unread=1&page=2")).count('class="notification notification--unread"') == 2


def test_mark_all_read_then_nothing_unread(cast):
    user = cast.users["entitled"]
    tell(user, cast.association, count=3)
    client = signed_in(user)
    assert client.post(URL + "read/").status_code == 302
    assert "No unread notifications." in page_text(client.get(URL + "?unread=1"))


def test_api_unread_filter_and_count(cast):
    user = cast.users["entitled"]
    first, second = tell(user, cast.association, count=2)
    Notification.objects.filter(pk=first.pk).update(read_at=first.created_at)
    responses = assert_matrix(
        cast, lambda c: c.get(a("alpha", "notifications/unread/")), PEOPLE, not_found_body=unknown_association
    )
    assert responses["entitled"].json() == {"unread_count": 1}
    assert responses["not_entitled"].json() == {"unread_count": 0}
    client = signed_in(user)
    listed = client.get(a("alpha", "notifications/?unread=true")).json()
    assert [item["id"] for item in listed["results"]] == [second.pk] and listed["unread_count"] == 1
    assert len(client.get(a("alpha", "notifications/")).json()["results"]) == 2
    bad = client.get(a("alpha", "notifications/?unread=maybe"))
    assert bad.status_code == 400 and "unread" in bad.json()["error"]["fields"]
    assert post(client, a("alpha", "notifications/read/"), {"ids": [second.pk]}).json() == {
        "marked": 1, "unread_count": 0,
    }  # fmt: skip
