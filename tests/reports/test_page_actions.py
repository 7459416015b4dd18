"""Every report POST as every member of the cast (refused requests write nothing), then the whole flow through the
web pages: a member reports, previews, saves, submits; a moderator returns, then publishes; other members find
the report by filters and search and never read anything that names the reporter."""

import re

import pytest

from notifications.models import Notification
from sharing.reports.choices import ReportStatus, VersionStatus
from sharing.reports.models import Report, ReturnReason
from tests.factories import company_user, member_company
from tests.permission_matrix import database_fingerprint
from tests.reports.page_helpers import (
    URL,
    as_moderator,
    draft_report,
    form_data,
    published,
    signed_in,
    submitted_report,
)
from tests.web.helpers import expect, matrix, page_text

pytestmark = pytest.mark.django_db

# The entitled actor succeeds; the action is then done (or the object gone), so every later actor gets a 404.
ONCE = expect(entitled=302)
STAFF_ACTION = expect(entitled=302, moderator=302, admin=302)


def test_create_a_report_any_company_person(cast):
    """Each company person creates a draft for their own company; the association admin has no company."""
    responses = matrix(
        cast, lambda c: c.post(URL + "mine/new/", form_data()), expect(not_entitled=302, entitled=302, moderator=302),
        write=True,
    )  # fmt: skip
    reports = Report.objects.all()
    assert {report.company_id for report in reports} == {
        cast.users[actor].company_id for actor in ("not_entitled", "entitled", "moderator")
    }
    entitled = reports.get(company=cast.users["entitled"].company)
    assert responses["entitled"]["Location"] == f"{URL}mine/{entitled.pk}/"
    assert entitled.status == ReportStatus.DRAFT and entitled.created_by == cast.users["entitled"]


def test_preview_saves_nothing(cast):
    before = database_fingerprint()
    data = {**form_data(plaintiff_name="A Brand New Plaintiff Corp."), "preview": "1"}
    response = signed_in(cast.users["entitled"]).post(URL + "mine/new/", data)
    assert response.status_code == 200 and "Preview of the shared version" in page_text(response)
    assert database_fingerprint() == before


def test_preview_of_changes_only_for_the_reporting_company_and_saves_nothing(cast):
    report = draft_report(cast)
    url = f"{URL}mine/{report.pk}/edit/"
    before = database_fingerprint()
    responses = matrix(cast, lambda c: c.post(url, {**form_data(stage="trial"), "preview": "1"}), expect(entitled=200))
    assert "<dd>Trial or hearing</dd>" in page_text(responses["entitled"])
    assert database_fingerprint() == before


def test_edit_a_report_only_the_reporting_company(cast):
    report = draft_report(cast)
    url = f"{URL}mine/{report.pk}/edit/"
    matrix(cast, lambda c: c.post(url, form_data(stage="discovery")), ONCE, write=True)
    report.refresh_from_db()
    assert report.stage == "discovery" and report.status == ReportStatus.DRAFT


def test_submit_a_report(cast):
    report = draft_report(cast)
    matrix(cast, lambda c: c.post(f"{URL}mine/{report.pk}/submit/"), ONCE, write=True)
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED and report.versions.get().status == VersionStatus.PENDING


def test_withdraw_a_report(cast):
    report, version = published(cast)
    matrix(cast, lambda c: c.post(f"{URL}mine/{report.pk}/withdraw/"), ONCE, write=True)
    version.refresh_from_db()
    assert version.status == VersionStatus.WITHDRAWN
    reader = signed_in(cast.users["not_entitled"])
    assert reader.get(f"{URL}{version.pk}/").status_code == 404
    assert "No published report matches." in page_text(reader.get(URL))


def test_archive_a_published_report(cast):
    report, version = published(cast)
    matrix(cast, lambda c: c.post(f"{URL}mine/{report.pk}/archive/"), ONCE, write=True)
    report.refresh_from_db()
    assert report.status == ReportStatus.ARCHIVED
    assert signed_in(cast.users["not_entitled"]).get(f"{URL}{version.pk}/").status_code == 200


def test_an_action_the_status_refuses_is_a_message_not_a_write(cast):
    report = draft_report(cast)
    client = signed_in(cast.users["entitled"])
    before = database_fingerprint()
    response = client.post(f"{URL}mine/{report.pk}/archive/", follow=True)
    assert "Only a published report can be archived." in page_text(response)
    assert database_fingerprint() == before


def test_actions_are_post_only(cast):
    report = draft_report(cast)
    client = signed_in(cast.users["entitled"])
    for action in ("submit", "withdraw", "archive"):
        assert client.get(f"{URL}mine/{report.pk}/{action}/").status_code == 405


