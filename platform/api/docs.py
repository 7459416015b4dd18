"""The API docs page (Swagger UI) under the site's strict CSP: no inline script or style, no CDN.

Assets come from drf-spectacular-sidecar under /static/; the init script is a separate same-origin file
(`?script`), so script-src 'self' suffices and the site's CSP applies unchanged.
"""

from drf_spectacular.views import SpectacularSwaggerSplitView


class ApiDocsView(SpectacularSwaggerSplitView):
    template_name = "api/swagger_ui.html"
    url_name = "api:schema"
