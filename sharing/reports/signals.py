"""What reports tell the apps that stand on them. Reports never import campaigns or watchlists (nor, later,
webhooks and statistics): those connect receivers to these signals in their AppConfig.ready().

Both are sent inside the transaction that makes the change, once it is written, so a receiver's own writes commit
or roll back with it: campaign detection counts exactly the published reports, and two publications of the same
plaintiff serialize on its campaign rows. A receiver with an effect outside the database (a task, an e-mail, a
webhook) schedules it with transaction.on_commit. An exception in a receiver rolls the change back, as any other
failure inside the transaction does (Signal.send, not send_robust). See docs/ARCHITECTURE.md, "Hooks".
"""

from django.dispatch import Signal

# sender=SharedVersion, version=the version just published (its earlier one superseded, its report published).
version_published = Signal()

# sender=Report, report=the report just withdrawn (its pending and published versions withdrawn with it).
report_withdrawn = Signal()
