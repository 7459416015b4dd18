"""Issue 5's "done when" in real browsers against two real servers: two members report one plaintiff under two
spellings and are told live of each other's existence, never who; both opt in, then see each other and form a
group; a watcher is told live; the served defendant enters how it was served and reads an explained deadline,
then subscribes to its calendar feed."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from icalendar import Calendar
from playwright.sync_api import expect

from sharing.watchlists.services import watch_add
from tenancy.access import resolve_access
from tests.browser.conftest import elsewhere, url_of, wait_for_socket
from tests.campaigns.helpers import publish, side

pytestmark = pytest.mark.django_db(transaction=True)

PLAINTIFF = "Aurora Lumen Designs, LLC"
OTHER_SPELLING = "AURORA LUMEN DESIGNS L.L.C."


def live_page(visitor, user):
    """`user`'s notification centre, open with its socket: what is pushed shows without a reload."""
    visitor.use_session(user)
    page = visitor.new_page()
    page.goto("/a/alpha/notifications/")
    wait_for_socket(page, "/notifications/")
    return page


def notification(page, text: str):
    return page.locator("[data-notification-list] > li", has_text=text)


def test_two_spellings_meet_a_watcher_is_told_and_the_served_defendant_gets_its_deadline(cast, asgi_servers, browse):
    moderator = cast.users["moderator"]
    first = side(cast.association, legal_name_en="Ningbo Firstlight Lamps Co., Ltd.")
    second = side(cast.association, legal_name_en="Xiamen Secondwave Optics Co., Ltd.")
    watcher = cast.users["not_entitled"]
    watch_add(access=resolve_access(slug="alpha", user=watcher), criterion="plaintiff", value="aurora lumen designs")
    report, _ = elsewhere(publish, first, moderator, plaintiff_name=PLAINTIFF, patents=[])

    one, two = asgi_servers(2)
    first_browser, second_browser, watcher_browser = browse(url_of(one)), browse(url_of(two)), browse(url_of(two))
    second_page = live_page(second_browser, second.admin)
    watcher_page = live_page(watcher_browser, watcher)

    # The second member's report under another spelling is published: both hear of it at once.
    elsewhere(publish, second, moderator, plaintiff_name=OTHER_SPELLING, patents=[])
    expect(notification(second_page, f"2 member companies, yours included, face {PLAINTIFF}")).to_have_count(1)
    # The watcher had the first report's notice when the page opened; the second one arrives live.
    watched = f"New report on your watchlist: US district court patent suit, {PLAINTIFF}"
    expect(notification(watcher_page, watched)).to_have_count(2)
    for page in (second_page, watcher_page):
        expect(page.locator("main")).not_to_contain_text("Firstlight")

    # The notice leads to the campaign: counts, no names, until both opt in.
    notification(second_page, "2 member companies").locator("a").click()
    expect(second_page.locator("main")).to_contain_text("2 member companies face this.")
    expect(second_page.locator("main")).not_to_contain_text("Firstlight")
    second_page.get_by_role("button", name="Opt in").click()
    expect(second_page.locator("main")).not_to_contain_text("Firstlight")
    campaign_path = re.sub(r"^https?://[^/]+", "", second_page.url)

    first_browser.use_session(first.admin)
    first_page = first_browser.new_page()
    first_page.goto(campaign_path)
    expect(first_page.locator("main")).not_to_contain_text("Secondwave")
    first_page.get_by_role("button", name="Opt in").click()
    expect(first_page.locator("main")).to_contain_text("Xiamen Secondwave Optics")
    second_page.goto(campaign_path)
    expect(second_page.locator("main")).to_contain_text("Ningbo Firstlight Lamps")

    # Together into a group: the other company is invited.
    first_page.get_by_role("link", name="Create a defense group with them").click()
    first_page.locator('input[name="name"]').fill("Aurora defense")
    first_page.locator("main form button[type=submit]").click()
    expect(first_page.locator("h1")).to_contain_text("Aurora defense")
    second_page.goto("/a/alpha/groups/")
    expect(second_page.locator("main")).to_contain_text("Aurora defense")

    # The served defendant: how and when it was served, then the explained deadline.
    served = max(report.filed_on, timezone.localdate() - timedelta(days=5))
    first_page.goto(f"/a/alpha/deadlines/reports/{report.pk}/")
    first_page.locator('input[name="complaint_served_on"]').fill(served.isoformat())
    first_page.locator('select[name="complaint_service_method"]').select_option("personal")
    first_page.get_by_role("button", name="Save and compute").click()
    answer = first_page.locator("section.card", has_text="21 days")
    expect(answer.first).to_contain_text("is not counted (FRCP 6(a)(1)(A))")
    expect(first_page.locator("main")).to_contain_text("Guidance, not legal advice")

    # Its calendar feed: the address is shown once, and the calendar holds the deadline.
    first_page.goto("/a/alpha/deadlines/")
    first_page.get_by_role("button", name="Make an address").click()
    address = re.search(r"https?://\S+\.ics", first_page.locator("main").inner_text()).group(0)
    calendar = Calendar.from_ical(first_page.request.get(address).body())
    events = [event for event in calendar.walk("VEVENT") if "Aurora" in str(event["SUMMARY"])]
    assert events and all(event["DTSTART"].dt > served for event in events)
