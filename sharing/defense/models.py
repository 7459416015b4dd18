"""Joint defense groups. Who is in a group is itself confidential; what a participant may see depends on its
acceptance of the group's common-interest agreement (see sharing.defense.access)."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.files.storage import storages
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

AGREEMENT_MAX_LENGTH = 50_000


def private_storage():
    """Uploaded documents: settings.STORAGES["private"], a folder outside the static and web roots."""
    return storages["private"]


class GroupStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    ARCHIVED = "archived", _("Archived")


class DefenseGroup(models.Model):
    """Companies (and their external counsel) defending against a common plaintiff together."""

    association = models.ForeignKey("tenancy.Association", on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), max_length=4000, blank=True)
    plaintiff = models.ForeignKey(
        "plaintiffs.PlaintiffEntity",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("plaintiff"),
    )
    campaign = models.ForeignKey(
        "campaigns.Campaign",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="groups",
        verbose_name=_("campaign"),
    )
    listed = models.BooleanField(
        _("listed"), default=False, help_text=_("Moderators may see that the group exists, never its content.")
    )
    status = models.CharField(_("status"), max_length=10, choices=GroupStatus.choices, default=GroupStatus.ACTIVE)
    # The target of object grants made *to the group* (a reporter sharing its raw report). It has no users:
    # who may use a grant is decided live from the participants and their acceptances.
    grantee = models.OneToOneField(Group, on_delete=models.PROTECT, related_name="defense_group", editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True)

    class Meta:
        verbose_name = _("defense group")
        verbose_name_plural = _("defense groups")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.name


class ParticipantRole(models.TextChoices):
    LEAD = "lead", _("Lead")
    MEMBER = "member", _("Member")
    COUNSEL = "counsel", _("Counsel")
    OBSERVER = "observer", _("Observer")


class ParticipantStatus(models.TextChoices):
    INVITED = "invited", _("Invited")
    ACTIVE = "active", _("Active")
    DECLINED = "declined", _("Declined")
    LEFT = "left", _("Left")
    REMOVED = "removed", _("Removed")


class Participant(models.Model):
    """A company (all its people) or one external counsel user in a group."""

    group = models.ForeignKey(DefenseGroup, on_delete=models.CASCADE, related_name="participants")
    company = models.ForeignKey("tenancy.Company", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    role = models.CharField(_("role"), max_length=10, choices=ParticipantRole.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=ParticipantStatus.choices, default=ParticipantStatus.INVITED
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    invited_at = models.DateTimeField(_("invited"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["invited_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(company__isnull=False, user__isnull=True) | Q(company__isnull=True, user__isnull=False),
                name="participant_company_or_user",
            ),
            models.UniqueConstraint(fields=["group", "company"], name="participant_unique_company"),
            models.UniqueConstraint(fields=["group", "user"], name="participant_unique_user"),
        ]

    def __str__(self) -> str:
        return f"{self.company or self.user} in {self.group} ({self.role}, {self.status})"


class Agreement(models.Model):
    """One version of the group's common-interest (joint defense) agreement. Versions are never edited."""

    group = models.ForeignKey(DefenseGroup, on_delete=models.CASCADE, related_name="agreements")
    version = models.PositiveIntegerField(_("version"))
    text = models.TextField(_("text"), max_length=AGREEMENT_MAX_LENGTH)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["-version"]
        constraints = [models.UniqueConstraint(fields=["group", "version"], name="agreement_unique_version")]

    def __str__(self) -> str:
        return f"{self.group} v{self.version}"


class Acceptance(models.Model):
    """A participant's acceptance of one agreement version: who, when, which version; withdrawal ends it."""

    agreement = models.ForeignKey(Agreement, on_delete=models.PROTECT, related_name="acceptances")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="acceptances")
    accepted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    accepted_at = models.DateTimeField(_("accepted"), auto_now_add=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("acceptance")
        verbose_name_plural = _("acceptances")
        ordering = ["-accepted_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "participant"],
                condition=Q(withdrawn_at__isnull=True),
                name="acceptance_one_standing",
            )
        ]

    def __str__(self) -> str:
        return f"{self.participant} accepted {self.agreement}"


class DocumentAudience(models.TextChoices):
    GROUP = "group", _("The whole group")
    COUNSEL = "counsel", _("Counsel only")
    COMPANIES = "companies", _("Chosen companies")


class Document(models.Model):
    """A group document; its versions hold the files. With the "chosen companies" audience, the chosen
    companies' groups hold a guardian grant ("view_document")."""

    group = models.ForeignKey(DefenseGroup, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=200)
    audience = models.CharField(
        _("who may read it"), max_length=10, choices=DocumentAudience.choices, default=DocumentAudience.GROUP
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title


class DocumentUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Document, on_delete=models.CASCADE)


class DocumentGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Document, on_delete=models.CASCADE)


class DocumentVersion(models.Model):
    """One uploaded file. Stored outside the static and web roots; served only by the permission-checked view."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    file = models.FileField(_("file"), upload_to="documents/%Y/%m/", storage=private_storage)
    filename = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size"))
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("document version")
        verbose_name_plural = _("document versions")
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="document_version_unique")]

    def __str__(self) -> str:
        return f"{self.document} v{self.number}"
