"""The demo's joint defense with shared costs in the main association: three companies sued in the same Schedule A
case defend together, engage Harbor & Pine (whose counsel user joins the group), split its fees by a base share
plus US revenue with a cap for the smallest company, and Harbor & Pine's January invoice arrives as a LEDES 1998B
file. Written through the services, idempotently (the group is found by its name)."""

from datetime import date
from typing import TYPE_CHECKING

from demo.counsel import HARBOR
from demo.credentials import MAIN
from sharing.costs import services as cost_services
from sharing.costs.models import CostVersion
from sharing.counsel import services as counsel_services
from sharing.counsel.models import LawFirm
from sharing.defense import services as defense_services
from sharing.defense.access import get_group_access
from sharing.defense.models import DefenseGroup
from tenancy.access import resolve_access
from tenancy.models import Association

if TYPE_CHECKING:
    from accounts.models import User
    from demo.seeding import SeedResult

GROUP = "Aurora Lumen Schedule A joint defense"
LEAD, MEMBERS = "admin@lianxun-mobile.example", ("admin@guangyao-led.example", "admin@jingdian-power.example")
COUNSEL = "counsel@harbor-pine-law.example"
AGREEMENT = (
    "The members share a common legal interest in defending the Schedule A case brought by Aurora Lumen Designs. "
    "What they share in the group stays privileged and confidential among them and their counsel."
)
# (e-mail, US revenue declared)
FIGURES = {LEAD: "4200000", MEMBERS[0]: "1800000", MEMBERS[1]: "350000"}
INVOICE = (
    "LEDES1998B[]\n"
    "INVOICE_DATE|INVOICE_NUMBER|CLIENT_ID|LAW_FIRM_MATTER_ID|INVOICE_TOTAL|BILLING_START_DATE|BILLING_END_DATE|"
    "INVOICE_DESCRIPTION|LINE_ITEM_NUMBER|EXP/FEE/INV_ADJ_TYPE|LINE_ITEM_NUMBER_OF_UNITS|LINE_ITEM_ADJUSTMENT_AMOUNT|"
    "LINE_ITEM_TOTAL|LINE_ITEM_DATE|LINE_ITEM_TASK_CODE|LINE_ITEM_EXPENSE_CODE|LINE_ITEM_ACTIVITY_CODE|TIMEKEEPER_ID|"
    "LINE_ITEM_DESCRIPTION|LAW_FIRM_ID|LINE_ITEM_UNIT_COST|TIMEKEEPER_NAME|TIMEKEEPER_CLASSIFICATION|"
    "CLIENT_MATTER_ID[]\n"
    "20260131|HP-2026-0107|SCCEA-ALD|HP-4471|9277.50|20260101|20260131|Aurora Lumen Designs v. Schedule A "
    "defendants (N.D. Ill.)|1|F|6.5|0|5525.00|20260112|L120||A104|SW|Review the complaint, Schedule A and TRO|"
    "36-7781234|850.00|Sarah Whitfield|PT|ALD-1[]\n"
    "20260131|HP-2026-0107|SCCEA-ALD|HP-4471|9277.50|20260101|20260131|Aurora Lumen Designs v. Schedule A "
    "defendants (N.D. Ill.)|2|F|8|0|3040.00|20260119|L210||A103|LW|Draft the motion to dissolve the asset freeze|"
    "36-7781234|380.00|Li Wei|AS|ALD-1[]\n"
    "20260131|HP-2026-0107|SCCEA-ALD|HP-4471|9277.50|20260101|20260131|Aurora Lumen Designs v. Schedule A "
    "defendants (N.D. Ill.)|3|E|1|0|712.50|20260120||E112|||Pro hac vice and filing fees|36-7781234|712.50|||"
    "ALD-1[]\n"
)


def seed_costs(associations: dict[str, Association], people: dict[str, "User"], result: "SeedResult") -> None:
    association = associations[MAIN]
    if DefenseGroup.objects.filter(association=association, name=GROUP).exists():
        return

    def gaccess(email: str, group: DefenseGroup):
        return get_group_access(resolve_access(slug=association.slug, user=people[email]), group.pk)

    lead = resolve_access(slug=association.slug, user=people[LEAD])
    group = defense_services.group_create(
        access=lead, name=GROUP, plaintiff_name="Aurora Lumen Designs", agreement_text=AGREEMENT
    )
    result.created[DefenseGroup] += 1
    for email in MEMBERS:
        company = people[email].company
        assert company is not None
        defense_services.invite_company(gaccess=gaccess(LEAD, group), company=company)
        defense_services.invitation_answer(gaccess=gaccess(email, group), accept=True)
        defense_services.agreement_accept(gaccess=gaccess(email, group), version=1)
    firm = LawFirm.objects.get(association=association, name_en=HARBOR)
    engagement = counsel_services.engage(
        gaccess=gaccess(LEAD, group), firm=firm, scope="Defense of the Schedule A case through the preliminary "
        "injunction, for the three members", fee_arrangement="Hourly, partner USD 850, associate USD 380; expenses "
        "at cost", started_on=date(2026, 1, 5), counsel=[people[COUNSEL]],
    )  # fmt: skip
    defense_services.invitation_answer(gaccess=gaccess(COUNSEL, group), accept=True)
    defense_services.agreement_accept(gaccess=gaccess(COUNSEL, group), version=1)
    cost_services.treasurer_appoint(gaccess=gaccess(LEAD, group), user=people[LEAD])
    smallest = people[MEMBERS[1]].company
    assert smallest is not None
    version = cost_services.version_propose(
        gaccess=gaccess(LEAD, group),
        data={"method": "base_weighted", "base_percent": "30", "measure": "US revenue, 2025 (USD)",
              "currency": "USD", "effective_on": date(2026, 1, 1), "terms": [{"company": smallest.pk,
                                                                              "cap": "2500.00"}]},
    )  # fmt: skip
    result.created[CostVersion] += 1
    for email, figure in FIGURES.items():
        cost_services.figure_declare(gaccess=gaccess(email, group), version=version, figure=figure)
        cost_services.version_accept(gaccess=gaccess(email, group), version=version)
    cost_services.invoice_import(
        gaccess=gaccess(COUNSEL, group), engagement=engagement, file_name="HP-2026-0107.txt",
        content=INVOICE.encode(), currency="USD",
    )  # fmt: skip
    cost_services.expense_add(
        gaccess=gaccess(LEAD, group),
        data={"payee": "Shenzhen Lingyu Translation Co.", "incurred_on": date(2026, 1, 14), "category": "translation",
              "amount": "1200.00", "currency": "USD", "description": "Certified translation of the declarations"},
    )  # fmt: skip
