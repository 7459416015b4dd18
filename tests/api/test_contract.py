"""The API's contract under fuzzing: schemathesis generates requests for every operation of the published schema
(read without signing in: it is public) and checks every answer against it: no server error, no response that
breaks its schema, no undocumented status code or content type, no header the schema promises missing.

Three callers: a company admin signed in with a session (and its CSRF token), a partner key with every scope, and
nobody. The association and the defense group of the world are real (path parameters named `slug` and `group_id`
point at them) so the fuzzing reaches past the 404 of a random id. Rate limits stay on: the test settings raise them
so the run is not throttled, and the RateLimit headers are checked like any other."""

import json
import os

import hypothesis
import pytest
import schemathesis
from django.conf import settings
from django.core.cache import cache
from django.core.wsgi import get_wsgi_application
from django.db import transaction
from django.middleware.csrf import get_token
from django.test import Client, RequestFactory
from hypothesis import HealthCheck, Phase
from hypothesis import strategies as st
from schemathesis import GenerationMode

from tenancy.access import resolve_access
from tests.defense.api_helpers import build_world
from tests.factories import PartnerFactory, api_key_for, published_report

pytestmark = pytest.mark.django_db(transaction=True)  # every request commits, as in production

EXAMPLES = int(os.environ.get("CONTRACT_EXAMPLES", "8"))  # per operation and caller
STATEFUL_EXAMPLES = int(os.environ.get("CONTRACT_STATEFUL_EXAMPLES", "30"))  # sequences of up to 6 calls
ACTORS = ("member", "partner", "anonymous")
# A request the schema allows may still be refused for what it means (a random invitation token, a group id
# that is not the caller's): that is no breach of the contract. Stateful checks run in the stateful test.
EXCLUDED = [schemathesis.checks.positive_data_acceptance]
MODES = (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)  # requests the schema allows, and ones it does not


@pytest.fixture(scope="module")
def api_schema(django_db_blocker):
    with django_db_blocker.unblock():
        response = Client().get("/api/v1/schema/", {"format": "json"}, secure=True)
    assert response.status_code == 200, "the schema is public"
    document = json.loads(response.content)
    # The callers authenticate themselves (fixed credentials per run): schemathesis is not to generate, drop or
    # mutate credentials, which it would then see put back. A wrong Authorization beside a valid session, and
    # every operation without credentials, are tested on their own (tests/api/test_errors.py, the anonymous run).
    document["components"].pop("securitySchemes", None)
    for operations in document["paths"].values():
        for operation in operations.values():
            if isinstance(operation, dict):
                operation.pop("security", None)
    return schemathesis.openapi.from_dict(document)


def credentials(actor: str, world, cast) -> tuple[dict[str, str], dict[str, str]]:
    """(headers, cookies) of the caller."""
    if actor == "anonymous":
        return {}, {}
    if actor == "partner":
        _key, plain = api_key_for(PartnerFactory(association=cast.association), created_by=cast.users["admin"])
        return {"Authorization": f"Bearer {plain}"}, {}
    client = Client()
    client.force_login(world.users["lead"])
    token = get_token(RequestFactory().get("/"))
    cookies = {settings.SESSION_COOKIE_NAME: client.cookies[settings.SESSION_COOKIE_NAME].value,
               settings.CSRF_COOKIE_NAME: token}  # fmt: skip
    return {"X-CSRFToken": token}, cookies


def fuzzed_world(api_schema, cast, settings):
    """The group's world with four published reports of one plaintiff (a campaign), and the app under this test's
    settings (its middleware reads them when built): the path parameters that name them."""
    settings.ALLOWED_HOSTS = ["localhost", "testserver"]
    rates = {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "user": "100000/min", "api_key": "100000/min"}
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}  # on, and raised
    api_schema.app = get_wsgi_application()
    world = build_world(cast)
    for reporter in ("lead", "member", "joined", "outsider"):
        published_report(resolve_access(slug="alpha", user=world.users[reporter]), moderator=cast.users["moderator"])
    return world, {"slug": cast.association.slug, "group_id": str(world.group.pk)}


def fill(case, known: dict[str, str]) -> None:
    for name, value in known.items():
        if name in (case.path_parameters or {}):
            case.path_parameters[name] = value


@pytest.mark.parametrize("actor", ACTORS)
def test_every_operation_keeps_its_contract(actor, api_schema, cast, settings):
    world, known = fuzzed_world(api_schema, cast, settings)
    headers, cookies = credentials(actor, world, cast)
    failures = []
    for result in api_schema.get_all_operations():
        operation = result.ok()

        @hypothesis.settings(
            max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
            suppress_health_check=list(HealthCheck), phases=[Phase.explicit, Phase.generate],
        )  # fmt: skip
        @hypothesis.given(case=st.one_of(operation.as_strategy(generation_mode=mode) for mode in MODES))
        def run(case):
            fill(case, known)
            case.call_and_validate(headers=headers, cookies=cookies, excluded_checks=EXCLUDED)

        try:
            run()
        except (Exception, BaseExceptionGroup) as error:  # every operation's failures, not only the first
            failures.append(f"{operation.label}: {str(error)[:1500]}")
    assert not failures, "\n\n".join(failures)


@pytest.mark.parametrize("actor", ["member", "partner"])
def test_sequences_of_calls_keep_the_contract(actor, api_schema, cast, settings):
    """The stateful phase: schemathesis links operations through the ids their answers give (a created group's id
    into its routes, a report's into its versions) and runs sequences of them."""
    world, known = fuzzed_world(api_schema, cast, settings)
    headers, cookies = credentials(actor, world, cast)
    calls: list[str] = []
    failures: list[str] = []

    class Workflow(api_schema.as_state_machine()):  # type: ignore[misc]
        """Each sequence starts from the same world: the rules hypothesis may draw depend on the answers, and a
        replayed prefix that met other rows would draw differently (FlakyStrategyDefinition)."""

        def setup(self):
            # The app runs in this test's transaction, on its connection.
            self.savepoint = transaction.savepoint_create()

        def teardown(self):
            transaction.savepoint_rollback(self.savepoint)
            cache.clear()  # kept lists and rate-limit counters

        def before_call(self, case):
            if "slug" in (case.path_parameters or {}):
                case.path_parameters["slug"] = known["slug"]

        def get_call_kwargs(self, case):
            calls.append(case.operation.label)
            return {"headers": headers, "cookies": cookies}

        def validate_response(self, response, case, additional_checks=None, **kwargs):
            try:
                case.validate_response(response, excluded_checks=EXCLUDED, transport_kwargs=kwargs)
            except (Exception, BaseExceptionGroup) as error:
                # Collected, not raised: hypothesis would replay the sequence, and the row ids have moved on.
                failures.append(f"{case.operation.label}: {str(error)[:1500]}")

    bounded = hypothesis.settings(
        max_examples=STATEFUL_EXAMPLES, stateful_step_count=6, deadline=None, database=None, derandomize=True,
        suppress_health_check=list(HealthCheck), phases=[Phase.generate],
    )  # fmt: skip
    Workflow.run(settings=bounded)
    assert not failures, "\n\n".join(failures)
    assert len(calls) >= STATEFUL_EXAMPLES, calls  # the sequences did run
