"""What a report must satisfy beyond field types: rights that exist, dates that make sense, forums that fit the
kind of case, identifiers as clean lists. Errors name their field and are in the user's language."""

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from sharing.reports.choices import FORUMS_BY_KIND, ReportKind, RightType
from sharing.reports.models import NARRATIVE_MAX_LENGTH
from sharing.reports.rights import RightKind, parse_patent, parse_trademark_registration

LIST_FIELDS = ("store_names", "seller_ids", "listing_ids", "product_models", "extra_redactions")
LIST_MAX_ITEMS = 50
LIST_ITEM_MAX_LENGTH = 200
RIGHTS_MAX = 50
AMOUNT_FIELDS = ("damages_claimed", "settlement_amount", "frozen_funds", "defense_cost")
AMOUNT_MAX = Decimal("9999999999999.99")
PAST_DATE_FIELDS = ("notice_received_on", "filed_on", "served_on")
_PATENT_TYPES = {RightKind.DESIGN: RightType.DESIGN_PATENT}


def clean_rights(
    *, patents: Sequence[str] = (), trademarks: Sequence[str] = (), copyright: bool = False, trade_secret: bool = False
) -> list[dict[str, str]]:
    """Rights as stored: [{"type", "key", "display"}], patents and marks normalized, duplicates dropped."""
    errors: list[tuple[str, ValidationError]] = []
    rights: dict[str, dict[str, str]] = {}
    if len(patents) + len(trademarks) > RIGHTS_MAX:
        raise ValidationError({"patents": _("Enter at most %(count)d rights.") % {"count": RIGHTS_MAX}})
    for text in patents:
        try:
            right = parse_patent(text)
        except ValidationError as error:
            errors.append(("patents", error))
            continue
        kind = _PATENT_TYPES.get(right.kind, RightType.UTILITY_PATENT)
        rights.setdefault(right.key, {"type": kind.value, "key": right.key, "display": right.display})
    for text in trademarks:
        try:
            right = parse_trademark_registration(text)
        except ValidationError as error:
            errors.append(("trademarks", error))
            continue
        rights.setdefault(right.key, {"type": RightType.TRADEMARK.value, "key": right.key, "display": right.display})
    if errors:
        grouped: dict[str, list[str]] = {}
        for field, refusal in errors:
            grouped.setdefault(field, []).extend(refusal.messages)
        raise ValidationError(grouped)
    result = list(rights.values())
    if copyright:
        result.append({"type": RightType.COPYRIGHT.value, "key": "", "display": ""})
    if trade_secret:
        result.append({"type": RightType.TRADE_SECRET.value, "key": "", "display": ""})
    return result


def clean_list(values: object, field: str) -> list[str]:
    if not isinstance(values, list | tuple):
        raise ValidationError({field: _("Enter a list of texts.")})
    if len(values) > LIST_MAX_ITEMS:
        raise ValidationError({field: _("Enter at most %(count)d items.") % {"count": LIST_MAX_ITEMS}})
    cleaned: dict[str, str] = {}
    for position, value in enumerate(values, start=1):
        term = " ".join(value.split()) if isinstance(value, str) else ""
        if not term:
            raise ValidationError({field: _("Item %(position)d is empty or not a text.") % {"position": position}})
        if len(term) > LIST_ITEM_MAX_LENGTH:
            raise ValidationError(
                {
                    field: _("Item %(position)d is longer than %(limit)d characters.")
                    % {"position": position, "limit": LIST_ITEM_MAX_LENGTH}
                }
            )
        cleaned.setdefault(term.casefold(), term)
    return list(cleaned.values())


def check_report(data: dict[str, Any]) -> None:
    """Cross-field rules of a complete report (field types were checked by the form or serializer)."""
    errors: dict[str, list[str]] = {}

    def refuse(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    kind, forum = data.get("kind"), data.get("forum")
    if kind in ReportKind.values and forum and forum not in FORUMS_BY_KIND[ReportKind(kind)]:
        refuse("forum", _("This forum does not hear this kind of case."))
    today = timezone.localdate()
    for field in PAST_DATE_FIELDS:
        if isinstance(data.get(field), date) and data[field] > today:
            refuse(field, _("This date is in the future."))
    filed, served, due = data.get("filed_on"), data.get("served_on"), data.get("response_due_on")
    if filed and served and served < filed:
        refuse("served_on", _("Service cannot come before the filing."))
    if due and served and due < served:
        refuse("response_due_on", _("The response cannot be due before service."))
    elif due and filed and due < filed:
        refuse("response_due_on", _("The response cannot be due before the filing."))
    for field in AMOUNT_FIELDS:
        amount = data.get(field)
        if amount is not None and amount < 0:
            refuse(field, _("Enter an amount of zero or more."))
        elif amount is not None and amount > AMOUNT_MAX:
            refuse(field, _("This amount is too large."))
    if len(data.get("narrative") or "") > NARRATIVE_MAX_LENGTH:
        refuse(
            "narrative",
            _("The narrative is longer than %(limit)d characters.") % {"limit": NARRATIVE_MAX_LENGTH},
        )
    if errors:
        raise ValidationError(errors)
