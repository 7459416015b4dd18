from rest_framework import pagination


class CursorPagination(pagination.CursorPagination):
    """Opaque cursors: stable under inserts, no COUNT(*), constant cost per page."""

    ordering = ("-created_at", "-id")
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
