-- Foundation: extensions, the updated_at trigger, administrative regions and the actor registry.

create extension if not exists ltree;
create extension if not exists pg_trgm;

-- Every table carries created_at/updated_at; this trigger keeps updated_at honest.
create function fivesoc_set_updated_at() returns trigger
language plpgsql as $$
begin
    new.updated_at := now();
    return new;
end;
$$;

create function fivesoc_track_updates(target regclass) returns void
language plpgsql as $$
begin
    execute format(
        'create trigger set_updated_at before update on %s '
        'for each row execute function fivesoc_set_updated_at()',
        target
    );
end;
$$;

-- Administrative regions: province → city → county/district → township/street.
create table region (
    id          bigint generated always as identity primary key,
    parent_id   bigint references region (id) on delete restrict,
    level       text not null check (level in ('province', 'city', 'county', 'township')),
    name        text not null check (btrim(name) <> ''),
    -- ltree of ancestor ids including this region, e.g. '1.4.9'; maintained by trigger.
    path        ltree not null,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now(),
    constraint region_root_is_province check ((parent_id is null) = (level = 'province'))
);
create unique index region_name_unique_in_parent
    on region (coalesce(parent_id, 0), name);
create index region_parent_id_idx on region (parent_id);
create index region_path_gist on region using gist (path);
create index region_level_idx on region (level);
create index region_name_trgm on region using gin (name gin_trgm_ops);
select fivesoc_track_updates('region');

create function fivesoc_region_path() returns trigger
language plpgsql as $$
declare
    parent_path ltree;
    parent_level text;
begin
    if tg_op = 'UPDATE' and new.parent_id is distinct from old.parent_id then
        raise exception 'a region cannot be moved to another parent'
            using errcode = 'check_violation', constraint = 'region_parent_fixed';
    end if;
    if new.parent_id is null then
        new.path := text2ltree(new.id::text);
        return new;
    end if;
    select path, level into parent_path, parent_level from region where id = new.parent_id;
    if (parent_level, new.level) not in (
        ('province', 'city'), ('city', 'county'), ('county', 'township')
    ) then
        raise exception 'a % region cannot be inside a % region', new.level, parent_level
            using errcode = 'check_violation', constraint = 'region_level_order';
    end if;
    new.path := parent_path || text2ltree(new.id::text);
    return new;
end;
$$;

create trigger region_path before insert or update of parent_id, level on region
    for each row execute function fivesoc_region_path();

-- Every actor of the five-society network (and its partners) has one row here, so that
-- collaboration links and project participation can reference any of them with a real
-- foreign key. Each actor table shares its primary key with this table and pins its kind.
create table actor (
    id          bigint generated always as identity primary key,
    kind        text not null check (kind in (
                    'community', 'organization', 'university', 'social_worker',
                    'volunteer_team', 'charity_resource')),
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now(),
    unique (id, kind)
);
create index actor_kind_idx on actor (kind);
select fivesoc_track_updates('actor');
