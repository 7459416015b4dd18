"""The counsel endpoints through the permission matrix (the cast, plus the firm's counsel and another firm's),
partner keys only on the directory and only where the association opens it, bad input as field errors with
nothing written, and the threshold."""

import pytest
from django.test import Client

from sharing.counsel import services
from sharing.counsel.models import Engagement, LawFirm, Recommendation, Review
from tenancy import services as tenancy_services
from tests.api.calls import a, bearer, error, patch, post, unknown_association
from tests.counsel.helpers import RATINGS, access_of, directory, published_review, reviewer
from tests.defense.api_helpers import build_world, group_matrix, levels
from tests.factories import PartnerFactory, api_key_for, cast_published_report
from tests.permission_matrix import assert_matrix, database_fingerprint

pytestmark = pytest.mark.django_db

READERS = {
    "anonymous": 401, "other_association": 404, "not_entitled": 200, "entitled": 200, "moderator": 200,
    "admin": 200, "firm_counsel": 200, "other_counsel": 200,
}  # fmt: skip
NOBODY = {**dict.fromkeys(READERS, 404), "anonymous": 401}
STAFF = {**NOBODY, "moderator": 200, "admin": 200}
COMPANY_ADMIN = {**NOBODY, "entitled": 200}
COMPANY_PEOPLE = {**NOBODY, "not_entitled": 200, "entitled": 200, "moderator": 200}  # the moderator has a company


@pytest.fixture
def world(cast):
    return directory(cast)


def matrix(cast, world, request, expected, **kwargs):
    return assert_matrix(
        cast, request, expected, not_found_body=unknown_association,
        extra_actors={"firm_counsel": world.firm_counsel, "other_counsel": world.other_counsel}, **kwargs,
    )  # fmt: skip


def with_status(expected, code):
    return {actor: code if status == 200 else status for actor, status in expected.items()}


def firm_url(world, path=""):
    return a("alpha", f"counsel/firms/{world.firm.pk}/{path}")


def test_the_directory_and_a_firm(cast, world):
    responses = matrix(cast, world, lambda c: c.get(a("alpha", "counsel/firms/")), READERS)
    rows = responses["not_entitled"].json()["results"]
    assert [row["name_en"] for row in rows] == ["Harbor & Pine LLP", "Lakeview IP Group"]
    assert rows[0]["reviews_shown"] is False and rows[0]["rating"] is None and rows[0]["reviewing_companies"] is None
    found = Client()
    found.force_login(cast.users["entitled"])
    for query, names in (
        ("?forum=txed", ["Harbor & Pine LLP"]),
        ("?q=Ortega", ["Lakeview IP Group"]),
        ("?language=zh&verified=false", ["Harbor & Pine LLP"]),
        ("?verified=true", []),
        ("?sort=rating", ["Harbor & Pine LLP", "Lakeview IP Group"]),
    ):
        response = found.get(a("alpha", f"counsel/firms/{query}"))
        assert [row["name_en"] for row in response.json()["results"]] == names, query
    response = found.get(a("alpha", "counsel/firms/?sort=nonsense"))
    assert response.status_code == 400 and "sort" in error(response)["fields"]
    responses = matrix(cast, world, lambda c: c.get(firm_url(world)), READERS)
    detail = responses["firm_counsel"].json()
    assert detail["attorneys"][0]["name_en"] == "Dana Whitfield" and detail["ratings"] is None
    assert "user" not in detail["attorneys"][0]


def test_staff_create_and_change_firms(cast, world):
    body = {"name_en": "Gold Gate IP", "forums": ["cand"], "kinds": ["schedule_a"]}
    responses = matrix(cast, world, lambda c: post(c, a("alpha", "counsel/firms/"), body),
                       with_status(STAFF, 201), write=True)  # fmt: skip
    assert responses["moderator"].json()["forums"] == ["cand"]
    matrix(cast, world, lambda c: patch(c, firm_url(world), {"phone": "+1 415 555 0101"}), STAFF, write=True)
    assert LawFirm.objects.get(pk=world.firm.pk).phone == "+1 415 555 0101"
    staff = Client()
    staff.force_login(cast.users["admin"])
    before = database_fingerprint()
    for bad, field in (({"forums": ["mars"]}, "forums"), ({"kinds": ["x"]}, "kinds"), ({"name_en": ""}, "name_en")):
        response = patch(staff, firm_url(world), bad)
        assert response.status_code == 400 and field in error(response)["fields"], response.content
    response = post(staff, a("alpha", "counsel/firms/"), {"name_en": "X", "forums": "ilnd"})
    assert response.status_code == 400
    assert database_fingerprint() == before


