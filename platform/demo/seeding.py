"""Build the demo world of demo.data, idempotently: what exists is left alone, only what is missing is created.

The services do the writing wherever they fit, so the demo carries the same audit events, object grants and
notifications as real use: reports are written, submitted and moderated as a member and a moderator would, and
each report's idempotency key (derived from its name in demo.data) makes a second run find it instead. Two
things have no service because in real use they only happen through a person's own action: creating a user (an
invitation is accepted) and choosing an API key's value (it is random). Those are written directly here, with
an audit event each.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password
from django.db import transaction
from django.utils import timezone

from accounts import services as account_services
from accounts.models import ApiKey, PartnerOrganization, User
from accounts.tokens import digest, parse_api_key
from audit.services import audit_record
from demo import data
from demo.costs import seed_costs
from demo.counsel import seed_counsel
from demo.credentials import DEMO_API_KEY, DEMO_PASSWORD, MAIN
from sharing.deadlines import services as deadline_services
from sharing.deadlines.models import CaseFacts
from sharing.reports import services as report_services
from sharing.reports.choices import ReportStatus, VersionStatus
from sharing.reports.models import Report, ReturnReason
from sharing.watchlists import services as watch_services
from sharing.watchlists.models import Watch
from tenancy import services as tenancy_services
from tenancy.access import resolve_access
from tenancy.models import Association, AssociationRole, Company, Membership, MembershipStatus

SEEDED_BY = {"source": "seed_demo"}


@dataclass
class SeedResult:
    created: Counter = field(default_factory=Counter)  # model class -> rows of it created by this run

    @property
    def changed(self) -> bool:
        return bool(self.created)


@transaction.atomic
def seed_demo() -> SeedResult:
    result = SeedResult()
    # One hash for every demo user: the password is public anyway, and Argon2 takes a good part of a second.
    password_hash = make_password(DEMO_PASSWORD)
    associations = {spec.slug: _association(spec, result) for spec in data.ASSOCIATIONS}
    people = {spec.email: _user(spec, None, password_hash, result) for spec in data.STAFF}
    admins = {}
    for role in data.ROLES:
        if role.role == "admin":
            # An association's first admin has nobody above them: the system appoints them (actor None).
            _role(associations[role.association], people[role.email], role.role, None, result)
            admins[role.association] = people[role.email]
    for spec in data.COMPANIES:
        first = next(iter(spec.memberships))
        company = _company(spec, associations[first], admins[first], result)
        members = [_user(person, company, password_hash, result) for person in spec.people]
        people.update({user.email: user for user in members})
        for slug, status in spec.memberships.items():
            _membership(associations[slug], company, status, members[0], admins[slug], result)
    for role in data.ROLES:
        if role.role != "admin":
            association = associations[role.association]
            _role(association, people[role.email], role.role, admins[role.association], result)
    _partner_with_key(associations[MAIN], admins[MAIN], result)
    reasons = _return_reasons(associations[MAIN], people[data.DECIDED_BY[MAIN]], result)
    for report_spec in data.REPORTS:
        _report(report_spec, associations[report_spec.association], people, reasons, result)
    for facts_spec in data.CASE_FACTS:
        _case_facts(facts_spec, associations[MAIN], people[facts_spec.reporter], result)
    for email, criterion, value in data.WATCHES:
        _watch(associations[MAIN], people[email], criterion, value, result)
    seed_counsel(associations, people, result)
    seed_costs(associations, people, result)
    return result


def _association(spec: data.AssociationSpec, result: SeedResult) -> Association:
    association = Association.objects.filter(slug=spec.slug).first()
    if association is None:
        association = tenancy_services.association_create(
            name=spec.name, slug=spec.slug, default_language=spec.default_language
        )
        result.created[Association] += 1
    return association


def _user(spec: data.PersonSpec, company: Company | None, password_hash: str, result: SeedResult) -> User:
    user = User.objects.filter(email__iexact=spec.email).first()
    if user is not None:
        return user
    user = User(
        email=spec.email,
        display_name=spec.display_name,
        preferred_language=spec.preferred_language,
        company=company,
        company_role=spec.company_role,
    )
    validate_password(DEMO_PASSWORD, user)
    user.password = password_hash
    user.full_clean()
    user.save()
    if company is not None:
        # Object permissions are granted to the company's group, never to each user (as invitation_accept does).
        user.groups.add(company.group)
    audit_record(action="user.create", target=user, details=SEEDED_BY)
    result.created[User] += 1
    return user


def _company(spec: data.CompanySpec, association: Association, actor: User, result: SeedResult) -> Company:
    company = Company.objects.filter(legal_name_en=spec.legal_name_en).first()
    if company is None:
        company = tenancy_services.company_create(association=association, actor=actor, **spec.profile())
        result.created[Company] += 1
    return company


def _membership(
    association: Association, company: Company, status: str, applicant: User, admin: User, result: SeedResult
) -> None:
    """Walk the real path to `status`: apply, then approve, then suspend. An existing membership is left as is."""
    if Membership.objects.filter(association=association, company=company).exists():
        return
    membership = tenancy_services.membership_apply(association=association, company=company, actor=applicant)
    if status in (MembershipStatus.ACTIVE, MembershipStatus.SUSPENDED):
        membership = tenancy_services.membership_decide(membership=membership, decision="approve", actor=admin)
    if status == MembershipStatus.SUSPENDED:
        tenancy_services.membership_decide(
            membership=membership, decision="suspend", actor=admin, note="Demo: annual dues unpaid."
        )
    result.created[Membership] += 1


def _role(association: Association, user: User, role: str, actor: User | None, result: SeedResult) -> None:
    if not AssociationRole.objects.filter(association=association, user=user, role=role).exists():
        tenancy_services.role_appoint(association=association, user=user, role=role, actor=actor)
        result.created[AssociationRole] += 1


def _partner_with_key(association: Association, admin: User, result: SeedResult) -> None:
    partner = PartnerOrganization.objects.filter(association=association, name=data.PARTNER_NAME).first()
    if partner is None:
        partner = account_services.partner_create(
            association=association, name=data.PARTNER_NAME, contact_email=data.PARTNER_EMAIL, actor=admin
        )
        result.created[PartnerOrganization] += 1
    prefix = parse_api_key(DEMO_API_KEY)
    assert prefix is not None  # the published demo key is well formed
    if ApiKey.objects.filter(prefix=prefix).exists():
        return
    # Not api_key_create: it draws a random key, and the demo needs the published one.
    api_key = ApiKey.objects.create(
        partner=partner,
        name=data.PARTNER_KEY_NAME,
        prefix=prefix,
        key_hash=digest(DEMO_API_KEY),
        scopes=data.PARTNER_KEY_SCOPES,
        created_by=admin,
    )
    audit_record(
        action="api_key.create",
        actor=admin,
        association=association,
        target=api_key,
        details={"prefix": prefix, "scopes": data.PARTNER_KEY_SCOPES, **SEEDED_BY},
    )
    result.created[ApiKey] += 1


def _return_reasons(association: Association, moderator: User, result: SeedResult) -> dict[str, ReturnReason]:
    reasons = {}
    for spec in data.RETURN_REASONS:
        reason = ReturnReason.objects.filter(association=association, title=spec.title).first()
        if reason is None:
            reason = report_services.reason_save(
                association=association, actor=moderator, title=spec.title, text_en=spec.text_en, text_zh=spec.text_zh
            )
            result.created[ReturnReason] += 1
        reasons[spec.title] = reason
    return reasons


def _report(spec: data.ReportSpec, association: Association, people: dict, reasons: dict, result: SeedResult) -> None:
    """Write the report as its company would, then take it as far as `spec.status` through moderation."""
    reporter = people[spec.reporter]
    access = resolve_access(slug=association.slug, user=reporter)
    key = data.report_key(spec.key)
    report, created = report_services.report_create(access=access, data=spec.data, idempotency_key=key)
    if not created:
        return
    result.created[Report] += 1
    if spec.status == ReportStatus.DRAFT:
        return
    report = report_services.report_submit(report=report, actor=reporter)
    version = report.versions.get(status=VersionStatus.PENDING)
    moderator = people[data.DECIDED_BY[spec.association]]
    if spec.status == ReportStatus.PUBLISHED:
        report_services.version_approve(version=version, actor=moderator)
    elif spec.status == ReportStatus.RETURNED:
        chosen = [reasons[title] for title in spec.reasons]
        report_services.version_return(version=version, actor=moderator, reasons=chosen, note=spec.note)


def _case_facts(spec: data.CaseFactsSpec, association: Association, reporter: User, result: SeedResult) -> None:
    report = Report.objects.get(idempotency_key=data.report_key(spec.report))
    if CaseFacts.objects.filter(report=report).exists():
        return
    assert report.filed_on is not None  # every demo report was filed
    served = max(report.filed_on, timezone.localdate() - timedelta(days=spec.served_days_ago))
    access = resolve_access(slug=association.slug, user=reporter)
    facts = {"complaint_served_on": served, "complaint_service_method": spec.method}
    deadline_services.case_facts_set(access=access, report=report, data=facts)
    result.created[CaseFacts] += 1


def _watch(association: Association, user: User, criterion: str, value: str, result: SeedResult) -> None:
    if Watch.objects.filter(user=user, association=association, criterion=criterion).exists():
        return
    watch_services.watch_add(access=resolve_access(slug=association.slug, user=user), criterion=criterion, value=value)
    result.created[Watch] += 1
