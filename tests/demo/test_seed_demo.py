"""seed_demo: a demo world with every role and reports in every state, idempotent, refusing production by
default."""

from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import RequestFactory
from rest_framework.test import APIRequestFactory

from accounts.api_keys import ApiKeyAuthentication
from accounts.models import ApiKey, User
from accounts.tokens import API_KEY_PATTERN
from audit.models import AuditEvent
from demo import costs, counsel, data
from demo.credentials import DEMO_API_KEY, DEMO_PASSWORD, MAIN, OTHER
from sharing.costs.models import Expense, Share
from sharing.counsel import selectors as counsel_selectors
from sharing.counsel.models import LawFirm
from sharing.defense.models import DefenseGroup
from sharing.reports import selectors
from sharing.reports.choices import ReportKind, ReportStatus, VersionStatus
from sharing.reports.models import Report, ReturnReason, SharedVersion
from tenancy.access import NoAccess, Role, associations_for_user, resolve_access
from tenancy.models import Company, Industry, Membership, MembershipStatus
from tests.permission_matrix import database_fingerprint

pytestmark = pytest.mark.django_db


# What each demo sign-in may do: association slug -> roles, for every association they can enter.
EXPECTED_ACCESS = {
    "admin@sccea.example": {MAIN: {Role.ASSOCIATION_ADMIN}},
    "moderator@yuntu-trade.example": {MAIN: {Role.MODERATOR, Role.COMPANY_MEMBER}},
    "admin@lianxun-mobile.example": {MAIN: {Role.COMPANY_ADMIN}},
    "member@lianxun-mobile.example": {MAIN: {Role.COMPANY_MEMBER}},
    "counsel@harbor-pine-law.example": {MAIN: {Role.COUNSEL}},
    "admin@ruifeng-molding.example": {MAIN: {Role.COMPANY_ADMIN}, OTHER: {Role.COMPANY_ADMIN}},
    "admin@qiaomu-outdoor.example": {},
    "admin@yinxiang-audio.example": {},
    "admin@nsaea.example": {OTHER: {Role.ASSOCIATION_ADMIN}},
}


@pytest.fixture
def seeded(settings):
    settings.DEBUG = True
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def test_a_second_run_changes_nothing(seeded):
    assert "Demo data created" in seeded
    before = database_fingerprint()
    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert database_fingerprint() == before
    assert "nothing changed" in out.getvalue()


def test_every_sign_in_uses_the_demo_password_and_gets_exactly_its_roles(seeded):
    assert {email for _, email, _ in data.SIGN_INS} == set(EXPECTED_ACCESS)
    for email, expected in EXPECTED_ACCESS.items():
        request = RequestFactory().post("/accounts/login/")
        user = authenticate(request=request, username=email, password=DEMO_PASSWORD)
        assert user is not None, f"{email} cannot sign in with the demo password"
        assert {a.slug for a in associations_for_user(user)} == set(expected), email
        for slug in (MAIN, OTHER):
            if slug in expected:
                assert resolve_access(slug=slug, user=user).roles == expected[slug], (email, slug)
            else:
                with pytest.raises(NoAccess):
                    resolve_access(slug=slug, user=user)


def test_the_demo_key_authenticates_and_reaches_only_the_main_association(seeded):
    assert API_KEY_PATTERN.match(DEMO_API_KEY)
    request = APIRequestFactory().get("/", HTTP_AUTHORIZATION=f"Bearer {DEMO_API_KEY}")
    partner_user, api_key = ApiKeyAuthentication().authenticate(request)
    assert partner_user.display_name == data.PARTNER_NAME
    assert resolve_access(slug=MAIN, api_key=api_key).roles == {Role.PARTNER}
    with pytest.raises(NoAccess):
        resolve_access(slug=OTHER, api_key=api_key)
    assert AuditEvent.objects.filter(action="api_key.create", target_id=str(api_key.pk)).exists()
    assert ApiKey.objects.count() == 1


def test_companies_are_fictional_complete_and_cover_the_industries(seeded):
    companies = list(Company.objects.all())
    assert len(companies) >= 12
    assert {c.industry for c in companies} >= {
        Industry.MOBILE,
        Industry.ELECTRONICS,
        Industry.MANUFACTURING,
        Industry.RETAIL,
    }
    for company in companies:
        assert company.legal_name_zh and company.aliases and company.trademarks and company.store_names
        assert all(d.endswith((".example", ".test")) for d in company.web_domains), company
        users = list(company.users.all())
        assert users and all(company.group in u.groups.all() for u in users), company
    assert all(u.email.endswith((".example", ".test")) for u in User.objects.all())


def test_memberships_went_through_the_services(seeded):
    statuses = list(Membership.objects.filter(association__slug=MAIN).values_list("status", flat=True))
    assert statuses.count(MembershipStatus.PENDING) == 1
    assert statuses.count(MembershipStatus.SUSPENDED) == 1
    assert statuses.count(MembershipStatus.ACTIVE) >= 9
    suspended = Membership.objects.get(association__slug=MAIN, status=MembershipStatus.SUSPENDED)
    actions = AuditEvent.objects.filter(target_type="tenancy.membership", target_id=str(suspended.pk))
    assert sorted(actions.values_list("action", flat=True)) == [
        "membership.apply",
        "membership.approve",
        "membership.suspend",
    ]


def test_the_output_tells_how_to_sign_in_as_each_role_and_call_the_api(seeded):
    assert DEMO_PASSWORD in seeded
    for _, email, _ in data.SIGN_INS:
        assert email in seeded
    assert f"Authorization: Bearer {DEMO_API_KEY}" in seeded
    assert f"/api/v1/a/{MAIN}/partner/whoami/" in seeded