def test_recommend_and_take_back(cast, world):
    url = firm_url(world, "recommend/")
    body = {"kind": "schedule_a", "forum": "ilnd"}
    responses = matrix(cast, world, lambda c: post(c, url, body), with_status(COMPANY_ADMIN, 201), write=True)
    mine = responses["entitled"].json()
    assert mine["firm"] == world.firm.pk
    detail = Client()
    detail.force_login(cast.users["not_entitled"])
    assert detail.get(firm_url(world)).json()["recommendations"] == [
        {"kind": "schedule_a", "forum": "ilnd", "companies": 1}
    ]
    responses = matrix(cast, world, lambda c: c.get(a("alpha", "counsel/recommendations/")), COMPANY_PEOPLE)
    assert [row["id"] for row in responses["entitled"].json()["results"]] == [mine["id"]]
    assert responses["not_entitled"].json()["results"] == []  # another company's people see none of it
    bad = Client()
    bad.force_login(cast.users["entitled"])
    response = post(bad, url, {"kind": "divorce", "forum": "moon"})
    assert response.status_code == 400 and {"kind", "forum"} <= set(error(response)["fields"])
    matrix(cast, world, lambda c: c.delete(a("alpha", f"counsel/recommendations/{mine['id']}/")),
           with_status(COMPANY_ADMIN, 204), write=True)  # fmt: skip
    assert not Recommendation.objects.exists()


def test_review_preview_submit_withdraw(cast, world):
    report, _version = cast_published_report(cast, kind="schedule_a", forum="ilnd", store_names=["SunnyNest Direct"])
    company = cast.users["entitled"].company
    body = {"report": report.pk, **RATINGS, "text": f"{company.legal_name_en} was freed; SunnyNest Direct too."}
    responses = matrix(cast, world, lambda c: post(c, firm_url(world, "reviews/preview/"), body), COMPANY_ADMIN)
    preview = responses["entitled"].json()
    assert company.legal_name_en not in preview["text"] and "SunnyNest Direct" not in preview["text"]
    redacted = " ".join(piece["text"] for piece in preview["redactions"])
    assert "SunnyNest Direct" in redacted and "Shenzhen" in redacted
    assert not Review.objects.exists()
    responses = matrix(cast, world, lambda c: post(c, firm_url(world, "reviews/"), body),
                       with_status(COMPANY_ADMIN, 201), write=True)  # fmt: skip
    review = responses["entitled"].json()
    assert review["status"] == "pending" and company.legal_name_en not in review["shared_text"]
    responses = matrix(cast, world, lambda c: c.get(a("alpha", "counsel/reviews/")), COMPANY_PEOPLE)
    assert [row["id"] for row in responses["entitled"].json()["results"]] == [review["id"]]
    assert responses["moderator"].json()["results"] == []
    matrix(cast, world, lambda c: post(c, a("alpha", f"counsel/reviews/{review['id']}/withdraw/")), COMPANY_ADMIN,
           write=True)  # fmt: skip
    assert Review.objects.get().status == "withdrawn"


def test_bad_reviews_are_field_errors_and_write_nothing(cast, world):
    report, _ = cast_published_report(cast, kind="schedule_a", forum="ilnd")
    _other, others_report = reviewer(cast)
    client = Client()
    client.force_login(cast.users["entitled"])
    url = firm_url(world, "reviews/")
    before = database_fingerprint()
    for bad, field in (
        ({"expertise": 0}, "expertise"), ({"expertise": 6}, "expertise"), ({"expertise": "5"}, "expertise"),
        ({"expertise": 2.5}, "expertise"), ({"report": others_report.pk}, "report"), ({"cost_band": "xl"}, "cost_band"),
    ):  # fmt: skip
        response = post(client, url, {"report": report.pk, **RATINGS, **bad})
        assert response.status_code == 400 and field in error(response)["fields"], (bad, response.content)
    assert database_fingerprint() == before
    admin = cast.users["entitled"]
    admin.preferred_language = "zh-hans"  # the signed-in user's language, whatever the browser says
    admin.save(update_fields=["preferred_language"])
    response = post(client, url, {"report": report.pk, **RATINGS})
    assert response.status_code == 201
    response = post(client, url, {"report": report.pk, **RATINGS, "expertise": 9})
    assert response.status_code == 400 and error(response)["fields"]["expertise"] == ["请给出 1 到 5 的评分。"]
    response = post(client, url, {"report": report.pk, **RATINGS})
    assert response.status_code == 400 and error(response)["fields"]["report"] == [
        "贵企业已就此报告评价过该律师事务所。"
    ]


