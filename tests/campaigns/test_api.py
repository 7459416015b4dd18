"""Campaign and plaintiff endpoints through the permission matrix: counts for every person, opting in and a
group for the affected company's admin, merges and splits for staff; bad input refused with nothing written."""

import pytest
from django.test import Client

from sharing.campaigns import services
from sharing.campaigns.models import Campaign, CampaignBasis, CampaignOptIn
from sharing.defense.models import DefenseGroup, Participant
from sharing.plaintiffs.models import PlaintiffEntity
from tests.api.calls import a, error, post, unknown_association
from tests.campaigns.helpers import publish, side
from tests.factories import PartnerFactory, api_key_for, cast_published_report, reporter_access
from tests.permission_matrix import assert_matrix, database_fingerprint

pytestmark = pytest.mark.django_db

READERS = {
    "anonymous": 401,
    "other_association": 404,
    "not_entitled": 200,
    "entitled": 200,
    "moderator": 200,
    "admin": 200,
}
OWNER = {**READERS, "not_entitled": 404, "moderator": 404, "admin": 404}
STAFF = {**READERS, "not_entitled": 404, "entitled": 404}
NOBODY = {**OWNER, "entitled": 404}


def matrix(cast, request, expected, **kwargs):
    return assert_matrix(cast, request, expected, not_found_body=unknown_association, **kwargs)


@pytest.fixture
def world(cast):
    other = side(cast.association)
    _report, _ = cast_published_report(cast, plaintiff_name="Lumen Holdings, LLC", patents=["US 10,123,456"])
    publish(other, cast.users["moderator"], plaintiff_name="Lumen Holdings LLC", patents=["10123456"])
    return Campaign.objects.get(basis=CampaignBasis.PLAINTIFF), other


def test_list_and_detail(cast, world):
    campaign, _other = world
    responses = matrix(cast, lambda c: c.get(a("alpha", "campaigns/")), READERS)
    rows = responses["not_entitled"].json()["results"]
    assert {row["basis"] for row in rows} == {"plaintiff", "patent"}
    assert all(row["company_count"] == 2 and not row["affected"] for row in rows)
    assert all(row["affected"] for row in responses["entitled"].json()["results"])
    responses = matrix(cast, lambda c: c.get(a("alpha", f"campaigns/{campaign.pk}/")), READERS)
    detail = responses["entitled"].json()
    assert detail["subject"] == "Lumen Holdings, LLC" and detail["patents"] == ["US 10,123,456"]
    assert detail["first_filed"] == "2026-03" and detail["companies"] == []
    assert detail["forums"] == [{"label": detail["forums"][0]["label"], "count": 2}]
    responses = matrix(cast, lambda c: c.get(a("alpha", f"campaigns/{campaign.pk}/reports/")), READERS)
    assert len(responses["admin"].json()["results"]) == 2


def test_nothing_names_a_company_until_both_opted_in(cast, world):
    campaign, other = world
    names = [cast.users["entitled"].company.legal_name_en, other.company.legal_name_en]
    for actor in ("not_entitled", "moderator", "admin", "entitled"):
        client = _client(cast.users[actor])
        for path in ("campaigns/", f"campaigns/{campaign.pk}/", f"campaigns/{campaign.pk}/reports/"):
            text = client.get(a("alpha", path)).content.decode()
            assert not [name for name in names if name in text], (actor, path)
    services.campaign_opt_in(access=other.access(), campaign=campaign)
    services.campaign_opt_in(access=reporter_access(cast), campaign=campaign)
    detail = _client(cast.users["entitled"]).get(a("alpha", f"campaigns/{campaign.pk}/")).json()
    assert {company["legal_name_en"] for company in detail["companies"]} == set(names)
    for actor in ("not_entitled", "moderator", "admin"):
        assert _client(cast.users[actor]).get(a("alpha", f"campaigns/{campaign.pk}/")).json()["companies"] == []


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_opt_in_and_out(cast, world):
    campaign, _other = world
    responses = matrix(cast, lambda c: post(c, a("alpha", f"campaigns/{campaign.pk}/opt-in/")), OWNER, write=True)
    assert responses["entitled"].json()["opted_in"] is True
    assert CampaignOptIn.objects.count() == 1
    matrix(cast, lambda c: post(c, a("alpha", f"campaigns/{campaign.pk}/opt-out/")), OWNER, write=True)
    assert not CampaignOptIn.objects.exists()


