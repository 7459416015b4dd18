"""Issue 3 in the browser: a member fills the report form, previews the shared version (each redaction struck
through beside its placeholder), saves and submits; a moderator approves it in another browser while the
reporter's page learns it live; a third member finds it with the filters and reads the shared version, where
nothing names the reporting company."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import url_of, wait_for_socket

pytestmark = pytest.mark.django_db(transaction=True)

PLAINTIFF = "Lumen Holdings, LLC"
DOCKET = "2:26-cv-00123-JRG"
SELLER_ID = "A2XYZ123SELLER"


def identity_terms(company, user) -> list[str]:
    return [
        company.legal_name_en, company.legal_name_zh, *company.aliases, *company.trademarks, *company.store_names,
        *company.web_domains, user.email, DOCKET, SELLER_ID,
    ]  # fmt: skip


def assert_names_nobody(page, terms) -> None:
    html = page.content().lower()
    assert not [term for term in terms if term.lower() in html]


def flash(page):
    return page.locator(".messages")


def test_report_preview_moderation_and_finding_it(cast, asgi_servers, browse):
    reporter, moderator, reader = (cast.users[name] for name in ("entitled", "moderator", "not_entitled"))
    company = reporter.company
    terms = identity_terms(company, reporter)
    narrative = (
        f"{company.legal_name_en} sells desk lamps through {company.store_names[0]} and {company.web_domains[0]}. "
        f"The complaint reached {reporter.email} on 20 March; the plaintiff asks for a preliminary injunction."
    )
    (server,) = asgi_servers(1)
    base = url_of(server)

    # The reporter fills the form and previews the shared version: nothing is saved yet.
    page = browse(base).sign_in(reporter)
    page.goto("/a/alpha/reports/mine/new/")
    form = page.locator("form.report-form")
    form.locator('select[name="kind"]').select_option("district_patent")
    form.locator('select[name="forum"]').select_option("txed")
    form.locator('input[name="plaintiff_name"]').fill(PLAINTIFF)
    form.locator('[name="patents"]').fill("US 10,123,456 B2")
    form.locator('select[name="product_category"]').select_option("lighting")
    form.locator('select[name="stage"]').select_option("served")
    form.locator('input[name="filed_on"]').fill("2026-03-14")
    form.locator('input[name="damages_claimed"]').fill("2500000")
    form.locator('input[name="docket_number"]').fill(DOCKET)
    form.locator('[name="store_names"]').fill(company.store_names[0])
    form.locator('[name="seller_ids"]').fill(SELLER_ID)
    form.locator('[name="narrative"]').fill(narrative)
    page.get_by_role("button", name="Preview").click()

    preview = page.locator("#preview")
    expect(preview).to_contain_text("Preview of the shared version")
    redactions = preview.evaluate("""(section) => [...section.querySelectorAll('del.redacted-source')].map((struck) =>
        [struck.textContent, struck.nextElementSibling.nextElementSibling.textContent,
         getComputedStyle(struck).textDecorationLine])""")
    # "Co., Ltd." loses its last dot: it may end the sentence.
    assert [company.legal_name_en.rstrip("."), "[MEMBER]", "line-through"] in redactions
    assert [company.store_names[0], "[MEMBER]", "line-through"] in redactions
    assert [reporter.email, "[EMAIL]", "line-through"] in redactions
    expect(preview).to_contain_text("USD 1 million to 4.99 million")
    expect(preview).to_contain_text("March 2026")
    expect(page.locator('[name="narrative"]')).to_have_value(narrative)  # the form keeps what was typed

    page.get_by_role("button", name="Save as draft").click()
    expect(flash(page)).to_contain_text("The report is saved as a draft.")
    page.get_by_role("button", name="Submit for moderation").click()
    expect(flash(page)).to_contain_text("The report is sent to the moderators.")
    wait_for_socket(page, "/notifications/")
    expect(page.locator("[data-unread-count]")).to_have_text("0")

    # The moderator reads the shared version only, and publishes it.
    moderation = browse(base).sign_in(moderator)
    moderation.goto("/a/alpha/reports/moderation/")
    moderation.locator("tr", has_text=PLAINTIFF).get_by_role("link", name="Review").click()
    expect(moderation.locator("main")).to_contain_text("[MEMBER]. sells desk lamps through [MEMBER] and [MEMBER]")
    assert_names_nobody(moderation, terms)
    moderation.get_by_role("button", name="Approve and publish").click()
    expect(flash(moderation)).to_contain_text("The report is published.")

    # The reporter's open page learns it at once.
    expect(page.locator("[data-unread-count]")).to_have_text("1")
    expect(page.locator(".toast")).to_have_text(f"Your report on {PLAINTIFF} was published.")

    # A third member finds it with the filters and reads the shared version.
    reading = browse(base).sign_in(reader)
    reading.goto("/a/alpha/reports/")
    filters = reading.locator("form.report-filters")
    filters.locator('select[name="forum"]').select_option("ilnd")
    filters.get_by_role("button", name="Filter").click()
    expect(reading.locator("main")).to_contain_text("No published report matches.")
    filters.locator('select[name="forum"]').select_option("txed")
    filters.locator('input[name="q"]').fill("injunction")
    filters.get_by_role("button", name="Filter").click()
    expect(reading).to_have_url(re.compile(r"forum=txed"))
    rows = reading.locator("main table tbody tr")
    expect(rows).to_have_count(1)
    expect(rows).to_contain_text(PLAINTIFF)
    assert_names_nobody(reading, terms)
    rows.get_by_role("link").first.click()
    expect(reading.locator("main")).to_contain_text("[MEMBER]. sells desk lamps through [MEMBER] and [MEMBER]")
    expect(reading.locator("main")).to_contain_text(PLAINTIFF)
    assert_names_nobody(reading, terms)
