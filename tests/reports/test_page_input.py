"""Bad input on the report pages: each gets an error beside its field, in English and (not crashing) in
Chinese, and nothing is written. HTML is shown as text; a double submission creates one report; editing a
published report sends a revision and keeps the published one; invalid filters show errors and no result."""

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from sharing.reports import services
from sharing.reports.choices import ReportStatus
from sharing.reports.models import Report, ReturnReason, SharedVersion
from tests.permission_matrix import database_fingerprint
from tests.reports.page_helpers import URL, draft_report, form_data, published, signed_in, submitted_report
from tests.web.helpers import page_text
from tests.web.test_bad_input import field_errors, top_errors

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "zh-hans"]
FUTURE = timezone.localdate() + timedelta(days=3)


def rows(response) -> str:
    """The body of the page's table ("" without one)."""
    match = re.search(r"<tbody>.*?</tbody>", page_text(response), re.S)
    return match.group(0) if match else ""


def assert_field_error(response, field: str, language: str, text: str) -> None:
    assert response.status_code == 200
    assert f'<html lang="{language}">' in page_text(response)
    errors = field_errors(response, field)
    assert errors, f"no error on {field}"
    if language == "en":
        assert any(text in error for error in errors), errors


BAD_REPORTS = [
    ("patents", {"patents": ["99,999,999"]}, "outside the range of numbers the USPTO has issued"),
    ("patents", {"patents": ["ten million"]}, "is not a US patent number"),
    ("trademarks", {"trademarks": ["TM-ABC"]}, "is not a US trademark registration number"),
    ("filed_on", {"filed_on": FUTURE}, "This date is in the future."),
    ("response_due_on", {"response_due_on": date(2026, 3, 19)}, "cannot be due before service"),
    ("served_on", {"served_on": date(2026, 3, 1)}, "Service cannot come before the filing."),
    ("damages_claimed", {"damages_claimed": Decimal("-5")}, "greater than or equal to 0"),
    ("frozen_funds", {"frozen_funds": "lots"}, "Enter a number."),
    ("currency", {"currency": "XYZ"}, "Select a valid choice."),
    ("narrative", {"narrative": "x" * 20_001}, "at most 20000 characters"),
    ("forum", {"forum": "itc"}, "This forum does not hear this kind of case."),
    ("forum", {"forum": "moon"}, "Select a valid choice."),
    ("kind", {"kind": ""}, "This field is required."),
    ("filed_on", {"filed_on": "14/03/2026x"}, "Enter a valid date."),
]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    ("field", "overrides", "text"), BAD_REPORTS, ids=[f"{b[0]}-{i}" for i, b in enumerate(BAD_REPORTS)]
)
def test_bad_report_input_is_a_field_error_and_writes_nothing(cast, language, field, overrides, text):
    client = signed_in(cast.users["entitled"], language)
    before = database_fingerprint()
    for button in ("preview", "save"):
        response = client.post(URL + "mine/new/", {**form_data(**overrides), button: "1"})
        assert_field_error(response, field, language, text)
        assert "Preview of the shared version" not in page_text(response)
    assert database_fingerprint() == before


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_asserting_party_cannot_name_the_reporter(cast, language):
    company = cast.users["entitled"].company
    client = signed_in(cast.users["entitled"], language)
    response = client.post(URL + "mine/new/", form_data(plaintiff_name=company.aliases[0]))
    assert_field_error(response, "plaintiff_name", language, "must not name your company")
    assert not Report.objects.exists()


@pytest.mark.parametrize("language", LANGUAGES)
def test_bad_input_when_editing_keeps_the_report_as_it_was(cast, language):
    report = draft_report(cast)
    client = signed_in(cast.users["entitled"], language)
    before = database_fingerprint()
    response = client.post(f"{URL}mine/{report.pk}/edit/", form_data(patents=["D9,999,999"], filed_on=FUTURE))
    assert_field_error(response, "patents", language, "outside the range")
    assert_field_error(response, "filed_on", language, "in the future")
    assert database_fingerprint() == before


def test_a_locked_report_cannot_be_changed(cast):
    report = draft_report(cast)
    services.report_withdraw(report=report, actor=cast.users["entitled"])
    before = database_fingerprint()
    response = signed_in(cast.users["entitled"]).post(f"{URL}mine/{report.pk}/edit/", form_data())
    assert response.status_code == 200 and "cannot be changed" in top_errors(response)
    assert database_fingerprint() == before
    assert f"{URL}mine/{report.pk}/edit/" not in page_text(
        signed_in(cast.users["entitled"]).get(f"{URL}mine/{report.pk}/")
    )