def test_the_threshold_over_the_api(cast, world):
    client = Client()
    client.force_login(cast.users["not_entitled"])
    reviews = []
    for number in range(5):
        company, report = reviewer(cast)
        reviews.append((company, published_review(cast, world.firm, company, report)))
        listed = client.get(firm_url(world, "reviews/")).json()["results"]
        detail = client.get(firm_url(world)).json()
        if number < 4:
            assert listed == [] and detail["ratings"] is None and detail["reviews_shown"] is False
    assert len(listed) == 5 and detail["reviewing_companies"] == 5
    assert detail["ratings"] == {name: float(value) for name, value in RATINGS.items()}
    assert set(listed[0]) == {"id", *RATINGS, "cost_band", "text", "published", "reply"}
    services.review_withdraw(access=reviews[0][0].access(), review=reviews[0][1])
    assert client.get(firm_url(world, "reviews/")).json()["results"] == []
    assert client.get(firm_url(world)).json()["ratings"] is None


def test_reply_and_moderation(cast, world):
    for _ in range(5):
        company, report = reviewer(cast)
        review = published_review(cast, world.firm, company, report)
    url = a("alpha", f"counsel/reviews/{review.pk}/reply/")
    expected = {**NOBODY, "firm_counsel": 201}
    matrix(cast, world, lambda c: post(c, url, {"text": "Thank you for the kind words."}), expected, write=True)
    lawyer = Client()
    lawyer.force_login(world.firm_counsel)
    response = post(lawyer, url, {"text": "Again"})
    assert response.status_code == 400 and "text" in error(response)["fields"]
    company, report = reviewer(cast)
    pending = services.review_submit(access=company.access(), firm=world.firm,
                                     data={"report": report.pk, **RATINGS, "text": "Good."})  # fmt: skip
    responses = matrix(cast, world, lambda c: c.get(a("alpha", "moderation/counsel-reviews/")), STAFF)
    row = responses["moderator"].json()["results"][0]
    assert row["id"] == pending.pk and "company" not in row and "report" not in row
    decide = a("alpha", f"moderation/counsel-reviews/{pending.pk}/publish/")
    matrix(cast, world, lambda c: post(c, decide, {"redactions": ["Good"]}), {**STAFF, "admin": 404}, write=True,
           overrides={"admin": cast.users["not_entitled"]})  # fmt: skip
    pending.refresh_from_db()
    assert pending.status == "published" and "Good" not in pending.shared_text


