"""Filters and search over published reports, on PostgreSQL's full-text search and on the SQLite fallback."""

from datetime import date

import pytest
from django.http import QueryDict

from sharing.reports import selectors
from sharing.reports.filters import PublishedReportFilter
from tenancy.access import resolve_access
from tests.factories import company_user, member_company, published_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def library(cast):
    """Three published reports from three companies; returns the reader's access and the versions by name."""
    moderator = cast.users["moderator"]

    def reporter_access():
        user = company_user(member_company(cast.association), role="admin")
        return resolve_access(slug="alpha", user=user)

    _, lamps = published_report(
        reporter_access(),
        moderator=moderator,
        narrative="The complaint accuses our infringing desk lamps of copying the hinge design.",
    )
    _, chargers = published_report(
        reporter_access(),
        moderator=moderator,
        kind="schedule_a",
        forum="ilnd",
        plaintiff_name="Voltix Brands Inc. d/b/a ChargeRight",
        law_firm="Keith Vogt, Ltd.",
        patents=["US D987,654 S"],
        product_category="phones",
        filed_on=date(2025, 11, 3),
        served_on=None,
        response_due_on=None,
        stage="tro",
        damages_claimed=None,
        frozen_funds=12000,
        narrative="原告在伊利诺伊北区起诉，冻结了店铺资金。充电器外观设计专利。",  # noqa: RUF001
    )
    _, letter = published_report(
        reporter_access(),
        moderator=moderator,
        kind="letter",
        forum="none",
        plaintiff_name="LUMEN HOLDINGS, L.L.C.",
        patents=["10123456"],
        filed_on=None,
        served_on=None,
        response_due_on=None,
        stage="notice",
        narrative="A demand letter offering a licence.",
    )
    reader = resolve_access(slug="alpha", user=cast.users["not_entitled"])
    return reader, {"lamps": lamps, "chargers": chargers, "letter": letter}


def found(access, **params) -> set[int]:
    data = QueryDict(mutable=True)
    data.update(params)
    filterset = PublishedReportFilter(data, selectors.published_versions(access), association=access.association)
    assert filterset.is_valid(), filterset.errors
    return set(filterset.qs.values_list("pk", flat=True))


def ids(library, *names) -> set[int]:
    return {library[1][name].pk for name in names}


def test_one_plaintiff_under_two_spellings(library):
    access, versions = library
    assert versions["lamps"].plaintiff_id == versions["letter"].plaintiff_id
    assert found(access, plaintiff=str(versions["lamps"].plaintiff_id)) == ids(library, "lamps", "letter")


@pytest.mark.parametrize("spelling", ["US 10,123,456 B2", "10123456", "U.S. Pat. No. 10,123,456"])
def test_patent_number_in_any_spelling(library, spelling):
    assert found(library[0], patent=spelling) == ids(library, "lamps", "letter")


def test_filters(library):
    access = library[0]
    assert found(access, kind="schedule_a") == ids(library, "chargers")
    assert found(access, forum="txed") == ids(library, "lamps")
    assert found(access, right="design") == ids(library, "lamps", "chargers")
    assert found(access, law_firm="KEITH VOGT") == ids(library, "chargers")
    assert found(access, product_category="phones", stage="tro") == ids(library, "chargers")
    assert found(access, filed_after="2026-01-01") == ids(library, "lamps")
    assert found(access, filed_before="2025-12-31") == ids(library, "chargers")
    assert found(access, outcome="pending") == ids(library, "lamps", "chargers", "letter")


def test_search_english_stems_and_chinese_text(library):
    access = library[0]
    assert found(access, q="infringe lamp") == ids(library, "lamps")
    assert found(access, q="冻结") == ids(library, "chargers")
    assert found(access, q="voltix") == ids(library, "chargers")
    assert found(access, q="nothing-like-this") == set()


def test_sort_and_invalid_values(library):
    access = library[0]
    data = QueryDict("sort=oldest")
    ordered = PublishedReportFilter(data, selectors.published_versions(access), association=access.association).qs
    assert [v.pk for v in ordered] == sorted(v.pk for v in ordered)
    for bad in ("patent=99999999999", "kind=lawsuit", "filed_after=yesterday", "plaintiff=999999", "sort=best"):
        filterset = PublishedReportFilter(
            QueryDict(bad), selectors.published_versions(access), association=access.association
        )
        assert not filterset.is_valid(), bad


def test_withdrawn_and_foreign_reports_are_not_found(cast, library):
    from sharing.reports import services

    access, versions = library
    services.report_withdraw(report=versions["letter"].report, actor=cast.users["admin"])
    assert found(access) == ids(library, "lamps", "chargers")
    other = resolve_access(slug="bravo", user=cast.users["other_association"])
    assert found(other) == set()
