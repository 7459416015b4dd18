"""Plaintiff entities: one record per asserting party in an association, with the names it goes by. Reports,
defense groups, watches and campaigns all point at them; campaigns.merging merges and splits them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PlaintiffClass(models.TextChoices):
    OPERATING = "operating", _("Operating company")
    PAE = "pae", _("Patent assertion entity")
    INDIVIDUAL = "individual", _("Individual")
    UNIVERSITY = "university", _("University or research institute")
    UNKNOWN = "unknown", _("Unknown")


class PlaintiffEntity(models.Model):
    """An asserting party. Public information (it is on the docket), so it is shared as is."""

    association = models.ForeignKey("tenancy.Association", on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("name"), max_length=255)
    classification = models.CharField(
        _("classification"), max_length=12, choices=PlaintiffClass.choices, default=PlaintiffClass.UNKNOWN
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        db_table = "campaigns_plaintiffentity"  # the table kept its name when the model left campaigns
        verbose_name = _("plaintiff")
        verbose_name_plural = _("plaintiffs")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class PlaintiffAlias(models.Model):
    """A name the entity is known by (its own name included). `key` is the normalized comparison form."""

    entity = models.ForeignKey(PlaintiffEntity, on_delete=models.CASCADE, related_name="aliases")
    association = models.ForeignKey("tenancy.Association", on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("name"), max_length=255)
    key = models.CharField(max_length=255)

    class Meta:
        db_table = "campaigns_plaintiffalias"
        verbose_name = _("plaintiff alias")
        verbose_name_plural = _("plaintiff aliases")
        constraints = [models.UniqueConstraint(fields=["association", "key"], name="plaintiff_alias_unique_key")]
        indexes = [models.Index(fields=["association", "name"])]

    def __str__(self) -> str:
        return self.name
