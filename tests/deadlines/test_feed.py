"""The iCalendar feed: a valid token gives the company's open deadlines; revoked, rotated and guessed tokens get
the same 404; the token itself is never stored."""

from datetime import date, timedelta

import pytest
from django.test import Client
from icalendar import Calendar

from sharing.deadlines import services
from sharing.deadlines.models import CalendarFeed
from sharing.reports import services as report_services
from tenancy.access import resolve_access
from tenancy.models import Membership, MembershipStatus
from tests.deadlines.conftest import ANSWER_DUE, IPR_BAR
from tests.factories import report_data
from tests.permission_matrix import database_fingerprint

pytestmark = pytest.mark.django_db


def fetch(token: str):
    return Client().get(f"/cal/{token}.ics")


def events(response) -> list:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content).walk("VEVENT")


def test_feed_lists_the_company_deadlines_as_all_day_events(reporter, answer):
    _feed, token = services.feed_rotate(access=reporter)
    first = events(fetch(token))
    assert [event.decoded("dtstart") for event in first] == [ANSWER_DUE, IPR_BAR]
    event = first[0]
    assert event.decoded("dtend") == ANSWER_DUE + timedelta(days=1)
    assert str(event["summary"]) == "Answer to the complaint: Lumen Holdings, LLC"
    description = str(event["description"])
    assert "Rule: FRCP 12(a)(1)(A)(i), 6(a)" in description
    assert "Independence Day (observed)" in description
    assert "Guidance, not legal advice" in description
    assert event.walk("VALARM")[0].decoded("trigger") == timedelta(days=-1)
    # The UIDs stay the same from one fetch to the next, so calendars update events instead of duplicating them.
    assert [str(e["uid"]) for e in events(fetch(token))] == [str(e["uid"]) for e in first]


def test_an_override_moves_the_event_and_done_removes_it(reporter, answer):
    _feed, token = services.feed_rotate(access=reporter)
    services.deadline_override(access=reporter, deadline=answer, due_on=date(2026, 8, 3), reason="Order of 1 July.")
    assert events(fetch(token))[0].decoded("dtstart") == date(2026, 8, 3)
    services.deadline_set_done(access=reporter, deadline=answer, done=True)
    assert [e.decoded("dtstart") for e in events(fetch(token))] == [IPR_BAR]


def test_only_the_token_hash_is_stored(reporter):
    feed, token = services.feed_rotate(access=reporter)
    assert token not in str(database_fingerprint())
    assert feed.token_hash != token and len(feed.token_hash) == 64


def test_rotated_revoked_and_guessed_tokens_get_the_same_404(reporter, answer):
    _feed, old = services.feed_rotate(access=reporter)
    _feed, new = services.feed_rotate(access=reporter)
    assert CalendarFeed.objects.filter(revoked_at__isnull=True).count() == 1
    assert events(fetch(new))
    rotated = fetch(old)
    guessed = fetch("A" * 43)
    assert rotated.status_code == guessed.status_code == 404
    assert rotated.content == guessed.content
    services.feed_revoke(access=reporter)
    revoked = fetch(new)
    assert revoked.status_code == 404
    assert revoked.content == guessed.content
    assert fetch("x" * 500).status_code == 404


def test_feed_holds_only_its_own_company_and_active_memberships(cast, reporter, answer):
    other = resolve_access(slug="alpha", user=cast.users["not_entitled"])
    report, _created = report_services.report_create(access=other, data=report_data())
    facts = {"complaint_served_on": date(2026, 3, 20), "complaint_service_method": "agent"}
    services.case_facts_set(access=other, report=report, data=facts)
    _feed, token = services.feed_rotate(access=reporter)
    assert len(events(fetch(token))) == 2
    Membership.objects.filter(company=reporter.company).update(status=MembershipStatus.SUSPENDED)
    assert events(fetch(token)) == []


def test_feed_is_rendered_in_the_creators_language(reporter, answer):
    reporter.user.preferred_language = "zh-hans"
    reporter.user.save()
    _feed, token = services.feed_rotate(access=reporter)
    description = str(events(fetch(token))[0]["description"])
    assert "星期一" in description  # the dates of the steps, in Chinese


def test_feed_needs_no_session_and_sets_no_cookie(reporter, answer):
    _feed, token = services.feed_rotate(access=reporter)
    response = fetch(token)
    assert response.status_code == 200
    assert not response.cookies
    assert response["Cache-Control"] == "private, no-store"