def test_html_and_script_are_stored_as_text_and_shown_escaped(cast):
    script = "<script>alert('x')</script><img src=x onerror=alert(1)>"
    evil = {"narrative": f"They wrote {script}", "plaintiff_name": "<i>Lumen</i> Holdings"}
    report, version = published(cast, **evil)
    _report, pending = submitted_report(cast, **evil)
    assert Report.objects.get(pk=report.pk).narrative == f"They wrote {script}"
    reporter, member = signed_in(cast.users["entitled"]), signed_in(cast.users["not_entitled"])
    for response in (
        reporter.get(f"{URL}mine/{report.pk}/"),
        reporter.get(f"{URL}mine/{report.pk}/edit/"),
        reporter.get(f"{URL}mine/"),
        reporter.post(URL + "mine/new/", {**form_data(**evil), "preview": "1"}),
        member.get(URL),
        member.get(f"{URL}{version.pk}/"),
        signed_in(cast.users["moderator"]).get(f"{URL}moderation/{pending.pk}/"),
    ):
        page = page_text(response)
        assert response.status_code == 200
        assert "<script>alert" not in page and "<img src=x" not in page and "<i>Lumen" not in page
        assert "&lt;i&gt;Lumen&lt;/i&gt; Holdings" in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page_text(member.get(f"{URL}{version.pk}/"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_double_submitted_form_creates_one_report(cast, language):
    client = signed_in(cast.users["entitled"], language)
    page = page_text(client.get(URL + "mine/new/"))
    key = re.search(r'name="idempotency_key" value="([0-9a-f-]{36})"', page).group(1)
    data = {**form_data(), "idempotency_key": key, "save": "1"}
    first, second = client.post(URL + "mine/new/", data), client.post(URL + "mine/new/", data)
    report = Report.objects.get()
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == f"{URL}mine/{report.pk}/"
    # A form shown again (a new page load) is a new report.
    key = re.search(r'name="idempotency_key" value="([0-9a-f-]{36})"', page_text(client.get(URL + "mine/new/")))
    client.post(URL + "mine/new/", {**data, "idempotency_key": key.group(1)})
    assert Report.objects.count() == 2


def test_editing_a_published_report_sends_a_revision_and_keeps_the_published_one(cast):
    report, version = published(cast)
    client = signed_in(cast.users["entitled"])
    form = page_text(client.get(f"{URL}mine/{report.pk}/edit/"))
    assert "Save and send to moderation" in form and "US 10,123,456\nUS D765,432</textarea>" in form
    response = client.post(f"{URL}mine/{report.pk}/edit/", {**form_data(stage="discovery"), "save": "1"})
    assert response["Location"] == f"{URL}mine/{report.pk}/"
    report.refresh_from_db()
    assert report.status == ReportStatus.UPDATED
    assert dict(report.versions.values_list("revision", "status")) == {1: "published", 2: "pending"}
    listed = rows(signed_in(cast.users["not_entitled"]).get(URL))
    assert f'href="{URL}{version.pk}/"' in listed and "Served" in listed and "Discovery" not in listed
    pending = SharedVersion.objects.get(status="pending")
    assert "Discovery" in page_text(signed_in(cast.users["moderator"]).get(f"{URL}moderation/{pending.pk}/"))


BAD_FILTERS = [
    ("patent", "abc", "is not a US patent number"),
    ("patent", "99,999,999", "outside the range"),
    ("plaintiff", "999999", "Select a valid choice."),
    ("plaintiff", "lumen", "Select a valid choice."),
    ("kind", "bogus", "Select a valid choice."),
    ("forum", "<script>", "Select a valid choice."),
    ("right", "moral", "Select a valid choice."),
    ("filed_after", "2026-13", "Enter a valid date."),
    ("filed_before", "yesterday", "Enter a valid date."),
    ("sort", "sideways", "Select a valid choice."),
    ("q", "x" * 201, "at most 200 characters"),
]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(("name", "value", "text"), BAD_FILTERS, ids=[f"{b[0]}-{i}" for i, b in enumerate(BAD_FILTERS)])
def test_invalid_filters_show_errors_and_no_result(cast, language, name, value, text):
    published(cast)
    response = signed_in(cast.users["not_entitled"], language).get(URL, {"outcome": "pending", name: value})
    assert_field_error(response, name, language, text)
    assert rows(response) == ""
    assert "<script>" not in page_text(response).split("<main", 1)[1]


def test_valid_filters_keep_their_values(cast):
    published(cast)
    response = signed_in(cast.users["not_entitled"]).get(URL, {"filed_after": "2026-03", "patent": "10123456"})
    page = page_text(response)
    assert 'name="filed_after" value="2026-03"' in page and 'name="patent" value="10123456"' in page
    assert rows(response)


@pytest.mark.parametrize("language", LANGUAGES)
def test_bad_moderation_input(cast, language):
    _report, version = submitted_report(cast)
    foreign = ReturnReason.objects.create(association=cast.other_association, title="t", text_en="e", text_zh="z")
    client = signed_in(cast.users["moderator"], language)
    base = f"{URL}moderation/{version.pk}/"
    before = database_fingerprint()
    assert_field_error(
        client.post(base + "return/", {}), "return-note", language, "Give at least one reason or a note."
    )
    assert_field_error(
        client.post(base + "return/", {"return-reasons": [foreign.pk]}), "return-reasons", language, "valid choice"
    )
    assert_field_error(
        client.post(base + "return/", {"return-note": "n" * 2001}), "return-note", language, "at most 2000"
    )
    assert_field_error(
        client.post(base + "redact/", {"redact-terms": " \n "}), "redact-terms", language, "at least one word"
    )
    assert_field_error(
        client.post(base + "redact/", {"redact-terms": "x" * 201}), "redact-terms", language, "longer than 200"
    )
    assert database_fingerprint() == before


def test_the_reporter_reads_return_reasons_in_their_language(cast):
    report, version = submitted_report(cast)
    reason = ReturnReason.objects.create(
        association=cast.association, title="Vague", text_en="Say which products.", text_zh="请说明哪些产品。"
    )
    moderator = signed_in(cast.users["moderator"])
    moderator.post(f"{URL}moderation/{version.pk}/return/", {"return-reasons": [reason.pk], "return-note": "Thanks!"})
    english = page_text(signed_in(cast.users["entitled"]).get(f"{URL}mine/{report.pk}/"))
    assert "Say which products." in english and "请说明哪些产品。" not in english and "Thanks!" in english
    chinese = page_text(signed_in(cast.users["entitled"], "zh-hans").get(f"{URL}mine/{report.pk}/"))
    assert "请说明哪些产品。" in chinese and "Say which products." not in chinese
    # The reason template can change later: the returned revision keeps the text it was returned with.
    changed = {"title": "Vague", "text_en": "Changed.", "text_zh": "改了。"}
    services.reason_save(association=cast.association, actor=cast.users["moderator"], reason=reason, **changed)
    assert "Say which products." in page_text(signed_in(cast.users["entitled"]).get(f"{URL}mine/{report.pk}/"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_bad_reason_input(cast, language):
    client = signed_in(cast.users["moderator"], language)
    before = database_fingerprint()
    response = client.post(URL + "moderation/reasons/", {"title": "", "text_en": "e", "text_zh": "z"})
    assert_field_error(response, "title", language, "This field is required.")
    response = client.post(URL + "moderation/reasons/", {"title": "t" * 121, "text_en": "e", "text_zh": ""})
    assert_field_error(response, "title", language, "at most 120 characters")
    assert_field_error(response, "text_zh", language, "This field is required.")
    assert database_fingerprint() == before


def test_plaintiff_suggestions_with_nothing_typed(cast):
    published(cast)
    client = signed_in(cast.users["not_entitled"])
    assert client.get(URL + "plaintiffs/").json() == []
    assert client.get(URL + "plaintiffs/", {"q": "  ,. "}).json() == []
    assert client.get(URL + "plaintiffs/", {"q": "l" * 5000}).json() == []


@pytest.mark.parametrize("field", ["plaintiff_name", "store_names", "patents", "narrative", "extra_redactions"])
def test_a_nul_character_is_a_field_error_not_a_database_error(cast, field):
    """PostgreSQL cannot store NUL; the form refuses it like any other bad character."""
    before = database_fingerprint()
    response = signed_in(cast.users["entitled"]).post(URL + "mine/new/", {**form_data(), field: "a\x00b"})
    assert_field_error(response, field, "en", "Null characters are not allowed.")
    assert database_fingerprint() == before


def test_a_nul_character_in_a_query_or_a_moderation_form_is_refused(cast):
    published(cast)
    _report, version = submitted_report(cast)
    member, moderator = signed_in(cast.users["not_entitled"]), signed_in(cast.users["moderator"])
    assert member.get(URL + "plaintiffs/", {"q": "lu\x00"}).json() == []
    assert_field_error(member.get(URL, {"q": "lu\x00", "law_firm": "a\x00"}), "law_firm", "en", "Null characters")
    response = moderator.post(f"{URL}moderation/{version.pk}/redact/", {"redact-terms": "a\x00b"})
    assert_field_error(response, "redact-terms", "en", "Null characters are not allowed.")
