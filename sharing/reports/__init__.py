"""Lawsuit reports: what members report, the anonymized shared version, moderation and search."""
