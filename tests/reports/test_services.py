"""Report services: saving, submitting, moderating, withdrawing; linking; what the shared version keeps."""

import uuid
from datetime import date, timedelta
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from sharing.reports import selectors, services
from sharing.reports.choices import ReportStatus, VersionStatus
from sharing.reports.models import Report, SharedVersion
from tenancy.access import resolve_access
from tests.factories import company_user, member_company, report_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(cast):
    company = member_company(cast.association, legal_name_en="Ningbo Glow Lighting Co., Ltd.", aliases=["GlowTech"])
    reporter = company_user(company, role="admin", display_name="Wang Fang")
    access = resolve_access(slug="alpha", user=reporter)
    return SimpleNamespace(company=company, reporter=reporter, access=access, moderator=cast.users["moderator"])


def test_create_submit_approve_shares_only_the_anonymized_version(setup):
    narrative = (
        "GlowTech (Ningbo Glow Lighting) was served; Wang Fang at wang@glow.cn took the call. "
        "Our store BrightHome Direct and listing B0ABCDEFGH were frozen in 2:26-cv-00123."
    )
    report, created = services.report_create(access=setup.access, data=report_data(narrative=narrative))
    assert created and report.status == ReportStatus.DRAFT
    assert report.rights[0] == {"type": "utility", "key": "10123456", "display": "US 10,123,456"}
    services.report_submit(report=report, actor=setup.reporter)
    version = SharedVersion.objects.get(report=report)
    for secret in ("GlowTech", "Glow Lighting", "Wang Fang", "wang@glow.cn", "BrightHome", "B0ABCDEFGH", "00123"):
        assert secret not in version.narrative
    assert version.filed_month == date(2026, 3, 1) and version.damages_band == "1m"
    services.version_approve(version=version, actor=setup.moderator)
    report.refresh_from_db()
    assert report.status == ReportStatus.PUBLISHED
    assert list(selectors.published_versions(resolve_access(slug="alpha", user=setup.moderator))) == [
        SharedVersion.objects.get(pk=version.pk)
    ]


def test_bad_input_is_refused_field_by_field_and_nothing_is_written(setup):
    future = timezone.localdate() + timedelta(days=3)
    data = report_data(
        patents=["99,999,999"],
        filed_on=future,
        served_on=date(2026, 1, 1),
        response_due_on=date(2025, 12, 1),
        damages_claimed=Decimal("-5"),
        currency="XYZ",
        forum="itc",
        narrative="x" * 20_001,
    )
    before = (Report.objects.count(), SharedVersion.objects.count())
    with pytest.raises(ValidationError) as raised:
        services.report_create(access=setup.access, data=data)
    fields = set(raised.value.message_dict)
    assert {"patents", "filed_on", "response_due_on", "damages_claimed", "currency", "forum", "narrative"} <= fields
    assert (Report.objects.count(), SharedVersion.objects.count()) == before


def test_idempotent_create_and_submit(setup):

    key = uuid.uuid4()
    first, created = services.report_create(access=setup.access, data=report_data(), idempotency_key=key)
    again, created_again = services.report_create(access=setup.access, data=report_data(), idempotency_key=key)
    assert first.pk == again.pk and created and not created_again
    services.report_submit(report=first, actor=setup.reporter)
    services.report_submit(report=first, actor=setup.reporter)
    assert SharedVersion.objects.filter(report=first).count() == 1


def test_editing_a_published_report_goes_back_to_moderation_and_keeps_the_published_one(setup):
    report, _ = services.report_create(access=setup.access, data=report_data())
    services.report_submit(report=report, actor=setup.reporter)
    services.version_approve(version=report.versions.get(), actor=setup.moderator)
    report = services.report_update(report=report, actor=setup.reporter, data=report_data(stage="discovery"))
    assert report.status == ReportStatus.UPDATED
    statuses = dict(report.versions.values_list("revision", "status"))
    assert statuses == {1: VersionStatus.PUBLISHED, 2: VersionStatus.PENDING}
    services.version_approve(version=report.versions.get(revision=2), actor=setup.moderator)
    statuses = dict(report.versions.values_list("revision", "status"))
    assert statuses == {1: VersionStatus.SUPERSEDED, 2: VersionStatus.PUBLISHED}


def test_withdrawal_removes_the_shared_version_at_once(setup):
    report, _ = services.report_create(access=setup.access, data=report_data())
    services.report_submit(report=report, actor=setup.reporter)
    services.version_approve(version=report.versions.get(), actor=setup.moderator)
    services.report_withdraw(report=report, actor=setup.reporter)
    assert not selectors.published_versions(resolve_access(slug="alpha", user=setup.moderator)).exists()


