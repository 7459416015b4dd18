"""People, invitations and partner API keys."""

from typing import Any

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from notifications.models import NotificationEmail


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields: Any) -> "User":
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields: Any) -> "User":
        fields.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **fields)

    def get_by_natural_key(self, username: str | None) -> "User":
        return self.get(email__iexact=username)


class CompanyRole(models.TextChoices):
    ADMIN = "admin", _("Company admin")
    MEMBER = "member", _("Company member")


class User(AbstractBaseUser, PermissionsMixin):
    """Signs in with an e-mail address. Belongs to at most one company; association roles live in tenancy."""

    email = models.EmailField(_("e-mail address"), unique=True)
    display_name = models.CharField(_("display name"), max_length=120)
    preferred_language = models.CharField(
        _("preferred language"), max_length=10, choices=settings.LANGUAGES, default="en"
    )
    notification_email = models.CharField(
        _("e-mail me notifications"),
        max_length=10,
        choices=NotificationEmail.choices,
        default=NotificationEmail.INSTANT,
    )
    company = models.ForeignKey(
        "tenancy.Company", on_delete=models.PROTECT, null=True, blank=True, related_name="users"
    )
    company_role = models.CharField(_("company role"), max_length=10, choices=CompanyRole.choices, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("platform operator"), default=False)
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["display_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_ci_unique"),
            models.CheckConstraint(
                condition=models.Q(company__isnull=True, company_role="")
                | models.Q(company__isnull=False, company_role__in=["admin", "member"]),
                name="user_company_role_consistent",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name or self.email

    def get_full_name(self) -> str:
        return self.display_name

    def get_short_name(self) -> str:
        return self.display_name


class InvitationKind(models.TextChoices):
    COMPANY = "company", _("New member company")
    COLLEAGUE = "colleague", _("Colleague")
    COUNSEL = "counsel", _("External counsel")


class Invitation(models.Model):
    """A single-use, expiring sign-up link. Only a hash of the token is stored."""

    association = models.ForeignKey("tenancy.Association", on_delete=models.CASCADE, related_name="invitations")
    kind = models.CharField(_("kind"), max_length=10, choices=InvitationKind.choices)
    email = models.EmailField(_("e-mail address"))
    company = models.ForeignKey(
        "tenancy.Company", on_delete=models.CASCADE, null=True, blank=True, related_name="invitations"
    )
    company_role = models.CharField(_("company role"), max_length=10, choices=CompanyRole.choices, blank=True)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.kind} invitation for {self.email}"

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None and self.expires_at > timezone.now()


class PartnerOrganization(models.Model):
    """A law firm, guidance centre or data provider reading one association's published data."""

    association = models.ForeignKey("tenancy.Association", on_delete=models.CASCADE, related_name="partners")
    name = models.CharField(_("name"), max_length=200)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("partner organization")
        verbose_name_plural = _("partner organizations")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["association", "name"], name="partner_unique_name")]

    def __str__(self) -> str:
        return self.name


class ApiKey(models.Model):
    """A partner's key: `jdp_<prefix>_<secret>`. The prefix identifies it; only a hash of the whole key is kept."""

    is_partner_key = True  # what api.base.partner_key looks for in request.auth

    partner = models.ForeignKey(PartnerOrganization, on_delete=models.CASCADE, related_name="api_keys")
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("prefix"), max_length=16, unique=True, editable=False)
    key_hash = models.CharField(max_length=64, editable=False)
    scopes = models.JSONField(_("scopes"), default=list)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def association(self):
        return self.partner.association

    @property
    def is_usable(self) -> bool:
        now = timezone.now()
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > now)
