"""The reminder job as a django.tasks task, so the db_worker can run it when something enqueues it."""

from django.tasks import task

from sharing.deadlines.reminders import send_due_reminders


@task
def send_deadline_reminders() -> dict:
    sent = send_due_reminders()
    return {"reminders": sent.reminders, "escalations": sent.escalations}
