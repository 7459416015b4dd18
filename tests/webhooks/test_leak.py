"""What webhooks carry passes the reports' leak test: no event payload, delivered body or delivery log names the
reporting company (tests/reports/test_leak.py's recognisable company and its terms)."""

import json

import pytest
from django.test import Client

from sharing.reports import services as report_services
from sharing.reports.models import SharedVersion
from sharing.webhooks.models import Event
from sharing.webhooks.services import deliver_due
from tests.factories import cast_published_report
from tests.reports.test_leak import assert_clean, identity_terms
from tests.reports.test_leak import world as world  # the fixture: a recognisable company's reports
from tests.webhooks.conftest import subscribe

pytestmark = pytest.mark.django_db

EVERY_EVENT = ["report.published", "report.updated", "report.withdrawn", "campaign.formed", "campaign.grown"]


@pytest.fixture
def subscribed(cast, receiver, partner_access, company_admin_access):
    """Before the world's reports: a partner and another company (the cast's entitled one) subscribe to all."""
    partner, _ = subscribe(partner_access[0], receiver.url, events=EVERY_EVENT)
    company, _ = subscribe(company_admin_access, receiver.url, events=EVERY_EVENT)
    return partner, company


def test_payloads_bodies_and_logs_hold_no_reporter_identity(cast, receiver, partner_access, subscribed, world):
    company, people = world
    terms = identity_terms(company, people)
    cast_published_report(cast, kind="schedule_a", forum="ilnd")  # the same plaintiff: a campaign forms
    published = SharedVersion.objects.get(report__company=company, status="published").report
    report_services.report_withdraw(report=published, actor=people[0])
    deliver_due()
    types = {event.type for event in Event.objects.all()}
    assert {"report.published", "campaign.formed", "report.withdrawn"} <= types, types
    assert receiver.requests, "nothing was delivered"
    for event in Event.objects.all():
        assert_clean(json.dumps(event.payload, ensure_ascii=False), terms, f"payload of {event.type}")
    for request in receiver.requests:
        assert_clean(request.body.decode() + json.dumps(request.headers), terms, "a delivered webhook")
    _, key = partner_access
    client = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
    partner_subscription = subscribed[0]
    for url in ("/api/v1/a/alpha/webhooks/", f"/api/v1/a/alpha/webhooks/{partner_subscription.pk}/deliveries/"):
        response = client.get(url)
        assert response.status_code == 200
        assert_clean(response.content.decode(), terms, url)
