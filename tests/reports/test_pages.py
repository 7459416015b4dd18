"""Every report page, as every member of the cast, and what the pages show: filters, months and bands,
placeholders, links, navigation. Pages fit the Content Security Policy like every other page."""

import re
from decimal import Decimal
from pathlib import Path

import pytest

from sharing.reports import services
from sharing.reports.models import ReturnReason
from tenancy.access import resolve_access
from tests.factories import company_user, member_company, published_report, report_data
from tests.reports.page_helpers import URL, as_moderator, draft_report, published, signed_in, submitted_report
from tests.web.helpers import COMPANY_OK, MEMBERS_OK, expect, matrix, page_text
from tests.web.test_templates import problems

pytestmark = pytest.mark.django_db

REPORTER_OK = expect(entitled=200)
STAFF_OK = expect(entitled=200, moderator=200, admin=200)
TEMPLATES = sorted((Path(__file__).resolve().parents[2] / "sharing/reports/templates").glob("**/*.html"))


@pytest.mark.parametrize(
    "query",
    ["", "?kind=district_patent&sort=oldest", "?q=lumen&patent=10,123,456&filed_after=2026-01", "?page=9"],
)
def test_published_list_for_everyone_in_the_association(cast, query):
    published(cast)
    matrix(cast, lambda c: c.get(URL + query), MEMBERS_OK)


def test_published_detail_for_everyone_in_the_association(cast):
    _report, version = published(cast)
    matrix(cast, lambda c: c.get(f"{URL}{version.pk}/"), MEMBERS_OK)


def test_a_version_not_published_is_not_found_by_anyone(cast):
    _report, version = submitted_report(cast)
    matrix(cast, lambda c: c.get(f"{URL}{version.pk}/"), expect())


def test_plaintiff_suggestions_for_everyone_in_the_association(cast):
    published(cast, plaintiff_name="Lumen Holdings, LLC")
    responses = matrix(cast, lambda c: c.get(f"{URL}plaintiffs/?q=lumen"), MEMBERS_OK)
    names = [item["name"] for item in responses["not_entitled"].json()]
    assert names == ["Lumen Holdings, LLC"]
    assert set(responses["not_entitled"].json()[0]) == {"id", "name"}


@pytest.mark.parametrize("path", ["mine/", "mine/new/"])
def test_own_list_and_new_report_for_company_people(cast, path):
    draft_report(cast)
    matrix(cast, lambda c: c.get(URL + path), COMPANY_OK)


@pytest.mark.parametrize("path", ["mine/{id}/", "mine/{id}/edit/"])
def test_own_report_pages_only_for_the_reporting_company(cast, path):
    report = draft_report(cast)
    matrix(cast, lambda c: c.get(URL + path.format(id=report.pk)), REPORTER_OK)


def test_own_report_of_a_colleague_is_readable_by_the_whole_company(cast):
    report = draft_report(cast)
    colleague = company_user(cast.users["entitled"].company)
    assert signed_in(colleague).get(f"{URL}mine/{report.pk}/").status_code == 200


@pytest.mark.parametrize(
    "path", ["moderation/", "moderation/{version}/", "moderation/reasons/", "moderation/reasons/{reason}/"]
)
def test_moderation_pages_for_moderators_and_association_admins(cast, path):
    _report, version = submitted_report(cast)
    reason = ReturnReason.objects.create(association=cast.association, title="t", text_en="e", text_zh="z")
    url = URL + path.format(version=version.pk, reason=reason.pk)
    matrix(cast, lambda c: c.get(url), STAFF_OK, overrides=as_moderator(cast))


def test_a_decided_version_leaves_the_moderation_pages(cast):
    _report, version = published(cast)
    matrix(cast, lambda c: c.get(f"{URL}moderation/{version.pk}/"), expect(), overrides=as_moderator(cast))


