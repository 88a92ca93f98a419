"""Configuration, read from the environment in one place.

Every setting has an environment variable and a default; the README lists them all.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from pathlib import Path

from fivesoc.auth import check_key


class SettingsError(ValueError):
    """A setting has a value fivesoc cannot use; the message names the variable."""


@dataclasses.dataclass(frozen=True, slots=True)
class Settings:
    """Everything fivesoc can be configured with."""

    database_url: str | None = None
    """`DATABASE_URL`: the PostgreSQL server to use. Unset: an embedded server in `data_dir`."""

    data_dir: Path = Path(".fivesoc")
    """`FIVESOC_DATA_DIR`: folder of the embedded PostgreSQL server's data (`<dir>/pgdata`)."""

    host: str = "127.0.0.1"
    """`FIVESOC_HOST`: address `fivesoc serve` listens on."""

    port: int = 8000
    """`FIVESOC_PORT`: port `fivesoc serve` listens on."""

    pool_min_size: int = 1
    """`FIVESOC_POOL_MIN_SIZE`: connections the pool keeps open."""

    pool_max_size: int = 10
    """`FIVESOC_POOL_MAX_SIZE`: most connections the pool opens."""

    default_page_size: int = 20
    """`FIVESOC_DEFAULT_PAGE_SIZE`: items a connection returns without `first` or `last`."""

    max_page_size: int = 100
    """`FIVESOC_MAX_PAGE_SIZE`: most items a connection returns; larger requests are refused."""

    log_level: str = "info"
    """`FIVESOC_LOG_LEVEL`: one of debug, info, warning, error."""

    secret_key: str | None = None
    """`FIVESOC_SECRET_KEY`: signs bearer tokens (at least 32 bytes); unset, `fivesoc serve`
    creates a local key in the data folder."""

    previous_secret_keys: tuple[str, ...] = ()
    """`FIVESOC_PREVIOUS_SECRET_KEYS`: earlier signing keys (comma-separated) whose tokens are
    still accepted while they last, so that the key can rotate."""

    token_lifetime_s: int = 3600
    """`FIVESOC_TOKEN_LIFETIME_S`: how long a token that `fivesoc token` issues lasts."""

    oidc_issuer: str | None = None
    """`FIVESOC_OIDC_ISSUER`: an OpenID Connect provider whose tokens are accepted too (its
    issuer URL; its discovery document and keys are read from there)."""

    oidc_audience: str | None = None
    """`FIVESOC_OIDC_AUDIENCE`: the audience the provider's tokens must name (required with
    an issuer)."""

    oidc_role_claim: str = "fivesoc_role"
    """`FIVESOC_OIDC_ROLE_CLAIM`: the claim of a provider's token that holds the role."""

    oidc_regions_claim: str = "fivesoc_regions"
    """`FIVESOC_OIDC_REGIONS_CLAIM`: the claim that holds the region ids (a caseworker's)."""

    revocation_refresh_s: int = 2
    """`FIVESOC_REVOCATION_REFRESH_S`: how often each process reads the revoked tokens and
    subjects; a revocation takes effect everywhere within that many seconds."""

    max_depth: int = 15
    """`FIVESOC_MAX_DEPTH`: deepest nesting of fields a query may have."""

    max_tokens: int = 2000
    """`FIVESOC_MAX_TOKENS`: most lexical tokens a query document may have."""

    max_aliases: int = 30
    """`FIVESOC_MAX_ALIASES`: most aliased fields a query document may have."""

    subscriber_queue: int = 1000
    """`FIVESOC_SUBSCRIBER_QUEUE`: most live events a subscription may have waiting to be sent;
    one that falls further behind is closed with the cursor to resume from."""

    max_network_actors: int = 200_000
    """`FIVESOC_MAX_NETWORK_ACTORS`: most actors a `network` scope may hold; a larger one is
    refused before anything is loaded (a city is about 100k; a province, 1M, is refused).
    With analyses as jobs, a larger scope (up to `max_job_actors`) is analysed by a worker,
    stored by actor rows, and served by pages of them: no server holds it."""

    max_job_actors: int = 2_000_000
    """`FIVESOC_MAX_JOB_ACTORS`: with analyses as jobs, most actors a scope analysed by a
    worker may hold (a province is about 1M)."""

    max_cost: int = 200_000
    """`FIVESOC_MAX_COST`: the most one operation may cost, in points (about one per object it
    may return, and one per actor of a network's scope; see `fivesoc.schema.cost`);
    costlier ones are refused before they run. 0 turns costs and budgets off."""

    budget_per_minute: int = 2_000_000
    """`FIVESOC_BUDGET_PER_MINUTE`: points each token's subject may spend a minute, shared by
    every server process."""

    anonymous_budget_per_minute: int = 500_000
    """`FIVESOC_ANONYMOUS_BUDGET_PER_MINUTE`: points each client address may spend a minute
    without a token."""

    reads: str = "compiled"
    """`FIVESOC_READS`: how query operations are answered: `compiled` (one SQL statement where
    the compiler can, else executed), `executed` (every field resolved in Python), or `verify`
    (both, answering with the executed result and reporting any difference)."""

    max_body_bytes: int = 1_000_000
    """`FIVESOC_MAX_BODY_BYTES`: largest request body; a larger one is refused (413) unread."""

    max_upload_bytes: int = 100_000_000
    """`FIVESOC_MAX_UPLOAD_BYTES`: largest multipart request (a spreadsheet uploaded to
    `importSheet`); a larger one is refused (413) unread."""

    max_string_length: int = 10_000
    """`FIVESOC_MAX_STRING_LENGTH`: longest string a request's variables or literals may hold."""

    max_list_items: int = 1_000
    """`FIVESOC_MAX_LIST_ITEMS`: most items a list in a request's variables may hold."""

    max_search_length: int = 100
    """`FIVESOC_MAX_SEARCH_LENGTH`: longest text a `search` argument may hold."""

    statement_timeout_ms: int = 15_000
    """`FIVESOC_STATEMENT_TIMEOUT_MS`: longest a request's SQL statement may run before
    PostgreSQL cancels it (the request then gets a TIMEOUT error)."""

    ws_init_timeout_s: int = 10
    """`FIVESOC_WS_INIT_TIMEOUT_S`: seconds a WebSocket may wait before `connection_init`;
    then it is closed (4408), under either protocol."""

    cors_origins: tuple[str, ...] = ()
    """`FIVESOC_CORS_ORIGINS`: origins (comma-separated, e.g. `https://app.example.org`) whose
    browser pages may call the API; none by default. `*` allows every origin."""

    log_format: str = "text"
    """`FIVESOC_LOG_FORMAT`: `text` (one readable line a record) or `json` (one JSON object a
    line, with the request's id; see `fivesoc.logs`)."""

    workers: int = 1
    """`FIVESOC_WORKERS`: server processes `fivesoc serve` runs on its port (`--workers`)."""

    metrics_token: str | None = None
    """`FIVESOC_METRICS_TOKEN`: the bearer token `/metrics` asks for (at least 16
    characters); unset, `/metrics` answers clients on the loopback interface only."""

    metrics_dir: Path | None = None
    """`PROMETHEUS_MULTIPROC_DIR`: where the server processes of one `fivesoc serve` keep their
    metrics; `fivesoc serve` sets it to a temporary folder of its own."""

    tracing: str = "off"
    """`FIVESOC_TRACING`: `off`, `otlp` (spans sent to the OpenTelemetry collector that the
    standard `OTEL_EXPORTER_OTLP_*` variables name) or `console` (spans printed); anything
    but `off` needs the `otel` extra (`pip install fivesoc[otel]`)."""

    analyses: str = "inline"
    """`FIVESOC_ANALYSES`: `inline` (each server process analyses the networks it is asked
    for) or `jobs` (workers, `fivesoc worker`, analyse them as jobs queued in PostgreSQL and
    store the results, which every server process serves)."""

    analysis_wait_s: int = 60
    """`FIVESOC_ANALYSIS_WAIT_S`: with jobs, how long a request waits for a worker's analysis
    (none stored yet, or `wait: true`) before it is answered ANALYSIS_PENDING."""

    recent_analyses_s: int = 3600
    """`FIVESOC_RECENT_ANALYSES_S`: after a write, workers recompute the networks asked for
    within that many seconds."""

    worker_heartbeat_s: int = 10
    """`FIVESOC_WORKER_HEARTBEAT_S`: how often a worker says it is alive."""

    worker_stalled_s: int = 30
    """`FIVESOC_WORKER_STALLED_S`: a worker silent that long is taken for dead, and its job
    is queued again for another worker."""

    analysis_delay_s: float = 0.0
    """`FIVESOC_ANALYSIS_DELAY_S`: seconds a worker pauses before analysing each network; for
    tests of a worker killed mid-job, 0 otherwise."""

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Read settings from `environ` (default: the process environment)."""
        env = os.environ if environ is None else environ
        defaults = cls()
        database_url = env.get("DATABASE_URL", "").strip() or None
        settings = cls(
            database_url=database_url,
            data_dir=Path(env.get("FIVESOC_DATA_DIR", "") or defaults.data_dir),
            host=env.get("FIVESOC_HOST", "") or defaults.host,
            port=_int(env, "FIVESOC_PORT", defaults.port, low=1, high=65535),
            pool_min_size=_int(env, "FIVESOC_POOL_MIN_SIZE", defaults.pool_min_size, low=0),
            pool_max_size=_int(env, "FIVESOC_POOL_MAX_SIZE", defaults.pool_max_size, low=1),
            default_page_size=_int(
                env, "FIVESOC_DEFAULT_PAGE_SIZE", defaults.default_page_size, low=1
            ),
            max_page_size=_int(env, "FIVESOC_MAX_PAGE_SIZE", defaults.max_page_size, low=1),
            log_level=_choice(
                env, "FIVESOC_LOG_LEVEL", defaults.log_level, ("debug", "info", "warning", "error")
            ),
            secret_key=env.get("FIVESOC_SECRET_KEY", "") or None,
            previous_secret_keys=tuple(
                key.strip()
                for key in env.get("FIVESOC_PREVIOUS_SECRET_KEYS", "").split(",")
                if key.strip()
            ),
            token_lifetime_s=_int(
                env, "FIVESOC_TOKEN_LIFETIME_S", defaults.token_lifetime_s, low=60
            ),
            oidc_issuer=env.get("FIVESOC_OIDC_ISSUER", "").strip() or None,
            oidc_audience=env.get("FIVESOC_OIDC_AUDIENCE", "").strip() or None,
            oidc_role_claim=env.get("FIVESOC_OIDC_ROLE_CLAIM", "").strip()
            or defaults.oidc_role_claim,
            oidc_regions_claim=env.get("FIVESOC_OIDC_REGIONS_CLAIM", "").strip()
            or defaults.oidc_regions_claim,
            revocation_refresh_s=_int(
                env, "FIVESOC_REVOCATION_REFRESH_S", defaults.revocation_refresh_s, low=1
            ),
            max_depth=_int(env, "FIVESOC_MAX_DEPTH", defaults.max_depth, low=1),
            max_tokens=_int(env, "FIVESOC_MAX_TOKENS", defaults.max_tokens, low=10),
            max_aliases=_int(env, "FIVESOC_MAX_ALIASES", defaults.max_aliases, low=0),
            subscriber_queue=_int(
                env, "FIVESOC_SUBSCRIBER_QUEUE", defaults.subscriber_queue, low=1
            ),
            max_network_actors=_int(
                env, "FIVESOC_MAX_NETWORK_ACTORS", defaults.max_network_actors, low=1
            ),
            max_job_actors=_int(env, "FIVESOC_MAX_JOB_ACTORS", defaults.max_job_actors, low=1),
            max_cost=_int(env, "FIVESOC_MAX_COST", defaults.max_cost, low=0),
            budget_per_minute=_int(
                env, "FIVESOC_BUDGET_PER_MINUTE", defaults.budget_per_minute, low=1
            ),
            anonymous_budget_per_minute=_int(
                env,
                "FIVESOC_ANONYMOUS_BUDGET_PER_MINUTE",
                defaults.anonymous_budget_per_minute,
                low=1,
            ),
            reads=_choice(env, "FIVESOC_READS", defaults.reads, READS),
            max_body_bytes=_int(env, "FIVESOC_MAX_BODY_BYTES", defaults.max_body_bytes, low=1024),
            max_upload_bytes=_int(
                env, "FIVESOC_MAX_UPLOAD_BYTES", defaults.max_upload_bytes, low=1024
            ),
            max_string_length=_int(
                env, "FIVESOC_MAX_STRING_LENGTH", defaults.max_string_length, low=1
            ),
            max_list_items=_int(env, "FIVESOC_MAX_LIST_ITEMS", defaults.max_list_items, low=1),
            max_search_length=_int(
                env, "FIVESOC_MAX_SEARCH_LENGTH", defaults.max_search_length, low=1
            ),
            statement_timeout_ms=_int(
                env, "FIVESOC_STATEMENT_TIMEOUT_MS", defaults.statement_timeout_ms, low=0
            ),
            ws_init_timeout_s=_int(
                env, "FIVESOC_WS_INIT_TIMEOUT_S", defaults.ws_init_timeout_s, low=1
            ),
            cors_origins=tuple(
                origin.strip()
                for origin in env.get("FIVESOC_CORS_ORIGINS", "").split(",")
                if origin.strip()
            ),
            log_format=_choice(env, "FIVESOC_LOG_FORMAT", defaults.log_format, LOG_FORMATS),
            workers=_int(env, "FIVESOC_WORKERS", defaults.workers, low=1, high=64),
            metrics_token=env.get("FIVESOC_METRICS_TOKEN", "").strip() or None,
            metrics_dir=Path(env["PROMETHEUS_MULTIPROC_DIR"])
            if env.get("PROMETHEUS_MULTIPROC_DIR", "").strip()
            else None,
            tracing=_choice(env, "FIVESOC_TRACING", defaults.tracing, TRACING),
            analyses=_choice(env, "FIVESOC_ANALYSES", defaults.analyses, ANALYSES),
            analysis_wait_s=_int(
                env, "FIVESOC_ANALYSIS_WAIT_S", defaults.analysis_wait_s, low=1, high=3600
            ),
            recent_analyses_s=_int(
                env, "FIVESOC_RECENT_ANALYSES_S", defaults.recent_analyses_s, low=1
            ),
            worker_heartbeat_s=_int(
                env, "FIVESOC_WORKER_HEARTBEAT_S", defaults.worker_heartbeat_s, low=1
            ),
            worker_stalled_s=_int(
                env, "FIVESOC_WORKER_STALLED_S", defaults.worker_stalled_s, low=2
            ),
            analysis_delay_s=_float(
                env, "FIVESOC_ANALYSIS_DELAY_S", defaults.analysis_delay_s, low=0.0, high=600.0
            ),
        )
        if settings.worker_stalled_s <= settings.worker_heartbeat_s:
            raise SettingsError(
                "FIVESOC_WORKER_STALLED_S must exceed FIVESOC_WORKER_HEARTBEAT_S, or live "
                f"workers would be taken for dead ({settings.worker_stalled_s} <= "
                f"{settings.worker_heartbeat_s})"
            )
        if settings.metrics_token is not None and len(settings.metrics_token) < 16:
            raise SettingsError("FIVESOC_METRICS_TOKEN must be at least 16 characters long")
        for name, key in (
            ("FIVESOC_SECRET_KEY", settings.secret_key),
            *(("FIVESOC_PREVIOUS_SECRET_KEYS", key) for key in settings.previous_secret_keys),
        ):
            if key is not None:
                try:
                    check_key(key, name)
                except ValueError as error:
                    raise SettingsError(str(error)) from None
        if settings.oidc_issuer is not None and settings.oidc_audience is None:
            raise SettingsError("FIVESOC_OIDC_AUDIENCE must be set with FIVESOC_OIDC_ISSUER")
        if settings.pool_min_size > settings.pool_max_size:
            raise SettingsError(
                "FIVESOC_POOL_MIN_SIZE must not exceed FIVESOC_POOL_MAX_SIZE "
                f"({settings.pool_min_size} > {settings.pool_max_size})"
            )
        smallest = min(settings.budget_per_minute, settings.anonymous_budget_per_minute)
        if settings.max_cost > smallest:
            raise SettingsError(
                "FIVESOC_MAX_COST must not exceed either budget a minute, or an operation "
                f"allowed could never be paid for ({settings.max_cost} > {smallest})"
            )
        if settings.default_page_size > settings.max_page_size:
            raise SettingsError(
                "FIVESOC_DEFAULT_PAGE_SIZE must not exceed FIVESOC_MAX_PAGE_SIZE "
                f"({settings.default_page_size} > {settings.max_page_size})"
            )
        return settings

    def with_database_url(self, url: str) -> Settings:
        """The same settings, pointing at the server `url` (e.g. a started embedded one)."""
        return dataclasses.replace(self, database_url=url)

    @property
    def embedded_pgdata(self) -> Path:
        """Where the embedded server keeps its data."""
        return self.data_dir / "pgdata"


READS = ("compiled", "executed", "verify")
LOG_FORMATS = ("text", "json")
TRACING = ("off", "otlp", "console")
ANALYSES = ("inline", "jobs")


def _int(
    env: Mapping[str, str], name: str, default: int, *, low: int, high: int | None = None
) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise SettingsError(f"{name} must be a whole number, got {raw!r}") from None
    if value < low or (high is not None and value > high):
        bounds = f"at least {low}" if high is None else f"between {low} and {high}"
        raise SettingsError(f"{name} must be {bounds}, got {value}")
    return value


def _float(env: Mapping[str, str], name: str, default: float, *, low: float, high: float) -> float:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise SettingsError(f"{name} must be a number, got {raw!r}") from None
    if not low <= value <= high:
        raise SettingsError(f"{name} must be between {low:g} and {high:g}, got {value:g}")
    return value


def _choice(env: Mapping[str, str], name: str, default: str, choices: tuple[str, ...]) -> str:
    raw = env.get(name, "").strip().lower()
    if not raw:
        return default
    if raw not in choices:
        raise SettingsError(f"{name} must be one of {', '.join(choices)}, got {raw!r}")
    return raw
