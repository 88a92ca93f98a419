-- Charity resources and their allocations, collaboration links, reported indicators.

create table charity_resource (
    id           bigint primary key,
    actor_kind   text not null default 'charity_resource' check (actor_kind = 'charity_resource'),
    region_id    bigint not null references region (id) on delete restrict,
    donor_id     bigint references actor (id) on delete set null,
    kind         text not null check (kind in ('funds', 'goods', 'services', 'venue')),
    source       text not null check (source in (
                     'donor', 'government_budget', 'higher_level_funds', 'social_donation')),
    name         text not null check (btrim(name) <> ''),
    amount       numeric(14, 2) not null check (amount >= 0),
    unit         text not null default 'yuan' check (btrim(unit) <> ''),
    year         integer check (year between 1949 and 2100),
    received_on  date,
    created_at   timestamptz not null default now(),
    updated_at   timestamptz not null default now(),
    foreign key (id, actor_kind) references actor (id, kind) on delete cascade,
    unique (region_id, name)
);
create index charity_resource_region_id_idx on charity_resource (region_id);
create index charity_resource_donor_id_idx on charity_resource (donor_id);
create index charity_resource_kind_idx on charity_resource (kind);
create index charity_resource_source_idx on charity_resource (source);
create index charity_resource_year_idx on charity_resource (year);
create index charity_resource_name_trgm on charity_resource using gin (name gin_trgm_ops);
select fivesoc_track_updates('charity_resource');

-- Where a resource went: exactly one of a project, a community or a household need.
create table resource_allocation (
    id            bigint generated always as identity primary key,
    resource_id   bigint not null references charity_resource (id) on delete restrict,
    project_id    bigint references project (id) on delete restrict,
    community_id  bigint references community (id) on delete restrict,
    need_id       bigint references need (id) on delete restrict,
    amount        numeric(14, 2) not null check (amount > 0),
    purpose       text not null default '',
    allocated_on  date not null,
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now(),
    check (num_nonnulls(project_id, community_id, need_id) = 1)
);
create index resource_allocation_resource_id_idx on resource_allocation (resource_id);
create index resource_allocation_project_id_idx on resource_allocation (project_id);
create index resource_allocation_community_id_idx on resource_allocation (community_id);
create index resource_allocation_need_id_idx on resource_allocation (need_id);
create index resource_allocation_allocated_on_idx on resource_allocation (allocated_on);
select fivesoc_track_updates('resource_allocation');

-- Collaboration links between actors, first-class rows. A link is undirected unless its kind
-- says otherwise (resource_flow and referral run from source to target). Each link says what
-- it rests on: a project, an agreement, or the words of the report in `evidence`; links drawn
-- for illustration only are marked as such.
create table collaboration_link (
    id            bigint generated always as identity primary key,
    source_id     bigint not null references actor (id) on delete cascade,
    target_id     bigint not null references actor (id) on delete cascade,
    kind          text not null check (kind in (
                      'partnership', 'agreement', 'co_participation', 'resource_flow',
                      'referral', 'employment', 'guidance', 'membership')),
    since         date,
    until         date,
    weight        numeric(8, 3) not null default 1 check (weight > 0),
    project_id    bigint references project (id) on delete set null,
    agreement_id  bigint references agreement (id) on delete set null,
    evidence      text not null check (btrim(evidence) <> ''),
    is_illustrative boolean not null default false,
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now(),
    check (source_id <> target_id),
    check (until is null or since is null or until >= since)
);
create unique index collaboration_link_unique
    on collaboration_link (source_id, target_id, kind, coalesce(project_id, 0), coalesce(agreement_id, 0));
create index collaboration_link_source_id_idx on collaboration_link (source_id);
create index collaboration_link_target_id_idx on collaboration_link (target_id);
create index collaboration_link_kind_idx on collaboration_link (kind);
create index collaboration_link_project_id_idx on collaboration_link (project_id);
create index collaboration_link_agreement_id_idx on collaboration_link (agreement_id);
create index collaboration_link_since_idx on collaboration_link (since);
select fivesoc_track_updates('collaboration_link');

-- Figures published for a region and period, with their source, kept beside what the records
-- add up to. `qualifier` keeps the report's own precision ("more than 130,000").
create table reported_indicator (
    id            bigint generated always as identity primary key,
    region_id     bigint not null references region (id) on delete restrict,
    metric        text not null check (metric ~ '^[a-z][a-z0-9_]*$'),
    label         text not null check (btrim(label) <> ''),
    value         numeric(16, 2) not null check (value >= 0),
    unit          text not null check (btrim(unit) <> ''),
    qualifier     text not null default 'exact' check (qualifier in ('exact', 'more_than', 'about')),
    period_start  date not null,
    period_end    date not null,
    source        text not null check (btrim(source) <> ''),
    quote         text,
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now(),
    unique (region_id, metric, period_start, period_end),
    check (period_end >= period_start)
);
create index reported_indicator_region_id_idx on reported_indicator (region_id);
create index reported_indicator_metric_idx on reported_indicator (metric);
create index reported_indicator_period_idx on reported_indicator (period_start, period_end);
select fivesoc_track_updates('reported_indicator');
