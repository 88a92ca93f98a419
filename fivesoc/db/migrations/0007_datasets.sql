-- Datasets loaded into this database (the demo data, generated networks), so that loading one
-- twice changes nothing.

create table dataset (
    name        text primary key check (btrim(name) <> ''),
    detail      jsonb not null default '{}'::jsonb,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now()
);
select fivesoc_track_updates('dataset');
