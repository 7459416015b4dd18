"""The OpenAPI schema validates with no warnings; the docs page works under the site's CSP with local assets."""

import json
import re

import pytest
import yaml
from django.core.management import call_command
from django.test import Client

from tests.api.calls import API, bearer

pytestmark = pytest.mark.django_db


def test_schema_generates_valid_and_without_warnings(tmp_path):
    target = tmp_path / "schema.yml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))
    schema = yaml.safe_load(target.read_text())
    assert schema["components"]["securitySchemes"]["partnerKey"] == {
        "type": "http",
        "scheme": "bearer",
        "bearerFormat": "jdp_<prefix>_<secret>",
        "description": schema["components"]["securitySchemes"]["partnerKey"]["description"],
    }
    assert set(schema["components"]["schemas"]["Error"]["properties"]) == {"error"}
    paths = schema["paths"]
    # Partner keys appear only where they are accepted.
    assert {"partnerKey": []} in paths["/api/v1/a/{slug}/"]["get"]["security"]
    assert {"partnerKey": []} not in paths["/api/v1/a/{slug}/memberships/"]["get"]["security"]
    assert "404" in paths["/api/v1/a/{slug}/memberships/"]["get"]["responses"]
    assert "429" in paths["/api/v1/invitations/accept/"]["post"]["responses"]
    assert "key" not in schema["components"]["schemas"]["ApiKey"]["properties"]
    assert "key" in schema["components"]["schemas"]["ApiKeyCreated"]["properties"]


def test_the_schema_is_public_and_the_same_for_everyone(cast, partner_key):
    """It describes operations, never data: anonymous callers read it, and it does not change with the caller."""
    anonymous = Client().get(f"{API}/schema/")
    assert anonymous.status_code == 200
    signed_in = Client()
    signed_in.force_login(cast.users["not_entitled"])
    for response in (Client().get(f"{API}/schema/", **bearer(partner_key[1])), signed_in.get(f"{API}/schema/")):
        assert response.status_code == 200 and response.content == anonymous.content


def test_docs_page_uses_local_assets_under_the_csp(cast, settings):
    settings.WHITENOISE_USE_FINDERS = True  # serve the assets without a collectstatic run
    client = Client()
    client.force_login(cast.users["not_entitled"])
    response = client.get(f"{API}/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    csp = response["Content-Security-Policy"]
    # The site's policy, unrelaxed (Django adds the nonce only to pages that use one; this page needs none).
    assert "script-src 'self'" in csp and "style-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    sources = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', html)
    assert sources, html
    assert not [s for s in sources if re.match(r"(https?:)?//", s)], sources
    assert all(s.startswith("/static/") or s.startswith(f"{API}/docs/?") for s in sources), sources
    # No inline script or style that the CSP would block.
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    assert "<style" not in html and " style=" not in html
    init_script = next(s for s in sources if s.startswith(f"{API}/docs/?")).replace("&amp;", "&")
    script = client.get(init_script)
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert f"{API}/schema/" in script.content.decode()
    for asset in sources:
        if asset.startswith("/static/"):
            assert client.get(asset).status_code == 200, asset


def test_the_docs_page_is_public():
    response = Client().get(f"{API}/docs/")
    assert response.status_code == 200 and f"{API}/docs/?" in response.content.decode()


def test_every_operation_has_one_domain_tag_that_the_docs_describe():
    schema = json.loads(Client().get(f"{API}/schema/", {"format": "json"}).content)
    declared = {tag["name"]: tag["description"] for tag in schema["tags"]}
    assert all(declared.values())
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            assert len(operation["tags"]) == 1 and operation["tags"][0] in declared, (method, path)
    used = {operation["tags"][0] for operations in schema["paths"].values() for operation in operations.values()}
    assert used == set(declared)
