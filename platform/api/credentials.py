"""Who is calling the API: a person (session) or a partner (API key). Imports nothing of DRF's views, so the
throttles, which DRF's settings import, can use it."""


def partner_key(request):
    """The partner API key that authenticated the request, or None for a person. Only
    accounts.api_keys.ApiKeyAuthentication puts one in `request.auth` (sessions leave it None); keys say so."""
    auth = request.auth
    return auth if getattr(auth, "is_partner_key", False) else None
