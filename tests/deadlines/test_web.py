"""Deadline pages through the permission matrix; bad input shown on the form with nothing written; Chinese."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.translation import gettext

from sharing.deadlines import services
from sharing.deadlines.models import CalendarFeed, Deadline
from tests.deadlines.conftest import ANSWER_DUE
from tests.factories import draft_report
from tests.permission_matrix import database_fingerprint
from tests.web.helpers import COMPANY_OK, expect, matrix, page_text, signed_in

pytestmark = pytest.mark.django_db

OWNER_OK = expect(entitled=200)
OWNER_WRITES = expect(entitled=302)
BASE = "/a/alpha/deadlines/"


def test_list_page_matrix(cast, answer):
    responses = matrix(cast, lambda client: client.get(BASE), COMPANY_OK)
    assert "Lumen Holdings, LLC" in page_text(responses["entitled"])
    # Another company of the association, and a moderator, see their own (empty) list: never this case.
    assert "Lumen Holdings" not in page_text(responses["not_entitled"])
    assert "Lumen Holdings" not in page_text(responses["moderator"])


def test_detail_and_case_pages_matrix(cast, answer):
    responses = matrix(cast, lambda client: client.get(f"{BASE}{answer.pk}/"), OWNER_OK)
    text = page_text(responses["entitled"])
    assert "Independence Day (observed)" in text
    assert "FRCP 12(a)(1)(A)(i), 6(a)" in text
    assert "Guidance, not legal advice" in text
    matrix(cast, lambda client: client.get(f"{BASE}reports/{answer.report_id}/"), OWNER_OK)


def test_settings_page_is_for_company_admins(cast):
    matrix(cast, lambda client: client.get(f"{BASE}settings/"), OWNER_OK)


def test_case_facts_post_matrix(cast, report):
    data = {"holiday_calendar": "US", "complaint_served_on": "2026-06-12", "complaint_service_method": "personal"}
    matrix(cast, lambda client: client.post(f"{BASE}reports/{report.pk}/", data), OWNER_WRITES, write=True)
    assert report.deadlines.get(rule="frcp12a_answer").effective_on == ANSWER_DUE


def test_override_post_matrix(cast, answer):
    data = {"due_on": "2026-08-03", "reason": "Stipulated extension."}
    matrix(cast, lambda client: client.post(f"{BASE}{answer.pk}/override/", data), OWNER_WRITES, write=True)
    answer.refresh_from_db()
    assert (answer.effective_on, answer.override_reason) == (date(2026, 8, 3), "Stipulated extension.")


@pytest.mark.parametrize("action", ["done", "reopen", "override/clear"])
def test_deadline_buttons_matrix(cast, answer, action):
    matrix(cast, lambda client: client.post(f"{BASE}{answer.pk}/{action}/"), OWNER_WRITES, write=True)


def test_done_then_reopen(cast, answer):
    client = signed_in(cast.users["entitled"])
    client.post(f"{BASE}{answer.pk}/done/")
    assert Deadline.objects.get(pk=answer.pk).done_at is not None
    client.post(f"{BASE}{answer.pk}/reopen/")
    assert Deadline.objects.get(pk=answer.pk).done_at is None


def test_feed_buttons_are_for_company_admins(cast, colleague):
    responses = matrix(cast, lambda client: client.post(f"{BASE}feed/rotate/"), OWNER_WRITES, write=True)
    assert CalendarFeed.objects.filter(revoked_at__isnull=True).count() == 1
    page = page_text(signed_in(cast.users["entitled"]).get(responses["entitled"]["Location"]))
    assert "/cal/" not in page  # the address was in the one-time message of the redirect, not on the page again
    assert signed_in(colleague).post(f"{BASE}feed/rotate/").status_code == 404
    matrix(cast, lambda client: client.post(f"{BASE}feed/revoke/"), OWNER_WRITES)
    assert not CalendarFeed.objects.filter(revoked_at__isnull=True).exists()


def test_rotating_shows_the_address_once(cast):
    client = signed_in(cast.users["entitled"])
    response = client.post(f"{BASE}feed/rotate/", follow=True)
    text = page_text(response)
    assert "http://testserver/cal/" in text
    token = text.split("http://testserver/cal/")[1].split(".ics")[0]
    assert client.get(f"/cal/{token}.ics").status_code == 200
    assert "/cal/" not in page_text(client.get(BASE))


def test_reminder_days_form(cast):
    client = signed_in(cast.users["entitled"])
    assert client.post(f"{BASE}settings/", {"offsets": "14, 2"}).status_code == 302
    before = database_fingerprint()
    response = client.post(f"{BASE}settings/", {"offsets": "two"})
    assert response.status_code == 200
    assert "Enter whole numbers of days separated by commas." in page_text(response)
    response = client.post(f"{BASE}settings/", {"offsets": "90"})
    assert "Each reminder is 0 to 60 days before the due date." in page_text(response)
    assert database_fingerprint() == before


BAD = [
    ({"complaint_served_on": "2026-05-20", "complaint_service_method": "personal"}, "before the complaint was filed"),
    ({"waiver_requested": "on"}, "Enter the date the waiver request was sent"),
    ({"holiday_calendar": "XX"}, "“XX” is not a holiday calendar this platform knows"),
    ({"complaint_served_on": "2026-06-12", "complaint_service_method": "r5_mail"}, "Select a valid choice."),
]


@pytest.mark.parametrize(("data", "message"), BAD)
def test_bad_case_facts_are_shown_and_nothing_is_written(cast, served, data, message):
    client = signed_in(cast.users["entitled"])
    before = database_fingerprint()
    response = client.post(f"{BASE}reports/{served.pk}/", {"holiday_calendar": "US", **data})
    assert response.status_code == 200
    assert message in page_text(response)
    assert database_fingerprint() == before


def test_override_without_a_reason_is_shown_on_the_deadline_page(cast, answer):
    client = signed_in(cast.users["entitled"])
    before = database_fingerprint()
    response = client.post(f"{BASE}{answer.pk}/override/", {"due_on": "2026-08-03", "reason": ""})
    assert response.status_code == 200
    assert "This field is required." in page_text(response)
    assert database_fingerprint() == before


def test_errors_and_steps_in_chinese(cast, served, answer):
    client = signed_in(cast.users["entitled"], "zh-hans")
    response = client.post(f"{BASE}reports/{served.pk}/", {"holiday_calendar": "US", "waiver_requested": "on"})
    with translation.override("zh-hans"):
        expected = gettext("Enter the date the waiver request was sent: the time to answer runs from it.")
    assert expected in page_text(response)
    response = client.post(f"{BASE}{answer.pk}/override/", {"due_on": "", "reason": ""})
    assert "此字段为必填项。" in page_text(response)  # Django's own catalog: the page is in Chinese
    assert "星期一" in page_text(client.get(f"{BASE}{answer.pk}/"))


def test_overdue_deadlines_are_highlighted(cast, reporter, answer):
    services.deadline_override(access=reporter, deadline=answer, due_on=date(2026, 1, 5), reason="Test of overdue.")
    text = page_text(signed_in(cast.users["entitled"]).get(BASE))
    assert 'class="deadline--overdue"' in text
    assert "days overdue" in text


def test_nav_and_report_page_link_to_deadlines(cast, report):
    client = signed_in(cast.users["entitled"])
    text = page_text(client.get(f"/a/alpha/reports/mine/{report.pk}/"))
    assert f'href="{BASE}reports/{report.pk}/"' in text
    assert f'href="{BASE}"' in text


def test_list_is_soonest_first_with_done_deadlines_last(cast, reporter, answer):
    client = signed_in(cast.users["entitled"])
    text = page_text(client.get(BASE))
    assert text.index("Answer to the complaint") < text.index("Last day to petition for inter partes review")
    services.deadline_set_done(access=reporter, deadline=answer, done=True)
    text = page_text(client.get(BASE))
    assert text.index("Last day to petition for inter partes review") < text.index("Answer to the complaint")


def test_list_page_query_count_does_not_grow_with_deadlines(cast, reporter, django_assert_max_num_queries):
    client = signed_in(cast.users["entitled"])
    facts = {"complaint_served_on": date(2026, 6, 12), "complaint_service_method": "personal"}
    report = draft_report(cast, filed_on=date(2026, 6, 1), served_on=None, response_due_on=None)
    services.case_facts_set(access=reporter, report=report, data=facts)
    client.get(BASE)
    with CaptureQueriesContext(connection) as few:
        client.get(BASE)
    for _ in range(10):
        report = draft_report(cast, filed_on=date(2026, 6, 1), served_on=None, response_due_on=None)
        services.case_facts_set(access=reporter, report=report, data=facts)
    with django_assert_max_num_queries(len(few)):
        assert page_text(client.get(BASE)).count("Answer to the complaint") == 11
