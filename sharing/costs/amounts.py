"""Cents as text in their currency's units: the one place amounts are formatted (exports, pages, the API,
messages, the allocation's explanations)."""

from decimal import Decimal


def units(cents: int) -> str:
    """A decimal string of the currency's units, as files and the API carry it: 125000 -> "1250.00"."""
    return f"{Decimal(cents) / 100:.2f}"


def grouped(cents: int | None) -> str:
    """With thousands separated, as pages and printouts show it: 125000 -> "1,250.00"; None -> ""."""
    if cents is None:
        return ""
    return f"{Decimal(cents) / 100:,.2f}"
