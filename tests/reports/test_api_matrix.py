"""Every report endpoint and method through the permission matrix, partner keys, and what readers never see.

Cast (tests/conftest.py): the entitled user is a company admin in `alpha` and the reporter of every report here;
not_entitled is a member of another company of `alpha`; the moderator also belongs to a company of `alpha`; the
admin has no company. Every 404 must be byte for byte an unknown association's.
"""

import pytest
import yaml
from django.core.management import call_command
from django.test import Client

from sharing.reports import services
from sharing.reports.choices import ReportStatus, VersionStatus
from sharing.reports.models import Report, ReturnReason, SharedVersion
from tests.api.calls import UNKNOWN_ASSOCIATION, a, bearer, error, patch, post, unknown_association
from tests.factories import PartnerFactory, api_key_for, published_report, report_data
from tests.permission_matrix import assert_matrix, database_fingerprint
from tests.reports.api_helpers import (
    MODERATION,
    OWN,
    PLAINTIFFS,
    PREVIEW,
    REASONS,
    REPORTS,
    another_reporter_access,
    body,
    draft,
    identity_terms,
    pending,
    published,
    return_reason,
    signed_in,
)

pytestmark = pytest.mark.django_db

READERS = {
    "anonymous": 401,
    "other_association": 404,
    "not_entitled": 200,
    "entitled": 200,
    "moderator": 200,
    "admin": 200,
}
COMPANY_PEOPLE = {**READERS, "admin": 404}  # the association admin has no company
OWNER = {**READERS, "not_entitled": 404, "moderator": 404, "admin": 404}
STAFF = {**READERS, "not_entitled": 404, "entitled": 404}
NOBODY = {**READERS, "not_entitled": 404, "entitled": 404, "moderator": 404, "admin": 404}


def matrix(cast, request, expected, **kwargs):
    return assert_matrix(cast, request, expected, not_found_body=unknown_association, **kwargs)


def ids(response) -> list[int]:
    return [item["id"] for item in response.json()["results"]]


# Published reports -----------------------------------------------------------------------------------------


def test_published_list(cast):
    _, version = published(cast)
    pending(cast, plaintiff_name="Voltix Brands Inc.")
    responses = matrix(cast, lambda c: c.get(REPORTS), READERS)
    for actor in ("not_entitled", "entitled", "moderator", "admin"):
        assert ids(responses[actor]) == [version.pk]


def test_published_detail_with_similar_reports(cast):
    _, version = published(cast)
    other = another_reporter_access(cast)
    _, same_plaintiff = published_report(other, moderator=cast.users["moderator"], plaintiff_name="LUMEN HOLDINGS")
    responses = matrix(cast, lambda c: c.get(a("alpha", f"reports/{version.pk}/")), READERS)
    detail = responses["not_entitled"].json()
    assert detail["id"] == version.pk
    assert [s["id"] for s in detail["similar"]] == [same_plaintiff.pk]


@pytest.mark.parametrize("state", ["pending", "withdrawn", "rejected"])
def test_unpublished_versions_are_hidden_from_everyone(cast, state):
    report, version = pending(cast)
    if state == "withdrawn":
        services.report_withdraw(report=report, actor=cast.users["entitled"])
    elif state == "rejected":
        services.version_reject(version=version, actor=cast.users["moderator"])
    matrix(cast, lambda c: c.get(a("alpha", f"reports/{version.pk}/")), NOBODY)


def test_plaintiff_suggestions(cast):
    published(cast)
    responses = matrix(cast, lambda c: c.get(PLAINTIFFS, {"q": "lumen holdings llc"}), READERS)
    assert [p["name"] for p in responses["not_entitled"].json()] == ["Lumen Holdings, LLC"]
    assert set(responses["admin"].json()[0]) == {"id", "name", "classification"}


# The company's own reports ---------------------------------------------------------------------------------


def test_own_list(cast):
    report = draft(cast)
    responses = matrix(cast, lambda c: c.get(OWN), COMPANY_PEOPLE)
    assert ids(responses["entitled"]) == [report.pk]
    assert ids(responses["not_entitled"]) == [] and ids(responses["moderator"]) == []


