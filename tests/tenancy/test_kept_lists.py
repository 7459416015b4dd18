"""The published report list and the campaign list are kept in the cache between changes (tenancy.kept_lists):
every change a reader could see in them shows at once, each audience and language keeps its own answer, and
access is still checked on every request."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from sharing.campaigns import merging
from sharing.campaigns import services as campaign_services
from sharing.campaigns.models import Campaign, CampaignBasis
from sharing.plaintiffs import services as plaintiff_services
from sharing.reports import services
from sharing.reports.models import SharedVersion
from tenancy.kept_lists import lists_changed
from tests.api.calls import a, bearer, unknown_association
from tests.campaigns.helpers import publish, side
from tests.factories import PartnerFactory, api_key_for, cast_published_report, report_data, reporter_access
from tests.reports.api_helpers import REPORTS, signed_in

pytestmark = pytest.mark.django_db

CAMPAIGNS = a("alpha", "campaigns/")


def rows(client, url=REPORTS, **extra):
    response = client.get(url, **extra)
    assert response.status_code == 200, response.content
    return response.json()["results"]


@pytest.fixture
def reader(cast):
    return signed_in(cast.users["not_entitled"])


def test_a_second_read_is_kept_and_a_publication_shows_at_once(cast, reader):
    _, first = cast_published_report(cast)
    assert [row["id"] for row in rows(reader)] == [first.pk]
    with CaptureQueriesContext(connection) as queries:  # the session, its user, the roles: not the list
        assert [row["id"] for row in rows(reader)] == [first.pk]
    assert not [query for query in queries if SharedVersion._meta.db_table in query["sql"]]
    _, second = cast_published_report(cast)
    assert [row["id"] for row in rows(reader)] == [second.pk, first.pk]


def test_withdrawal_and_a_new_revision_show_at_once(cast, reader):
    report, version = cast_published_report(cast)
    assert len(rows(reader)) == 1
    services.report_withdraw(report=report, actor=cast.users["entitled"])
    assert rows(reader) == []

    report, version = cast_published_report(cast, stage="served")
    assert rows(reader)[0]["stage"] == "served"
    services.report_update(report=report, actor=cast.users["entitled"], data=report_data(stage="response"))
    assert [row["revision"] for row in rows(reader)] == [version.revision]  # pending: the published one stays
    services.version_approve(version=report.versions.get(status="pending"), actor=cast.users["moderator"])
    assert [(row["revision"], row["stage"]) for row in rows(reader)] == [(version.revision + 1, "response")]


def test_plaintiff_classification_and_merge_show_at_once(cast, reader):
    _, version = cast_published_report(cast, plaintiff_name="Lumen Holdings, LLC")
    other = side(cast.association)
    _, other_version = publish(other, cast.users["moderator"], plaintiff_name="Bright Star Ltd")
    assert {row["plaintiff"]["name"] for row in rows(reader)} == {"Lumen Holdings, LLC", "Bright Star Ltd"}
    plaintiff_services.plaintiff_classify(entity=version.plaintiff, classification="pae", actor=cast.users["moderator"])
    classified = {row["plaintiff"]["name"]: row["plaintiff"]["classification"] for row in rows(reader)}
    assert classified["Lumen Holdings, LLC"] == "pae"
    merging.plaintiff_merge(
        association=cast.association,
        actor=cast.users["admin"],
        source_id=other_version.plaintiff_id,
        target_id=version.plaintiff_id,
    )
    assert {row["plaintiff"]["name"] for row in rows(reader)} == {"Lumen Holdings, LLC"}


def test_readers_share_an_answer_but_languages_do_not(cast, reader):
    cast_published_report(cast)
    partner = bearer(api_key_for(PartnerFactory(association=cast.association))[1])
    assert rows(reader) == rows(Client(), **partner)
    english = rows(Client(), **partner)[0]["stage_label"]
    chinese = rows(Client(), **partner, HTTP_ACCEPT_LANGUAGE="zh-hans")[0]["stage_label"]
    assert english == "Served" and chinese != english


def test_access_is_checked_before_the_kept_answer(cast, reader):
    cast_published_report(cast)
    rows(reader)
    outsider = signed_in(cast.users["other_association"])
    assert outsider.get(REPORTS).content == unknown_association(outsider).content
    assert Client().get(REPORTS).status_code in {401, 403}


def test_each_company_keeps_its_own_campaign_list(cast):
    other = side(cast.association)
    cast_published_report(cast, plaintiff_name="Lumen Holdings, LLC")
    publish(other, cast.users["moderator"], plaintiff_name="Lumen Holdings LLC")
    campaign = Campaign.objects.get(basis=CampaignBasis.PLAINTIFF)
    entitled, outside = signed_in(cast.users["entitled"]), signed_in(cast.users["not_entitled"])

    def plaintiff_row(client):
        return next(row for row in rows(client, CAMPAIGNS) if row["id"] == campaign.pk)

    assert plaintiff_row(entitled)["affected"] and not plaintiff_row(outside)["affected"]
    campaign_services.campaign_opt_in(access=reporter_access(cast), campaign=campaign)
    assert plaintiff_row(entitled)["opted_in"] and not plaintiff_row(outside)["opted_in"]
    publish(side(cast.association), cast.users["moderator"], plaintiff_name="Lumen Holdings")
    assert plaintiff_row(outside)["company_count"] == 3


def test_a_change_drops_the_generation_again_on_commit(cast, reader, django_capture_on_commit_callbacks):
    """Between the change and its commit, another process may keep the old rows under a new generation: the commit
    drops that one too."""
    cast_published_report(cast)
    generation = f"generation:api:lists:{cast.association.pk}"
    with django_capture_on_commit_callbacks() as callbacks:
        lists_changed(cast.association.pk)
    assert cache.get(generation) is None
    rows(reader)
    assert cache.get(generation) is not None
    for callback in callbacks:
        callback()
    assert cache.get(generation) is None