@pytest.mark.parametrize(
    ("decision", "data", "version_status"),
    [
        ("approve", {}, VersionStatus.PUBLISHED),
        ("return", {"return-note": "Name the product category."}, VersionStatus.RETURNED),
        ("reject", {"reject-note": "Not a lawsuit."}, VersionStatus.REJECTED),
    ],
)
def test_moderation_decisions(cast, decision, data, version_status):
    """The entitled (second) moderator decides; the cast's moderator and admin then find nothing pending."""
    _report, version = submitted_report(cast)
    url = f"{URL}moderation/{version.pk}/{decision}/"
    responses = matrix(cast, lambda c: c.post(url, data), ONCE, write=True, overrides=as_moderator(cast))
    assert responses["entitled"]["Location"] == f"{URL}moderation/"
    version.refresh_from_db()
    assert version.status == version_status


def test_moderators_redact_a_pending_version(cast):
    _report, version = submitted_report(cast, narrative="The factory in Cixi made it; Ningbo too.")
    url = f"{URL}moderation/{version.pk}/redact/"
    responses = matrix(
        cast, lambda c: c.post(url, {"redact-terms": "Cixi\nNingbo"}), STAFF_ACTION, write=True,
        overrides=as_moderator(cast),
    )  # fmt: skip
    assert responses["entitled"]["Location"] == f"{URL}moderation/{version.pk}/"
    version.refresh_from_db()
    assert version.narrative == "The factory in [REDACTED] made it; [REDACTED] too."
    assert version.moderator_redactions == ["Cixi", "Ningbo"]


def test_moderators_classify_the_plaintiff(cast):
    _report, version = submitted_report(cast)
    url = f"{URL}moderation/{version.pk}/classify/"
    responses = matrix(
        cast, lambda c: c.post(url, {"classify-classification": "university"}), STAFF_ACTION, write=True,
        overrides=as_moderator(cast),
    )  # fmt: skip
    assert responses["entitled"]["Location"] == f"{URL}moderation/{version.pk}/"
    version.plaintiff.refresh_from_db()
    assert version.plaintiff.classification == "university"


def test_an_unknown_decision_is_a_404_even_for_moderators(cast):
    _report, version = submitted_report(cast)
    url = f"{URL}moderation/{version.pk}/publish-everything/"
    matrix(cast, lambda c: c.post(url), expect(), write=True, overrides=as_moderator(cast))


def test_decisions_are_post_only(cast):
    _report, version = submitted_report(cast)
    assert signed_in(cast.users["moderator"]).get(f"{URL}moderation/{version.pk}/approve/").status_code == 405


def test_create_a_return_reason(cast):
    data = {"title": "Missing forum", "text_en": "Name the court.", "text_zh": "请写明法院。"}
    matrix(cast, lambda c: c.post(URL + "moderation/reasons/", data), STAFF_ACTION, write=True,
           overrides=as_moderator(cast))  # fmt: skip
    assert ReturnReason.objects.filter(association=cast.association, title="Missing forum").count() == 3


def test_edit_a_return_reason(cast):
    reason = ReturnReason.objects.create(association=cast.association, title="Old", text_en="e", text_zh="z")
    data = {"title": "New", "text_en": "Name the court.", "text_zh": "请写明法院。"}
    url = f"{URL}moderation/reasons/{reason.pk}/"
    matrix(cast, lambda c: c.post(url, data), STAFF_ACTION, write=True, overrides=as_moderator(cast))
    reason.refresh_from_db()
    assert (reason.title, reason.text_zh) == ("New", "请写明法院。")


def test_delete_a_return_reason(cast):
    reason = ReturnReason.objects.create(association=cast.association, title="Old", text_en="e", text_zh="z")
    url = f"{URL}moderation/reasons/{reason.pk}/delete/"
    matrix(cast, lambda c: c.post(url), ONCE, write=True, overrides=as_moderator(cast))
    assert not ReturnReason.objects.filter(pk=reason.pk).exists()


# The whole flow ---------------------------------------------------------------------------------------------

NARRATIVE = (
    "Ningbo Glow Lighting Co., Ltd. (GlowTech, brand LUMIGLOW) was hit by a preliminary injunction.\n"
    "Wang Fang (wang.fang@glowlight.cn, +86 574 8765 4321) saw our store BrightHome Direct, seller A2XYZ123SELLER "
    "and listing B0ABCDEFGH frozen in 2:26-cv-00123-JRG; see https://glowlight.cn/notice.\n"
    "宁波辉光照明有限公司的店铺被冻结。"
)


@pytest.fixture
def glow(cast):
    """A reporter whose every identity term is distinctive, so that finding one on a page can only be a leak."""
    company = member_company(
        cast.association,
        legal_name_en="Ningbo Glow Lighting Co., Ltd.",
        legal_name_zh="宁波辉光照明有限公司",
        aliases=["GlowTech"],
        trademarks=["LUMIGLOW"],
        store_names=["BrightHome Direct"],
        web_domains=["glowlight.cn"],
        industry="manufacturing",
    )
    reporter = company_user(company, role="admin", display_name="Wang Fang", email="wang.fang@glowlight.cn")
    colleague = company_user(company, display_name="Li Qiang", email="li.qiang@glowlight.cn")
    terms = [*company.identity_terms(), "Ningbo Glow Lighting", "2:26-cv-00123", "A2XYZ123SELLER", "B0ABCDEFGH"]
    terms += [user.display_name for user in (reporter, colleague)] + [user.email for user in (reporter, colleague)]
    return reporter, terms


