"""Publishing a report tells the people watching its plaintiff, patents, law firm, product category, forum or
kind: once each, in-app, live and by e-mail, in their language, never the reporting company's own people, never
anything naming the reporting company; the matching is one query however many watches there are."""

import json
from datetime import date

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from notifications.kinds import render
from notifications.models import Notification
from realtime.events import user_group
from sharing.reports import services as reports
from sharing.watchlists import services
from sharing.watchlists.labels import FORUM_LABELS
from sharing.watchlists.matching import version_watchers
from sharing.watchlists.models import VersionAlert
from sharing.watchlists.tasks import alert_version_watchers
from tenancy.access import resolve_access
from tenancy.models import Membership, MembershipStatus
from tests.channel_events import events_to_groups
from tests.factories import association_role, company_user, member_company, recognisable_company, report_data
from tests.reports.test_leak import NARRATIVE, assert_clean, identity_terms

pytestmark = pytest.mark.django_db


def watch(user, slug="alpha", **criteria):
    access = resolve_access(slug=slug, user=user)
    for criterion, value in criteria.items():
        services.watch_add(access=access, criterion=criterion, value=value)


@pytest.fixture
def reporter(cast):
    """A recognisable reporting company of alpha (names in two languages, marks, a store) and its two people."""
    company, people = recognisable_company(cast.association)
    return company, people


def publish(reporter, moderator, **overrides):
    """The reporter's report, submitted and approved; returns the published version."""
    _company, people = reporter
    access = resolve_access(slug="alpha", user=people[0])
    data = report_data(
        narrative=NARRATIVE, docket_number="1:26-cv-04567", forum="ilnd", kind="schedule_a",
        store_names=["QuillPeak Outfitters"], seller_ids=["A3QUILLSELLER9"], listing_ids=["B0QUILL1234"],
        product_models=["QF-2000X"], filed_on=date(2026, 2, 9), served_on=date(2026, 2, 12),
        response_due_on=date(2026, 3, 5), **overrides,
    )  # fmt: skip
    report, _created = reports.report_create(access=access, data=data)
    reports.report_submit(report=report, actor=people[0])
    return reports.version_approve(version=report.versions.get(), actor=moderator)


def alerts(user):
    return Notification.objects.filter(recipient=user, kind="watch.report_published")


def test_each_watcher_is_told_once_however_many_watches_match(cast, reporter, django_capture_on_commit_callbacks):
    watcher, moderator = cast.users["not_entitled"], cast.users["moderator"]
    watch(watcher, plaintiff="Lumen Holdings", patent="10123456", forum="ilnd", kind="schedule_a", law_firm="Rabicoff")
    watch(moderator, product_category="lighting")
    watch(cast.users["entitled"], forum="cand", kind="itc_337")  # matches nothing
    with django_capture_on_commit_callbacks(execute=True):
        version = publish(reporter, moderator)
    (alert,) = alerts(watcher)
    assert alert.association == cast.association
    assert alert.url == f"/a/alpha/reports/{version.pk}/"
    assert render(alert.kind, alert.params) == (
        "New report on your watchlist: Schedule A e-commerce case (TRO, asset freeze), Lumen Holdings, LLC, "
        "N.D. Ill. (Northern District of Illinois)."
    )
    assert alerts(moderator).count() == 1
    assert not alerts(cast.users["entitled"]).exists()
    assert VersionAlert.objects.get(version=version).recipients == 2


def test_the_reporting_companys_own_people_are_not_told(cast, reporter, django_capture_on_commit_callbacks):
    _company, people = reporter
    watch(people[1], plaintiff="Lumen Holdings")
    with django_capture_on_commit_callbacks(execute=True):
        publish(reporter, cast.users["moderator"])
    assert not alerts(people[1]).exists()


def test_only_people_who_can_enter_the_association_are_told(cast, reporter, django_capture_on_commit_callbacks):
    suspended_company = member_company(cast.association)
    suspended = company_user(suspended_company)
    deactivated = company_user(member_company(cast.association))
    counsel = association_role(cast.association, "counsel")
    for user in (suspended, deactivated, counsel):
        watch(user, forum="ilnd")
    watch(cast.users["other_association"], slug="bravo", forum="ilnd")  # same value, other association
    Membership.objects.filter(company=suspended_company).update(status=MembershipStatus.SUSPENDED)
    deactivated.is_active = False
    deactivated.save()
    with django_capture_on_commit_callbacks(execute=True):
        publish(reporter, cast.users["moderator"])
    assert [n.recipient for n in Notification.objects.filter(kind="watch.report_published")] == [counsel]


