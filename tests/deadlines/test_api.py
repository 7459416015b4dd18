"""Deadline endpoints through the permission matrix, partner keys refused, bad input refused with nothing written."""

from datetime import date

import pytest
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext

from sharing.deadlines.models import CalendarFeed
from tests.api.calls import a, bearer, error, post, unknown_association
from tests.deadlines.conftest import ANSWER_DUE
from tests.factories import PartnerFactory, api_key_for
from tests.permission_matrix import assert_matrix, database_fingerprint
from tests.web.helpers import signed_in

pytestmark = pytest.mark.django_db

NOBODY = {
    "anonymous": 401,
    "other_association": 404,
    "not_entitled": 404,
    "entitled": 404,
    "moderator": 404,
    "admin": 404,
}
COMPANY_PEOPLE = {**NOBODY, "not_entitled": 200, "entitled": 200, "moderator": 200}
OWNER = {**NOBODY, "entitled": 200}


def matrix(cast, request, expected, **kwargs):
    return assert_matrix(cast, request, expected, not_found_body=unknown_association, **kwargs)


def put(client, url, data):
    return client.put(url, data, content_type="application/json")


def test_list_matrix(cast, answer):
    responses = matrix(cast, lambda client: client.get(a("alpha", "deadlines/")), COMPANY_PEOPLE)
    results = responses["entitled"].json()["results"]
    assert [item["rule"] for item in results] == ["frcp12a_answer", "ipr_315b_bar"]
    assert results[0]["effective_on"] == "2026-07-06"
    assert "Guidance, not legal advice" in results[0]["disclaimer"]
    assert responses["not_entitled"].json()["results"] == []
    assert responses["moderator"].json()["results"] == []


def test_detail_matrix_and_steps(cast, answer):
    responses = matrix(cast, lambda client: client.get(a("alpha", f"deadlines/{answer.pk}/")), OWNER)
    body = responses["entitled"].json()
    assert body["reference"] == "FRCP 12(a)(1)(A)(i), 6(a)"
    assert body["steps"][3] == {
        "code": "holiday",
        "text": "Friday, 2026-07-03 is a legal holiday (Independence Day (observed)): the period continues to the "
        "next day (FRCP 6(a)(1)(C)).",
        "params": {"day_on": "2026-07-03", "holiday": "Independence Day (observed)", "rule": "FRCP 6(a)(1)(C)"},
    }


def test_case_facts_matrix(cast, report):
    url = a("alpha", f"deadlines/reports/{report.pk}/facts/")
    responses = matrix(cast, lambda client: client.get(url), OWNER)
    assert responses["entitled"].json()["complaint_served_on"] == "2026-06-12"  # taken from the report
    data = {"complaint_served_on": "2026-06-12", "complaint_service_method": "personal"}
    responses = matrix(cast, lambda client: put(client, url, data), OWNER, write=True)
    deadlines = responses["entitled"].json()["deadlines"]
    assert {d["rule"]: d["effective_on"] for d in deadlines}["frcp12a_answer"] == ANSWER_DUE.isoformat()


def test_override_matrix(cast, answer):
    url = a("alpha", f"deadlines/{answer.pk}/override/")
    data = {"due_on": "2026-08-03", "reason": "Order of 1 July."}
    responses = matrix(cast, lambda client: post(client, url, data), OWNER, write=True)
    assert responses["entitled"].json()["effective_on"] == "2026-08-03"
    responses = matrix(cast, lambda client: client.delete(url), OWNER, write=True)
    assert responses["entitled"].json()["effective_on"] == ANSWER_DUE.isoformat()


def test_done_matrix(cast, answer):
    url = a("alpha", f"deadlines/{answer.pk}/done/")
    responses = matrix(cast, lambda client: post(client, url, {"done": True}), OWNER, write=True)
    assert responses["entitled"].json()["done"] is True


def test_feed_matrix(cast, colleague):
    url = a("alpha", "deadlines/feed/")
    responses = matrix(cast, lambda client: post(client, url), {**OWNER, "entitled": 201}, write=True)
    feed_url = responses["entitled"].json()["url"]
    assert feed_url.startswith("http://testserver/cal/") and feed_url.endswith(".ics")
    assert Client().get(feed_url.removeprefix("http://testserver")).status_code == 200
    assert post(signed_in(colleague), url).status_code == 404  # a member, not an admin, of the company
    matrix(cast, lambda client: client.delete(url), {**OWNER, "entitled": 204}, write=True)
    assert not CalendarFeed.objects.filter(revoked_at__isnull=True).exists()


def test_partner_keys_get_404(cast, answer):
    _key, plain = api_key_for(PartnerFactory(association=cast.association), created_by=cast.users["admin"])
    for path in ("deadlines/", f"deadlines/{answer.pk}/", f"deadlines/reports/{answer.report_id}/facts/"):
        response = Client().get(a("alpha", path), **bearer(plain))
        assert response.status_code == 404
        assert response.content == unknown_association(Client(**bearer(plain))).content


BAD = [
    ({"complaint_served_on": "2026-05-20", "complaint_service_method": "personal"}, "complaint_served_on"),
    ({"waiver_requested": True, "waiver_sent_on": None}, "waiver_sent_on"),
    ({"holiday_calendar": "Atlantis"}, "holiday_calendar"),
    ({"complaint_service_method": "carrier_pigeon"}, "complaint_service_method"),
    ({"tro_entered_on": "not a date"}, "tro_entered_on"),
]


@pytest.mark.parametrize(("data", "field"), BAD)
def test_bad_case_facts_are_refused_with_nothing_written(cast, served, data, field):
    client = signed_in(cast.users["entitled"])
    before = database_fingerprint()
    response = put(client, a("alpha", f"deadlines/reports/{served.pk}/facts/"), data)
    assert response.status_code == 400
    assert field in error(response)["fields"]
    assert database_fingerprint() == before


def test_override_needs_a_reason(cast, answer):
    client = signed_in(cast.users["entitled"])
    before = database_fingerprint()
    response = post(client, a("alpha", f"deadlines/{answer.pk}/override/"), {"due_on": "2026-08-03", "reason": ""})
    assert response.status_code == 400
    assert list(error(response)["fields"]) == ["reason"]
    assert database_fingerprint() == before


def test_errors_in_chinese(cast, served):
    client = signed_in(cast.users["entitled"], "zh-hans")
    response = put(client, a("alpha", f"deadlines/reports/{served.pk}/facts/"), {"waiver_requested": True})
    body = error(response)
    with translation.override("zh-hans"):
        assert body["message"] == gettext("Some fields need attention.")
        assert body["fields"]["waiver_sent_on"] == [
            gettext("Enter the date the waiver request was sent: the time to answer runs from it.")
        ]
    assert body["message"] != "Some fields need attention."  # the API's own message is already in Chinese


def test_amended_complaint_served_by_mail_gets_rule_6d(cast, served):
    client = signed_in(cast.users["entitled"])
    url = a("alpha", f"deadlines/reports/{served.pk}/facts/")
    response = put(client, url, {"amended_served_on": "2026-06-30", "amended_service_method": "r5_mail"})
    deadlines = {d["rule"]: d for d in response.json()["deadlines"]}
    amended = deadlines["frcp15a3_amended"]
    # 14 days: Tuesday 14 July; + 3 (FRCP 6(d), mail): Friday 17 July 2026.
    assert amended["effective_on"] == date(2026, 7, 17).isoformat()
    assert "add_6d" in [step["code"] for step in amended["steps"]]