def test_ids_of_another_association_are_not_found(cast):
    """Association B's report, version and reason through A's URLs: the same 404 as anything unknown."""
    bravo_reporter = company_user(member_company(cast.other_association), role="admin")
    bravo_access = resolve_access(slug="bravo", user=bravo_reporter)
    report, version = published_report(bravo_access, moderator=cast.users["other_association"])
    reason = ReturnReason.objects.create(association=cast.other_association, title="t", text_en="e", text_zh="z")
    for path in (f"{version.pk}/", f"mine/{report.pk}/", f"mine/{report.pk}/edit/", f"moderation/reasons/{reason.pk}/"):
        matrix(cast, lambda c, path=path: c.get(URL + path), expect(), overrides=as_moderator(cast))


def test_the_list_shows_shared_fields_months_and_keeps_filters_across_pages(cast, monkeypatch):
    monkeypatch.setattr("web.pagination.PAGE_SIZE", 2)
    for stage in ("served", "discovery", "trial"):
        published(cast, stage=stage, trademarks=["5,123,456"], copyright=True)
    page = page_text(signed_in(cast.users["not_entitled"]).get(URL + "?kind=district_patent&sort=newest"))
    assert "3 reports" in page and "Page 1 of 2" in page
    assert 'href="?kind=district_patent&amp;sort=newest&amp;page=2"' in page
    assert "US 10,123,456, US D765,432, Reg. No. 5,123,456, Copyright" in page
    assert "March 2026" in page and "Lumen Holdings, LLC" in page and "E.D. Tex." in page
    assert 'type="month"' in page and 'name="q"' in page


def test_the_detail_shows_months_bands_placeholders_and_similar_reports(cast):
    narrative = "The examiner <b>never</b> called; write to info@lumen-ip.example."
    _report, version = published(cast, narrative=narrative, settlement_amount=Decimal("60000"), frozen_funds=None)
    _other, similar = published(cast, plaintiff_name="LUMEN HOLDINGS L.L.C.", patents=["D765432"])
    page = page_text(signed_in(cast.users["not_entitled"]).get(f"{URL}{version.pk}/"))
    assert "<dd>March 2026</dd>" in page
    assert "<dd>USD 1 million to 4.99 million</dd>" in page and "<dd>USD 50,000 to 249,999</dd>" in page
    assert '<mark class="placeholder">[EMAIL]</mark>' in page
    assert "&lt;b&gt;never&lt;/b&gt;" in page and "<b>never</b>" not in page
    assert f'href="{URL}{similar.pk}/"' in page
    assert f'href="{URL}?plaintiff={version.plaintiff_id}"' in page


def test_dates_are_months_in_the_readers_language(cast):
    _report, version = published(cast)
    page = page_text(signed_in(cast.users["not_entitled"], "zh-hans").get(f"{URL}{version.pk}/"))
    assert '<html lang="zh-hans">' in page and "三月 2026" in page


def test_the_own_report_page_shows_status_links_preview_and_actions(cast):
    report = draft_report(cast, narrative="Our store BrightHome Direct was frozen.")
    page = page_text(signed_in(cast.users["entitled"]).get(f"{URL}mine/{report.pk}/"))
    assert "Draft" in page and "No other member has reported this plaintiff" in page
    assert '<del class="redacted-source">BrightHome Direct</del>' in page
    assert '<mark class="placeholder">[LISTING]</mark>' in page
    for action in ("edit/", "submit/", "withdraw/"):
        assert f"{URL}mine/{report.pk}/{action}" in page
    assert f"{URL}mine/{report.pk}/archive/" not in page
    assert "disappears for every member at once" in page


def test_the_own_list_shows_status_and_a_new_report_button(cast):
    draft_report(cast)
    submitted_report(cast, plaintiff_name="Acme Patents LLC")
    page = page_text(signed_in(cast.users["entitled"]).get(URL + "mine/"))
    assert f'href="{URL}mine/new/"' in page
    assert "Draft" in page and "Awaiting moderation" in page and "Acme Patents LLC" in page


def test_the_queue_shows_age_oldest_first(cast):
    submitted_report(cast, plaintiff_name="First Plaintiff Inc.")
    submitted_report(cast, plaintiff_name="Second Plaintiff Inc.")
    page = page_text(signed_in(cast.users["moderator"]).get(URL + "moderation/"))
    assert page.index("First Plaintiff") < page.index("Second Plaintiff")
    assert "submitted 0\xa0minutes ago" in page


