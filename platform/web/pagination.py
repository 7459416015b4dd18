"""Pages of a list on the site's HTML pages (the API has its own cursor pages, api.pagination)."""

from django.core.paginator import Page, Paginator

PAGE_SIZE = 25


def page_of(request, items) -> Page:
    """The page of `items` that ?page= asks for (the first when it is missing or wrong, the last past the end)."""
    return Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
