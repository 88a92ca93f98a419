-- The change log: every committed change appends an event in the same transaction, and
-- versions on rows that are updated, so that an update can name the version it read.

alter table project add column version integer not null default 1 check (version >= 1);
alter table need add column version integer not null default 1 check (version >= 1);
alter table charity_resource add column version integer not null default 1 check (version >= 1);

-- Events are read in (xid, id) order and only below the oldest transaction still in flight
-- (pg_snapshot_xmin): a transaction that commits late has an xid at or above that horizon, so
-- its events sort after every event a reader has already been given, and none is skipped.
create table change_event (
    id           bigint generated always as identity primary key,
    xid          xid8 not null default pg_current_xact_id(),
    type         text not null check (type ~ '^[a-z_]+\.[a-z_]+$'),
    entity_type  text not null check (btrim(entity_type) <> ''),
    entity_id    bigint not null,
    region_id    bigint references region (id) on delete set null,
    region_path  ltree,
    summary      jsonb not null default '{}'::jsonb,
    occurred_at  timestamptz not null default now(),
    created_at   timestamptz not null default now(),
    updated_at   timestamptz not null default now()
);
create index change_event_position_idx on change_event (xid, id);
create index change_event_type_idx on change_event (type);
create index change_event_region_id_idx on change_event (region_id);
create index change_event_region_path_gist on change_event using gist (region_path);
create index change_event_entity_idx on change_event (entity_type, entity_id);
select fivesoc_track_updates('change_event');