def assert_no_identity(response, terms):
    page = page_text(response).casefold()
    leaked = [term for term in terms if term.casefold() in page]
    assert not leaked, f"{response.request['PATH_INFO']} shows {leaked}"


def test_the_whole_flow_through_the_web(cast, glow):
    reporter, identity = glow
    client = signed_in(reporter)
    form = client.get(URL + "mine/new/")
    key = re.search(r'name="idempotency_key" value="([0-9a-f-]{36})"', page_text(form)).group(1)
    assert 'value="manufacturing" selected' in page_text(form)  # the company's industry by default
    data = {
        **form_data(
            narrative=NARRATIVE,
            docket_number="2:26-cv-00123-JRG",
            industry="manufacturing",
            extra_redactions=["Ningbo"],
            product_models=["GL-200"],
        ),
        "idempotency_key": key,
    }

    # Preview: every redaction marked, nothing saved.
    preview = page_text(client.post(URL + "mine/new/", {**data, "preview": "1"}))
    assert '<del class="redacted-source">GlowTech</del>' in preview
    assert '<mark class="placeholder">[EMAIL]</mark>' in preview and "[DOCKET]" in preview
    assert "<dd>USD 1 million to 4.99 million</dd>" in preview and "<dd>March 2026</dd>" in preview
    assert not Report.objects.exists()

    # Save (twice, as a double click would), then submit.
    first = client.post(URL + "mine/new/", {**data, "save": "1"})
    again = client.post(URL + "mine/new/", {**data, "save": "1"})
    report = Report.objects.get()
    assert first["Location"] == again["Location"] == f"{URL}mine/{report.pk}/"
    assert client.post(f"{URL}mine/{report.pk}/submit/")["Location"] == f"{URL}mine/{report.pk}/"
    version = report.versions.get()

    # The moderator sees the shared version only, returns it with a reason template; the reporter reads it.
    moderator = signed_in(cast.users["moderator"])
    reason = ReturnReason.objects.create(
        association=cast.association, title="Vague", text_en="Say which products.", text_zh="请说明哪些产品。"
    )
    for path in ("moderation/", f"moderation/{version.pk}/", "moderation/reasons/"):
        assert_no_identity(moderator.get(URL + path), identity)
    assert_no_identity(moderator.get("/a/alpha/notifications/"), identity)
    returned = moderator.post(f"{URL}moderation/{version.pk}/return/", {"return-reasons": [reason.pk]})
    assert returned["Location"] == f"{URL}moderation/"
    own = page_text(client.get(f"{URL}mine/{report.pk}/"))
    assert "Returned for changes" in own and "Say which products." in own
    assert "请说明哪些产品。" in page_text(signed_in(reporter, "zh-hans").get(f"{URL}mine/{report.pk}/"))

    # Edit, submit again, approve.
    client = signed_in(reporter)
    edited = client.post(f"{URL}mine/{report.pk}/edit/", {**data, "stage": "tro", "save": "1"})
    assert edited["Location"] == f"{URL}mine/{report.pk}/"
    client.post(f"{URL}mine/{report.pk}/submit/")
    version = report.versions.get(revision=2)
    assert moderator.post(f"{URL}moderation/{version.pk}/approve/")["Location"] == f"{URL}moderation/"
    assert "Published" in page_text(client.get(f"{URL}mine/{report.pk}/"))
    assert Notification.objects.filter(recipient=reporter, kind="report.published").exists()

    # Another member finds it by filters and search, and reads nothing that names the reporter.
    member = signed_in(cast.users["not_entitled"])
    detail = f'href="{URL}{version.pk}/"'
    for query in (
        f"?plaintiff={version.plaintiff_id}",
        "?patent=US+10123456+B2",
        "?law_firm=rabicoff",
        "?kind=district_patent&forum=txed&right=design&industry=manufacturing&product_category=lighting",
        "?stage=tro&outcome=pending&filed_after=2026-03&filed_before=2026-03",
        "?q=injunction",
        "?q=lumen",
    ):
        response = member.get(URL + query)
        assert detail in page_text(response), query
        assert_no_identity(response, identity)
    assert detail not in page_text(member.get(URL + "?q=nothing-like-this"))
    assert detail not in page_text(member.get(URL + "?filed_after=2026-04"))
    for response in (
        member.get(f"{URL}{version.pk}/"),
        member.get(f"{URL}plaintiffs/?q=lum"),
        member.get("/a/alpha/"),
        member.get("/a/alpha/notifications/"),
        signed_in(cast.users["admin"]).get(f"{URL}{version.pk}/"),
        moderator.get(URL + "moderation/"),
    ):
        assert response.status_code == 200
        assert_no_identity(response, identity)
    shared = page_text(member.get(f"{URL}{version.pk}/"))
    assert "[MEMBER]" in shared and "[PERSON]" in shared and "[LISTING]" in shared and "[URL]" in shared
