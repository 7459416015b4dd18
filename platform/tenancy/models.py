"""Associations, member companies, memberships and association-level roles."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase


class Association(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=60,
        unique=True,
        validators=[RegexValidator(r"^[a-z0-9][a-z0-9-]*$", _("Use lower-case letters, digits and hyphens."))],
    )
    default_language = models.CharField(_("default language"), max_length=10, choices=settings.LANGUAGES, default="en")
    counsel_open_to_partners = models.BooleanField(
        _("counsel directory open to partners"),
        default=False,
        help_text=_(
            "Partner API keys with the “counsel:read” scope may read the directory's current firms: their entries, "
            "recommendation counts and ratings, never which companies recommend or review them, nor the reviews."
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("association")
        verbose_name_plural = _("associations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Industry(models.TextChoices):
    MOBILE = "mobile", _("Mobile communications")
    ELECTRONICS = "electronics", _("Electronics")
    MANUFACTURING = "manufacturing", _("Manufacturing")
    RETAIL = "retail", _("Retail and e-commerce")
    OTHER = "other", _("Other")


class CompanySize(models.TextChoices):
    MICRO = "micro", _("Fewer than 10 employees")
    SMALL = "small", _("10 to 49 employees")
    MEDIUM = "medium", _("50 to 249 employees")
    LARGE = "large", _("250 employees or more")


class Company(models.Model):
    """A member enterprise. Its names, aliases, marks, stores and domains feed the anonymizer."""

    legal_name_en = models.CharField(_("legal name (English)"), max_length=255)
    legal_name_zh = models.CharField(_("legal name (Chinese)"), max_length=255, blank=True)
    aliases = models.JSONField(_("aliases"), default=list, blank=True)
    trademarks = models.JSONField(_("trademarks"), default=list, blank=True)
    store_names = models.JSONField(_("store names"), default=list, blank=True)
    web_domains = models.JSONField(_("web domains"), default=list, blank=True)
    industry = models.CharField(_("industry"), max_length=20, choices=Industry.choices, default=Industry.OTHER)
    size = models.CharField(_("size"), max_length=10, choices=CompanySize.choices, default=CompanySize.SMALL)
    group = models.OneToOneField(Group, on_delete=models.PROTECT, related_name="company", editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("company")
        verbose_name_plural = _("companies")
        ordering = ["legal_name_en"]

    def __str__(self) -> str:
        return self.legal_name_en

    def identity_terms(self) -> list[str]:
        """Every term that names this company; the anonymizer redacts each of them."""
        terms = [self.legal_name_en, self.legal_name_zh, *self.aliases, *self.trademarks, *self.store_names]
        terms += self.web_domains
        return [t for t in dict.fromkeys(t.strip() for t in terms) if t]


class CompanyUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Company, on_delete=models.CASCADE)


class CompanyGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Company, on_delete=models.CASCADE)


class MembershipStatus(models.TextChoices):
    PENDING = "pending", _("Pending approval")
    ACTIVE = "active", _("Active")
    SUSPENDED = "suspended", _("Suspended")
    REJECTED = "rejected", _("Rejected")


class Membership(models.Model):
    """A company's membership of one association; a company may belong to several."""

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="memberships")
    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="memberships")
    status = models.CharField(
        _("status"), max_length=10, choices=MembershipStatus.choices, default=MembershipStatus.PENDING
    )
    note = models.TextField(_("note"), blank=True, max_length=2000)
    created_at = models.DateTimeField(_("applied"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["association", "company"], name="membership_unique_company"),
        ]
        indexes = [models.Index(fields=["company", "status"])]

    def __str__(self) -> str:
        return f"{self.company} @ {self.association} ({self.status})"


class AssociationRoleKind(models.TextChoices):
    ADMIN = "admin", _("Association admin")
    MODERATOR = "moderator", _("Association moderator")
    COUNSEL = "counsel", _("External counsel")


class AssociationRole(models.Model):
    """A role a person holds in an association itself (not through a member company)."""

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="roles")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="association_roles")
    role = models.CharField(_("role"), max_length=10, choices=AssociationRoleKind.choices)
    created_at = models.DateTimeField(_("appointed"), auto_now_add=True)

    class Meta:
        verbose_name = _("association role")
        verbose_name_plural = _("association roles")
        ordering = ["association", "role", "user_id"]
        constraints = [
            models.UniqueConstraint(fields=["association", "user", "role"], name="association_role_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.role} @ {self.association}"
