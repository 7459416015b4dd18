"""What cost sharing does when a group changes (sharing.defense.signals); connected in CostsConfig.ready()."""

from django.dispatch import receiver

from sharing.costs.services import end_period
from sharing.defense.signals import participant_ended


@receiver(participant_ended, dispatch_uid="costs.end_period")
def end_cost_period(sender, participant, on, actor, **kwargs) -> None:
    """A company that leaves the group, or is removed, stops sharing its costs that day (liable up to it)."""
    if participant.company_id is not None:
        end_period(participant.group, participant.company, on, actor=actor)
