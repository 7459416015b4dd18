"""The cost-sharing pages of a defense group through the group's permission matrix, and their flows.

The actors (beyond the cast's anonymous, other association, moderator and association admin): `outsider`, a company
admin of the association whose company is not in the group; `invited`, an invited company's admin; `joined`, an
admin of a company that joined but has not accepted the group's agreement; `member` and `member_person`, an admin
and an ordinary member of a company bound by it; `lead`, the lead company's admin; `treasurer`, the admin of a
third company bound by the agreement, appointed by the lead; `counsel`, an engaged firm's counsel working in the
group. Everyone outside the group, and the invited company, gets the 404 of an unknown association; so does a
participant on a page its role does not open. A refused write changes nothing.
"""

import html
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from sharing.costs import ledes, selectors, services
from sharing.costs.models import CostTerm, CostVersion, Credit, Expense, ExpenseRate, Invoice, InvoiceImport, Treasurer
from sharing.counsel import services as counsel_services
from sharing.defense import services as defense_services
from sharing.defense.access import get_group_access
from tenancy.access import resolve_access
from tests.costs.pdf_text import pdf_text
from tests.counsel.helpers import directory
from tests.defense.helpers import joined_group, side
from tests.permission_matrix import ACTORS as SLOTS
from tests.permission_matrix import assert_matrix, database_fingerprint
from tests.web.helpers import not_found, page_text, signed_in
from tests.web.test_templates import problems

pytestmark = pytest.mark.django_db

LEDES = Path(__file__).parent / "ledes"
TEMPLATES = sorted((Path(__file__).resolve().parents[2] / "sharing/costs/templates").glob("**/*.html"))
START = date(2026, 1, 1)

# Refusals first, so that a write that succeeds comes after them.
ORDER = ("anonymous", "other_association", "admin", "moderator", "outsider", "invited", "counsel", "joined",
         "member_person", "member", "lead", "treasurer")  # fmt: skip
OUTSIDE = {"anonymous": 302, **dict.fromkeys(("other_association", "admin", "moderator", "outsider", "invited"), 404)}
INSIDE = ("counsel", "joined", "member_person", "member", "lead", "treasurer")


def expect(ok: int = 200, *actors: str, **codes: int) -> dict[str, int]:
    """Outsiders and the invited company: the login page or a 404; the participants named in `actors`: `ok`;
    the other participants: 404."""
    return {**OUTSIDE, **dict.fromkeys(INSIDE, 404), **dict.fromkeys(actors, ok), **codes}


PARTICIPANTS = expect(200, *INSIDE)
COMPANIES = expect(200, "joined", "member_person", "member", "lead", "treasurer")
COMPANY_ADMINS = ("joined", "member", "lead", "treasurer")


class World:
    def __init__(self, cast):
        association = cast.association
        self.cast = cast
        self.lead, self.member, self.treasury, self.joined, self.invited = (side(association) for _ in range(5))
        self.group = joined_group(association, self.lead, self.member, self.treasury)
        lead = self.lead.gaccess(self.group)
        defense_services.invite_company(gaccess=lead, company=self.joined.company)
        defense_services.invitation_answer(gaccess=self.joined.gaccess(self.group), accept=True)
        defense_services.invite_company(gaccess=lead, company=self.invited.company)
        self.firms = directory(cast)
        self.engagement = counsel_services.engage(
            gaccess=lead, firm=self.firms.firm, scope="Defense", fee_arrangement="Hourly", started_on=START,
            counsel=[self.firms.firm_counsel],
        )  # fmt: skip
        lawyer = self.firms.firm_counsel
        defense_services.invitation_answer(gaccess=self.gaccess_of(lawyer), accept=True)
        defense_services.agreement_accept(gaccess=self.gaccess_of(lawyer), version=1)
        services.treasurer_appoint(gaccess=lead, user=self.treasury.admin)
        self.users = {
            "anonymous": None,
            "other_association": cast.users["other_association"],
            "admin": cast.users["admin"],
            "moderator": cast.users["moderator"],
            "outsider": cast.users["entitled"],
            "invited": self.invited.admin,
            "counsel": lawyer,
            "joined": self.joined.admin,
            "member_person": self.member.member,
            "member": self.member.admin,
            "lead": self.lead.admin,
            "treasurer": self.treasury.admin,
        }

    def gaccess_of(self, user):
        return get_group_access(resolve_access(slug="alpha", user=user), self.group.pk)

    def gaccess(self, actor: str):
        return self.gaccess_of(self.users[actor])

    def url(self, path: str = "") -> str:
        return f"/a/alpha/groups/{self.group.pk}/costs/{path}"

    def client(self, actor: str) -> Client:
        return signed_in(self.users[actor])

    @property
    def companies(self):
        return (self.lead, self.member, self.treasury, self.joined)

    def in_force(self, **data):
        version = services.version_propose(
            gaccess=self.gaccess("treasurer"),
            data={"method": "equal", "currency": "USD", "effective_on": START, **data},
        )
        for company in self.companies:
            services.version_accept(gaccess=company.gaccess(self.group), version=version)
        version.refresh_from_db()
        assert version.in_force_at is not None
        return version

    def expense(self, amount: str = "400.00", **data):
        return services.expense_add(
            gaccess=self.gaccess("treasurer"),
            data={"payee": "Translation Co", "incurred_on": date(2026, 2, 1), "category": "translation",
                  "amount": amount, "currency": "USD", **data},
        )  # fmt: skip


