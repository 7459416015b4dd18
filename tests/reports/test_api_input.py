"""Bad input to the report endpoints: a field-level error in the caller's language, in the one error format, and
nothing written. Also what input that is valid but tricky does: HTML kept as text, repeated calls, revisions."""

import uuid
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone, translation
from django.utils.translation import gettext

from sharing.plaintiffs.services import plaintiff_for_name
from sharing.reports import selectors, services
from sharing.reports.choices import ReportStatus, VersionStatus
from sharing.reports.models import Report, SharedVersion
from tenancy.access import resolve_access
from tests.api.calls import a, bearer, error, patch, post
from tests.factories import PartnerFactory, api_key_for
from tests.permission_matrix import database_fingerprint
from tests.reports.api_helpers import (
    OWN,
    PREVIEW,
    REASONS,
    REPORTS,
    body,
    draft,
    pending,
    published,
    return_reason,
    signed_in,
)

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "zh-hans"]
# Days ahead, not one: the date is taken when the module loads, and a run may cross midnight.
NEXT_WEEK = (timezone.localdate() + timedelta(days=7)).isoformat()


def speaker(cast, language) -> Client:
    """The reporter, signed in with `language` as preferred language and in Accept-Language."""
    user = cast.users["entitled"]
    user.preferred_language = language
    user.save(update_fields=["preferred_language"])
    client = signed_in(user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = language
    return client


def refused(response, fields=None) -> dict:
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/json"
    body = error(response)
    assert body["code"] == "invalid"
    if fields is not None:
        assert list(body["fields"]) == fields, body
    return body


def _message(text, **params):
    """A message of ours, looked up when the test compares (so in the language then active)."""
    return lambda: gettext(text) % params if params else gettext(text)


# (changes to a valid report, the field in error, its message or None for a framework message)
BAD_REPORTS = [
    pytest.param(
        {"patents": ["99,999,999"]},
        "patents",
        _message("“%(value)s” is outside the range of numbers the USPTO has issued.", value="99,999,999"),
        id="impossible-patent",
    ),
    pytest.param(
        {"patents": ["US 10,123,456 B2", "ABC-123"]},
        "patents",
        _message("“%(value)s” is not a US patent number such as 10,123,456 or D123,456.", value="ABC-123"),
        id="invalid-patent",
    ),
    pytest.param(
        {"patents": ["D765,432 B2"]},
        "patents",
        _message("“%(value)s” mixes a patent number with another type's kind code.", value="D765,432 B2"),
        id="design-patent-with-utility-kind-code",
    ),
    pytest.param(
        {"trademarks": ["123456789"]},
        "trademarks",
        _message("“%(value)s” is not a US trademark registration number such as 5,123,456.", value="123456789"),
        id="invalid-trademark",
    ),
    pytest.param(
        {"filed_on": NEXT_WEEK, "served_on": None, "response_due_on": None},
        "filed_on",
        _message("This date is in the future."),
        id="future-filing",
    ),
    pytest.param(
        {"notice_received_on": NEXT_WEEK, "filed_on": None, "served_on": None, "response_due_on": None},
        "notice_received_on",
        _message("This date is in the future."),
        id="future-notice",
    ),
    pytest.param(
        {"served_on": "2026-03-20", "response_due_on": "2026-03-19"},
        "response_due_on",
        _message("The response cannot be due before service."),
        id="due-before-service",
    ),
    pytest.param(
        {"filed_on": "2026-03-14", "served_on": "2026-03-01", "response_due_on": None},
        "served_on",
        _message("Service cannot come before the filing."),
        id="served-before-filing",
    ),
    pytest.param({"filed_on": "2026-02-30"}, "filed_on", None, id="impossible-date"),
    pytest.param(
        {"damages_claimed": "-5.00"}, "damages_claimed", _message("Enter an amount of zero or more."), id="negative"
    ),
    pytest.param(
        {"defense_cost": "-0.01"}, "defense_cost", _message("Enter an amount of zero or more."), id="negative-cost"
    ),
    pytest.param({"frozen_funds": "lots"}, "frozen_funds", None, id="amount-not-a-number"),
    pytest.param({"currency": "XYZ"}, "currency", None, id="unknown-currency"),
    pytest.param({"kind": "lawsuit"}, "kind", None, id="unknown-kind"),
    pytest.param({"forum": "moon"}, "forum", None, id="unknown-forum"),
    pytest.param(
        {"forum": "itc"}, "forum", _message("This forum does not hear this kind of case."), id="forum-of-another-kind"
    ),
    pytest.param(
        {"narrative": "x" * 20_001},
        "narrative",
        _message("The narrative is longer than %(limit)d characters.", limit=20_000),
        id="narrative-too-long",
    ),
    pytest.param({"narrative": 42}, "narrative", None, id="narrative-not-text"),
    pytest.param({"plaintiff_name": ""}, "plaintiff_name", None, id="no-plaintiff"),
    pytest.param({"store_names": "BrightHome Direct"}, "store_names", None, id="list-as-text"),
    pytest.param(
        {"seller_ids": ["ok", "  "]},
        "seller_ids",
        _message("Item %(position)d is empty or not a text.", position=2),
        id="blank-list-item",
    ),
    pytest.param({"copyright": "perhaps"}, "copyright", None, id="not-a-boolean"),
]


@pytest.fixture(params=["create", "update", "preview"])
def send(request, cast):
    """One way of sending a complete report: create it, replace an existing one's content, or preview it."""
    report = draft(cast)
    url = {"create": OWN, "update": a("alpha", f"reports/own/{report.pk}/"), "preview": PREVIEW}[request.param]
    method = patch if request.param == "update" else post
    return lambda client, data: method(client, url, data)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(("changes", "field", "message"), BAD_REPORTS)
def test_bad_report(cast, send, language, changes, field, message):
    client = speaker(cast, language)
    before = database_fingerprint()
    response = send(client, body(**changes))
    problem = refused(response, [field])
    assert database_fingerprint() == before
    assert response["Content-Language"] == language
    with translation.override(language):
        assert problem["message"] == gettext("Some fields need attention.")
        if message is not None:
            assert problem["fields"][field] == [message()]


def test_every_problem_is_reported_at_once(cast):
    changes = {"patents": ["99,999,999"], "served_on": NEXT_WEEK, "damages_claimed": "-1", "narrative": "x" * 20_001}
    before = database_fingerprint()
    problem = refused(post(speaker(cast, "en"), OWN, body(**changes)))
    assert set(problem["fields"]) == {"patents", "served_on", "response_due_on", "damages_claimed", "narrative"}
    assert database_fingerprint() == before


def test_plaintiff_must_not_name_the_reporter(cast):
    company = cast.users["entitled"].company
    before = database_fingerprint()
    problem = refused(post(speaker(cast, "en"), OWN, body(plaintiff_name=company.legal_name_en)), ["plaintiff_name"])
    assert problem["fields"]["plaintiff_name"] == [
        gettext("The asserting party and its law firm must not name your company.")
    ]
    assert database_fingerprint() == before


def test_chinese_messages_differ_from_english(cast):
    """The framework's messages are translated already; ours follow once the catalog is written."""
    messages = {}
    for language in LANGUAGES:
        problem = refused(post(speaker(cast, language), OWN, body(currency="XYZ")), ["currency"])
        messages[language] = problem["fields"]["currency"][0]
    assert messages["en"] == '"XYZ" is not a valid choice.'
    assert messages["zh-hans"] != messages["en"] and "XYZ" in messages["zh-hans"]


def test_html_and_script_are_kept_as_text(cast):
    text = "<script>alert('x')</script><b onmouseover=\"steal()\">bold</b> & <img src=x onerror=alert(1)>"
    client = speaker(cast, "en")
    created = post(client, OWN, body(narrative=text, law_firm="<i>Rabicoff</i> Law LLC"))
    assert created.status_code == 201, created.content
    report = created.json()
    assert (report["narrative"], report["law_firm"]) == (text, "<i>Rabicoff</i> Law LLC")
    assert Report.objects.get(pk=report["id"]).narrative == text  # stored as typed, not sanitized
    read = client.get(a("alpha", f"reports/own/{report['id']}/"))
    assert read["Content-Type"] == "application/json" and read["X-Content-Type-Options"] == "nosniff"
    assert read.json()["narrative"] == text
    preview = post(client, PREVIEW, body(narrative=text))
    assert preview.json()["narrative"] == text and preview.json()["source"] == text
    services.report_submit(report=Report.objects.get(pk=report["id"]), actor=cast.users["entitled"])
    version = SharedVersion.objects.get(report_id=report["id"])
    services.version_approve(version=version, actor=cast.users["moderator"])
    shared = signed_in(cast.users["not_entitled"]).get(a("alpha", f"reports/{version.pk}/")).json()
    assert shared["narrative"] == text and shared["law_firm"] == "<i>Rabicoff</i> Law LLC"


def test_repeated_create_with_the_same_idempotency_key(cast):
    client = speaker(cast, "en")
    key = {"HTTP_IDEMPOTENCY_KEY": str(uuid.uuid4())}
    first = post(client, OWN, body(), **key)
    assert first.status_code == 201
    before = database_fingerprint()
    again = post(client, OWN, body(stage="trial"), **key)  # a retry: the body is not applied again
    assert again.status_code == 200
    assert again.json() == first.json()
    assert database_fingerprint() == before
    assert post(client, OWN, body(), HTTP_IDEMPOTENCY_KEY=str(uuid.uuid4())).status_code == 201
    assert Report.objects.count() == 2


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("key", ["12345", "", "not-a-uuid-at-all", str(uuid.uuid4())[:-1]])
def test_bad_idempotency_key(cast, language, key):
    client = speaker(cast, language)
    before = database_fingerprint()
    problem = refused(post(client, OWN, body(), HTTP_IDEMPOTENCY_KEY=key), ["Idempotency-Key"])
    with translation.override(language):
        assert problem["fields"]["Idempotency-Key"] == [gettext("Send a UUID, such as one from uuid4().")]
    assert database_fingerprint() == before


def test_editing_a_published_report_creates_a_pending_revision(cast):
    report, version = published(cast)
    client = speaker(cast, "en")
    response = patch(client, a("alpha", f"reports/own/{report.pk}/"), body(stage="discovery"))
    assert response.status_code == 200, response.content
    changed = response.json()
    assert changed["status"] == ReportStatus.UPDATED
    assert [(v["revision"], v["status"]) for v in changed["versions"]] == [
        (2, VersionStatus.PENDING),
        (1, VersionStatus.PUBLISHED),
    ]
    listed = signed_in(cast.users["not_entitled"]).get(REPORTS).json()["results"]
    assert [(item["id"], item["stage"]) for item in listed] == [(version.pk, "served")]  # the published one stays
    queue = signed_in(cast.users["moderator"]).get(a("alpha", "moderation/")).json()["results"]
    assert [(item["revision"], item["stage"]) for item in queue] == [(2, "discovery")]


@pytest.mark.parametrize("language", LANGUAGES)
def test_changing_a_withdrawn_report_is_refused(cast, language):
    report, _ = published(cast)
    services.report_withdraw(report=report, actor=cast.users["entitled"])
    client = speaker(cast, language)
    before = database_fingerprint()
    problem = refused(patch(client, a("alpha", f"reports/own/{report.pk}/"), body()))
    with translation.override(language):
        message = gettext("A withdrawn, rejected or archived report cannot be changed.")
    assert problem == {"code": "invalid", "message": message, "fields": {"non_field_errors": [message]}}
    assert database_fingerprint() == before


def test_archiving_a_draft_is_refused(cast):
    report = draft(cast)
    before = database_fingerprint()
    problem = refused(post(speaker(cast, "en"), a("alpha", f"reports/own/{report.pk}/archive/")))
    assert problem["message"] == gettext("Only a published report can be archived.")
    assert database_fingerprint() == before


# Moderation ------------------------------------------------------------------------------------------------


def moderator(cast, language) -> Client:
    user = cast.users["moderator"]
    user.preferred_language = language
    user.save(update_fields=["preferred_language"])
    return signed_in(user)


def test_deciding_an_already_decided_version(cast):
    """A decided revision has left the queue: every later decision is a 404, and nothing is written."""
    _, version = pending(cast)
    client = moderator(cast, "en")
    assert post(client, a("alpha", f"moderation/{version.pk}/approve/")).status_code == 200
    before = database_fingerprint()
    for decision, payload in [("approve", {}), ("reject", {"note": "x"}), ("redact", {"terms": ["Lumen"]})]:
        response = post(client, a("alpha", f"moderation/{version.pk}/{decision}/"), payload)
        assert response.status_code == 404
    assert database_fingerprint() == before


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_decision_that_loses_the_race(cast, monkeypatch, language):
    """Two moderators open the same revision; the second decision finds it decided: 400, nothing written."""
    _, version = pending(cast)
    found = selectors.get_version_for_moderation(resolve_access(slug="alpha", user=cast.users["moderator"]), version.pk)
    services.version_approve(version=found, actor=cast.users["admin"])
    monkeypatch.setattr(selectors, "get_version_for_moderation", lambda access, pk: found)
    client = moderator(cast, language)
    before = database_fingerprint()
    problem = refused(post(client, a("alpha", f"moderation/{version.pk}/reject/"), {"note": "x"}))
    with translation.override(language):
        assert problem["message"] == gettext("This revision was already decided or replaced.")
    assert database_fingerprint() == before


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    ("decision", "payload", "field", "message"),
    [
        ("return", {}, "note", _message("Give at least one reason or a note.")),
        ("return", {"note": "   "}, "note", _message("Give at least one reason or a note.")),
        ("return", {"reasons": ["foreign"]}, "reasons.0", _message("Choose one of this association's return reasons.")),
        ("return", {"reasons": "1"}, "reasons", None),
        ("reject", {"note": "x" * 2001}, "note", None),
        ("redact", {}, "terms", _message("Enter at least one word or phrase to redact.")),
        ("redact", {"terms": "Cixi"}, "terms", None),
    ],
)
def test_bad_decisions(cast, language, decision, payload, field, message):
    _, version = pending(cast)
    if payload.get("reasons") == ["foreign"]:
        payload = {"reasons": [return_reason(cast.other_association).pk]}
    client = moderator(cast, language)
    before = database_fingerprint()
    problem = refused(post(client, a("alpha", f"moderation/{version.pk}/{decision}/"), payload))
    assert list(problem["fields"]) == [field]
    if message is not None:
        with translation.override(language):
            assert problem["fields"][field] == [message()]
    assert database_fingerprint() == before