def test_it_refuses_to_run_without_debug_unless_forced(settings):
    settings.DEBUG = False
    before = database_fingerprint()
    with pytest.raises(CommandError, match="DEBUG=1"):
        call_command("seed_demo", stdout=StringIO())
    assert database_fingerprint() == before
    call_command("seed_demo", "--force", stdout=StringIO())
    assert Company.objects.count() == len(data.COMPANIES)


def _report(key: str) -> Report:
    return Report.objects.get(idempotency_key=data.report_key(key))


def test_reports_of_every_kind_in_every_state_of_moderation(seeded):
    reports = Report.objects.filter(association__slug=MAIN)
    assert {r.kind for r in Report.objects.all()} == set(ReportKind.values)
    assert {r.status for r in reports} == {
        ReportStatus.PUBLISHED,
        ReportStatus.SUBMITTED,
        ReportStatus.RETURNED,
        ReportStatus.DRAFT,
    }
    assert reports.values("company").distinct().count() >= 6
    member = resolve_access(slug=MAIN, user=User.objects.get(email="member@lianxun-mobile.example"))
    published = selectors.published_versions(member)
    assert published.count() == sum(
        1 for spec in data.REPORTS if spec.association == MAIN and spec.status == ReportStatus.PUBLISHED
    )
    assert not published.filter(report__association__slug=OTHER).exists()
    moderator = resolve_access(slug=MAIN, user=User.objects.get(email=data.DECIDED_BY[MAIN]))
    assert selectors.moderation_queue(moderator).count() == 2


def test_reports_went_through_the_services(seeded):
    for report in Report.objects.select_related("company__group"):
        actions = set(AuditEvent.objects.filter(target_id=str(report.pk)).values_list("action", flat=True))
        assert "report.create" in actions, report
        grants = report.reportgroupobjectpermission_set.filter(group=report.company.group)
        assert set(grants.values_list("permission__codename", flat=True)) == {"view_report", "change_report"}
    decisions = AuditEvent.objects.filter(action__in=["report.approve", "report.return"])
    assert decisions.count() == SharedVersion.objects.exclude(status=VersionStatus.PENDING).count()


def test_shared_versions_show_the_redactions_and_never_their_company(seeded):
    versions = SharedVersion.objects.select_related("report__company")
    assert versions.count() == sum(1 for spec in data.REPORTS if spec.status != ReportStatus.DRAFT)
    for version in versions:
        company = version.report.company
        assert "[MEMBER]" in version.narrative, company
        shared = version.narrative.casefold()
        for term in [*company.identity_terms(), *version.report.extra_redactions]:
            assert term.casefold() not in shared, (company, term)
        raw = version.report
        for identifier in [raw.docket_number, *raw.seller_ids, *raw.listing_ids, *raw.product_models]:
            assert not identifier or identifier.casefold() not in shared, (company, identifier)


def test_two_members_face_the_same_plaintiff_under_different_spellings_and_the_same_case(seeded):
    lianxun, guangyao, jingdian = (_report(f"{name}-schedule-a") for name in ("lianxun", "guangyao", "jingdian"))
    assert lianxun.plaintiff_name != guangyao.plaintiff_name != jingdian.plaintiff_name
    assert lianxun.plaintiff_id == guangyao.plaintiff_id == jingdian.plaintiff_id
    assert lianxun.plaintiff.aliases.count() == 2  # its name, and the brand of "d/b/a LumenCraft"
    assert selectors.report_links(lianxun) == {"same_plaintiff": 2, "same_case": 1}
    assert selectors.report_links(jingdian) == {"same_plaintiff": 2, "same_case": 0}


def test_a_returned_report_carries_bilingual_reasons_from_the_templates(seeded):
    reasons = ReturnReason.objects.filter(association__slug=MAIN)
    assert reasons.count() == len(data.RETURN_REASONS)
    assert all(reason.text_en and reason.text_zh for reason in reasons)
    returned = Report.objects.get(status=ReportStatus.RETURNED)
    version = returned.versions.get()
    assert version.status == VersionStatus.RETURNED and version.decision_note
    assert version.return_reasons == [
        {"en": reason.text_en, "zh-hans": reason.text_zh} for reason in reasons.filter(title="Identifying details")
    ]


def test_the_counsel_network_shows_ratings_past_the_threshold_only(seeded):
    harbor = LawFirm.objects.get(name_en=counsel.HARBOR)
    lakeview = LawFirm.objects.get(name_en=counsel.LAKEVIEW)
    assert harbor.verified_at is not None and harbor.reviewing_companies == 5 and harbor.rating is not None
    assert lakeview.reviewing_companies == 2 and lakeview.rating is None
    assert counsel_selectors.published_reviews(lakeview).count() == 0
    assert counsel_selectors.published_reviews(harbor).count() == 5
    lawyer = User.objects.get(email="counsel@harbor-pine-law.example")
    assert harbor.attorneys.filter(user=lawyer).exists()
    shared = " ".join(counsel_selectors.published_reviews(harbor).values_list("shared_text", flat=True))
    assert "Lianxun" not in shared  # the review named its own company: redacted


def test_a_joint_defense_shares_its_costs_to_the_cent(seeded):
    group = DefenseGroup.objects.get(name=costs.GROUP)
    version = group.cost_versions.get()
    assert version.in_force_at is not None and version.method == "base_weighted"
    expenses = Expense.objects.filter(group=group)
    assert expenses.count() == 2 and expenses.filter(invoice__number="HP-2026-0107").exists()
    for expense in expenses:
        assert sum(expense.shares.values_list("cents", flat=True)) == expense.cents
    smallest = User.objects.get(email=costs.MEMBERS[1]).company
    assert sum(Share.objects.filter(group=group, company=smallest).values_list("cents", flat=True)) <= 250000