def test_nothing_is_sent_before_commit_and_nothing_for_a_rolled_back_publication(cast, reporter):
    watch(cast.users["not_entitled"], forum="ilnd")
    publish(reporter, cast.users["moderator"])  # the test's transaction never commits: the task is never queued
    assert not Notification.objects.filter(kind="watch.report_published").exists()


def test_a_retried_task_tells_nobody_twice(cast, reporter, django_capture_on_commit_callbacks):
    watcher = cast.users["not_entitled"]
    watch(watcher, forum="ilnd")
    with django_capture_on_commit_callbacks(execute=True):
        version = publish(reporter, cast.users["moderator"])
    with django_capture_on_commit_callbacks(execute=True):
        assert alert_version_watchers.call(version_id=version.pk) == 0
        assert services.watchers_alert(version_id=version.pk) == 0
    assert alerts(watcher).count() == 1
    assert len([m for m in mail.outbox if m.to == [watcher.email]]) == 1


def test_a_version_withdrawn_before_the_task_runs_tells_nobody(cast, reporter):
    watch(cast.users["not_entitled"], forum="ilnd")
    version = publish(reporter, cast.users["moderator"])
    reports.report_withdraw(report=version.report, actor=reporter[1][0])
    assert services.watchers_alert(version_id=version.pk) == 0
    assert not VersionAlert.objects.exists()


@pytest.mark.parametrize("watchers", [2, 25])
def test_matching_is_one_query_whatever_the_number_of_watches(cast, reporter, watchers):
    company = member_company(cast.association)
    for index in range(watchers):
        watch(company_user(company), forum="ilnd", patent=f"{9_000_000 + index}", kind="schedule_a")
    version = publish(reporter, cast.users["moderator"])
    with CaptureQueriesContext(connection) as queries:
        assert len(list(version_watchers(version))) == watchers
    assert len(queries) == 1
    with CaptureQueriesContext(connection) as queries:
        assert services.watchers_alert(version_id=version.pk) == watchers
    # The version, the claim, the watchers, the notifications, the count (savepoints are not queries that grow).
    assert len([q for q in queries if "SAVEPOINT" not in q["sql"]]) == 5


def test_watchers_are_told_live_and_by_email_in_their_language(cast, reporter, django_capture_on_commit_callbacks):
    watcher = cast.users["not_entitled"]
    watcher.preferred_language = "zh-hans"
    watcher.save()
    watch(watcher, forum="ilnd")

    def publish_now():
        with django_capture_on_commit_callbacks(execute=True):
            return publish(reporter, cast.users["moderator"])

    version, received = events_to_groups([user_group(watcher.pk)], publish_now)
    with translation.override("zh-hans"):
        forum = str(FORUM_LABELS["ilnd"])
    assert forum != str(FORUM_LABELS["ilnd"])
    (event,) = received[user_group(watcher.pk)]
    assert event["type"] == "notification.created" and event["notification"]["kind"] == "watch.report_published"
    assert forum in event["notification"]["text"]
    (message,) = [m for m in mail.outbox if m.to == [watcher.email]]
    assert forum in message.body and forum in message.subject
    alert = alerts(watcher).get()
    assert f"/a/alpha/notifications/{alert.pk}/open/" in message.body
    assert alert.url == f"/a/alpha/reports/{version.pk}/"


def test_no_identity_of_the_reporting_company_reaches_watchers(cast, reporter, django_capture_on_commit_callbacks):
    """Every channel a watcher reads: notifications in both languages, e-mails, socket frames."""
    company, people = reporter
    terms = identity_terms(company, people)
    watchers = [cast.users["not_entitled"], cast.users["moderator"], cast.users["admin"]]
    for user in watchers:
        watch(user, plaintiff="Lumen Holdings", patent="D765,432", forum="ilnd", law_firm="Rabicoff Law")

    def publish_now():
        with django_capture_on_commit_callbacks(execute=True):
            publish(reporter, cast.users["moderator"])

    _, frames = events_to_groups([user_group(user.pk) for user in watchers], publish_now)
    received = Notification.objects.filter(kind="watch.report_published")
    assert received.count() == len(watchers)
    for notification in received:
        for language in ("en", "zh-hans"):
            with translation.override(language):
                text = render(notification.kind, notification.params)
                assert_clean(text + notification.url + json.dumps(notification.params), terms, "notification")
    emails = [m for m in mail.outbox if m.to[0] in {user.email for user in watchers}]
    assert len(emails) >= len(watchers)
    for message in emails:
        assert_clean(message.subject + message.body, terms, f"e-mail to {message.to}")
    for user in watchers:
        kinds = [frame["notification"]["kind"] for frame in frames[user_group(user.pk)]]
        assert "watch.report_published" in kinds
        for frame in frames[user_group(user.pk)]:
            assert_clean(json.dumps(frame, ensure_ascii=False), terms, "socket frame")
