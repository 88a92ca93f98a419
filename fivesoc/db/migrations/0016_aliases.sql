-- Other names a region, community or organization is known by: the short forms a source
-- uses (威宁自治县 for 威宁彝族回族苗族自治县), each with where it comes from. One table per
-- kind of named row, so each alias has a real foreign key to what it names. Removing an
-- alias archives it; an archived alias no longer counts for search or for uniqueness.

create table region_alias (
    id           bigint generated always as identity primary key,
    region_id    bigint not null references region (id) on delete cascade,
    name         text not null check (btrim(name) <> ''),
    source       text not null check (btrim(source) <> ''),
    version      integer not null default 1 check (version >= 1),
    archived_at  timestamptz,
    created_at   timestamptz not null default now(),
    updated_at   timestamptz not null default now()
);
create unique index region_alias_region_id_name_key
    on region_alias (region_id, name) where archived_at is null;
create index region_alias_name_trgm on region_alias using gin (name gin_trgm_ops);
select fivesoc_track_updates('region_alias');

create table community_alias (
    id            bigint generated always as identity primary key,
    community_id  bigint not null references community (id) on delete cascade,
    name          text not null check (btrim(name) <> ''),
    source        text not null check (btrim(source) <> ''),
    version       integer not null default 1 check (version >= 1),
    archived_at   timestamptz,
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now()
);
create unique index community_alias_community_id_name_key
    on community_alias (community_id, name) where archived_at is null;
create index community_alias_name_trgm on community_alias using gin (name gin_trgm_ops);
select fivesoc_track_updates('community_alias');

create table organization_alias (
    id               bigint generated always as identity primary key,
    organization_id  bigint not null references organization (id) on delete cascade,
    name             text not null check (btrim(name) <> ''),
    source           text not null check (btrim(source) <> ''),
    version          integer not null default 1 check (version >= 1),
    archived_at      timestamptz,
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now()
);
create unique index organization_alias_organization_id_name_key
    on organization_alias (organization_id, name) where archived_at is null;
create index organization_alias_name_trgm on organization_alias using gin (name gin_trgm_ops);
select fivesoc_track_updates('organization_alias');
