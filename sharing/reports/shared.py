"""The shared version of a report, built from the raw one as the anonymization invariants (docs/ARCHITECTURE.md) say:
identity fields withheld, dates to the month, amounts to bands, free text redacted with typed placeholders."""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from accounts.models import User
from sharing.plaintiffs.names import normalize_party_name
from sharing.reports.anonymizer import Redaction, redact
from sharing.reports.choices import amount_band
from sharing.reports.company_names import short_names
from sharing.reports.models import Report

_SCRIPT_RUNS = re.compile(r"[\u3400-\u9fff]+|[^\u3400-\u9fff]+")
# Kept as they are: the intelligence other members need.
KEPT_FIELDS = ("kind", "forum", "plaintiff", "law_firm", "rights", "product_category", "industry", "stage", "outcome")
MONTH_FIELDS = {"notice_received_on": "notice_month", "filed_on": "filed_month", "served_on": "served_month"}
BAND_FIELDS = {
    "damages_claimed": "damages_band",
    "settlement_amount": "settlement_band",
    "frozen_funds": "frozen_band",
    "defense_cost": "defense_cost_band",
}


@dataclass(frozen=True)
class SharedDraft:
    fields: dict[str, Any]  # SharedVersion field values
    redaction: Redaction  # the narrative's redaction, for the preview's markers


def identity_terms(report: Report) -> dict[str, list[str]]:
    """Everything that could name the reporter, by the placeholder that replaces it."""
    company = report.company
    people = User.objects.filter(company=company).values_list("display_name", flat=True)
    names = company.identity_terms()
    # "Quillfeather" and "羽笔户外" name the company as surely as its registered name does.
    short = [
        form for name in (company.legal_name_en, company.legal_name_zh, *company.aliases) for form in short_names(name)
    ]
    return {
        "member_terms": [*names, *short],
        "person_terms": [part for name in people for part in name_parts(name)],
        "listing_terms": [*report.store_names, *report.seller_ids, *report.listing_ids, *report.product_models],
        "docket_terms": [report.docket_number] if report.docket_number else [],
    }


def name_parts(name: str) -> list[str]:
    """A display name and its parts in each script: "Li Wei 李伟" is also written "Li Wei" or "李伟"."""
    runs = [run.strip() for run in _SCRIPT_RUNS.findall(name or "")]
    return [part for part in dict.fromkeys([(name or "").strip(), *runs]) if len(part) >= 2]


def build_shared(report: Report, moderator_terms: Iterable[str] = ()) -> SharedDraft:
    """The shared version of `report` (saved or not). Moderators' earlier redactions carry over to revisions."""
    redaction = redact(
        report.narrative,
        **identity_terms(report),
        extra_terms=[*report.extra_redactions, *moderator_terms],
    )
    fields = {name: getattr(report, name) for name in KEPT_FIELDS}
    fields["law_firm_key"] = normalize_party_name(report.law_firm)
    for raw, shared in MONTH_FIELDS.items():
        day = getattr(report, raw)
        fields[shared] = day.replace(day=1) if day else None
    for raw, shared in BAND_FIELDS.items():
        fields[shared] = amount_band(getattr(report, raw))
    fields["currency"] = report.currency
    fields["narrative"] = redaction.text
    return SharedDraft(fields=fields, redaction=redaction)
