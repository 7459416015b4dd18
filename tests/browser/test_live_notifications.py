"""The notifications socket in the browser (templates/static/js/live-notifications.js): a notification is pushed
once its transaction commits, and the open page shows it at once, without a reload: the unread badge, the list
and a toast, text only. A rolled-back notification and someone else's never show."""

import re

import pytest
from django.db import transaction
from playwright.sync_api import expect

from notifications.services import notify
from tests.browser.conftest import elsewhere, url_of, wait_for_socket

pytestmark = pytest.mark.django_db(transaction=True)

OPEN_URL = re.compile(r"^/a/alpha/notifications/\d+/open/$")
HOSTILE = '<img src="/static/x.png" onerror="window.hacked = 1">'


class RolledBack(Exception):
    pass


def rolled_back(user, association):
    with transaction.atomic():
        notify(recipients=[user], association=association, kind="invitation.accepted", params={"email": "x@y.z"})
        raise RolledBack


def test_a_committed_notification_updates_the_badge_live(cast, asgi_servers, browse):
    user, other = cast.users["entitled"], cast.users["not_entitled"]
    (server,) = asgi_servers(1)
    visitor = browse(url_of(server))
    visitor.use_session(user)
    page = visitor.new_page()
    page.goto("/a/alpha/notifications/")
    badge = page.locator("[data-unread-count]")
    expect(badge).to_have_text("0")
    page.evaluate("window.sameDocument = true")
    wait_for_socket(page, "/notifications/")

    # Written, then rolled back: nothing is pushed. Someone else's notification is not this page's.
    with pytest.raises(RolledBack):
        elsewhere(rolled_back, user, cast.association)
    elsewhere(notify, recipients=[other], association=cast.association, kind="invitation.accepted",
              params={"email": "o@y.z"})  # fmt: skip
    page.wait_for_timeout(700)
    expect(badge).to_have_text("0")
    expect(page.locator(".toast")).to_have_count(0)

    # Committed: the badge, the list and a toast, as text.
    elsewhere(
        notify, recipients=[user], association=cast.association, kind="invitation.accepted", params={"email": HOSTILE},
        url="javascript:window.hacked = 2",
    )  # fmt: skip
    expect(badge).to_have_text("1", timeout=2000)
    toast = page.locator(".toast.toast--visible[role=status]")
    expect(toast).to_have_text(f"{HOSTILE} accepted your invitation.")
    newest = page.locator("[data-notification-list] > li").first
    expect(newest).to_have_text(f"{HOSTILE} accepted your invitation.")
    # Its link goes through the notification's own "open" address, which marks it read and follows only a local
    # path (tests/notifications/test_centre.py): never to the javascript: URL it was given.
    expect(newest.locator("a")).to_have_attribute("href", OPEN_URL)

    elsewhere(
        notify, recipients=[user], association=cast.association, kind="report.published",
        params={"plaintiff": "Lumen Holdings, LLC"}, url="/a/alpha/reports/",
    )  # fmt: skip
    expect(badge).to_have_text("2", timeout=2000)
    link = page.locator("[data-notification-list] > li").first.get_by_role("link")
    expect(link).to_have_text("Your report on Lumen Holdings, LLC was published.")
    expect(link).to_have_attribute("href", OPEN_URL)
    expect(toast).to_have_text("Your report on Lumen Holdings, LLC was published.")

    assert page.evaluate("window.sameDocument === true")  # no reload
    assert page.evaluate("window.hacked") is None
    assert page.locator("img[onerror]").count() == 0