def test_a_group_around_the_campaign(cast, world):
    campaign, other = world
    url = a("alpha", f"campaigns/{campaign.pk}/group/")
    matrix(cast, lambda c: post(c, url, {"name": "Lumen defense"}), NOBODY, write=True)  # not opted in
    services.campaign_opt_in(access=other.access(), campaign=campaign)
    services.campaign_opt_in(access=reporter_access(cast), campaign=campaign)
    client = _client(cast.users["entitled"])
    before = database_fingerprint()
    response = post(client, url, {"name": ""})
    assert response.status_code == 400 and "name" in error(response)["fields"]
    assert database_fingerprint() == before
    response = post(client, url, {"name": "Lumen defense", "listed": True})
    assert response.status_code == 201, response.content
    group = DefenseGroup.objects.get()
    assert group.campaign == campaign and response.json()["id"] == group.pk
    assert Participant.objects.get(group=group, status="invited").company == other.company


def test_partner_keys_read_campaign_counts_with_their_scope(cast, world):
    """The list, with counts and public facts only (no company, never "affected" or "opted in"); a key without
    campaigns:read, another association's key and the detail (listed groups) get 404."""
    campaign, _other = world
    partner = PartnerFactory(association=cast.association)
    _key, plain = api_key_for(partner, created_by=cast.users["admin"])
    response = Client().get(a("alpha", "campaigns/"), HTTP_AUTHORIZATION=f"Bearer {plain}")
    assert response.status_code == 200
    results = response.json()["results"]
    [listed] = [row for row in results if row["id"] == campaign.pk]
    assert listed["company_count"] == campaign.company_count
    assert all(row["affected"] is False and row["opted_in"] is False for row in results)
    assert not {"companies", "opted_in_companies", "groups"} & set(listed)
    _key, narrow = api_key_for(partner, scopes=["reports:read"], created_by=cast.users["admin"])
    other = PartnerFactory(association=cast.other_association)
    _key, foreign = api_key_for(other, created_by=cast.users["other_association"])
    for key, path in ((narrow, "campaigns/"), (foreign, "campaigns/"), (plain, f"campaigns/{campaign.pk}/")):
        refused = Client().get(a("alpha", path), HTTP_AUTHORIZATION=f"Bearer {key}")
        assert refused.status_code in (403, 404), (path, refused.status_code)


# Plaintiffs: moderators and association admins ---------------------------------------------------------------


@pytest.fixture
def two(cast):
    other = side(cast.association)
    first, _ = cast_published_report(cast, plaintiff_name="Orion Systems", patents=[])
    second, _ = publish(other, cast.users["moderator"], plaintiff_name="Orion Sys Group", patents=[])
    return first.plaintiff, second.plaintiff


def test_plaintiff_list_merge_and_split(cast, two):
    first, second = two
    responses = matrix(cast, lambda c: c.get(a("alpha", "moderation/plaintiffs/")), STAFF)
    assert {row["name"] for row in responses["moderator"].json()["results"]} == {"Orion Systems", "Orion Sys Group"}
    merge = a("alpha", f"moderation/plaintiffs/{second.pk}/merge/")
    bad = {**STAFF, "moderator": 400, "admin": 400}
    responses = matrix(cast, lambda c: post(c, merge, {"target": second.pk}), bad, write=True)
    assert "target" in error(responses["moderator"])["fields"]
    matrix(cast, lambda c: post(c, merge, {"target": "x"}), bad, write=True)
    response = post(_client(cast.users["moderator"]), merge, {"target": first.pk})
    assert response.status_code == 200 and {alias["name"] for alias in response.json()["aliases"]} == {
        "Orion Systems",
        "Orion Sys Group",
    }
    split = a("alpha", f"moderation/plaintiffs/{first.pk}/split/")
    aliases = list(first.aliases.order_by("pk").values_list("pk", flat=True))
    for body in ({"aliases": aliases}, {"aliases": []}, {"aliases": [999999]}, {"aliases": "x"}, {}):
        responses = matrix(cast, lambda c, body=body: post(c, split, body), bad, write=True)
        assert "aliases" in error(responses["admin"])["fields"]
    response = post(_client(cast.users["admin"]), split, {"aliases": [aliases[1]]})
    assert response.status_code == 201 and response.json()["name"] == "Orion Sys Group"
    assert PlaintiffEntity.objects.count() == 2
