-- What reports name that had no home: programmes, practices, brands and channels (三项工程,
-- 五张金名片, 四点半课堂, 四个强化, an exam support group), and the policy documents, notices,
-- meetings and observances behind the work. Both are general: kinds of thing, not this
-- report's things, so another report fits without a migration. A practice may have parts
-- (the three projects of 三项工程).
--
-- Dates a source gives only as a year or a month keep how precise they are, beside the date
-- (the first day of the year or month stands for it). A campaign names the groups it
-- targets. An activity's person-times may be unreported (null). Community hospitals are
-- service sites.

create table practice (
    id               bigint generated always as identity primary key,
    region_id        bigint not null references region (id) on delete restrict,
    parent_id        bigint references practice (id) on delete restrict,
    kind             text not null check (kind in (
                         'programme', 'brand', 'method', 'service', 'platform')),
    name             text not null check (btrim(name) <> ''),
    description      text check (btrim(description) <> ''),
    owner_id         bigint references actor (id) on delete set null,
    started_on       date,
    started_on_precision text not null default 'day'
                         check (started_on_precision in ('year', 'month', 'day')),
    source           text check (btrim(source) <> ''),
    quote            text check (btrim(quote) <> ''),
    is_illustrative  boolean not null default false,
    version          integer not null default 1 check (version >= 1),
    archived_at      timestamptz,
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now(),
    constraint practice_region_id_name_key unique (region_id, name)
);
create index practice_parent_id_idx on practice (parent_id);
create index practice_owner_id_idx on practice (owner_id);
create index practice_name_trgm on practice using gin (name gin_trgm_ops);
select fivesoc_track_updates('practice');

create table policy_event (
    id               bigint generated always as identity primary key,
    region_id        bigint not null references region (id) on delete restrict,
    kind             text not null check (kind in (
                         'document', 'notice', 'work_plan', 'meeting', 'observance')),
    title            text not null check (btrim(title) <> ''),
    issued_by        text check (btrim(issued_by) <> ''),
    organization_id  bigint references organization (id) on delete set null,
    dated_on         date,
    dated_on_precision text not null default 'day'
                         check (dated_on_precision in ('year', 'month', 'day')),
    summary          text check (btrim(summary) <> ''),
    source           text check (btrim(source) <> ''),
    quote            text check (btrim(quote) <> ''),
    version          integer not null default 1 check (version >= 1),
    archived_at      timestamptz,
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now(),
    constraint policy_event_region_id_title_key unique (region_id, title)
);
create index policy_event_organization_id_idx on policy_event (organization_id);
create index policy_event_title_trgm on policy_event using gin (title gin_trgm_ops);
select fivesoc_track_updates('policy_event');

alter table community add column founded_on_precision text not null default 'day'
    check (founded_on_precision in ('year', 'month', 'day'));
alter table agreement add column signed_on_precision text not null default 'day'
    check (signed_on_precision in ('year', 'month', 'day'));
alter table practice_base add column established_on_precision text not null default 'day'
    check (established_on_precision in ('year', 'month', 'day'));
alter table training_programme add column started_on_precision text not null default 'day'
    check (started_on_precision in ('year', 'month', 'day'));
alter table door_knocking_campaign add column starts_on_precision text not null default 'day'
    check (starts_on_precision in ('year', 'month', 'day'));
alter table activity add column held_on_precision text not null default 'day'
    check (held_on_precision in ('year', 'month', 'day'));

alter table door_knocking_campaign add column target_groups text[] not null default '{}'
    check (target_groups <@ array[
        'orphan', 'de_facto_unsupported_child', 'elderly_special_hardship',
        'minimum_allowance', 'extreme_poverty', 'left_behind_child', 'living_alone']::text[]);

alter table activity alter column person_times drop not null;
alter table activity alter column person_times drop default;

alter table service_site drop constraint service_site_kind_check;
alter table service_site add constraint service_site_kind_check check (kind in (
    'social_work_station', 'neighbourhood_centre', 'service_complex', 'party_mass_centre',
    'childrens_home', 'community_hospital'));
