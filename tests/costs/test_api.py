"""Cost-sharing endpoints through the group's permission matrix (tests/defense/api_helpers.py): outsiders, the
association's admin and a moderator get the 404 of a missing group, and so does an invited company; a company
reads its own statement only, the treasurer (the lead's admin here) manages, counsel read their invoices. Bad
input: a field error, nothing written. Partner keys get 404."""

from datetime import date
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from sharing.costs import services, utbms
from sharing.costs.models import Credit, Expense, Invoice
from sharing.counsel import services as counsel_services
from sharing.defense import services as defense_services
from tests.api.calls import bearer, error, post
from tests.costs.pdf_text import pdf_text
from tests.counsel.helpers import directory
from tests.defense.api_helpers import build_world, group_matrix
from tests.factories import PartnerFactory, api_key_for
from tests.permission_matrix import database_fingerprint

pytestmark = pytest.mark.django_db

LEDES = Path(__file__).parent / "ledes"
OUTSIDE = {"anonymous": 401, "other_association": 404, "admin": 404, "moderator": 404, "outsider": 404,
           "invited": 404}  # fmt: skip
PARTICIPANTS = {**OUTSIDE, "joined": 200, "counsel": 200, "member": 200, "lead": 200}
COMPANIES = {**PARTICIPANTS, "counsel": 404}
TREASURER = {**COMPANIES, "joined": 404, "member": 404}


def expect(base, **codes):
    return {**base, **codes}


@pytest.fixture
def world(cast):
    world = build_world(cast)
    services.treasurer_appoint(gaccess=world.gaccess("lead"), user=world.users["lead"])
    return world


def costs(world, path=""):
    return world.url(f"costs/{path}")


def in_force(world):
    version = services.version_propose(
        gaccess=world.gaccess("lead"), data={"method": "equal", "currency": "USD", "effective_on": "2026-01-01"}
    )
    for actor in ("lead", "member", "joined"):
        services.version_accept(gaccess=world.gaccess(actor), version=version)
    return version


def test_summary_and_versions(world):
    responses = group_matrix(world, lambda c: c.get(costs(world)), PARTICIPANTS)
    assert responses["member"].json()["treasurer"] == world.users["lead"].display_name
    assert responses["lead"].json()["you_are_treasurer"] is True
    body = {"method": "percent", "currency": "USD", "effective_on": "2026-01-01", "terms": [
        {"company": world.lead.company.pk, "percent": "50"}, {"company": world.member.company.pk, "percent": "30"},
        {"company": world.joined.company.pk, "percent": "20"}]}  # fmt: skip
    created = expect(TREASURER, lead=201, member=404, joined=404, counsel=404)
    group_matrix(world, lambda c: post(c, costs(world, "versions/"), body), created, write=True)
    responses = group_matrix(world, lambda c: c.get(costs(world, "versions/")), PARTICIPANTS)
    assert [term["figure"] for term in responses["member"].json()[0]["terms"]] == ["50.0000", "30.0000", "20.0000"]
    accept = expect(COMPANIES, counsel=404)
    group_matrix(world, lambda c: post(c, costs(world, "versions/1/accept/")), accept, write=True,
                 order=("anonymous", "other_association", "admin", "moderator", "outsider", "invited", "counsel",
                        "member", "joined", "lead"))  # fmt: skip
    assert world.group.cost_versions.get().in_force_at is not None


def test_bad_versions_say_why_and_write_nothing(world):
    client = world.client("lead")
    before = database_fingerprint()
    for body, field in (
        ({"method": "percent", "effective_on": "2026-01-01", "terms": [{"company": world.lead.company.pk,
                                                                         "percent": "90"}]}, "terms"),
        ({"method": "coin-toss", "effective_on": "2026-01-01"}, "method"),
        ({"method": "equal", "effective_on": "01/02/2026"}, "effective_on"),
        ({"method": "base_weighted", "base_percent": "140", "effective_on": "2026-01-01"}, "base_percent"),
        ({"method": "equal", "effective_on": "2026-01-01", "terms": [{"company": 999999}]}, "terms.0.company"),
    ):  # fmt: skip
        response = post(client, costs(world, "versions/"), body)
        assert response.status_code == 400 and field in error(response)["fields"], (body, response.content)
    assert database_fingerprint() == before


