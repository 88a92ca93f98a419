-- Door-knocking campaigns (敲门行动): vulnerable households, their members, visits and needs.
-- These rows describe vulnerable people; columns marked "personal" are guarded by the API.

create table door_knocking_campaign (
    id            bigint generated always as identity primary key,
    region_id     bigint not null references region (id) on delete restrict,
    organizer_id  bigint references organization (id) on delete set null,
    name          text not null check (btrim(name) <> ''),
    starts_on     date not null,
    ends_on       date,
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now(),
    unique (region_id, name),
    check (ends_on is null or ends_on >= starts_on)
);
create index door_knocking_campaign_region_id_idx on door_knocking_campaign (region_id);
create index door_knocking_campaign_organizer_id_idx on door_knocking_campaign (organizer_id);
create index door_knocking_campaign_starts_on_idx on door_knocking_campaign (starts_on);
select fivesoc_track_updates('door_knocking_campaign');

create table household (
    id              bigint generated always as identity primary key,
    region_id       bigint not null references region (id) on delete restrict,
    community_id    bigint references community (id) on delete set null,
    -- Vulnerability categories; at least one.
    categories      text[] not null check (
                        cardinality(categories) > 0 and categories <@ array[
                            'orphan', 'de_facto_unsupported_child', 'elderly_special_hardship',
                            'minimum_allowance', 'extreme_poverty', 'left_behind_child',
                            'living_alone']::text[]),
    head_name       text not null check (btrim(head_name) <> ''),   -- personal
    address         text,                                           -- personal
    member_count    integer not null default 1 check (member_count >= 1),
    is_fictional    boolean not null default false,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now()
);
create index household_region_id_idx on household (region_id);
create index household_community_id_idx on household (community_id);
create index household_categories_gin on household using gin (categories);
select fivesoc_track_updates('household');

create table household_member (
    id            bigint generated always as identity primary key,
    household_id  bigint not null references household (id) on delete cascade,
    full_name     text not null check (btrim(full_name) <> ''),    -- personal
    relation      text not null check (relation in (
                      'head', 'spouse', 'child', 'grandchild', 'parent', 'grandparent', 'sibling', 'other')),
    birth_year    integer check (birth_year between 1900 and 2100),
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now()
);
create index household_member_household_id_idx on household_member (household_id);
select fivesoc_track_updates('household_member');

create table visit (
    id                bigint generated always as identity primary key,
    campaign_id       bigint references door_knocking_campaign (id) on delete set null,
    household_id      bigint not null references household (id) on delete cascade,
    social_worker_id  bigint references social_worker (id) on delete set null,
    visited_on        date not null,
    notes             text not null default '',                    -- personal
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now()
);
create index visit_campaign_id_idx on visit (campaign_id);
create index visit_household_id_idx on visit (household_id);
create index visit_social_worker_id_idx on visit (social_worker_id);
create index visit_visited_on_idx on visit (visited_on);
select fivesoc_track_updates('visit');

create table need (
    id              bigint generated always as identity primary key,
    household_id    bigint not null references household (id) on delete cascade,
    visit_id        bigint references visit (id) on delete set null,
    kind            text not null check (kind in (
                        'medical', 'care', 'daily_living', 'education', 'financial',
                        'housing', 'psychological', 'family_relations', 'safety', 'other')),
    description     text not null default '',                      -- personal
    status          text not null default 'open' check (status in ('open', 'referred', 'resolved', 'closed')),
    opened_on       date not null,
    referred_to_id  bigint references organization (id) on delete set null,
    referred_on     date,
    resolved_on     date,
    closed_on       date,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    check (referred_on is null or referred_on >= opened_on),
    check (resolved_on is null or resolved_on >= opened_on),
    check (closed_on is null or closed_on >= opened_on),
    check ((status = 'referred') <= (referred_on is not null)),
    check ((status = 'resolved') <= (resolved_on is not null))
);
create index need_household_id_idx on need (household_id);
create index need_visit_id_idx on need (visit_id);
create index need_referred_to_id_idx on need (referred_to_id);
create index need_status_idx on need (status);
create index need_kind_idx on need (kind);
create index need_opened_on_idx on need (opened_on);
select fivesoc_track_updates('need');
