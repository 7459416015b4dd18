"""factory-boy factories. Companies go through the service so their group and object grants exist."""

from datetime import date, timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from accounts.models import ApiKey, Invitation, InvitationKind, PartnerOrganization, User
from accounts.tokens import new_api_key, new_invitation_token
from api.scopes import ApiScope
from tenancy import services as tenancy_services
from tenancy.models import Association, AssociationRole, Company, Membership, MembershipStatus

PASSWORD = "Correct-Horse-Battery-9"


class AssociationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Association
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Association {n}")
    slug = factory.Sequence(lambda n: f"assoc-{n}")


class CompanyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Company

    legal_name_en = factory.Sequence(lambda n: f"Shenzhen Example {n} Co., Ltd.")
    legal_name_zh = factory.Sequence(lambda n: f"深圳示例{n}有限公司")
    aliases = factory.Sequence(lambda n: [f"Example{n}"])
    trademarks = factory.Sequence(lambda n: [f"EXMPL{n}"])
    store_names = factory.Sequence(lambda n: [f"Example{n} Official Store"])
    web_domains = factory.Sequence(lambda n: [f"example{n}.cn"])
    industry = "electronics"

    @classmethod
    def _create(cls, model_class, *args, association=None, **kwargs):
        association = association or AssociationFactory()
        return tenancy_services.company_create(association=association, actor=None, **kwargs)


def member_company(association: Association, status: str = MembershipStatus.ACTIVE, **kwargs) -> Company:
    company = CompanyFactory(association=association, **kwargs)
    Membership.objects.create(association=association, company=company, status=status)
    return company


def recognisable_company(association: Association) -> tuple[Company, list[User]]:
    """A member company made as recognisable as possible (names in two languages, an alias, a mark, a store, a
    domain) and its two people, one with a Chinese name: for tests that no identity leaks."""
    company = member_company(
        association,
        legal_name_en="Zhejiang Quillfeather Outdoor Gear Co., Ltd.",
        legal_name_zh="浙江羽笔户外用品有限公司",
        aliases=["Quillfeather Outdoor"],
        trademarks=["QuillPeak"],
        store_names=["QuillPeak Outfitters"],
        web_domains=["quillfeather.cn"],
    )
    people = [
        company_user(company, role="admin", display_name="Zhou Mingyu", email="zhou.mingyu@quillfeather.cn"),
        company_user(company, display_name="李晓红", email="li.xh@quillfeather.cn"),
    ]
    return company, people


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.test")
    display_name = factory.Sequence(lambda n: f"User {n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def company_user(company: Company, role: str = "member", **kwargs) -> User:
    user = UserFactory(company=company, company_role=role, **kwargs)
    user.groups.add(company.group)
    return user


def association_role(association: Association, role: str, user: User | None = None) -> User:
    user = user or UserFactory()
    AssociationRole.objects.create(association=association, user=user, role=role)
    return user


class InvitationFactory(factory.django.DjangoModelFactory):
    """Use `invitation_with_token` when the test needs the token."""

    class Meta:
        model = Invitation

    association = factory.SubFactory(AssociationFactory)
    kind = InvitationKind.COMPANY
    email = factory.Sequence(lambda n: f"invitee{n}@example.test")
    token_hash = factory.LazyFunction(lambda: new_invitation_token()[1])
    created_by = factory.SubFactory(UserFactory)
    expires_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))


def invitation_with_token(**kwargs) -> tuple[Invitation, str]:
    token, token_hash = new_invitation_token()
    return InvitationFactory(token_hash=token_hash, **kwargs), token


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerOrganization

    association = factory.SubFactory(AssociationFactory)
    name = factory.Sequence(lambda n: f"Partner Law Firm {n}")


def api_key_for(partner: PartnerOrganization, scopes=None, **kwargs) -> tuple[ApiKey, str]:
    key, prefix, key_hash = new_api_key()
    api_key = ApiKey.objects.create(
        partner=partner,
        name=kwargs.pop("name", "test key"),
        prefix=prefix,
        key_hash=key_hash,
        scopes=scopes if scopes is not None else list(ApiScope.values),
        created_by=kwargs.pop("created_by", None) or UserFactory(),
        **kwargs,
    )
    return api_key, key


def report_data(**overrides) -> dict:
    data = {
        "kind": "district_patent",
        "forum": "txed",
        "plaintiff_name": "Lumen Holdings, LLC",
        "law_firm": "Rabicoff Law LLC",
        "patents": ["US 10,123,456 B2", "D765,432"],
        "trademarks": [],
        "copyright": False,
        "trade_secret": False,
        "product_category": "lighting",
        "industry": "electronics",
        "filed_on": date(2026, 3, 14),
        "served_on": date(2026, 3, 20),
        "response_due_on": date(2026, 4, 10),
        "stage": "served",
        "outcome": "pending",
        "currency": "USD",
        "damages_claimed": Decimal("2500000"),
        "docket_number": "2:26-cv-00123-JRG",
        "store_names": ["BrightHome Direct"],
        "seller_ids": ["A2XYZ123SELLER"],
        "listing_ids": ["B0ABCDEFGH"],
        "narrative": "",
    }
    return {**data, **overrides}


def published_report(access, *, moderator, **overrides):
    """A report of `access`'s company, submitted and approved: returns (report, published version)."""
    from sharing.reports import services

    report, _ = services.report_create(access=access, data=report_data(**overrides))
    services.report_submit(report=report, actor=access.user)
    version = services.version_approve(version=report.versions.get(), actor=moderator)
    return report, version


# Reports of the cast (tests/conftest.py): its "entitled" company admin reports, its moderator decides.


def reporter_access(cast):
    """The cast's entitled user (a company admin) acting in `alpha`: the reporter of the cast's reports."""
    from tenancy.access import resolve_access

    return resolve_access(slug=cast.association.slug, user=cast.users["entitled"])


def draft_report(cast, **overrides):
    from sharing.reports import services

    report, _created = services.report_create(access=reporter_access(cast), data=report_data(**overrides))
    return report


def submitted_report(cast, **overrides):
    """A report awaiting moderation: (report, its pending shared version)."""
    from sharing.reports import services

    report = draft_report(cast, **overrides)
    services.report_submit(report=report, actor=cast.users["entitled"])
    return report, report.versions.get()


def cast_published_report(cast, **overrides):
    """(report, published shared version) of the cast's entitled company."""
    return published_report(reporter_access(cast), moderator=cast.users["moderator"], **overrides)
