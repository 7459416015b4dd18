"""Inserting many rows at once: PostgreSQL's COPY where it runs (a 10,000-line invoice's lines, a ledger's
hundreds of thousands of shares: several times faster than INSERT, no model instance per row), bulk_create
elsewhere. Rows give the model's column values in `columns` order; no signal is sent, as with bulk_create."""

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connection, models


def insert_rows(model: type[models.Model], columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    if connection.vendor == "postgresql":
        names = ", ".join(connection.ops.quote_name(column) for column in columns)
        with connection.cursor() as cursor, cursor.copy(f"COPY {model._meta.db_table} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        return
    model._default_manager.bulk_create((model(**dict(zip(columns, row, strict=True))) for row in rows), batch_size=2000)
