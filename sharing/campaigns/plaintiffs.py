"""Finding and creating plaintiff entities by name: the reports form and the suggestion endpoint use it."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from audit.services import audit_record
from sharing.campaigns.models import PlaintiffAlias, PlaintiffClass, PlaintiffEntity
from sharing.campaigns.names import normalize_party_name, party_name_keys

SUGGESTION_LIMIT = 10


def plaintiff_for_name(*, association, name: str) -> PlaintiffEntity:
    """The entity any party of `name` already resolves to in the association, or a new one named `name`.

    "X d/b/a Y" links both names to one entity, so later reports under either spelling find it.
    """
    name = " ".join((name or "").split())
    keys = party_name_keys(name)
    if not keys:
        raise ValidationError(_("Enter the name of the asserting party."), code="required")
    known = PlaintiffAlias.objects.filter(association=association, key__in=keys).select_related("entity")
    entity = next((alias.entity for alias in known), None)
    if entity is None:
        entity = PlaintiffEntity.objects.create(association=association, name=name)
    for key in set(keys) - {alias.key for alias in known}:
        try:
            with transaction.atomic():  # a concurrent report may have added the same spelling
                PlaintiffAlias.objects.create(entity=entity, association=association, name=name, key=key)
        except IntegrityError:
            pass
    return entity


def plaintiff_classify(*, entity: PlaintiffEntity, classification: str, actor) -> PlaintiffEntity:
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


def plaintiff_suggestions(*, entities, text: str, limit: int = SUGGESTION_LIMIT):
    """Those of `entities` (a scoped queryset) one of whose names starts with, or whose normalized key
    contains, what was typed; alphabetical."""
    text = " ".join((text or "").split())
    key = normalize_party_name(text)
    if not key:
        return entities.none()
    aliases = PlaintiffAlias.objects.filter(Q(key__startswith=key) | Q(name__istartswith=text) | Q(key__contains=key))
    return entities.filter(id__in=aliases.values("entity_id")).order_by("name", "id")[:limit]