def test_own_create(cast):
    created = {**COMPANY_PEOPLE, "not_entitled": 201, "entitled": 201, "moderator": 201}
    matrix(cast, lambda c: post(c, OWN, body()), created, write=True)
    companies = set(Report.objects.values_list("company_id", flat=True))
    assert companies == {cast.users[actor].company_id for actor in ("not_entitled", "entitled", "moderator")}


def test_own_detail(cast):
    report = draft(cast)
    responses = matrix(cast, lambda c: c.get(a("alpha", f"reports/own/{report.pk}/")), OWNER)
    assert responses["entitled"].json()["docket_number"] == "2:26-cv-00123-JRG"


def test_own_detail_tells_links_and_decisions_never_who(cast):
    report, version = pending(cast)
    other = another_reporter_access(cast)
    services.report_submit(
        report=services.report_create(access=other, data=report_data(plaintiff_name="LUMEN HOLDINGS LLC"))[0],
        actor=other.user,
    )
    services.version_return(version=version, actor=cast.users["moderator"], reasons=[return_reason(cast.association)])
    user = cast.users["entitled"]
    user.preferred_language = "zh-hans"
    user.save()
    detail = signed_in(user).get(a("alpha", f"reports/own/{report.pk}/")).json()
    assert detail["links"] == {"same_plaintiff": 1, "same_case": 1}
    assert detail["versions"] == [
        {
            "revision": 1,
            "status": VersionStatus.RETURNED,
            "submitted_at": detail["versions"][0]["submitted_at"],
            "decided_at": detail["versions"][0]["decided_at"],
            "return_reasons": ["太笼统。"],
            "note": "",
        }
    ]


def test_own_update(cast):
    report = draft(cast)
    url = a("alpha", f"reports/own/{report.pk}/")
    matrix(cast, lambda c: patch(c, url, body(stage="discovery")), OWNER, write=True)
    report.refresh_from_db()
    assert report.stage == "discovery"


def test_own_submit(cast):
    report = draft(cast)
    url = a("alpha", f"reports/own/{report.pk}/submit/")
    matrix(cast, lambda c: post(c, url), OWNER, write=True)
    # Submitting again changes nothing.
    before = database_fingerprint()
    assert post(signed_in(cast.users["entitled"]), url).status_code == 200
    assert database_fingerprint() == before
    assert report.versions.get().status == VersionStatus.PENDING


def test_own_withdraw(cast):
    report, version = published(cast)
    matrix(cast, lambda c: post(c, a("alpha", f"reports/own/{report.pk}/withdraw/")), OWNER, write=True)
    version.refresh_from_db()
    assert version.status == VersionStatus.WITHDRAWN
    assert ids(signed_in(cast.users["not_entitled"]).get(REPORTS)) == []


def test_own_archive(cast):
    report, version = published(cast)
    responses = matrix(cast, lambda c: post(c, a("alpha", f"reports/own/{report.pk}/archive/")), OWNER, write=True)
    assert responses["entitled"].json()["status"] == ReportStatus.ARCHIVED
    assert ids(signed_in(cast.users["not_entitled"]).get(REPORTS)) == [version.pk]  # still readable


def test_preview_writes_nothing(cast):
    before = database_fingerprint()
    narrative = f"{cast.users['entitled'].company.aliases[0]} was sued."
    new = body(plaintiff_name="Brand New Plaintiff", narrative=narrative)
    responses = matrix(cast, lambda c: post(c, PREVIEW, new), COMPANY_PEOPLE)
    assert database_fingerprint() == before
    preview = responses["entitled"].json()
    assert preview["narrative"] == "[MEMBER] was sued."
    assert preview["redactions"] == [
        {"start": 0, "end": len(narrative) - len(" was sued."), "placeholder": "[MEMBER]", "text": narrative[:-10]}
    ]
    assert preview["plaintiff"] == {"name": "Brand New Plaintiff", "classification": "unknown"}


def test_preview_of_changes_to_an_own_report(cast):
    report = draft(cast)
    responses = matrix(
        cast,
        lambda c: post(c, PREVIEW, {**body(stage="trial"), "report": report.pk}),
        # Others name a report that is not theirs: a field error, nothing written.
        {**COMPANY_PEOPLE, "not_entitled": 400, "moderator": 400},
        write=True,
    )
    assert responses["entitled"].json()["stage"] == "trial"
    assert list(error(responses["not_entitled"])["fields"]) == ["report"]
    report.refresh_from_db()
    assert report.stage == "served"