@pytest.fixture
def world(cast):
    return World(cast)


def matrix(world: World, request, expected: dict[str, int], *, write: bool = False, order=ORDER) -> dict:
    """The cast's matrix over the group's twelve actors, six at a time in `order` (padded with anonymous). Every
    404 has an unknown association's body; every refused write changes nothing; the signed-out visitor is sent
    to sign in, and changes nothing either."""
    assert set(expected) == set(ORDER), f"expected must name every actor: {ORDER}"
    responses = {}
    for start in range(0, len(order), len(SLOTS)):
        chunk = list(order[start : start + len(SLOTS)])
        chunk += ["anonymous"] * (len(SLOTS) - len(chunk))
        slots = dict(zip(SLOTS, chunk, strict=True))
        found = assert_matrix(
            world.cast, request, {slot: expected[actor] for slot, actor in slots.items()}, write=write,
            not_found_body=not_found, overrides={slot: world.users[actor] for slot, actor in slots.items()},
        )  # fmt: skip
        responses.update({actor: found[slot] for slot, actor in slots.items()})
    assert responses["anonymous"].url.startswith("/accounts/login/")
    if write:
        before = database_fingerprint()
        request(Client())
        assert database_fingerprint() == before, "a signed-out request changed the database"
    return responses


def text(response) -> str:
    """The page's HTML with its entities read (' as ')."""
    return html.unescape(page_text(response))


def test_templates_fit_the_content_security_policy():
    assert TEMPLATES
    for path in TEMPLATES:
        assert problems(path.read_text()) == [], path


# The overview, the group page's link, the treasurer -------------------------------------------------------


def test_the_overview_for_participants_past_the_invitation(world):
    world.in_force()
    world.expense()
    responses = matrix(world, lambda c: c.get(world.url()), PARTICIPANTS)
    treasurer = world.treasury.admin.display_name
    for actor in INSIDE:
        page = text(responses[actor])
        assert treasurer in page and "Version 1" in page and "In force" in page, actor
        assert "400.00" in page, actor  # the group's totals
        assert problems(page) == []
    assert "Propose a new version" in text(responses["treasurer"])
    assert "Propose a new version" not in text(responses["lead"])
    assert "Appoint another treasurer" in text(responses["lead"])
    assert "Appoint another treasurer" not in text(responses["treasurer"])
    member = text(responses["member"])
    assert "Your company's statement" in member and "100.00" in member
    assert "Withdraw from the cost sharing" in member
    assert "Withdraw from the cost sharing" not in text(responses["member_person"])
    assert "Your company's statement" not in text(responses["counsel"])
    # The treasurer sees every company's outstanding amount; the others do not.
    assert world.lead.company.legal_name_en in text(responses["treasurer"])
    assert "The companies' statements" not in member


def test_the_group_page_links_to_the_costs_for_participants_only(world):
    group = f"/a/alpha/groups/{world.group.pk}/"
    for actor in INSIDE:
        page = text(world.client(actor).get(group))
        assert world.url() in page and "Cost sharing" in page, actor
    invited = text(world.client("invited").get(group))
    assert world.url() not in invited


def test_expenses_not_split_yet_and_why(world):
    world.expense()
    page = text(world.client("member").get(world.url()))
    assert "Expenses not split yet" in page and "No cost-sharing version is in force" in page
    assert "Expenses not split yet" not in text(world.client("counsel").get(world.url()))


