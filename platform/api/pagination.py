from django.utils.translation import gettext as _
from rest_framework import exceptions, pagination


class CursorPagination(pagination.CursorPagination):
    """Opaque cursors: stable under inserts, no COUNT(*), constant cost per page.

    A view may set `cursor_ordering` when its rows have no `created_at`. A `page_size` that is not a whole number
    from 1 to max_page_size, or a cursor this API did not give, is a 400 naming the parameter (DRF would quietly
    fall back to the default size, and answer a 404 for the cursor).
    """

    ordering = ("-created_at", "-id")
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200

    def get_ordering(self, request, queryset, view):
        return getattr(view, "cursor_ordering", None) or self.ordering

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"] = {"type": "integer", "minimum": 1, "maximum": self.max_page_size}
        return parameters

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        if not raw.isascii() or not raw.isdigit() or not 1 <= int(raw) <= self.max_page_size:
            message = _("Give a whole number from 1 to %(maximum)d.") % {"maximum": self.max_page_size}
            raise exceptions.ValidationError({self.page_size_query_param: [message]})
        return int(raw)

    def decode_cursor(self, request):
        try:
            return super().decode_cursor(request)
        except exceptions.NotFound:
            message = _("This cursor is not one this list gave: follow the `next` or `previous` link.")
            raise exceptions.ValidationError({self.cursor_query_param: [message]}) from None
