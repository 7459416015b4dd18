"""Benchmark: the partner API's lists as a client feels them, over HTTP, against one real server process.

BENCH_REPORTS reports (default 100,000; tests.bench.generate.build_world), the first association's campaigns
detected from a sample of its published versions, a partner key with every scope and a company admin's session.
One uvicorn process (the production command line, DEBUG off, on the same PostgreSQL) serves; BENCH_CONNECTIONS
(default 16) kept-alive connections from an asyncio client in this process send GETs back to back for
BENCH_SECONDS (default 10) per endpoint, after a second of warm-up, and each endpoint's requests per second, p50
and p99 are printed beside `/healthz`'s measured in the same run (the floor: the server, the network stack and
the client itself). The client and the server share this machine's cores, as wrk would. The lists repeat one
query, as a polling partner does: after the first, the answers come from tenancy.kept_lists (test_bench_reports
measures the list computed afresh).

Targets (enforced at full size, or with BENCH_HTTP_ENFORCE=1): each list at least BENCH_HTTP_SHARE (default 35%)
of `/healthz`'s rate and a p99 of at most BENCH_HTTP_P99_MS (default 100) ms.

Not part of the test suite (pyproject ignores tests/bench); run it explicitly, on PostgreSQL, with redis-server
installed:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/jdp_bench .venv/bin/python -m pytest \\
        tests/bench/test_bench_api_http.py -q -s
"""

import asyncio
import os
import time

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse

from sharing.campaigns.detection import detect_on_publish
from sharing.campaigns.models import Campaign
from sharing.reports.models import SharedVersion
from tests.bench.generate import build_world
from tests.bench.test_bench_reports import _percentile, postgresql  # noqa: F401 (the fixture)
from tests.factories import PartnerFactory, api_key_for
from tests.realtime.conftest import session_cookie
from tests.realtime.servers import production_server

REPORTS = int(os.environ.get("BENCH_REPORTS", "100000"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "10"))
SHARE_TARGET = float(os.environ.get("BENCH_HTTP_SHARE", "0.35"))
P99_TARGET_MS = float(os.environ.get("BENCH_HTTP_P99_MS", "100"))
ENFORCE = REPORTS >= 100_000 or os.environ.get("BENCH_HTTP_ENFORCE") == "1"
CAMPAIGN_SAMPLE = 400  # published versions whose campaigns are detected (the bulk generator makes none)

pytestmark = pytest.mark.django_db(transaction=True)


async def _one_connection(port: int, request: bytes, until: float, latencies: list[float]) -> None:
    """GETs back to back on one kept-alive connection until `until`: the latency of each, in ms."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        while time.perf_counter() < until:
            start = time.perf_counter()
            writer.write(request)
            status_line = await reader.readline()
            length = 0
            while (line := await reader.readline()) not in (b"\r\n", b""):
                name, _, value = line.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value)
            await reader.readexactly(length)
            assert status_line.split()[1] == b"200", (request.split(b"\r\n")[0], status_line)
            latencies.append((time.perf_counter() - start) * 1000)
    finally:
        writer.close()


async def _load(port: int, path: str, headers: dict[str, str], seconds: float) -> tuple[float, list[float]]:
    """(requests per second, latencies in ms) of CONNECTIONS connections for `seconds`, after a warm-up."""
    lines = [f"GET {path} HTTP/1.1", "Host: 127.0.0.1", "Accept: application/json", "Connection: keep-alive"]
    request = ("\r\n".join([*lines, *(f"{name}: {value}" for name, value in headers.items())]) + "\r\n\r\n").encode()
    warm: list[float] = []
    await asyncio.gather(*(_one_connection(port, request, time.perf_counter() + 1, warm) for _ in range(CONNECTIONS)))
    latencies: list[float] = []
    started = time.perf_counter()
    until = started + seconds
    await asyncio.gather(*(_one_connection(port, request, until, latencies) for _ in range(CONNECTIONS)))
    return len(latencies) / (time.perf_counter() - started), latencies


def _campaigns(association) -> int:
    """Detect the campaigns of a sample of the association's published versions, as publication would."""
    versions = SharedVersion.objects.filter(association=association, status="published").order_by("id")
    for version in versions[:CAMPAIGN_SAMPLE]:
        detect_on_publish(version=version)
    return Campaign.objects.filter(association=association).count()


def test_partner_lists_over_http(postgresql, tmp_path):  # noqa: F811 (the fixture)
    started = time.perf_counter()
    world = build_world(REPORTS)
    association = world.associations[0]
    campaigns = _campaigns(association)
    generated = time.perf_counter() - started
    _key, plain = api_key_for(PartnerFactory(association=association), created_by=world.reader)
    partner = {"Authorization": f"Bearer {plain}"}
    member = {"Cookie": f"{settings.SESSION_COOKIE_NAME}={session_cookie(world.reader)}"}
    reports = reverse("api:reports", kwargs={"slug": association.slug})
    endpoints = {
        "/healthz": ("/healthz", {}),
        "partner: report list": (f"{reports}?page_size=50", partner),
        "member: report list": (f"{reports}?page_size=50", member),
        "partner: campaign list": (reverse("api:campaigns", kwargs={"slug": association.slug}), partner),
    }

    results = {}
    with production_server(
        tmp_path,
        DB_POOL_SIZE="16",  # as deploy/env.example: connections kept in psycopg's pool, not opened per request
        # Far faster than a person or a partner; the throttles still run, as in production.
        API_USER_RATE="100000000/min",
        API_KEY_RATE="100000000/min",
    ) as server:
        for name, (path, headers) in endpoints.items():
            results[name] = asyncio.run(_load(server.port, path, headers, SECONDS))

    floor_rate = results["/healthz"][0]
    print(
        f"\n\nThe API over HTTP: one uvicorn process, PostgreSQL {connection.pg_version // 10000}, "
        f"{CONNECTIONS} kept-alive connections, {SECONDS:.0f} s per endpoint\n"
        f"{world.reports:,} reports from {world.companies:,} companies in {len(world.associations)} associations, "
        f"{campaigns:,} campaigns in the measured one; generated in {generated:.1f} s\n"
    )
    header = f"{'GET':<24} {'req/s':>8} {'of /healthz':>11} {'p50 ms':>7} {'p99 ms':>7}"
    print(header)
    print("-" * len(header))
    missed = []
    for name, (rate, latencies) in results.items():
        share = rate / floor_rate
        p50, p99 = _percentile(latencies, 50), _percentile(latencies, 99)
        print(f"{name:<24} {rate:>8.1f} {share:>10.0%} {p50:>7.1f} {p99:>7.1f}")
        if name != "/healthz" and (share < SHARE_TARGET or p99 > P99_TARGET_MS):
            missed.append(name)
    print(
        f"\ntargets: >= {SHARE_TARGET:.0%} of /healthz's rate, p99 <= {P99_TARGET_MS:.0f} ms"
        f"{'' if ENFORCE else ' (not enforced at this size)'}; missed: {', '.join(missed) or 'none'}\n"
    )
    assert not missed or not ENFORCE