def test_awaiting_acceptances_counts_companies_never_names_them(world):
    version = services.version_propose(
        gaccess=world.gaccess("treasurer"), data={"method": "equal", "currency": "USD", "effective_on": START}
    )
    services.version_accept(gaccess=world.member.gaccess(world.group), version=version)
    page = text(world.client("joined").get(world.url()))
    assert "Awaiting acceptances" in page and "1 of 4 companies accepted" in page
    assert world.member.company.legal_name_en not in page


def test_the_lead_appoints_the_treasurer(world):
    matrix(world, lambda c: c.get(world.url("treasurer/")), expect(200, "lead"))
    body = {"user": world.member.member.pk}
    matrix(world, lambda c: c.post(world.url("treasurer/"), body), expect(302, "lead"), write=True)
    assert Treasurer.objects.get(group=world.group).user == world.member.member
    # Someone outside the group's companies is refused on the field, and nothing is written.
    before = database_fingerprint()
    response = world.client("lead").post(world.url("treasurer/"), {"user": world.cast.users["entitled"].pk})
    assert response.status_code == 200 and "Select a valid choice" in text(response)
    assert database_fingerprint() == before


# Versions ------------------------------------------------------------------------------------------------


def percent_body(world, *percents, method="percent"):
    body = {"method": method, "currency": "USD", "effective_on": "2026-01-01", "measure": "", "base_percent": "",
            "past_costs_from": "", "note": ""}  # fmt: skip
    for company, percent in zip(world.companies, percents, strict=True):
        body[f"percent_{company.company.pk}"] = percent
        body[f"cap_{company.company.pk}"] = ""
    return body


def test_the_treasurer_proposes_a_version(world):
    matrix(world, lambda c: c.get(world.url("versions/new/")), expect(200, "treasurer"))
    body = percent_body(world, "40", "30", "20", "10")
    body[f"cap_{world.member.company.pk}"] = "500.00"
    responses = matrix(world, lambda c: c.post(world.url("versions/new/"), body), expect(302, "treasurer"),
                       write=True)  # fmt: skip
    version = CostVersion.objects.get(group=world.group)
    assert responses["treasurer"].url == world.url("versions/1/")
    assert version.method == "percent" and version.terms.count() == 4
    assert version.terms.get(company=world.member.company).cap_cents == 50000
    page = text(world.client("joined").get(world.url("versions/1/")))
    assert "40 %" in page and "USD 500.00" in page  # fixed percentages and caps are the group's to read


def test_version_errors_beside_their_row_or_at_the_top_and_nothing_written(world):
    client = world.client("treasurer")
    before = database_fingerprint()
    page = text(client.post(world.url("versions/new/"), percent_body(world, "40", "30", "20", "5")))
    assert "The percentages sum to 95, not 100." in page
    page = text(client.post(world.url("versions/new/"), percent_body(world, "40", "thirty", "20", "10")))
    assert "Give a percentage." in page
    # The error sits in the second company's row, after its input.
    row = page.split(f'name="percent_{world.member.company.pk}"', 1)[1].split("</tr>", 1)[0]
    assert "Give a percentage." in row
    body = percent_body(world, "", "", "", "", method="base_weighted")
    body["base_percent"] = "140"
    body[f"cap_{world.joined.company.pk}"] = "12,50"
    page = text(client.post(world.url("versions/new/"), body))
    assert "The base share is a percentage from 0 to 100." in page
    row = page.split(f'name="cap_{world.joined.company.pk}"', 1)[1].split("</tr>", 1)[0]
    assert "Give an amount, such as 1250.00." in row
    page = text(client.post(world.url("versions/new/"), {**body, "method": "lottery"}))
    assert "Select a valid choice" in page
    assert database_fingerprint() == before


def test_the_version_page_and_its_acceptances(world):
    services.version_propose(
        gaccess=world.gaccess("treasurer"), data={"method": "equal", "currency": "USD", "effective_on": START}
    )
    responses = matrix(world, lambda c: c.get(world.url("versions/1/")), PARTICIPANTS)
    for actor in COMPANY_ADMINS:
        assert "Accept version 1" in text(responses[actor]), actor
    for actor in ("member_person", "counsel"):
        assert "Accept version 1" not in text(responses[actor]), actor
    assert "0 of 4 companies accepted" in text(responses["counsel"])
    accept = lambda c: c.post(world.url("versions/1/accept/"))  # noqa: E731
    matrix(world, accept, expect(302, *COMPANY_ADMINS), write=True)
    version = CostVersion.objects.get(group=world.group)
    assert version.in_force_at is not None and version.acceptances.count() == 4
    page = text(world.client("member_person").get(world.url("versions/1/")))
    assert "In force" in page
    for company in world.companies:
        assert company.company.legal_name_en in page  # who accepted: participants know each other
    # Accepting again is refused with a message, and nothing is written.
    before = database_fingerprint()
    response = world.client("member").post(world.url("versions/1/accept/"), follow=True)
    assert "Your company already accepted this version." in text(response)
    assert database_fingerprint() == before


