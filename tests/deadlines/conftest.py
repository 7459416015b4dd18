"""A served defendant: the cast's entitled company (tests/conftest.py) with a district court patent report, and
its case facts entered."""

from datetime import date

import pytest

from sharing.deadlines import services
from tests.factories import company_user, draft_report, reporter_access

SERVED_ON = date(2026, 6, 12)  # answer due Monday 6 July 2026 (3 July is the observed Independence Day)
ANSWER_DUE = date(2026, 7, 6)
IPR_BAR = date(2027, 6, 14)  # 12 June 2027 is a Saturday


@pytest.fixture
def reporter(cast):
    """The entitled company admin's access in `alpha`."""
    return reporter_access(cast)


@pytest.fixture
def colleague(cast):
    """A plain member of the entitled company."""
    return company_user(cast.users["entitled"].company, role="member")


@pytest.fixture
def report(cast):
    return draft_report(cast, filed_on=date(2026, 6, 1), served_on=SERVED_ON, response_due_on=None)


@pytest.fixture
def served(reporter, report):
    """The report with its complaint served in person: its answer and IPR-bar deadlines computed."""
    services.case_facts_set(
        access=reporter,
        report=report,
        data={"complaint_served_on": SERVED_ON, "complaint_service_method": "personal"},
    )
    return report


@pytest.fixture
def answer(served):
    return served.deadlines.get(rule="frcp12a_answer")
