# ruff: noqa: RUF001 (the Chinese texts use full-width punctuation, as Chinese writers do)
"""The demo's counsel network in the main association: three firms (one verified, its attorney the demo's counsel
user), their offices and fees, members' recommendations, and reviews: five companies reviewed Harbor & Pine, so its
ratings show; two reviewed Lakeview, which stays "fewer than 5 reviews". Written through the services, idempotently
(a firm is found by its English name, a review by its company, firm and report)."""

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from demo.credentials import MAIN
from demo.data import report_key
from sharing.counsel import services
from sharing.counsel.models import Attorney, LawFirm, Recommendation, Review
from sharing.reports.models import Report
from tenancy.access import resolve_access
from tenancy.models import Association

if TYPE_CHECKING:
    from accounts.models import User
    from demo.seeding import SeedResult


@dataclass(frozen=True)
class FirmSpec:
    fields: dict  # services.firm_save's data
    verified: bool = False
    offices: list[tuple[str, str]] = field(default_factory=list)
    attorneys: list[dict] = field(default_factory=list)  # services.attorney_save's data; "user" an e-mail
    fees: list[dict] = field(default_factory=list)


@dataclass(frozen=True)
class ReviewSpec:
    firm: str
    report: str  # the demo report's key (demo.data.REPORTS): the case the firm worked on
    ratings: tuple[int, int, int, int]  # responsiveness, expertise, cost control, communication
    cost_band: str
    text: str


HARBOR, LAKEVIEW, GOLD_GATE = "Harbor & Pine LLP", "Lakeview IP Group", "Gold Gate IP Law"

FIRMS = [
    FirmSpec(
        {
            "name_en": HARBOR,
            "name_zh": "港松律师事务所",
            "practice_en": "Schedule A defense in Chicago: TRO and asset-freeze challenges, design patent and "
            "trademark counterfeiting claims, settlements for groups of defendants.",
            "practice_zh": "芝加哥“附表A”案件应诉：挑战临时限制令与资金冻结，"
            "外观设计专利和商标假冒指控，为多名被告统一和解。",
            "website": "https://harbor-pine-law.example",
            "email": "intake@harbor-pine-law.example",
            "phone": "+1 312 555 0148",
            "forums": ["ilnd", "ilsd", "itc", "ptab"],
            "kinds": ["schedule_a", "district_patent", "itc_337"],
            "rights": ["design", "trademark", "utility"],
            "industries": ["electronics", "mobile", "retail"],
            "languages": ["en", "zh"],
        },
        verified=True,
        offices=[("Chicago", "United States"), ("Shenzhen", "China")],
        attorneys=[
            {
                "name_en": "Sarah Whitfield",
                "name_zh": "莎拉·惠特菲尔德",
                "seniority": "partner",
                "languages": ["en"],
                "bar_admissions": ["bar-il", "court-ilnd", "court-cafc", "uspto"],
                "uspto_number": "71234",
                "user": "counsel@harbor-pine-law.example",
            },
            {
                "name_en": "Li Wei",
                "name_zh": "李伟",
                "seniority": "associate",
                "languages": ["zh", "en"],
                "bar_admissions": ["bar-ny", "court-ilnd"],
            },
        ],
        fees=[
            {
                "kind": "flat",
                "description": "Schedule A defense, per defendant, through the preliminary injunction",
                "minimum": "3500",
                "maximum": "6000",
            },
            {"kind": "hourly", "seniority": "partner", "minimum": "650", "maximum": "850"},
            {"kind": "hourly", "seniority": "associate", "minimum": "380", "maximum": "520"},
        ],
    ),
    FirmSpec(
        {
            "name_en": LAKEVIEW,
            "name_zh": "湖景知识产权集团",
            "practice_en": "Patent litigation in the Eastern District of Texas and inter partes review at the PTAB.",
            "practice_zh": "德州东区专利诉讼，以及专利审判和上诉委员会的双方复审。",
            "forums": ["txed", "txwd", "ptab"],
            "kinds": ["district_patent", "ptab"],
            "rights": ["utility"],
            "industries": ["electronics", "manufacturing"],
            "languages": ["en", "zh", "ko"],
        },
        offices=[("Plano", "United States")],
        attorneys=[
            {
                "name_en": "Daniel Cho",
                "seniority": "partner",
                "languages": ["en", "ko"],
                "bar_admissions": ["bar-tx", "court-txed", "uspto"],
                "uspto_number": "58812",
            }
        ],
        fees=[{"kind": "contingency", "minimum": "25", "maximum": "40"}, {"kind": "cap", "maximum": "250000"}],
    ),
    FirmSpec(
        {
            "name_en": GOLD_GATE,
            "name_zh": "金门知识产权律所",
            "practice_en": "Amazon and platform takedowns, customs seizures, cease-and-desist letters.",
            "practice_zh": "亚马逊等平台下架申诉、海关扣押、律师函应对。",
            "forums": ["amazon", "cbp", "cand"],
            "kinds": ["platform", "customs", "letter"],
            "rights": ["trademark", "copyright"],
            "languages": ["en", "zh", "yue"],
        },
        offices=[("San Francisco", "United States"), ("Hong Kong", "China")],
        fees=[{"kind": "flat", "description": "Platform appeal", "minimum": "800", "maximum": "1500"}],
    ),
]