def test_links_count_other_members_never_who(cast, setup):
    first, _ = services.report_create(access=setup.access, data=report_data())
    services.report_submit(report=first, actor=setup.reporter)
    other = company_user(member_company(cast.association), role="admin")
    other_access = resolve_access(slug="alpha", user=other)
    mine, _ = services.report_create(
        access=other_access, data=report_data(plaintiff_name="LUMEN HOLDINGS L.L.C.", docket_number="2:26-CV-123")
    )
    services.report_submit(report=mine, actor=other)
    assert selectors.report_links(mine) == {"same_plaintiff": 1, "same_case": 1}


def test_return_and_redact(setup):
    report, _ = services.report_create(access=setup.access, data=report_data(narrative="The factory in Cixi made it."))
    services.report_submit(report=report, actor=setup.reporter)
    version = report.versions.get()
    services.version_redact(version=version, actor=setup.moderator, terms=["Cixi"])
    version.refresh_from_db()
    assert "Cixi" not in version.narrative and "[REDACTED]" in version.narrative
    services.version_return(version=version, actor=setup.moderator, note="Name the product category.")
    report.refresh_from_db()
    assert report.status == ReportStatus.RETURNED
    services.report_submit(report=report, actor=setup.reporter)
    assert "Cixi" not in report.versions.get(revision=2).narrative
    with pytest.raises(ValidationError):
        services.version_approve(version=version, actor=setup.moderator)


def test_an_idempotency_key_from_another_association_is_refused(cast, setup):
    from tenancy.models import Membership

    key = uuid.uuid4()
    services.report_create(access=setup.access, data=report_data(), idempotency_key=key)
    Membership.objects.create(association=cast.other_association, company=setup.company, status="active")
    elsewhere = resolve_access(slug="bravo", user=setup.reporter)
    with pytest.raises(ValidationError) as raised:
        services.report_create(access=elsewhere, data=report_data(), idempotency_key=key)
    assert "idempotency_key" in raised.value.message_dict
    assert Report.objects.count() == 1


def test_a_concurrent_repeat_returns_the_first_report(setup, monkeypatch):
    """Both requests passed the lookup before either inserted: the loser's unique violation returns the winner."""
    key = uuid.uuid4()
    first, _ = services.report_create(access=setup.access, data=report_data(), idempotency_key=key)
    lookups = iter([None, first])
    real = services._created_with
    monkeypatch.setattr(services, "_created_with", lambda access, k: next(lookups, None) or real(access, k))
    again, created = services.report_create(access=setup.access, data=report_data(), idempotency_key=key)
    assert (again.pk, created) == (first.pk, False)
    assert Report.objects.count() == 1


def test_a_plaintiff_only_in_another_members_draft_is_not_suggested(cast, setup):
    from sharing.plaintiffs.selectors import plaintiff_suggestions

    services.report_create(access=setup.access, data=report_data(plaintiff_name="Secretive Patents LLC"))
    reader = resolve_access(slug="alpha", user=cast.users["not_entitled"])
    assert not plaintiff_suggestions(entities=selectors.known_plaintiffs(reader), text="Secretive")
    assert plaintiff_suggestions(entities=selectors.known_plaintiffs(setup.access), text="secretive patents")
    first, _ = services.report_create(access=setup.access, data=report_data(plaintiff_name="Secretive Patents"))
    services.report_submit(report=first, actor=setup.reporter)
    services.version_approve(version=first.versions.get(), actor=setup.moderator)
    assert [e.name for e in plaintiff_suggestions(entities=selectors.known_plaintiffs(reader), text="SECRETIVE")] == [
        "Secretive Patents LLC"
    ]


def test_a_moderator_classifies_the_plaintiff(setup):
    from audit.models import AuditEvent
    from sharing.plaintiffs.models import PlaintiffClass

    report, _ = services.report_create(access=setup.access, data=report_data())
    services.report_submit(report=report, actor=setup.reporter)
    version = report.versions.get()
    services.version_classify_plaintiff(version=version, actor=setup.moderator, classification="pae")
    version.plaintiff.refresh_from_db()
    assert version.plaintiff.classification == PlaintiffClass.PAE
    assert AuditEvent.objects.filter(action="plaintiff.classify", association=version.association).exists()
    with pytest.raises(ValidationError):
        services.version_classify_plaintiff(version=version, actor=setup.moderator, classification="troll")
