"""Metrics in Prometheus's text format (`/metrics`), through `prometheus-client`, correct
with several server processes.

`fivesoc serve` gives its server processes one folder of their own (`PROMETHEUS_MULTIPROC_DIR`,
a temporary folder it removes when it stops): each process writes its values to files there,
and `/metrics`, answered by any of them, adds up every process's (prometheus-client's
multi-process mode). Counters and histograms of a process that has ended stay counted; the
gauges of one that has ended are removed at the next scrape, or when it stops. Without that
folder (an app in a test's process) the values live in the process.

What is measured:

- `fivesoc_http_requests_total{route,method,status}` and
  `fivesoc_http_request_duration_seconds{route}`: every HTTP request;
- `fivesoc_graphql_operations_total{operation,type,outcome}` and
  `fivesoc_graphql_operation_duration_seconds{type}`: GraphQL operations over HTTP, by the
  operation's name (`(anonymous)` without one, `(none)` when no operation was found, and
  `(other)` beyond `MAX_OPERATION_NAMES` names in a process) and outcome (`ok`, or the
  code of the first error);
- `fivesoc_pool_connections{state}`: database connections `busy`, `idle`, and the `max`
  allowed, summed over live processes;
- `fivesoc_subscribers` and `fivesoc_subscription_events_waiting`: open subscriptions, and
  events read from the change log that wait to be sent to them (how far they are behind);
- `fivesoc_network_seconds{stage}`: building a network (`build`: reading and building the
  graph) and analysing it (`analysis`);
- `fivesoc_process_requests{pid}`: requests each live server process has served;
- `fivesoc_jobs{state}`: jobs of the analysis queue by state (`todo`, `doing`, `succeeded`,
  `failed`, …), as counted in the database by the process that looked last;
- `fivesoc_analysis_seconds{worker}`: (of `fivesoc worker`, on its own port) the time each
  analysis took a worker, from reading the rows to storing the result.
"""

from __future__ import annotations

import os
from pathlib import Path

from prometheus_client import (
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
    start_http_server,
    values,
)

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
MAX_OPERATION_NAMES = 100
ANONYMOUS = "(anonymous)"
NO_OPERATION = "(none)"
OTHER = "(other)"
ROUTES = ("/graphql", "/healthz", "/metrics", "/network/export")
LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30)
JOB_STATES = ("todo", "doing", "succeeded", "failed", "cancelled", "aborting", "aborted")
NETWORK_BUCKETS = (0.01, 0.05, 0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600)


def route_of(path: str) -> str:
    """The route a path is counted under: one of `ROUTES`, `/graphiql` or `other`, so that
    paths nobody serves do not make a label each."""
    if path in ROUTES:
        return path
    if path.startswith("/graphiql/"):
        return "/graphiql"
    return "other"