# Moderation ------------------------------------------------------------------------------------------------


def test_moderation_queue(cast):
    _, first = pending(cast)
    _, second = pending(cast, plaintiff_name="Voltix Brands Inc.")
    published(cast, plaintiff_name="Third Party Corp")
    responses = matrix(cast, lambda c: c.get(MODERATION), STAFF)
    assert ids(responses["moderator"]) == [first.pk, second.pk]  # oldest first


def test_moderation_version(cast):
    _, version = pending(cast)
    responses = matrix(cast, lambda c: c.get(a("alpha", f"moderation/{version.pk}/")), STAFF)
    assert responses["admin"].json()["moderator_redactions"] == []


def test_published_version_is_not_in_moderation(cast):
    _, version = published(cast)
    matrix(cast, lambda c: c.get(a("alpha", f"moderation/{version.pk}/")), NOBODY)


@pytest.mark.parametrize("decider", ["moderator", "admin"])
@pytest.mark.parametrize(
    ("decision", "status", "repeat"),
    [
        ("approve", VersionStatus.PUBLISHED, 404),  # decided: it left the queue
        ("return", VersionStatus.RETURNED, 404),
        ("reject", VersionStatus.REJECTED, 404),
        ("redact", VersionStatus.PENDING, 200),  # still awaiting a decision: redacting again is allowed
        ("classify", VersionStatus.PENDING, 200),
    ],
)
def test_moderation_decision(cast, decider, decision, status, repeat):
    _, version = pending(cast, narrative="Made in the Cixi factory.")
    reason = return_reason(cast.association)
    payload = {
        "approve": {},
        "return": {"reasons": [reason.pk], "note": "Say which product."},
        "reject": {"note": "Not a lawsuit."},
        "redact": {"terms": ["Cixi"]},
        "classify": {"classification": "pae"},
    }[decision]
    other = "admin" if decider == "moderator" else "moderator"
    responses = matrix(
        cast,
        lambda c: post(c, a("alpha", f"moderation/{version.pk}/{decision}/"), payload),
        {**STAFF, "admin": repeat},
        write=True,
        # The decider acts first (in the moderator's row); the other staff member repeats the decision.
        overrides={"moderator": cast.users[decider], "admin": cast.users[other]},
    )
    version.refresh_from_db()
    assert version.status == status
    assert responses["moderator"].json()["id"] == version.pk
    if decision == "redact":
        assert version.narrative == "Made in the [REDACTED] factory."
    if decision == "classify":
        assert responses["moderator"].json()["plaintiff"]["classification"] == "pae"


def test_unknown_decision_is_404(cast):
    _, version = pending(cast)
    matrix(cast, lambda c: post(c, a("alpha", f"moderation/{version.pk}/publish/")), NOBODY, write=True)
    assert SharedVersion.objects.get(pk=version.pk).status == VersionStatus.PENDING


def test_return_reasons_list(cast):
    return_reason(cast.association)
    return_reason(cast.other_association, title="Other")
    responses = matrix(cast, lambda c: c.get(REASONS), STAFF)
    assert [r["title"] for r in responses["moderator"].json()["results"]] == ["Vague"]


def test_return_reason_create(cast):
    reason = {"title": "Identity", "text_en": "The narrative names you.", "text_zh": "叙述中出现了贵公司名称。"}
    matrix(cast, lambda c: post(c, REASONS, reason), {**STAFF, "moderator": 201, "admin": 201}, write=True)
    assert ReturnReason.objects.filter(association=cast.association, title="Identity").count() == 2


def test_return_reason_update(cast):
    reason = return_reason(cast.association)
    url = a("alpha", f"moderation/reasons/{reason.pk}/")
    responses = matrix(cast, lambda c: patch(c, url, {"title": "Too vague"}), STAFF, write=True)
    assert responses["admin"].json() | {"created_at": None} == {
        "id": reason.pk,
        "title": "Too vague",
        "text_en": "Too vague.",
        "text_zh": "太笼统。",
        "created_at": None,
    }


