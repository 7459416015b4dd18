"""Writes of the counsel network. Moderators and admins keep the directory (audited with the association); a
firm's counsel propose edits; company admins recommend and review (audited without the association, so that the
association's log never ties a company to a recommendation or review); moderators decide reviews and replies;
a defense group's lead engages a firm. Each validates everything first and writes in one transaction.
"""

from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal
from typing import Any, NoReturn

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.services import audit_record
from notifications.services import notify
from sharing.counsel import search
from sharing.counsel.choices import (
    BAR_ADMISSIONS,
    FORUMS,
    INDUSTRIES,
    KINDS,
    LANGUAGES,
    RATING_FIELDS,
    RIGHTS,
    USPTO_NUMBER,
    FeeKind,
    ProposalStatus,
    ReviewStatus,
)
from sharing.counsel.models import (
    Attorney,
    Engagement,
    FeeArrangement,
    LawFirm,
    Office,
    Proposal,
    Recommendation,
    Reply,
    Review,
)
from sharing.counsel.selectors import (
    counsel_users,
    engageable_counsel,
    is_firm_counsel,
    moderators,
    per_company_ratings,
    review_threshold,
    reviewable_reports,
)
from sharing.defense.access import GroupAccess
from sharing.defense.services import REJOINABLE, invite_counsel
from sharing.reports.anonymizer import Redaction, redact
from sharing.reports.choices import AmountBand, ReportStatus
from sharing.reports.forums import FORUM_CODES
from sharing.reports.shared import identity_terms
from tenancy.access import STAFF_ROLES, Access, NoAccess

# The firm's own fields, as the firm form and a counsel's proposal name them.
FIRM_FIELDS = ("name_en", "name_zh", "practice_en", "practice_zh", "website", "email", "phone", "forums", "kinds",
               "rights", "industries", "languages")  # fmt: skip
FIRM_LISTS: dict[str, Mapping[str, Any]] = {
    "forums": FORUMS,
    "kinds": KINDS,
    "rights": RIGHTS,
    "industries": INDUSTRIES,
    "languages": LANGUAGES,
}
ATTORNEY_FIELDS = ("name_en", "name_zh", "seniority", "email", "languages", "bar_admissions", "uspto_number", "user")
# Reports a company may review counsel for: those it has reported (not drafts nobody saw).
REVIEWABLE = (ReportStatus.SUBMITTED, ReportStatus.PUBLISHED, ReportStatus.UPDATED, ReportStatus.RETURNED,
              ReportStatus.ARCHIVED, ReportStatus.WITHDRAWN)  # fmt: skip


def _tell_moderators(firm: LawFirm, kind: str, url_name: str) -> None:
    """Tell the association's moderators something awaits them (naming the firm, never a company)."""
    association = firm.association
    notify(
        recipients=moderators(association.pk), association=association, kind=kind,
        params={"firm": firm.name_en, "association": association.name},
        url=reverse(url_name, kwargs={"slug": association.slug}),
    )  # fmt: skip


def _tell(recipients: Iterable[User], firm: LawFirm, kind: str, url_name: str) -> None:
    association = firm.association
    notify(
        recipients=recipients, association=association, kind=kind, params={"firm": firm.name_en},
        url=reverse(url_name, kwargs={"slug": association.slug}),
    )  # fmt: skip


def _refuse(message: str, field: str | None = None) -> NoReturn:
    raise ValidationError({field: message} if field else message)


def _require_staff(access: Access) -> None:
    if not access.has_any(STAFF_ROLES):
        raise NoAccess


def _codes(value: Any, vocabulary: Mapping[str, Any], field: str, errors: dict[str, list[str]]) -> list[str]:
    """`value` as a list of known codes, in the vocabulary's order, each once; unknown codes are an error."""
    if value in (None, ""):
        return []
    if isinstance(value, str) or not isinstance(value, Iterable):
        errors.setdefault(field, []).append(_("Give a list of codes."))
        return []
    given = [str(item) for item in value]
    unknown = [item for item in given if item not in vocabulary]
    if unknown:
        errors.setdefault(field, []).append(
            _("Unknown choice: %(codes)s.") % {"codes": ", ".join(sorted(set(unknown))[:5])}
        )
    return [code for code in vocabulary if code in given]


