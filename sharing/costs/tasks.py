"""Background tasks of cost sharing. Arguments are plain JSON: the database backend stores them as a row."""

from django.tasks import task

from sharing.costs.imports import invoice_import_run


@task
def import_invoices(*, import_id: int) -> str:
    """Check and write a queued LEDES import; its status says how it ended."""
    return invoice_import_run(import_id=import_id).status