def test_declared_figures_stay_with_their_company_and_the_treasurer(world):
    services.version_propose(
        gaccess=world.gaccess("treasurer"),
        data={"method": "weighted", "measure": "US revenue", "currency": "USD", "effective_on": START},
    )
    figures = {"joined": "1111", "member": "2222222", "lead": "3333", "treasurer": "4444"}
    order = tuple(a for a in ORDER if a not in figures) + tuple(figures)
    matrix(world, lambda c: c.post(world.url("versions/1/"), {"figure": "5"}), expect(302, *COMPANY_ADMINS),
           write=True, order=order)  # fmt: skip
    for actor, figure in figures.items():
        world.client(actor).post(world.url("versions/1/"), {"figure": figure})
    assert sorted(CostTerm.objects.values_list("figure", flat=True)) == [1111, 3333, 4444, 2222222]
    seen = {actor: text(world.client(actor).get(world.url("versions/1/"))) for actor in INSIDE}
    for actor, page in seen.items():
        shown = {other for other, figure in figures.items() if figure in page}
        if actor == "treasurer":
            assert shown == set(figures)
        elif actor == "member_person":
            assert shown == {"member"}
        elif actor == "counsel":
            assert shown == set()
        else:
            assert shown == {actor}, actor
    # A bad figure: a field error, nothing written.
    before = database_fingerprint()
    page = text(world.client("member").post(world.url("versions/1/"), {"figure": "-4"}))
    assert "Every weight must be above zero." in page
    assert database_fingerprint() == before
    # A version that takes no figures refuses the form as a missing page.
    world.in_force()
    response = world.client("member").post(world.url("versions/2/"), {"figure": "5"})
    assert response.status_code == 404


def test_withdrawing_from_the_cost_sharing(world):
    world.in_force()
    order = ("anonymous", "other_association", "admin", "moderator", "outsider", "invited", "counsel",
             "member_person", "joined", "member", "lead", "treasurer")  # fmt: skip
    matrix(world, lambda c: c.post(world.url("withdraw/")), expect(302, *COMPANY_ADMINS), write=True, order=order)
    periods = {p.company_id: p.end for p in world.group.cost_periods.all()}
    assert all(end is not None for end in periods.values())
    page = text(world.client("member").get(world.url()))
    assert "Withdraw from the cost sharing" not in page


# Expenses and rates ----------------------------------------------------------------------------------------


def test_expenses_list_and_add(world):
    world.in_force()
    world.expense("90.00")
    responses = matrix(world, lambda c: c.get(world.url("expenses/")), COMPANIES)
    assert "Translation Co" in text(responses["member_person"])
    assert "Add an expense" in text(responses["treasurer"]) and "Add an expense" not in text(responses["lead"])
    body = {"payee": "Expert witness", "incurred_on": "2026-03-02", "category": "experts", "amount": "1200.00",
            "currency": "USD", "engagement": world.engagement.pk, "description": "Damages report"}  # fmt: skip
    matrix(world, lambda c: c.post(world.url("expenses/"), body), expect(302, "treasurer"), write=True)
    added = Expense.objects.get(payee="Expert witness")
    assert added.cents == 120000 and added.engagement == world.engagement
    assert sum(added.shares.values_list("cents", flat=True)) == 120000


def test_bad_expenses_show_every_field_error_and_write_nothing(world):
    before = database_fingerprint()
    body = {"payee": "", "incurred_on": "2026-02-01", "category": "fees", "amount": "$12", "currency": "USD"}
    page = text(world.client("treasurer").post(world.url("expenses/"), body))
    assert "Name the payee" in page and "Give an amount, such as 1250.00." in page
    page = text(world.client("treasurer").post(world.url("expenses/"), {**body, "payee": "X", "amount": "1.005"}))
    assert "At most two decimals." in page
    assert database_fingerprint() == before


def test_removing_an_expense(world):
    world.in_force()
    expense = world.expense()
    url = world.url(f"expenses/{expense.pk}/remove/")
    matrix(world, lambda c: c.post(url), expect(302, "treasurer"), write=True)
    assert not Expense.objects.filter(pk=expense.pk).exists()