def _raise(errors: dict[str, list[str]]) -> None:
    if errors:
        raise ValidationError(errors)


def _validated(instance: Any, exclude: Iterable[str] = ()) -> None:
    try:
        instance.full_clean(exclude=list(exclude), validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        raise ValidationError(error.message_dict) from None


def _apply_firm(firm: LawFirm, data: Mapping[str, Any]) -> list[str]:
    """Validate `data` (some of FIRM_FIELDS) onto `firm` without saving; the names of the fields changed."""
    errors: dict[str, list[str]] = {}
    changed = []
    for name in FIRM_FIELDS:
        if name not in data:
            continue
        value = data[name]
        if name in FIRM_LISTS:
            value = _codes(value, FIRM_LISTS[name], name, errors)
        else:
            value = (value or "").strip() if isinstance(value, str) or value is None else value
        if getattr(firm, name) != value:
            changed.append(name)
        setattr(firm, name, value)
    _raise(errors)
    _validated(firm, exclude=["association", "verified_by"])
    return changed


def firm_save(*, access: Access, data: Mapping[str, Any], firm: LawFirm | None = None) -> LawFirm:
    """Create a firm (no `firm`) or change one: moderators and association admins."""
    _require_staff(access)
    firm = firm or LawFirm(association=access.association)
    created = firm.pk is None
    changed = _apply_firm(firm, data)
    with transaction.atomic():
        firm.save()
        search.index_firm(firm)
        audit_record(
            action="counsel.firm_created" if created else "counsel.firm_changed",
            actor=access.user,
            association=access.association,
            target=firm,
            details={"fields": changed},
        )
    return firm


def firm_verify(*, access: Access, firm: LawFirm, verified: bool = True) -> LawFirm:
    """Mark the firm verified by the association (who, when), or take the mark back."""
    _require_staff(access)
    with transaction.atomic():
        firm.verified_at = timezone.now() if verified else None
        firm.verified_by = access.user if verified else None
        firm.save(update_fields=["verified_at", "verified_by", "updated_at"])
        audit_record(
            action="counsel.firm_verified" if verified else "counsel.firm_unverified",
            actor=access.user,
            association=access.association,
            target=firm,
        )
    return firm


def firm_retire(*, access: Access, firm: LawFirm, retired: bool = True) -> LawFirm:
    """Take a firm out of the directory (its reviews and engagements stay), or bring it back."""
    _require_staff(access)
    with transaction.atomic():
        firm.retired_at = timezone.now() if retired else None
        firm.save(update_fields=["retired_at", "updated_at"])
        audit_record(
            action="counsel.firm_retired" if retired else "counsel.firm_restored",
            actor=access.user,
            association=access.association,
            target=firm,
        )
    return firm


def attorney_save(
    *, access: Access, firm: LawFirm, data: Mapping[str, Any], attorney: Attorney | None = None
) -> Attorney:
    """Add an attorney to the firm or change one: moderators and admins. `user`: one of the association's
    counsel users, or None."""
    _require_staff(access)
    attorney = attorney or Attorney(firm=firm)
    errors: dict[str, list[str]] = {}
    for name in ATTORNEY_FIELDS:
        if name not in data:
            continue
        value = data[name]
        if name == "languages":
            value = _codes(value, LANGUAGES, name, errors)
        elif name == "bar_admissions":
            value = _codes(value, BAR_ADMISSIONS, name, errors)
        elif name == "uspto_number":
            value = (value or "").strip()
            if value and not USPTO_NUMBER.fullmatch(value):
                errors.setdefault(name, []).append(
                    _("A USPTO registration number is five or six digits, such as 71234.")
                )
        elif name == "user":
            if value is not None and not counsel_users(firm.association_id).filter(pk=value.pk).exists():
                errors.setdefault(name, []).append(_("Choose one of the association's external counsel."))
        elif isinstance(value, str):
            value = value.strip()
        setattr(attorney, name, value)
    _raise(errors)
    _validated(attorney, exclude=["firm", "user"])
    with transaction.atomic():
        try:
            with transaction.atomic():
                attorney.save()
        except IntegrityError:
            _refuse(_("This counsel user is already one of the firm's attorneys."), "user")
        search.index_firm(firm)
        audit_record(
            action="counsel.attorney_saved", actor=access.user, association=access.association, target=firm,
            details={"attorney": attorney.pk},
        )  # fmt: skip
    return attorney


def attorney_remove(*, access: Access, attorney: Attorney) -> None:
    _require_staff(access)
    firm = attorney.firm
    with transaction.atomic():
        attorney.delete()
        search.index_firm(firm)
        audit_record(action="counsel.attorney_removed", actor=access.user, association=access.association, target=firm)


def office_add(*, access: Access, firm: LawFirm, city: str, country: str) -> Office:
    _require_staff(access)
    office = Office(firm=firm, city=(city or "").strip(), country=(country or "").strip())
    _validated(office, exclude=["firm"])
    with transaction.atomic():
        office.save()
        search.index_firm(firm)
        audit_record(action="counsel.office_added", actor=access.user, association=access.association, target=firm)
    return office


def office_remove(*, access: Access, office: Office) -> None:
    _require_staff(access)
    firm = office.firm
    with transaction.atomic():
        office.delete()
        search.index_firm(firm)
        audit_record(action="counsel.office_removed", actor=access.user, association=access.association, target=firm)


def fee_add(*, access: Access, firm: LawFirm, data: Mapping[str, Any]) -> FeeArrangement:
    """One fee model: a range (from, to; either may be open) for hourly and flat fees, a percentage range for a
    contingency, an amount for a cap."""
    _require_staff(access)
    fee = FeeArrangement(firm=firm, **{name: data.get(name) for name in ("kind", "seniority", "minimum", "maximum")})
    fee.description = (data.get("description") or "").strip()
    fee.seniority = fee.seniority or ""
    fee.currency = data.get("currency") or "USD"
    _validated(fee, exclude=["firm"])
    low, high = fee.minimum, fee.maximum
    errors: dict[str, list[str]] = {}
    if low is None and high is None:
        errors["minimum"] = [_("Give an amount or a range.")]
    elif low is not None and high is not None and Decimal(low) > Decimal(high):
        errors["minimum"] = [_("The lower end of the range exceeds its upper end.")]
    elif any(amount is not None and Decimal(amount) < 0 for amount in (low, high)):
        errors["minimum"] = [_("Fees are not negative.")]
    if fee.kind == FeeKind.CONTINGENCY and any(a is not None and Decimal(a) > 100 for a in (low, high)):
        errors["maximum"] = [_("A contingency is a percentage, at most 100.")]
    if fee.kind == FeeKind.HOURLY and not fee.seniority:
        errors["seniority"] = [_("Say whose hourly rate this is.")]
    _raise(errors)
    with transaction.atomic():
        fee.save()
        audit_record(action="counsel.fee_added", actor=access.user, association=access.association, target=firm)
    return fee


def fee_remove(*, access: Access, fee: FeeArrangement) -> None:
    _require_staff(access)
    with transaction.atomic():
        fee.delete()
        audit_record(action="counsel.fee_removed", actor=access.user, association=access.association, target=fee.firm)


def proposal_submit(*, access: Access, firm: LawFirm, data: Mapping[str, Any]) -> Proposal:
    """A firm's counsel proposes changes to its entry (validated now, applied by a moderator)."""
    if not is_firm_counsel(access, firm):
        raise NoAccess
    trial = LawFirm.objects.get(pk=firm.pk)
    changed = _apply_firm(trial, data)
    if not changed:
        _refuse(_("Nothing would change."))
    changes = {name: getattr(trial, name) for name in changed}
    assert access.user is not None
    with transaction.atomic():
        proposal = Proposal.objects.create(firm=firm, proposed_by=access.user, changes=changes)
        _tell_moderators(firm, "counsel.proposal_awaiting", "counsel:proposals")
        audit_record(
            action="counsel.change_proposed", actor=access.user, association=access.association, target=firm,
            details={"fields": changed},
        )  # fmt: skip
    return proposal


def proposal_decide(*, access: Access, proposal: Proposal, approve: bool) -> Proposal:
    """Apply a proposal to the firm (approve) or reject it; either way it is decided once."""
    _require_staff(access)
    with transaction.atomic():
        proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if proposal.status != ProposalStatus.PENDING:
            _refuse(_("This proposal was already decided."))
        if approve:
            firm_save(access=access, firm=proposal.firm, data=proposal.changes)
        proposal.status = ProposalStatus.APPROVED if approve else ProposalStatus.REJECTED
        proposal.decided_at, proposal.decided_by = timezone.now(), access.user
        proposal.save(update_fields=["status", "decided_at", "decided_by"])
        _tell([proposal.proposed_by], proposal.firm, f"counsel.proposal_{proposal.status}", "counsel:directory")
        audit_record(
            action=f"counsel.proposal_{proposal.status}", actor=access.user, association=access.association,
            target=proposal.firm,
        )  # fmt: skip
    return proposal


def _require_company_admin(access: Access) -> None:
    if not access.is_company_admin or access.company is None:
        raise NoAccess


def refresh_counts(firm: LawFirm) -> None:
    """The firm's counts and rating over companies, kept on its row for the directory (inside the transaction)."""
    recommending = Recommendation.objects.filter(firm=firm).values("company").distinct().count()
    per_company = per_company_ratings(firm)
    firm.recommending_companies, firm.reviewing_companies = recommending, len(per_company)
    if per_company:
        overall = sum(sum(row.values()) / len(RATING_FIELDS) for row in per_company) / len(per_company)
        firm.rating = Decimal(overall).quantize(Decimal("0.01"))
    else:
        firm.rating = None
    if firm.reviewing_companies < review_threshold():
        firm.rating = None  # not shown, so not sortable by either: the order would tell it
    LawFirm.objects.filter(pk=firm.pk).update(
        recommending_companies=firm.recommending_companies,
        reviewing_companies=firm.reviewing_companies,
        rating=firm.rating,
    )


def recommend(*, access: Access, firm: LawFirm, kind: str, forum: str) -> Recommendation:
    """The caller's company recommends the firm for a kind of case in a forum (once; again is a no-op)."""
    _require_company_admin(access)
    errors: dict[str, list[str]] = {}
    if kind not in KINDS:
        errors["kind"] = [_("Choose one of the kinds of case.")]
    if forum not in FORUM_CODES:
        errors["forum"] = [_("Choose one of the forums.")]
    _raise(errors)
    assert access.user is not None and access.company is not None
    with transaction.atomic():
        recommendation, created = Recommendation.objects.get_or_create(
            firm=firm, company=access.company, kind=kind, forum=forum,
            defaults={"association": access.association, "created_by": access.user},
        )  # fmt: skip
        if created:
            refresh_counts(firm)
            audit_record(action="counsel.recommended", actor=access.user, target=recommendation)
    return recommendation


def unrecommend(*, access: Access, recommendation_id: int | str) -> None:
    _require_company_admin(access)
    with transaction.atomic():
        recommendation = (
            Recommendation.objects.select_for_update()
            .filter(pk=recommendation_id, company=access.company, association=access.association)
            .first()
        )
        if recommendation is None:
            raise NoAccess
        firm = recommendation.firm
        recommendation.delete()
        refresh_counts(firm)
        audit_record(action="counsel.recommendation_removed", actor=access.user, target=firm)


def _review_redaction(report: Any, text: str) -> Redaction:
    """The review text as others would read it: the reviewer's names, people, stores and case redacted, as in
    its report's narrative (and the plaintiff's and firm's names kept, as there)."""
    return redact(text, **identity_terms(report), extra_terms=report.extra_redactions)


def _review_fields(access: Access, firm: LawFirm, data: Mapping[str, Any]) -> tuple[Review, Redaction]:
    errors: dict[str, list[str]] = {}
    report = reviewable_reports(access).filter(pk=data.get("report") or 0, status__in=REVIEWABLE).first()
    if report is None:
        errors["report"] = [_("Choose one of your company's reports.")]
    review = Review(association=access.association, firm=firm, company=access.company, created_by=access.user)
    for name in RATING_FIELDS:
        value = data.get(name)
        if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 5:
            errors[name] = [_("Rate from 1 to 5.")]
        else:
            setattr(review, name, value)
    cost_band = data.get("cost_band") or ""
    if cost_band and cost_band not in AmountBand.values:
        errors["cost_band"] = [_("Choose one of the cost bands.")]
    review.cost_band = cost_band
    review.text = (data.get("text") or "").strip()
    if len(review.text) > 5000:
        errors["text"] = [_("At most 5,000 characters.")]
    _raise(errors)
    assert report is not None
    review.report, review.kind, review.forum, review.outcome = report, report.kind, report.forum, report.outcome
    redaction = _review_redaction(report, review.text)
    review.shared_text = redaction.text
    return review, redaction


def review_preview(*, access: Access, firm: LawFirm, data: Mapping[str, Any]) -> Redaction:
    """What a review would show to others, with what was redacted (nothing is saved)."""
    _require_company_admin(access)
    return _review_fields(access, firm, data)[1]


def review_submit(*, access: Access, firm: LawFirm, data: Mapping[str, Any]) -> Review:
    """The caller's company reviews the firm for one of its reports; it waits for a moderator."""
    _require_company_admin(access)
    if firm.retired_at is not None:
        raise NoAccess
    review, _redaction = _review_fields(access, firm, data)
    try:
        with transaction.atomic():
            review.save()
            _tell_moderators(firm, "counsel.review_awaiting", "counsel:review_queue")
            audit_record(action="counsel.review_submitted", actor=access.user, target=review)
    except IntegrityError:
        _refuse(_("Your company already reviewed this firm for this report."), "report")
    return review


def review_withdraw(*, access: Access, review: Review) -> Review:
    """The company takes its review back; if it was published the firm's counts and rating change at once."""
    _require_company_admin(access)
    if review.company_id != getattr(access.company, "pk", None):
        raise NoAccess
    with transaction.atomic():
        review.status = ReviewStatus.WITHDRAWN
        review.save(update_fields=["status"])
        refresh_counts(review.firm)
        audit_record(action="counsel.review_withdrawn", actor=access.user, target=review)
    return review


def review_decide(
    *, access: Access, review: Review, action: str, note: str = "", redactions: Iterable[str] = ()
) -> Review:
    """A moderator publishes a review (with more words redacted if needed), returns it for changes, or rejects it."""
    _require_staff(access)
    statuses = {"publish": ReviewStatus.PUBLISHED, "return": ReviewStatus.RETURNED, "reject": ReviewStatus.REJECTED}
    if action not in statuses:
        _refuse(_("Unknown decision."), "action")
    with transaction.atomic():
        review = Review.objects.select_for_update().select_related("firm", "report").get(pk=review.pk)
        if review.status != ReviewStatus.PENDING:
            _refuse(_("This review was already decided."))
        terms = [term.strip() for term in redactions if term and term.strip()]
        if terms:
            review.shared_text = redact(review.shared_text, extra_terms=terms).text
        review.status, review.decision_note, review.decided_by = statuses[action], (note or "").strip(), access.user
        if review.status == ReviewStatus.PUBLISHED:
            review.published_month = timezone.localdate().replace(day=1)
        review.save(update_fields=["status", "decision_note", "decided_by", "shared_text", "published_month"])
        refresh_counts(review.firm)
        people = User.objects.filter(company_id=review.company_id, is_active=True)
        _tell(people, review.firm, f"counsel.review_{review.status}", "counsel:own_reviews")
        audit_record(action=f"counsel.review_{action}", actor=access.user, target=review)
    return review


def reply_submit(*, access: Access, review: Review, text: str) -> Reply:
    """The reviewed firm's counsel answer a published review, once; a moderator decides the answer."""
    if not is_firm_counsel(access, review.firm):
        raise NoAccess
    text = (text or "").strip()
    if not text:
        _refuse(_("Write the reply."), "text")
    if len(text) > 3000:
        _refuse(_("At most 3,000 characters."), "text")
    assert access.user is not None
    try:
        with transaction.atomic():
            reply = Reply.objects.create(review=review, author=access.user, text=text)
            _tell_moderators(review.firm, "counsel.reply_awaiting", "counsel:reply_queue")
            audit_record(action="counsel.reply_submitted", actor=access.user, target=review.firm)
    except IntegrityError:
        _refuse(_("The firm already replied to this review."), "text")
    return reply


def reply_decide(*, access: Access, reply: Reply, publish: bool) -> Reply:
    _require_staff(access)
    with transaction.atomic():
        reply = Reply.objects.select_for_update().get(pk=reply.pk)
        if reply.status != ReviewStatus.PENDING:
            _refuse(_("This reply was already decided."))
        reply.status = ReviewStatus.PUBLISHED if publish else ReviewStatus.REJECTED
        reply.decided_by = access.user
        reply.save(update_fields=["status", "decided_by"])
        _tell([reply.author], reply.review.firm, f"counsel.reply_{reply.status}", "counsel:directory")
        audit_record(action=f"counsel.reply_{reply.status}", actor=access.user, association=access.association,
                     target=reply.review.firm)  # fmt: skip
    return reply


def engage(
    *, gaccess: GroupAccess, firm: LawFirm, scope: str, fee_arrangement: str, started_on: date | None,
    counsel: Iterable[User] = (),
) -> Engagement:  # fmt: skip
    """The group's lead records the engagement of a firm and invites the chosen counsel users of it into the
    group (the existing counsel invitation: they work there once they accept the group's agreement)."""
    if not gaccess.manages:
        raise NoAccess
    errors: dict[str, list[str]] = {}
    if firm.association_id != gaccess.group.association_id or firm.retired_at is not None:
        errors["firm"] = [_("Choose a firm of the directory.")]
    if not (scope or "").strip():
        errors["scope"] = [_("Describe what the firm is engaged for.")]
    if not (fee_arrangement or "").strip():
        errors["fee_arrangement"] = [_("Describe the fee arrangement.")]
    if started_on is None:
        errors["started_on"] = [_("Give the start date.")]
    chosen = list(counsel)
    allowed = set(engageable_counsel(firm).values_list("user_id", flat=True))
    if any(user.pk not in allowed for user in chosen):
        errors["counsel"] = [_("Choose among the firm's attorneys who are the association's counsel.")]
    _raise(errors)
    assert started_on is not None
    with transaction.atomic():
        engagement = Engagement.objects.create(
            group=gaccess.group, firm=firm, scope=scope.strip(), fee_arrangement=fee_arrangement.strip(),
            started_on=started_on, created_by=gaccess.user,
        )  # fmt: skip
        invited = gaccess.group.participants.filter(user__in=chosen).exclude(status__in=REJOINABLE)
        already = set(invited.values_list("user_id", flat=True))
        for user in chosen:
            if user.pk not in already:
                invite_counsel(gaccess=gaccess, user=user)
        audit_record(
            action="counsel.engaged", actor=gaccess.user, association=gaccess.group.association, target=engagement,
            details={"firm": firm.pk, "counsel": [user.pk for user in chosen]},
        )  # fmt: skip
    return engagement