@pytest.mark.parametrize(
    ("reason", "field"),
    [
        ({"title": "", "text_en": "e", "text_zh": "z"}, "title"),
        ({"title": "t", "text_en": "e"}, "text_zh"),
        ({"title": "t" * 121, "text_en": "e", "text_zh": "z"}, "title"),
        ({"title": "t", "text_en": ["e"], "text_zh": "z"}, "text_en"),
    ],
)
def test_bad_return_reasons(cast, reason, field):
    before = database_fingerprint()
    refused(post(moderator(cast, "en"), REASONS, reason), [field])
    assert database_fingerprint() == before


# Filters ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "kind=lawsuit",
        "forum=moon",
        "right=patent",
        "patent=not-a-patent",
        "patent=99999999",
        "filed_after=2026-13-01",
        "filed_before=yesterday",
        "plaintiff=999999",
        "plaintiff=abc",
        "sort=random",
        f"q={'x' * 201}",
    ],
)
def test_bad_filters(cast, query):
    published(cast)
    field = query.split("=")[0]
    refused(signed_in(cast.users["not_entitled"]).get(f"{REPORTS}?{query}"), [field])


def test_bad_filter_in_chinese_for_a_partner(cast):
    published(cast)
    key = bearer(api_key_for(PartnerFactory(association=cast.association), scopes=["reports:read"])[1])
    english = refused(Client().get(f"{REPORTS}?kind=lawsuit", **key), ["kind"])
    chinese = refused(Client().get(f"{REPORTS}?kind=lawsuit", HTTP_ACCEPT_LANGUAGE="zh-hans", **key), ["kind"])
    assert chinese["fields"]["kind"] != english["fields"]["kind"]
    with translation.override("zh-hans"):
        assert chinese["message"] == gettext("Some fields need attention.")


def test_a_plaintiff_of_another_association_is_not_a_choice(cast):
    _, version = published(cast)
    foreign = plaintiff_for_name(association=cast.other_association, name="Bravo Plaintiff LLC")
    client = signed_in(cast.users["not_entitled"])
    refused(client.get(f"{REPORTS}?plaintiff={foreign.pk}"), ["plaintiff"])
    assert client.get(f"{REPORTS}?plaintiff={version.plaintiff_id}").status_code == 200