def test_rates_of_an_expense(world):
    world.in_force()
    expense = world.expense()
    url = world.url(f"expenses/{expense.pk}/rate/")
    admins = expect(200, *COMPANY_ADMINS)
    matrix(world, lambda c: c.get(url), admins)
    body = {"currency": "CNY", "rate": "7.2", "rate_date": "2026-02-01", "source": "PBOC central parity"}
    matrix(world, lambda c: c.post(url, body), expect(302, *COMPANY_ADMINS), write=True)
    assert ExpenseRate.objects.get(expense=expense).rate == Decimal("7.2")
    before = database_fingerprint()
    page = text(world.client("member").post(url, {**body, "currency": "USD", "source": ""}))
    assert "The expense is already in this currency." in page and "Say where the rate comes from" in page
    assert database_fingerprint() == before
    assert world.client("member").get(world.url("expenses/999999/rate/")).status_code == 404


# Invoices ----------------------------------------------------------------------------------------------------


def ledes_upload(name: str = "two_invoices.txt", content: bytes | None = None) -> dict:
    data = (LEDES / name).read_bytes() if content is None else content
    return {"engagement": "", "currency": "USD", "file": SimpleUploadedFile(name, data, content_type="text/plain")}


def test_invoices_upload_and_who_sees_which(world, django_capture_on_commit_callbacks):
    world.in_force()
    matrix(world, lambda c: c.get(world.url("invoices/")), PARTICIPANTS)

    def upload(client):
        return client.post(world.url("invoices/"), {**ledes_upload(), "engagement": world.engagement.pk})

    # Counsel and the treasurer may upload: each upload is queued, and runs once its request commits. Counsel's
    # imports; the treasurer's try of the same file is then refused (the numbers are taken).
    with django_capture_on_commit_callbacks(execute=True):
        responses = matrix(world, upload, expect(302, "counsel", "treasurer"), write=True)
    jobs = {job.submitted_by: job for job in InvoiceImport.objects.filter(group=world.group)}
    lawyer_job, treasurer_job = jobs[world.users["counsel"]], jobs[world.users["treasurer"]]
    assert responses["counsel"].url == world.url(f"invoices/imports/{lawyer_job.pk}/")
    assert (lawyer_job.status, treasurer_job.status) == ("done", "failed")
    assert [(error["field"], error["message"]) for error in treasurer_job.errors] == [
        ("INVOICE_NUMBER", "The firm already submitted invoice INV-2001."),
        ("INVOICE_NUMBER", "The firm already submitted invoice INV-2002."),
    ]
    invoices = Invoice.objects.filter(group=world.group)
    assert sorted(invoices.values_list("number", flat=True)) == ["INV-2001", "INV-2002"]
    assert sorted(invoices.values_list("total_cents", flat=True)) == [117500, 410000]
    for invoice in invoices:
        assert sum(invoice.expense.shares.values_list("cents", flat=True)) == invoice.total_cents
    # An import's page: its submitter and the treasurer.
    done = matrix(world, lambda c: c.get(world.url(f"invoices/imports/{lawyer_job.pk}/")),
                  expect(200, "counsel", "treasurer"))  # fmt: skip
    page = text(done["counsel"])
    assert "2 invoices are imported" in page and "INV-2001" in page and 'http-equiv="refresh"' not in page
    refused = text(world.client("treasurer").get(world.url(f"invoices/imports/{treasurer_job.pk}/")))
    assert "Nothing was imported: the file has 2 errors." in refused and "INVOICE_NUMBER" in refused
    assert world.client("counsel").get(world.url(f"invoices/imports/{treasurer_job.pk}/")).status_code == 404
    # The treasurer imports another invoice: counsel see only theirs, with whether it is paid.
    services.invoice_import(gaccess=world.gaccess("treasurer"), engagement=world.engagement, file_name="one.txt",
                            content=(LEDES / "one_invoice.txt").read_bytes(), currency="USD")  # fmt: skip
    lawyer = text(world.client("counsel").get(world.url("invoices/")))
    assert "INV-2001" in lawyer and "INV-2002" in lawyer and "INV-1001" not in lawyer and "Not paid yet" in lawyer
    member = text(world.client("member_person").get(world.url("invoices/")))
    assert "INV-1001" in member and "INV-2001" in member
    assert "Import a LEDES invoice" not in member and "Import a LEDES invoice" in lawyer
    own = Invoice.objects.get(number="INV-1001")
    assert world.client("counsel").get(world.url(f"invoices/{own.pk}/")).status_code == 404