def test_partner_keys_read_the_directory_only_where_the_association_opens_it(cast, world):
    partner = PartnerFactory(association=cast.association)
    _key, plain = api_key_for(partner, created_by=cast.users["admin"])
    client = Client()
    member_only = (
        firm_url(world, "reviews/"), a("alpha", "counsel/recommendations/"), a("alpha", "counsel/reviews/"),
        a("alpha", "moderation/counsel-reviews/"),
    )  # fmt: skip
    for url in (a("alpha", "counsel/firms/"), firm_url(world), *member_only):  # the association keeps it closed
        assert client.get(url, **bearer(plain)).status_code == 404, url

    tenancy_services.association_settings_update(
        association=cast.association, actor=cast.users["admin"], counsel_open_to_partners=True
    )
    services.firm_retire(access=access_of(cast.users["moderator"]), firm=world.other_firm)
    listed = client.get(a("alpha", "counsel/firms/"), **bearer(plain))
    assert listed.status_code == 200
    assert [row["name_en"] for row in listed.json()["results"]] == ["Harbor & Pine LLP"]  # current firms only
    detail = client.get(firm_url(world), **bearer(plain))
    assert detail.status_code == 200 and detail.json()["attorneys"][0]["name_en"] == "Dana Whitfield"
    assert client.get(a("alpha", f"counsel/firms/{world.other_firm.pk}/"), **bearer(plain)).status_code == 404
    for url in member_only:  # reviews, recommendations and moderation stay the members'
        assert client.get(url, **bearer(plain)).status_code == 404, url
    before = database_fingerprint()
    for url in (firm_url(world, "recommend/"), firm_url(world, "reviews/"), a("alpha", "counsel/firms/")):
        assert post(client, url, {}, **bearer(plain)).status_code == 404, url
    assert patch(client, firm_url(world), {"phone": "1"}, **bearer(plain)).status_code == 404
    assert database_fingerprint() == before

    _key, without_scope = api_key_for(partner, scopes=["reports:read"], created_by=cast.users["admin"])
    refused = client.get(a("alpha", "counsel/firms/"), **bearer(without_scope))
    assert refused.status_code == 403 and "counsel:read" in error(refused)["message"]
    _key, elsewhere = api_key_for(PartnerFactory(association=cast.other_association), created_by=cast.users["admin"])
    assert client.get(a("alpha", "counsel/firms/"), **bearer(elsewhere)).status_code == 404

    tenancy_services.association_settings_update(
        association=cast.association, actor=cast.users["admin"], counsel_open_to_partners=False
    )
    assert client.get(a("alpha", "counsel/firms/"), **bearer(plain)).status_code == 404  # closed again at once


def test_a_group_engages_a_firm(cast, world):
    group_world = build_world(cast)
    url = group_world.url("engagements/")
    body = {"firm": world.firm.pk, "scope": "Schedule A defense", "fee_arrangement": "Flat fee per defendant",
            "started_on": "2026-12-01", "counsel": [world.firm_counsel.pk]}  # fmt: skip
    group_matrix(group_world, lambda c: post(c, url, body), levels(403, 403, 403, lead=201), write=True)
    engagement = Engagement.objects.get()
    assert engagement.firm == world.firm
    responses = group_matrix(group_world, lambda c: c.get(url), levels(404, 200, 200))
    assert responses["member"].json()[0]["firm_name"] == "Harbor & Pine LLP"
    lead = group_world.client("lead")
    before = database_fingerprint()
    for bad, field in (({"firm": 999999}, "firm"), ({"counsel": [world.other_counsel.pk]}, "counsel"),
                       ({"scope": ""}, "scope"), ({"started_on": None}, "started_on")):  # fmt: skip
        response = post(lead, url, {**body, **bad})
        assert response.status_code == 400 and field in error(response)["fields"], (bad, response.content)
    assert database_fingerprint() == before


def test_staff_verify_and_retire_counsel_propose(cast, world):
    verified = matrix(cast, world, lambda c: post(c, firm_url(world, "verify/"), {}), STAFF, write=True)
    assert verified["admin"].json()["verified"] is True
    matrix(cast, world, lambda c: post(c, firm_url(world, "verify/"), {"value": False}), STAFF, write=True)
    assert LawFirm.objects.get(pk=world.firm.pk).verified_at is None
    propose = {**NOBODY, "firm_counsel": 201}
    matrix(cast, world, lambda c: post(c, firm_url(world, "proposals/"), {"phone": "+1 312 555 0199"}), propose,
           write=True)  # fmt: skip
    assert world.firm.proposals.get().changes == {"phone": "+1 312 555 0199"}
    lawyer = Client()
    lawyer.force_login(world.firm_counsel)
    response = post(lawyer, firm_url(world, "proposals/"), {"languages": ["elvish"]})
    assert response.status_code == 400 and "languages" in error(response)["fields"]
    retired = matrix(cast, world, lambda c: post(c, firm_url(world, "retire/"), {}), STAFF, write=True)
    assert retired["moderator"].json()["retired"] is True
    reader = Client()
    reader.force_login(cast.users["not_entitled"])
    assert reader.get(firm_url(world)).status_code == 404
    assert [row["name_en"] for row in reader.get(a("alpha", "counsel/firms/")).json()["results"]] == [
        "Lakeview IP Group"
    ]
