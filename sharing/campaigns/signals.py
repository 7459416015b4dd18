"""What campaigns tell the apps that stand on them. Campaigns never import webhooks (nor, later, statistics):
those connect receivers to these signals in their AppConfig.ready().

Sent by campaign detection (sharing.campaigns.detection.sync_campaigns) inside the transaction that publishes a
report or merges plaintiffs, once the campaign's links and counts are written, so a receiver's own writes commit
or roll back with it. A receiver with an effect outside the database (a task, an e-mail, a webhook) schedules it
with transaction.on_commit. An exception in a receiver rolls the change back, as any other failure inside the
transaction does (Signal.send, not send_robust). See docs/ARCHITECTURE.md, "Hooks".
"""

from django.dispatch import Signal

# sender=Campaign, campaign=the campaign (counts already recounted), change="formed" (it has just reached two
# companies) or "grown" (one company or more joined a campaign that had formed before). Sent once per campaign
# and change, only when a company joined: never for a recount that only lost reports.
campaign_changed = Signal()
