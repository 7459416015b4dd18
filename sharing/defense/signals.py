"""What defense tells the apps that stand on it (the chat). Sent inside the transaction that makes the change,
once it is written: a receiver's writes commit or roll back with it (see sharing.reports.signals)."""

from django.dispatch import Signal

# sender=DefenseGroup, group=the group just created (its lead participant with it).
group_created = Signal()

# sender=Participant, participant=the participant whose participation just ended (it left or was removed), on=the
# date it ended, actor=who ended it. Cost sharing ends the company's period of shared costs on that day.
participant_ended = Signal()
