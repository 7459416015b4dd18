"""The permission matrix every endpoint is tested with.

The cast: anonymous; a user of another association; a member of the same association who is not entitled;
an entitled user; a moderator; an association admin. For each, the test states the expected status. Every
404 must carry the same body as an unknown association's, and a refused write must leave the database as
it was.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.test import Client

from tenancy.models import Association

ACTORS = ("anonymous", "other_association", "not_entitled", "entitled", "moderator", "admin")

# Rows that a request may legitimately touch without "writing": sessions, login bookkeeping, throttle logs.
_IGNORED_MODELS = {"sessions.session", "axes.accessattempt", "axes.accesslog", "axes.accessfailurelog"}
_IGNORED_FIELDS = {"last_login", "last_used_at"}


def database_fingerprint() -> dict[str, list[tuple]]:
    """Every row of every model, minus bookkeeping: equal before and after means nothing was written."""
    snapshot = {}
    for model in apps.get_models():
        label = model._meta.label_lower
        if label in _IGNORED_MODELS or model._meta.proxy:
            continue
        fields = [f.attname for f in model._meta.concrete_fields if f.attname not in _IGNORED_FIELDS]
        snapshot[label] = sorted(tuple(str(v) for v in row) for row in model.objects.values_list(*fields))
    return snapshot


@dataclass
class Cast:
    association: Association
    other_association: Association
    users: dict  # actor name -> User (None for anonymous)


Request = Callable[[Client], object]


def assert_matrix(
    cast: Cast,
    request: Request,
    expected: dict[str, int],
    *,
    write: bool = False,
    not_found_body: Callable[[Client], object] | None = None,
    overrides: dict | None = None,
    extra_actors: dict | None = None,
) -> dict[str, object]:
    """Run `request` as every actor and check the status each gets.

    `expected` must name every actor. `overrides` replaces cast users for this endpoint (for instance the
    entitled user); `extra_actors` adds actors of this endpoint's own (for instance a firm's counsel), which
    `expected` must name too. `not_found_body(client)` fetches the reference 404 (an unknown association) to compare
    every 404 with. With `write=True`, each refused request (4xx) must leave the database unchanged.
    Returns the responses by actor, for further assertions.
    """
    actors = (*ACTORS, *(extra_actors or {}))
    assert set(expected) == set(actors), f"expected must name every actor: {actors}"
    users = {**cast.users, **(overrides or {}), **(extra_actors or {})}
    responses = {}
    for actor in actors:
        client = Client()
        if users[actor] is not None:
            client.force_login(users[actor])
        before = database_fingerprint() if write else None
        response = request(client)
        responses[actor] = response
        assert response.status_code == expected[actor], (
            f"{actor}: expected {expected[actor]}, got {response.status_code}: {response.content[:300]!r}"
        )
        if write and 400 <= response.status_code < 500:
            assert database_fingerprint() == before, f"{actor}: a refused write changed the database"
        if response.status_code == 404 and not_found_body is not None:
            reference = not_found_body(client)
            assert reference.status_code == 404
            assert response.content == reference.content, f"{actor}: 404 body differs from an unknown slug's"
    return responses
