"""Campaign detection on publication: who counts, by which key, what each company is told (never who)."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from notifications.kinds import render
from notifications.models import Notification
from sharing.campaigns.models import Campaign, CampaignBasis, CampaignReport
from sharing.reports import services
from tests.campaigns.helpers import plaintiff_campaign, publish, side
from tests.factories import submitted_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator(cast):
    return cast.users["moderator"]


@pytest.fixture
def sides(cast):
    return [side(cast.association) for _ in range(4)]


def test_two_spellings_of_one_plaintiff_form_a_campaign(sides, moderator, django_capture_on_commit_callbacks):
    first, second = sides[:2]
    with django_capture_on_commit_callbacks(execute=True):
        report_a, _ = publish(first, moderator, plaintiff_name="Lumen Holdings, LLC", patents=[])
    assert not Campaign.objects.exists()  # one company is no campaign
    with django_capture_on_commit_callbacks(execute=True):
        report_b, _ = publish(second, moderator, plaintiff_name="LUMEN HOLDINGS L.L.C.", patents=[])
    campaign = plaintiff_campaign(report_a)
    assert report_b.plaintiff_id == report_a.plaintiff_id
    assert (campaign.company_count, campaign.report_count) == (2, 2)
    assert campaign.first_filed == campaign.last_filed == date(2026, 3, 14)
    told = Notification.objects.filter(kind="campaign.formed")
    assert {n.recipient.company_id for n in told} == {first.company.pk, second.company.pk}
    assert told.first().params["count"] == 2


def test_one_company_reporting_twice_is_no_campaign(sides, moderator):
    publish(sides[0], moderator, docket_number="2:26-cv-00001")
    publish(sides[0], moderator, docket_number="2:26-cv-00002")
    assert not Campaign.objects.exists()


def test_a_campaign_grows_and_tells_the_companies_already_in(sides, moderator, django_capture_on_commit_callbacks):
    publish(sides[0], moderator, patents=[])
    with django_capture_on_commit_callbacks(execute=True):
        publish(sides[1], moderator, patents=[])
    Notification.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        report, _ = publish(sides[2], moderator, patents=[])
    assert plaintiff_campaign(report).company_count == 3
    formed = Notification.objects.filter(kind="campaign.formed")
    grew = Notification.objects.filter(kind="campaign.grew")
    assert {n.recipient.company_id for n in formed} == {sides[2].company.pk}
    assert {n.recipient.company_id for n in grew} == {sides[0].company.pk, sides[1].company.pk}


def test_same_patent_under_different_plaintiffs(sides, moderator):
    publish(sides[0], moderator, plaintiff_name="Alpha Licensing LLC", patents=["US 10,123,456 B2"])
    publish(sides[1], moderator, plaintiff_name="Beta IP Ltd", patents=["10123456"])
    campaign = Campaign.objects.get()
    assert (campaign.basis, campaign.right_key, campaign.company_count) == (CampaignBasis.PATENT, "10123456", 2)
    assert campaign.subject == "US 10,123,456"


def test_schedule_a_law_firm_in_one_forum_within_the_window(sides, moderator, settings):
    settings.CAMPAIGN_LAW_FIRM_WINDOW_DAYS = 180
    case = {"kind": "schedule_a", "forum": "ilnd", "patents": [], "law_firm": "Greer, Burns & Crain, Ltd."}
    case |= {"served_on": None, "response_due_on": None}
    publish(sides[0], moderator, plaintiff_name="Brand One Inc", filed_on=date(2026, 1, 5), **case)
    publish(sides[1], moderator, plaintiff_name="Brand Two Inc", filed_on=date(2025, 3, 1), **case)  # too early
    assert not Campaign.objects.exists()
    publish(sides[2], moderator, plaintiff_name="Brand Three Inc", filed_on=date(2026, 5, 20), **case)
    campaign = Campaign.objects.get()
    assert campaign.basis == CampaignBasis.LAW_FIRM_FORUM
    assert (campaign.forum, campaign.company_count) == ("ilnd", 2)
    assert campaign.law_firm == "Greer, Burns & Crain, Ltd."
    other_forum = {**case, "forum": "nysd"}
    publish(sides[3], moderator, plaintiff_name="Brand Four Inc", filed_on=date(2026, 2, 1), **other_forum)
    assert Campaign.objects.get().company_count == 2


def test_reports_not_published_do_not_count(cast, sides, moderator):
    submitted_report(cast)  # the cast's entitled company, same plaintiff, still in moderation
    publish(sides[0], moderator, patents=[])
    assert not Campaign.objects.exists()


def test_a_withdrawn_report_stops_counting_at_once(sides, moderator):
    report_a, _ = publish(sides[0], moderator, patents=[])
    publish(sides[1], moderator, patents=[])
    services.report_withdraw(report=report_a, actor=sides[0].admin)
    assert plaintiff_campaign(report_a).company_count == 1  # below two: gone from every list
    report_c, _ = publish(sides[2], moderator, patents=[])
    assert plaintiff_campaign(report_c).company_count == 2


def test_a_new_revision_with_another_plaintiff_leaves_the_old_campaign(sides, moderator):
    from tests.factories import report_data

    report_a, _ = publish(sides[0], moderator, patents=[])
    publish(sides[1], moderator, patents=[])
    campaign = plaintiff_campaign(report_a)
    services.report_update(
        report=report_a, actor=sides[0].admin, data=report_data(plaintiff_name="Other Party", patents=[])
    )
    services.version_approve(version=report_a.versions.get(status="pending"), actor=moderator)
    campaign.refresh_from_db()
    assert campaign.company_count == 1
    assert not CampaignReport.objects.filter(campaign=campaign, report=report_a).exists()


def test_notifications_never_name_a_company(sides, moderator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        for reporter in sides[:3]:
            publish(reporter, moderator)
    notices = Notification.objects.filter(kind__startswith="campaign.")
    assert notices.count() >= 3
    names = [
        term
        for reporter in sides[:3]
        for term in [*reporter.company.identity_terms(), reporter.admin.display_name, reporter.admin.email]
    ]
    for notice in notices:
        for language in ("en", "zh-hans"):
            with translation.override(language):
                text = render(notice.kind, notice.params)
            assert not [name for name in names if name.casefold() in f"{text} {notice.params} {notice.url}".casefold()]


def _publish_counting_queries(reporter, moderator):
    from tests.factories import report_data

    report, _ = services.report_create(access=reporter.access(), data=report_data())
    services.report_submit(report=report, actor=reporter.admin)
    version = report.versions.get()
    with CaptureQueriesContext(connection) as captured:
        services.version_approve(version=version, actor=moderator)
    return len(captured)


def test_detection_costs_the_same_number_of_queries_with_one_or_many_reports(cast, moderator):
    small = [side(cast.association) for _ in range(2)]
    publish(small[0], moderator)
    first = _publish_counting_queries(small[1], moderator)  # forms the campaigns
    second = _publish_counting_queries(side(cast.association), moderator)  # grows them
    for _ in range(8):
        publish(side(cast.association), moderator)
    many = _publish_counting_queries(side(cast.association), moderator)
    assert second == many, (first, second, many)


def test_campaign_changed_is_sent_once_per_change_with_the_new_counts(sides, moderator):
    from sharing.campaigns.signals import campaign_changed

    heard = []

    def listen(sender, campaign, change, **kwargs):
        heard.append((campaign.basis, change, campaign.company_count))

    campaign_changed.connect(listen, dispatch_uid="test.campaign_changed")
    try:
        publish(sides[0], moderator, patents=[])
        assert heard == []  # one company is no campaign
        publish(sides[1], moderator, patents=[])
        assert heard == [(CampaignBasis.PLAINTIFF, "formed", 2)]
        publish(sides[2], moderator, patents=[])
        assert heard[1:] == [(CampaignBasis.PLAINTIFF, "grown", 3)]
        publish(sides[2], moderator, patents=[], docket_number="2:26-cv-00999")  # the same company again
        assert len(heard) == 2
    finally:
        campaign_changed.disconnect(dispatch_uid="test.campaign_changed")
