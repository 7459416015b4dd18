"""Reports for the web tests, made through the services as tests/reports/test_services.py makes them.

The reporter is the cast's "entitled" actor (a company admin of a member company of association A); moderation
routes use a second moderator as "entitled" (`as_moderator`), so that the cast's own moderator is the one who
finds the revision already decided.
"""

from datetime import date
from decimal import Decimal

from tests.factories import association_role, company_user, member_company, report_data

# The cast's reports, under the names these tests use.
from tests.factories import cast_published_report as published  # noqa: F401
from tests.factories import draft_report as draft_report
from tests.factories import reporter_access as reporter_access
from tests.factories import submitted_report as submitted_report
from tests.web.helpers import signed_in as signed_in  # the tests import it from here too

URL = "/a/alpha/reports/"


def as_moderator(cast) -> dict:
    """Matrix overrides for moderation routes: a second moderator (with a company of their own) is entitled."""
    return {"entitled": association_role(cast.association, "moderator", company_user(member_company(cast.association)))}


def form_data(**overrides) -> dict:
    """report_data() as the report form posts it: dates ISO, lists one per line, ticked boxes "on"."""
    data = {}
    for name, value in report_data(**overrides).items():
        if value is True:
            data[name] = "on"
        elif isinstance(value, list):
            data[name] = "\n".join(value)
        elif isinstance(value, date | Decimal | str):
            data[name] = str(value)
        # None and unticked boxes are simply not sent, as a browser does.
    return data