class Metrics:
    """The metrics of one server process, kept in `multiprocess_dir` when given."""

    def __init__(self, multiprocess_dir: Path | None = None) -> None:
        if multiprocess_dir is not None and values.ValueClass is values.MutexValue:
            raise RuntimeError(
                "PROMETHEUS_MULTIPROC_DIR must be set before prometheus_client is imported"
            )
        self.multiprocess_dir = multiprocess_dir
        registry = None if multiprocess_dir is not None else CollectorRegistry()
        self._registry = registry
        self.http_requests = Counter(
            "fivesoc_http_requests",
            "HTTP requests served, by route, method and status.",
            ["route", "method", "status"],
            registry=registry,
        )
        self.http_seconds = Histogram(
            "fivesoc_http_request_duration_seconds",
            "Time from a request's arrival to the end of its response, by route.",
            ["route"],
            buckets=LATENCY_BUCKETS,
            registry=registry,
        )
        self.operations = Counter(
            "fivesoc_graphql_operations",
            "GraphQL operations over HTTP, by name, type and outcome (ok or an error code).",
            ["operation", "type", "outcome"],
            registry=registry,
        )
        self.operation_seconds = Histogram(
            "fivesoc_graphql_operation_duration_seconds",
            "Time to answer a GraphQL operation over HTTP, by type.",
            ["type"],
            buckets=LATENCY_BUCKETS,
            registry=registry,
        )
        self.pool = Gauge(
            "fivesoc_pool_connections",
            "Database connections of the server processes' pools: busy, idle, and max.",
            ["state"],
            multiprocess_mode="livesum",
            registry=registry,
        )
        self.subscribers = Gauge(
            "fivesoc_subscribers",
            "Open subscriptions.",
            multiprocess_mode="livesum",
            registry=registry,
        )
        self.events_waiting = Gauge(
            "fivesoc_subscription_events_waiting",
            "Events read from the change log that wait to be sent to a subscriber.",
            multiprocess_mode="livesum",
            registry=registry,
        )
        self.network_seconds = Histogram(
            "fivesoc_network_seconds",
            "Time to build a network (build) and to analyse it (analysis).",
            ["stage"],
            buckets=NETWORK_BUCKETS,
            registry=registry,
        )
        self.process_requests = Gauge(
            "fivesoc_process_requests",
            "Requests each live server process has served.",
            multiprocess_mode="liveall",
            registry=registry,
        )
        self.jobs = Gauge(
            "fivesoc_jobs",
            "Jobs of the analysis queue by state, as the database counted them last.",
            ["state"],
            multiprocess_mode="livemostrecent",
            registry=registry,
        )
        self.analysis_seconds = Histogram(
            "fivesoc_analysis_seconds",
            "Time a worker took to read, build, analyse and store a network, by worker.",
            ["worker"],
            buckets=NETWORK_BUCKETS,
            registry=registry,
        )
        self._names: set[str] = set()

    def operation_label(self, name: str | None, found: bool) -> str:
        """The label of an operation named `name` (`found`: the document held it)."""
        if not found:
            return NO_OPERATION
        if name is None:
            return ANONYMOUS
        if name in self._names:
            return name
        if len(self._names) >= MAX_OPERATION_NAMES:
            return OTHER
        self._names.add(name)
        return name

    def observe_network(self, stage: str, seconds: float) -> None:
        self.network_seconds.labels(stage).observe(seconds)

    def sample_jobs(self, counts: dict[str, int]) -> None:
        """Set the queue's jobs by state to `counts` (a state missing there has none)."""
        for state in (*JOB_STATES, *sorted(set(counts) - set(JOB_STATES))):
            self.jobs.labels(state).set(counts.get(state, 0))

    def observe_analysis(self, worker: str, seconds: float) -> None:
        self.analysis_seconds.labels(worker).observe(seconds)

    def serve(self, host: str, port: int) -> None:
        """Answer `GET /metrics` on `host:port` from a thread (a worker, which serves no
        HTTP otherwise); this process's metrics only."""
        assert self._registry is not None, "a worker keeps its metrics in its own process"
        start_http_server(port, addr=host, registry=self._registry)

    def sample(
        self, *, busy: int, idle: int, most: int, subscribers: int, events_waiting: int
    ) -> None:
        """Set the gauges of this process to what it holds now."""
        self.pool.labels("busy").set(busy)
        self.pool.labels("idle").set(idle)
        self.pool.labels("max").set(most)
        self.subscribers.set(subscribers)
        self.events_waiting.set(events_waiting)

    def exposition(self) -> bytes:
        """Every metric in Prometheus's text format: of every live and ended process sharing
        the folder, or of this process alone without one."""
        if self.multiprocess_dir is None:
            assert self._registry is not None
            return generate_latest(self._registry)
        self._forget_ended_processes()
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry, path=str(self.multiprocess_dir))  # type: ignore[no-untyped-call]
        return generate_latest(registry)

    def close(self) -> None:
        """This process stops: its gauges go (its counters stay counted)."""
        if self.multiprocess_dir is not None:
            multiprocess.mark_process_dead(os.getpid(), str(self.multiprocess_dir))  # type: ignore[no-untyped-call]

    def _forget_ended_processes(self) -> None:
        assert self.multiprocess_dir is not None
        for path in self.multiprocess_dir.glob("gauge_live*_*.db"):
            pid = int(path.stem.rsplit("_", 1)[1])
            if not _alive(pid):
                multiprocess.mark_process_dead(pid, str(self.multiprocess_dir))  # type: ignore[no-untyped-call]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, another user's
        return True
    return True