def test_the_moderation_page_shows_reasons_and_applied_redactions(cast):
    _report, version = submitted_report(cast, narrative="Made in Cixi.")
    services.version_redact(version=version, actor=cast.users["moderator"], terms=["Cixi"])
    ReturnReason.objects.create(association=cast.association, title="Missing forum", text_en="e", text_zh="z")
    page = page_text(signed_in(cast.users["moderator"]).get(f"{URL}moderation/{version.pk}/"))
    assert "Missing forum" in page and "<li>Cixi</li>" in page
    assert '<mark class="placeholder">[REDACTED]</mark>' in page
    for decision in ("approve", "return", "reject", "redact"):
        assert f'action="{URL}moderation/{version.pk}/{decision}/"' in page


def nav(client) -> str:
    return re.search(r'<nav class="association-nav".*?</nav>', page_text(client.get("/a/alpha/")), re.S).group(0)


def test_navigation_links_follow_the_role(cast):
    reports, mine, moderation = f'href="{URL}"', f'href="{URL}mine/"', f'href="{URL}moderation/"'
    company_admin = nav(signed_in(cast.users["entitled"]))
    assert reports in company_admin and mine in company_admin and moderation not in company_admin
    moderator = nav(signed_in(cast.users["moderator"]))
    assert reports in moderator and mine in moderator and moderation in moderator
    admin = nav(signed_in(cast.users["admin"]))
    assert reports in admin and mine not in admin and moderation in admin


def test_the_report_form_loads_its_script_and_the_suggestion_list(cast):
    page = page_text(signed_in(cast.users["entitled"]).get(URL + "mine/new/"))
    assert '<script src="/static/js/report-form.js" defer></script>' in page
    assert f'data-suggest-url="{URL}plaintiffs/"' in page and 'list="plaintiff-suggestions"' in page
    assert re.search(r'name="idempotency_key" value="[0-9a-f-]{36}"', page)


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.name)
def test_template_files_fit_the_content_security_policy(path):
    assert problems(path.read_text()) == []


def test_rendered_report_pages_fit_the_content_security_policy(cast):
    report, version = published(cast, narrative="<script>alert(1)</script>")
    _pending, pending = submitted_report(cast)
    reason = ReturnReason.objects.create(association=cast.association, title="t", text_en="e", text_zh="z")
    reporter, moderator = signed_in(cast.users["entitled"]), signed_in(cast.users["moderator"])
    pages = [reporter.get(URL + path) for path in ("", f"{version.pk}/", "mine/", "mine/new/", f"mine/{report.pk}/")]
    pages.append(reporter.get(f"{URL}mine/{report.pk}/edit/"))
    for path in ("moderation/", f"moderation/{pending.pk}/", "moderation/reasons/", f"moderation/reasons/{reason.pk}/"):
        pages.append(moderator.get(URL + path))
    for response in pages:
        assert response.status_code == 200
        assert problems(page_text(response)) == []


def test_the_reporter_is_told_how_many_others_face_the_plaintiff_never_who(cast):
    report = draft_report(cast)
    services.report_submit(report=report, actor=cast.users["entitled"])
    others = [company_user(member_company(cast.association, legal_name_en=f"Co-defendant {n} Ltd."), role="admin")
              for n in range(2)]  # fmt: skip
    for n, user in enumerate(others):
        access = resolve_access(slug="alpha", user=user)
        docket = "2:26-CV-123" if n == 0 else "2:26-cv-999"
        other, _created = services.report_create(
            access=access, data=report_data(plaintiff_name="LUMEN HOLDINGS L.L.C.", docket_number=docket)
        )
        services.report_submit(report=other, actor=user)
    page = page_text(signed_in(cast.users["entitled"]).get(f"{URL}mine/{report.pk}/"))
    assert "2 other members face this plaintiff." in page and "1 other member is in the same case." in page
    assert "Co-defendant" not in page