def test_return_reason_delete(cast):
    reason = return_reason(cast.association)
    url = a("alpha", f"moderation/reasons/{reason.pk}/")
    matrix(cast, lambda c: c.delete(url), {**STAFF, "moderator": 204, "admin": 404}, write=True)  # repeat: gone
    assert not ReturnReason.objects.filter(pk=reason.pk).exists()


def test_another_associations_reason_is_404(cast):
    foreign = return_reason(cast.other_association)
    url = a("alpha", f"moderation/reasons/{foreign.pk}/")
    matrix(cast, lambda c: patch(c, url, {"title": "Hijacked"}), NOBODY, write=True)
    matrix(cast, lambda c: c.delete(url), NOBODY, write=True)


# Partner keys ----------------------------------------------------------------------------------------------


def partner_key(association, cast, scopes=None) -> dict:
    partner = PartnerFactory(association=association)
    return bearer(api_key_for(partner, scopes=scopes, created_by=cast.users["admin"])[1])


def test_partner_with_reports_read(cast):
    _, version = published(cast)
    key = partner_key(cast.association, cast, scopes=["reports:read"])
    assert ids(Client().get(REPORTS, **key)) == [version.pk]
    assert Client().get(a("alpha", f"reports/{version.pk}/"), **key).json()["id"] == version.pk
    assert Client().get(PLAINTIFFS, {"q": "Lumen"}, **key).json()[0]["name"] == "Lumen Holdings, LLC"


def test_partner_without_reports_read(cast):
    _, version = published(cast)
    key = partner_key(cast.association, cast, scopes=["association:read", "stats:read"])
    for url in (REPORTS, a("alpha", f"reports/{version.pk}/"), PLAINTIFFS):
        response = Client().get(url, **key)
        assert response.status_code == 403
        assert error(response)["code"] == "permission_denied"


def test_partner_of_another_association(cast):
    _, version = published(cast)
    key = partner_key(cast.other_association, cast)
    reference = Client().get(UNKNOWN_ASSOCIATION, **key).content
    for url in (REPORTS, a("alpha", f"reports/{version.pk}/"), PLAINTIFFS):
        response = Client().get(url, **key)
        assert (response.status_code, response.content) == (404, reference)


def test_partner_keys_reach_nothing_else(cast):
    """Even with every scope, a key is not a company or a moderator: 404, and nothing written."""
    report, version = pending(cast)
    reason = return_reason(cast.association)
    key = partner_key(cast.association, cast)
    client = Client()
    reference = client.get(UNKNOWN_ASSOCIATION, **key).content
    calls = [
        lambda: client.get(OWN, **key),
        lambda: post(client, OWN, body(), **key),
        lambda: client.get(a("alpha", f"reports/own/{report.pk}/"), **key),
        lambda: patch(client, a("alpha", f"reports/own/{report.pk}/"), body(), **key),
        *(lambda action=action: post(client, a("alpha", f"reports/own/{report.pk}/{action}/"), **key)
          for action in ("submit", "withdraw", "archive")),
        lambda: post(client, PREVIEW, body(), **key),
        lambda: client.get(MODERATION, **key),
        lambda: client.get(a("alpha", f"moderation/{version.pk}/"), **key),
        lambda: post(client, a("alpha", f"moderation/{version.pk}/approve/"), **key),
        lambda: client.get(REASONS, **key),
        lambda: post(client, REASONS, {"title": "t", "text_en": "e", "text_zh": "z"}, **key),
        lambda: patch(client, a("alpha", f"moderation/reasons/{reason.pk}/"), {"title": "t"}, **key),
        lambda: client.delete(a("alpha", f"moderation/reasons/{reason.pk}/"), **key),
    ]  # fmt: skip
    before = database_fingerprint()
    for call in calls:
        response = call()
        assert (response.status_code, response.content) == (404, reference), response.request["PATH_INFO"]
    assert database_fingerprint() == before


# What readers see ------------------------------------------------------------------------------------------

WITHHELD_KEYS = {"report", "report_id", "company", "created_by", "docket_number", "store_names", "seller_ids",
                 "listing_ids", "product_models", "extra_redactions", "plaintiff_name", "decided_by"}  # fmt: skip


def _keys(value) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {key for item in value.values() for key in _keys(item)}
    if isinstance(value, list):
        return {key for item in value for key in _keys(item)}
    return set()


