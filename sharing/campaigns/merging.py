"""Moderators correct plaintiff resolution: merge two entities that are one party, split names off an entity
that stands for two. Everything naming the entity follows (aliases, raw reports, shared versions and their
search vectors, groups, campaigns, and any other record pointing at it), the plaintiff campaigns are rebuilt
(which may form one, and tell its companies), and the change is audited with the names and ids."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ForeignKey
from django.utils.translation import gettext as _

from audit.services import audit_record
from sharing.campaigns.detection import LIVE, Key, sync_campaigns
from sharing.campaigns.models import Campaign, CampaignBasis, CampaignOptIn, CampaignReport
from sharing.plaintiffs.models import PlaintiffEntity
from sharing.plaintiffs.names import party_name_keys
from sharing.reports import search
from sharing.reports.choices import VersionStatus
from sharing.reports.models import Report, SharedVersion


def _entity(association, entity_id, field: str) -> PlaintiffEntity:
    entity = PlaintiffEntity.objects.filter(association=association, pk=entity_id).first()
    if entity is None:
        raise ValidationError({field: _("Choose a plaintiff of this association.")}, code="invalid_choice")
    return entity


def plaintiff_merge(*, association, actor, source_id, target_id) -> PlaintiffEntity:
    """Merge entity `source_id` into `target_id` (both of `association`); the source is deleted."""
    source = _entity(association, source_id, "source")
    target = _entity(association, target_id, "target")
    if source.pk == target.pk:
        raise ValidationError({"target": _("A plaintiff cannot be merged into itself.")}, code="same")
    with transaction.atomic():
        source_campaign = Campaign.objects.filter(basis=CampaignBasis.PLAINTIFF, plaintiff=source).first()
        target_campaign = Campaign.objects.filter(basis=CampaignBasis.PLAINTIFF, plaintiff=target).first()
        if source_campaign is not None:
            _fold_campaign(source_campaign, target_campaign, target)
        _repoint(source, target)
        _reindex(target)
        audit_record(
            action="plaintiff.merge",
            actor=actor,
            association=association,
            target=target,
            details={
                "source": {"id": source.pk, "name": source.name},
                "target": {"id": target.pk, "name": target.name},
            },
        )
        source.delete()
        _rebuild_plaintiff_campaigns(association, [target])
    return target


def _fold_campaign(source: Campaign, target: Campaign | None, entity: PlaintiffEntity) -> None:
    """The source's plaintiff campaign becomes the target's, or is folded into it (links and opt-ins kept)."""
    if target is None:
        source.plaintiff = entity
        source.save(update_fields=["plaintiff", "updated_at"])
        return
    known = set(CampaignReport.objects.filter(campaign=target).values_list("report_id", flat=True))
    CampaignReport.objects.filter(campaign=source).exclude(report_id__in=known).update(campaign=target)
    opted = set(CampaignOptIn.objects.filter(campaign=target).values_list("company_id", flat=True))
    CampaignOptIn.objects.filter(campaign=source).exclude(company_id__in=opted).update(campaign=target)
    source.groups.update(campaign=target)
    source.delete()


def _repoint(source: PlaintiffEntity, target: PlaintiffEntity) -> None:
    """Every foreign key to the source now points at the target: aliases, reports, versions, groups, and what
    other apps hold (watchlists...). A row the target already has its own of (someone watching both) is a
    duplicate: the target's stays, the source's goes."""
    for relation in PlaintiffEntity._meta.get_fields(include_hidden=True):
        if relation.auto_created and not relation.concrete and isinstance(relation.remote_field, ForeignKey):
            model, name = relation.related_model, relation.remote_field.name
            rows = model._base_manager.filter(**{name: source})
            try:
                with transaction.atomic():
                    rows.update(**{name: target})
            except IntegrityError:
                for row in rows:
                    try:
                        with transaction.atomic():
                            model._base_manager.filter(pk=row.pk).update(**{name: target})
                    except IntegrityError:
                        row.delete()


def _reindex(entity: PlaintiffEntity) -> None:
    """Published versions are searched by their plaintiff's name: recompute their vectors."""
    for version in SharedVersion.objects.filter(plaintiff=entity, status=VersionStatus.PUBLISHED).select_related(
        "plaintiff"
    ):
        search.index_version(version)


