"""Building the counsel network in tests: a directory of two firms, each with a counsel user as attorney, kept
by the cast's moderator; member companies with reports to review counsel for."""

from dataclasses import dataclass

from sharing.counsel import services
from tenancy.access import resolve_access
from tests.defense.helpers import Side, counsel, side
from tests.factories import published_report

FIRM = {
    "name_en": "Harbor & Pine LLP",
    "name_zh": "港松律师事务所",
    "practice_en": "Schedule A defense, design patents and trademark counterfeiting cases in Chicago.",
    "forums": ["ilnd", "txed"],
    "kinds": ["schedule_a", "district_patent"],
    "rights": ["design", "trademark"],
    "languages": ["en", "zh"],
}
RATINGS = {"responsiveness": 5, "expertise": 4, "cost_control": 3, "communication": 4}


def access_of(user, slug: str = "alpha"):
    return resolve_access(slug=slug, user=user)


@dataclass
class Directory:
    firm: object  # Harbor & Pine, with `firm_counsel` as attorney
    other_firm: object  # Lakeview IP, with `other_counsel`
    firm_counsel: object
    other_counsel: object

    def staff(self, cast):
        return access_of(cast.users["moderator"])


def directory(cast) -> Directory:
    staff = access_of(cast.users["moderator"])
    firm = services.firm_save(access=staff, data=FIRM)
    other_firm = services.firm_save(
        access=staff, data={"name_en": "Lakeview IP Group", "forums": ["ilnd"], "kinds": ["schedule_a"]}
    )
    firm_counsel, other_counsel = counsel(cast.association), counsel(cast.association)
    services.attorney_save(
        access=staff, firm=firm, data={"name_en": "Dana Whitfield", "seniority": "partner", "user": firm_counsel}
    )
    services.attorney_save(
        access=staff, firm=other_firm, data={"name_en": "Sam Ortega", "seniority": "partner", "user": other_counsel}
    )
    return Directory(firm, other_firm, firm_counsel, other_counsel)


def reviewer(cast, **report) -> tuple[Side, object]:
    """A new member company of the cast's association with a published report: (its side, the report)."""
    company = side(cast.association)
    found, _version = published_report(
        company.access(), moderator=cast.users["moderator"], **{"kind": "schedule_a", "forum": "ilnd", **report}
    )
    return company, found


def published_review(cast, firm, company: Side, report, **ratings):
    review = services.review_submit(
        access=company.access(), firm=firm, data={"report": report.pk, **RATINGS, **ratings, "text": "Quick work."}
    )
    return services.review_decide(access=access_of(cast.users["moderator"]), review=review, action="publish")


def recognisable_reviewer(cast, **report) -> tuple[Side, object]:
    """Like `reviewer`, for tests.factories.recognisable_company (names in two languages, a store): its side and
    a published report naming its store."""
    from tests.factories import recognisable_company

    company, (admin, member) = recognisable_company(cast.association)
    found, _version = published_report(
        resolve_access(slug="alpha", user=admin), moderator=cast.users["moderator"],
        **{"kind": "schedule_a", "forum": "ilnd", "store_names": list(company.store_names), **report},
    )  # fmt: skip
    return Side(company, admin, member), found


def cast_side(cast) -> Side:
    """The cast's entitled company admin as a Side (with a new member of its company)."""
    from tests.factories import company_user

    admin = cast.users["entitled"]
    return Side(admin.company, admin, company_user(admin.company))