def test_weighted_figures_stay_with_their_company(world):
    weighted = {"method": "weighted", "measure": "US revenue", "currency": "USD", "effective_on": "2026-01-01"}
    services.version_propose(gaccess=world.gaccess("lead"), data=weighted)
    response = post(world.client("member"), costs(world, "versions/1/figure/"), {"figure": "1200000"})
    assert response.status_code == 200
    response = post(world.client("member"), costs(world, "versions/1/figure/"), {"figure": "-4"})
    assert response.status_code == 400 and "figure" in error(response)["fields"]
    seen = {actor: [t["figure"] for t in world.client(actor).get(costs(world, "versions/")).json()[0]["terms"]]
            for actor in ("member", "joined", "lead", "counsel")}  # fmt: skip
    assert seen == {"member": ["1200000.0000"], "joined": [], "lead": ["1200000.0000"], "counsel": []}


def test_expenses_statements_and_credits(world):
    in_force(world)
    body = {"payee": "Translation Co", "incurred_on": "2026-02-01", "category": "translation", "amount": "300.00",
            "currency": "USD"}  # fmt: skip
    responses = group_matrix(world, lambda c: post(c, costs(world, "expenses/"), body), expect(TREASURER, lead=201),
                             write=True)  # fmt: skip
    expense_id = responses["lead"].json()["id"]
    group_matrix(world, lambda c: c.get(costs(world, "expenses/")), COMPANIES)
    member = world.member.company.pk
    statement = expect(OUTSIDE, joined=404, counsel=404, member=200, lead=200)
    responses = group_matrix(world, lambda c: c.get(costs(world, f"statements/{member}/")), statement)
    assert responses["member"].json()["totals"]["USD"]["allocated"] == "100.00"
    csv = world.client("member").get(costs(world, f"statements/{member}/csv/"))
    assert csv.status_code == 200 and b"Translation Co" in csv.content and b"100.00" in csv.content
    assert world.client("joined").get(costs(world, f"statements/{member}/csv/")).status_code == 404
    pdf = group_matrix(world, lambda c: c.get(costs(world, f"statements/{member}/pdf/")), statement)
    assert pdf["lead"]["Content-Type"] == "application/pdf" and "Translation Co" in pdf_text(pdf["lead"].content)
    credit = {"company": member, "kind": "payment", "amount": "100.01", "currency": "USD", "received_on": "2026-02-10"}
    client = world.client("lead")
    before = database_fingerprint()
    response = post(client, costs(world, "credits/"), credit)
    assert response.status_code == 400 and "amount" in error(response)["fields"]
    assert database_fingerprint() == before
    group_matrix(world, lambda c: post(c, costs(world, "credits/"), {**credit, "amount": "40.00", "kind": "subsidy"}),
                 expect(TREASURER, lead=201), write=True)  # fmt: skip
    assert Credit.objects.get().cents == 4000
    rate = {"currency": "CNY", "rate": "7.2", "rate_date": "2026-02-01", "source": "PBOC central parity"}
    assert post(world.client("member"), costs(world, f"expenses/{expense_id}/rates/"), rate).status_code == 200
    converted = world.client("member").get(costs(world, f"statements/{member}/?currency=CNY")).json()
    assert converted["converted"]["allocated"] == "720.00" and converted["missing_rates"] == 0
    changes = world.client("member").get(costs(world, "changes/")).json()
    assert all(set(change["details"]) == {str(member)} for change in changes)
    group_matrix(world, lambda c: c.delete(costs(world, f"expenses/{expense_id}/")), expect(TREASURER, lead=204),
                 write=True)  # fmt: skip
    assert not Expense.objects.exists()