def test_an_import_in_progress_shows_how_far_it_is_and_reloads(world):
    world.in_force()
    job = services.invoice_import_queue(gaccess=world.gaccess("counsel"), engagement=world.engagement,
                                        file_name="big.txt", content=b"LEDES1998B[]", currency="USD")  # fmt: skip
    client = world.client("counsel")
    url = world.url(f"invoices/imports/{job.pk}/")
    waiting = text(client.get(url))
    assert "Waiting for its turn" in waiting and '<meta http-equiv="refresh" content="2">' in waiting
    InvoiceImport.objects.filter(pk=job.pk).update(status="running", lines_done=4000, lines_total=10002)
    running = text(client.get(url))
    assert "4000 of 10002 lines checked" in running and 'value="4000" max="10002"' in running
    assert problems(running) == []
    InvoiceImport.objects.filter(pk=job.pk).update(lines_done=10002)
    assert "Writing the invoices" in text(client.get(url))


def without_imports(fingerprint: dict) -> dict:
    """The database but the import jobs (a refused file leaves its job, with its errors, and nothing else)."""
    return {label: rows for label, rows in fingerprint.items() if label != "costs.invoiceimport"}


def test_a_broken_ledes_file_lists_every_error_and_imports_nothing(world, django_capture_on_commit_callbacks):
    world.in_force()
    broken = (LEDES / "one_invoice.txt").read_text().replace("20260115", "20260230", 1).replace(".00|", ".00 |", 1)
    before = without_imports(database_fingerprint())
    with django_capture_on_commit_callbacks(execute=True):
        response = world.client("counsel").post(
            world.url("invoices/"), {**ledes_upload("bad.txt", broken.encode()), "engagement": world.engagement.pk}
        )
    assert response.status_code == 302
    assert without_imports(database_fingerprint()) == before
    job = InvoiceImport.objects.get()
    assert (job.status, job.content) == ("failed", b"")
    page = text(world.client("counsel").get(response.url))
    errors = ledes.parse(broken.encode()).errors
    assert len(errors) >= 2
    table = page.split("Nothing was imported", 1)[1].split("</table>", 1)[0]
    for error in errors:
        assert f"<td>{error.line}</td>" in table and error.message in table
        if error.field:
            assert error.field in table
    assert f"{len(errors)} errors" in page


def test_the_invoice_page_and_marking_it_paid(world):
    world.in_force()
    lawyer = world.gaccess("counsel")
    invoice = services.invoice_import(gaccess=lawyer, engagement=world.engagement, file_name="two.txt",
                                      content=(LEDES / "two_invoices.txt").read_bytes(), currency="USD")[0]  # fmt: skip
    url = world.url(f"invoices/{invoice.pk}/")
    responses = matrix(world, lambda c: c.get(url), PARTICIPANTS)
    page = text(responses["counsel"])
    assert "L330" in page and "Depositions" in page  # the UTBMS task's name
    assert "A109" in page and "Appear for/attend" in page
    assert "Mark paid" not in page and "Mark paid" in text(responses["treasurer"])
    matrix(world, lambda c: c.post(url, {"paid_on": "2026-03-15"}), expect(302, "treasurer"), write=True)
    invoice.refresh_from_db()
    assert invoice.paid_on == date(2026, 3, 15)
    assert "Paid on" in text(world.client("counsel").get(world.url("invoices/")))
    expense = Invoice.objects.get(number="INV-2002").expense
    page = text(world.client("member").get(world.url(f"invoices/{expense.invoice.pk}/")))
    assert "E115" in page and "Deposition transcripts" in page


# Credits and statements --------------------------------------------------------------------------------------


def test_credits_and_a_payment_above_the_outstanding_amount(world):
    world.in_force()
    world.expense("400.00")
    member = world.member.company
    matrix(world, lambda c: c.get(world.url("credits/")), expect(200, "treasurer"))
    body = {"company": member.pk, "kind": "payment", "amount": "100.01", "currency": "USD",
            "received_on": "2026-02-10", "reference": "Wire 42"}  # fmt: skip
    before = database_fingerprint()
    page = text(world.client("treasurer").post(world.url("credits/"), body))
    assert "This is more than the company owes in USD (100.00)." in page
    assert database_fingerprint() == before
    responses = matrix(world, lambda c: c.post(world.url("credits/"), {**body, "amount": "60.00"}),
                       expect(302, "treasurer"), write=True)  # fmt: skip
    assert responses["treasurer"].url == world.url(f"statements/{member.pk}/")
    assert Credit.objects.get().cents == 6000


