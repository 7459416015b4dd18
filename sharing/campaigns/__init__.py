"""Plaintiff entities, common-plaintiff campaigns and watchlists."""
