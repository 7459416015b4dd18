"""Issue 4, done when: two companies in two browsers form a defense group, accept the agreement, exchange a document
and chat live through two server processes; the removed member is cut off within a second.

Company A's admin uses server 1, company B's admin server 2; the servers share PostgreSQL, Redis and the document
storage. Everything is done the way a person does it, through the pages."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from sharing.defense.models import Participant
from tests.browser.conftest import until, url_of, wait_for_socket
from tests.defense.helpers import side

pytestmark = pytest.mark.django_db(transaction=True)

GROUP = "Lumen patent defense"
PLAINTIFF = "Lumen Holdings, LLC"
AGREEMENT = "The parties share a common legal interest in defending against Lumen's claims."
FILENAME = "joint-claim-chart.pdf"
ACCESS_LOST = "You no longer have access to this chat."
CUT_OFF_SECONDS = 1.0


def small_pdf(text: str) -> bytes:
    """A valid one-page PDF showing `text` (a cross-reference table with the right offsets)."""
    content = f"BT /F1 18 Tf 36 96 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 360 144] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    pdf = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    table = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    pdf += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, table)
    return bytes(pdf)


def flash(page):
    """The messages a page shows after an action."""
    return page.locator(".messages")


def message_in(page, text: str):
    return page.locator("[data-chat-messages] > li[data-seq]").filter(has_text=text)


def test_two_companies_form_a_group_share_a_document_and_chat_across_two_servers(cast, asgi_servers, browse):
    a, b = side(cast.association), side(cast.association)
    server_1, server_2 = asgi_servers(2)
    alice, bob = browse(url_of(server_1)), browse(url_of(server_2))
    a_page, b_page = alice.sign_in(a.admin), bob.sign_in(b.admin)
    pdf = small_pdf("Claim chart: US 10,123,456")

    # B waits on the dashboard: the invitation arrives there live, through the other server.
    b_page.goto("/a/alpha/")
    wait_for_socket(b_page, "/notifications/")
    expect(b_page.locator("[data-unread-count]")).to_have_text("0")

    # A creates the group (its agreement is version 1, accepted by the lead) and invites B's company.
    a_page.goto("/a/alpha/groups/new/")
    a_page.locator('input[name="name"]').fill(GROUP)
    a_page.locator('input[name="plaintiff_name"]').fill(PLAINTIFF)
    a_page.locator('textarea[name="agreement_text"]').fill(AGREEMENT)
    a_page.get_by_role("button", name="Create the group").click()
    expect(a_page.get_by_role("heading", level=1)).to_have_text(GROUP)
    expect(flash(a_page)).to_contain_text("The group is created.")
    group_url = re.search(r"/a/alpha/groups/\d+/", a_page.url).group(0)
    a_page.get_by_role("link", name="Invite", exact=True).click()
    a_page.locator('select[name="company"]').select_option(label=b.company.legal_name_en)
    a_page.get_by_role("button", name="Send the invitation").click()
    expect(flash(a_page)).to_contain_text("The invitation is sent.")

    expect(b_page.locator("[data-unread-count]")).to_have_text("1")
    expect(b_page.locator(".toast")).to_have_text(f"You are invited to the defense group “{GROUP}”.")

    # B accepts the invitation, then the agreement.
    b_page.get_by_role("link", name="Defense groups").click()
    b_page.locator("main").get_by_role("link", name=GROUP).click()
    expect(b_page.locator("main")).to_contain_text("You are invited to join this group as member")
    b_page.get_by_role("button", name="Accept the invitation").click()
    expect(flash(b_page)).to_contain_text("You joined the group.")
    expect(b_page.locator("main")).to_contain_text(AGREEMENT)
    expect(b_page.get_by_role("link", name="Documents")).to_have_count(0)  # the summary only, until accepted
    b_page.get_by_role("button", name="Accept version 1").click()
    expect(flash(b_page)).to_contain_text("You accepted version 1 of the agreement")

    a_page.goto(group_url)
    acceptances = a_page.locator("section", has=a_page.get_by_role("heading", name="Acceptances"))
    for company, admin in ((a.company, a.admin), (b.company, b.admin)):
        cells = acceptances.locator("tbody tr", has_text=company.legal_name_en).locator("td")
        expect(cells.nth(1)).to_have_text("1")  # the version
        expect(cells.nth(2)).to_have_text(admin.display_name)

    # A uploads a PDF; B finds it and downloads exactly those bytes under that name.
    a_page.get_by_role("link", name="Documents").first.click()
    a_page.locator('input[name="title"]').fill("Claim chart")
    a_page.locator('input[name="file"]').set_input_files(
        files=[{"name": FILENAME, "mimeType": "application/pdf", "buffer": pdf}]
    )
    a_page.get_by_role("button", name="Upload").click()
    expect(flash(a_page)).to_contain_text("The document is uploaded.")
    expect(a_page.get_by_role("link", name=FILENAME)).to_be_visible()

    b_page.goto(group_url)
    b_page.get_by_role("link", name="Documents").first.click()
    b_page.get_by_role("link", name="Claim chart").click()
    with b_page.expect_download() as download_info:
        b_page.get_by_role("link", name=FILENAME).click()
    download = download_info.value
    assert download.suggested_filename == FILENAME
    assert Path(download.path()).read_bytes() == pdf

    # Both open the chat, each on their own server; messages cross live, without a reload.
    a_page.goto(group_url + "chat/")
    b_page.goto(group_url + "chat/")
    for page in (a_page, b_page):
        expect(page.locator("[data-chat-status]")).to_have_text("Connected: messages arrive live.")
        page.evaluate("window.sameDocument = true")
    expect(a_page.locator("[data-chat-online]")).to_contain_text(b.admin.display_name)

    a_page.locator("[data-chat-body]").fill("Our answer is due on 10 April. The claim chart is attached.")
    a_page.locator("summary", has_text="Attach documents").click()
    a_page.get_by_label("Claim chart").check()
    a_page.locator("[data-chat-body]").press("Enter")
    from_a = message_in(b_page, "Our answer is due on 10 April.")
    expect(from_a).to_have_count(1)
    expect(from_a.locator(".chat-message__author")).to_have_text(a.admin.display_name)
    attachment = from_a.get_by_role("link", name="Claim chart")
    expect(attachment).to_have_attribute("href", re.compile(rf"^{group_url}documents/\d+/$"))

    b_page.locator("[data-chat-body]").fill("Thanks, <b>we</b> will join the motion.")
    b_page.get_by_role("button", name="Send").click()
    from_b = message_in(a_page, "Thanks, <b>we</b> will join the motion.")  # text, never markup
    expect(from_b).to_have_count(1)
    expect(message_in(b_page, "will join the motion")).to_have_count(1)  # B's own: once, stored
    assert all(page.evaluate("window.sameDocument") for page in (a_page, b_page))

    # A removes B's company: B's chat socket is closed (4403) within a second and the page says so.
    admin_page = alice.new_page()
    admin_page.on("dialog", lambda dialog: dialog.accept())
    admin_page.goto(group_url)
    row = admin_page.locator("tr", has_text=b.company.legal_name_en)
    row.get_by_role("button", name="Remove").click()
    expect(flash(admin_page)).to_contain_text("The participant is removed")
    expect(b_page.locator("[data-chat-status]")).to_have_text(re.compile(ACCESS_LOST))
    expect(b_page.locator("[data-chat-error]")).to_have_text(re.compile(ACCESS_LOST))
    expect(b_page.locator("[data-chat-body]")).to_be_disabled()
    removed_at = Participant.objects.get(company=b.company).decided_at.timestamp()
    until(b_page, lambda: any("/rooms/" in close["url"] for close in bob.closes), "the close is reported")
    (closed,) = [close for close in bob.closes if "/rooms/" in close["url"]]
    assert closed["code"] == 4403
    assert closed["at"] / 1000 - removed_at < CUT_OFF_SECONDS, closed["at"] / 1000 - removed_at

    # B's next look at the group: as if it never existed.
    bob.allow(r"Failed to load resource: the server responded with a status of 404")
    for path in (group_url, group_url + "chat/", group_url + "documents/"):
        assert b_page.goto(path).status == 404
    expect(a_page.locator("[data-chat-status]")).to_have_text("Connected: messages arrive live.")