def test_statements_and_who_opens_them(world):
    world.in_force()
    world.expense("400.00")
    world.expense("90.00", incurred_on=date(2026, 2, 5), payee="Court fees", category="court")
    member = world.member.company
    services.credit_record(
        gaccess=world.gaccess("treasurer"),
        company=member,
        data={"kind": "payment", "amount": "50.00", "currency": "USD", "received_on": START},
    )
    services.credit_record(
        gaccess=world.gaccess("treasurer"),
        company=member,
        data={"kind": "subsidy", "amount": "20.00", "currency": "USD", "received_on": START},
    )
    url = world.url(f"statements/{member.pk}/")
    own = expect(200, "member", "member_person", "treasurer")
    responses = matrix(world, lambda c: c.get(url), own)
    page = text(responses["member_person"])
    # allocated 100.00 + 22.50, paid 50.00, reimbursed 20.00, outstanding 52.50
    for shown in ("122.50", "50.00", "20.00", "52.50", "Translation Co", "Court fees", "Equal shares"):
        assert shown in page, shown
    csv = matrix(world, lambda c: c.get(url + "csv/"), own)
    assert csv["member"]["Content-Type"].startswith("text/csv")
    assert b"Translation Co" in csv["member"].content and b"-50.00" in csv["member"].content
    assert (
        csv["member"].content
        == world.client("member")
        .get(f"/api/v1/a/alpha/groups/{world.group.pk}/costs/statements/{member.pk}/csv/")
        .content
    )  # the API's export is the same
    pdf = matrix(world, lambda c: c.get(url + "pdf/"), own)
    assert pdf["member"]["Content-Type"] == "application/pdf"
    assert pdf["member"]["Content-Disposition"] == f'attachment; filename="statement-{world.group.pk}-{member.pk}.pdf"'
    shown = pdf_text(pdf["member"].content)
    for expected in (world.group.name, f"Statement of {member.legal_name_en}", "Totals per currency", "122.50",
                     "50.00", "20.00", "52.50", "Translation Co", "Court fees", "Equal shares",
                     "Government subsidy"):  # fmt: skip
        assert expected in shown, expected
    chinese = pdf_text(signed_in(world.users["member"], "zh-hans").get(url + "pdf/").content)
    assert "按币种合计" in chinese and "平均分摊" in chinese and "Translation Co" in chinese and "52.50" in chinese
    # A company of the association outside the group has no statement here, not even for the treasurer.
    outsider = world.cast.users["entitled"].company
    assert world.client("treasurer").get(world.url(f"statements/{outsider.pk}/")).status_code == 404


def test_a_company_that_left_the_group_still_reads_its_statement(world):
    world.in_force()
    world.expense("400.00")  # 100.00 each, before the member leaves
    defense_services.group_leave(gaccess=world.gaccess("member"))
    world.expense("300.00", incurred_on=date(2030, 1, 1), payee="After it left")  # after its withdrawal
    member, group = world.member.company, world.group
    assert world.client("member").get(world.url(f"statements/{member.pk}/")).status_code == 404  # no group pages
    former = f"/a/alpha/cost-statements/{group.pk}/"
    own = dict.fromkeys(ORDER, 404) | {"anonymous": 302, "member": 200, "member_person": 200}
    responses = matrix(world, lambda c: c.get(former), own)
    page = text(responses["member_person"])
    assert "Your company is no longer in this group" in page and "Translation Co" in page and "100.00" in page
    assert "After it left" not in page and f"/groups/{group.pk}/costs/invoices/" not in page
    assert problems(page) == []
    # The list: for every company's people (moderators are people of a company too), empty but for the member's.
    company_people = dict.fromkeys(ORDER, 200) | {"anonymous": 302, "other_association": 404, "admin": 404,
                                                  "counsel": 404}  # fmt: skip
    listing = matrix(world, lambda c: c.get("/a/alpha/cost-statements/"), company_people)
    assert group.name in text(listing["member"]) and group.name not in text(listing["lead"])
    assert "/a/alpha/cost-statements/" in text(world.client("member").get("/a/alpha/groups/"))
    assert "/a/alpha/cost-statements/" not in text(world.client("lead").get("/a/alpha/groups/"))
    csv = matrix(world, lambda c: c.get(former + "csv/"), own)
    assert b"Translation Co" in csv["member"].content and b"After it left" not in csv["member"].content
    pdf = pdf_text(matrix(world, lambda c: c.get(former + "pdf/"), own)["member"].content)
    assert "Translation Co" in pdf and "100.00" in pdf and "After it left" not in pdf
    # The API: the same statement, the same CSV, the same 404 for everyone else.
    api = f"/api/v1/a/alpha/cost-statements/{group.pk}/"
    body = world.client("member_person").get(api).json()
    assert body["totals"]["USD"]["allocated"] == "100.00" and len(body["lines"]) == 1
    assert world.client("member").get(api + "csv/").content == csv["member"].content
    assert [g["id"] for g in world.client("member").get("/api/v1/a/alpha/cost-statements/").json()["results"]] == [
        group.pk
    ]
    for actor in ("lead", "treasurer", "counsel", "outsider", "moderator", "other_association"):
        assert world.client(actor).get(api).status_code == 404, actor
    assert world.client("member").get(api, {"currency": "XYZ"}).status_code == 400


