"""Campaign pages and the moderators' plaintiff pages, as every actor of the matrix; what each sees: counts for
everyone, the opt-in to affected company admins, names only among companies that opted in."""

import pytest

from sharing.campaigns import services
from sharing.campaigns.models import Campaign, CampaignBasis, CampaignOptIn
from sharing.defense.models import DefenseGroup, Participant
from sharing.plaintiffs.models import PlaintiffEntity
from tests.campaigns.helpers import publish, side
from tests.factories import cast_published_report, reporter_access
from tests.reports.page_helpers import form_data
from tests.web.helpers import ADMINS_OK, MEMBERS_OK, expect, matrix, page_text, signed_in

pytestmark = pytest.mark.django_db

STAFF_OK = expect(moderator=200, admin=200)


@pytest.fixture
def world(cast):
    """The cast's entitled company and another company report one plaintiff under two spellings."""
    other = side(cast.association)
    report, _ = cast_published_report(cast, plaintiff_name="Lumen Holdings, LLC", patents=[])
    publish(other, cast.users["moderator"], plaintiff_name="LUMEN HOLDINGS L.L.C.", patents=[])
    campaign = Campaign.objects.get(basis=CampaignBasis.PLAINTIFF)
    return campaign, report, other


def url(campaign, name="detail"):
    return f"/a/alpha/campaigns/{campaign.pk}/" + ("" if name == "detail" else f"{name}/")


def test_list_and_detail_for_every_person_of_the_association(cast, world):
    campaign, _report, _other = world
    matrix(cast, lambda c: c.get("/a/alpha/campaigns/"), MEMBERS_OK)
    responses = matrix(cast, lambda c: c.get(url(campaign)), MEMBERS_OK)
    for actor in ("not_entitled", "moderator", "admin"):
        text = page_text(responses[actor])
        assert "2 member companies face this" in text
        assert "Opt in" not in text
    assert "Opt in" in page_text(responses["entitled"])


def test_names_only_among_companies_that_opted_in(cast, world):
    campaign, _report, other = world
    mine = cast.users["entitled"].company
    client = signed_in(cast.users["entitled"])
    assert other.company.legal_name_en not in page_text(client.get(url(campaign)))
    assert client.post(url(campaign, "opt-in")).status_code == 302
    # Only one company opted in: it sees itself, nobody else.
    text = page_text(client.get(url(campaign)))
    assert mine.legal_name_en in text and other.company.legal_name_en not in text
    services.campaign_opt_in(access=other.access(), campaign=campaign)
    assert other.company.legal_name_en in page_text(client.get(url(campaign)))
    for actor in ("not_entitled", "moderator", "admin"):
        text = page_text(signed_in(cast.users[actor]).get(url(campaign)))
        assert mine.legal_name_en not in text and other.company.legal_name_en not in text
    # The other company's member (not its admin) sees the names too, but cannot decide.
    text = page_text(signed_in(other.member).get(url(campaign)))
    assert mine.legal_name_en in text and "Opt out" not in text


def test_opting_in_and_out_is_for_the_affected_companys_admin(cast, world):
    campaign, _report, _other = world
    responses = matrix(cast, lambda c: c.post(url(campaign, "opt-in")), expect(entitled=302), write=True)
    assert responses["anonymous"].url.startswith("/accounts/login/")
    assert CampaignOptIn.objects.filter(company=cast.users["entitled"].company).exists()
    matrix(cast, lambda c: c.post(url(campaign, "opt-out")), expect(entitled=302), write=True)
    assert not CampaignOptIn.objects.exists()