def plaintiff_split(*, association, actor, entity_id, alias_ids) -> PlaintiffEntity:
    """Move the chosen aliases of entity `entity_id`, and the raw reports written under those names (with their
    shared versions), to a new entity named after the first chosen alias. At least one alias must stay."""
    entity = _entity(association, entity_id, "entity")
    try:
        chosen_ids = {int(alias_id) for alias_id in alias_ids}
    except (TypeError, ValueError):
        raise ValidationError({"aliases": _("Choose names of this plaintiff.")}, code="invalid_choice") from None
    aliases = {alias.pk: alias for alias in entity.aliases.all()}
    if not chosen_ids:
        raise ValidationError({"aliases": _("Choose at least one name to split off.")}, code="required")
    if not chosen_ids <= set(aliases):
        raise ValidationError({"aliases": _("Choose names of this plaintiff.")}, code="invalid_choice")
    if chosen_ids == set(aliases):
        raise ValidationError({"aliases": _("Leave at least one name with the plaintiff.")}, code="all")
    chosen = sorted((aliases[pk] for pk in chosen_ids), key=lambda alias: alias.pk)
    keys = {alias.key for alias in chosen}
    with transaction.atomic():
        new = PlaintiffEntity.objects.create(association=association, name=chosen[0].name)
        entity.aliases.filter(pk__in=chosen_ids).update(entity=new)
        moved = [
            report.pk
            for report in Report.objects.filter(plaintiff=entity).only("pk", "plaintiff_name")
            if set(party_name_keys(report.plaintiff_name)) & keys
        ]
        Report.objects.filter(pk__in=moved).update(plaintiff=new)
        SharedVersion.objects.filter(report_id__in=moved, plaintiff=entity).update(plaintiff=new)
        _reindex(new)
        if entity.name in {alias.name for alias in chosen}:  # the entity's own name went with the split
            name = entity.aliases.order_by("pk").values_list("name", flat=True).first()
            assert name is not None  # one alias at least stays
            entity.name = name
            entity.save(update_fields=["name"])
            _reindex(entity)
        audit_record(
            action="plaintiff.split",
            actor=actor,
            association=association,
            target=new,
            details={
                "source": {"id": entity.pk, "name": entity.name},
                "new": {"id": new.pk, "name": new.name},
                "aliases": [alias.name for alias in chosen],
                "reports": len(moved),
            },
        )
        _rebuild_plaintiff_campaigns(association, [entity, new])
    return new


def _rebuild_plaintiff_campaigns(association, entities: list[PlaintiffEntity]) -> None:
    """The plaintiff campaigns of `entities` from their live reports: links follow the reports, counts are
    redone, and a campaign that now has two companies forms (its companies are told)."""
    members: dict[Key, set] = {Key(CampaignBasis.PLAINTIFF, plaintiff_id=entity.pk): set() for entity in entities}
    rows = Report.objects.filter(plaintiff__in=entities, status__in=LIVE).values_list(
        "plaintiff_id", "id", "company_id"
    )
    for plaintiff_id, report_id, company_id in rows:
        members[Key(CampaignBasis.PLAINTIFF, plaintiff_id=plaintiff_id)].add((report_id, company_id))
    existing = list(Campaign.objects.filter(basis=CampaignBasis.PLAINTIFF, plaintiff__in=entities))
    # Links of reports that moved to another entity go first.
    for campaign in existing:
        keep = [report for report, _company in members[Key.of(campaign)]]
        CampaignReport.objects.filter(campaign=campaign).exclude(report_id__in=keep).delete()
    sync_campaigns(association, members, existing=existing)