# (company admin's e-mail, firm, kind, forum)
RECOMMENDATIONS = [
    ("admin@lianxun-mobile.example", HARBOR, "schedule_a", "ilnd"),
    ("admin@guangyao-led.example", HARBOR, "schedule_a", "ilnd"),
    ("admin@jingdian-power.example", HARBOR, "schedule_a", "ilnd"),
    ("admin@haibo-comm.example", HARBOR, "itc_337", "itc"),
    ("admin@xinghe-terminal.example", LAKEVIEW, "district_patent", "txed"),
    ("admin@meijia-appliances.example", LAKEVIEW, "ptab", "ptab"),
    ("admin@lanhai-ecom.example", GOLD_GATE, "platform", "amazon"),
]

REVIEWS = [
    ReviewSpec(
        HARBOR,
        "lianxun-schedule-a",
        (5, 5, 4, 5),
        "10k",
        "They had the asset freeze on Lianxun Mobile's store narrowed within two weeks and explained every "
        "step in Chinese.",
    ),
    ReviewSpec(
        HARBOR,
        "guangyao-schedule-a",
        (4, 5, 4, 4),
        "10k",
        "Settled for the whole group of defendants at a fair figure; the invoices were clear.",
    ),
    ReviewSpec(HARBOR, "jingdian-schedule-a", (4, 4, 3, 4), "lt10k", "律师回复很快，但后期费用比预想的高一些。"),
    ReviewSpec(HARBOR, "haibo-itc", (5, 4, 3, 4), "250k", "Strong on the technical side of the ITC case."),
    ReviewSpec(HARBOR, "meijia-ptab", (4, 4, 4, 5), "50k", "Careful work on the petition; weekly calls."),
    ReviewSpec(LAKEVIEW, "xinghe-district", (3, 5, 2, 3), "250k", "Excellent at trial strategy, expensive."),
    ReviewSpec(LAKEVIEW, "meijia-ptab", (4, 4, 3, 3), "50k", "Good PTAB team, slow to answer e-mails."),
]


def seed_counsel(associations: dict[str, Association], people: dict[str, "User"], result: "SeedResult") -> None:
    association = associations[MAIN]
    staff = resolve_access(slug=association.slug, user=people["admin@sccea.example"])
    firms = {spec.fields["name_en"]: _firm(spec, staff, people, result) for spec in FIRMS}
    for email, name, kind, forum in RECOMMENDATIONS:
        access = resolve_access(slug=association.slug, user=people[email])
        if not Recommendation.objects.filter(firm=firms[name], company=access.company, kind=kind, forum=forum):
            services.recommend(access=access, firm=firms[name], kind=kind, forum=forum)
            result.created[Recommendation] += 1
    moderator = resolve_access(slug=association.slug, user=people["moderator@yuntu-trade.example"])
    for review_spec in REVIEWS:
        _review(review_spec, firms[review_spec.firm], moderator, result)


def _firm(spec: FirmSpec, staff, people: dict[str, "User"], result: "SeedResult") -> LawFirm:
    firm = LawFirm.objects.filter(association=staff.association, name_en=spec.fields["name_en"]).first()
    if firm is not None:
        return firm
    firm = services.firm_save(access=staff, data=spec.fields)
    result.created[LawFirm] += 1
    if spec.verified:
        services.firm_verify(access=staff, firm=firm)
    for city, country in spec.offices:
        services.office_add(access=staff, firm=firm, city=city, country=country)
    for attorney in spec.attorneys:
        user = people[attorney["user"]] if attorney.get("user") else None
        services.attorney_save(access=staff, firm=firm, data={**attorney, "user": user})
        result.created[Attorney] += 1
    for fee in spec.fees:
        services.fee_add(access=staff, firm=firm, data=fee)
    return firm


def _review(spec: ReviewSpec, firm: LawFirm, moderator, result: "SeedResult") -> None:
    report = Report.objects.get(idempotency_key=report_key(spec.report))
    if Review.objects.filter(firm=firm, report=report).exists():
        return
    reviewer = report.created_by
    access = resolve_access(slug=firm.association.slug, user=reviewer)
    ratings = dict(zip(("responsiveness", "expertise", "cost_control", "communication"), spec.ratings, strict=True))
    data = {"report": report.pk, **ratings, "cost_band": spec.cost_band, "text": spec.text}
    review = services.review_submit(access=access, firm=firm, data=data)
    services.review_decide(access=moderator, review=review, action="publish")
    result.created[Review] += 1