def test_readers_never_see_the_reporter(cast):
    """Other members, moderators and partners: no identity term anywhere, no field that points at the reporter."""
    company = cast.users["entitled"].company
    narrative = (
        f"{company.aliases[0]} ({company.legal_name_en}) was served; {cast.users['entitled'].display_name} "
        f"({cast.users['entitled'].email}) runs {company.store_names[0]} on {company.web_domains[0]}. "
        "Listing B0ABCDEFGH, seller A2XYZ123SELLER, case 2:26-cv-00123-JRG."
    )
    report, version = published(cast, narrative=narrative)
    services.report_update(
        report=report, actor=cast.users["entitled"], data=report_data(narrative=narrative, stage="discovery")
    )
    pending_version = report.versions.get(status=VersionStatus.PENDING)
    key = partner_key(cast.association, cast, scopes=["reports:read"])
    seen = [
        signed_in(cast.users["not_entitled"]).get(REPORTS),
        signed_in(cast.users["not_entitled"]).get(a("alpha", f"reports/{version.pk}/")),
        Client().get(REPORTS, **key),
        Client().get(a("alpha", f"reports/{version.pk}/"), **key),
        signed_in(cast.users["moderator"]).get(MODERATION),
        signed_in(cast.users["moderator"]).get(a("alpha", f"moderation/{pending_version.pk}/")),
        signed_in(cast.users["admin"]).get(REPORTS),
    ]
    terms = [term for term in identity_terms(cast, report) if term]
    for response in seen:
        assert response.status_code == 200
        text = response.content.decode()
        leaked = [term for term in terms if term.casefold() in text.casefold()]
        assert not leaked, (response.request["PATH_INFO"], leaked)
        assert not _keys(response.json()) & WITHHELD_KEYS


# The schema ------------------------------------------------------------------------------------------------


def test_schema_documents_filters_scopes_and_idempotency(tmp_path):
    target = tmp_path / "schema.yml"
    call_command("spectacular", "--file", str(target))
    paths = yaml.safe_load(target.read_text())["paths"]
    listing = paths["/api/v1/a/{slug}/reports/"]["get"]
    filters = {"q", "plaintiff", "law_firm", "forum", "kind", "right", "patent", "industry", "product_category",
               "filed_after", "filed_before", "stage", "outcome", "sort", "cursor", "page_size"}  # fmt: skip
    assert filters <= {p["name"] for p in listing["parameters"]}
    assert {"partnerKey": []} in listing["security"] and "400" in listing["responses"]
    assert "reports:read" in listing["description"]
    own = paths["/api/v1/a/{slug}/reports/own/"]
    assert {"partnerKey": []} not in own["post"]["security"]
    assert "Idempotency-Key" in {p["name"] for p in own["post"]["parameters"]}
    assert set(own["post"]["responses"]) >= {"200", "201", "400"}
    replace = paths["/api/v1/a/{slug}/reports/own/{id}/"]["patch"]
    assert (
        replace["requestBody"]["content"]["application/json"]["schema"]
        == own["post"]["requestBody"]["content"]["application/json"]["schema"]
    )
    assert "complete report" in replace["description"]
    decision = paths["/api/v1/a/{slug}/moderation/{id}/{decision}/"]["post"]
    decisions = next(p for p in decision["parameters"] if p["name"] == "decision")["schema"]["enum"]
    assert set(decisions) == {"approve", "return", "reject", "redact", "classify"}
    for path, operations in paths.items():
        if "/reports" in path or "/moderation" in path or "/plaintiffs" in path:
            for method, operation in operations.items():
                assert operation.get("description"), (method, path)


def test_json_bodies_round_trip(cast):
    """What GET returns for an own report can be sent back whole as the PATCH body."""
    report = draft(cast, trademarks=["Reg. No. 5,123,456"], copyright=True)
    client = signed_in(cast.users["entitled"])
    url = a("alpha", f"reports/own/{report.pk}/")
    read = client.get(url).json()
    again = patch(client, url, read)
    assert again.status_code == 200, again.content
    unchanged = {name for name in read if name not in {"updated_at", "links", "versions"}}
    assert {name: again.json()[name] for name in unchanged} == {name: read[name] for name in unchanged}