def test_a_statement_in_another_currency_and_its_printable_layout(world):
    world.in_force()
    first = world.expense("400.00")
    world.expense("80.00", incurred_on=date(2026, 2, 3))
    services.rate_set(gaccess=world.gaccess("member"), expense=first,
                      data={"currency": "CNY", "rate": "7.2", "rate_date": START, "source": "PBOC"})  # fmt: skip
    client = world.client("member")
    url = world.url(f"statements/{world.member.company.pk}/")
    page = text(client.get(url + "?currency=CNY"))
    assert "In CNY" in page and "720.00" in page
    assert "1 line has no rate into CNY and is left out of these totals." in page
    assert "Select a valid choice" in text(client.get(url + "?currency=XYZ"))
    printable = text(client.get(url + "?currency=CNY&print=1"))
    assert "720.00" in printable and "association-nav" not in printable and "Download as CSV" not in printable
    assert f'{url}pdf/?currency=CNY"' in page  # the download converts as the page does
    pdf = pdf_text(client.get(url + "pdf/?currency=CNY").content)
    assert "In CNY" in pdf and "720.00" in pdf
    assert "1 line has no rate into CNY and is left out of these totals." in pdf
    assert "association-nav" in page and "Printable version" in page


def test_a_capped_share_says_what_it_would_have_been(world):
    version = services.version_propose(
        gaccess=world.gaccess("treasurer"),
        data={"method": "equal", "currency": "USD", "effective_on": START,
              "terms": [{"company": world.member.company.pk, "cap": "50.00"}]},
    )  # fmt: skip
    for company in world.companies:
        services.version_accept(gaccess=company.gaccess(world.group), version=version)
    world.expense("400.00")
    page = text(world.client("member").get(world.url(f"statements/{world.member.company.pk}/")))
    assert "Capped: without the caps it would have been USD 100.00." in page
    other = text(world.client("lead").get(world.url(f"statements/{world.lead.company.pk}/")))
    assert "116.67" in other or "116.66" in other
    assert "without the caps it would have been USD 100.00" in other


# The ledger's changes ----------------------------------------------------------------------------------------


def test_ledger_changes_a_company_sees_only_its_own(world):
    world.in_force()
    world.expense("400.00")
    responses = matrix(world, lambda c: c.get(world.url("changes/")), COMPANIES)
    member = text(responses["member"])
    assert "An expense was added or removed" in member and world.member.company.legal_name_en in member
    assert "0.00" in member and "100.00" in member
    for other in (world.lead, world.treasury, world.joined):
        assert other.company.legal_name_en not in member.split("<table", 1)[1]
    treasurer = text(responses["treasurer"]).split("<table", 1)[1]
    for company in world.companies:
        assert company.company.legal_name_en in treasurer
    assert selectors.ledger_changes(world.gaccess("member"))


def test_rendered_pages_fit_the_content_security_policy(world):
    world.in_force()
    expense = world.expense()
    invoice = services.invoice_import(gaccess=world.gaccess("treasurer"), engagement=world.engagement,
                                      file_name="one.txt", content=(LEDES / "one_invoice.txt").read_bytes(),
                                      currency="USD")[0]  # fmt: skip
    client = world.client("treasurer")
    for path in ("", "treasurer/", "versions/new/", "versions/1/", "expenses/", f"expenses/{expense.pk}/rate/",
                 "invoices/", f"invoices/{invoice.pk}/", "credits/", f"statements/{world.member.company.pk}/",
                 "changes/"):  # fmt: skip
        response = (world.client("lead") if path == "treasurer/" else client).get(world.url(path))
        assert response.status_code == 200, path
        assert problems(text(response)) == [], path
