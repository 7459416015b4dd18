"""Creating plaintiff entities by name (every report, group and watch naming a party goes through here) and
classifying them."""

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from audit.services import audit_record
from sharing.plaintiffs.models import PlaintiffAlias, PlaintiffClass, PlaintiffEntity
from sharing.plaintiffs.names import party_name_keys
from tenancy.models import Association

if TYPE_CHECKING:
    from accounts.models import User


def plaintiff_for_name(*, association: Association, name: str, reported: bool = True) -> PlaintiffEntity:
    """The entity any party of `name` already resolves to in the association, or a new one named `name`.

    "X d/b/a Y" links both names to one entity, so later reports under either spelling find it. An entity is
    shown under the first spelling a report gave it: one only watched so far (`reported=False` created it, as
    typed into a watchlist) takes the name of the first report naming it.
    """
    name = " ".join((name or "").split())
    keys = party_name_keys(name)
    if not keys:
        raise ValidationError(_("Enter the name of the asserting party."), code="required")
    known = PlaintiffAlias.objects.filter(association=association, key__in=keys).select_related("entity")
    entity = next((alias.entity for alias in known), None)
    if entity is None:
        entity = PlaintiffEntity.objects.create(association=association, name=name)
    elif reported and entity.name != name and not entity.reports.exists():
        entity.name = name
        entity.save(update_fields=["name"])
    for key in set(keys) - {alias.key for alias in known}:
        try:
            with transaction.atomic():  # a concurrent report may have added the same spelling
                PlaintiffAlias.objects.create(entity=entity, association=association, name=name, key=key)
        except IntegrityError:
            pass
    return entity


def plaintiff_classify(*, entity: PlaintiffEntity, classification: str, actor: "User") -> PlaintiffEntity:
    """A moderator says what kind of party the plaintiff is (operating company, patent assertion entity...)."""
    if classification not in PlaintiffClass.values:
        raise ValidationError({"classification": _("Choose one of the classifications.")}, code="invalid_choice")
    with transaction.atomic():
        entity.classification = classification
        entity.save(update_fields=["classification"])
        audit_record(
            action="plaintiff.classify",
            actor=actor,
            association=entity.association,
            target=entity,
            details={"classification": classification},
        )
    return entity