def test_an_opted_in_company_creates_a_group_inviting_the_others(cast, world):
    campaign, _report, other = world
    services.campaign_opt_in(access=other.access(), campaign=campaign)
    matrix(cast, lambda c: c.get(url(campaign, "group")), expect())  # not opted in yet: 404 for everyone
    services.campaign_opt_in(access=reporter_access(cast), campaign=campaign)
    matrix(cast, lambda c: c.get(url(campaign, "group")), expect(entitled=200))
    client = signed_in(cast.users["entitled"])
    response = client.post(url(campaign, "group"), {"name": ""})
    assert response.status_code == 200 and not DefenseGroup.objects.exists()  # a name is required
    response = client.post(url(campaign, "group"), {"name": "Lumen joint defense"})
    group = DefenseGroup.objects.get()
    assert response.status_code == 302 and response.url == f"/a/alpha/groups/{group.pk}/"
    assert (group.campaign, group.plaintiff_id) == (campaign, campaign.plaintiff_id)
    invited = Participant.objects.get(group=group, status="invited")
    assert invited.company == other.company


def test_the_reporters_page_links_the_campaign(cast, world):
    campaign, report, _other = world
    text = page_text(signed_in(cast.users["entitled"]).get(f"/a/alpha/reports/mine/{report.pk}/"))
    assert url(campaign) in text
    assert "1 other member faces this plaintiff" in text


# Plaintiffs: moderators and association admins --------------------------------------------------------------


@pytest.fixture
def two_plaintiffs(cast):
    other = side(cast.association)
    first, _ = cast_published_report(cast, plaintiff_name="Orion Systems", patents=[])
    second, _ = publish(other, cast.users["moderator"], plaintiff_name="Orion Sys Group", patents=[])
    return first.plaintiff, second.plaintiff


def test_plaintiff_pages_for_staff_only(cast, two_plaintiffs):
    first, _second = two_plaintiffs
    responses = matrix(cast, lambda c: c.get("/a/alpha/campaigns/plaintiffs/?q=orion"), STAFF_OK)
    assert "Orion Sys Group" in page_text(responses["moderator"])
    responses = matrix(cast, lambda c: c.get(f"/a/alpha/campaigns/plaintiffs/{first.pk}/"), STAFF_OK)
    assert "Orion Sys Group" in page_text(responses["admin"])  # suggested as similar


def test_merge_and_split_from_the_plaintiff_page(cast, two_plaintiffs, second_admin):
    first, second = two_plaintiffs
    merge = f"/a/alpha/campaigns/plaintiffs/{second.pk}/merge/"
    # Merging into itself: refused on the page, nothing written.
    responses = matrix(cast, lambda c: c.post(merge, {"merge-target": second.pk}), STAFF_OK, write=True)
    assert "cannot be merged into itself" in page_text(responses["moderator"])
    client = signed_in(cast.users["moderator"])
    response = client.post(merge, {"merge-target": first.pk})
    assert response.status_code == 302 and response.url == f"/a/alpha/campaigns/plaintiffs/{first.pk}/"
    assert not PlaintiffEntity.objects.filter(pk=second.pk).exists()
    assert Campaign.objects.get().company_count == 2
    split = f"/a/alpha/campaigns/plaintiffs/{first.pk}/split/"
    aliases = list(first.aliases.order_by("pk"))
    response = client.post(split, {"split-aliases": [alias.pk for alias in aliases]})
    assert response.status_code == 200 and "Leave at least one name" in page_text(response)
    response = client.post(split, {"split-aliases": [aliases[1].pk]})
    assert response.status_code == 302
    assert PlaintiffEntity.objects.filter(name="Orion Sys Group").exists()
    # Association admins may too (ADMINS_OK: the cast's admin and a second one).
    matrix(
        cast,
        lambda c: c.get(f"/a/alpha/campaigns/plaintiffs/{first.pk}/"),
        ADMINS_OK | {"moderator": 200},
        overrides={"entitled": second_admin},
    )


def test_the_report_preview_asks_did_you_mean(cast, world):
    client = signed_in(cast.users["not_entitled"])
    data = {**form_data(plaintiff_name="Lumen Holdngs"), "preview": "1"}
    text = page_text(client.post("/a/alpha/reports/mine/new/", data))
    assert "Did you mean one of these?" in text and "Lumen Holdings, LLC" in text
    data = {**form_data(plaintiff_name="Lumen Holdings"), "preview": "1"}
    assert "Did you mean" not in page_text(client.post("/a/alpha/reports/mine/new/", data))