def test_counsel_import_invoices_and_see_only_theirs(cast, world):
    in_force(world)
    firms = directory(cast)
    engagement = counsel_services.engage(
        gaccess=world.gaccess("lead"), firm=firms.firm, scope="Defense", fee_arrangement="Hourly",
        started_on=date(2026, 1, 1),
    )  # fmt: skip
    lawyer = {"name_en": "Lawyer", "seniority": "partner", "user": world.lawyer}
    counsel_services.attorney_save(access=firms.staff(cast), firm=firms.firm, data=lawyer)

    def upload(client, name="two_invoices.txt", content=None):
        content = content if content is not None else (LEDES / name).read_bytes()
        body = {"engagement": engagement.pk, "currency": "USD", "file": SimpleUploadedFile(name, content)}
        return client.post(costs(world, "invoices/"), body)

    broken = (LEDES / "one_invoice.txt").read_text().replace("|F|", "|X|", 1).encode()
    response = upload(world.client("counsel"), "bad.txt", broken)
    assert response.status_code == 400
    messages = error(response)["fields"]["file"]
    assert any(message.startswith("Line 3, EXP/FEE/INV_ADJ_TYPE") for message in messages), messages
    assert not Invoice.objects.exists()
    # The engaged firm's counsel import; then the treasurer's try of the same file finds the numbers used.
    order = ("anonymous", "other_association", "admin", "moderator", "outsider", "invited", "joined", "member",
             "counsel", "lead")  # fmt: skip
    imported = expect(TREASURER, counsel=201, lead=400)
    group_matrix(world, lambda c: upload(c), imported, write=True, order=order)
    assert Invoice.objects.count() == 2
    listed = {actor: len(world.client(actor).get(costs(world, "invoices/")).json()) for actor in ("counsel", "member")}
    assert listed == {"counsel": 2, "member": 2}
    invoice = Invoice.objects.order_by("id").first()
    detail = world.client("member").get(costs(world, f"invoices/{invoice.pk}/")).json()
    assert all(line["activity_name"] == utbms.activity_name(line["activity_code"])
               for line in detail["lines"] if line["activity_code"])  # fmt: skip
    paid = world.client("lead").post(costs(world, f"invoices/{invoice.pk}/paid/"), {"paid_on": "2026-03-01"},
                                     content_type="application/json")  # fmt: skip
    assert paid.status_code == 200 and paid.json()["paid_on"] == "2026-03-01"


def test_partner_keys_get_nothing(cast, world):
    _key, plain = api_key_for(PartnerFactory(association=cast.association), created_by=cast.users["admin"])
    member = world.member.company.pk
    for path in ("", "versions/", "expenses/", "invoices/", "changes/", f"statements/{member}/",
                 f"statements/{member}/csv/", f"statements/{member}/pdf/"):  # fmt: skip
        assert Client().get(costs(world, path), **bearer(plain)).status_code == 404, path


def test_no_statement_of_a_company_outside_the_group(cast, world):
    for company in (world.outsider.company, cast.users["other_association"].company):
        response = world.client("lead").get(costs(world, f"statements/{company.pk}/"))
        assert response.status_code == 404


def test_a_company_that_left_reads_its_statement_through_the_api(cast, world):
    """The statements of the groups a company left (cost-statements/) through the same matrix: the former member's
    people only; the list answers every company's people, each with the groups their company left."""
    in_force(world)
    for day, amount in (("2026-02-01", "300.00"), ("2030-01-01", "600.00")):  # before and after it leaves
        body = {"payee": f"Paid {day}", "incurred_on": day, "category": "translation", "amount": amount,
                "currency": "USD"}  # fmt: skip
        if day.startswith("2030"):
            defense_services.group_leave(gaccess=world.gaccess("member"))
        assert post(world.client("lead"), costs(world, "expenses/"), body).status_code == 201
    former = f"/api/v1/a/{cast.association.slug}/cost-statements/"
    own = expect(OUTSIDE, joined=404, counsel=404, lead=404, member=200)
    responses = group_matrix(world, lambda c: c.get(f"{former}{world.group.pk}/"), own)
    body = responses["member"].json()
    assert body["group"] == world.group.pk and body["totals"]["USD"]["allocated"] == "100.00"
    assert [line["expense"]["payee"] for line in body["lines"]] == ["Paid 2026-02-01"]
    csv = group_matrix(world, lambda c: c.get(f"{former}{world.group.pk}/csv/"), own)
    assert b"Paid 2026-02-01" in csv["member"].content and b"Paid 2030-01-01" not in csv["member"].content
    pdf = group_matrix(world, lambda c: c.get(f"{former}{world.group.pk}/pdf/?currency=USD"), own)
    assert "Paid 2026-02-01" in pdf_text(pdf["member"].content)
    assert "Paid 2030-01-01" not in pdf_text(pdf["member"].content)
    others = ("moderator", "outsider", "invited", "joined", "lead")  # people of other companies: an empty list
    listing = group_matrix(
        world, lambda c: c.get(former), expect(OUTSIDE, **dict.fromkeys(others, 200), member=200, counsel=404)
    )
    assert [group["id"] for group in listing["member"].json()["results"]] == [world.group.pk]
    assert all(listing[actor].json()["results"] == [] for actor in others)
    _key, plain = api_key_for(PartnerFactory(association=cast.association), created_by=cast.users["admin"])
    for path in ("", f"{world.group.pk}/", f"{world.group.pk}/csv/", f"{world.group.pk}/pdf/"):
        assert Client().get(former + path, **bearer(plain)).status_code == 404, path
