"""What tenancy tells the apps that stand on it (notifications tells the people concerned; webhooks will follow).
Sent inside the transaction that makes the change, once it is written and audited: a receiver's writes commit or
roll back with it, and anything leaving the database waits for the commit (docs/ARCHITECTURE.md, "Hooks")."""

from django.dispatch import Signal

# sender=Membership, membership=the company's application, just made (pending).
membership_applied = Signal()

# sender=Membership, membership=the membership just decided, decision=one of services.MEMBERSHIP_DECISIONS.
membership_decided = Signal()

# sender=AssociationRole, assignment=the role just appointed.
role_appointed = Signal()

# sender=AssociationRole, association, user, role=what the removed assignment held (it is deleted).
role_removed = Signal()
