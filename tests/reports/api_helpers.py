"""Reports through the API: request bodies, and reports of the cast's entitled company in each state."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.test import Client

from sharing.reports.models import ReturnReason
from tenancy.access import resolve_access
from tests.api.calls import a

# The cast's reports, under the names these tests use.
from tests.factories import cast_published_report as published  # noqa: F401
from tests.factories import company_user, member_company, report_data
from tests.factories import draft_report as draft  # noqa: F401
from tests.factories import reporter_access as reporter_access
from tests.factories import submitted_report as pending  # noqa: F401

REPORTS = a("alpha", "reports/")
OWN = a("alpha", "reports/own/")
PREVIEW = a("alpha", "reports/preview/")
PLAINTIFFS = a("alpha", "plaintiffs/")
MODERATION = a("alpha", "moderation/")
REASONS = a("alpha", "moderation/reasons/")


def body(**overrides) -> dict:
    """tests.factories.report_data as JSON would carry it: dates as ISO strings, amounts as decimal strings."""
    return json.loads(json.dumps(report_data(**overrides), cls=DjangoJSONEncoder))


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def another_reporter_access(cast):
    """A company admin of yet another company of `alpha`."""
    return resolve_access(slug="alpha", user=company_user(member_company(cast.association), role="admin"))


def return_reason(association, title="Vague"):
    return ReturnReason.objects.create(association=association, title=title, text_en="Too vague.", text_zh="太笼统。")


def identity_terms(cast, report) -> list[str]:
    """Everything that would name the reporter: its company's names, its people, its report's identifiers."""
    company = report.company
    people = [(user.display_name, user.email) for user in company.users.all()]
    return [
        *company.identity_terms(),
        *(term for pair in people for term in pair),
        report.docket_number,
        *report.store_names,
        *report.seller_ids,
        *report.listing_ids,
    ]
