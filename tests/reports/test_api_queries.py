"""The report lists cost the same number of SQL queries for 1 row as for 50, filters applied; cursors follow the
chosen sort; filters reach the list through the API."""

from datetime import date
from decimal import Decimal
from urllib.parse import urlencode

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.api.calls import a, bearer
from tests.factories import PartnerFactory, api_key_for, published_report
from tests.reports.api_helpers import (
    MODERATION,
    OWN,
    REPORTS,
    another_reporter_access,
    draft,
    pending,
    published,
    signed_in,
)

pytestmark = pytest.mark.django_db

FILTERS = {
    "kind": "district_patent",
    "forum": "txed",
    "right": "utility",
    "patent": "US 10,123,456 B2",
    "industry": "electronics",
    "product_category": "lighting",
    "stage": "served",
    "outcome": "pending",
    "law_firm": "rabicoff",
    "filed_after": "2026-01-01",
    "filed_before": "2026-12-31",
    "q": "Rabicoff",
    "sort": "oldest",
    "page_size": "50",
}


def counted(client, url, **extra):
    client.get(url, **extra)  # warm up: first-request bookkeeping (a key's last use, the session) is not the list's
    cache.clear()  # the list itself is counted, not the answer kept from the warm-up (tenancy.kept_lists)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **extra)
    assert response.status_code == 200, response.content
    return len(queries), response.json()


@pytest.mark.parametrize("reader", ["member", "partner"])
def test_published_list_queries_do_not_grow_with_rows(cast, reader):
    _, first = published(cast)
    filters = {**FILTERS, "plaintiff": first.plaintiff_id}
    url = f"{REPORTS}?{urlencode(filters)}"
    if reader == "partner":
        client, extra = Client(), bearer(api_key_for(PartnerFactory(association=cast.association))[1])
    else:
        client, extra = signed_in(cast.users["not_entitled"]), {}
    one, page = counted(client, url, **extra)
    assert [item["id"] for item in page["results"]] == [first.pk]
    for _ in range(49):
        published(cast)
    published(cast, kind="letter", forum="none")  # filtered out
    fifty, page = counted(client, url, **extra)
    assert len(page["results"]) == 50 and page["next"] is None
    assert fifty == one, f"{one} queries for 1 row, {fifty} for 50"


def test_published_detail_queries_do_not_grow_with_similar_reports(cast):
    _, version = published(cast)
    client = signed_in(cast.users["not_entitled"])
    url = a("alpha", f"reports/{version.pk}/")
    other = another_reporter_access(cast)
    published_report(other, moderator=cast.users["moderator"])
    one, detail = counted(client, url)
    assert len(detail["similar"]) == 1
    for _ in range(8):
        published_report(other, moderator=cast.users["moderator"])
    nine, detail = counted(client, url)
    assert len(detail["similar"]) == 9 and nine == one


def test_moderation_queue_queries_do_not_grow_with_rows(cast):
    pending(cast)
    client = signed_in(cast.users["moderator"])
    one, _ = counted(client, MODERATION)
    for _ in range(19):
        pending(cast)
    twenty, queue = counted(client, MODERATION)
    assert len(queue["results"]) == 20 and twenty == one


def test_own_list_queries_do_not_grow_with_rows(cast):
    draft(cast)
    client = signed_in(cast.users["entitled"])
    one, _ = counted(client, OWN)
    for _ in range(19):
        draft(cast)
    twenty, reports = counted(client, OWN)
    assert len(reports["results"]) == 20 and twenty == one


@pytest.mark.parametrize("sort", ["newest", "oldest"])
def test_cursor_pages_follow_the_sort(cast, sort):
    versions = [published(cast)[1] for _ in range(5)]
    expected = [v.pk for v in (versions if sort == "oldest" else reversed(versions))]
    client = signed_in(cast.users["not_entitled"])
    seen, url = [], f"{REPORTS}?sort={sort}&page_size=2&kind=district_patent"
    while url:
        page = client.get(url).json()
        seen += [item["id"] for item in page["results"]]
        url = page["next"]
        assert url is None or f"sort={sort}" in url
    assert seen == expected


def test_filters_reach_the_list(cast):
    _, lamp = published(cast)
    _, charger = published(
        cast,
        kind="schedule_a",
        forum="ilnd",
        plaintiff_name="Voltix Brands Inc.",
        patents=["D987,654"],
        product_category="phones",
        filed_on=date(2025, 11, 3),
        served_on=None,
        response_due_on=None,
        stage="tro",
    )
    client = signed_in(cast.users["not_entitled"])

    def found(**params):
        return {item["id"] for item in client.get(f"{REPORTS}?{urlencode(params)}").json()["results"]}

    assert found() == {lamp.pk, charger.pk}
    assert found(kind="schedule_a") == {charger.pk}
    assert found(patent="10123456") == {lamp.pk}
    assert found(patent="USD0987654S") == {charger.pk}
    assert found(right="design") == {lamp.pk, charger.pk}
    assert found(filed_before="2025-12-31") == {charger.pk}
    assert found(plaintiff=charger.plaintiff_id) == {charger.pk}
    assert found(law_firm="RABICOFF LAW") == {lamp.pk, charger.pk}
    assert found(q="voltix") == {charger.pk}


def test_published_report_shape(cast):
    _, version = published(cast, settlement_amount=Decimal("12000.50"), narrative="Settled after the TRO.")
    item = signed_in(cast.users["not_entitled"]).get(REPORTS).json()["results"][0]
    assert item == {
        "id": version.pk,
        "revision": 1,
        "kind": "district_patent",
        "kind_label": "US district court patent suit",
        "forum": "txed",
        "forum_label": "E.D. Tex. (Eastern District of Texas)",
        "plaintiff": {"id": version.plaintiff_id, "name": "Lumen Holdings, LLC", "classification": "unknown"},
        "law_firm": "Rabicoff Law LLC",
        "rights": [
            {"type": "utility", "key": "10123456", "display": "US 10,123,456"},
            {"type": "design", "key": "D765432", "display": "US D765,432"},
        ],
        "product_category": "lighting",
        "product_category_label": "Lighting",
        "industry": "electronics",
        "industry_label": "Electronics",
        "stage": "served",
        "stage_label": "Served",
        "outcome": "pending",
        "outcome_label": "Pending",
        "notice_month": None,
        "filed_month": "2026-03",
        "served_month": "2026-03",
        "currency": "USD",
        "damages_band": "1m",
        "settlement_band": "10k",
        "frozen_band": None,
        "defense_cost_band": None,
        "narrative": "Settled after the TRO.",
        "published_on": timezone.localdate(version.published_at).isoformat(),
    }
