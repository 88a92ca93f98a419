-- Communities and villages with their compounds, grids and micro-grids; service sites.

create table community (
    id                   bigint primary key,
    actor_kind           text not null default 'community' check (actor_kind = 'community'),
    region_id            bigint not null references region (id) on delete restrict,
    kind                 text not null default 'community' check (kind in ('community', 'village')),
    name                 text not null check (btrim(name) <> ''),
    status               text not null default 'active' check (status in ('preparing', 'active', 'merged')),
    founded_on           date,
    resident_population  integer check (resident_population >= 0),
    created_at           timestamptz not null default now(),
    updated_at           timestamptz not null default now(),
    foreign key (id, actor_kind) references actor (id, kind) on delete cascade,
    unique (region_id, name)
);
create index community_region_id_idx on community (region_id);
create index community_kind_idx on community (kind);
create index community_status_idx on community (status);
create index community_founded_on_idx on community (founded_on);
create index community_name_trgm on community using gin (name gin_trgm_ops);
select fivesoc_track_updates('community');

-- Property-managed residential compounds (物管小区).
create table compound (
    id            bigint generated always as identity primary key,
    community_id  bigint not null references community (id) on delete cascade,
    name          text not null check (btrim(name) <> ''),
    -- True where the report counts this record but does not name it: the name stands in.
    is_illustrative  boolean not null default false,
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now(),
    unique (community_id, name)
);
create index compound_community_id_idx on compound (community_id);
select fivesoc_track_updates('compound');

-- Grids (网格) and micro-grids (微网格).
create table grid (
    id                  bigint generated always as identity primary key,
    community_id        bigint not null references community (id) on delete cascade,
    name                text not null check (btrim(name) <> ''),
    resident_estimate   integer check (resident_estimate >= 0),
    created_at          timestamptz not null default now(),
    updated_at          timestamptz not null default now(),
    unique (community_id, name)
);
create index grid_community_id_idx on grid (community_id);
select fivesoc_track_updates('grid');

create table micro_grid (
    id            bigint generated always as identity primary key,
    grid_id       bigint not null references grid (id) on delete cascade,
    name          text not null check (btrim(name) <> ''),
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now(),
    unique (grid_id, name)
);
create index micro_grid_grid_id_idx on micro_grid (grid_id);
select fivesoc_track_updates('micro_grid');

-- Service sites: social-work stations, happiness-neighbourhood centres, service complexes,
-- party-and-mass service centres, children's homes.
create table service_site (
    id            bigint generated always as identity primary key,
    region_id     bigint not null references region (id) on delete restrict,
    community_id  bigint references community (id) on delete set null,
    kind          text not null check (kind in (
                      'social_work_station', 'neighbourhood_centre', 'service_complex',
                      'party_mass_centre', 'childrens_home')),
    name          text not null check (btrim(name) <> ''),
    -- True where the report counts this record but does not name it: the name stands in.
    is_illustrative  boolean not null default false,
    opened_on     date,
    closed_on     date,
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now(),
    unique (region_id, kind, name),
    check (closed_on is null or opened_on is null or closed_on >= opened_on)
);
create index service_site_region_id_idx on service_site (region_id);
create index service_site_community_id_idx on service_site (community_id);
create index service_site_kind_idx on service_site (kind);
create index service_site_opened_on_idx on service_site (opened_on);
create index service_site_name_trgm on service_site using gin (name gin_trgm_ops);
select fivesoc_track_updates('service_site');
