"""Reports through the API: request bodies, and reports of the cast's entitled company in each state."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.test import Client

from sharing.reports import services
from sharing.reports.models import ReturnReason
from tenancy.access import resolve_access
from tests.api.calls import a
from tests.factories import company_user, member_company, published_report, report_data

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


def reporter_access(cast):
    """The entitled user (a company admin) acting in `alpha`: the reporter of every report made here."""
    return resolve_access(slug="alpha", user=cast.users["entitled"])


def another_reporter_access(cast):
    """A company admin of yet another company of `alpha`."""
    return resolve_access(slug="alpha", user=company_user(member_company(cast.association), role="admin"))


def draft(cast, **overrides):
    report, _created = services.report_create(access=reporter_access(cast), data=report_data(**overrides))
    return report


def pending(cast, **overrides):
    """A submitted report: returns (report, its pending shared version)."""
    report = draft(cast, **overrides)
    services.report_submit(report=report, actor=cast.users["entitled"])
    return report, report.versions.get()


def published(cast, **overrides):
    """A published report: returns (report, its published shared version)."""
    return published_report(reporter_access(cast), moderator=cast.users["moderator"], **overrides)


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
