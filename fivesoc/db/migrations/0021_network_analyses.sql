-- Network analyses as durable jobs: each network asked for (scope, window, link kinds) has a
-- row of `network_request`, and each analysis a worker stored, one row of
-- `network_analysis` per request and data version. The jobs themselves live in the queue's
-- own tables (Procrastinate's, created by `fivesoc db migrate` after the migrations).
create table network_request (
    -- The request as canonical JSON text (`NetworkRequest.key`).
    request_key   text primary key,
    request       jsonb not null,
    -- When a server last served or asked for it: workers recompute the recent ones after a
    -- write.
    asked_at      timestamptz not null default now(),
    -- The job computing it now (or last), what it is doing and how far it is.
    job_id        bigint,
    stage         text,
    progress      real not null default 0 check (progress between 0 and 1),
    progress_at   timestamptz
);
create index network_request_asked_at_idx on network_request (asked_at);

create table network_analysis (
    id                         bigint generated always as identity primary key,
    request_key                text not null
                               references network_request (request_key) on delete cascade,
    -- The data version it was computed at: the change log's last id and the datasets loaded.
    events_version             bigint not null,
    datasets_version           integer not null,
    computed_at                timestamptz not null default now(),
    seconds                    double precision not null check (seconds >= 0),
    worker                     text not null,
    -- One element per actor, in ascending actor id.
    actor_ids                  bigint[] not null,
    kinds                      text[] not null,
    societies                  text[] not null,
    labels                     text[] not null,
    boundary                   boolean[] not null,
    degree                     integer[] not null,
    strength                   double precision[] not null,
    betweenness                double precision[] not null,
    pagerank                   double precision[] not null,
    cluster                    integer[] not null,
    burt_constraint            double precision[] not null,
    effective_size             double precision[] not null,
    coordinator                integer[] not null,
    itinerant                  integer[] not null,
    representative_gatekeeper  integer[] not null,
    liaison                    integer[] not null,
    -- One element per link, in ascending (smaller id, larger id); each kind's weight.
    link_sources               bigint[] not null,
    link_targets               bigint[] not null,
    link_weights               double precision[] not null,
    link_kinds                 jsonb not null,
    -- The brokerage rankings, and the network-wide results (summary, clusters, bridges,
    -- cut vertices, gateways, every community's linkage index).
    by_constraint              bigint[] not null,
    by_effective_size          bigint[] not null,
    by_brokerage               bigint[] not null,
    facts                      jsonb not null,
    unique (request_key, events_version, datasets_version),
    check (cardinality(actor_ids) = cardinality(degree)
           and cardinality(link_sources) = cardinality(link_targets))
);
