"""watch_notify_campaign: watchers of a campaign's plaintiff, patent, law firm or forum hear that it formed or
grew, with its subject and counts only, each once, in their language, linked to the campaign page."""

from types import SimpleNamespace

import pytest
from django.utils import translation

from notifications.kinds import render
from notifications.models import Notification
from sharing.campaigns.models import Campaign
from sharing.plaintiffs.services import plaintiff_for_name
from sharing.watchlists import services
from sharing.watchlists.labels import FORUM_LABELS
from tenancy.access import resolve_access

pytestmark = pytest.mark.django_db


def watch(user, **criteria):
    access = resolve_access(slug="alpha", user=user)
    for criterion, value in criteria.items():
        services.watch_add(access=access, criterion=criterion, value=value)


def campaign(cast, **fields):
    """A stand-in with exactly the attributes the service relies on."""
    base = {"basis": "plaintiff", "plaintiff_id": None, "plaintiff": None, "right_key": "", "law_firm_key": "",
            "forum": "", "company_count": 3, "report_count": 4, "pk": 7}  # fmt: skip
    return SimpleNamespace(association=cast.association, **{**base, **fields})


def told(user):
    return list(Notification.objects.filter(recipient=user, kind__startswith="watch.campaign_"))


def test_plaintiff_campaign_formed(cast):
    """Two of the watcher's watches match (plaintiff and forum): one notification."""
    entity = plaintiff_for_name(association=cast.association, name="Lumen Holdings, LLC")
    watcher, bystander = cast.users["not_entitled"], cast.users["entitled"]
    watch(watcher, plaintiff="LUMEN HOLDINGS INC", forum="txed")
    watch(bystander, plaintiff="Someone Else LLC")
    subject = campaign(cast, plaintiff_id=entity.pk, plaintiff=entity, forum="txed")
    assert services.watch_notify_campaign(campaign=subject, change="formed") == 1
    (notification,) = told(watcher)
    assert notification.kind == "watch.campaign_formed"
    assert render(notification.kind, notification.params) == (
        "A campaign formed on your watchlist: Lumen Holdings, LLC, 3 member companies, 4 reports."
    )
    assert not told(bystander)


def test_patent_campaign_grew(cast):
    watcher = cast.users["moderator"]
    watch(watcher, patent="D765,432")
    services.watch_notify_campaign(campaign=campaign(cast, basis="patent", right_key="D765432"), change="grew")
    (notification,) = told(watcher)
    assert render(notification.kind, notification.params) == (
        "A campaign on your watchlist grew: US D765,432, now 3 member companies, 4 reports."
    )


def test_law_firm_and_forum_campaign_speaks_each_readers_language(cast):
    by_firm, by_forum = cast.users["not_entitled"], cast.users["admin"]
    watch(by_firm, law_firm="Greer, Burns & Crain, Ltd.")
    watch(by_forum, forum="ilnd")
    subject = campaign(cast, basis="law_firm_forum", law_firm_key="greer burns crain", forum="ilnd")
    assert services.watch_notify_campaign(campaign=subject, change="formed") == 2
    notification = told(by_forum)[0]
    with translation.override("zh-hans"):
        chinese = render(notification.kind, notification.params)
        forum = str(FORUM_LABELS["ilnd"])
    assert forum in chinese and "Northern District of Illinois" not in chinese
    assert "greer burns crain" in render(notification.kind, notification.params)


def test_unknown_change_is_a_programming_error(cast):
    with pytest.raises(ValueError):
        services.watch_notify_campaign(campaign=campaign(cast), change="shrank")


def test_the_link_is_the_campaign_page_when_it_exists(cast):
    entity = plaintiff_for_name(association=cast.association, name="Lumen Holdings, LLC")
    real = Campaign.objects.create(
        association=cast.association, basis="plaintiff", plaintiff=entity, company_count=2, report_count=2
    )
    watch(cast.users["not_entitled"], plaintiff="Lumen Holdings")
    services.watch_notify_campaign(campaign=real, change="formed")
    (notification,) = told(cast.users["not_entitled"])
    assert notification.url == f"/a/alpha/campaigns/{real.pk}/"
    assert render(notification.kind, notification.params).startswith("A campaign formed on your watchlist: Lumen")
